import { describe, expect, it } from 'vitest';
import { pickVoice, spokenExpression } from './spoken';

const v = (name: string, lang: string, localService: boolean, isDefault = false) => ({
  name,
  lang,
  localService,
  default: isDefault,
});

describe('read-aloud voices', () => {
  it('only ever picks a voice that runs on the device, in the interface language', () => {
    const voices = [
      v('Google US English', 'en-US', false),
      v('eSpeak English', 'en-GB', true),
      v('Tingting', 'zh-CN', true),
      v('Cloud Chinese', 'zh-CN', false, true),
    ];
    expect(pickVoice(voices, 'en')?.name).toBe('eSpeak English');
    expect(pickVoice(voices, 'zh-CN')?.name).toBe('Tingting');
    expect(pickVoice([v('Google US English', 'en-US', false)], 'en')).toBeNull();
    expect(pickVoice([v('Anna', 'de-DE', true)], 'en')).toBeNull();
    expect(pickVoice([], 'zh-CN')).toBeNull();
    expect(pickVoice([v('a', 'en_US', true), v('b', 'en-US', true, true)], 'en')?.name).toBe('b');
  });
});

describe('maths said aloud', () => {
  it('says an expression in words, in English and Chinese', () => {
    expect(spokenExpression('37 + 48 = ?', 'en')).toBe('37 plus 48 equals what?');
    expect(spokenExpression('37 + 48 = ?', 'zh-CN')).toBe('37 加 48 等于多少？');
    expect(spokenExpression('3/4 − 1/8 = ?', 'en')).toBe('3 over 4 minus 1 over 8 equals what?');
    expect(spokenExpression('3/4 − 1/8 = ?', 'zh-CN')).toBe('四分之三 减 八分之一 等于多少？');
    expect(spokenExpression('12 × 7 ÷ 3', 'en')).toBe('12 times 7 divided by 3');
    expect(spokenExpression('25% of 80', 'en')).toBe('25 percent of 80');
    expect(spokenExpression('x + 5 = 12', 'en')).toBe('x plus 5 equals 12');
  });
});
