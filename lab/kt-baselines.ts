/**
 * Classic knowledge-tracing baselines, scored in the same harness as the neural model:
 * - BKT (Corbett & Anderson 1995), one HMM per skill fitted by EM (Baum–Welch), no forgetting;
 * - PFA (Pavlik, Cen & Koedinger 2009), logistic in prior successes/failures per skill.
 * Both predict online: P(correct at t | the sequence's interactions before t).
 * Sequences are treated independently (after DKVMN chunking, each chunk is a learner).
 */
import type { KtSequence } from '../src/core/kt-data';
import { countInteractions } from '../src/core/kt-data';

/** The common shape of a fitted KT predictor: one probability per interaction, flattened in order. */
export interface KtPredictor {
  readonly name: string;
  predict(seqs: readonly KtSequence[]): Float64Array;
}

// ---------------------------------------------------------------------------------------------
// BKT

export interface BktParams {
  /** P(L0): the skill is known before the first attempt. */
  readonly init: number;
  /** P(T): learned after an attempt. */
  readonly learn: number;
  /** P(G): correct while not known. */
  readonly guess: number;
  /** P(S): wrong while known. */
  readonly slip: number;
}

export interface BktOptions {
  readonly maxIterations?: number;
  /** Stop when the log-likelihood improves by less than this (relative). */
  readonly tolerance?: number;
}

/**
 * Bounds keep EM away from the degenerate solutions BKT is known for (guess or slip > 0.5
 * makes "known" mean "more often wrong"); 0.3 is the usual ceiling (Baker et al. 2008).
 */
export const BKT_BOUNDS = {
  init: [0.01, 0.99],
  learn: [0.005, 0.9],
  guess: [0.01, 0.3],
  slip: [0.01, 0.3],
} as const satisfies Record<keyof BktParams, readonly [number, number]>;

const BKT_START: BktParams = { init: 0.4, learn: 0.15, guess: 0.2, slip: 0.1 };

const clamp = (v: number, [lo, hi]: readonly [number, number]): number => Math.min(hi, Math.max(lo, v));

function boundBkt(p: BktParams): BktParams {
  return {
    init: clamp(p.init, BKT_BOUNDS.init),
    learn: clamp(p.learn, BKT_BOUNDS.learn),
    guess: clamp(p.guess, BKT_BOUNDS.guess),
    slip: clamp(p.slip, BKT_BOUNDS.slip),
  };
}

/** One EM (Baum–Welch) step over observation sequences; returns new params and the log-likelihood. */
export function bktEmStep(
  obs: readonly (readonly (0 | 1)[])[],
  p: BktParams,
): { params: BktParams; logLik: number } {
  const { init, learn, guess, slip } = p;
  const emit = (state: 0 | 1, o: 0 | 1): number =>
    state === 1 ? (o === 1 ? 1 - slip : slip) : o === 1 ? guess : 1 - guess;
  // Expected counts (small pseudo-counts keep ratios defined for tiny skills).
  let nInit1 = 0.1;
  let nSeq = 0.2;
  let nTrans01 = 0.01;
  let nFrom0 = 0.1;
  let nCorrect0 = 0.02;
  let n0 = 0.1;
  let nWrong1 = 0.01;
  let n1 = 0.1;
  let logLik = 0;
  let a0 = new Float64Array(0);
  let a1 = new Float64Array(0);
  let sc = new Float64Array(0);
  for (const o of obs) {
    const T = o.length;
    if (T === 0) continue;
    if (a0.length < T) {
      a0 = new Float64Array(T);
      a1 = new Float64Array(T);
      sc = new Float64Array(T);
    }
    // Scaled forward pass.
    let f0 = (1 - init) * emit(0, o[0] as 0 | 1);
    let f1 = init * emit(1, o[0] as 0 | 1);
    let c = f0 + f1;
    a0[0] = f0 / c;
    a1[0] = f1 / c;
    sc[0] = c;
    logLik += Math.log(c);
    for (let t = 1; t < T; t++) {
      const ot = o[t] as 0 | 1;
      f0 = (a0[t - 1] as number) * (1 - learn) * emit(0, ot);
      f1 = ((a0[t - 1] as number) * learn + (a1[t - 1] as number)) * emit(1, ot);
      c = f0 + f1;
      a0[t] = f0 / c;
      a1[t] = f1 / c;
      sc[t] = c;
      logLik += Math.log(c);
    }
    // Backward pass, accumulating expected counts as we go.
    let b0 = 1;
    let b1 = 1;
    for (let t = T - 1; t >= 0; t--) {
      const ot = o[t] as 0 | 1;
      const g0 = (a0[t] as number) * b0;
      const g1 = (a1[t] as number) * b1;
      const gs = g0 + g1;
      const p0 = g0 / gs;
      const p1 = g1 / gs;
      if (t === 0) {
        nInit1 += p1;
        nSeq += 1;
      }
      n0 += p0;
      n1 += p1;
      if (ot === 1) nCorrect0 += p0;
      else nWrong1 += p1;
      if (t > 0) {
        // ξ(0→1) at the step (t−1 → t), using the already-updated backward values b·(t).
        const cT = sc[t] as number;
        const xi01 = ((a0[t - 1] as number) * learn * emit(1, ot) * b1) / cT;
        nTrans01 += xi01;
        nFrom0 += ((a0[t - 1] as number) * (b0 * (1 - learn) * emit(0, ot) + b1 * learn * emit(1, ot))) / cT;
        const nb0 = ((1 - learn) * emit(0, ot) * b0 + learn * emit(1, ot) * b1) / cT;
        const nb1 = (emit(1, ot) * b1) / cT;
        b0 = nb0;
        b1 = nb1;
      }
    }
  }
  const params = boundBkt({
    init: nInit1 / nSeq,
    learn: nTrans01 / nFrom0,
    guess: nCorrect0 / n0,
    slip: nWrong1 / n1,
  });
  return { params, logLik };
}

