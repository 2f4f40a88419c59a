import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, ORIGIN, screenshot, type Browser } from './browser';
import { ADULT_PASS } from './people';
import { answer, currentItem } from './practice-driver';

/** Interactive elements smaller than 44×44 CSS px (WCAG 2.5.5 target size) that are visible. */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>(
      'button, a[href], input, select, label:has(input[type=radio])',
    )) {
      if (
        el.closest('.visually-hidden') ||
        el.classList.contains('visually-hidden') ||
        el.classList.contains('skip')
      ) {
        continue;
      }
      const r = el.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      if (r.width < 44 || r.height < 44) {
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`,
        );
      }
    }
    return out;
  });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('usability: small screens, touch, keyboard, language', () => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await launch({ locale: 'zh-CN', viewport: { width: 360, height: 740 } });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('speaks Chinese on a Chinese browser without being asked', async () => {
    await page.goto(ORIGIN + '/');
    await page.getByRole('heading', { name: '谁在学习？' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
  });

  it('can be used with the keyboard alone, and every target is at least 44 px at 360 px wide', async () => {
    // Switch to English with the keyboard: Tab to the language buttons.
    await page.getByRole('button', { name: 'English' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Who is learning?' }).waitFor();
    expect(await smallTargets(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

    await page.getByRole('button', { name: /Add a learner/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByLabel('Nickname').waitFor();
    // Focus is on the new screen's heading; the first Tab reaches the nickname field.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('nickname');
    await page.keyboard.type('Kim');
    // The device's first learner: the adult sets the adult passphrase with it, by keyboard too.
    await page.locator('#adult-pass').focus();
    await page.keyboard.type(ADULT_PASS);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('adult-confirm');
    await page.keyboard.type(ADULT_PASS);
    expect(await smallTargets(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.getByRole('button', { name: 'Create' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('[data-item-id]').waitFor();
    await screenshot(page, 'practice-360');

    // Answer three items by keyboard only: type + Enter, then Enter on the focused Next button.
    for (let i = 0; i < 3; i++) {
      const item = await currentItem(page);
      if (item.answer.kind === 'choice') {
        await page.locator('.choice').first().focus();
        await page.keyboard.press('Enter');
      } else {
        await page.locator('#answer').focus();
        await page.keyboard.type('1');
        await page.keyboard.press('Enter');
      }
      await page.locator('#feedback p').first().waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Next/);
      expect(await smallTargets(page)).toEqual([]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      // A second Enter at once does not skip the feedback; once it has been read, Enter goes on.
      await page.keyboard.press('Enter');
      expect(await page.locator('#feedback p').count()).toBeGreaterThan(0);
      await page.locator('button[data-ready="true"]').waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/Next/);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => !document.querySelector('#feedback p'));
    }
  });

  it('offers an on-screen number pad that types into the answer', async () => {
    let item = await currentItem(page);
    while (item.answer.kind === 'choice') {
      await answer(page, true);
      await page.locator('button[data-ready="true"]').waitFor();
      await page.getByRole('button', { name: /Next/ }).click();
      await page.waitForFunction(() => !document.querySelector('#feedback p'));
      item = await currentItem(page);
    }
    await page.getByRole('button', { name: 'Show number pad' }).click();
    for (const k of ['4', '2']) {
      await page
        .getByRole('group', { name: 'Number pad' })
        .getByRole('button', { name: k, exact: true })
        .click();
    }
    expect(await page.locator('#answer').inputValue()).toBe('42');
    await page.getByRole('button', { name: 'Delete last character' }).click();
    expect(await page.locator('#answer').inputValue()).toBe('4');
    expect(await smallTargets(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await screenshot(page, 'numpad-360');
  });

  it('lays out every screen without sideways scrolling at 360 px', async () => {
    for (const link of ['Progress', 'Settings']) {
      await page.getByRole('link', { name: link }).click();
      await page.getByRole('heading', { level: 1, name: link }).waitFor();
      // The skill map scrolls inside its own focusable region; the page itself must not.
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await screenshot(page, `${link.toLowerCase()}-360`);
    }
  });
});
