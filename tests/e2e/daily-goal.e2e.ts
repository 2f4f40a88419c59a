import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, launch, SCREENSHOTS, screenshot, type Browser } from './browser';
import { addFirstLearner } from './people';
import { answer, next } from './practice-driver';

/**
 * Issue 11, what children expect: a daily goal they pick themselves (Settings, no adult gate), its
 * progress on the practice screen and a gentle moment when it is reached; an end-of-session
 * summary ("I'm done for today", and on leaving practice after answering) with the right figures,
 * focus on its heading; a sound switch that persists, with no sound before a gesture and no error
 * where Web Audio is missing (AudioContext is stubbed to count what would play). At 390 px in
 * English (keyboard only where it matters) and 1280 px in Chinese; screenshots also at 320 px.
 */
const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 844 },
    keyboard: true,
    add: /Add a learner/,
    create: 'Create',
    practice: 'Practice',
    progress: 'Progress',
    settings: 'Settings',
    option: (n: number) => `${n} questions`,
    skillPrefix: 'Skill: ',
    meter: (done: number, goal: number) => `${done} of ${goal} today`,
    meterDone: (done: number) => `${done} today: goal reached!`,
    reached: 'You reached today’s goal: 5 questions! Well done.',
    finish: 'I’m done for today',
    title: 'Well done, Noor!',
    streak: '1 day',
    time: 'Under a minute',
    goalLine: (done: number) => `Today’s goal reached! ${done} questions today (your goal: 5).`,
    goalLineShort: (done: number) => `Today’s goal: ${done} of 10 questions, ${10 - done} more to go.`,
    again: 'Keep practising',
    ok: 'OK',
    session: /This session: 0 of 0 correct/,
    sound: 'Play sounds',
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    keyboard: false,
    add: /添加/,
    create: '创建',
    practice: '练习',
    progress: '进步',
    settings: '设置',
    option: (n: number) => `${n} 题`,
    skillPrefix: '技能：',
    meter: (done: number, goal: number) => `今天已做 ${done} 题，目标 ${goal} 题`,
    meterDone: (done: number) => `今天已做 ${done} 题：目标达成！`,
    reached: '你完成了今天的目标：5 题！真棒！',
    finish: '今天就练到这里',
    title: 'Noor，你真棒！',
    streak: '1 天',
    time: '不到 1 分钟',
    goalLine: (done: number) => `今日目标达成！今天做了 ${done} 题（目标 5 题）。`,
    goalLineShort: (done: number) => `今日目标：已做 ${done} 题，目标 10 题，还差 ${10 - done} 题。`,
    again: '继续练习',
    ok: '知道了',
    session: /这次练习：做了 0 题，答对 0 题/,
    sound: '播放提示音',
  },
] as const;

/** Counts what the app would play: AudioContexts made and tones started (window.__audio). */
const STUB_AUDIO = `(() => {
  window.__audio = { created: 0, tones: 0 };
  const param = () => ({ value: 0, setValueAtTime() {}, linearRampToValueAtTime() {}, exponentialRampToValueAtTime() {} });
  class FakeAudioContext {
    constructor() { window.__audio.created += 1; this.currentTime = 0; this.state = 'running'; this.destination = {}; }
    createOscillator() { return { type: 'sine', frequency: param(), connect() {}, start() { window.__audio.tones += 1; }, stop() {} }; }
    createGain() { return { gain: param(), connect() {} }; }
    resume() { return Promise.resolve(); }
    close() { return Promise.resolve(); }
  }
  Object.defineProperty(window, 'AudioContext', { configurable: true, writable: true, value: FakeAudioContext });
})();`;

const audio = (page: Page): Promise<{ created: number; tones: number }> =>
  page.evaluate(() => (window as unknown as { __audio: { created: number; tones: number } }).__audio);

const text = async (page: Page, testId: string): Promise<string> =>
  ((await page.getByTestId(testId).textContent()) ?? '').replace(/\s+/g, ' ').trim();

const focusedTestId = (page: Page): Promise<string | null> =>
  page.evaluate(() => document.activeElement?.closest('[data-testid]')?.getAttribute('data-testid') ?? null);

/** Screenshots at 320 px, 390 px and 1280 px wide; leaves the page at `back`. */
async function shootWidths(page: Page, name: string, back: { width: number; height: number }): Promise<void> {
  for (const width of [320, 390, 1280]) {
    await page.setViewportSize({ width, height: 800 });
    await screenshot(page, `${name}-${width}`);
  }
  await page.setViewportSize(back);
}

