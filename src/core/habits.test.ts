import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  helpUse,
  learnerHabits,
  localHour,
  localWeekday,
  median,
  partOfDay,
  RECENT_ANSWERS,
  SESSION_GAP_MS,
  sessionsOf,
} from './habits';
import type { Attempt, Difficulty } from './types';

const MIN = 60_000;
/** Monday 5 January 2026, 08:00 UTC. */
const MON_8 = Date.UTC(2026, 0, 5, 8);

let n = 0;
function at(
  timestamp: number,
  o: Partial<
    Pick<Attempt, 'skillId' | 'correct' | 'responseMs' | 'hintsUsed' | 'solutionShown' | 'learnerId'>
  > & {
    difficulty?: Difficulty;
  } = {},
): Attempt {
  const i = n++;
  const skillId = o.skillId ?? 'addCarry';
  const difficulty = o.difficulty ?? 1;
  return {
    id: `a${String(i).padStart(5, '0')}`,
    learnerId: o.learnerId ?? 'me',
    itemId: `${skillId}~${difficulty}~${i}`,
    skillId,
    difficulty,
    seed: i,
    params: {},
    answer: '1',
    correct: o.correct ?? true,
    responseMs: o.responseMs ?? 10_000,
    hintsUsed: o.hintsUsed ?? 0,
    solutionShown: o.solutionShown ?? false,
    timestamp,
    appVersion: 'test',
  };
}

describe('sessions', () => {
  it('a pause of 30 minutes or more starts a new session; a shorter one does not', () => {
    const s = sessionsOf([
      at(MON_8),
      at(MON_8 + 29 * MIN + 59_000),
      at(MON_8 + 29 * MIN + 59_000 + SESSION_GAP_MS), // exactly 30 min later: new session
      at(MON_8 + 3 * 60 * MIN),
    ]);
    expect(s.map((x) => x.answers)).toEqual([2, 1, 1]);
    // A session starts when its first item was shown (answer time − response time).
    expect(s[0]).toEqual({ start: MON_8 - 10_000, end: MON_8 + 29 * MIN + 59_000, answers: 2 });
  });

  it('reads attempts in time order whatever order they come in, and never splits or loses one', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3 * 24 * 60 }), { maxLength: 60 }), (minutes) => {
        const attempts = minutes.map((m) => at(MON_8 + m * MIN));
        const s = sessionsOf(attempts);
        expect(s.reduce((k, x) => k + x.answers, 0)).toBe(attempts.length);
        const reversed = sessionsOf([...attempts].reverse());
        expect(reversed).toEqual(s);
        for (let i = 1; i < s.length; i++) {
          expect(s[i]!.start + 10_000 - s[i - 1]!.end).toBeGreaterThanOrEqual(SESSION_GAP_MS);
        }
      }),
    );
  });
  it('an item left open for hours counts five minutes (study time), not hours', () => {
    const [s] = sessionsOf([at(MON_8, { responseMs: 4 * 60 * MIN })]);
    expect(s!.end - s!.start).toBe(5 * MIN);
  });
});

describe('local time', () => {
  it('hours and weekdays in the learner’s zone, parts of the day', () => {
    expect(localHour(MON_8, 0)).toBe(8);
    expect(localHour(MON_8, 480)).toBe(16); // UTC+8
    expect(localHour(MON_8, -600)).toBe(22); // UTC−10: still Sunday evening
    expect(localWeekday(MON_8, 0)).toBe(0);
    expect(localWeekday(MON_8, -600)).toBe(6);
    expect([4, 5, 11, 12, 16, 17, 20, 21, 0].map(partOfDay)).toEqual([
      'night',
      'morning',
      'morning',
      'afternoon',
      'afternoon',
      'evening',
      'evening',
      'night',
      'night',
    ]);
  });
});

