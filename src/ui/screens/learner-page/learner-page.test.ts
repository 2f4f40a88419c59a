import { describe, expect, it } from 'vitest';
import { format, mergeCatalogues } from '../../../core/i18n';
import { adultCatalogues } from '../../adult-catalogues';
import { catalogueFor } from '../../catalogues';
import {
  compareSpeed,
  dateTimeText,
  durationText,
  forecastText,
  masteredCount,
  sentences,
  sessionLengthText,
  shareText,
  skillRows,
  weekdayNames,
} from './learner-page';
import type { LearnerReport } from '../../../app/teacher';

const tOf = (locale: 'en' | 'zh-CN') => {
  const c = mergeCatalogues({ first: catalogueFor(locale), adult: adultCatalogues[locale] });
  return (key: string, params?: Record<string, string | number>) => format(c, { key, params }, locale);
};
const en = tOf('en');
const zh = tOf('zh-CN');

describe('durations', () => {
  it('reads as a person would say it, in both languages', () => {
    expect(durationText(8_460, en)).toBe('8.5 s');
    expect(durationText(12_400, en)).toBe('12 s');
    expect(durationText(59_400, en)).toBe('59 s');
    expect(durationText(59_600, en)).toBe('1 min');
    expect(durationText(25 * 60_000, en)).toBe('25 min');
    expect(durationText(95 * 60_000, en)).toBe('1 h 35 min');
    expect(durationText(null, en)).toBe('—');
    expect(durationText(12_400, zh)).toBe('12 秒');
    expect(durationText(95 * 60_000, zh)).toBe('1 小时 35 分钟');
  });
  it('a session shorter than half a minute is "under a minute"', () => {
    expect(sessionLengthText(20_000, en)).toBe('under a minute');
    expect(sessionLengthText(45_000, en)).toBe('1 min');
    expect(sessionLengthText(6 * 60_000, zh)).toBe('6 分钟');
    expect(sessionLengthText(20_000, zh)).toBe('不到 1 分钟');
  });
});

describe('shares and comparisons', () => {
  it('a share with its counts, or a dash with no answers', () => {
    expect(shareText(3, 12, en)).toBe('25% (3 of 12)');
    expect(shareText(3, 12, zh)).toBe('25%（12 题中有 3 题）');
    expect(shareText(0, 0, en)).toBe('—');
  });
  it('speed against the class: 15 % either way is about the same', () => {
    const s = { answers: 4, classAnswers: 10, medianMs: 10_000, classMedianMs: 10_000 };
    expect(compareSpeed(s)).toBe('same');
    expect(compareSpeed({ ...s, medianMs: 8_400 })).toBe('faster');
    expect(compareSpeed({ ...s, medianMs: 8_600 })).toBe('same');
    expect(compareSpeed({ ...s, medianMs: 11_600 })).toBe('slower');
    // Nobody else answered the skill: the class figure is this learner's own.
    expect(compareSpeed({ ...s, classAnswers: 4 })).toBe('only');
    expect(compareSpeed({ ...s, medianMs: null })).toBeNull();
  });
  it('a forecast as a range, or "at least" when it runs past the longest rollout', () => {
    const f = {
      skillId: 'a',
      low: 6,
      median: 9,
      high: 14,
      maxAnswers: 60,
      rollouts: { low: 6, median: 9, high: 14 },
      unseen: 0,
    };
    expect(forecastText(f, en)).toBe('about 9 (6–14)');
    expect(forecastText(f, zh)).toBe('约 9 道（6–14 道）');
    expect(forecastText({ ...f, high: 61 }, en)).toBe('at least 6');
  });
});

describe('sentences', () => {
  it('run on with a space in English, none in Chinese', () => {
    expect(sentences(['One.', 'Two.'], 'en')).toBe('One. Two.');
    expect(sentences(['一。', '二。'], 'zh-CN')).toBe('一。二。');
  });
});

describe('dates', () => {
  it('weekday names start on Monday, in the interface language', () => {
    expect(weekdayNames('en')).toEqual([
      'Monday',
      'Tuesday',
      'Wednesday',
      'Thursday',
      'Friday',
      'Saturday',
      'Sunday',
    ]);
    expect(weekdayNames('zh-CN')[0]).toBe('星期一');
  });
  it('a date and time in the given zone', () => {
    const t = Date.UTC(2026, 0, 5, 8, 30);
    expect(dateTimeText(t, 'en', 'UTC')).toMatch(/Jan 5, 2026.*8:30/);
    expect(dateTimeText(t, 'zh-CN', 'Asia/Shanghai')).toMatch(/2026年1月5日.*16:30/);
  });
});

describe('the by-skill table', () => {
  it('joins each practised skill with the model’s mastery', () => {
    const report = {
      habits: {
        bySkill: [
          {
            skillId: 'a',
            answers: 3,
            correct: 2,
            levels: [3, 0, 0],
            withHint: 0,
            withSolution: 0,
            last: 1,
            medianMs: 1,
            classMedianMs: 1,
            classAnswers: 3,
          },
        ],
      },
      skills: [
        { skillId: 'a', mastery: 0.9, retention: 0.9, state: 'mastered' },
        { skillId: 'b', mastery: 0.5, retention: 0.5, state: 'unlocked' },
      ],
    } as unknown as Pick<LearnerReport, 'habits' | 'skills'>;
    expect(skillRows(report)).toEqual([
      expect.objectContaining({
        skillId: 'a',
        answers: 3,
        mastery: expect.objectContaining({ state: 'mastered' }),
      }),
    ]);
    expect(masteredCount(report)).toBe(1);
  });
});
