import { writeFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatAnswer } from '../../src/core/answer';
import { generateItem, parseItemId } from '../../src/core/items';
import { choiceLetter } from '../../src/core/worksheet';
import { mathsCourse } from '../../src/content/maths';
import {
  axeFindings,
  foreignRequests,
  launch,
  ORIGIN,
  screenshot,
  SCREENSHOTS,
  type Browser,
} from './browser';
import { addFirstLearner, unlockAdult } from './people';
import { expectedAnswer } from '../../src/core/item-answer';

/**
 * Issue 11: printable worksheets. From the class view a teacher makes a sheet of one skill and
 * level with N questions from the course's own generators; the seed is shown, random at first,
 * and typing it again (even after a reload) gives the same sheet; the answer key matches the
 * generators' answers and prints on a page of its own; the sheet's language is chosen apart from
 * the interface's. 390 px English and 1280 px Chinese; keyboard, axe, print emulation and a PDF.
 */
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    add: /Add a learner/,
    create: 'Create',
    open: 'Make a worksheet',
    back: 'Back to the class view',
    teacher: 'Teacher',
    heading: 'Make a worksheet',
    skill: 'Skill',
    skillName: 'Rounding',
    level: 'Level',
    levelOption: 'Level 2',
    count: 'Number of questions',
    seed: 'Seed',
    newSeed: 'New seed',
    print: 'Print',
    // The interface's own language first, then the other one.
    sheets: [
      {
        lang: 'English',
        title: 'Worksheet: Rounding',
        meta: 'Level 2 · 12 questions · Seed 4021',
        key: 'Answer key: Rounding',
        prompt: /^Round \d+ to the nearest \d+\.$/,
      },
      {
        lang: '中文',
        title: '练习单：四舍五入',
        meta: '2 级 · 共 12 题 · 种子号 4021',
        key: '参考答案：四舍五入',
        prompt: /^把\d+四舍五入到(十位|百位|千位)。$/,
      },
    ],
    badCount: 'Choose between 1 and 40 questions.',
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    add: /添加/,
    create: '创建',
    open: '制作练习单',
    back: '返回班级总览',
    teacher: '老师',
    heading: '制作练习单',
    skill: '技能',
    skillName: '四舍五入',
    level: '级别',
    levelOption: '2 级',
    count: '题数',
    seed: '种子号',
    newSeed: '换一个种子号',
    print: '打印',
    sheets: [
      {
        lang: '中文',
        title: '练习单：四舍五入',
        meta: '2 级 · 共 12 题 · 种子号 4021',
        key: '参考答案：四舍五入',
        prompt: /^把\d+四舍五入到(十位|百位|千位)。$/,
      },
      {
        lang: 'English',
        title: 'Worksheet: Rounding',
        meta: 'Level 2 · 12 questions · Seed 4021',
        key: 'Answer key: Rounding',
        prompt: /^Round \d+ to the nearest \d+\.$/,
      },
    ],
    badCount: '题数必须在 1 到 40 之间。',
  },
] as const;

