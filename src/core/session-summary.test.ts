import { describe, expect, it } from 'vitest';
import { DEFAULT_DAILY_GOAL } from './daily-goal';
import { STUDY_CAP_MS } from './progress';
import { summariseSession } from './session-summary';
import type { Attempt } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** 2026-03-10 09:00 UTC. */
const NOW = Date.UTC(2026, 2, 10, 9);

let n = 0;
const at = (timestamp: number, extra: Partial<Attempt> = {}): Attempt => ({
  id: `a${++n}`,
  learnerId: 'l',
  itemId: 'a~1~0',
  skillId: 'placeValue',
  difficulty: 1,
  seed: 0,
  params: {},
  answer: '1',
  correct: true,
  responseMs: 20_000,
  hintsUsed: 0,
  solutionShown: false,
  timestamp,
  appVersion: 'test',
  ...extra,
});

describe('the end-of-session summary', () => {
  const startedAt = NOW - 20 * MIN;
  const earlierToday = [at(NOW - 3 * HOUR), at(NOW - 2 * HOUR, { correct: false })];
  const pastDays = [at(NOW - DAY), at(NOW - 2 * DAY), at(NOW - 4 * DAY)];
  const session = [
    at(startedAt + MIN, { skillId: 'placeValue' }),
    at(startedAt + 2 * MIN, { skillId: 'rounding', correct: false }),
    at(startedAt + 3 * MIN, { skillId: 'placeValue', responseMs: 45 * MIN }),
    at(startedAt + 4 * MIN, { skillId: 'addition', correct: false, solutionShown: true, responseMs: -1 }),
    at(startedAt + 5 * MIN, { skillId: 'rounding' }),
  ];
  const all = [...pastDays, ...earlierToday, ...session];

  it('counts this session’s questions, the right ones, its skills and its stars', () => {
    const s = summariseSession({
      attempts: all,
      startedAt,
      now: NOW,
      timeZoneOffsetMinutes: 0,
      dailyGoal: 10,
      mastered: ['placeValue', 'placeValue'],
    });
    expect(s.answered).toBe(5);
    expect(s.correct).toBe(3);
    expect(s.skillsPractised).toEqual(['placeValue', 'rounding', 'addition']);
    expect(s.masteredNow).toEqual(['placeValue']);
    // Today: two earlier sittings and this one's four answers (a worked solution read is not a
    // question done), against the goal of ten.
    expect(s.today).toEqual({ done: 6, goal: 10, reached: false, left: 4 });
    // Today, yesterday and the day before; a gap before that.
    expect(s.streak).toBe(3);
    // 20 s + 20 s + capped 5 min + 0 (a negative time) + 20 s.
    expect(s.studyMs).toBe(3 * 20_000 + STUDY_CAP_MS);
  });

  it('a session that crossed the goal says it is reached', () => {
    const s = summariseSession({
      attempts: all,
      startedAt,
      now: NOW,
      timeZoneOffsetMinutes: 0,
      dailyGoal: 5,
      mastered: [],
    });
    expect(s.today).toMatchObject({ done: 6, reached: true, left: 0 });
  });

  it('today is the learner’s local day: late-evening questions in New York are not “today” in Beijing', () => {
    // 09:00 UTC is 17:00 in Beijing and 04:00 in New York; the question at 03:00 UTC
    // (yesterday 22:00 in New York, today 11:00 in Beijing) counts today only in Beijing.
    const attempts = [at(Date.UTC(2026, 2, 10, 3)), at(NOW - MIN)];
    const base = { attempts, startedAt: NOW - 2 * MIN, now: NOW, dailyGoal: 5, mastered: [] };
    expect(summariseSession({ ...base, timeZoneOffsetMinutes: 480 }).today.done).toBe(2);
    expect(summariseSession({ ...base, timeZoneOffsetMinutes: -300 }).today.done).toBe(1);
    expect(summariseSession({ ...base, timeZoneOffsetMinutes: -300 }).streak).toBe(2);
  });

  it('with nothing answered, says so (zeros), keeps the streak and today’s earlier work', () => {
    const s = summariseSession({
      attempts: [...pastDays, ...earlierToday],
      startedAt: NOW - MIN,
      now: NOW,
      timeZoneOffsetMinutes: 0,
      dailyGoal: DEFAULT_DAILY_GOAL,
      mastered: [],
    });
    expect(s).toMatchObject({ answered: 0, correct: 0, skillsPractised: [], studyMs: 0, streak: 3 });
    expect(s.today.done).toBe(2);
  });

  it('ignores attempts stamped after now (a clock set back), never counting the future', () => {
    const s = summariseSession({
      attempts: [at(NOW + HOUR), at(NOW - MIN)],
      startedAt: NOW - 2 * MIN,
      now: NOW,
      timeZoneOffsetMinutes: 0,
      dailyGoal: 5,
      mastered: [],
    });
    expect(s.answered).toBe(1);
    expect(s.today.done).toBe(1);
  });
});
