import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const PORT = Number(process.env.LANTERN_E2E_PORT ?? 4173);
/** The built app to serve (default dist/); lets several builds be tested side by side. */
const DIST = process.env.LANTERN_E2E_DIST ?? 'dist';

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not start at ${url}`);
}

let server: ChildProcess | undefined;

export async function setup(): Promise<void> {
  if (!existsSync(`${DIST}/index.html`)) {
    throw new Error(`${DIST}/ is missing: run \`vite build\` before the e2e tests`);
  }
  server = spawn(
    'node_modules/.bin/vite',
    ['preview', '--port', String(PORT), '--strictPort', '--outDir', DIST],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await waitFor(`http://localhost:${PORT}/`, 30_000);
}

export async function teardown(): Promise<void> {
  server?.kill('SIGTERM');
}
