/**
 * Platt scaling: a two-parameter logistic recalibration p' = σ(a·logit(p) + b) of a model's
 * predictions, fitted to outcomes by penalised maximum likelihood (Newton's method). The penalty
 * pulls (a, b) towards the identity (1, 0) with the weight of `prior` pseudo-answers, so a few
 * answers move it a little and a long history decides. Pure: no tfjs, no DOM.
 *
 * Used on the knowledge-tracing network's prediction table (app/kt-engine.ts): the shipped
 * network is trained on other learners and can be off by a constant for this one (on the
 * simulated learners of lab/learn it under-predicted by about 16 points, docs/learning.md), and
 * the selection policy aims at a band of predicted P(correct), so a biased table serves items
 * of the wrong difficulty.
 */

export interface Platt {
  /** Slope on the logit. */
  readonly a: number;
  /** Offset on the logit. */
  readonly b: number;
  /** Answers it was fitted on (0: the identity). */
  readonly n: number;
}

export const PLATT_IDENTITY: Platt = Object.freeze({ a: 1, b: 0, n: 0 });

/** Weight of the pull towards the identity, in answers' worth of evidence. */
export const PLATT_PRIOR = 20;

/** Logits are clipped to ±LOGIT_CAP (p in [0.0025, 0.9975]) so a confident 0 or 1 cannot dominate. */
const LOGIT_CAP = 6;

const clipLogit = (p: number): number => {
  const q = Math.min(1 - 1e-9, Math.max(1e-9, p));
  return Math.max(-LOGIT_CAP, Math.min(LOGIT_CAP, Math.log(q / (1 - q))));
};
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/**
 * Fits (a, b) to predictions `p` and outcomes `y` (same length). The objective is the log loss
 * of σ(a·logit(p) + b) summed over the answers, plus (prior / 2)·((a − 1)² + b²);
 * it is strictly convex, so Newton's method converges from the identity in a few steps.
 * Non-finite predictions are skipped.
 */
export function fitPlatt(p: ArrayLike<number>, y: ArrayLike<number>, prior: number = PLATT_PRIOR): Platt {
  if (p.length !== y.length) throw new RangeError('fitPlatt: predictions and outcomes differ in length');
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < p.length; i++) {
    if (!Number.isFinite(p[i]!)) continue;
    xs.push(clipLogit(p[i]!));
    ys.push(y[i]! > 0 ? 1 : 0);
  }
  const n = xs.length;
  if (n === 0) return PLATT_IDENTITY;
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 50; iter++) {
    // Gradient and Hessian of Σ logloss + (prior/2)·((a − 1)² + b²).
    let ga = prior * (a - 1);
    let gb = prior * b;
    let haa = prior;
    let hab = 0;
    let hbb = prior;
    for (let i = 0; i < n; i++) {
      const x = xs[i]!;
      const q = sigmoid(a * x + b);
      const r = q - ys[i]!;
      const w = q * (1 - q);
      ga += r * x;
      gb += r;
      haa += w * x * x;
      hab += w * x;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (!(det > 0)) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) < 1e-9 && Math.abs(db) < 1e-9) break;
  }
  return { a, b, n };
}

/** The recalibrated prediction; the identity returns `p` unchanged. */
export function applyPlatt(c: Platt, p: number): number {
  if (c.n === 0 || !Number.isFinite(p)) return p;
  return sigmoid(c.a * clipLogit(p) + c.b);
}