/** Fits one skill's BKT parameters by EM from the given start point. */
export function fitBktSkill(
  obs: readonly (readonly (0 | 1)[])[],
  options: BktOptions = {},
  start: BktParams = BKT_START,
): BktParams {
  const maxIt = options.maxIterations ?? 100;
  const tol = options.tolerance ?? 1e-6;
  let params = boundBkt(start);
  let prev = -Infinity;
  for (let it = 0; it < maxIt; it++) {
    const step = bktEmStep(obs, params);
    params = step.params;
    if (Math.abs(step.logLik - prev) <= tol * Math.abs(step.logLik)) break;
    prev = step.logLik;
  }
  return params;
}

/** Per-skill outcome subsequences: skill id → list of (one list per learner sequence). */
function bySkill(seqs: readonly KtSequence[]): Map<number, (0 | 1)[][]> {
  const out = new Map<number, (0 | 1)[][]>();
  for (const s of seqs) {
    const local = new Map<number, (0 | 1)[]>();
    s.skills.forEach((k, t) => {
      let l = local.get(k);
      if (!l) local.set(k, (l = []));
      l.push(s.correct[t] as 0 | 1);
    });
    for (const [k, l] of local) {
      let g = out.get(k);
      if (!g) out.set(k, (g = []));
      g.push(l);
    }
  }
  return out;
}

export class BktModel implements KtPredictor {
  readonly name = 'bkt';
  constructor(
    readonly perSkill: ReadonlyMap<number, BktParams>,
    /** Used for skills never seen in training: one BKT fitted on all skills pooled. */
    readonly fallback: BktParams,
  ) {}

  static fit(train: readonly KtSequence[], options: BktOptions = {}): BktModel {
    const groups = bySkill(train);
    const fallback = fitBktSkill([...groups.values()].flat(), options);
    const perSkill = new Map<number, BktParams>();
    for (const [k, obs] of groups) perSkill.set(k, fitBktSkill(obs, options, fallback));
    return new BktModel(perSkill, fallback);
  }

