import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  axeFindings as axeFindingsOf,
  foreignRequests,
  launch,
  ORIGIN,
  screenshot,
  SCREENSHOTS,
  type Browser,
} from './browser';
import { fillAdultIfAsked, unlockAdult } from './people';
import { answer, currentItem, next } from './practice-driver';

const PASSPHRASE = 'seven quiet lanterns';
const NAME = 'Zebulon';
/** Well-formed (wrong) answers nobody else would type, so they can be searched for. */
const DISTINCT = ['9182736', '8273645', '7364554'];

/** Every value of every store, read with plain IndexedDB in the page; bytes as Latin-1 text. */
async function rawDatabase(page: Page): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('lantern');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const parts: string[] = [];
    for (const store of Array.from(db.objectStoreNames)) {
      const values = await new Promise<unknown[]>((resolve, reject) => {
        const out: unknown[] = [];
        const req = db.transaction(store).objectStore(store).openCursor();
        req.onsuccess = () => {
          const c = req.result;
          if (!c) return resolve(out);
          out.push(c.value);
          c.continue();
        };
        req.onerror = () => reject(req.error);
      });
      const latin1 = new TextDecoder('latin1');
      parts.push(
        `${store}: ` +
          JSON.stringify(values, (_k, v: unknown) => {
            if (v instanceof ArrayBuffer) return latin1.decode(v);
            if (ArrayBuffer.isView(v)) return latin1.decode(v);
            return v;
          }),
      );
    }
    db.close();
    return parts.join('\n');
  });
}

/**
 * Issue 5, encryption at rest, in Chromium: a learner practises, a parent turns on the device
 * passphrase from "Your data", the raw IndexedDB no longer shows the name or the answers, and
 * after a reload the app asks for the passphrase (in English and Chinese) before showing anything.
 */
