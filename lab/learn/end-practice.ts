/**
 * `npm run learn:end -- [--learners 100] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]`
 *
 * Can the policy notice a starred skill that has slipped? The gap analysis (gap.ts) found that on
 * irt, dropping the flags of skills truly below mastery would meet the answers target. This asks
 * where that gain lies and whether anything the model can see gets it. It runs the shipped policy
 * and changes one thing: which mastered skill **end-of-course practice** asks (`practice`: every
 * skill flagged, nothing due; the policy asks one at level 3). Flags, reviews, levels and every
 * other choice stay the policy's own (policies.ts `LanternConfig.practice`).
 *
 * | order      | the flagged skill asked (none of the last two practised)                             |
 * | ---------- | ------------------------------------------------------------------------------------- |
 * | `shipped`  | the policy's own: the one whose predicted recall has fallen most                      |
 * | `truth`    | the one with the lowest true P(correct) at level 3 now (a cheat: what ordering is worth) |
 * | `oldest`   | the one whose last unaided right answer at level 3 is oldest (the model can see this) |
 * | `detector` | the one most likely truly below mastery, by a logistic regression on {@link FEATURES}  |
 *
 * The detector is fitted on the shipped policy's end-of-course states of the tuning runs (irt,
 * seed 1, the same learners), labelled with the hidden truth, then used unchanged everywhere: it
 * is the best this harness can build from what the model sees, and its AUC is reported on every
 * family and seed. Answers are compared per learner (same learners, same outcome streams): the
 * mean log ratio against `shipped`, with a 95 % interval, is far less noisy than a difference of
 * medians.
 */
import { mathsGraph } from '../../src/content/maths/index';
import type { EloModel } from '../../src/core/elo';
import { auc } from '../../src/core/kt-data';
import type { Attempt, SkillGraph, SkillId } from '../../src/core/types';
import { parseArgs } from './bench';
import type { FamilyName, SimLearner } from './families';
import { solve } from './forecast-fit';
import type { LanternConfig, PracticeOrder } from './policies';
import { pairedLogRatio, runLanternVariants, runPolicy, summarise, type PolicyMetrics } from './run';

export const ORDERS = ['shipped', 'truth', 'oldest', 'detector'] as const;
export type Order = (typeof ORDERS)[number];

const DAY = 86_400_000;
const TRUE_MASTERY = 0.8;
/** A state is recorded at every this many end-of-course choices (the rows stay a few hundred thousand). */
const RECORD_EVERY = 5;

/** What the model can see of one flagged skill, as numbers (the detector's inputs). */
export const FEATURES = [
  'mastery now (forgetting applied)',
  'mastery as last shown',
  'predicted recall',
  'stability (days)',
  'attempts',
  'right answers at level 3',
  'right answers in a row',
  'wrong answers in a row',
  'days since the last right answer at level 3',
  'log of the same',
  'the same over the stability',
  'days since the star was set',
  'last level-3 answer wrong',
  'lowest prerequisite mastery now',
  'mean prerequisite shortfall now',
  'ability θ',
] as const;

interface Track {
  readonly right3: Map<SkillId, number>;
  readonly wrong3: Map<SkillId, number>;
  readonly flagged: Map<SkillId, number>;
}

function features(model: EloModel, graph: SkillGraph, s: SkillId, t: number, tr: Track): number[] {
  const ev = model.evidence(s, t);
  const pre = graph.byId.get(s)?.prerequisites ?? [];
  const since3 = (t - (tr.right3.get(s) ?? 0)) / DAY;
  return [
    model.mastery(s, t),
    model.mastery(s),
    ev.recall ?? 1,
    model.stability(s) ?? 0,
    ev.attempts,
    model.hardestCorrect(s),
    model.rightRun(s),
    ev.wrongRun,
    since3,
    Math.log(0.01 + since3),
    since3 / (model.stability(s) ?? 1),
    (t - (tr.flagged.get(s) ?? t)) / DAY,
    (tr.wrong3.get(s) ?? 0) > (tr.right3.get(s) ?? 0) ? 1 : 0,
    Math.min(1, ...pre.map((q) => model.mastery(q, t))),
    pre.reduce((a, q) => a + 1 - model.mastery(q, t), 0) / Math.max(1, pre.length),
    model.theta(s),
  ];
}

/** A logistic regression over standardised features. */
export interface Detector {
  readonly mean: readonly number[];
  readonly sd: readonly number[];
  /** Intercept first. */
  readonly beta: readonly number[];
}

