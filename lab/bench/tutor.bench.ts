/**
 * `npm run tutor:bench` (issue 13): the tutor on the WASM runtime in Debian's Chromium, on the
 * built app, as an adult and a learner use it. Not part of `npm test`.
 *
 * 1. Writes a random-weight GGUF shaped like Qwen2.5-0.5B-Instruct at Q4_0 (tests/support/
 *    gguf-writer.ts, `qwen2` architecture, 151,936-token byte-level BPE vocabulary) to the temp
 *    directory, streaming, unless `--model FILE.gguf` names one; deletes it afterwards.
 * 2. A learner practises until the knowledge-tracing worker is up (Settings shows its backend).
 * 3. An adult installs the file through the data page's file input (copy + SHA-256 + runtime cache
 *    + test load), timed.
 * 4. After a reload (the model no longer in memory), the learner answers wrongly and asks
 *    "Explain this step" `--replies` times: load time (the worker's own figure), time to first
 *    token (from the click, or from the end of loading for the first reply), generated tokens per
 *    second (pieces the worker streamed, first to last), prompt tokens.
 * 5. The resident memory of the browser's process tree (VmRSS and Pss from /proc, summed) before the
 *    model is loaded, after loading, and sampled during generation; `navigator.deviceMemory` and what
 *    the install check concluded.
 *
 * Prints JSON lines and a summary. Options: --model FILE, --replies N (3), --dist DIR (dist),
 * --port N (4176), --no-build, --keep-model.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { modelFitRefusal } from '../../src/app/tutor/model-fit';
import { addFirstLearner, unlockAdult } from '../../tests/e2e/people';
import { answer, next } from '../../tests/e2e/practice-driver';
import { qwen2ShapedGgufChunks, qwen2Vocabulary } from '../../tests/support/gguf-writer';

const args = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i] ?? '';
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[i + 1];
};
const REPLIES = Number(opt('replies') ?? 3);
const DIST = opt('dist') ?? 'dist';
const PORT = Number(opt('port') ?? 4176);
const ORIGIN = `http://localhost:${PORT}`;
const given = opt('model');
const emit = (o: object): void => console.log(JSON.stringify(o));
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};
const mb = (bytes: number): number => Math.round(bytes / 1024 ** 2);

/** Words of the app's own English text, most frequent first: the fake tokenizer's whole-word tokens. */
function appWords(): string[] {
  const counts = new Map<string, number>();
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|svelte|md)$/.test(e.name) && !e.name.includes('.zh')) {
        for (const w of readFileSync(p, 'utf8').match(/[A-Za-z]+/g) ?? []) {
          counts.set(w, (counts.get(w) ?? 0) + 1);
        }
      }
    }
  };
  walk('src');
  walk('docs');
  return [...counts.entries()]
    .filter(([w, n]) => n >= 2 && w.length <= 20)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 20_000)
    .map(([w]) => w);
}

// --- the model file -----------------------------------------------------------------------------
let modelPath = given;
const words = appWords();
const vocab = qwen2Vocabulary(151_936, words);
if (!modelPath) {
  modelPath = join(tmpdir(), `lantern-qwen2-0.5b-shape-q4_0-${process.pid}.gguf`);
  const t0 = Date.now();
  const fd = openSync(modelPath, 'w');
  try {
    for (const chunk of qwen2ShapedGgufChunks({ seed: 13, words, licence: 'Apache-2.0' })) {
      writeSync(fd, chunk);
    }
  } finally {
    closeSync(fd);
  }
  emit({
    bench: 'tutor',
    step: 'model-written',
    path: modelPath,
    bytes: statSync(modelPath).size,
    ms: Date.now() - t0,
  });
}
const modelBytes = statSync(modelPath).size;

// --- the app --------------------------------------------------------------------------------------
if (!args.includes('--no-build')) {
  const r = spawnSync('node_modules/.bin/vite', ['build', '--outDir', DIST], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error('vite build failed');
}
const server = spawn(
  'node_modules/.bin/vite',
  ['preview', '--outDir', DIST, '--port', String(PORT), '--strictPort'],
  {
    stdio: 'ignore',
  },
);
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(ORIGIN)).ok) break;
  } catch {
    /* not up yet */
  }
  await new Promise((r) => setTimeout(r, 200));
}

