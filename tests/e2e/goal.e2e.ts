import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, launch, screenshot, SCREENSHOTS, type Browser } from './browser';
import { addFirstLearner } from './people';
import { answer, next } from './practice-driver';

/**
 * Issue 10, deliverable 6: a learner picks a goal skill on the progress screen, sees the path to
 * it (skills in order, what is done) with a forecast of the answers to get there, and practice
 * serves it, saying so. At 390 px in English and
 * 1280 px in Chinese, keyboard for the goal form, axe on the screen.
 */
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 800 },
    add: /Add a learner/,
    create: 'Create',
    progress: 'Progress',
    practice: 'Practice',
    goalLabel: 'Goal',
    goalName: 'Rounding',
    set: 'Set goal',
    left: /^2 steps left on the way$/,
    // No answers yet, so no pace: answers only (or the long-way-off words).
    forecast:
      /^(About \d+ more questions to reach your goal|Your goal is a long way off: every question takes you closer\.)$/,
    why: /^· (On the way to your goal: Rounding\.|Your goal: you chose to work on this\.)$/,
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    add: /添加/,
    create: '创建',
    progress: '进步',
    practice: '练习',
    goalLabel: '目标',
    goalName: '四舍五入',
    set: '设定目标',
    left: /^还差 2 步$/,
    forecast: /^(大约再做 \d+ 道题就能达到你的目标|你的目标还比较远，每做一道题都离它更近一步。)$/,
    why: /^· (这是通往目标“四舍五入”的一步。|这是你自己定的目标。)$/,
  },
] as const;

async function toProgress(page: Page, name: string): Promise<void> {
  await page.getByRole('link', { name, exact: true }).click();
  await page.getByTestId('goal').waitFor();
}

describe.each(CASES)('a learning path to a goal, $tag', (c) => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the learner picks a goal by keyboard and sees the path to it', async () => {
    await addFirstLearner(page, c, 'Noor');
    await toProgress(page, c.progress);
    const select = page.getByLabel(c.goalLabel, { exact: true });
    await select.focus();
    await select.selectOption({ label: c.goalName });
    await page.keyboard.press('Tab');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(c.set);
    await page.keyboard.press('Enter');
    // Rounding builds on place value: two steps, in order, none done yet.
    await expect.poll(() => page.getByTestId('goal-left').textContent()).toMatch(c.left);
    const steps = await page.getByTestId('goal-path').locator('li').allTextContents();
    expect(steps).toHaveLength(2);
    expect(steps[1]).toContain(c.goalName);
    // Outcome prediction for the goal (core/forecast.ts forecastGoal), in the child's words.
    await expect.poll(() => page.getByTestId('goal-forecast').textContent()).toMatch(c.forecast);
    expect(await axeFindings(page, `goal ${c.tag}`)).toEqual([]);
    await screenshot(page, `goal-${c.tag}`);
    await page.getByTestId('goal').screenshot({ path: `${SCREENSHOTS}/goal-card-${c.tag}.png` });
  });

  it('practice serves the goal after the placement check, and says why', async () => {
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    const reasons: string[] = [];
    for (let i = 0; i < 10; i++) {
      const why = page.locator('.why');
      const reason = (await why.getAttribute('data-reason')) ?? '';
      reasons.push(reason);
      if (reason === 'focus') {
        expect(((await why.textContent()) ?? '').trim()).toMatch(c.why);
        break;
      }
      expect(reason).toBe('placement');
      await answer(page, false);
      await next(page);
    }
    expect(reasons.at(-1)).toBe('focus');
    // The goal (or its first step) is what is asked.
    const id = (await page.locator('[data-item-id]').getAttribute('data-item-id')) ?? '';
    expect(['placeValue', 'rounding']).toContain(id.split('~')[0]);
    // The goal is kept: back on the progress screen it is still selected.
    await toProgress(page, c.progress);
    await expect.poll(() => page.getByTestId('goal-path').locator('li').count()).toBe(2);
  });
});