/** Pages in a PDF made by Chromium (its page objects are plain dictionaries). */
function pdfPages(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function itemIds(page: Page): Promise<string[]> {
  return page
    .locator('[data-testid=worksheet] li[data-item-id]')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-item-id') ?? ''));
}

describe.each(CASES)('printable worksheets, $tag', (c) => {
  let b: Browser;
  let page: Page;
  let first: string[] = [];

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the worksheet page is behind the adult gate, typed address included', async () => {
    await addFirstLearner(page, c, 'Noor');
    await page.goto(`${ORIGIN}/#/teacher/worksheet`);
    await page.getByTestId('adult-gate').waitFor();
    expect(await page.getByTestId('worksheet-form').count()).toBe(0);
    await unlockAdult(page);
    await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
    // Reached from the class view too.
    await page.getByRole('link', { name: c.back }).click();
    await page.getByRole('heading', { level: 1, name: c.teacher }).waitFor();
    await page.getByRole('link', { name: c.open }).click();
    await page.getByRole('heading', { level: 1, name: c.heading }).waitFor();
    // A random seed is there from the start, and a sheet with it.
    expect(await page.getByLabel(c.seed, { exact: true }).inputValue()).toMatch(/^\d{1,6}$/);
    await expect.poll(() => itemIds(page).then((x) => x.length)).toBe(10);
  });

  it('a teacher picks skill, level, number and seed by keyboard; the key matches the generators', async () => {
    const skill = page.getByLabel(c.skill, { exact: true });
    await skill.focus();
    await skill.selectOption({ label: c.skillName });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-level');
    await page.getByLabel(c.level, { exact: true }).selectOption({ label: c.levelOption });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-count');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('12');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('ws-seed');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('4021');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(c.newSeed);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.name)).toBe(
      'ws-lang',
    );

    await expect.poll(() => page.getByTestId('worksheet-meta').textContent()).toBe(c.sheets[0].meta);
    first = await itemIds(page);
    expect(first).toHaveLength(12);
    expect(new Set(first).size).toBe(12);
    const keys = await page.getByTestId('key-answer').allTextContents();
    expect(keys).toHaveLength(12);
    first.forEach((id, i) => {
      const { skillId, difficulty, seed } = parseItemId(id);
      expect([skillId, difficulty]).toEqual(['rounding', 2]);
      const item = generateItem(mathsCourse.generators.get(skillId)!, difficulty, seed);
      const expected =
        item.answer.kind === 'choice'
          ? `${choiceLetter(item.answer.correctIndex)} (${formatAnswer(expectedAnswer(item.answer), 'en')})`
          : formatAnswer(expectedAnswer(item.answer), 'en');
      expect(keys[i]).toBe(expected);
    });
    const sheet = page.getByTestId('worksheet');
    expect(await sheet.getAttribute('lang')).toBe(c.locale === 'zh-CN' ? 'zh-CN' : 'en');
    expect(await sheet.getByRole('heading', { level: 2 }).first().textContent()).toBe(c.sheets[0].title);
    expect(await page.getByTestId('answer-key').getByRole('heading').textContent()).toBe(c.sheets[0].key);
    for (const p of await sheet.locator('.prompt').allTextContents()) {
      expect(p.trim()).toMatch(c.sheets[0].prompt);
    }
    expect(await axeFindings(page, `worksheet ${c.tag}`)).toEqual([]);
    await screenshot(page, `worksheet-${c.tag}`);
  });

  it('the same seed gives the same sheet, a new seed another one, and a wrong count says why', async () => {
    await page.getByRole('button', { name: c.newSeed }).click();
    await expect.poll(() => itemIds(page)).not.toEqual(first);
    expect(await page.getByLabel(c.seed, { exact: true }).inputValue()).not.toBe('4021');
    await page.getByLabel(c.seed, { exact: true }).fill('4021');
    await expect.poll(() => itemIds(page)).toEqual(first);
    // After a reload (the gate again), the same choices give the very same sheet.
    await page.reload();
    await unlockAdult(page);
    await page.getByLabel(c.skill, { exact: true }).selectOption({ label: c.skillName });
    await page.getByLabel(c.level, { exact: true }).selectOption({ label: c.levelOption });
    await page.getByLabel(c.count, { exact: true }).fill('12');
    await page.getByLabel(c.seed, { exact: true }).fill('4021');
    await expect.poll(() => itemIds(page)).toEqual(first);
    await page.getByLabel(c.count, { exact: true }).fill('41');
    await expect.poll(() => page.getByTestId('worksheet-error').textContent()).toContain(c.badCount);
    expect(await page.getByTestId('worksheet').count()).toBe(0);
    expect(await page.getByRole('button', { name: c.print }).isDisabled()).toBe(true);
    await page.getByLabel(c.count, { exact: true }).fill('12');
    await expect.poll(() => itemIds(page)).toEqual(first);
  });

  it('in the other language: the same questions, every word on the sheet in that language', async () => {
    const other = c.sheets[1];
    await page.getByLabel(other.lang, { exact: true }).check();
    const sheet = page.getByTestId('worksheet');
    await expect.poll(() => sheet.getByRole('heading', { level: 2 }).first().textContent()).toBe(other.title);
    expect(await itemIds(page)).toEqual(first);
    expect(await page.getByTestId('worksheet-meta').textContent()).toBe(other.meta);
    expect(await page.getByTestId('answer-key').getByRole('heading').textContent()).toBe(other.key);
    for (const p of await sheet.locator('.prompt').allTextContents()) expect(p.trim()).toMatch(other.prompt);
    // The interface keeps its own language.
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(c.heading);
    expect(await axeFindings(page, `worksheet other language ${c.tag}`)).toEqual([]);
    await screenshot(page, `worksheet-other-${c.tag}`);
    await page.getByLabel(c.sheets[0].lang, { exact: true }).check();
  });

  it('prints on A4: only the sheet, and the answer key on a page of its own', async () => {
    await page.setViewportSize({ width: 718, height: 1000 }); // A4 portrait with margins, at 96 dpi
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByTestId('worksheet-form').isVisible()).toBe(false);
    expect(await page.getByRole('heading', { level: 1 }).isVisible()).toBe(false);
    expect(await page.locator('header.top').isVisible()).toBe(false);
    const key = page.getByTestId('answer-key');
    expect(await key.evaluate((k) => getComputedStyle(k).breakBefore)).toBe('page');
    // Nothing overflows the page width.
    expect(await page.getByTestId('worksheet').evaluate((s) => s.scrollWidth <= s.clientWidth + 1)).toBe(
      true,
    );
    await screenshot(page, `worksheet-print-${c.tag}`);
    await page.emulateMedia({ media: null });
    await page.setViewportSize(c.viewport);

    // Six questions and their key would share one A4 page; the key starts a page of its own, so
    // it adds exactly one. (page.pdf lays out with the emulated media: print, as a browser does.)
    await page.getByLabel(c.count, { exact: true }).fill('6');
    await expect.poll(() => itemIds(page)).toEqual(first.slice(0, 6));
    await page.emulateMedia({ media: 'print' });
    const withKey = await page.pdf({ format: 'A4', printBackground: true });
    // The same sheet without its key (CSSOM: the page's CSP allows no injected style sheet).
    const hide = (d: string) => key.evaluate((k, v) => ((k as HTMLElement).style.display = v), d);
    await hide('none');
    const withoutKey = await page.pdf({ format: 'A4', printBackground: true });
    await hide('');
    await page.emulateMedia({ media: null });
    expect(pdfPages(withoutKey)).toBe(1);
    expect(pdfPages(withKey)).toBe(2);
    writeFileSync(`${SCREENSHOTS}/worksheet-${c.tag}.pdf`, withKey);

    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