const profile = mkdtempSync(join(tmpdir(), 'lantern-tutor-bench-'));
const chromiumPath = process.env.LANTERN_CHROMIUM ?? '/usr/bin/chromium';
const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  locale: 'en-US',
  viewport: { width: 1280, height: 800 },
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
const page = context.pages()[0] ?? (await context.newPage());
const problems: string[] = [];
page.on('pageerror', (e) => problems.push(e.message));
page.on('console', (m) => {
  if (m.type() === 'error') problems.push(m.text());
});

// Every message between the page and its tutor worker, timestamped (the KT worker's are ignored).
await context.addInitScript(() => {
  type Entry = {
    t: number;
    type: string;
    id?: number;
    ms?: number;
    text?: string;
    system?: string;
    user?: string;
  };
  const log: Entry[] = [];
  (window as unknown as { __tutorLog: Entry[] }).__tutorLog = log;
  const Native = window.Worker;
  const kinds = new Set(['loaded', 'load-failed', 'piece', 'end', 'failed']);
  window.Worker = class extends Native {
    constructor(url: string | URL, o?: WorkerOptions) {
      super(url, o);
      this.addEventListener('message', (e: MessageEvent) => {
        const d = e.data as Entry | undefined;
        if (d && typeof d === 'object' && kinds.has(d.type)) log.push({ ...d, t: performance.now() });
      });
    }
  } as typeof Worker;
  const send = Native.prototype.postMessage;
  Native.prototype.postMessage = function (this: Worker, m: unknown, ...rest: unknown[]): void {
    const d = m as Entry | undefined;
    if (d && typeof d === 'object' && (d.type === 'load' || d.type === 'generate')) {
      log.push({ ...d, t: performance.now() });
    }
    (send as (...a: unknown[]) => void).apply(this, [m, ...rest]);
  };
});

// --- memory -----------------------------------------------------------------------------------------
interface Proc {
  pid: number;
  kind: string;
  rss: number;
  pss: number;
}
function processTree(): Proc[] {
  const all = readdirSync('/proc').filter((p) => /^\d+$/.test(p));
  const parent = new Map<number, number>();
  const cmd = new Map<number, string>();
  for (const p of all) {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      parent.set(Number(p), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
      cmd.set(Number(p), readFileSync(`/proc/${p}/cmdline`, 'utf8').replaceAll('\0', ' '));
    } catch {
      /* gone */
    }
  }
  const root = [...cmd.entries()].find(
    ([pid, c]) => c.includes(`--user-data-dir=${profile}`) && !c.includes('--type=') && parent.has(pid),
  )?.[0];
  if (root === undefined) return [];
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, pp] of parent) {
      if (!tree.has(pid) && tree.has(pp)) {
        tree.add(pid);
        grew = true;
      }
    }
  }
  const out: Proc[] = [];
  for (const pid of tree) {
    try {
      const rss = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
      const pss =
        Number(/Pss:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0) * 1024;
      const c = cmd.get(pid) ?? '';
      const kind = /--type=(\S+)/.exec(c)?.[1] ?? 'browser';
      const sub = /--utility-sub-type=(\S+)/.exec(c)?.[1];
      out.push({ pid, kind: sub ? `${kind}:${sub.replace(/^.*\./, '')}` : kind, rss, pss });
    } catch {
      /* gone */
    }
  }
  return out;
}
interface Memory {
  rssMb: number;
  pssMb: number;
  rendererRssMb: number;
  processes: number;
}
function memory(): Memory {
  const ps = processTree();
  const renderers = ps.filter((p) => p.kind === 'renderer');
  return {
    rssMb: mb(ps.reduce((s, p) => s + p.rss, 0)),
    pssMb: mb(ps.reduce((s, p) => s + p.pss, 0)),
    rendererRssMb: mb(Math.max(0, ...renderers.map((p) => p.rss))),
    processes: ps.length,
  };
}
/** Samples memory every 250 ms until stopped; returns the peak sample (by Pss). */
function sampler(): { stop(): Memory } {
  let peak = memory();
  let running = true;
  const tick = (): void => {
    if (!running) return;
    const m = memory();
    if (m.pssMb > peak.pssMb) peak = m;
    setTimeout(tick, 250);
  };
  setTimeout(tick, 250);
  return {
    stop() {
      running = false;
      return peak;
    },
  };
}

