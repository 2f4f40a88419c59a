/**
 * Fitting the forecast's calibration (src/core/forecast.ts `FORECAST_CALIBRATION`): linear
 * quantile regression of log(actual answers) on the features of `calibrationFeatures` (the
 * rollouts' log median and log 90th / 10th, the learner's accuracy, the share of the skills not
 * yet answered), one fit per bound. Solved by iteratively reweighted least squares (the pinball
 * loss is |r| · (τ or 1 − τ); each step weighs a case by that factor over max(|r|, ε)). Lab only.
 */
import { calibrationFeatures, type CalibrationRow, type ForecastCalibration } from '../../src/core/forecast';

/** 3×3 (or n×n) linear solve by Gaussian elimination with partial pivoting. */
export function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  // A pivot this small against the matrix's scale means a feature repeats another (or is constant).
  const tiny = 1e-10 * Math.max(...a.flat().map(Math.abs));
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    if (!(Math.abs(m[p]![c]!) > tiny)) {
      throw new Error('singular system: the features do not vary independently');
    }
    [m[c], m[p]] = [m[p]!, m[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / m[c]![c]!;
      for (let k = c; k <= n; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return m.map((row, i) => row[n]! / row[i]!);
}

/** Mean pinball loss of the linear predictor `beta` at quantile `tau`. */
export function pinballLoss(
  x: readonly (readonly number[])[],
  y: readonly number[],
  beta: readonly number[],
  tau: number,
): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const r = y[i]! - x[i]!.reduce((acc, v, j) => acc + v * beta[j]!, 0);
    s += r >= 0 ? tau * r : (tau - 1) * r;
  }
  return s / y.length;
}

/** Linear quantile regression: the beta minimising the pinball loss at `tau` (IRLS). */
export function quantileRegression(
  x: readonly (readonly number[])[],
  y: readonly number[],
  tau: number,
  iterations = 200,
  eps = 1e-4,
): number[] {
  if (x.length === 0 || x.length !== y.length) {
    throw new Error('quantile regression needs as many rows as outcomes');
  }
  if (!(tau > 0 && tau < 1)) throw new Error('tau must lie in (0, 1)');
  const d = x[0]!.length;
  const fitWeighted = (w: readonly number[]): number[] => {
    const a = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    const b = new Array<number>(d).fill(0);
    for (let i = 0; i < y.length; i++) {
      const xi = x[i]!;
      for (let j = 0; j < d; j++) {
        b[j]! += w[i]! * xi[j]! * y[i]!;
        for (let k = 0; k < d; k++) a[j]![k]! += w[i]! * xi[j]! * xi[k]!;
      }
    }
    return solve(a, b);
  };
  let beta = fitWeighted(y.map(() => 1));
  let best = beta;
  let bestLoss = pinballLoss(x, y, beta, tau);
  for (let it = 0; it < iterations; it++) {
    const w = y.map((yi, i) => {
      const r = yi - x[i]!.reduce((acc, v, j) => acc + v * beta[j]!, 0);
      return (r >= 0 ? tau : 1 - tau) / Math.max(Math.abs(r), eps);
    });
    beta = fitWeighted(w);
    const loss = pinballLoss(x, y, beta, tau);
    if (loss < bestLoss - 1e-12) {
      bestLoss = loss;
      best = beta;
    }
  }
  return best;
}

export interface RolloutCase {
  /** The rollouts' own 10th, 50th and 90th percentiles. */
  readonly rollouts: { readonly low: number; readonly median: number; readonly high: number };
  /** The learner's accuracy when the forecast was made (core/forecast.ts `learnerAccuracy`). */
  readonly accuracy: number;
  /** The share of the forecast's skills not yet answered (core/forecast.ts `unseenShare`). */
  readonly unseen: number;
  readonly actual: number;
}

const row = (b: readonly number[]): CalibrationRow => {
  if (b.length !== 5) throw new Error(`a calibration row has 5 coefficients, not ${b.length}`);
  return [b[0]!, b[1]!, b[2]!, b[3]!, b[4]!];
};

/** The calibration fitted to these cases, with the low and high bounds at `tail` and 1 − `tail`. */
export function fitCalibration(cases: readonly RolloutCase[], tail: number): ForecastCalibration {
  const x = cases.map((c) => calibrationFeatures(c.rollouts, c.accuracy, c.unseen));
  const y = cases.map((c) => Math.log(c.actual));
  return {
    version: 2,
    low: row(quantileRegression(x, y, tail)),
    median: row(quantileRegression(x, y, 0.5)),
    high: row(quantileRegression(x, y, 1 - tail)),
  };
}
