import { describe, expect, it } from 'vitest';
import { format, placeholders } from './i18n';

describe('plural forms', () => {
  const c = {
    days: 'Longest streak: {n, plural, one {# day} other {# days}}',
    exact: '{n, plural, =0 {no answers yet} one {# answer} other {# answers}}, {who}',
    zh: '最长连续 {n} 天',
  };
  it('chooses the form by the locale’s rules, # being the number', () => {
    expect(format(c, { key: 'days', params: { n: 1 } }, 'en')).toBe('Longest streak: 1 day');
    expect(format(c, { key: 'days', params: { n: 0 } }, 'en')).toBe('Longest streak: 0 days');
    expect(format(c, { key: 'days', params: { n: 21 } }, 'en')).toBe('Longest streak: 21 days');
    expect(format(c, { key: 'exact', params: { n: 0, who: 'Mei' } }, 'en')).toBe('no answers yet, Mei');
    expect(format(c, { key: 'exact', params: { n: 1, who: 'Mei' } }, 'en')).toBe('1 answer, Mei');
    expect(format(c, { key: 'zh', params: { n: 1 } }, 'zh-CN')).toBe('最长连续 1 天');
  });
  it('counts a plural placeholder as a placeholder', () => {
    expect(placeholders(c.exact)).toEqual(['n', 'who']);
    expect(placeholders(c.zh)).toEqual(['n']);
  });
});

describe('lists in parameters', () => {
  const c = { step: 'Count in 5s: {seq}.', zhStep: '按 5 数：{seq}。' };
  it('keeps ", " in English and uses the enumeration comma 、 in Chinese', () => {
    expect(format(c, { key: 'step', params: { seq: '5, 10, 15' } }, 'en')).toBe('Count in 5s: 5, 10, 15.');
    expect(format(c, { key: 'zhStep', params: { seq: '5, 10, 15' } }, 'zh-CN')).toBe('按 5 数：5、10、15。');
    // A decimal or a thousands separator inside a number is not a list separator.
    expect(format(c, { key: 'zhStep', params: { seq: '1,000, 2.5' } }, 'zh-CN')).toBe(
      '按 5 数：1,000、2.5。',
    );
  });
});
