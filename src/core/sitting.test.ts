import { describe, expect, it } from 'vitest';
import { SITTING_IDLE_MS, Sittings, trailingSitting } from './sitting';
import type { Attempt } from './types';

const MIN = 60_000;

function at(id: string, timestamp: number, learnerId = 'ana'): Attempt {
  return {
    id,
    learnerId,
    itemId: 'add-within-20~1~1',
    skillId: 'add-within-20',
    difficulty: 1,
    seed: 1,
    params: {},
    answer: '1',
    correct: true,
    responseMs: 5_000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp,
    appVersion: 'test',
  };
}

describe('sittings (issue 14: "session completed" once per real session)', () => {
  it('go on across re-opening; end when ended, with the time practice opened as their start', () => {
    const s = new Sittings();
    s.open('ana', 0);
    expect(s.record(at('a', 1 * MIN))).toBeNull();
    s.open('ana', 2 * MIN); // practice opened again (another screen and back): same sitting
    expect(s.record(at('b', 3 * MIN))).toBeNull();
    const ended = s.end('ana', 4 * MIN);
    expect(ended).toEqual({ attempts: [at('a', 1 * MIN), at('b', 3 * MIN)], startedAt: 0, endedAt: 4 * MIN });
    // Ending again: nothing left to complete.
    expect(s.end('ana', 5 * MIN)).toBeNull();
  });

  it('end the sitting before an answer that comes after a long idle gap, at its own last answer', () => {
    const s = new Sittings();
    s.open('ana', 0);
    s.record(at('a', MIN));
    s.record(at('b', 2 * MIN));
    expect(s.record(at('c', 2 * MIN + SITTING_IDLE_MS))).toBeNull(); // exactly the gap: same sitting
    const ended = s.record(at('d', 3 * MIN + 2 * SITTING_IDLE_MS));
    expect(ended?.attempts.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(ended?.endedAt).toBe(2 * MIN + SITTING_IDLE_MS);
    const next = s.end('ana', 4 * MIN + 2 * SITTING_IDLE_MS);
    expect(next?.attempts.map((a) => a.id)).toEqual(['d']);
    expect(next?.startedAt).toBe(3 * MIN + 2 * SITTING_IDLE_MS - 5_000); // its item was shown
  });

  it('start with the first answer when practice stood open long before it; end at the last answer when ended long after', () => {
    const s = new Sittings();
    s.open('ana', 0);
    s.record(at('a', 3 * SITTING_IDLE_MS));
    expect(s.end('ana', 5 * SITTING_IDLE_MS)).toMatchObject({
      startedAt: 3 * SITTING_IDLE_MS - 5_000,
      endedAt: 3 * SITTING_IDLE_MS,
    });
  });

  it('resume the answers found on disk, keep learners apart, and forget a deleted learner', () => {
    const s = new Sittings();
    s.open('ana', 10 * MIN, [at('a', MIN), at('b', 2 * MIN)]);
    s.open('bo', 10 * MIN);
    s.record(at('x', 11 * MIN, 'bo'));
    s.record(at('c', 11 * MIN));
    expect(s.end('ana', 12 * MIN)).toMatchObject({ startedAt: MIN - 5_000, endedAt: 12 * MIN });
    s.forget('bo');
    expect(s.has('bo')).toBe(false);
    expect(s.end('bo', 13 * MIN)).toBeNull();
  });

  it('find the trailing sitting on disk: after the last idle gap, after the last completed one, known answers only', () => {
    const recent = [
      at('a', 0),
      at('b', MIN),
      at('c', 2 * MIN + SITTING_IDLE_MS),
      at('d', 3 * MIN + SITTING_IDLE_MS),
    ];
    expect(trailingSitting(recent, () => false).map((a) => a.id)).toEqual(['c', 'd']);
    expect(trailingSitting(recent.slice(0, 2), () => false).map((a) => a.id)).toEqual(['a', 'b']);
    expect(trailingSitting(recent, (a) => a.id === 'c').map((a) => a.id)).toEqual(['d']);
    expect(trailingSitting(recent, (a) => a.id === 'd')).toEqual([]);
    expect(
      trailingSitting(
        recent,
        () => false,
        (a) => a.id !== 'c',
      ).map((a) => a.id),
    ).toEqual(['d']);
    expect(trailingSitting([], () => false)).toEqual([]);
  });
});
