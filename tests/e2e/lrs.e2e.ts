import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { axeFindings, launch, ORIGIN, screenshot, SCREENSHOTS, VIEWPORTS, type Browser } from './browser';
import { addFirstLearner, unlockAdult } from './people';
import { answer, next } from './practice-driver';
import { serveFolder } from './static-server';

/**
 * xAPI to a real Learning Record Store (issue 14): Learning Locker's statement service
 * (`xapi-statements`, in memory) runs as its own process on 127.0.0.1, behind a small Basic-auth
 * reverse proxy of ours (as schools put nginx in front), which logs every request and injects the
 * faults. The page may only connect to an LRS origin named at build time, so unless the build
 * being tested already allows the proxy's origin, this file builds its own copy with
 * `LANTERN_LRS_ORIGINS=http://127.0.0.1:5591` (into a temporary folder) and serves it.
 *
 * An adult configures the LRS on "Your data"; the learner answers 20 items offline; back online,
 * every statement arrives exactly once; a reply cut after the LRS stored a batch is retried
 * without a duplicate; the proxy stopped during a batch and started again loses and duplicates
 * nothing; wrong credentials give a clear message and keep the records. The teacher's device pulls
 * the class (the data page and the class view); deleting the learner voids what was sent. Every
 * request the page makes goes to the app's origin or the configured LRS, nowhere else.
 */

const PROXY_PORT = 5591;
const LRS_PORT = 5592;
const PROXY = `http://127.0.0.1:${PROXY_PORT}`;
const LRS_DIRECT = `http://127.0.0.1:${LRS_PORT}/xAPI`;
const KEY = 'tablet-7';
const SECRET = 'write only, not a real secret';
const GOOD_AUTH = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
/** The teacher's read-only credentials: the proxy lets them GET, never POST (and the tablet's the reverse). */
const READ_KEY = 'teacher-read';
const READ_SECRET = 'reads the class';
const READ_AUTH = `Basic ${Buffer.from(`${READ_KEY}:${READ_SECRET}`).toString('base64')}`;

let lrs: ChildProcess | undefined;
let proxy: Server | undefined;
/** What the proxy saw: method, path, status it answered (or 'cut', or 'stopped' with the proxy). */
const log: { method: string; path: string; status: number | 'cut' | 'stopped'; body: string }[] = [];
let fault: 'none' | 'cut-after-store' | 'stop-after-store' = 'none';

function startProxy(): Promise<void> {
  proxy = createServer(proxyHandler);
  return new Promise<void>((r) => proxy!.listen(PROXY_PORT, '127.0.0.1', r));
}

/** The proxy goes down as a stopped process does: the port closes, open connections are reset. */
function stopProxy(): Promise<void> {
  const p = proxy;
  proxy = undefined;
  if (!p) return Promise.resolve();
  const closed = new Promise<void>((r) => p.close(() => r()));
  p.closeAllConnections();
  return closed;
}

function cors(req: IncomingMessage): Record<string, string> {
  const origin = req.headers.origin;
  return origin
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true', Vary: 'Origin' }
    : {};
}

function proxyHandler(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = Buffer.concat(chunks);
    const entry = {
      method: req.method ?? '',
      path: req.url ?? '',
      status: 0 as number | 'cut' | 'stopped',
      body: body.toString('utf8'),
    };
    log.push(entry);
    // A CORS preflight carries no credentials: it goes through as it is.
    const wanted = req.method === 'GET' ? READ_AUTH : GOOD_AUTH;
    if (req.method !== 'OPTIONS' && req.headers.authorization !== wanted) {
      entry.status = 401;
      res.writeHead(401, {
        ...cors(req),
        'Content-Type': 'application/json',
        'WWW-Authenticate': 'Basic realm="lrs"',
      });
      res.end('{"message":"unauthorised"}');
      return;
    }
    const up = httpRequest(
      {
        host: '127.0.0.1',
        port: LRS_PORT,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: `127.0.0.1:${LRS_PORT}` },
      },
      (upRes) => {
        const upChunks: Buffer[] = [];
        upRes.on('data', (c: Buffer) => upChunks.push(c));
        upRes.on('end', () => {
          if (fault === 'cut-after-store' && req.method === 'POST') {
            // The LRS has stored the batch; the reply never reaches the tablet.
            fault = 'none';
            entry.status = 'cut';
            req.socket.destroy();
            return;
          }
          if (fault === 'stop-after-store' && req.method === 'POST') {
            // The LRS has stored the batch, and the proxy stops before it answers.
            fault = 'none';
            entry.status = 'stopped';
            void stopProxy();
            return;
          }
          entry.status = upRes.statusCode ?? 0;
          res.writeHead(upRes.statusCode ?? 502, upRes.headers);
          res.end(Buffer.concat(upChunks));
        });
      },
    );
    up.on('error', () => {
      entry.status = 502;
      res.writeHead(502, cors(req));
      res.end();
    });
    up.end(body);
  });
}

