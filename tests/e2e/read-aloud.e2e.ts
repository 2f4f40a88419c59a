import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, launch, screenshot, type Browser } from './browser';
import { addFirstLearner } from './people';
import { answer } from './practice-driver';

/**
 * Issue 11: read-aloud of the question and the feedback with the device's own offline voice.
 * Headless Chromium lists no voices, so the Web Speech API is stubbed before the app loads:
 * with a voice that runs on the device the button shows and speaks (the maths in words, in the
 * interface language, with that local voice, never the network one); with only a network voice,
 * and with none at all (the real headless browser), there is no button. 390 px English, 1280 px
 * Chinese.
 */
type StubVoice = { name: string; lang: string; localService: boolean; default: boolean };

/** Replace speechSynthesis and SpeechSynthesisUtterance; what is spoken lands in window.__spoken. */
function stubSpeech(voices: StubVoice[]): string {
  return `(() => {
    const voices = ${JSON.stringify(voices)};
    window.__spoken = [];
    Object.defineProperty(window, 'SpeechSynthesisUtterance', { configurable: true, value: class { constructor(text) { this.text = text; } } });
    const listeners = new Set();
    // speechSynthesis is a getter on window: plain assignment would be ignored.
    Object.defineProperty(window, 'speechSynthesis', { configurable: true, value: {
      getVoices: () => voices,
      speak: (u) => { window.__spoken.push({ text: u.text, voice: u.voice && u.voice.name, lang: u.lang }); setTimeout(() => u.onend && u.onend(), 10); },
      cancel: () => {},
      addEventListener: (_t, f) => listeners.add(f),
      removeEventListener: (_t, f) => listeners.delete(f),
    } });
  })();`;
}

const CASES = [
  {
    tag: 'en-390',
    locale: 'en-US',
    viewport: { width: 390, height: 800 },
    add: /Add a learner/,
    create: 'Create',
    button: /Read aloud/,
    local: { name: 'eSpeak English', lang: 'en-GB', localService: true, default: false },
    remote: { name: 'Cloud English', lang: 'en-US', localService: false, default: true },
    words: /plus|minus|times|divided by|over|equals|percent/,
  },
  {
    tag: 'zh-1280',
    locale: 'zh-CN',
    viewport: { width: 1280, height: 800 },
    add: /添加/,
    create: '创建',
    button: /朗读/,
    local: { name: 'Tingting', lang: 'zh-CN', localService: true, default: false },
    remote: { name: 'Cloud Chinese', lang: 'zh-CN', localService: false, default: true },
    words: /加|减|乘|除以|分之|等于/,
  },
] as const;

describe.each(CASES)('read-aloud, $tag', (c) => {
  let b: Browser;
  let page: Page;

  beforeAll(async () => {
    b = await launch({ locale: c.locale, viewport: c.viewport });
    page = b.page;
  });
  afterAll(async () => {
    await b?.close();
  });

  it('with no voice on the device (the real headless browser) there is no button', async () => {
    await addFirstLearner(page, c, 'Lin');
    expect(await page.getByTestId('read-aloud').count()).toBe(0);
  });

  it('with only a network voice there is no button either', async () => {
    await page.addInitScript(stubSpeech([c.remote]));
    await page.reload();
    await page.locator('[data-item-id]').waitFor();
    expect(await page.getByTestId('read-aloud').count()).toBe(0);
  });

  it('with a voice on the device, it reads the question and then the feedback, with that voice', async () => {
    await page.addInitScript(stubSpeech([c.remote, c.local]));
    await page.reload();
    const button = page.getByTestId('read-aloud');
    await button.waitFor();
    expect(await button.textContent()).toMatch(c.button);
    await button.click();
    const spoken = async () =>
      page.evaluate(() => (window as unknown as { __spoken: { text: string; voice: string }[] }).__spoken);
    await expect.poll(async () => (await spoken()).length).toBe(1);
    const first = (await spoken())[0]!;
    expect(first.voice).toBe(c.local.name);
    const prompt = ((await page.locator('#prompt').textContent()) ?? '').trim();
    expect(first.text.startsWith(prompt)).toBe(true);
    if ((await page.locator('.expression').count()) > 0) expect(first.text).toMatch(c.words);
    expect(await axeFindings(page, `read-aloud ${c.tag}`)).toEqual([]);
    await screenshot(page, `read-aloud-${c.tag}`);
    await answer(page, false);
    await page.waitForTimeout(50);
    await button.click();
    await expect.poll(async () => (await spoken()).length).toBe(2);
    const feedback = ((await page.locator('#feedback').textContent()) ?? '').trim();
    expect((await spoken())[1]!.text.endsWith(feedback)).toBe(true);
  });
});
