import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import type { Attempt, Selection, SkillGraph } from '../../src/core/types';
import { emptyTotals, formatFlags, RULES, runFlags, watchFlags } from './flags';
import { runLanternVariants } from './run';

describe('the mastered flag against the truth (learn:flags)', () => {
  const learners = 4;
  const { row, results } = runFlags('irt', 1, learners);

  it('only watches: the run is the shipped policy, learner for learner', () => {
    expect(results).toEqual(runLanternVariants('irt', mathsGraph, 1, learners, {}));
  });

  it('counts every first star once, and its lag among the answers before it', () => {
    const stars = RULES.reduce((a, k) => a + row.first[k].stars, 0);
    expect(stars).toBeGreaterThan(0);
    expect(stars).toBeLessThanOrEqual(learners * mathsGraph.order.length);
    for (const k of RULES) {
      const x = row.first[k];
      expect(x.premature).toBeLessThanOrEqual(x.stars);
      expect(x.lag).toBeLessThanOrEqual(x.before);
      // the answer that sets a star counts among the answers up to it
      expect(x.before).toBeGreaterThanOrEqual(x.stars);
      if (x.stars > 0) expect(x.trueP3 / x.stars).toBeGreaterThan(0.5);
    }
    expect(row.again.premature).toBeLessThanOrEqual(row.again.stars);
  });

  it('sees every end-of-course choice the policy reported, and only skills below mastery in its spread', () => {
    const practice = results.reduce((a, r) => a + (r.reasons.practice ?? 0), 0);
    expect(row.practice.asks).toBe(practice);
    expect(practice).toBeGreaterThan(0);
    expect(row.practice.hits).toBeLessThanOrEqual(row.practice.asks);
    expect(row.practice.none).toBeLessThanOrEqual(row.practice.asks);
    const [q10, q50, q90] = row.practice.belowP3;
    expect(q10!).toBeLessThanOrEqual(q50!);
    expect(q50!).toBeLessThanOrEqual(q90!);
    expect(q90!).toBeLessThan(0.8);
    const text = formatFlags(row);
    expect(text).toContain(`irt, seed 1, ${learners} learners`);
    expect(text).toContain(`${(row.practice.asks / learners).toFixed(1)} asks per learner`);
  });

  it('reads the truth before each answer for the lag, and after it for a premature star', () => {
    const truly = new Map<string, boolean>([
      ['a', false],
      ['b', false],
    ]);
    const learner = { mastered: (s: string) => truly.get(s)!, p: (s: string) => (truly.get(s) ? 0.9 : 0.5) };
    let mastery = 0.7;
    const graph = { order: ['a', 'b'] } as unknown as SkillGraph;
    const totals = emptyTotals();
    const w = watchFlags(learner, { mastery: () => mastery }, graph, totals, 0.8);
    const ask = (skillId: string, reason: Selection['reason'] = 'continue') =>
      w.chose!({ skillId, difficulty: 3, predicted: 0.5, reason }, 0);
    const answer = (skillId: string, flagged: boolean) =>
      w.observe!({ skillId, timestamp: 0 } as Attempt, flagged);
    // a: learnt by its first answer (the truth changes between the choice and the answer) …
    ask('a');
    truly.set('a', true);
    answer('a', false);
    // … and starred at the second, by the run rule (mastery under masteryOn)
    ask('a');
    answer('a', true);
    expect(totals.first.run).toEqual({ stars: 1, premature: 0, trueP3: 0.9, lag: 1, before: 2 });
    // b: starred at its first answer by the level rule while truly below: premature; then again
    mastery = 0.85;
    ask('b');
    answer('b', true);
    answer('b', true);
    expect(totals.first.level).toEqual({ stars: 1, premature: 1, trueP3: 0.5, lag: 0, before: 1 });
    expect(totals.again).toEqual({ stars: 1, premature: 1 });
    // an end-of-course ask on a while b is below: one below, not a hit
    ask('a', 'practice');
    expect(totals.practice).toEqual({ asks: 1, below: 1, none: 0, hits: 0 });
    expect(totals.belowP3).toEqual([0.5]);
  });
});
