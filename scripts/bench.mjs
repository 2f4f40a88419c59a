// `npm run bench`: prints performance figures as JSON lines (one per measurement),
// each tagged with the backend/runtime it ran on. No pass/fail: the figures go into
// BENCHMARKS.md with the date, machine and command.
//
//   node scripts/bench.mjs [--no-build] [--only=first-load,answer,select,grouping,kt,record-node,answer-outbox,answer-outbox-node,select-node,grouping-node,progress-node,bank-read]
import { spawn, spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { build as esbuild } from 'esbuild';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
const only = (args.find((a) => a.startsWith('--only=')) ?? '').slice(7).split(',').filter(Boolean);
const want = (name) => only.length === 0 || only.includes(name);
const PORT = 4174;
const ORIGIN = `http://localhost:${PORT}`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const round = (x) => Math.round(x * 1000) / 1000;
const emit = (o) => console.log(JSON.stringify(o));

function sh(cmd, a) {
  const r = spawnSync(cmd, a, { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${a.join(' ')} failed`);
}

if (!args.includes('--no-build')) sh('node_modules/.bin/vite', ['build']);

const server = spawn('node_modules/.bin/vite', ['preview', '--port', String(PORT), '--strictPort'], {
  stdio: 'ignore',
});
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(ORIGIN)).ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}

const browser = await chromium.launch({
  executablePath: process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
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

try {
  if (want('first-load')) await firstLoad();
  if (want('answer')) await answerToFeedback();
  if (want('select')) await inBrowser('lab/bench/selection.browser.ts', 'select');
  if (want('grouping')) await inBrowser('lab/bench/grouping.browser.ts', 'grouping');
  if (want('fuzz-content')) await inBrowser('lab/bench/fuzz-content.browser.ts', 'fuzz-content');
  if (want('kt')) await ktInBrowser();
  if (want('record-node')) sh('node_modules/.bin/tsx', ['lab/bench/record-attempt.bench.ts']);
  if (want('answer-outbox')) await inBrowser('lab/bench/answer-outbox.browser.ts', 'answer-outbox');
  if (want('answer-outbox-node')) sh('node_modules/.bin/tsx', ['lab/bench/answer-outbox.bench.ts']);
  if (want('select-node')) sh('node_modules/.bin/tsx', ['lab/bench/selection.bench.ts']);
  if (want('grouping-node')) sh('node_modules/.bin/tsx', ['lab/bench/grouping.bench.ts']);
  if (want('progress-node')) sh('node_modules/.bin/tsx', ['lab/bench/progress-view.bench.ts']);
  if (want('bank-read')) await inBrowser('lab/bench/bank-read.browser.ts', 'bank-read');
} finally {
  await browser.close();
  server?.kill('SIGTERM');
}

/**
 * The knowledge-tracing worker's jobs, timed per backend in Chromium. Runs on a bare page that
 * serves the tfjs .wasm files and the base weights (no app, no service worker).
 */
async function ktInBrowser() {
  const require = createRequire(import.meta.url);
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  const code = await bundle('lab/bench/kt.browser.ts');
  const files = {
    '/': ['text/html', '<!doctype html><title>kt bench</title>'],
    '/weights.bin': ['application/octet-stream', readFileSync('models/base/weights.bin')],
  };
  for (const f of [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
  ]) {
    files['/' + f] = ['application/wasm', readFileSync(join(wasmDir, f))];
  }
  const srv = createServer((req, res) => {
    const f = files[(req.url ?? '/').split('?')[0]];
    if (!f) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': f[0] }).end(f[1]);
  });
  await new Promise((r) => srv.listen(PORT + 1, r));
  try {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT + 1}/`);
    const descriptor = JSON.parse(readFileSync('models/base/model.json', 'utf8'));
    const lines = await page.evaluate(
      async ([c, d]) => {
        (0, eval)(c);
        const w = await (await fetch('/weights.bin')).arrayBuffer();
        return globalThis.__bench.run(d, w, ['wasm', 'webgl', 'cpu']);
      },
      [code, descriptor],
    );
    for (const l of lines) emit({ ...l, runtime: 'chromium' });
    await page.close();
  } finally {
    srv.close();
  }
}

/** JavaScript fetched by the first page load, gzip-compressed (what a server sending gzip would transfer). */
async function firstLoad() {
  const context = await browser.newContext({ serviceWorkers: 'block' });
  const page = await context.newPage();
  const scripts = [];
  page.on('response', async (r) => {
    const type = r.request().resourceType();
    if (type === 'script' || r.url().endsWith('.js')) scripts.push(r);
  });
  await page.goto(ORIGIN + '/', { waitUntil: 'networkidle' });
  let raw = 0;
  let gz = 0;
  const files = [];
  for (const r of scripts) {
    const body = await r.body();
    const g = gzipSync(body, { level: 9 }).length;
    raw += body.length;
    gz += g;
    files.push({ file: new URL(r.url()).pathname, raw: body.length, gzip: g });
  }
  emit({
    bench: 'first-load-js',
    runtime: 'chromium',
    files,
    rawBytes: raw,
    gzipBytes: gz,
    gzipKB: round(gz / 1024),
  });
  await context.close();
}

/**
 * Answer → feedback in the real app with 10,000 attempts already stored for the learner:
 * the attempts are written through the app's own storage code (bench hook in a bundle),
 * then items are answered through the UI and the app's User Timing measure is read.
 */
async function answerToFeedback() {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ORIGIN + '/');
  await page.getByRole('button', { name: /Add a learner/ }).click();
  await page.getByLabel('Nickname').fill('Bench');
  // The device's first learner: the adult sets the adult passphrase with it.
  await page.locator('form[aria-busy="false"]').waitFor();
  await page.locator('#adult-pass').fill('bench adult passphrase');
  await page.locator('#adult-confirm').fill('bench adult passphrase');
  await page.getByRole('button', { name: 'Create' }).click();
  await page.locator('[data-item-id]').waitFor();
  const seedCode = await bundle('lab/bench/seed-attempts.browser.ts');
  const seeded = await page.evaluate(seedCode + '\n;globalThis.__bench.run(10000)');
  await page.reload();
  await page.locator('[data-item-id]').waitFor();
  const runs = 40;
  for (let i = 0; i < runs; i++) {
    const choice = page.locator('.choice');
    if ((await choice.count()) > 0) await choice.first().click();
    else {
      await page.locator('#answer').fill('1');
      await page.locator('#answer').press('Enter');
    }
    const before = await page.locator('[data-item-id]').getAttribute('data-item-id');
    // Next acts once the feedback has been on screen for a moment.
    await page.locator('button[data-ready="true"]').waitFor();
    await page.getByRole('button', { name: /Next/ }).click();
    await page.waitForFunction(
      (b) => document.querySelector('[data-item-id]')?.getAttribute('data-item-id') !== b,
      before,
    );
  }
  const ms = await page.evaluate(() =>
    performance.getEntriesByName('lantern:answer-to-feedback').map((e) => e.duration),
  );
  emit({
    bench: 'answer-to-feedback',
    runtime: 'chromium',
    stored: seeded,
    runs: ms.length,
    medianMs: round(median(ms)),
    p95Ms: round(pct(ms, 0.95)),
    maxMs: round(Math.max(...ms)),
  });
  await context.close();
}

async function bundle(entry) {
  const r = await esbuild({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
  });
  return r.outputFiles[0].text;
}

/** Run a bench bundle inside the app's origin in Chromium; it returns JSON lines. */
async function inBrowser(entry, name) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(ORIGIN + '/');
  const code = await bundle(entry);
  const lines = await page.evaluate(code + '\n;globalThis.__bench.run()');
  for (const l of lines) emit({ ...l, runtime: 'chromium' });
  await context.close();
  void name;
}
