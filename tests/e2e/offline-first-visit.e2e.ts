import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, launch, ORIGIN, screenshot, type Browser } from './browser';
import { ADULT_PASS, fillAdultIfAsked, unlockAdult } from './people';
import { dataMessagesEn, dataMessagesZh } from '../../src/ui/screens/data/messages';

/**
 * Issue 11, defect 4: a teacher opens Lantern once at school (a fresh profile, no reload) and
 * goes home. Once Settings says the app is ready offline, every screen works offline without a
 * reload: the class view, the data page and a backup, each a lazily loaded chunk. Also: a real
 * robots.txt, a 404 for a missing file, and install screenshots in the manifest. At 390 px in
 * English and 1280 px in Chinese.
 */
const EXPORT_EN = dataMessagesEn['data.export.submit']!;
const EXPORT_ZH = dataMessagesZh['data.export.submit']!;
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 800 },
    add: /Add a learner/,
    create: 'Create',
    settings: 'Settings',
    ready: 'Ready to work offline.',
    data: /^Your data$/,
    lock: 'Lock the file with a passphrase',
    unlocked: /^Not locked: anyone who finds the file/,
    backup: EXPORT_EN,
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    add: /添加/,
    create: '创建',
    settings: '设置',
    ready: '现在可以离线使用了。',
    data: /^你的数据$/,
    lock: '用口令给文件加锁',
    unlocked: /^没有加锁：拿到文件的任何人/,
    backup: EXPORT_ZH,
  },
] as const;

describe.each(CASES)('offline right after a first visit, $tag', (c) => {
  let b: Browser;
  let page: Page;
  const failures: string[] = [];

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
    page.on('pageerror', (e) => failures.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') failures.push(m.text());
    });
  });
  afterAll(async () => {
    await b?.context.setOffline(false);
    await b?.close();
  });

  it('says "ready offline" only once the service worker controls the page, with no reload', async () => {
    await page.goto(ORIGIN + '/');
    let loads = 0;
    page.on('load', () => (loads += 1));
    await page.getByRole('button', { name: c.add }).click();
    await page.locator('#nickname').fill('Tess');
    await fillAdultIfAsked(page);
    await page.getByRole('button', { name: c.create, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.getByRole('link', { name: c.settings, exact: true }).click();
    await page.getByText(c.ready).waitFor();
    expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    // Taking control on the first visit did not reload the page under the learner.
    expect(loads).toBe(0);
  });

  it('then, offline and without a reload, the class view, the data page and a backup work', async () => {
    await b.context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
    // Hash changes, as the app's own links make: no page load.
    await page.evaluate(() => (location.hash = '#/teacher'));
    await unlockAdult(page, ADULT_PASS);
    await page.locator('[data-testid=heatmap]').waitFor();
    // Class files are locked by default; unlocking says what that means (issue 11, defect 12).
    const lock = page.getByLabel(c.lock);
    expect(await lock.isChecked()).toBe(true);
    await lock.uncheck();
    await expect.poll(() => page.getByTestId('class-unlocked-warning').textContent()).toMatch(c.unlocked);
    await lock.check();
    expect(await page.getByTestId('class-unlocked-warning').count()).toBe(0);
    expect(await axeFindings(page, `teacher offline ${c.tag}`)).toEqual([]);
    await screenshot(page, `offline-teacher-${c.tag}`);
    // From one adult screen to another: still unlocked, no second gate.
    await page.evaluate(() => (location.hash = '#/data'));
    await page.getByRole('heading', { name: c.data }).first().waitFor();
    expect(await page.locator('[data-testid=adult-gate]').count()).toBe(0);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: c.backup, exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.json$/);
    expect(failures.filter((f) => /dynamically imported module|Failed to fetch/i.test(f))).toEqual([]);
    await b.context.setOffline(false);
  });

  it('serves a real robots.txt, a 404 for a missing file, and install screenshots', async () => {
    const robots = await page.evaluate(async () => {
      const r = await fetch('/robots.txt');
      return { status: r.status, type: r.headers.get('content-type'), text: await r.text() };
    });
    expect(robots.status).toBe(200);
    expect(robots.text).toContain('User-agent: *');
    expect(robots.text).not.toContain('<html');
    const missing = await page.evaluate(async () => (await fetch('/no-such-file.js')).status);
    expect(missing).toBe(404);
    const manifest = await page.evaluate(async () => (await fetch('/manifest.webmanifest')).json());
    const shots = manifest.screenshots as { src: string; sizes: string; form_factor: string }[];
    expect(shots.map((s) => s.form_factor).sort()).toEqual(['narrow', 'wide']);
    for (const s of shots) {
      const size = await page.evaluate(async (src) => {
        const img = new Image();
        img.src = src;
        await img.decode();
        return `${img.naturalWidth}x${img.naturalHeight}`;
      }, s.src);
      expect(size, s.src).toBe(s.sizes);
    }
  });
});
