import { describe, expect, it } from 'vitest';
import type { Attempt } from '../../../core/types';
import { soundFor } from './practice';
import { newRun, parseRun, recordInRun, runStore } from './run';
import { loadSummary, timeSpent } from './summary';

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
    m,
  };
}

describe('a practice session (run)', () => {
  it('counts questions, right answers and stars', () => {
    let run = newRun(1000);
    run = recordInRun(run, { correct: true });
    run = recordInRun(run, { correct: false });
    run = recordInRun(run, { correct: true, mastered: 'placeValue' });
    expect(run).toEqual({ startedAt: 1000, answered: 3, correct: 2, mastered: ['placeValue'] });
  });

  it('is kept per learner across a reload, and read back only if it is well formed', () => {
    const storage = memoryStorage();
    const ana = runStore('ana', storage);
    expect(ana.load()).toBeNull();
    ana.save(recordInRun(newRun(5), { correct: true }));
    expect(runStore('ana', storage).load()).toEqual({ startedAt: 5, answered: 1, correct: 1, mastered: [] });
    expect(runStore('bo', storage).load()).toBeNull();
    ana.clear();
    expect(ana.load()).toBeNull();
    for (const bad of [
      'not json',
      '{"startedAt":"5","answered":1,"correct":0,"mastered":[]}',
      '{"startedAt":5,"answered":1,"correct":2,"mastered":[]}',
      '{"startedAt":5,"answered":-1,"correct":0,"mastered":[]}',
      '{"startedAt":5,"answered":1,"correct":0,"mastered":[3]}',
      'null',
    ]) {
      storage.setItem('lantern.run.ana', bad);
      expect(ana.load(), bad).toBeNull();
    }
    expect(parseRun({ startedAt: 1, answered: 0, correct: 0, mastered: [] })).not.toBeNull();
  });

  it('goes on without a storage, or with one that refuses', () => {
    const none = runStore('ana', undefined);
    none.save(newRun(1));
    expect(none.load()).toBeNull();
    const refusing = runStore('ana', {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(() => refusing.save(newRun(1))).not.toThrow();
    expect(refusing.load()).toBeNull();
    expect(() => refusing.clear()).not.toThrow();
  });
});

describe('the summary as the screen shows it', () => {
  it('says the time spent in whole minutes, or under a minute', () => {
    expect(timeSpent(0)).toEqual({ key: 'summary.underMinute' });
    expect(timeSpent(59_999)).toEqual({ key: 'summary.underMinute' });
    expect(timeSpent(Number.NaN)).toEqual({ key: 'summary.underMinute' });
    expect(timeSpent(60_000)).toEqual({ key: 'summary.minutes', params: { n: 1 } });
    expect(timeSpent(7.6 * 60_000)).toEqual({ key: 'summary.minutes', params: { n: 8 } });
  });

  it('is computed from the stored attempts since the session began, with the daily goal', async () => {
    const now = Date.UTC(2026, 2, 10, 9);
    const a = (t: number, correct: boolean, skillId = 'placeValue'): Attempt => ({
      id: `a${t}`,
      learnerId: 'l',
      itemId: `${skillId}~1~0`,
      skillId,
      difficulty: 1,
      seed: 0,
      params: {},
      answer: '',
      correct,
      responseMs: 10_000,
      hintsUsed: 0,
      solutionShown: false,
      timestamp: t,
      appVersion: 't',
    });
    const run = recordInRun(recordInRun(newRun(now - 60_000), { correct: true, mastered: 'rounding' }), {
      correct: false,
    });
    const s = await loadSummary(run, {
      attempts: async () => [
        a(now - 3_600_000, true),
        a(now - 30_000, true, 'rounding'),
        a(now - 10_000, false),
      ],
      dailyGoal: async () => 5,
      now,
      timeZoneOffsetMinutes: 0,
    });
    expect(s).toMatchObject({
      answered: 2,
      correct: 1,
      skillsPractised: ['rounding', 'placeValue'],
      masteredNow: ['rounding'],
      today: { done: 3, goal: 5, reached: false, left: 2 },
      streak: 1,
      studyMs: 20_000,
    });
  });
});

describe('feedback sounds', () => {
  it('sound for a right answer, a star and today’s goal; never for a mistake', () => {
    expect(soundFor({ kind: 'correct' }, false)).toBe('correct');
    expect(soundFor({ kind: 'correct', mastered: 'placeValue' }, false)).toBe('mastered');
    expect(soundFor({ kind: 'correct', mastered: 'placeValue' }, true)).toBe('goal');
    expect(soundFor({ kind: 'incorrect' }, false)).toBeNull();
    expect(soundFor({ kind: 'solution' }, false)).toBeNull();
    expect(soundFor({ kind: 'malformed' }, false)).toBeNull();
    expect(soundFor(null, false)).toBeNull();
    // Reaching the goal is celebrated even when the question that reached it was wrong.
    expect(soundFor({ kind: 'incorrect' }, true)).toBe('goal');
  });
});
