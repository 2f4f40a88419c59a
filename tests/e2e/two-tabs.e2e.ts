import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, foreignRequests, launch, ORIGIN, type Browser } from './browser';
import { fillAdultIfAsked, unlockAdult } from './people';
import { answer, next } from './practice-driver';

/**
 * Issue 5: two tabs open on the same learner stay consistent, with no lost attempts.
 * One browser profile, two pages, the same learner, answering in turn (and once at the
 * same moment); then the learner is deleted in one tab and the other says so.
 */
describe('two tabs on one learner', () => {
  let b: Browser;
  let one: Page;
  let two: Page;
  const findings: string[] = [];
  /** Every learner-facing error either tab showed, after each step. */
  const shownErrors: string[] = [];

  async function noErrorShown(page: Page, label: string) {
    const alerts = await page.locator('#feedback [role=alert], main > p.error').allTextContents();
    shownErrors.push(...alerts.map((t) => `${label}: ${t.trim()}`));
  }

  /** The database as the pages see it: stored attempts and the learner's stored count. */
  function stored(page: Page) {
    return page.evaluate(
      () =>
        new Promise<{ attempts: number; ids: number; stateCount: number[] }>((resolve, reject) => {
          const req = indexedDB.open('lantern');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const tx = req.result.transaction(['attempts', 'learnerState'], 'readonly');
            const attempts = tx.objectStore('attempts').getAll();
            const states = tx.objectStore('learnerState').getAll();
            tx.oncomplete = () => {
              req.result.close();
              const rows = attempts.result as { id: string }[];
              resolve({
                attempts: rows.length,
                ids: new Set(rows.map((r) => r.id)).size,
                stateCount: (states.result as { attemptCount: number }[]).map((s) => s.attemptCount),
              });
            };
          };
        }),
    );
  }

  async function progressTotal(page: Page): Promise<number> {
    await page.getByRole('link', { name: 'Progress' }).click();
    const total = page.getByTestId('total-attempts');
    await total.waitFor();
    return Number(await total.textContent());
  }

  beforeAll(async () => {
    b = await launch();
    one = b.page;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('both tabs answer in turn; every attempt is saved and neither tab shows an error', async () => {
    await one.goto(ORIGIN + '/');
    await one.getByRole('button', { name: /Add a learner/ }).click();
    await one.getByLabel('Nickname').fill('Tam');
    await one.locator('input[name=avatar][value=whale]').check({ force: true });
    await fillAdultIfAsked(one);
    await one.getByRole('button', { name: 'Create' }).click();
    await one.locator('[data-item-id]').waitFor();

    // A second tab of the same app: a fresh tab starts at the picker.
    two = await b.context.newPage();
    await two.goto(ORIGIN + '/');
    await two.getByRole('button', { name: 'Open Tam' }).click();
    await two.locator('[data-item-id]').waitFor();
    findings.push(...(await axeFindings(two, 'practice (second tab)')));

    let total = 0;
    for (let i = 0; i < 6; i++) {
      for (const [page, label] of [
        [one, 'tab 1'],
        [two, 'tab 2'],
      ] as const) {
        const right = (i + (page === one ? 0 : 1)) % 2 === 0;
        const { saidCorrect } = await answer(page, right);
        expect(saidCorrect).toBe(right);
        total += 1;
        await noErrorShown(page, `${label} answer ${i}`);
        await next(page);
      }
    }
    // And once at the very same moment: one of the two writes meets a moved-on state and rebases.
    const both = await Promise.all([answer(one, true), answer(two, true)]);
    expect(both.map((x) => x.saidCorrect)).toEqual([true, true]);
    total += 2;
    await noErrorShown(one, 'tab 1 together');
    await noErrorShown(two, 'tab 2 together');
    findings.push(...(await axeFindings(one, 'practice (first tab, answered)')));
    await next(one);
    await next(two);
    expect(total).toBe(14);
    expect(shownErrors).toEqual([]);

    const db = await stored(one);
    expect(db).toEqual({ attempts: total, ids: total, stateCount: [total] });

    // Both tabs' progress counts both tabs' answers.
    expect(await progressTotal(one)).toBe(total);
    expect(await progressTotal(two)).toBe(total);
    findings.push(...(await axeFindings(two, 'progress (second tab)')));
  });

  it('a tab whose learner is deleted in the other tab says so', async () => {
    // An adult deletes the learner in the second tab (Settings → data → adult gate → edit Tam).
    await two.getByRole('link', { name: 'Settings' }).click();
    await two.getByRole('link', { name: 'See and manage saved data' }).click();
    await unlockAdult(two);
    await two.getByRole('link', { name: 'Edit Tam' }).click();
    await two.getByRole('button', { name: /Delete Tam/ }).click();
    await two.getByRole('button', { name: 'Yes' }).click();
    await two.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();

    const notice = one.getByTestId('notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('deleted in another tab');
    await one.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    expect(await one.getByRole('button', { name: 'Open Tam' }).count()).toBe(0);
    findings.push(...(await axeFindings(one, 'picker with the deleted-elsewhere notice')));
    expect((await stored(one)).attempts).toBe(0);
  });

  it('stays on the device, accessible and free of page errors', () => {
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.requests.length).toBeGreaterThan(0);
    expect(findings).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
