/**
 * The knowledge-tracing model in the built app: it runs in a worker, chooses its backend by
 * measurement, drives item selection once loaded, fine-tunes on the learner's history while the
 * page stays responsive, and shows the learner how well it predicts them.
 */
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeFindings,
  foreignRequests,
  launch,
  ORIGIN,
  SCREENSHOTS,
  screenshotAll,
  VIEWPORTS,
  type Browser,
} from './browser';
import { fillAdultIfAsked } from './people';
import { answer, next } from './practice-driver';

let b: Browser;

beforeAll(async () => {
  b = await launch();
});
afterAll(async () => {
  await b?.close();
});

/** Every attempt stored for the open learner, read from IndexedDB in the page. */
function storedAttempts(page: Browser['page']) {
  return page
    .evaluate(
      () =>
        new Promise<{ predicted?: number; predictedBy?: string; correct: boolean; timestamp: number }[]>(
          (resolve, reject) => {
            const req = indexedDB.open('lantern');
            req.onerror = () => reject(req.error);
            req.onsuccess = () => {
              const tx = req.result.transaction('attempts', 'readonly');
              const all = tx.objectStore('attempts').getAll();
              all.onsuccess = () => {
                req.result.close();
                resolve(all.result as never);
              };
            };
          },
        ),
    )
    .then((rows) => rows.sort((x, y) => x.timestamp - y.timestamp));
}

function storedModelRows(page: Browser['page']) {
  return page.evaluate(
    () =>
      new Promise<{ trainedAt: number; attemptCount: number; bytes: number }[]>((resolve, reject) => {
        const req = indexedDB.open('lantern');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const tx = req.result.transaction('models', 'readonly');
          const all = tx.objectStore('models').getAll();
          all.onsuccess = () => {
            req.result.close();
            resolve(
              (all.result as { trainedAt: number; attemptCount: number; weights: ArrayBuffer }[]).map(
                (r) => ({
                  trainedAt: r.trainedAt,
                  attemptCount: r.attemptCount,
                  bytes: r.weights.byteLength,
                }),
              ),
            );
          };
        };
      }),
  );
}

