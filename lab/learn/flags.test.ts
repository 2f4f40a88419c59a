import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { formatFlags, RULES, runFlags } from './flags';
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
      // a skill is asked at least once before the answer that stars it
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
});
