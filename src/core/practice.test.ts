import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySummary, recordInSummary, SummaryBuilder, summaryFromAttempts } from './practice';
import type { Attempt } from './types';

const attempt = (skillId: string, correct: boolean, timestamp: number): Attempt => ({
  id: `${skillId}-${timestamp}`,
  learnerId: 'l',
  itemId: `${skillId}~1~0`,
  skillId,
  difficulty: 1,
  seed: 0,
  params: {},
  answer: '',
  correct,
  responseMs: 1000,
  hintsUsed: 0,
  solutionShown: false,
  timestamp,
  appVersion: 'test',
});

describe('practice summary', () => {
  it('starts empty', () => {
    expect(emptySummary().size).toBe(0);
    expect(summaryFromAttempts([]).size).toBe(0);
  });

  it('counts attempts and correct answers and keeps the latest time', () => {
    let s = emptySummary();
    s = recordInSummary(s, attempt('a', true, 100));
    s = recordInSummary(s, attempt('a', false, 300));
    s = recordInSummary(s, attempt('b', true, 200));
    s = recordInSummary(s, attempt('a', true, 250)); // out of order (import)
    expect(s.get('a')).toEqual({ attempts: 3, correct: 2, lastPracticed: 300 });
    expect(s.get('b')).toEqual({ attempts: 1, correct: 1, lastPracticed: 200 });
  });

  it('never modifies the summary it is given', () => {
    const s1 = recordInSummary(emptySummary(), attempt('a', true, 1));
    const s2 = recordInSummary(s1, attempt('a', true, 2));
    expect(s1.get('a')).toEqual({ attempts: 1, correct: 1, lastPracticed: 1 });
    expect(s2.get('a')).toEqual({ attempts: 2, correct: 2, lastPracticed: 2 });
  });

  it('builds the same summary incrementally, in bulk and with the builder', () => {
    const arb = fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), fc.boolean(), fc.nat({ max: 1e9 })), {
      maxLength: 80,
    });
    fc.assert(
      fc.property(arb, (xs) => {
        const attempts = xs.map(([s, c, t]) => attempt(s, c, t));
        const incremental = attempts.reduce(recordInSummary, emptySummary());
        const bulk = summaryFromAttempts(attempts);
        const builder = new SummaryBuilder();
        attempts.forEach((a) => builder.record(a));
        expect(bulk).toEqual(incremental);
        expect(builder.build()).toEqual(incremental);
        for (const [skill, p] of bulk) {
          const mine = attempts.filter((a) => a.skillId === skill);
          expect(p.attempts).toBe(mine.length);
          expect(p.correct).toBe(mine.filter((a) => a.correct).length);
          expect(p.lastPracticed).toBe(Math.max(...mine.map((a) => a.timestamp)));
        }
      }),
    );
  });

  it('lets a builder continue from an existing summary without touching it', () => {
    const base = summaryFromAttempts([attempt('a', true, 5)]);
    const b = new SummaryBuilder(base).record(attempt('a', false, 6));
    expect(b.build().get('a')).toEqual({ attempts: 2, correct: 1, lastPracticed: 6 });
    expect(base.get('a')).toEqual({ attempts: 1, correct: 1, lastPracticed: 5 });
  });
});