export interface Rows {
  readonly x: number[][];
  readonly y: number[];
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
const score = (d: Detector, x: readonly number[]): number =>
  x.reduce((a, v, j) => a + (d.beta[j + 1]! * (v - d.mean[j]!)) / d.sd[j]!, d.beta[0]!);

/** Logistic regression by Newton's method (iteratively reweighted least squares), a small ridge. */
export function fitDetector(rows: Rows, iterations = 12, ridge = 1e-3): Detector {
  const { x, y } = rows;
  if (x.length === 0) throw new Error('no end-of-course states to fit the detector on');
  const d = x[0]!.length;
  const mean = Array.from({ length: d }, (_, j) => x.reduce((a, r) => a + r[j]!, 0) / x.length);
  const sd = mean.map((m, j) => Math.sqrt(x.reduce((a, r) => a + (r[j]! - m) ** 2, 0) / x.length) || 1);
  const z = x.map((r) => [1, ...r.map((v, j) => (v - mean[j]!) / sd[j]!)]);
  let beta = new Array<number>(d + 1).fill(0);
  for (let it = 0; it < iterations; it++) {
    const h = Array.from({ length: d + 1 }, () => new Array<number>(d + 1).fill(0));
    const g = new Array<number>(d + 1).fill(0);
    for (let i = 0; i < z.length; i++) {
      const zi = z[i]!;
      const p = sigmoid(zi.reduce((a, v, j) => a + v * beta[j]!, 0));
      const w = Math.max(1e-9, p * (1 - p));
      for (let j = 0; j <= d; j++) {
        g[j]! += (y[i]! - p) * zi[j]!;
        for (let k = 0; k <= d; k++) h[j]![k]! += w * zi[j]! * zi[k]!;
      }
    }
    for (let j = 1; j <= d; j++) {
      h[j]![j]! += ridge * z.length;
      g[j]! -= ridge * z.length * beta[j]!;
    }
    const step = solve(h, g);
    beta = beta.map((b, j) => b + step[j]!);
  }
  return { mean, sd, beta };
}

/**
 * End-of-course asks made while some flagged skill was truly below mastery, and how many of them
 * went to such a skill.
 */
export interface Hits {
  asked: number;
  below: number;
}

/**
 * The practice order `order`. Records end-of-course states into `rows` and counts its asks in
 * `hits` when given.
 */
export function orderConfig(order: Order, detector?: Detector, rows?: Rows, hits?: Hits): LanternConfig {
  if (order === 'detector' && !detector) throw new Error('the detector order needs a fitted detector');
  const make = (learner: SimLearner, model: EloModel): PracticeOrder => {
    const graph = mathsGraph;
    const tr: Track = { right3: new Map(), wrong3: new Map(), flagged: new Map() };
    let choices = 0;
    const rank = (s: SkillId, t: number): number => {
      if (order === 'truth') return -learner.p(s, 3, t);
      if (order === 'oldest') return t - (tr.right3.get(s) ?? 0);
      return score(detector!, features(model, graph, s, t, tr));
    };
    return {
      pick(t, recent, chosen) {
        const flagged = graph.order.filter((s) => model.mastered(s));
        if (rows && choices++ % RECORD_EVERY === 0) {
          for (const s of flagged) {
            rows.x.push(features(model, graph, s, t, tr));
            rows.y.push(learner.p(s, 3, t) < TRUE_MASTERY ? 1 : 0);
          }
        }
        let best: SkillId | undefined;
        if (order !== 'shipped') {
          const skip = new Set(recent.slice(-2));
          let high = -Infinity;
          for (const s of flagged) {
            if (skip.has(s)) continue;
            const r = rank(s, t);
            if (r > high) {
              high = r;
              best = s;
            }
          }
        }
        if (hits && flagged.some((s) => learner.p(s, 3, t) < TRUE_MASTERY)) {
          hits.asked += 1;
          if (learner.p(best ?? chosen, 3, t) < TRUE_MASTERY) hits.below += 1;
        }
        return best;
      },
      observe(a: Attempt, flaggedNow: boolean) {
        if (flaggedNow) tr.flagged.set(a.skillId, a.timestamp);
        if (a.difficulty === 3) {
          if (a.correct && a.hintsUsed === 0) tr.right3.set(a.skillId, a.timestamp);
          else tr.wrong3.set(a.skillId, a.timestamp);
        }
      },
    };
  };
  return { practice: make };
}

export interface EndRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly order: Order;
  readonly metrics: PolicyMetrics;
  /** Against `shipped` on the same learners (0 for shipped itself). */
  readonly paired: { readonly mean: number; readonly half: number; readonly n: number };
  /** End-of-course asks, and how many went to a skill truly below mastery. */
  readonly hits: Hits;
}

