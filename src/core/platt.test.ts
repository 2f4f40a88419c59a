import { describe, expect, it } from 'vitest';
import { applyPlatt, fitPlatt, PLATT_IDENTITY } from './platt';
import { seededRng } from './rng';

const logit = (p: number): number => Math.log(p / (1 - p));
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Predictions from a model that is off by slope `a` and offset `b`, and outcomes from the truth. */
function sample(n: number, a: number, b: number, seed = 1): { p: number[]; y: number[] } {
  const rng = seededRng(seed);
  const p: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const pred = 0.05 + 0.9 * rng();
    p.push(pred);
    y.push(rng() < sigmoid(a * logit(pred) + b) ? 1 : 0);
  }
  return { p, y };
}

/** Mean |predicted − observed| over 10 equal-width bins, weighted by count (ECE). */
function ece(p: readonly number[], y: readonly number[]): number {
  const bins = Array.from({ length: 10 }, () => [0, 0, 0]);
  p.forEach((q, i) => {
    const bin = bins[Math.min(9, Math.floor(q * 10))]!;
    bin[0]! += 1;
    bin[1]! += q;
    bin[2]! += y[i]!;
  });
  return bins.reduce((s, [n, sp, sy]) => s + (n! === 0 ? 0 : Math.abs(sp! - sy!) / p.length), 0);
}

describe('Platt scaling', () => {
  it('recovers the slope and offset a biased model is off by, and removes the calibration error', () => {
    const { p, y } = sample(20_000, 1.5, 0.8);
    const c = fitPlatt(p, y);
    expect(c.n).toBe(20_000);
    expect(c.a).toBeCloseTo(1.5, 1);
    expect(c.b).toBeCloseTo(0.8, 1);
    const before = ece(p, y);
    const after = ece(
      p.map((q) => applyPlatt(c, q)),
      y,
    );
    expect(before).toBeGreaterThan(0.1);
    expect(after).toBeLessThan(0.02);
  });

  it('leaves a calibrated model (nearly) alone', () => {
    const { p, y } = sample(20_000, 1, 0);
    const c = fitPlatt(p, y);
    expect(Math.abs(c.a - 1)).toBeLessThan(0.06);
    expect(Math.abs(c.b)).toBeLessThan(0.06);
  });

  it('is the identity with no answers, and moves only a little on a few', () => {
    expect(fitPlatt([], [])).toEqual(PLATT_IDENTITY);
    expect(applyPlatt(PLATT_IDENTITY, 0.37)).toBe(0.37);
    const few = fitPlatt([0.5, 0.5, 0.5, 0.5, 0.5], [1, 1, 1, 1, 1]);
    const many = fitPlatt(Array(500).fill(0.5), Array(500).fill(1));
    expect(few.b).toBeGreaterThan(0);
    expect(applyPlatt(few, 0.5)).toBeLessThan(0.7);
    expect(applyPlatt(many, 0.5)).toBeGreaterThan(0.9);
  });

  it('skips non-finite predictions and refuses mismatched lengths', () => {
    const c = fitPlatt([0.5, NaN, 0.5], [1, 0, 1]);
    expect(c.n).toBe(2);
    expect(() => fitPlatt([0.5], [1, 0])).toThrow(RangeError);
    expect(applyPlatt({ a: 2, b: 1, n: 10 }, NaN)).toBeNaN();
  });
});