// --- the learner, the adult ---------------------------------------------------------------------------
type LogEntry = {
  t: number;
  type: string;
  id?: number;
  ms?: number;
  text?: string;
  system?: string;
  user?: string;
};
const tutorLog = (p: Page): Promise<LogEntry[]> =>
  p.evaluate(() => (window as unknown as { __tutorLog: LogEntry[] }).__tutorLog);

/** Practise a few items, then wait in Settings for the knowledge-tracing worker's backend. */
async function ktWorkerUp(p: Page): Promise<string> {
  for (let i = 0; i < 3; i++) {
    await answer(p, i % 2 === 0);
    await next(p);
  }
  await p.getByRole('link', { name: 'Settings' }).click();
  const backend = p.getByTestId('backend');
  await backend.waitFor({ timeout: 120_000 });
  const text = ((await backend.textContent()) ?? '').trim();
  await p.getByRole('link', { name: 'Practice' }).click();
  await p.locator('[data-item-id]').waitFor();
  return text;
}

const summary: Record<string, unknown> = { modelBytes };
try {
  summary.chromium = spawnSync(chromiumPath, ['--version'], { encoding: 'utf8' }).stdout.trim();
  await addFirstLearner(page, { add: /Add a learner/, create: 'Create' }, 'Ana', ORIGIN);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60_000 });
  summary.ktBackend = await ktWorkerUp(page);
  const room = await page.evaluate(async () => ({
    deviceMemory: (navigator as { deviceMemory?: number }).deviceMemory,
    hardwareConcurrency: navigator.hardwareConcurrency,
    estimate: await navigator.storage.estimate(),
  }));
  summary.deviceMemoryGb = room.deviceMemory ?? null;
  summary.hardwareConcurrency = room.hardwareConcurrency;
  summary.quotaMb = mb(room.estimate.quota ?? 0);
  const refusal = modelFitRefusal(modelBytes, {
    ...(room.deviceMemory !== undefined ? { deviceMemoryGb: room.deviceMemory } : {}),
    storage: { usage: room.estimate.usage ?? 0, quota: room.estimate.quota ?? 0 },
  });
  summary.installCheck = refusal ? `refused: ${refusal.messageKey}` : 'fits';
  const memBefore = memory();
  summary.memoryBeforeInstall = memBefore;
  emit({ bench: 'tutor', step: 'kt-worker-up', ...room, memory: memBefore });

  // The adult installs the model.
  await page.evaluate(() => (location.hash = '#/data'));
  await unlockAdult(page);
  await page.locator('[data-testid=tutor-admin]').waitFor();
  const s0 = sampler();
  const t0 = Date.now();
  await page.locator('[data-testid=tutor-file]').setInputFiles(modelPath);
  await page
    .locator('[data-testid=tutor-admin][data-installed=true], [data-testid=tutor-admin-error]')
    .first()
    .waitFor({ timeout: 600_000 });
  const installMs = Date.now() - t0;
  const installPeak = s0.stop();
  const error = await page
    .locator('[data-testid=tutor-admin-error]')
    .textContent()
    .catch(() => null);
  if (await page.locator('[data-testid=tutor-admin-error]').count()) {
    throw new Error(`install refused: ${error}`);
  }
  const details = ((await page.locator('[data-testid=tutor-model-size]').textContent()) ?? '').trim();
  const installLog = await tutorLog(page);
  summary.install = {
    ms: installMs,
    details,
    testLoadMs: installLog.find((e) => e.type === 'loaded')?.ms,
    memoryPeak: installPeak,
  };
  summary.memoryAfterInstall = memory();
  emit({
    bench: 'tutor',
    step: 'installed',
    ...(summary.install as object),
    memory: summary.memoryAfterInstall,
  });

  // A reload: the model is no longer in memory. The learner practises again (KT worker up).
  await page.goto(`${ORIGIN}/`);
  await page
    .getByText(/Last practised/)
    .first()
    .click();
  await page.locator('[data-item-id]').waitFor();
  await ktWorkerUp(page);
  await page.waitForTimeout(2000);
  const memNoModel = memory();
  summary.memoryBeforeLoad = memNoModel;

  const replies: {
    ttftMs: number;
    tokens: number;
    tokensPerSecond: number;
    promptTokens: number;
    promptChars: number;
    ms: number;
  }[] = [];
  let loadMs: number | undefined;
  let memAfterLoad: Memory | undefined;
  const s1 = sampler();
  for (let r = 0; r < REPLIES; r++) {
    // Each reply on a new item, answered wrongly: its prompt shares only the system text with the
    // last one (wllama keeps the KV cache of a common prefix; the same item asked again would be
    // almost free to start).
    if (r > 0) await next(page);
    await answer(page, false);
    await page.locator('[data-testid=ask-tutor]').waitFor({ timeout: 30_000 });
    const before = (await tutorLog(page)).length;
    const clickAt = await page.evaluate(() => performance.now());
    await page.locator('[data-testid=tutor-explain]').click();
    await page
      .waitForFunction(
        () => document.querySelector('[data-testid=tutor-reply]')?.getAttribute('data-busy') === 'true',
        null,
        { timeout: 10_000 },
      )
      .catch(() => undefined);
    await page.waitForFunction(
      () => document.querySelector('[data-testid=tutor-reply]')?.getAttribute('data-busy') === 'false',
      null,
      { timeout: 600_000, polling: 500 },
    );
    const log = (await tutorLog(page)).slice(before);
    const loaded = log.find((e) => e.type === 'loaded');
    if (loaded) {
      loadMs = loaded.ms;
      memAfterLoad ??= memory();
    }
    const gen = log.find((e) => e.type === 'generate');
    const pieces = log.filter((e) => e.type === 'piece' && e.id === gen?.id);
    const first = pieces[0]?.t ?? NaN;
    const last = pieces.at(-1)?.t ?? NaN;
    const from = loaded ? Math.max(loaded.t, clickAt) : clickAt;
    const promptText = `${gen?.system ?? ''}\n${gen?.user ?? ''}`;
    const reply = {
      ttftMs: Math.round(first - from),
      tokens: pieces.length,
      tokensPerSecond: Math.round(((pieces.length - 1) / ((last - first) / 1000)) * 100) / 100,
      // ChatML framing adds ~10 tokens to the system and user text.
      promptTokens: vocab.count(promptText) + 10,
      promptChars: promptText.length,
      ms: Math.round(last - clickAt),
    };
    replies.push(reply);
    emit({ bench: 'tutor', step: 'reply', n: r + 1, ...(loaded ? { loadMs: loaded.ms } : {}), ...reply });
  }
  const genPeak = s1.stop();
  summary.loadMs = loadMs;
  summary.memoryAfterLoad = memAfterLoad;
  summary.memoryPeakDuringGeneration = genPeak;
  summary.memoryIncreasePssMb = genPeak.pssMb - memNoModel.pssMb;
  summary.memoryIncreaseRssMb = genPeak.rssMb - memNoModel.rssMb;
  summary.replies = replies;
  summary.median = {
    ttftMs: median(replies.map((r) => r.ttftMs)),
    ttftLaterMs: median(replies.slice(1).map((r) => r.ttftMs)),
    tokensPerSecond: median(replies.map((r) => r.tokensPerSecond)),
    tokens: median(replies.map((r) => r.tokens)),
    promptTokens: median(replies.map((r) => r.promptTokens)),
  };
  await page.getByRole('link', { name: 'Settings' }).click();
  summary.settingsSpeed = ((await page.getByTestId('tutor-settings-speed').textContent()) ?? '').trim();
  summary.problems = problems.slice(0, 10);
  emit({ bench: 'tutor', step: 'summary', ...summary });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.kill('SIGTERM');
  if (!given && !args.includes('--keep-model')) rmSync(modelPath, { force: true });
}