describe.each(CASES)('daily goal, summary and sounds, $tag', (c) => {
  let b: Browser;
  let page: Page;
  /** Skill names seen while practising (the summary must list each). */
  const skills = new Set<string>();

  async function skillOnScreen(): Promise<void> {
    const label = ((await page.locator('.meta span').first().textContent()) ?? '').trim();
    skills.add(label.slice(c.skillPrefix.length));
  }

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
    await page.addInitScript(STUB_AUDIO);
  });
  afterAll(async () => {
    await b?.close();
  });

  it('the learner picks a daily goal in their own Settings, and it is kept', async () => {
    await addFirstLearner(page, c, 'Noor');
    await page.getByRole('link', { name: c.settings, exact: true }).click();
    const group = page.getByTestId('daily-goal-settings');
    await group.waitFor();
    // No adult gate on the way: this is the learner's screen.
    expect(await page.getByTestId('adult-gate').count()).toBe(0);
    const ten = page.getByRole('radio', { name: c.option(10), exact: true });
    const five = page.getByRole('radio', { name: c.option(5), exact: true });
    expect(await ten.isChecked()).toBe(true); // the default
    if (c.keyboard) {
      await ten.focus();
      await page.keyboard.press('ArrowLeft');
    } else {
      await five.click();
    }
    await expect.poll(() => five.isChecked()).toBe(true);
    expect(await axeFindings(page, `settings ${c.tag}`)).toEqual([]);
    await shootWidths(page, `daily-goal-settings-${c.tag}`, c.viewport);
    await expect.poll(() => page.getByTestId('daily-goal-settings').getAttribute('data-saved')).toBe('5');
    await page.reload();
    await page.getByTestId('daily-goal-settings').waitFor();
    expect(await page.getByRole('radio', { name: c.option(5), exact: true }).isChecked()).toBe(true);
  });

  it('practice shows today’s goal, and celebrates gently when it is reached', async () => {
    if (!c.keyboard) await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    const meter = page.getByTestId('goal-meter');
    await expect.poll(() => text(page, 'goal-meter')).toContain(c.meter(0, 5));
    expect(await meter.locator('progress').getAttribute('max')).toBe('5');
    const rights = [true, true, false, true, true];
    for (const [i, right] of rights.entries()) {
      await skillOnScreen();
      await answer(page, right);
      if (i < rights.length - 1) {
        await expect.poll(() => text(page, 'goal-meter')).toContain(c.meter(i + 1, 5));
        expect(await page.getByTestId('goal-reached').count()).toBe(0);
        if (i === 1) await screenshot(page, `daily-goal-meter-${c.tag}`);
        await next(page);
      }
    }
    const reached = page.getByTestId('goal-reached');
    await reached.waitFor();
    expect(await text(page, 'goal-reached')).toBe(`🎉 ${c.reached}`);
    expect(await text(page, 'goal-meter')).toContain(c.meterDone(5));
    const animation = await reached.locator('.star').evaluate((e) => getComputedStyle(e).animationName);
    if (c.keyboard) expect(animation).toMatch(/pop/);
    else expect(animation).toBe('none');
    expect(await axeFindings(page, `goal reached ${c.tag}`)).toEqual([]);
    await shootWidths(page, `daily-goal-reached-${c.tag}`, c.viewport);
    // The sixth question is not celebrated again.
    await next(page);
    await skillOnScreen();
    await answer(page, true);
    expect(await page.getByTestId('goal-reached').count()).toBe(0);
    await expect.poll(() => text(page, 'goal-meter')).toContain(c.meterDone(6));
  });

  it('“I’m done for today” shows the summary with the right figures, focus on its heading', async () => {
    const finish = page.getByTestId('finish');
    expect(((await finish.textContent()) ?? '').trim()).toBe(c.finish);
    if (c.keyboard) {
      await finish.focus();
      await page.keyboard.press('Enter');
    } else {
      await finish.click();
    }
    const summary = page.getByTestId('session-summary');
    await summary.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    expect(await focusedTestId(page)).toBe('session-summary');
    expect(((await summary.getByRole('heading').textContent()) ?? '').trim()).toContain(c.title);
    // Six questions, five right (one wrong on purpose), all today; one day; a few seconds.
    expect(await text(page, 'summary-answered')).toBe('6');
    expect(await text(page, 'summary-correct')).toBe('5');
    expect(await text(page, 'summary-streak')).toBe(c.streak);
    expect(await text(page, 'summary-time')).toBe(c.time);
    expect(await text(page, 'summary-goal')).toBe(`🎉 ${c.goalLine(6)}`);
    const skillLine = await text(page, 'summary-skills');
    for (const s of skills) expect(skillLine).toContain(s);
    expect(await page.locator('[data-item-id]').count()).toBe(0);
    expect(await axeFindings(page, `summary ${c.tag}`)).toEqual([]);
    await shootWidths(page, `session-summary-${c.tag}`, c.viewport);

    // Keep practising: a new session, back on a question.
    if (c.keyboard) {
      await page.keyboard.press('Tab');
      expect(((await page.evaluate(() => document.activeElement?.textContent)) ?? '').trim()).toBe(c.again);
      await page.keyboard.press('Enter');
    } else {
      await page.getByRole('button', { name: c.again }).click();
    }
    await page.locator('[data-item-id]').waitFor();
    expect(await page.locator('.session').textContent()).toMatch(c.session);
    expect(await page.getByTestId('finish').count()).toBe(0);
  });

  it('leaving practice after answering shows the summary on the next screen, once', async () => {
    await answer(page, true);
    await next(page);
    await answer(page, false);
    await page.getByRole('link', { name: c.progress, exact: true }).click();
    await page.getByTestId('simple-progress').waitFor();
    const summary = page.getByTestId('session-summary');
    await summary.waitFor();
    expect(await text(page, 'summary-answered')).toBe('2');
    expect(await text(page, 'summary-correct')).toBe('1');
    await expect.poll(() => focusedTestId(page)).toBe('session-summary');
    expect(await axeFindings(page, `summary on progress ${c.tag}`)).toEqual([]);
    await screenshot(page, `session-summary-left-${c.tag}`);
    if (c.keyboard) {
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
    } else {
      await summary.getByRole('button', { name: c.ok }).click();
    }
    await summary.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // Into practice and out again without answering: nothing to summarise.
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.getByRole('link', { name: c.settings, exact: true }).click();
    await page.getByTestId('daily-goal-settings').waitFor();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('session-summary').count()).toBe(0);
  });

  it('switching learner after answering shows the summary on the picker; the goal line is short of a goal', async () => {
    // Back to the default goal of 10, so today's 8 are short of it.
    await page.getByRole('radio', { name: c.option(10), exact: true }).check();
    await expect
      .poll(() => page.getByRole('radio', { name: c.option(10), exact: true }).isChecked())
      .toBe(true);
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    await expect.poll(() => text(page, 'goal-meter')).toContain(c.meter(8, 10));
    await answer(page, true);
    await page.locator('button.who').click();
    const summary = page.getByTestId('session-summary');
    await summary.waitFor();
    expect(await text(page, 'summary-answered')).toBe('1');
    expect(await text(page, 'summary-goal')).toBe(`🎯 ${c.goalLineShort(9)}`);
    await screenshot(page, `session-summary-picker-${c.tag}`);
    await summary.getByRole('button', { name: c.ok }).click();
    await summary.waitFor({ state: 'detached' });
  });

  it('the sound switch is off by default, persists across a reload, and sounds only after a gesture', async () => {
    await page.getByRole('button', { name: /Noor/ }).click();
    await page.locator('[data-item-id]').waitFor();
    await page.reload();
    await page.locator('[data-item-id]').waitFor();
    // Nothing touched since the reload: no audio context made.
    expect(await audio(page)).toEqual({ created: 0, tones: 0 });
    // Sound is off by default: a right answer is silent.
    await answer(page, true);
    await page.waitForTimeout(200);
    expect((await audio(page)).tones).toBe(0);

    await page.getByRole('link', { name: c.settings, exact: true }).click();
    const sw = page.getByRole('switch', { name: c.sound });
    await sw.waitFor();
    expect(await sw.isChecked()).toBe(false);
    if (c.keyboard) {
      await sw.focus();
      await page.keyboard.press('Space');
    } else {
      await sw.click();
    }
    await expect.poll(() => sw.isChecked()).toBe(true);
    // Turning it on plays a sample, so the child hears what they chose.
    await expect.poll(async () => (await audio(page)).tones).toBeGreaterThan(0);
    expect(await axeFindings(page, `sound switch ${c.tag}`)).toEqual([]);
    await page.getByTestId('sound-settings').screenshot({ path: `${SCREENSHOTS}/sound-switch-${c.tag}.png` });

    // Stored before the reload (a write still in flight when the page goes is lost, as in any app).
    await expect.poll(() => page.getByTestId('sound-settings').getAttribute('data-saved')).toBe('true');
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: c.sound }).isChecked()).toBe(true);
    expect(await audio(page)).toEqual({ created: 0, tones: 0 });

    // With sound on, a right answer plays.
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    for (let i = 0; i < 6; i++) {
      const { saidCorrect } = await answer(page, true);
      if (saidCorrect) break;
      await next(page);
    }
    await expect.poll(async () => (await audio(page)).tones).toBeGreaterThan(0);

    // Off again: silent, and still off after a reload.
    await page.getByRole('link', { name: c.settings, exact: true }).click();
    await page.getByRole('switch', { name: c.sound }).uncheck();
    await expect.poll(() => page.getByTestId('sound-settings').getAttribute('data-saved')).toBe('false');
    await page.reload();
    await expect.poll(() => page.getByRole('switch', { name: c.sound }).isChecked()).toBe(false);
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    await answer(page, true);
    await page.waitForTimeout(200);
    expect((await audio(page)).tones).toBe(0);
  });

  it('where the browser has no Web Audio, sound on is silent and nothing fails', async () => {
    await page.addInitScript(`delete window.AudioContext; delete window.webkitAudioContext;`);
    await page.getByRole('link', { name: c.settings, exact: true }).click();
    await page.reload();
    const sw = page.getByRole('switch', { name: c.sound });
    await sw.waitFor();
    await sw.check();
    await page.getByRole('link', { name: c.practice, exact: true }).click();
    await page.locator('[data-item-id]').waitFor();
    for (let i = 0; i < 4; i++) {
      await answer(page, true);
      await next(page);
    }
    expect(await page.evaluate(() => typeof window.AudioContext)).toBe('undefined');
    expect(b.problems).toEqual([]);
  });
});
