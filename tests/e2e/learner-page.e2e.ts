import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, foreignRequests, launch, ORIGIN, screenshotAll, type Browser } from './browser';
import { addFirstLearner, unlockAdult } from './people';
import { answer, currentItem, next } from './practice-driver';

/**
 * Issue 11: a learner's own page for the teacher. Ana practises six items (one after a hint, one
 * where she shows the solution) and Bo three; the teacher opens Ana's page by clicking her name
 * in the class view (and in a group), and every figure on it is what Ana did: her answers, right
 * and wrong, hints and solutions against the class, her session, her speed by skill. The page's
 * address typed directly meets the adult gate. 1280 px English, 390 px Chinese; axe, keyboard.
 */
const CASES = [
  {
    tag: 'en-1280',
    locale: 'en-US',
    viewport: { width: 1280, height: 800 },
    add: /Add a learner/,
    create: 'Create',
    hint: 'Hint',
    solution: 'Show solution',
    teacher: 'Teacher',
    title: 'About Ana',
    back: 'Back to the class view',
    edit: 'Edit nickname, picture or PIN',
    editTitle: 'Edit Ana',
    missing: 'This learner is not on this device.',
    summary: (n: number, k: number, p: number) =>
      new RegExp(`^${n} answers, ${k} right \\(${p}%\\) · \\d+ skills? mastered$`),
    share: (n: number, total: number) => `${Math.round((100 * n) / total)}% (${n} of ${total})`,
    sessions:
      /^1 session on 1 day; 1 day with practice in the last 28 days\. A typical session: .+, 6 answers\. Longest: .+\.$/,
    classNote: /the 2 learners on this device/,
    redo: 'Ask the placement questions again',
    pending: /^Asked again on .+: the questions come at the start of the next session\.$/,
    done: /^Asked again on .+, and answered since\.$/,
    open: 'Open Ana',
    placementWhy: 'Finding where to start: question 1.',
    days: /^(about \d+ days? \(\d+–\d+\)|–)$/,
  },
  {
    tag: 'zh-390',
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
    add: /添加/,
    create: '创建',
    hint: '提示',
    solution: '看解答',
    teacher: '老师',
    title: 'Ana的学习情况',
    back: '返回班级总览',
    edit: '修改昵称、头像或密码',
    editTitle: '编辑Ana',
    missing: '这台设备上没有这名学生。',
    summary: (n: number, k: number, p: number) =>
      new RegExp(`^共答 ${n} 题，答对 ${k} 题（${p}%）· 已掌握 \\d+ 项技能$`),
    share: (n: number, total: number) => `${Math.round((100 * n) / total)}%（${total} 题中有 ${n} 题）`,
    sessions:
      /^共练习 1 次，分布在 1 天；最近 28 天里有 1 天练习过。一次练习通常 .+，答 6 题。最长的一次 .+。$/,
    classNote: /这台设备上的 2 名学生/,
    redo: '重新做起点测试',
    pending: /^已于 .+ 安排重新测试：题目会在下次练习开始时出现。$/,
    done: /^已于 .+ 安排重新测试，现已完成。$/,
    open: '打开Ana',
    placementWhy: '看看从哪里开始：第 1 题。',
    days: /^(约 \d+ 天（\d+–\d+ 天）|–)$/,
  },
] as const;

interface Done {
  readonly itemId: string;
  readonly correct: boolean;
  readonly hint: boolean;
  readonly solution: boolean;
}

async function sumColumn(page: Page, testid: string): Promise<number> {
  const cells = await page
    .locator(`[data-testid=lp-by-skill] tbody td[data-testid=${testid}]`)
    .allTextContents();
  return cells.reduce((s, x) => s + Number(x), 0);
}

