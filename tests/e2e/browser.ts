import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const ORIGIN = `http://localhost:${process.env.LANTERN_E2E_PORT ?? 4173}`;
export const SCREENSHOTS = 'tests/e2e/screenshots';
const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const VIEWPORTS = {
  phone: { width: 390, height: 844 },
  laptop: { width: 1280, height: 800 },
} as const;

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Every URL any page or the service worker requested. */
  requests: string[];
  /** Console errors and CSP violations. */
  problems: string[];
  close(): Promise<void>;
}

/** A fresh Chromium profile (its own IndexedDB, caches and service worker). */
export async function launch(
  opts: { locale?: string; viewport?: { width: number; height: number } } = {},
): Promise<Browser> {
  const dir = mkdtempSync(join(tmpdir(), 'lantern-e2e-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    locale: opts.locale ?? 'en-US',
    viewport: opts.viewport ?? VIEWPORTS.laptop,
    serviceWorkers: 'allow',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
  const requests: string[] = [];
  const problems: string[] = [];
  context.on('request', (r) => requests.push(r.url()));
  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    p.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    requests,
    problems,
    async close() {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Requests that left the app's origin (data: and blob: URLs stay on the device). */
export function foreignRequests(requests: readonly string[]): string[] {
  return requests.filter(
    (u) => !u.startsWith(ORIGIN + '/') && !u.startsWith('data:') && !u.startsWith('blob:'),
  );
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Run axe-core on the current page; returns serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  const has = await page.evaluate(() => 'axe' in window);
  if (!has) await page.evaluate(AXE_SOURCE);
  const result = (await page.evaluate(async () => {
    // @ts-expect-error injected global
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations;
  })) as AxeViolation[];
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Serious and critical axe violations on the current page, one readable line each. */
export async function axeFindings(page: Page, label: string): Promise<string[]> {
  return (await axeSerious(page)).map(
    (x) => `${label}: ${x.id} (${x.impact}) ${x.help} @ ${x.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/** Full-page screenshots at every viewport in VIEWPORTS; leaves the page at laptop size. */
export async function screenshotAll(page: Page, name: string): Promise<void> {
  for (const [vp, size] of Object.entries(VIEWPORTS)) {
    await page.setViewportSize(size);
    await screenshot(page, `${name}-${vp}`);
  }
  await page.setViewportSize(VIEWPORTS.laptop);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}
