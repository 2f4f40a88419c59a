import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeFindings as axeFindingsOf,
  foreignRequests,
  launch,
  ORIGIN,
  screenshotAll,
  VIEWPORTS,
  type Browser,
} from './browser';
import { fillAdultIfAsked, unlockAdult } from './people';
import { answer, next } from './practice-driver';

const PASSPHRASE = 'purple lantern 42';

/**
 * "Your data" (issue #5), in one browser profile: practise, see what is stored, save an
 * encrypted backup, delete everything (the data; the installed app stays, issue 11), then, with
 * no connection, start again and restore the file — a wrong passphrase and a tampered file are
 * refused without writing anything.
 */
describe('a parent backs up, deletes and restores the data on a device', () => {
  let b: Browser;
  let page: Page;
  let backup = '';
  let backupName = '';
  const axeFindings: string[] = [];

  async function scan(label: string) {
    axeFindings.push(...(await axeFindingsOf(page, label)));
  }

  const shoot = (name: string) => screenshotAll(page, name);

  async function overflowsAt(width: number): Promise<boolean> {
    await page.setViewportSize({ width, height: 800 });
    const over = await page.evaluate(
      () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
    );
    await page.setViewportSize(VIEWPORTS.laptop);
    return over;
  }

  async function importFile(text: string, passphrase?: string) {
    await page.locator('#import-file').setInputFiles({
      name: backupName,
      mimeType: 'application/json',
      buffer: Buffer.from(text, 'utf8'),
    });
    if (passphrase !== undefined) await page.getByLabel('Passphrase of the file').fill(passphrase);
    await page.getByRole('button', { name: 'Restore', exact: true }).click();
    await page.locator('[data-testid=import-error], [data-testid=import-done]').first().waitFor();
  }

  async function storedLearners(): Promise<number> {
    await page.getByRole('heading', { name: 'What is stored' }).waitFor();
    await expect.poll(() => page.getByText(/In total — learners: \d+; answers: \d+;/).count()).toBe(1);
    return page.locator('[data-testid=stored-learners] li').count();
  }

  beforeAll(async () => {
    b = await launch();
    page = b.page;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('shows what a learner who answered 5 items has stored', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    await page.getByRole('button', { name: /Add a learner/ }).click();
    await page.getByLabel('Nickname').fill('Kai');
    await page.locator('input[name=avatar][value=owl]').check({ force: true });
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-item-id]').waitFor();
    for (let i = 0; i < 5; i++) {
      await answer(page, i % 2 === 0);
      await next(page);
    }
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'See and manage saved data' }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    await expect
      .poll(() => page.locator('[data-testid=stored-learners] li').allTextContents())
      .toEqual([expect.stringMatching(/^Kai — answers: 5, with their learning progress; about [\d.]+ kB$/)]);
    expect(await page.locator('[data-testid=stored-learners] li').getAttribute('data-attempts')).toBe('5');
    await expect.poll(() => page.getByText('In total — learners: 1; answers: 5;').count()).toBe(1);
    expect(await page.getByText(/This site uses .* of the .* the browser allows it/).count()).toBe(1);
    expect(['true', 'false']).toContain(await page.getByTestId('persisted').getAttribute('data-persisted'));
    await scan('data');
    expect(await overflowsAt(360)).toBe(false);
    await shoot('data');
    // Headless Chromium may grant or refuse; either way the page says what happened.
    const ask = page.getByRole('button', { name: 'Ask the browser to keep Lantern’s data' });
    if ((await ask.count()) > 0) {
      await ask.click();
      await expect
        .poll(
          async () =>
            (await page.getByText('The browser said no for now').count()) +
            (await page.getByText('Storage is persistent').count()),
        )
        .toBe(1);
    }
  });

  it('saves an encrypted backup as a download', async () => {
    await page.getByLabel('Lock the file with a passphrase').check();
    await page.getByLabel('Passphrase', { exact: true }).fill('short');
    await page.getByLabel('Type the passphrase again').fill('short');
    await page.getByRole('button', { name: 'Save backup file' }).click();
    await expect.poll(() => page.locator('#export-pass-error').textContent()).toContain('at least 8');
    await scan('data (export error)');
    await page.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Type the passphrase again').fill(PASSPHRASE);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save backup file' }).click(),
    ]);
    backupName = download.suggestedFilename();
    expect(backupName).toMatch(/^lantern-backup-\d{4}-\d{2}-\d{2}\.json$/);
    backup = readFileSync((await download.path())!, 'utf8');
    expect(JSON.parse(backup).formatName).toBe('lantern-backup-encrypted');
    // No plaintext field survives (a short name like "Kai" can occur by chance in base64).
    expect(backup).not.toMatch(/"(nickname|learnerId|attempts|answer)"/);
    await page.getByTestId('export-done').waitFor();
  });

  it('deletes all data after the word is typed; the app itself stays and starts again offline', async () => {
    await page.getByRole('button', { name: 'Delete everything…' }).click();
    const confirm = page.getByRole('button', { name: 'Delete everything now' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByLabel('Confirmation word').fill('delete');
    await scan('data (delete confirm)');
    await confirm.click();
    await page.getByRole('heading', { name: 'Everything was deleted' }).waitFor();
    const left = await page.evaluate(async () => ({
      databases: (await indexedDB.databases()).map((d) => d.name),
      caches: await caches.keys(),
      workers: (await navigator.serviceWorker.getRegistrations()).length,
      session: sessionStorage.length,
      local: localStorage.length,
    }));
    // Every learner, answer and setting is gone; the installed app (service worker and its
    // offline copy, no personal data in either) stays, so a tablet with no connection still opens.
    expect(left).toEqual({
      databases: [],
      caches: [expect.stringMatching(/precache/)],
      workers: 1,
      session: 0,
      local: 0,
    });
    await scan('deleted');
    await b.context.setOffline(true);
    await page.getByRole('button', { name: 'Start again' }).click();
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    expect(await page.locator('.learner:not(.add)').count()).toBe(0);
  });

  it('refuses a wrong passphrase and a tampered file, writing nothing', async () => {
    await page.getByRole('link', { name: 'Data on this device' }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    expect(await storedLearners()).toBe(0);

    await importFile(backup, 'not the passphrase');
    expect(await page.getByTestId('import-error').textContent()).toContain(
      'That passphrase does not open this backup',
    );
    await scan('data (import error)');

    const doc = JSON.parse(backup) as { ciphertext: string };
    const i = Math.floor(doc.ciphertext.length / 2);
    const flipped = doc.ciphertext[i] === 'A' ? 'B' : 'A';
    const tampered = JSON.stringify({
      ...doc,
      ciphertext: doc.ciphertext.slice(0, i) + flipped + doc.ciphertext.slice(i + 1),
    });
    await importFile(tampered, PASSPHRASE);
    expect(await page.getByTestId('import-error').textContent()).toMatch(/damaged/);

    const plainDamaged = '{"formatName":"lantern-backup","formatVersion":1,"kind":"device","learners":[';
    await importFile(plainDamaged);
    expect(await page.getByTestId('import-error').textContent()).toMatch(/not a Lantern backup|incomplete/);

    expect(await storedLearners()).toBe(0);
    expect(await page.evaluate(() => indexedDB.databases().then((d) => d.map((x) => x.name)))).toEqual([
      'lantern',
    ]);
  });

  it('restores the learner and their 5 answers with the right passphrase', async () => {
    await importFile(backup, PASSPHRASE);
    expect(await page.getByTestId('import-done').textContent()).toContain(
      'Restored. New learners: 1. New answers: 5.',
    );
    await expect.poll(storedLearners).toBe(1);
    await scan('data (restored)');
    await page.goto(ORIGIN + '/');
    await page.getByRole('button', { name: 'Open Kai' }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.getByRole('link', { name: 'Progress' }).click();
    await expect.poll(() => page.getByTestId('total-attempts').textContent()).toBe('5');
    // All of it offline, right after the delete.
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    await b.context.setOffline(false);
  });

  it('never sent a request off the origin, logged no errors, and had no serious axe violations', () => {
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(axeFindings).toEqual([]);
  });
});
