import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { seededRng } from '../../src/core/rng';
import { GRID, evaluate, sampleConfig, search } from './policy-search';
import { runLearner, summarise } from './run';

describe('policy search', () => {
  it('the empty configuration is the shipped policy: the same figures as the bench', () => {
    const bench = summarise(
      'irt',
      1,
      'lantern-elo',
      [0, 1, 2].map((i) => runLearner('irt', 'lantern-elo', mathsGraph, 1, i)),
    );
    expect(evaluate('irt', 1, 3, {})).toEqual(bench);
  });

  it('samples every parameter from its grid, reproducibly', () => {
    const a = sampleConfig(seededRng(5));
    expect(sampleConfig(seededRng(5))).toEqual(a);
    expect(GRID.masteryOn).toContain(a.elo?.masteryOn);
    expect(GRID.retention).toContain(a.selection?.retention);
    expect(GRID.target).toContainEqual(a.selection?.target);
  });

  it('a configuration changes the outcome (the parameters reach the policy)', () => {
    const shipped = evaluate('irt', 1, 3, {});
    const other = evaluate('irt', 1, 3, {
      elo: { masteryOn: 0.7, learnRight: 0.25 },
      selection: { retention: 0.8 },
    });
    expect(other).not.toEqual(shipped);
  });

  it('ranks on the tuning family and validates the shipped and top configurations on both families, seeds 2 and 3', () => {
    const r = search({ iters: 2, learners: 2, validate: 2, top: 1, rng: 3 });
    expect(r.tuning).toHaveLength(3);
    expect(r.validation.map((v) => v.label)).toEqual(['shipped', 'top 1']);
    for (const v of r.validation) {
      expect(v.metrics.map((m) => `${m.family} ${m.seed}`)).toEqual([
        'irt 2',
        'irt 3',
        'memory 2',
        'memory 3',
      ]);
    }
  });
});
