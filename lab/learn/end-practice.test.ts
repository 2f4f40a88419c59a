import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { seededRng } from '../../src/core/rng';
import { FEATURES, fitDetector, runEnd } from './end-practice';
import { pairedLogRatio, runLearner, summarise, type LearnerResult } from './run';

describe('end-of-course practice orders (learn:end)', () => {
  it('fits a logistic regression that recovers a known relation', () => {
    const rng = seededRng(5);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const a = rng() * 4 - 2;
      const b = rng() * 4 - 2;
      x.push([a, b, rng()]); // the third feature is noise
      y.push(rng() < 1 / (1 + Math.exp(-(2 * a - b))) ? 1 : 0);
    }
    const d = fitDetector({ x, y });
    // β on standardised features: a's scale is 4/√12 ≈ 1.15, so 2·1.15 and −1·1.15
    expect(d.beta[1]).toBeCloseTo(2 * d.sd[0]!, 0);
    expect(d.beta[2]).toBeCloseTo(-d.sd[1]!, 0);
    expect(Math.abs(d.beta[3]!)).toBeLessThan(0.15);
  });

  it('compares answers per learner, on learners who finish under both', () => {
    const r = (toMastery: number | null) => ({ toMastery }) as LearnerResult;
    const p = pairedLogRatio([r(100), r(200), r(null)], [r(50), r(100), r(300)]);
    expect(p.n).toBe(2);
    expect(p.mean).toBeCloseTo(Math.log(0.5), 10);
    expect(p.half).toBe(0); // both halved: no spread
  });

  it('leaves the shipped policy as it is; the truth order asks skills truly below', () => {
    const res = runEnd(['irt'], [1], 3, ['shipped', 'truth']);
    const shipped = res.rows.find((r) => r.order === 'shipped')!;
    const truth = res.rows.find((r) => r.order === 'truth')!;
    // recording the states changes no selection: the bench's figures, to the digit
    const bench = summarise(
      'irt',
      1,
      'lantern-elo',
      [0, 1, 2].map((i) => runLearner('irt', 'lantern-elo', mathsGraph, 1, i)),
    );
    expect(shipped.metrics).toEqual(bench);
    expect(shipped.paired.mean).toBe(0);
    expect(res.detector.beta).toHaveLength(FEATURES.length + 1);
    expect(res.auc[0]!.states).toBeGreaterThan(0);
    // the learners reach end-of-course practice with a skill truly below, and the cheat finds it
    expect(shipped.hits.asked).toBeGreaterThan(0);
    expect(truth.hits.asked).toBeGreaterThan(0);
    expect(truth.hits.below / truth.hits.asked).toBeGreaterThan(0.95);
    expect(shipped.hits.below / shipped.hits.asked).toBeLessThan(0.95);
    expect(truth.metrics).not.toEqual(shipped.metrics);
  });
});