export interface EndResult {
  readonly fixed: PolicyMetrics[];
  readonly rows: EndRow[];
  readonly detector: Detector;
  /** The detector's AUC on the shipped runs' end-of-course states, per family and seed (the tuning run first). */
  readonly auc: {
    readonly family: FamilyName;
    readonly seed: number;
    readonly states: number;
    /** The share of those states (flagged skills) truly below mastery. */
    readonly below: number;
    readonly auc: number;
  }[];
}

const runAll = (family: FamilyName, seed: number, learners: number, config: LanternConfig) =>
  runLanternVariants(family, mathsGraph, seed, learners, config);

export function runEnd(
  families: readonly FamilyName[],
  seeds: readonly number[],
  learners: number,
  orders: readonly Order[] = ORDERS,
): EndResult {
  // Fit on the tuning runs: irt, seed 1, the shipped policy's own end-of-course states.
  const train: Rows = { x: [], y: [] };
  runAll('irt', 1, learners, orderConfig('shipped', undefined, train));
  const detector = fitDetector(train);
  const fixed: PolicyMetrics[] = [];
  const rows: EndRow[] = [];
  const aucs: EndResult['auc'][number][] = [];
  for (const family of families) {
    for (const seed of seeds) {
      fixed.push(runPolicy(family, 'fixed', mathsGraph, seed, learners));
      const states: Rows = { x: [], y: [] };
      const shippedHits: Hits = { asked: 0, below: 0 };
      const shipped = runAll(family, seed, learners, orderConfig('shipped', undefined, states, shippedHits));
      aucs.push({
        family,
        seed,
        states: states.y.length,
        below: states.y.reduce((a, v) => a + v, 0) / Math.max(1, states.y.length),
        auc: auc(
          states.y,
          states.x.map((x) => score(detector, x)),
        ),
      });
      for (const order of orders) {
        const hits: Hits = order === 'shipped' ? shippedHits : { asked: 0, below: 0 };
        const rs =
          order === 'shipped'
            ? shipped
            : runAll(family, seed, learners, orderConfig(order, detector, undefined, hits));
        rows.push({
          hits,
          family,
          seed,
          order,
          metrics: summarise(family, seed, 'lantern-elo', rs),
          paired: pairedLogRatio(shipped, rs),
        });
      }
    }
  }
  return { fixed, rows, detector, auc: aucs };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const signed = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)} %`;

function main(argv: readonly string[]): void {
  const { learners, seeds, families, json } = parseArgs(['--learners', '100', ...argv]);
  const started = performance.now();
  const res = runEnd(families, seeds, learners);
  if (json) {
    console.log(JSON.stringify(res));
    return;
  }
  console.log(`detector fitted on irt seed 1, ${learners} learners; weights on standardised features:`);
  FEATURES.forEach((f, j) => console.log(`  ${f.padEnd(46)} ${res.detector.beta[j + 1]!.toFixed(2)}`));
  for (const f of res.fixed) {
    const a = res.auc.find((x) => x.family === f.family && x.seed === f.seed)!;
    console.log(
      `\n${f.family}, seed ${f.seed}, ${learners} learners: fixed ${f.medianToMastery ?? 'never'};` +
        ` detector AUC ${a.auc.toFixed(3)} on ${a.states} flagged skills at end-of-course choices,` +
        ` ${pct(a.below)} truly below`,
    );
    console.log(
      'order    | answers (× fixed)  | vs shipped, per learner | never | post@600 | +30 d  | asks while one is below: hit',
    );
    for (const r of res.rows.filter((x) => x.family === f.family && x.seed === f.seed)) {
      const m = r.metrics;
      const ratio =
        m.medianToMastery !== null && f.medianToMastery !== null
          ? m.medianToMastery / f.medianToMastery
          : null;
      const vs =
        r.order === 'shipped' ? '–' : `${signed(r.paired.mean)} ± ${(100 * r.paired.half).toFixed(1)}`;
      console.log(
        `${r.order.padEnd(8)} | ${String(m.medianToMastery ?? 'never').padStart(6)} (${ratio === null ? '  –  ' : ratio.toFixed(2)}×)` +
          `   | ${vs.padStart(23)} | ${String(m.never).padStart(5)} | ${pct(m.post600).padStart(8)} | ${pct(m.post30)} |` +
          ` ${pct(r.hits.below / Math.max(1, r.hits.asked))} of ${r.hits.asked}`,
      );
    }
  }
  console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1]?.endsWith('end-practice.ts')) main(process.argv.slice(2));
