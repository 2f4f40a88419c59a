import { describe, expect, it } from 'vitest';
import type { SkillForecast } from './forecast';
import {
  DAYS_WIDEN,
  daysToGoal,
  GOAL_DAYS_WIDEN,
  daysToMastery,
  GOAL_PATH_SHARE,
  practicePace,
  PACE_WINDOW_DAYS,
} from './pace';
import type { Attempt } from './types';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 11, 3, 15);

function attempt(i: number, dayOffset: number, skillId = 'a'): Attempt {
  return {
    id: `x${dayOffset}-${i}`,
    learnerId: 'l',
    itemId: `${skillId}~1~${i}`,
    skillId,
    difficulty: 1,
    seed: i,
    params: {},
    answer: '1',
    correct: true,
    responseMs: 5000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp: NOW - dayOffset * DAY + i * 1000,
    appVersion: 't',
  };
}

const forecast = (low: number, median: number, high: number, skillId = 'a'): SkillForecast => ({
  skillId,
  low,
  median,
  high,
  maxAnswers: 60,
  rollouts: { low, median, high },
  unseen: 0,
});

describe('practicePace', () => {
  it('is null without practice in the window', () => {
    expect(practicePace([], NOW, 0)).toBeNull();
    expect(practicePace([attempt(0, PACE_WINDOW_DAYS + 1)], NOW, 0)).toBeNull();
  });

  it('reads answers per practice day (median) and the share of days practised', () => {
    // 10 answers two days ago, 20 today, nothing yesterday: 2 of 3 days, median 15.
    const attempts = [
      ...Array.from({ length: 10 }, (_, i) => attempt(i, 2)),
      ...Array.from({ length: 20 }, (_, i) => attempt(i, 0)),
    ];
    const pace = practicePace(attempts, NOW, 0)!;
    expect(pace.perDay).toBe(15);
    expect(pace.activeShare).toBeCloseTo(2 / 3);
  });

  it('counts local days: the same answers fall on other days in another time zone', () => {
    // 23:30 UTC and 00:30 UTC the next day: two days in UTC, one day at UTC−2.
    const late = { ...attempt(0, 0), timestamp: Date.UTC(2026, 11, 2, 23, 30) };
    const early = { ...attempt(1, 0), timestamp: Date.UTC(2026, 11, 3, 0, 30) };
    expect(practicePace([late, early], NOW, 0)!.perDay).toBe(1);
    expect(practicePace([late, early], NOW, -120)!.perDay).toBe(2);
  });

  it('gives each skill its share of the last answers', () => {
    const attempts = [
      ...Array.from({ length: 30 }, (_, i) => attempt(i, 0, 'a')),
      ...Array.from({ length: 10 }, (_, i) => attempt(30 + i, 0, 'b')),
    ];
    const pace = practicePace(attempts, NOW, 0)!;
    expect(pace.shares.get('a')).toBeCloseTo(0.75);
    expect(pace.shares.get('b')).toBeCloseTo(0.25);
  });
});

describe('daysToMastery', () => {
  const pace = { perDay: 20, activeShare: 0.5, shares: new Map([['a', 0.5]]) };

  it('divides answers by the answers on this skill per calendar day', () => {
    // 20 a day × half on this skill × every other day = 5 answers a calendar day.
    const d = daysToMastery(forecast(10, 20, 30), pace, 3, 1);
    expect(d).toEqual({ low: 2, median: 4, high: 6, open: false });
  });

  it('narrows the range by a factor below 1 (the shipped one), and keeps it around the median', () => {
    expect(DAYS_WIDEN).toBeLessThan(1);
    // 2–6 days at 1; at 0.75: low 2 / 0.75 ≈ 2.7 → 2, high 6 · 0.75 = 4.5 → 5.
    expect(daysToMastery(forecast(10, 20, 30), pace, 3)).toEqual({ low: 2, median: 4, high: 5, open: false });
    // A narrow range: 19 and 21 answers are 3.8 and 4.2 days; 3.8 / 0.5 and 4.2 · 0.5 would cross
    // the median (4 days), and stop there.
    expect(daysToMastery(forecast(19, 20, 21), pace, 3, 0.5)).toEqual({
      low: 4,
      median: 4,
      high: 4,
      open: false,
    });
  });

  it('widens the range for the uncertain pace, never the median', () => {
    const d = daysToMastery(forecast(10, 20, 30), pace, 3, 1.5);
    expect(d.median).toBe(4);
    expect(d.low).toBe(1);
    expect(d.high).toBe(9);
  });

  it('a skill not practised lately gets an equal share of the open skills', () => {
    const d = daysToMastery(forecast(10, 20, 30, 'c'), pace, 4, 1);
    // 20 × 1/4 × 0.5 = 2.5 a day.
    expect(d.median).toBe(8);
  });

  it('is at least one day, and says when the answers forecast was open-ended', () => {
    expect(
      daysToMastery(forecast(1, 1, 2), { ...pace, activeShare: 1, shares: new Map([['a', 1]]) }, 1, 1),
    ).toEqual({
      low: 1,
      median: 1,
      high: 1,
      open: false,
    });
    expect(daysToMastery(forecast(30, 50, 61), pace, 1, 1).open).toBe(true);
  });

  it('a goal’s days count the share of answers the policy gives its path', () => {
    const pace = { perDay: 40, activeShare: 1, shares: new Map([['a', 0.5]]) };
    const d = daysToGoal({ ...forecast(20, 64, 100, 'goal'), maxAnswers: 180 }, pace, 1);
    // 40 answers a day, 0.8 of them on the path: 32 a day. The learner's share of one skill is not used.
    expect(GOAL_PATH_SHARE).toBe(0.8);
    expect(d).toEqual({ low: 1, median: 2, high: 4, open: false });
  });

  it('narrows a goal’s range by its own factor, below the skills’ one', () => {
    const pace = { perDay: 40, activeShare: 1, shares: new Map<string, number>() };
    // 131 answers at 32 a day is 4.09 days: · 0.7 = 2.87 → 3; · 0.75 = 3.07 → 4.
    const f = { ...forecast(20, 64, 131, 'goal'), maxAnswers: 180 };
    expect(GOAL_DAYS_WIDEN).toBeLessThan(DAYS_WIDEN);
    expect(daysToGoal(f, pace).high).toBe(3);
    expect(daysToGoal(f, pace, DAYS_WIDEN).high).toBe(4);
  });
});
