import { describe, expect, it } from 'vitest';
import { seededRng } from '../../src/core/rng';
import { fitCalibration, pinballLoss, quantileRegression, solve, type RolloutCase } from './forecast-fit';

describe('the forecast calibration fit', () => {
  it('solves a linear system, and refuses a singular one', () => {
    const x = solve(
      [
        [2, 1, 0],
        [1, 3, 1],
        [0, 1, 4],
      ],
      [3, 7, 13],
    );
    // 2a + b = 3, a + 3b + c = 7, b + 4c = 13  →  a = 1, b = 1, c = 3
    expect(x[0]).toBeCloseTo(1, 10);
    expect(x[1]).toBeCloseTo(1, 10);
    expect(x[2]).toBeCloseTo(3, 10);
    expect(() =>
      solve(
        [
          [1, 2],
          [2, 4],
        ],
        [1, 2],
      ),
    ).toThrow(/singular/);
  });

  it('recovers the quantile lines of data whose quantiles are known', () => {
    // y = 1 + 2x + u, u uniform on [0, 4]: the τ-quantile line is (1 + 4τ) + 2x.
    const rng = seededRng(7);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 4000; i++) {
      const xi = rng() * 3;
      x.push([1, xi]);
      y.push(1 + 2 * xi + 4 * rng());
    }
    for (const tau of [0.1, 0.5, 0.9]) {
      const [a, b] = quantileRegression(x, y, tau);
      expect(Math.abs(a! - (1 + 4 * tau))).toBeLessThan(0.15);
      expect(Math.abs(b! - 2)).toBeLessThan(0.08);
    }
  });

  it('finds a minimum of the pinball loss: no nearby coefficients do better', () => {
    const rng = seededRng(3);
    const x: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 600; i++) {
      const xi = rng();
      x.push([1, xi]);
      // Skewed noise: an exponential draw.
      y.push(0.5 + xi - Math.log(1 - rng()));
    }
    const tau = 0.86;
    const beta = quantileRegression(x, y, tau);
    const best = pinballLoss(x, y, beta, tau);
    for (const [da, db] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.01],
      [0, -0.01],
      [0.01, -0.01],
      [-0.01, 0.01],
    ]) {
      expect(pinballLoss(x, y, [beta[0]! + da!, beta[1]! + db!], tau)).toBeGreaterThanOrEqual(best - 1e-9);
    }
    expect(() => quantileRegression(x, y, 1)).toThrow(/tau/);
    expect(() => quantileRegression([], [], 0.5)).toThrow(/rows/);
  });

  it('fits ordered bounds whose range holds about the share asked for, in sample', () => {
    // Outcomes spread around the rollouts' median, more widely for a weaker learner.
    const rng = seededRng(11);
    const cases: RolloutCase[] = [];
    for (let i = 0; i < 3000; i++) {
      const median = 2 + Math.floor(rng() * 30);
      const accuracy = 0.5 + 0.3 * rng();
      // Half the skills not yet answered: they take about twice as many answers.
      const unseen = rng() < 0.5 ? 1 : 0;
      const noise = Math.exp((rng() - 0.5) * (2.5 - 2 * accuracy) + unseen * Math.log(2));
      cases.push({
        // The rollouts' spread varies too (a constant one would duplicate the intercept).
        rollouts: { low: Math.max(1, median / 2), median, high: median * (1.5 + rng()) },
        accuracy,
        unseen,
        actual: Math.max(1, Math.round(median * noise)),
      });
    }
    const cal = fitCalibration(cases, 0.1);
    expect(cal.version).toBe(2);
    for (const row of [cal.low, cal.median, cal.high]) expect(row).toHaveLength(5);
    let inside = 0;
    for (const c of cases) {
      const f = [cal.low, cal.median, cal.high].map((r) =>
        Math.exp(
          r[0] +
            r[1] * Math.log(c.rollouts.median) +
            r[2] * Math.log(c.rollouts.high / c.rollouts.low) +
            r[3] * c.accuracy +
            r[4] * c.unseen,
        ),
      );
      expect(f[0]).toBeLessThanOrEqual(f[1]! + 1e-9);
      expect(f[1]).toBeLessThanOrEqual(f[2]! + 1e-9);
      if (c.actual >= f[0]! && c.actual <= f[2]!) inside++;
    }
    expect(inside / cases.length).toBeGreaterThan(0.76);
    expect(inside / cases.length).toBeLessThan(0.84);
    // The weaker the learner, the wider the range: the accuracy's coefficient is larger on the low bound.
    expect(cal.low[3]).toBeGreaterThan(cal.high[3]);
    // The unseen skills' doubling is found in the median row (log 2 ≈ 0.69).
    expect(cal.median[4]).toBeGreaterThan(0.55);
    expect(cal.median[4]).toBeLessThan(0.85);
  });
});