async function waitFor(url: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url} did not answer`);
}

interface Stored {
  id: string;
  verb: { id: string };
  actor: { name?: string; account?: { name: string } };
  object: { id: string; objectType?: string };
}

/** How many statements the LRS holds with each id. */
function countById(statements: readonly Stored[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const s of statements) n.set(s.id, (n.get(s.id) ?? 0) + 1);
  return n;
}

/** Every statement the LRS holds (voided ones excluded by the LRS), following `more`. */
async function lrsStatements(): Promise<Stored[]> {
  const out: Stored[] = [];
  let url = `${LRS_DIRECT}/statements?limit=100`;
  for (;;) {
    const r = await fetch(url, {
      headers: { Authorization: GOOD_AUTH, 'X-Experience-API-Version': '1.0.3' },
    });
    const j = (await r.json()) as { statements: Stored[]; more?: string };
    out.push(...j.statements);
    if (!j.more) return out;
    url = `http://127.0.0.1:${LRS_PORT}${j.more}`;
  }
}

async function until<T>(get: () => Promise<T>, ok: (v: T) => boolean, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  let v = await get();
  while (!ok(v)) {
    if (Date.now() > end) throw new Error(`timed out; last value ${JSON.stringify(v).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 250));
    v = await get();
  }
  return v;
}

const answeredVerb = 'http://adlnet.gov/expapi/verbs/answered';
const voidedVerb = 'http://adlnet.gov/expapi/verbs/voided';

/** The full page, and the LRS section in pieces short enough to read (`lrs-section-<name>-<i>`). */
async function shoot(page: Page, name: string): Promise<void> {
  await screenshot(page, `lrs-data-${name}`);
  const box = await page.locator('[data-testid=lrs]').boundingBox();
  if (!box) return;
  const scrollY = await page.evaluate(() => window.scrollY);
  for (let y = 0, i = 0; y < box.height; y += 900, i++) {
    await page.screenshot({
      path: `${SCREENSHOTS}/lrs-section-${name}-${i}.png`,
      fullPage: true,
      clip: {
        x: 0,
        y: box.y + scrollY + y,
        width: page.viewportSize()!.width,
        height: Math.min(900, box.height - y),
      },
    });
  }
}

/** The app under test: the suite's build if it allows the proxy's origin, else our own build. */
let APP = ORIGIN;
let appServer: { origin: string; close(): Promise<void> } | undefined;
let appDir: string | undefined;

beforeAll(async () => {
  const html = await (await fetch(`${ORIGIN}/`)).text();
  if (
    !html.includes(`connect-src &#39;self&#39; ${PROXY}`) &&
    !html.includes(`connect-src 'self' ${PROXY}`)
  ) {
    // The default build allows no LRS at all (connect-src 'self'): build one that allows ours.
    appDir = mkdtempSync(join(tmpdir(), 'lantern-lrs-dist-'));
    execFileSync(
      'node_modules/.bin/vite',
      ['build', '--outDir', appDir, '--emptyOutDir', '--logLevel', 'warn'],
      {
        // A plain production build: without the test runner's variables (VITEST, NODE_ENV=test),
        // which would change what Vite and its plugins emit.
        env: {
          ...Object.fromEntries(
            Object.entries(process.env).filter(
              ([k]) => !k.startsWith('VITEST') && k !== 'NODE_ENV' && k !== 'TEST',
            ),
          ),
          LANTERN_LRS_ORIGINS: PROXY,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    appServer = await serveFolder(appDir, Number(process.env.LANTERN_E2E_PORT ?? 4173) + 11);
    APP = appServer.origin;
    const built = await (await fetch(`${APP}/`)).text();
    expect(built).toMatch(new RegExp(`connect-src (&#39;|')self(&#39;|') ${PROXY.replace(/[.]/g, '\\.')}`));
  }
  lrs = spawn(process.execPath, ['node_modules/xapi-statements/dist/server.js'], {
    env: {
      ...process.env,
      AUTH_REPO: 'test',
      EVENTS_REPO: 'test',
      MODELS_REPO: 'memory',
      STORAGE_REPO: 'memory',
      EXPRESS_PORT: String(LRS_PORT),
    },
    stdio: 'ignore',
  });
  await waitFor(`${LRS_DIRECT}/about`, 60_000);
  await startProxy();
}, 300_000);

afterAll(async () => {
  await stopProxy();
  lrs?.kill('SIGTERM');
  await appServer?.close();
  if (appDir) rmSync(appDir, { recursive: true, force: true });
});

describe('xAPI to a real LRS', () => {
  let b: Browser;
  let teacher: Browser | undefined;
  afterAll(async () => {
    await b?.close();
    await teacher?.close();
  });

  it('sends 20 answers given offline exactly once, retries a cut reply without a duplicate, and says what is wrong', async () => {
    b = await launch({ viewport: VIEWPORTS.laptop });
    const { page, context } = b;
    await addFirstLearner(page, { add: /Add a learner/, create: 'Create' }, 'Mei', APP);

    // The adult sets up the LRS on "Your data".
    await page.goto(`${APP}/#/data`);
    await unlockAdult(page);
    const section = page.locator('[data-testid=lrs]');
    await section.waitFor();
    await expect
      .poll(() => section.locator('[data-testid=lrs-status]').innerText())
      .toContain('Nothing leaves this device');
    // An origin the build does not allow is refused, saying how to allow it.
    await page.locator('#lrs-endpoint').fill('https://lrs.elsewhere.example/xapi/');
    await page.locator('#lrs-key').fill(KEY);
    await page.locator('#lrs-secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save and start sending' }).click();
    await expect
      .poll(() => page.locator('[data-testid=lrs-error]').innerText())
      .toContain('LANTERN_LRS_ORIGINS=https://lrs.elsewhere.example');
    await page.locator('#lrs-endpoint').fill(`${PROXY}/xAPI/`);
    await page.getByRole('button', { name: 'Save and start sending' }).click();
    await page.locator('[data-testid=lrs-done]').waitFor();
    await expect
      .poll(() => section.locator('[data-testid=lrs-status]').innerText())
      .toContain(`sent to ${PROXY}`);
    await expect.poll(() => page.locator('[data-testid=data-sending]').innerText()).toContain(PROXY);

    // The learner answers 20 items offline (once the service worker has the app cached).
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    await context.setOffline(true);
    await page.goto(`${APP}/#/practice`);
    const postsBefore = log.filter((l) => l.method === 'POST').length;
    const answerMs: number[] = [];
    for (let i = 0; i < 20; i++) {
      await page.locator('[data-item-id]').waitFor();
      const t0 = Date.now();
      await answer(page, i % 3 !== 2);
      answerMs.push(Date.now() - t0);
      await next(page);
    }
    expect(log.filter((l) => l.method === 'POST').length).toBe(postsBefore);
    // The learner's own Settings says where answers go, instead of "nothing is sent anywhere".
    await page.goto(`${APP}/#/settings`);
    await expect.poll(() => page.getByTestId('settings-privacy').innerText()).toContain(PROXY);
    expect(await page.getByTestId('settings-privacy').innerText()).not.toContain('Nothing is sent anywhere');
    await page.goto(`${APP}/#/practice`);
    await page.locator('[data-item-id]').waitFor();

    // Online again: every statement arrives, exactly once.
    const t0 = Date.now();
    await context.setOffline(false);
    const arrived = await until(
      lrsStatements,
      (s) => s.filter((x) => x.verb.id === answeredVerb).length >= 20,
    );
    const sendMs = Date.now() - t0;
    const answered = arrived.filter((x) => x.verb.id === answeredVerb);
    expect(answered).toHaveLength(20);
    expect(new Set(arrived.map((s) => s.id)).size).toBe(arrived.length);
    for (const s of arrived) {
      expect(s.actor.name).toBeUndefined();
      expect(JSON.stringify(s)).not.toContain('Mei');
    }
    const posts = log.filter((l) => l.method === 'POST' && l.path === '/xAPI/statements');
    console.log(
      `[lrs] 20 offline answers: median answer→feedback ${answerMs.sort((a, b) => a - b)[10]} ms; ` +
        `online → all ${arrived.length} statements in the LRS ${sendMs} ms, ${posts.length} POSTs`,
    );

    // The reply to the next batch is cut after the LRS stored it: the retry is no duplicate.
    fault = 'cut-after-store';
    const cutAt = log.length;
    for (let i = 0; i < 3; i++) {
      await answer(page, true);
      await next(page);
    }
    const after = await until(lrsStatements, (s) => s.filter((x) => x.verb.id === answeredVerb).length >= 23);
    await until(
      async () => log.slice(cutAt).filter((l) => l.method === 'POST' && l.status === 200).length,
      (n) => n >= 1,
    );
    const cut = log.slice(cutAt).filter((l) => l.method === 'POST');
    expect(cut.some((l) => l.status === 'cut')).toBe(true);
    const resent = (JSON.parse(cut.find((l) => l.status === 'cut')!.body) as { id: string }[]).map(
      (s) => s.id,
    );
    const retried = cut
      .filter((l) => l.status === 200)
      .flatMap((l) => (JSON.parse(l.body) as { id: string }[]).map((s) => s.id));
    expect(resent.some((id) => retried.includes(id))).toBe(true);
    await new Promise((r) => setTimeout(r, 1000));
    const final = await lrsStatements();
    expect(final.filter((x) => x.verb.id === answeredVerb)).toHaveLength(23);
    expect(new Set(final.map((s) => s.id)).size).toBe(final.length);
    expect(after.length).toBeLessThanOrEqual(final.length);

    // Wrong credentials: a clear message, and the records wait.
    await page.goto(`${APP}/#/data`);
    await unlockAdult(page);
    await section.waitFor();
    await page.locator('#lrs-secret').fill('not the secret');
    await page.getByRole('button', { name: 'Save and start sending' }).click();
    await page.locator('[data-testid=lrs-done]').waitFor();
    await page.goto(`${APP}/#/practice`);
    await page.locator('[data-item-id]').waitFor();
    await answer(page, true);
    await next(page);
    await page.goto(`${APP}/#/data`);
    await unlockAdult(page);
    await expect
      .poll(() => page.locator('[data-testid=lrs-problem]').getAttribute('data-code'), { timeout: 20_000 })
      .toBe('unauthorised');
    expect(await page.locator('[data-testid=lrs-problem]').innerText()).toContain(
      'refused the key and secret (error 401)',
    );
    expect(
      Number(await page.locator('[data-testid=lrs-status]').getAttribute('data-pending')),
    ).toBeGreaterThan(0);
    const problems: string[] = [];
    problems.push(...(await axeFindings(page, 'lrs en 1280')));
    await shoot(page, 'en-1280');
    await page.setViewportSize(VIEWPORTS.phone);
    await shoot(page, 'en-390');
    await page.setViewportSize(VIEWPORTS.laptop);

    // The right secret again: what waited is sent.
    await page.locator('#lrs-secret').fill(SECRET);
    await page.getByRole('button', { name: 'Save and start sending' }).click();
    await expect
      .poll(() => page.locator('[data-testid=lrs-status]').getAttribute('data-pending'), { timeout: 20_000 })
      .toBe('0');
    expect((await lrsStatements()).filter((x) => x.verb.id === answeredVerb)).toHaveLength(24);

    // The proxy is stopped during a batch (after the LRS stored it, before it answered), stays
    // down while the learner answers on, and is started again: nothing lost, nothing twice.
    await page.goto(`${APP}/#/practice`);
    await page.locator('[data-item-id]').waitFor();
    await context.setOffline(true);
    for (let i = 0; i < 3; i++) {
      await answer(page, true);
      await next(page);
    }
    fault = 'stop-after-store';
    const stopAt = log.length;
    await context.setOffline(false); // the batch of those three goes
    await until(
      () => Promise.resolve(log.slice(stopAt).some((l) => l.status === 'stopped')),
      (v) => v,
    );
    expect(proxy).toBeUndefined();
    await expect(fetch(`${PROXY}/xAPI/about`)).rejects.toThrow(); // the port is closed
    for (let i = 0; i < 2; i++) {
      await answer(page, i === 0);
      await next(page);
    }
    await new Promise((r) => setTimeout(r, 3000)); // the tablet's retries find nobody
    await startProxy();
    const back = await until(
      lrsStatements,
      (s) => s.filter((x) => x.verb.id === answeredVerb).length >= 29,
      60_000,
    );
    await new Promise((r) => setTimeout(r, 1000));
    const afterStop = await lrsStatements();
    expect(afterStop.filter((x) => x.verb.id === answeredVerb)).toHaveLength(29);
    const byId = countById(afterStop);
    const stoppedBatch = (
      JSON.parse(log.slice(stopAt).find((l) => l.status === 'stopped')!.body) as { id: string }[]
    ).map((x) => x.id);
    const sinceStop = log
      .slice(stopAt)
      .filter((l) => l.method === 'POST')
      .flatMap((l) => (JSON.parse(l.body) as { id: string }[]).map((x) => x.id));
    expect(stoppedBatch.length).toBeGreaterThanOrEqual(3);
    for (const id of sinceStop) expect(byId.get(id)).toBe(1);
    expect([...byId.values()].every((c) => c === 1)).toBe(true);
    expect(back.length).toBeLessThanOrEqual(afterStop.length);
    console.log(
      `[lrs] proxy stopped during a batch of ${stoppedBatch.length}: ` +
        `${log.slice(stopAt).filter((l) => l.method === 'POST').length} POSTs reached it, all 29 answers once`,
    );

    // In Chinese, at both widths.
    await page.goto(`${APP}/#/`);
    await page.locator('button.who').click();
    await page.getByRole('button', { name: '中文' }).click();
    await page.goto(`${APP}/#/data`);
    await unlockAdult(page);
    await section.waitFor();
    await expect
      .poll(() => section.locator('[data-testid=lrs-status]').innerText())
      .toContain('学习记录会发送到');
    problems.push(...(await axeFindings(page, 'lrs zh 1280')));
    await shoot(page, 'zh-1280');
    await page.setViewportSize(VIEWPORTS.phone);
    problems.push(...(await axeFindings(page, 'lrs zh 390')));
    await shoot(page, 'zh-390');
    expect(problems).toEqual([]);

    // A second profile, the teacher's device, pulls the class with read-only credentials.
    teacher = await launch({ viewport: VIEWPORTS.laptop });
    const tp = teacher.page;
    await addFirstLearner(tp, { add: /Add a learner/, create: 'Create' }, 'Teacher demo', APP);
    await tp.goto(`${APP}/#/data`);
    await unlockAdult(tp);
    await tp.locator('#lrs-endpoint').fill(`${PROXY}/xAPI/`);
    await tp.locator('#lrs-key').fill(KEY);
    await tp.locator('#lrs-secret').fill(SECRET);
    await tp.getByRole('button', { name: 'Save and start sending' }).click();
    await tp.locator('[data-testid=lrs-done]').waitFor();
    await tp.locator('#lrs-read-key').fill(READ_KEY);
    await tp.locator('#lrs-read-secret').fill(READ_SECRET);
    const pullStart = Date.now();
    await tp.getByRole('button', { name: 'Get the class’s records' }).click();
    const pulled = await tp.locator('[data-testid=lrs-pull-done]').innerText();
    console.log(`[lrs] teacher pull: "${pulled}" in ${Date.now() - pullStart} ms`);
    expect(pulled).toContain('29 new answers');
    expect(pulled).toContain('1 new learner');
    expect(
      log.some((l) => l.method === 'GET' && l.path.startsWith('/xAPI/statements?') && l.status === 200),
    ).toBe(true);
    // Pulling again adds nothing.
    await tp.getByRole('button', { name: 'Get the class’s records' }).click();
    await expect.poll(() => tp.locator('[data-testid=lrs-pull-done]').innerText()).toContain('0 new answers');
    // Mei is on the teacher's device under a code (names never travel through the LRS).
    await tp.goto(`${APP}/#/`);
    await expect.poll(() => tp.locator('main').innerText()).toMatch(/#[0-9a-f]{6}/);
    expect(await tp.locator('body').innerText()).not.toContain('Mei');
    const code = /#[0-9a-f]{6}/.exec(await tp.locator('main').innerText())![0];
    // …and in the class view, next to the teacher's own learner.
    await tp.goto(`${APP}/#/teacher`);
    await unlockAdult(tp);
    await expect.poll(() => tp.locator('main').innerText(), { timeout: 20_000 }).toContain(code);
    expect(await tp.locator('main').innerText()).toContain('Teacher demo');
    // The tablet (back in English) answers once more; the class view's own button gets it.
    await page.goto(`${APP}/#/`);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: /^Open Mei/ }).click();
    await page.goto(`${APP}/#/practice`);
    await page.locator('[data-item-id]').waitFor();
    await answer(page, true);
    await next(page);
    await until(lrsStatements, (s) => s.filter((x) => x.verb.id === answeredVerb).length >= 30);
    const classPull = tp.getByRole('button', { name: 'Get the class from the school’s record store' });
    await classPull.click();
    await expect
      .poll(() => tp.getByTestId('class-pull-done').innerText(), { timeout: 20_000 })
      .toContain(': 1 new answer,');
    expect(await tp.getByTestId('class-pull-done').innerText()).toContain('0 new learners');
    expect(await tp.getByTestId('class-pull').innerText()).toContain(PROXY);
    problems.push(...(await axeFindings(tp, 'class view with the pull')));
    await screenshot(tp, 'lrs-class-pull-en-1280');
    expect(problems).toEqual([]);
    expect(
      teacher.requests.filter(
        (u) =>
          !u.startsWith(`${APP}/`) &&
          !u.startsWith(`${PROXY}/`) &&
          !u.startsWith('data:') &&
          !u.startsWith('blob:'),
      ),
    ).toEqual([]);

    // The learner is deleted on the tablet: what was sent is voided in the LRS.
    await page.goto(`${APP}/#/data`);
    await unlockAdult(page);
    await expect
      .poll(() => section.locator('[data-testid=lrs-status]').getAttribute('data-pending'), {
        timeout: 20_000,
      })
      .toBe('0');
    const sentBefore = (await lrsStatements()).filter((x) => x.verb.id !== voidedVerb);
    expect(sentBefore.length).toBeGreaterThan(30);
    await page.getByRole('link', { name: 'Edit Mei' }).click();
    await page.getByRole('button', { name: /Delete Mei/ }).click();
    await page.getByRole('button', { name: 'Yes' }).click();
    const voids = await until(
      async () => (await lrsStatements()).filter((x) => x.verb.id === voidedVerb),
      (v) => v.length >= sentBefore.length,
    );
    expect(voids.map((v) => v.object.id).sort()).toEqual(sentBefore.map((x) => x.id).sort());
    expect(voids.every((v) => v.object.objectType === 'StatementRef')).toBe(true);
    // The LRS no longer returns what was voided, only the voiding statements, each once.
    const left = await lrsStatements();
    expect(left.filter((x) => x.verb.id !== voidedVerb)).toEqual([]);
    expect([...countById(left).values()].every((c) => c === 1)).toBe(true);
    const one = sentBefore[0]!.id;
    const voided = await fetch(`${LRS_DIRECT}/statements?voidedStatementId=${one}`, {
      headers: { Authorization: GOOD_AUTH, 'X-Experience-API-Version': '1.0.3' },
    });
    expect(((await voided.json()) as { id: string }).id).toBe(one);

    // Every request went to the app's own origin or to the configured LRS, nowhere else.
    const elsewhere = b.requests.filter(
      (u) =>
        !u.startsWith(`${APP}/`) &&
        !u.startsWith(`${PROXY}/`) &&
        !u.startsWith('data:') &&
        !u.startsWith('blob:'),
    );
    expect(elsewhere).toEqual([]);
    expect(
      b.problems.filter(
        (p) =>
          !/401|Failed to load resource|ERR_EMPTY_RESPONSE|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_(REFUSED|RESET)/.test(
            p,
          ),
      ),
    ).toEqual([]);
  });
});