describe.each(CASES)('the teacher’s page about one learner, $tag', (c) => {
  let b: Browser;
  let page: Page;
  const done: Done[] = [];
  let pageUrl = '';

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('Ana practises six items, one after a hint and one with the solution shown; Bo three', async () => {
    await addFirstLearner(page, c, 'Ana');
    for (let i = 0; i < 6; i++) {
      if (i === 3) {
        const item = await currentItem(page);
        await page.getByRole('button', { name: c.solution, exact: true }).click();
        done.push({ itemId: item.id, correct: false, hint: false, solution: true });
      } else {
        const hint = i === 1;
        if (hint) {
          await page.getByRole('button', { name: c.hint, exact: true }).click();
          await page.locator('button[disabled]', { hasText: c.hint }).waitFor();
        }
        const right = i !== 2 && i !== 5;
        const { item, saidCorrect } = await answer(page, right);
        expect(saidCorrect).toBe(right);
        done.push({ itemId: item.id, correct: right, hint, solution: false });
      }
      await next(page);
    }
    await addFirstLearner(page, c, 'Bo');
    for (let i = 0; i < 3; i++) {
      await answer(page, true);
      await next(page);
    }
  });

  it('the page’s address typed directly meets the adult gate', async () => {
    await page.goto(`${ORIGIN}/#/teacher/learner/nobody`);
    await page.getByTestId('adult-gate').waitFor();
    expect(await page.getByTestId('lp-summary').count()).toBe(0);
    await unlockAdult(page);
    await expect.poll(() => page.getByTestId('learner-missing').textContent()).toBe(c.missing);
  });

  it('clicking Ana’s name in the class view opens her page, with what she really did', async () => {
    await page.getByRole('link', { name: c.back }).click();
    await page.getByRole('heading', { level: 1, name: c.teacher }).waitFor();
    await page.locator('[data-testid=heatmap] tbody th a', { hasText: 'Ana' }).click();
    await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
    pageUrl = page.url();
    expect(pageUrl).toMatch(/#\/teacher\/learner\/.+/);

    const right = done.filter((d) => d.correct).length;
    await expect
      .poll(() => page.getByTestId('lp-summary').textContent())
      .toMatch(c.summary(6, right, Math.round((100 * right) / 6)));
    // Every answer, on the skill table and in the latest answers, as she gave it.
    expect(await sumColumn(page, 'answers')).toBe(6);
    expect(await sumColumn(page, 'correct')).toBe(right);
    expect(await sumColumn(page, 'hints')).toBe(1);
    expect(await sumColumn(page, 'solutions')).toBe(1);
    const rows = await page
      .locator('[data-testid=lp-recent] tbody tr')
      .evaluateAll((trs) => trs.map((t) => [t.getAttribute('data-item-id'), t.getAttribute('data-correct')]));
    expect(rows).toEqual([...done].reverse().map((d) => [d.itemId, String(d.correct)]));
    // Help against the class: Bo took none.
    const hintRow = page.getByTestId('lp-help-hint').locator('td');
    expect(await hintRow.allTextContents()).toEqual([c.share(1, 6), c.share(1, 9)]);
    const solRow = page.getByTestId('lp-help-solution').locator('td');
    expect(await solRow.allTextContents()).toEqual([c.share(1, 6), c.share(1, 9)]);
    expect(await page.getByTestId('lp-class-note').textContent()).toMatch(c.classNote);
    // One sitting: one session, counted once by time of day.
    expect((await page.getByTestId('lp-sessions').textContent())?.replace(/\s+/g, ' ').trim()).toMatch(
      c.sessions,
    );
    const parts = await page
      .locator('[data-testid=lp-parts] tbody tr')
      .evaluateAll((trs) =>
        trs.map((t) => [...t.querySelectorAll('td')].map((td) => Number(td.textContent))),
      );
    expect(parts.reduce((s, [n]) => s + (n ?? 0), 0)).toBe(1);
    expect(parts.reduce((s, [, a]) => s + (a ?? 0), 0)).toBe(6);
    // Speed: one row per skill she answered, each with her median time.
    const skills = new Set(done.map((d) => d.itemId.split('~')[0]));
    const speed = page.locator('[data-testid=lp-speed] tbody tr');
    expect(await speed.count()).toBe(skills.size);
    for (const tr of await speed.all()) {
      expect(Number(await tr.getAttribute('data-median-ms'))).toBeGreaterThan(0);
    }

    expect(await axeFindings(page, `learner page ${c.tag}`)).toEqual([]);
    await screenshotAll(page, `learner-page-${c.tag}`);
  });

  it('is reached by keyboard, links to editing the learner, and from a group in the class view', async () => {
    await page.setViewportSize(c.viewport);
    await page.getByRole('heading', { level: 1 }).focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(c.back);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(c.edit);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: c.editTitle }).waitFor();
    // Still unlocked among the adult pages: back to the class view, then Ana's name in her group.
    await page.goto(`${ORIGIN}/#/teacher`);
    await page.getByRole('heading', { level: 1, name: c.teacher }).waitFor();
    await page.locator('[data-testid=members] a', { hasText: 'Ana' }).first().click();
    await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
  });

  it('leaving for a child’s screen locks it again: the same address asks for the passphrase', async () => {
    await page.goto(`${ORIGIN}/#/`);
    await page.goto(pageUrl);
    await page.getByTestId('adult-gate').waitFor();
    expect(await page.getByTestId('lp-summary').count()).toBe(0);
    await unlockAdult(page);
    await page.getByRole('heading', { level: 1, name: c.title }).waitFor();
    await expect.poll(() => sumColumn(page, 'answers')).toBe(6);
  });

  it('shows the forecasts in days too, and asks the placement check again: Ana’s next session starts with it', async () => {
    // Predicted progress, in answers and in days at Ana's pace (core/pace.ts).
    const days = await page.getByTestId('lp-forecast-days').allTextContents();
    expect(days.length).toBeGreaterThan(0);
    for (const d of days) expect(d.trim()).toMatch(c.days);
    expect(days.some((d) => d.trim() !== '–')).toBe(true);

    expect(await page.getByTestId('lp-placement-state').count()).toBe(0);
    await page.getByRole('button', { name: c.redo, exact: true }).click();
    const state = page.getByTestId('lp-placement-state');
    await expect.poll(() => state.getAttribute('data-state')).toBe('pending');
    expect((await state.textContent())?.trim()).toMatch(c.pending);
    expect(await axeFindings(page, `learner page, placement asked again ${c.tag}`)).toEqual([]);
    await screenshotAll(page, `learner-page-placement-${c.tag}`);

    // Ana's next session: the item left on screen last time comes back first (a reload or a
    // return is not a free skip); then the placement check's first question, saying so.
    await page.goto(`${ORIGIN}/#/`);
    await page.getByRole('button', { name: c.open }).click();
    await page.locator('[data-item-id]').waitFor();
    const why = page.locator('.why');
    if ((await why.getAttribute('data-reason')) !== 'placement') {
      await answer(page, true);
      await next(page);
    }
    expect(await why.getAttribute('data-reason')).toBe('placement');
    expect((await why.textContent())?.trim()).toContain(c.placementWhy);
    // She answers until the check is over; the teacher's page then says it was answered.
    for (let i = 0; i < 12 && (await why.getAttribute('data-reason')) === 'placement'; i++) {
      await answer(page, true);
      await next(page);
    }
    expect(await why.getAttribute('data-reason')).not.toBe('placement');
    await page.goto(pageUrl);
    await unlockAdult(page);
    await expect.poll(() => page.getByTestId('lp-placement-state').getAttribute('data-state')).toBe('done');
    expect((await page.getByTestId('lp-placement-state').textContent())?.trim()).toMatch(c.done);
    expect(foreignRequests(b.requests)).toEqual([]);
    expect(b.problems).toEqual([]);
  });
});