describe('the learning model', () => {
  it('runs in a worker, picks its backend by measurement and drives selection', async () => {
    const { page } = b;
    await page.goto(ORIGIN + '/');
    await page.getByRole('button', { name: /Add a learner/ }).click();
    await page.getByLabel('Nickname').fill('Kiri');
    await page.locator('input[name=avatar][value=owl]').check({ force: true });
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-item-id]').waitFor();
    const t0 = Date.now();
    // The first items come while the worker starts (Elo predicts them meanwhile).
    for (let i = 0; i < 3; i++) {
      await answer(page, i % 3 !== 0);
      await next(page);
    }
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('backend').waitFor({ timeout: 60_000 });
    console.log(`model worker ready ${Date.now() - t0} ms after practice opened`);
    await page.getByRole('link', { name: 'Practice' }).click();
    for (let i = 3; i < 12; i++) {
      await page.locator('[data-item-id]').waitFor();
      await answer(page, i % 3 !== 0);
      await next(page);
    }
    const attempts = await storedAttempts(page);
    expect(attempts).toHaveLength(12);
    // Every attempt carries the prediction made before it; once the worker is up, the network's.
    for (const a of attempts) {
      expect(a.predicted).toBeGreaterThan(0);
      expect(a.predicted).toBeLessThan(1);
    }
    console.log(attempts.map((a) => a.predictedBy).join(' '));
    // Elo until the first table arrives (the item on screen when the worker became ready was
    // chosen before it), then the network for good: never back to Elo, and most of the run.
    const by = attempts.map((a) => a.predictedBy);
    const first = by.indexOf('kt-base');
    expect(first).toBeGreaterThanOrEqual(0);
    expect(by.slice(0, first).every((x) => x === 'elo')).toBe(true);
    expect(by.slice(first).every((x) => x === 'kt-base')).toBe(true);
    expect(by.slice(-6)).toEqual(new Array(6).fill('kt-base'));

    await page.getByRole('link', { name: 'Settings' }).click();
    const backend = await page.getByTestId('backend').textContent();
    // Headless Chromium here has only a software WebGPU adapter: never chosen; the faster of WebGL and WASM is.
    expect(backend).toMatch(/Runs on: (WebAssembly|WebGL)/);
    expect(await page.getByTestId('backend-why').textContent()).toMatch(
      /Measured on this device|only fast option/,
    );
    expect(await page.getByTestId('backend-why').textContent()).toMatch(/software emulation/);
    expect(await axeFindings(page, 'settings with model')).toEqual([]);
    await screenshotAll(page, 'settings-model');
    await page.getByTestId('model-settings').screenshot({ path: `${SCREENSHOTS}/model-settings.png` });

    await page.getByRole('link', { name: 'Progress' }).click();
    // The model card is in the detailed view, one step away from the child's view (kept open).
    await page.getByTestId('progress-details').locator('summary').click();
    const section = page.getByTestId('model-fit');
    await section.waitFor();
    expect(await section.textContent()).toMatch(
      /Over your last 12 answers Lantern expected you to get \d+% right/,
    );
    expect(await axeFindings(page, 'progress with model')).toEqual([]);
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it('fine-tunes when the session ends, keeps the page responsive meanwhile, and shows the result', async () => {
    const { page } = b;
    await page.getByRole('link', { name: 'Practice' }).click();
    await page.locator('[data-item-id]').waitFor();
    for (let i = 0; i < 30; i++) {
      await answer(page, i % 4 !== 0);
      await next(page);
    }
    // A long history (2,000 more answers, stored through the app's own code) so that the
    // fine-tuning run lasts long enough to answer items during it.
    const seed = await build({
      entryPoints: ['lab/bench/seed-attempts.browser.ts'],
      bundle: true,
      write: false,
      format: 'iife',
      target: 'es2022',
      platform: 'browser',
    });
    expect(await page.evaluate(seed.outputFiles[0]!.text + '\n;globalThis.__bench.run(2000)')).toBe(2000);
    await page.reload();
    await page.locator('[data-item-id]').waitFor();
    // Watch the page's thread from now on: long tasks, and when the training indicator shows.
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __spans: [string, number][] };
      w.__long = [];
      w.__spans = [];
      new PerformanceObserver((l) => l.getEntries().forEach((e) => w.__long.push(e.duration))).observe({
        type: 'longtask',
        buffered: false,
      });
      let on = false;
      new MutationObserver(() => {
        const now = document.querySelector('[data-testid=training]') !== null;
        if (now !== on) w.__spans.push([now ? 'start' : 'end', performance.now()]);
        on = now;
      }).observe(document.body, { childList: true, subtree: true });
    });
    await answer(page, true);
    await next(page);
    // Leaving practice ends the session: the worker starts fine-tuning on 2,000+ answers...
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.waitForFunction(() => (window as unknown as { __spans: unknown[] }).__spans.length > 0, null, {
      timeout: 60_000,
    });
    // ...and the learner goes straight back and keeps answering while it trains.
    const back = Date.now();
    await page.getByRole('link', { name: 'Practice' }).click();
    await page.locator('[data-item-id]').waitFor();
    const ready = Date.now() - back;
    const latencies: number[] = [];
    const answeredAt: number[] = [];
    for (let i = 0; i < 5; i++) {
      answeredAt.push(await page.evaluate(() => performance.now()));
      const t0 = Date.now();
      await answer(page, true);
      latencies.push(Date.now() - t0);
      await next(page);
    }
    await page.getByTestId('training').waitFor({ state: 'detached', timeout: 120_000 });
    const { long, spans } = await page.evaluate(() => {
      const w = window as unknown as { __long: number[]; __spans: [string, number][] };
      return { long: w.__long, spans: w.__spans };
    });
    const start = spans.find((x) => x[0] === 'start')![1];
    const end = spans.find((x) => x[0] === 'end' && x[1] > start)?.[1] ?? Infinity;
    console.log(
      `training ${Math.round(end - start)} ms; answers started during it: ${answeredAt.filter((t) => t > start && t < end).length}; ` +
        `practice ready ${ready} ms; answer→feedback ${latencies.join(', ')} ms; longest task on the page ${Math.round(Math.max(0, ...long))} ms`,
    );
    expect(answeredAt.some((t) => t > start && t < end)).toBe(true);
    // No task on the page's thread anywhere near as long as the training: it ran in the worker.
    // A ratio from the same run, not a fixed number of ms, so a busy machine does not decide it
    // (CI once saw a 264 ms task beside a 745 ms training).
    expect(Number.isFinite(end)).toBe(true);
    expect(Math.max(0, ...long)).toBeLessThan((end - start) / 2);
    // Generous for a shared 2-core machine; with the read transaction held through training it was ~830 ms.
    expect(Math.max(...latencies)).toBeLessThan(1_000);

    await page.getByRole('link', { name: 'Progress' }).click();
    const run = await page.getByTestId('model-last-run').textContent();
    expect(run).toMatch(
      /Checked .*: (the new version predicted|a new version did not predict) your last \d+ answers/,
    );
    // Accepted runs (this one or the one after 25 answers) leave exactly one row of weights.
    const rows = await storedModelRows(page);
    if (/now in use/.test(run ?? '')) expect(rows).toHaveLength(1);
    expect(rows.length).toBeLessThanOrEqual(1);
    const trained = await page.getByTestId('model-trained').textContent();
    if (rows.length === 1) {
      expect(rows[0]!.bytes).toBeGreaterThan(10_000);
      expect(trained).toMatch(/Last fine-tuned/);
    } else {
      expect(trained).toMatch(/Not fine-tuned/);
    }
    await screenshotAll(page, 'progress-model');
    await page.setViewportSize(VIEWPORTS.phone);
    await page.getByTestId('model-fit').screenshot({ path: `${SCREENSHOTS}/model-fit-phone.png` });
    // The calibration table fits a phone: nothing hidden behind a sideways scroll.
    for (const width of [VIEWPORTS.phone.width, 360]) {
      await page.setViewportSize({ width, height: VIEWPORTS.phone.height });
      const wrap = page.getByTestId('model-fit').locator('.table-wrap');
      expect(await wrap.evaluate((e) => e.scrollWidth - e.clientWidth), `at ${width} px`).toBeLessThanOrEqual(
        0,
      );
    }
    await page.setViewportSize(VIEWPORTS.laptop);
    expect(await axeFindings(page, 'progress after training')).toEqual([]);
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
  });

  it('closing the tab while the model trains leaves the previous weights or complete new ones, never a broken model', async () => {
    const { page, context } = b;
    const before = await storedModelRows(page);
    const attemptsBefore = (await storedAttempts(page)).length;
    await page.getByRole('link', { name: 'Practice' }).click();
    for (let i = 0; i < 6; i++) {
      await answer(page, i % 2 === 0);
      await next(page);
    }
    // Leave practice (the session ends, training starts) and close the tab as soon as it shows.
    // A MutationObserver notes the indicator however briefly it shows: on a loaded machine a
    // short run can come and go between two of waitFor's polls, which once failed this test.
    await page.evaluate(() => {
      const w = window as unknown as { __trainingSeen: boolean };
      w.__trainingSeen = false;
      new MutationObserver((_, observer) => {
        if (document.querySelector('[data-testid=training]') === null) return;
        w.__trainingSeen = true;
        observer.disconnect();
      }).observe(document.body, { childList: true, subtree: true });
    });
    await page.getByRole('link', { name: 'Progress' }).click();
    await page.waitForFunction(
      () => (window as unknown as { __trainingSeen: boolean }).__trainingSeen,
      null,
      {
        timeout: 30_000,
      },
    );
    await page.close();
    const again = await context.newPage();
    b.page = again;
    await again.goto(ORIGIN + '/');
    const after = await storedModelRows(again);
    const attempts = await storedAttempts(again);
    expect(attempts).toHaveLength(attemptsBefore + 6);
    expect(after.length).toBeLessThanOrEqual(1);
    if (after.length === 1 && before.length === 1 && after[0]!.trainedAt !== before[0]!.trainedAt) {
      // The run finished and won before the tab closed: a complete row replaced the old one.
      expect(after[0]!.trainedAt).toBeGreaterThan(before[0]!.trainedAt);
    } else {
      expect(after).toEqual(before);
    }
    expect(after.every((r) => r.bytes === (before[0]?.bytes ?? r.bytes))).toBe(true);
    // The learner opens again and the stored weights load (a torn row would fail here).
    await again.getByRole('button', { name: /Open Kiri/ }).click();
    await again.locator('[data-item-id]').waitFor();
    await again.getByRole('link', { name: 'Progress' }).click();
    await expect
      .poll(() => again.getByTestId('model-fit').textContent(), { timeout: 30_000 })
      // Stored weights are used, or set aside if they now predict worse than the starting model.
      .toMatch(after.length === 1 ? /fine-tuned on your own answers|less well than/ : /starting model/);
    expect(b.problems).toEqual([]);
  });
});
