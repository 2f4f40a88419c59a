import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  countAnswer,
  countToday,
  DAILY_GOAL_CHOICES,
  dailyGoalOr,
  DEFAULT_DAILY_GOAL,
  goalJustReached,
  goalProgress,
  isDailyGoal,
  startOfLocalDay,
} from './daily-goal';
import { localDayIndex } from './progress';

const MIN = 60_000;
const HOUR = 60 * MIN;
/** 2026-03-10 00:00 UTC. */
const T0 = Date.UTC(2026, 2, 10);
const BEIJING = 480; // UTC+8
const NEW_YORK = -300; // UTC−5

describe('the daily goal’s choices', () => {
  it('offers a few sensible goals with the default among them', () => {
    expect(DAILY_GOAL_CHOICES).toEqual([5, 10, 15, 20, 30]);
    expect(DAILY_GOAL_CHOICES).toContain(DEFAULT_DAILY_GOAL);
  });
  it('reads back only a goal it offers; anything else is the default', () => {
    expect(isDailyGoal(15)).toBe(true);
    for (const bad of [0, 7, -5, 15.5, Number.NaN, '15', null, undefined, {}]) {
      expect(isDailyGoal(bad)).toBe(false);
      expect(dailyGoalOr(bad)).toBe(DEFAULT_DAILY_GOAL);
    }
    expect(dailyGoalOr(30)).toBe(30);
  });
});

describe('today is the learner’s local day', () => {
  it('begins at local midnight, wherever the learner is', () => {
    // 10 March 2026, 01:00 in Beijing is 9 March 17:00 UTC; the day began at 9 March 16:00 UTC.
    const now = T0 - 7 * HOUR;
    expect(startOfLocalDay(now, BEIJING)).toBe(T0 - 8 * HOUR);
    expect(startOfLocalDay(now, 0)).toBe(T0 - 24 * HOUR);
    // New York: 9 March 12:00 local; the day began at 05:00 UTC.
    expect(startOfLocalDay(now, NEW_YORK)).toBe(T0 - 24 * HOUR + 5 * HOUR);
  });

  it('counts only the questions done since local midnight', () => {
    const now = T0 + 2 * HOUR; // 10:00 in Beijing
    const times = [
      T0 - 8 * HOUR - 1, // 23:59:59.999 the day before, Beijing
      T0 - 8 * HOUR, // midnight exactly: today
      T0 - 2 * HOUR,
      T0 + HOUR,
    ];
    expect(countToday(times, now, BEIJING)).toEqual({ day: localDayIndex(now, BEIJING), count: 3 });
    // In UTC only the one after midnight UTC is today.
    expect(countToday(times, now, 0).count).toBe(1);
  });

  it('starts again at one after midnight, and celebrates the new day’s goal again', () => {
    const tz = BEIJING;
    const evening = T0 + 15 * HOUR + 58 * MIN; // 23:58 in Beijing
    let today = countToday([], evening, tz);
    const steps: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const next = countAnswer(today, evening + i * MIN, tz); // 23:58, 23:59, 00:00, 00:01, 00:02
      steps.push(goalJustReached(today, next, 3));
      today = next;
    }
    expect(today.count).toBe(3);
    expect(today.day).toBe(localDayIndex(evening, tz) + 1);
    // Two before midnight do not reach a goal of 3; the third of the new day does.
    expect(steps).toEqual([false, false, false, false, true]);
  });

  it('the goal is reached once a day: the answer that crosses it, and no later one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 60 }), (goal, answers) => {
        let today = { day: 100, count: 0 };
        let celebrations = 0;
        for (let i = 0; i < answers; i++) {
          const next = countAnswer(today, 100 * 86_400_000 + i * 1000, 0);
          if (goalJustReached(today, next, goal)) celebrations += 1;
          today = next;
        }
        expect(celebrations).toBe(answers >= goal ? 1 : 0);
        expect(goalProgress(today.count, goal).reached).toBe(answers >= goal);
      }),
    );
  });
});

describe('goal progress', () => {
  it('says how many are done and left, and never less than nothing', () => {
    expect(goalProgress(7, 15)).toEqual({ done: 7, goal: 15, reached: false, left: 8 });
    expect(goalProgress(15, 15)).toEqual({ done: 15, goal: 15, reached: true, left: 0 });
    expect(goalProgress(18, 15)).toEqual({ done: 18, goal: 15, reached: true, left: 0 });
    expect(goalProgress(-2, 0)).toEqual({ done: 0, goal: 1, reached: false, left: 1 });
  });
});
