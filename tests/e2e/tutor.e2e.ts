import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeTinyGguf } from '../support/gguf-writer';
import { axeFindings, foreignRequests, launch, ORIGIN, screenshot, VIEWPORTS, type Browser } from './browser';
import { addFirstLearner, unlockAdult } from './people';
import { answer, next } from './practice-driver';

/**
 * Issue 13: the optional tutor, end to end in Chromium. An adult installs a tiny random-weight
 * GGUF model (tests/support/gguf-writer.ts) through the data page's file input; a learner answers
 * wrongly, asks "Explain this step" and sees sentences stream in; Stop stops at once; Settings
 * shows tokens per second; offline (server unreachable) after a reload, the tutor still answers;
 * deleting the model empties OPFS and the runtime cache. Random weights say gibberish: this proves
 * the plumbing (worker in a worker, wasm from this origin, streaming, stop), not the explanations.
 */
const MODEL = writeTinyGguf({ seed: 13, context: 2048, licence: 'MIT', name: 'lantern-tiny-test' });

const opfsFiles = (page: Page) =>
  page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const names: string[] = [];
    try {
      const dir = await root.getDirectoryHandle('tutor');
      for await (const n of dir.keys()) names.push(n);
    } catch {
      // no folder: nothing installed
    }
    return names;
  });

async function toPractice(page: Page): Promise<void> {
  await page.evaluate(() => (location.hash = '#/practice'));
  await page.locator('[data-item-id]').waitFor();
}

/**
 * Answers wrongly and asks "Explain this step"; resolves with the sentences shown, and the ms.
 * With the test's random-weight model, wllama 3.13.0 sometimes fails inside its own worker (a
 * RangeError in its message loop, on some prompts); the app then says "The tutor stopped with an
 * error. Try again." after restarting the runtime once (app/tutor/tutor-client.ts). So a failed
 * ask moves on to the next item, at most three; every failure is printed.
 */
async function askExplain(page: Page): Promise<{ sentences: number; ms: number; failures: number }> {
  let failures = 0;
  for (;;) {
    await answer(page, false);
    await page.locator('[data-testid=ask-tutor]').waitFor({ timeout: 20_000 });
    await expect(page.locator('[data-testid=tutor-why-wrong]').count()).resolves.toBe(1);
    const t0 = Date.now();
    await page.locator('[data-testid=tutor-explain]').click();
    const reply = page.locator('[data-testid=tutor-reply]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=tutor-reply]')?.getAttribute('data-busy') === 'false',
      null,
      { timeout: 60_000 },
    );
    const ms = Date.now() - t0;
    const error = page.locator('[data-testid=tutor-error]');
    if ((await error.count()) === 0) {
      return { sentences: Number(await reply.getAttribute('data-sentences')), ms, failures };
    }
    failures += 1;
    console.log(`[tutor] reply failed (${failures}): ${await error.innerText()}`);
    expect(failures, 'three asks in a row failed').toBeLessThan(3);
    await next(page);
  }
}