  predict(seqs: readonly KtSequence[]): Float64Array {
    const out = new Float64Array(countInteractions(seqs));
    let k = 0;
    for (const s of seqs) {
      const known = new Map<number, number>();
      s.skills.forEach((skill, t) => {
        const p = this.perSkill.get(skill) ?? this.fallback;
        const pl = known.get(skill) ?? p.init;
        const pc = pl * (1 - p.slip) + (1 - pl) * p.guess;
        out[k++] = pc;
        const post = s.correct[t] === 1 ? (pl * (1 - p.slip)) / pc : (pl * p.slip) / (1 - pc);
        known.set(skill, post + (1 - post) * p.learn);
      });
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// PFA

export interface PfaParams {
  /** Skill easiness β. */
  readonly beta: number;
  /** Weight of prior successes γ. */
  readonly gamma: number;
  /** Weight of prior failures ρ. */
  readonly rho: number;
}

export interface PfaOptions {
  /** L2 pull of each skill's parameters toward the pooled fit (a Gaussian prior). */
  readonly l2?: number;
  readonly newtonSteps?: number;
}

/** Rows of (successes, failures, correct) for one skill's interactions. */
type PfaRows = { s: number[]; f: number[]; y: number[] };

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** Solves the 3×3 system A x = b (A symmetric positive definite) by Gaussian elimination. */
function solve3(a: number[][], b: number[]): number[] {
  const m = a.map((row, i) => [...row, b[i] as number]);
  for (let c = 0; c < 3; c++) {
    let piv = c;
    for (let r = c + 1; r < 3; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[piv]![c]!)) piv = r;
    [m[c], m[piv]] = [m[piv]!, m[c]!];
    const d = m[c]![c]!;
    if (Math.abs(d) < 1e-12) return [0, 0, 0];
    for (let r = 0; r < 3; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / d;
      for (let k = c; k < 4; k++) m[r]![k]! -= f * m[c]![k]!;
    }
  }
  return [m[0]![3]! / m[0]![0]!, m[1]![3]! / m[1]![1]!, m[2]![3]! / m[2]![2]!];
}

/** Newton's method on the penalised logistic likelihood: l2/2·|θ − prior|². */
export function fitPfaRows(rows: PfaRows, prior: PfaParams, l2: number, steps: number): PfaParams {
  let th = [prior.beta, prior.gamma, prior.rho];
  const pr = [prior.beta, prior.gamma, prior.rho];
  for (let it = 0; it < steps; it++) {
    const g = [0, 0, 0];
    const h = [
      [l2, 0, 0],
      [0, l2, 0],
      [0, 0, l2],
    ];
    for (let d = 0; d < 3; d++) g[d] = l2 * (th[d]! - pr[d]!);
    for (let i = 0; i < rows.y.length; i++) {
      const x = [1, rows.s[i]!, rows.f[i]!];
      const p = sigmoid(th[0]! + th[1]! * x[1]! + th[2]! * x[2]!);
      const w = Math.max(p * (1 - p), 1e-9);
      const r = p - rows.y[i]!;
      for (let a = 0; a < 3; a++) {
        g[a]! += r * x[a]!;
        for (let b = 0; b < 3; b++) h[a]![b]! += w * x[a]! * x[b]!;
      }
    }
    const step = solve3(h, g);
    th = th.map((v, d) => v - step[d]!);
    if (Math.max(...step.map(Math.abs)) < 1e-7) break;
  }
  return { beta: th[0]!, gamma: th[1]!, rho: th[2]! };
}

/** Walks sequences, calling `visit(skill, successes, failures, t)` before each interaction is counted. */
function walkPfa(
  seqs: readonly KtSequence[],
  visit: (skill: number, s: number, f: number, correct: 0 | 1) => void,
): void {
  for (const seq of seqs) {
    const succ = new Map<number, number>();
    const fail = new Map<number, number>();
    seq.skills.forEach((k, t) => {
      const c = seq.correct[t] as 0 | 1;
      visit(k, succ.get(k) ?? 0, fail.get(k) ?? 0, c);
      if (c === 1) succ.set(k, (succ.get(k) ?? 0) + 1);
      else fail.set(k, (fail.get(k) ?? 0) + 1);
    });
  }
}

export class PfaModel implements KtPredictor {
  readonly name = 'pfa';
  constructor(
    readonly perSkill: ReadonlyMap<number, PfaParams>,
    readonly fallback: PfaParams,
  ) {}

  static fit(train: readonly KtSequence[], options: PfaOptions = {}): PfaModel {
    const l2 = options.l2 ?? 1;
    const steps = options.newtonSteps ?? 25;
    const all: PfaRows = { s: [], f: [], y: [] };
    const groups = new Map<number, PfaRows>();
    walkPfa(train, (k, s, f, c) => {
      let g = groups.get(k);
      if (!g) groups.set(k, (g = { s: [], f: [], y: [] }));
      for (const r of [g, all]) {
        r.s.push(s);
        r.f.push(f);
        r.y.push(c);
      }
    });
    const fallback = fitPfaRows(all, { beta: 0, gamma: 0, rho: 0 }, 1e-6, steps);
    const perSkill = new Map<number, PfaParams>();
    for (const [k, rows] of groups) perSkill.set(k, fitPfaRows(rows, fallback, l2, steps));
    return new PfaModel(perSkill, fallback);
  }

  predict(seqs: readonly KtSequence[]): Float64Array {
    const out = new Float64Array(countInteractions(seqs));
    let i = 0;
    walkPfa(seqs, (k, s, f) => {
      const p = this.perSkill.get(k) ?? this.fallback;
      out[i++] = sigmoid(p.beta + p.gamma * s + p.rho * f);
    });
    return out;
  }
}
