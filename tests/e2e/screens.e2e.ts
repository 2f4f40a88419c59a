import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ORIGIN, type Browser } from './browser';
import { fillAdultIfAsked } from './people';
import { answer, currentItem, next } from './practice-driver';

/**
 * Issue 11, defects 8 and 9, at 390 px (English) and 1280 px (Chinese), on a short window so that
 * every screen scrolls: a screen change never keeps the previous screen's scroll position (each
 * starts at the top with focus on its heading); a quick second Enter cannot skip the feedback,
 * Hint by keyboard keeps focus in the answer, a reload brings back the same item, typed answer
 * and hint, and the system keyboard is not asked for while the on-screen pad shows.
 */
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 640 },
    add: /Add a learner/,
    create: 'Create',
    hint: 'Hint',
    pad: 'Show number pad',
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 560 },
    add: /添加/,
    create: '创建',
    hint: '提示',
    pad: '显示数字键盘',
  },
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

  it('keyboard and reload: feedback cannot be skipped, Hint keeps focus, a reload restores the item', async () => {
    await page.evaluate(() => (location.hash = '#/practice'));
    await page.locator('[data-item-id]').waitFor();
    while ((await currentItem(page)).answer.kind === 'choice') {
      await answer(page, true);
      await next(page);
    }
    const item = await currentItem(page);

    // Hint by keyboard: focus goes back to the answer, not to the page.
    await page.getByRole('button', { name: c.hint, exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.locator('aside.hint').waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');

    // A reload mid-item: the same item, the typed answer and the hint are back.
    await page.locator('#answer').fill('12');
    await page.reload();
    await page.locator('[data-item-id]').waitFor();
    expect(await page.locator('[data-item-id]').getAttribute('data-item-id')).toBe(item.id);
    expect(await page.locator('#answer').inputValue()).toBe('12');
    await page.locator('aside.hint').waitFor();

    // With the on-screen pad showing, the system keyboard is not asked for as well.
    await page.getByRole('button', { name: c.pad }).click();
    expect(await page.locator('#answer').getAttribute('inputmode')).toBe('none');

    // Enter twice at once: the feedback stays; once it has been read, Enter goes on.
    const { saidCorrect } = await answer(page, true);
    expect(saidCorrect).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.locator('[data-item-id]').getAttribute('data-item-id')).toBe(item.id);
    expect(await page.locator('#feedback p').count()).toBeGreaterThan(0);
    await page.locator('button[data-ready="true"]').waitFor();
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      (id) => document.querySelector('[data-item-id]')?.getAttribute('data-item-id') !== id,
      item.id,
    );
  });
});