describe('the tutor (issue 13)', () => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await launch();
    page = b.page;
  });
  afterAll(async () => {
    console.log(b?.problems.join('\n'));
    await b?.close();
  });

  it('with no model installed, practice shows no tutor', async () => {
    await addFirstLearner(page, { add: /Add a learner/, create: 'Create' }, 'Ana');
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    await answer(page, false);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=ask-tutor]').count()).toBe(0);
    // The runtime is not precached for every child.
    const precached = await page.evaluate(async () => {
      const out: string[] = [];
      for (const name of await caches.keys()) {
        for (const r of await (await caches.open(name)).keys()) out.push(r.url);
      }
      return out;
    });
    expect(precached.some((u) => u.includes('wllama'))).toBe(false);
    expect(b.requests.some((u) => u.includes('wllama'))).toBe(false);
  });

  it('an adult installs a model file: header read, size shown, stored in OPFS, runtime cached', async () => {
    await page.evaluate(() => (location.hash = '#/data'));
    await unlockAdult(page);
    const section = page.locator('[data-testid=tutor-admin]');
    await section.waitFor();
    // Not a GGUF: refused clearly, nothing stored.
    await page.locator('[data-testid=tutor-file]').setInputFiles({
      name: 'notes.gguf',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('hello, this is not a model'),
    });
    await page.locator('[data-testid=tutor-admin-error]').waitFor();
    expect(await opfsFiles(page)).toEqual([]);

    const t0 = Date.now();
    await page.locator('[data-testid=tutor-file]').setInputFiles({
      name: 'tiny.gguf',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from(MODEL),
    });
    await page.locator('[data-testid=tutor-admin][data-installed=true]').waitFor({ timeout: 60_000 });
    const installMs = Date.now() - t0;
    const details = (await page.locator('[data-testid=tutor-model-size]').textContent()) ?? '';
    expect(details).toContain(`${(MODEL.length / 1024 ** 2).toFixed(1)} MB`);
    expect(details).toContain('llama');
    expect(details).toContain('F32');
    expect(await section.textContent()).toContain('Licence: MIT');
    expect(await opfsFiles(page)).toHaveLength(1);
    const cached = await page.evaluate(async () =>
      (await (await caches.open('lantern-tutor-runtime')).keys()).map((r) => r.url),
    );
    expect(cached).toHaveLength(1);
    expect(cached[0]?.startsWith(ORIGIN + '/')).toBe(true);
    const loadS = /loaded in ([\d.]+) s/.exec(details)?.[1];
    console.log(`[tutor] model ${MODEL.length} bytes; install ${installMs} ms; load ${loadS} s`);
    expect(await axeFindings(page, 'data page with a tutor model')).toEqual([]);
  });

  it('a learner asks: sentences stream, Stop stops at once, tokens/s reach Settings', async () => {
    await toPractice(page);
    const { sentences, ms } = await askExplain(page);
    expect(sentences).toBeGreaterThan(0);
    console.log(`[tutor] first reply: ${sentences} sentences in ${ms} ms`);

    // Ask again and stop at once: the reply stops on this side without waiting for the model.
    await page.locator('#tutor-q').fill('Why do we carry the ten?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await page.locator('[data-testid=tutor-stop]').click();
    await page
      .locator('[data-testid=tutor-reply][data-stopped=true][data-busy=false]')
      .waitFor({ timeout: 2_000 });
    // Typing an answer is never blocked while the tutor runs.
    expect(await axeFindings(page, 'practice with the tutor')).toEqual([]);

    // A question about the child is declined before the model sees it.
    await page.locator('#tutor-q').fill('What is my name?');
    await page.getByRole('button', { name: 'Ask', exact: true }).click();
    await expect
      .poll(() => page.getByTestId('tutor-reply').textContent())
      .toContain('I don’t answer questions about you or other people.');
    expect(await page.getByTestId('tutor-reply').getAttribute('data-sentences')).toBe('0');
    await page.setViewportSize(VIEWPORTS.phone);
    await screenshot(page, 'tutor-practice-phone');
    await page.setViewportSize(VIEWPORTS.laptop);

    await page.evaluate(() => (location.hash = '#/settings'));
    const speed = page.locator('[data-testid=tutor-settings-speed]');
    await speed.waitFor();
    const text = (await speed.textContent()) ?? '';
    const tps = Number(/([\d.]+) tokens per second/.exec(text)?.[1]);
    expect(tps).toBeGreaterThan(0);
    console.log(`[tutor] ${text.trim()}`);
  });

  it('offline after install, a reload still has a tutor (the runtime from Cache Storage)', async () => {
    await b.context.setOffline(true);
    await page.goto(`${ORIGIN}/`);
    await page
      .getByText(/Last practised/)
      .first()
      .click();
    await page.locator('[data-item-id]').waitFor();
    let { sentences } = await askExplain(page);
    // Random weights sample freely: a reply may end (an end token) before its first sentence.
    for (let i = 0; i < 3 && sentences === 0; i++) {
      await page.locator('[data-testid=tutor-explain]').click();
      await page.locator('[data-testid=tutor-reply][data-busy=false]').waitFor({ timeout: 60_000 });
      sentences = Number(await page.locator('[data-testid=tutor-reply]').getAttribute('data-sentences'));
    }
    expect(sentences).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=tutor-error]').count()).toBe(0);
    await b.context.setOffline(false);
  });

  it('nothing left the origin; the wasm came from it; no CSP refusal', async () => {
    expect(foreignRequests(b.requests)).toEqual([]);
    const wasm = b.requests.filter((u) => u.includes('wllama') && u.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThan(0);
    expect(wasm.every((u) => u.startsWith(ORIGIN + '/'))).toBe(true);
    expect(b.problems.filter((p) => /Content.Security.Policy|Refused/i.test(p))).toEqual([]);
  });

  it('the teacher’s learner page lists what the learner asked', async () => {
    await page.evaluate(() => (location.hash = '#/teacher'));
    await unlockAdult(page);
    await page.locator('[data-testid=heatmap] tbody th a').first().click();
    const asked = page.getByTestId('lp-tutor-questions');
    await asked.waitFor();
    const text = (await asked.textContent()) ?? '';
    expect(text).toContain('“Why do we carry the ten?”');
    expect(text).toContain('“What is my name?”');
    expect(await asked.locator('li[data-kind=explain-step]').count()).toBeGreaterThan(0);
    expect(await axeFindings(page, 'learner page with tutor questions')).toEqual([]);
    // Back to the child's side: the adult screens lock again.
    await toPractice(page);
  });

  it('the adult deletes the model: OPFS and the runtime cache are emptied, the tutor is gone', async () => {
    // A fresh page on "Your data" (leaving practice would show the session's summary first).
    await page.evaluate(() => (location.hash = '#/data'));
    await page.reload();
    await unlockAdult(page);
    await page.locator('[data-testid=tutor-delete]').click();
    await page.locator('[data-testid=tutor-deleted]').waitFor();
    expect(await opfsFiles(page)).toEqual([]);
    expect(await page.evaluate(() => caches.has('lantern-tutor-runtime'))).toBe(false);
    await toPractice(page);
    await answer(page, false);
    await page.waitForTimeout(300);
    expect(await page.locator('[data-testid=ask-tutor]').count()).toBe(0);
  });
});