describe('median and help use', () => {
  it('median of odd, even and empty lists', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it('shares of answers with a hint and with the solution shown', () => {
    const h = helpUse([
      at(MON_8, { hintsUsed: 2 }),
      at(MON_8, { hintsUsed: 1, solutionShown: true }),
      at(MON_8),
      at(MON_8),
    ]);
    expect(h).toEqual({ answers: 4, withHint: 2, withSolution: 1, hintShare: 0.5, solutionShare: 0.25 });
    expect(helpUse([]).hintShare).toBeNull();
  });
});

describe('learnerHabits', () => {
  // This learner: Monday morning (UTC+8: afternoon) 4 answers on addCarry, then Wednesday
  // evening 2 on rounding. Another learner answers addCarry more slowly.
  const mine = [
    at(MON_8, { responseMs: 8_000 }),
    at(MON_8 + 1 * MIN, { responseMs: 12_000, correct: false, hintsUsed: 1 }),
    at(MON_8 + 2 * MIN, { responseMs: 10_000, difficulty: 2 }),
    at(MON_8 + 3 * MIN, { responseMs: 6_000, difficulty: 2, solutionShown: true, correct: false }),
    at(MON_8 + 2 * 24 * 60 * MIN + 10 * 60 * MIN, { skillId: 'rounding', responseMs: 20_000 }),
    at(MON_8 + 2 * 24 * 60 * MIN + 10 * 60 * MIN + 2 * MIN, {
      skillId: 'rounding',
      responseMs: 30_000,
      difficulty: 3,
    }),
  ];
  const theirs = [
    at(MON_8, { learnerId: 'other', responseMs: 40_000, hintsUsed: 1 }),
    at(MON_8 + MIN, { learnerId: 'other', responseMs: 50_000, hintsUsed: 1 }),
    at(MON_8 + MIN, { learnerId: 'other', skillId: 'placeValue', responseMs: 1_000 }),
  ];
  const now = MON_8 + 3 * 24 * 60 * MIN;
  const h = learnerHabits({
    attempts: [...mine].reverse(),
    classAttempts: [...theirs, ...mine],
    classLearners: 2,
    order: ['placeValue', 'addCarry', 'rounding'],
    now,
    tzOffsetMinutes: 0,
  });

  it('counts answers and lists the latest first', () => {
    expect(h.answers).toBe(6);
    expect(h.correct).toBe(4);
    expect(h.first).toBe(MON_8);
    expect(h.recent[0]!.skillId).toBe('rounding');
    expect(h.recent.map((a) => a.timestamp)).toEqual(mine.map((a) => a.timestamp).reverse());
  });

  it('summarises each practised skill in course order, with its speed against the class', () => {
    expect(h.bySkill.map((s) => s.skillId)).toEqual(['addCarry', 'rounding']);
    const add = h.bySkill[0]!;
    expect(add).toMatchObject({ answers: 4, correct: 2, levels: [2, 2, 0], withHint: 1, withSolution: 1 });
    expect(add.medianMs).toBe(9_000); // 6, 8, 10, 12 s
    expect(add.classMedianMs).toBe(11_000); // 6, 8, 10, 12, 40, 50 s
    expect(add.classAnswers).toBe(6);
    expect(h.bySkill[1]).toMatchObject({ levels: [1, 0, 1], medianMs: 25_000, classMedianMs: 25_000 });
    expect(h.medianMs).toBe(11_000);
  });

  it('finds the sessions, the days and when in the day they were', () => {
    const r = h.rhythm;
    expect(r.sessions).toBe(2);
    expect(r.days).toBe(2);
    expect(r.recentDays).toBe(2);
    expect(r.medianSessionAnswers).toBe(3);
    // Monday: 3 minutes of answers after an 8 s first item; Wednesday: 2 min after a 20 s one.
    expect(r.longestSessionMs).toBe(3 * MIN + 8_000);
    expect(r.byPartOfDay).toEqual([
      { part: 'morning', sessions: 1, answers: 4 },
      { part: 'afternoon', sessions: 0, answers: 0 },
      { part: 'evening', sessions: 1, answers: 2 },
      { part: 'night', sessions: 0, answers: 0 },
    ]);
    expect(r.byWeekday.map((w) => w.sessions)).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(r.latest[0]!.answers).toBe(2);
  });

  it('the same history in UTC+8 moves the sessions to the afternoon and the night', () => {
    const east = learnerHabits({
      attempts: mine,
      classAttempts: mine,
      classLearners: 1,
      order: [],
      now,
      tzOffsetMinutes: 480,
    });
    expect(east.rhythm.byPartOfDay.map((p) => p.sessions)).toEqual([0, 1, 0, 1]);
    expect(east.rhythm.byWeekday.map((w) => w.sessions)).toEqual([1, 0, 0, 1, 0, 0, 0]);
  });

  it('compares help with the class', () => {
    expect(h.help).toMatchObject({ withHint: 1, withSolution: 1, answers: 6 });
    expect(h.classHelp).toMatchObject({ withHint: 3, withSolution: 1, answers: 9 });
  });

  it('a learner with no answers has empty figures, not zeros that look measured', () => {
    const none = learnerHabits({
      attempts: [],
      classAttempts: theirs,
      classLearners: 2,
      order: [],
      now,
      tzOffsetMinutes: 0,
    });
    expect(none).toMatchObject({ answers: 0, first: null, last: null, medianMs: null, bySkill: [] });
    expect(none.rhythm).toMatchObject({
      sessions: 0,
      days: 0,
      medianSessionMs: null,
      longestSessionMs: null,
    });
    expect(none.help.hintShare).toBeNull();
  });

  it('lists at most the latest RECENT_ANSWERS answers', () => {
    const many = Array.from({ length: RECENT_ANSWERS + 5 }, (_, i) => at(MON_8 + i * MIN));
    const r = learnerHabits({
      attempts: many,
      classAttempts: many,
      classLearners: 1,
      order: [],
      now,
      tzOffsetMinutes: 0,
    });
    expect(r.recent).toHaveLength(RECENT_ANSWERS);
    expect(r.recent[0]!.timestamp).toBe(MON_8 + (RECENT_ANSWERS + 4) * MIN);
  });
});
