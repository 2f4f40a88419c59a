import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import type { Difficulty, SkillId } from '../../src/core/types';
import type { SimLearner } from './families';
import { cheatConfig, runGap } from './gap';
import { runLearner, summarise } from './run';

/** A learner that has truly mastered only skill "a", whatever the time. */
const fake: SimLearner = {
  p: (s: SkillId, _l: Difficulty) => (s === 'a' ? 0.9 : 0.3),
  mastered: (s: SkillId) => s === 'a',
  answer: () => true,
};

describe('the gap to the oracle (learn:gap)', () => {
  it('lends each cheat the flag it names, and the shipped policy none', () => {
    expect(cheatConfig('none').mastered).toBeUndefined();
    const table = (c: 'early' | 'clear' | 'truth'): boolean[] => {
      const flag = cheatConfig(c).mastered!(fake);
      // (truly mastered?, model says) → flag read by the policy
      return [flag('a', 0, true), flag('a', 0, false), flag('b', 0, true), flag('b', 0, false)];
    };
    expect(table('early')).toEqual([true, true, true, false]);
    expect(table('clear')).toEqual([true, false, false, false]);
    expect(table('truth')).toEqual([true, true, false, false]);
  });

  it('splits early by whether the model has flagged the skill yet', () => {
    const set = cheatConfig('set').mastered!(fake);
    // before the model's first star: truly mastered counts; after it, only the model's own flag
    expect([set('a', 0, false), set('b', 0, false)]).toEqual([true, false]);
    expect([set('a', 0, true), set('a', 0, false)]).toEqual([true, false]);
    const keep = cheatConfig('keep').mastered!(fake);
    // before the model's first star: the model's own flag only; after it, kept while truly mastered
    expect(keep('a', 0, false)).toBe(false);
    expect([keep('a', 0, true), keep('a', 0, false)]).toEqual([true, true]);
    expect([keep('b', 0, true), keep('b', 0, false)]).toEqual([true, false]);
    // one learner's record does not leak into the next learner's flag
    expect(cheatConfig('keep').mastered!(fake)('a', 0, false)).toBe(false);
  });

  it('without a cheat it is the shipped policy, figure for figure; a perfect flag changes the run', () => {
    const { fixed, rows } = runGap(['irt'], [1], 3, ['none', 'truth']);
    const bench = (policy: 'fixed' | 'lantern-elo') =>
      summarise(
        'irt',
        1,
        policy,
        [0, 1, 2].map((i) => runLearner('irt', policy, mathsGraph, 1, i)),
      );
    expect(fixed).toEqual([bench('fixed')]);
    expect(rows[0]!.metrics).toEqual(bench('lantern-elo'));
    expect(rows[1]!.metrics).not.toEqual(rows[0]!.metrics);
    for (const r of rows) {
      expect(r.ratio).toBeCloseTo(r.metrics.medianToMastery! / fixed[0]!.medianToMastery!, 10);
    }
    // per learner against no cheat: none against itself is 0; the perfect flag is compared on
    // the learners who finish under both
    expect(rows[0]!.paired).toEqual({ mean: 0, half: 0, n: 3 });
    expect(rows[1]!.paired.n).toBe(3);
    expect(Number.isFinite(rows[1]!.paired.mean)).toBe(true);
    expect(rows[1]!.paired.mean).not.toBe(0);
  });
});
