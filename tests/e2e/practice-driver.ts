import type { Page } from 'playwright-core';
import { formatAnswer } from '../../src/core/answer';
import { generateItem, parseItemId } from '../../src/core/items';
import type { Item } from '../../src/core/types';
import { mathsCourse } from '../../src/content/maths';
import { expectedAnswer } from '../../src/core/item-answer';

/** Regenerate the item on screen from its id, exactly as the app did. */
export async function currentItem(page: Page, regenerate?: (id: string) => Item): Promise<Item> {
  const id = await page.locator('[data-item-id]').getAttribute('data-item-id');
  if (!id) throw new Error('no item on screen');
  if (regenerate) return regenerate(id);
  const { skillId, difficulty, seed } = parseItemId(id);
  const gen = mathsCourse.generators.get(skillId);
  if (!gen) throw new Error(`unknown skill ${skillId}`);
  return generateItem(gen, difficulty, seed);
}

/** A well-formed but wrong answer for an item. */
export function wrongAnswer(item: Item): string {
  const answer = expectedAnswer(item.answer);
  switch (answer.kind) {
    case 'integer':
      return String(answer.value + 7);
    case 'decimal':
      // Rounded as formatAnswer rounds: 0.137 + 7 is 7.1370000000000005 in floating point,
      // 17 digits, which the checker refuses as too long instead of marking wrong.
      return String(Number((answer.value + 7).toPrecision(12)));
    case 'fraction':
      return `${answer.numerator + answer.denominator}/${answer.denominator}`;
    case 'choice':
      return String((answer.correctIndex + 1) % answer.choices.length);
  }
}

/**
 * Answer the item on screen (right or wrong) the way a learner would: typing and
 * pressing Enter, or tapping a choice. Waits for the feedback and returns whether the
 * app said "correct".
 */
export async function answer(
  page: Page,
  right: boolean,
  regenerate?: (id: string) => Item,
): Promise<{ item: Item; saidCorrect: boolean }> {
  const item = await currentItem(page, regenerate);
  if (item.answer.kind === 'choice') {
    const idx = right ? item.answer.correctIndex : Number(wrongAnswer(item));
    await page.locator('.choice').nth(idx).click();
  } else {
    const text = right ? formatAnswer(expectedAnswer(item.answer), 'en') : wrongAnswer(item);
    await page.locator('#answer').fill(text);
    await page.locator('#answer').press('Enter');
  }
  // The verdict, not a leftover "malformed" hint (.warn) or the save-failed alert.
  const fb = page.locator('#feedback p.ok, #feedback p.bad:not([role=alert]), #feedback p.info').first();
  await fb.waitFor();
  const cls = (await fb.getAttribute('class')) ?? '';
  return { item, saidCorrect: cls.includes('ok') };
}

export async function next(page: Page): Promise<void> {
  const before = await page.locator('[data-item-id]').getAttribute('data-item-id');
  // Next acts once the feedback has been on screen for a moment (a quick second press is ignored).
  await page.locator('button[data-ready="true"]').waitFor();
  await page.getByRole('button', { name: /Next|下一题/ }).click();
  await page.waitForFunction(
    (b) => document.querySelector('[data-item-id]')?.getAttribute('data-item-id') !== b,
    before,
  );
}
