import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ORIGIN, type Browser } from './browser';
import { fillAdultIfAsked } from './people';

/**
 * Issue 11, defect 8: a screen change never keeps the previous screen's scroll position; each
 * screen starts at the top with focus on its heading. At 390 px (English) and 1280 px (Chinese),
 * on a short window so that every screen scrolls.
 */
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 640 },
    add: /Add a learner/,
    create: 'Create',
  },
  { tag: 'zh-1280', locale: 'zh-CN', viewport: { width: 1280, height: 560 }, add: /添加/, create: '创建' },
] as const;

async function scrollToBottom(page: Page): Promise<number> {
  return page.evaluate(() => {
    window.scrollTo(0, document.documentElement.scrollHeight);
    return window.scrollY;
  });
}

describe.each(CASES)('screen changes start at the top, $tag', (c) => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('after creating a learner the question starts at the top', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('button', { name: c.add }).click();
    await page.locator('#nickname').fill('Ada');
    await fillAdultIfAsked(page);
    expect(await scrollToBottom(page)).toBeGreaterThan(100);
    await page.getByRole('button', { name: c.create, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    const top = await page.locator('[data-item-id]').evaluate((el) => el.getBoundingClientRect().top);
    expect(top).toBeGreaterThanOrEqual(0);
  });

  it('every screen reached from a scrolled one starts at the top, focus on its heading', async () => {
    for (const hash of ['#/progress', '#/settings', '#/progress', '#/data', '#/practice']) {
      await scrollToBottom(page);
      await page.evaluate((h) => (location.hash = h), hash);
      await page.waitForFunction(() => window.scrollY === 0);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.tagName ?? ''), { timeout: 5000 })
        .toMatch(/^(H1|INPUT|BUTTON)$/);
      const heading = await page.evaluate(() => document.activeElement?.tagName === 'H1');
      // Practice puts focus in the answer field (or on a choice) instead; every other screen on its heading.
      if (hash !== '#/practice') expect(heading, hash).toBe(true);
    }
  });
});