describe('a device passphrase encrypts the learners’ records in IndexedDB', () => {
  let b: Browser;
  let page: Page;
  let attempts = 0;
  const typed: string[] = [];
  const axeFindings: string[] = [];

  async function scan(label: string) {
    axeFindings.push(...(await axeFindingsOf(page, label)));
  }

  beforeAll(async () => {
    b = await launch();
    page = b.page;
  });

  afterAll(async () => {
    await b?.close();
  });

  it('a learner practises with distinctive answers, readable in the raw database', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    await page.getByRole('button', { name: /Add a learner/ }).click();
    await page.getByLabel('Nickname').fill(NAME);
    await page.locator('input[name=avatar][value=owl]').check({ force: true });
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: 'Create' }).click();
    await page.locator('[data-item-id]').waitFor();
    for (let i = 0; i < 15 && typed.length < DISTINCT.length; i++) {
      const item = await currentItem(page);
      if (item.answer.kind === 'integer' || item.answer.kind === 'decimal') {
        const text = DISTINCT[typed.length]!;
        await page.locator('#answer').fill(text);
        await page.locator('#answer').press('Enter');
        await page.locator('#feedback p.bad:not([role=alert])').first().waitFor();
        typed.push(text);
      } else {
        await answer(page, true);
      }
      attempts += 1;
      await next(page);
    }
    expect(typed).toEqual(DISTINCT);
    // Without encryption the name and the answers are there for anyone with devtools: the
    // assertions after encrypting can fail.
    const raw = await rawDatabase(page);
    expect(raw).toContain(NAME);
    for (const t of typed) expect(raw).toContain(t);
  });

  it('turns on encryption from Your data, after the checks and the warning', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'See and manage saved data' }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Lock the data with a device passphrase' }).waitFor();
    const section = page.getByTestId('encryption');
    expect(await section.getAttribute('data-enabled')).toBe('false');
    expect(await section.textContent()).toContain('nobody can recover the data on this device');

    await page.getByLabel('Device passphrase', { exact: true }).fill('too short');
    await page.getByLabel('Type the device passphrase again').fill('too short!');
    await page.getByRole('button', { name: 'Encrypt the data now' }).click();
    await expect
      .poll(() => page.locator('#enc-pass-error').textContent())
      .toContain('at least 10 characters');
    expect(await page.locator('#enc-confirm-error').textContent()).toContain('not the same');
    expect(await page.locator('#enc-accept-error').textContent()).toContain('Tick the box');
    await scan('data (encryption errors)');
    await page.setViewportSize({ width: 360, height: 740 });
    await page.getByTestId('encryption').screenshot({ path: `${SCREENSHOTS}/data-encryption-360.png` });
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByLabel('Device passphrase', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('Type the device passphrase again').fill(PASSPHRASE);
    await page.getByLabel(/I understand: if this passphrase is forgotten/).check();
    await page.getByRole('button', { name: 'Encrypt the data now' }).click();
    await page.getByTestId('encryption-done').waitFor();
    expect(await section.getAttribute('data-enabled')).toBe('true');
    await scan('data (encrypted)');
  });

  it('leaves no readable name, answer or model in the raw database', async () => {
    const raw = await rawDatabase(page);
    expect(raw).toContain('$sealed');
    expect(raw).not.toContain(NAME);
    for (const t of typed) expect(raw).not.toContain(t);
    expect(raw).not.toContain('"theta"'); // the learner model's JSON
    expect(raw).not.toContain('"nickname"');
    expect(raw).not.toContain('"answer"');
  });

  it('asks for the passphrase after a reload, in English and Chinese, and refuses a wrong one', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
    expect(await page.getByText(NAME).count()).toBe(0);
    await page.getByLabel('Device passphrase').fill('seven quiet lantern');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect
      .poll(() => page.getByTestId('unlock-error').textContent())
      .toContain('That passphrase does not unlock this device');
    await scan('unlock (wrong)');
    await page.setViewportSize({ width: 360, height: 740 });
    await screenshot(page, 'unlock-360');
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth),
    ).toBe(false);

    await page.getByRole('button', { name: '中文' }).click();
    await page.getByRole('heading', { name: '这台设备已锁定' }).waitFor();
    await page.getByLabel('设备口令').fill('not the passphrase');
    await page.getByRole('button', { name: '解锁' }).click();
    await expect.poll(() => page.getByTestId('unlock-error').textContent()).toContain('无法解锁');
    await scan('unlock (zh)');
    await screenshot(page, 'unlock-360-zh');
    await page.getByRole('button', { name: 'English' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('heading', { name: 'This device is locked' }).waitFor();

    // A forgotten passphrase still leaves "Your data" (delete everything, then restore a backup).
    await page.getByRole('link', { name: /Forgotten passphrase\? Delete everything/ }).click();
    await unlockAdult(page);
    await page.getByRole('heading', { name: 'Your data', level: 1 }).waitFor();
    expect(await page.getByTestId('encryption').getAttribute('data-enabled')).toBe('true');
    await page.getByRole('button', { name: 'Delete everything…' }).waitFor();
    expect(await page.getByText(NAME).count()).toBe(0);
    await scan('data (locked)');
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
  });

  /** From the locked screen: the passphrase, the learner, and Progress counting every attempt. */
  async function unlockAndCheckProgress(): Promise<void> {
    await page.getByLabel('Device passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    await page.getByRole('button', { name: `Open ${NAME}` }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.getByRole('link', { name: 'Progress' }).click();
    await expect.poll(() => page.getByTestId('total-attempts').textContent()).toBe(String(attempts));
  }

  it('opens with the right passphrase: progress shows every attempt, and practice goes on sealed', async () => {
    await unlockAndCheckProgress();
    await scan('progress (unlocked)');

    // The model's worker gets the key too: wait until it is up, then practise on.
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByTestId('backend').waitFor({ timeout: 60_000 });
    await page.getByRole('link', { name: 'Practice' }).click();
    for (let i = 0; i < 3; i++) {
      await page.locator('[data-item-id]').waitFor();
      await answer(page, true);
      attempts += 1;
      await next(page);
    }
    const raw = await rawDatabase(page);
    expect(raw).not.toContain(NAME);
    for (const t of typed) expect(raw).not.toContain(t);
  });

  it('unlocks offline after a restart: the lazily loaded cipher comes from the precache', async () => {
    await page.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    const from = b.requests.length;
    await b.context.setOffline(true);
    try {
      await page.goto(ORIGIN + '/');
      await page.getByRole('heading', { name: 'This device is locked' }).waitFor();
      await unlockAndCheckProgress();
      // The model's worker loads its own copy of the cipher, offline too.
      await page.getByRole('link', { name: 'Settings' }).click();
      await page.getByTestId('backend').waitFor({ timeout: 60_000 });
      // Page and worker each fetched the cipher chunk (from the service worker) after the reload.
      const cipherChunks = new Set(
        b.requests.slice(from).filter((u) => /\/assets\/chacha-[\w-]+\.js$/.test(u)),
      );
      expect(cipherChunks.size).toBe(2);
    } finally {
      await b.context.setOffline(false);
    }
  });

  it('turns off with the passphrase, losing nothing; the worker had read the encrypted history', async () => {
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'See and manage saved data' }).click();
    await unlockAdult(page);
    await page.getByRole('button', { name: 'Turn encryption off' }).click();
    await page.getByLabel('Current device passphrase').fill('seven quiet lanterns?');
    await page.getByRole('button', { name: 'Decrypt and turn off' }).click();
    await expect
      .poll(() => page.locator('#enc-current-error').textContent())
      .toContain('That is not the device passphrase');
    await scan('data (disable, wrong)');
    await page.getByLabel('Current device passphrase').fill(PASSPHRASE);
    await page.getByRole('button', { name: 'Decrypt and turn off' }).click();
    await page.getByTestId('encryption-done').waitFor();
    expect(await page.getByTestId('encryption').getAttribute('data-enabled')).toBe('false');

    const raw = await rawDatabase(page);
    expect(raw).not.toContain('$sealed');
    expect(raw).toContain(NAME);
    for (const t of typed) expect(raw).toContain(t);
    const stored = await page.evaluate(
      () =>
        new Promise<{ predictedBy?: string; timestamp: number }[]>((resolve, reject) => {
          const req = indexedDB.open('lantern');
          req.onerror = () => reject(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('attempts').objectStore('attempts').getAll();
            all.onsuccess = () => {
              req.result.close();
              resolve(all.result as never);
            };
          };
        }),
    );
    stored.sort((x, y) => x.timestamp - y.timestamp);
    expect(stored).toHaveLength(attempts);
    // The network, which had read the sealed history, predicted the newest items. (The first
    // item after unlocking may have been chosen before its first table arrived: Elo.)
    const last = stored.slice(-3).map((a) => a.predictedBy);
    expect(last.at(-1)).toBe('kt-base');
    expect(last.every((by) => by === 'kt-base' || by === 'elo')).toBe(true);

    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    expect(await page.getByRole('heading', { name: 'This device is locked' }).count()).toBe(0);
  });

  it('never sent a request off the origin, logged no errors, and had no serious axe violations', () => {
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
    expect(axeFindings).toEqual([]);
  });
});
