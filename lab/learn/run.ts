/**
 * The run protocol and metrics of the learning bench (lab/learn/README.md).
 *
 * Time: one session a day of `ITEMS_PER_SESSION` (40) items, `ITEM_MS` (30 s) each ≈ 20 minutes,
 * starting at 16:00 UTC each day. A learner runs until every skill is truly mastered at the same
 * time (checked after each answer) and at least 600 answers were given, or 3,000 answers.
 */
import { seededRng } from '../../src/core/rng';
import type { Rng, SkillGraph, SkillId } from '../../src/core/types';
import { DAY_MS, createLearner, type FamilyName, type FamilyOverrides, type SimLearner } from './families';
import { lanternKtPolicy, loadKtRuntime, type AsyncPolicy, type KtTrace } from './kt-policy';
import {
  bkt95Policy,
  fixedPolicy,
  lanternEloPolicy,
  oraclePolicy,
  randomPolicy,
  type LanternConfig,
  type LanternTrace,
  type Policy,
  type PolicyName,
} from './policies';

export const ITEMS_PER_SESSION = 40;
export const ITEM_MS = 30_000;
export const MAX_ANSWERS = 3000;
export const POST_TEST_AT = 600;
export const RETENTION_DAYS = 30;
export const BAND: readonly [number, number] = [0.7, 0.85];
export const START = Date.UTC(2026, 0, 5, 16);

export interface LearnerResult {
  /** Answers until every skill was truly mastered at once; null = never within 3,000. */
  readonly toMastery: number | null;
  readonly post600: number;
  readonly post30: number;
  readonly mastered600: number;
  readonly served: number;
  readonly inBand: number;
  /** Served items whose true P(correct) was above the band (too easy). */
  readonly aboveBand: number;
  /** Calibration of the policy's own predictions: per tenth of [0, 1], [count, Σ predicted, Σ correct]. */
  readonly calibration: readonly (readonly [number, number, number])[];
  /** How often each selection reason was given (lantern policies). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** Expected calibration error over 10 equal-width bins from summed bins. */
export function ece(bins: readonly (readonly [number, number, number])[]): number | null {
  const total = bins.reduce((a, b) => a + b[0], 0);
  if (total === 0) return null;
  return bins.reduce((a, [n, p, y]) => a + (n === 0 ? 0 : (n / total) * Math.abs(p / n - y / n)), 0);
}

/** Mean true P(correct) over every skill at every level (1, 2, 3) at time t. */
export function postTest(learner: SimLearner, graph: SkillGraph, t: number): number {
  let sum = 0;
  for (const id of graph.order) for (const level of [1, 2, 3] as const) sum += learner.p(id, level, t);
  return sum / (graph.order.length * 3);
}

function masteredCount(learner: SimLearner, graph: SkillGraph, t: number): number {
  let n = 0;
  for (const id of graph.order) if (learner.mastered(id, t)) n++;
  return n;
}

/** Time the i-th item (0-based) is shown. */
export function itemTime(i: number): number {
  return START + Math.floor(i / ITEMS_PER_SESSION) * DAY_MS + (i % ITEMS_PER_SESSION) * ITEM_MS;
}

/** 32-bit mix of a few integers (seeds for learners, outcomes and policies). */
export function mix(...xs: number[]): number {
  let h = 0x811c9dc5;
  for (const x of xs) {
    h = Math.imul(h ^ (x >>> 0), 0x01000193);
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d);
    h ^= h >>> 12;
  }
  return h >>> 0;
}

export function makePolicy(
  name: PolicyName,
  graph: SkillGraph,
  learner: SimLearner,
  rng: Rng,
  trace?: LanternTrace,
): Policy {
  switch (name) {
    case 'fixed':
      return fixedPolicy(graph);
    case 'bkt95':
      return bkt95Policy(graph);
    case 'random':
      return randomPolicy(graph, rng);
    case 'oracle':
      return oraclePolicy(graph, learner);
    case 'lantern-elo':
      return lanternEloPolicy(graph, rng, ITEM_MS, trace);
    case 'lantern-kt':
    case 'lantern-kt-raw':
      throw new Error(`${name} is asynchronous (the network path): use runLearnerAsync`);
  }
}

/** What `runLearnerAsync` takes besides the learner: a trace, and the families' parameter overrides. */
export interface RunOptions {
  readonly trace?: KtTrace & { readonly served: SkillId[] };
  /** Parameter overrides of the simulator families (the sweep); none = the defaults. */
  readonly params?: FamilyOverrides;
}

/** The learner (hidden traits from (family, seed, index)), its outcome stream and the policy's rng. */
function setup(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  params?: FamilyOverrides,
): { learner: SimLearner; outcomes: Rng; policyRng: Rng } {
  return {
    learner: createLearner(family, graph, seededRng(mix(seed, index, 1)), START, params),
    outcomes: seededRng(mix(seed, index, 2)),
    policyRng: seededRng(mix(seed, index, 3)),
  };
}

/**
 * The run protocol, one answer per step. It yields once after each answer: what the policy's
 * `observe` returned (a promise for the network's policy, whose next table is computed
 * asynchronously; undefined for every other one). `runLearner` drives it synchronously,
 * `runLearnerAsync` awaits each promise before the next step.
 */
function* learnerRun(
  learner: SimLearner,
  policy: Policy,
  graph: SkillGraph,
  outcomes: Rng,
  trace?: { readonly served: SkillId[] },
): Generator<Promise<void> | undefined, LearnerResult, undefined> {
  let toMastery: number | null = null;
  let post600 = NaN;
  let post30 = NaN;
  let mastered600 = NaN;
  let inBand = 0;
  let aboveBand = 0;
  const calibration: [number, number, number][] = Array.from({ length: 10 }, () => [0, 0, 0]);
  const reasons: Record<string, number> = {};
  let i = 0;
  for (; i < MAX_ANSWERS; i++) {
    const t = itemTime(i);
    const choice = policy.choose(t);
    trace?.served.push(choice.skill);
    const p = learner.p(choice.skill, choice.level, t);
    if (p >= BAND[0] && p <= BAND[1]) inBand++;
    else if (p > BAND[1]) aboveBand++;
    const tAnswer = t + ITEM_MS;
    const correct = learner.answer(choice.skill, choice.level, tAnswer, outcomes);
    const predicted = policy.predicted?.();
    if (predicted !== undefined) {
      const bin = calibration[Math.min(9, Math.floor(predicted * 10))]!;
      bin[0] += 1;
      bin[1] += predicted;
      bin[2] += correct ? 1 : 0;
    }
    const reason = policy.reason?.();
    if (reason !== undefined) reasons[reason] = (reasons[reason] ?? 0) + 1;
    yield policy.observe(choice, correct, tAnswer) ?? undefined;
    const answers = i + 1;
    if (answers === POST_TEST_AT) {
      post600 = postTest(learner, graph, tAnswer);
      post30 = postTest(learner, graph, tAnswer + RETENTION_DAYS * DAY_MS);
      mastered600 = masteredCount(learner, graph, tAnswer) / graph.order.length;
    }
    if (toMastery === null && masteredCount(learner, graph, tAnswer) === graph.order.length) {
      toMastery = answers;
    }
    if (toMastery !== null && answers >= POST_TEST_AT) {
      i++;
      break;
    }
  }
  return { toMastery, post600, post30, mastered600, served: i, inBand, aboveBand, calibration, reasons };
}

/** Policies that must run with `runLearnerAsync` (the network's path). */
export const ASYNC_POLICIES: readonly PolicyName[] = ['lantern-kt', 'lantern-kt-raw'];

/**
 * One learner under one (synchronous) policy. The learner's hidden traits depend only on
 * (family, seed, index) and the parameters, and outcomes are drawn from their own stream, so
 * policies are compared on the same learners.
 */
export function runLearner(
  family: FamilyName,
  policyName: PolicyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  trace?: LanternTrace & { readonly served: SkillId[] },
  params?: FamilyOverrides,
): LearnerResult {
  const { learner, outcomes, policyRng } = setup(family, graph, seed, index, params);
  const policy = makePolicy(policyName, graph, learner, policyRng, trace);
  const run = learnerRun(learner, policy, graph, outcomes, trace);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    if (step.value !== undefined) throw new Error(`${policyName} is asynchronous: use runLearnerAsync`);
  }
}

/**
 * One learner under any policy made from its hidden truth and the policy's rng (the bench's
 * protocol, learners and streams): the reference policies of reach.ts, the Elo variants below.
 */
export function runWithPolicy(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  make: (learner: SimLearner, rng: Rng) => Policy,
): LearnerResult {
  const { learner, outcomes, policyRng } = setup(family, graph, seed, index);
  const run = learnerRun(learner, make(learner, policyRng), graph, outcomes);
  for (;;) {
    const step = run.next();
    if (step.done) return step.value;
    if (step.value !== undefined) throw new Error('an asynchronous policy: use runLearnerAsync');
  }
}

/**
 * One learner under a variant of the shipped Elo policy (`LanternConfig`; the empty config gives
 * exactly `runLearner(…, 'lantern-elo', …)`), from the same setup: the policy search.
 */
export function runLanternVariant(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  config: LanternConfig,
): LearnerResult {
  return runWithPolicy(family, graph, seed, index, (learner, rng) =>
    lanternEloPolicy(graph, rng, ITEM_MS, undefined, config, learner),
  );
}

/** The same variant on learners 0 … `learners` − 1 of one family and seed. */
export function runLanternVariants(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  learners: number,
  config: LanternConfig,
): LearnerResult[] {
  return Array.from({ length: learners }, (_, i) => runLanternVariant(family, graph, seed, i, config));
}

/** The network's policy on one learner, from the same setup as `runLearner`. */
async function makeAsyncPolicy(
  policyName: PolicyName,
  graph: SkillGraph,
  policyRng: Rng,
  trace?: KtTrace,
): Promise<AsyncPolicy> {
  if (!ASYNC_POLICIES.includes(policyName)) throw new Error(`${policyName} is synchronous: use runLearner`);
  return lanternKtPolicy(
    graph,
    policyRng,
    ITEM_MS,
    await loadKtRuntime(),
    trace,
    policyName === 'lantern-kt',
  );
}

/** One learner under `lantern-kt` (the same protocol, learners and streams as `runLearner`). */
export async function runLearnerAsync(
  family: FamilyName,
  policyName: PolicyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  options: RunOptions = {},
): Promise<LearnerResult> {
  const { learner, outcomes, policyRng } = setup(family, graph, seed, index, options.params);
  const policy = await makeAsyncPolicy(policyName, graph, policyRng, options.trace);
  try {
    const run = learnerRun(learner, policy, graph, outcomes, options.trace);
    for (;;) {
      const step = run.next();
      if (step.done) return step.value;
      await step.value;
    }
  } finally {
    await policy.dispose();
  }
}

/**
 * The first `answers` answers of one learner under `lantern-kt`, then stop (a probe for tests:
 * the protocol is unchanged, the run is simply not finished). Returns the answers given.
 */
export async function probeLearnerAsync(
  family: FamilyName,
  policyName: PolicyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  answers: number,
  trace: KtTrace & { readonly served: SkillId[] },
): Promise<number> {
  const { learner, outcomes, policyRng } = setup(family, graph, seed, index);
  const policy = await makeAsyncPolicy(policyName, graph, policyRng, trace);
  try {
    const run = learnerRun(learner, policy, graph, outcomes, trace);
    let given = 0;
    while (given < answers) {
      const step = run.next();
      if (step.done) break;
      await step.value;
      given++;
    }
    return given;
  } finally {
    await policy.dispose();
  }
}

export interface PolicyMetrics {
  readonly family: FamilyName;
  readonly seed: number;
  readonly policy: PolicyName;
  readonly learners: number;
  /** Median / quartiles of answers to full mastery; "never" counts as +∞ (null when ∞). */
  readonly medianToMastery: number | null;
  readonly q25ToMastery: number | null;
  readonly q75ToMastery: number | null;
  readonly never: number;
  readonly post600: number;
  readonly post30: number;
  readonly mastered600: number;
  readonly inBandShare: number;
  /** Share of served items with true P(correct) above 0.85 (a diagnostic of too-easy items). */
  readonly aboveBandShare: number;
  /** Expected calibration error (10 bins) of the policy's own predictions; null if it makes none. */
  readonly ece: number | null;
  /** Share of served items per selection reason (lantern policies). */
  readonly reasons: Readonly<Record<string, number>>;
}

/** Quantile (linear interpolation) of sorted values; null if it falls on or next to +∞. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const v = sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
  return Number.isFinite(v) ? v : null;
}

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export function summarise(
  family: FamilyName,
  seed: number,
  policy: PolicyName,
  rs: readonly LearnerResult[],
): PolicyMetrics {
  const steps = rs.map((r) => r.toMastery ?? Infinity).sort((a, b) => a - b);
  const served = rs.reduce((a, r) => a + r.served, 0);
  return {
    family,
    seed,
    policy,
    learners: rs.length,
    medianToMastery: quantile(steps, 0.5),
    q25ToMastery: quantile(steps, 0.25),
    q75ToMastery: quantile(steps, 0.75),
    never: rs.filter((r) => r.toMastery === null).length,
    post600: mean(rs.map((r) => r.post600)),
    post30: mean(rs.map((r) => r.post30)),
    mastered600: mean(rs.map((r) => r.mastered600)),
    inBandShare: rs.reduce((a, r) => a + r.inBand, 0) / served,
    aboveBandShare: rs.reduce((a, r) => a + r.aboveBand, 0) / served,
    ece: ece(
      Array.from({ length: 10 }, (_, b): [number, number, number] => [
        rs.reduce((a, r) => a + r.calibration[b]![0], 0),
        rs.reduce((a, r) => a + r.calibration[b]![1], 0),
        rs.reduce((a, r) => a + r.calibration[b]![2], 0),
      ]),
    ),
    reasons: (() => {
      const out: Record<string, number> = {};
      for (const r of rs) for (const [k, v] of Object.entries(r.reasons)) out[k] = (out[k] ?? 0) + v / served;
      return out;
    })(),
  };
}

/** A synchronous policy on learners 0 … learners − 1 of one family and seed: the bench's figures. */
export function runPolicy(
  family: FamilyName,
  policy: PolicyName,
  graph: SkillGraph,
  seed: number,
  learners: number,
): PolicyMetrics {
  const rs = Array.from({ length: learners }, (_, i) => runLearner(family, policy, graph, seed, i));
  return summarise(family, seed, policy, rs);
}

/** Median answers to mastery against the fixed sequence's on the same learners (null if either is "never"). */
export function ratioToFixed(m: PolicyMetrics, fixed: PolicyMetrics): number | null {
  return m.medianToMastery !== null && fixed.medianToMastery !== null
    ? m.medianToMastery / fixed.medianToMastery
    : null;
}

/** Mean log ratio of answers to mastery (b against a) on learners who finish under both, ± 95 %. */
export function pairedLogRatio(
  a: readonly LearnerResult[],
  b: readonly LearnerResult[],
): { mean: number; half: number; n: number } {
  const lr: number[] = [];
  a.forEach((r, i) => {
    const s = b[i]?.toMastery;
    if (r.toMastery !== null && s !== null && s !== undefined) lr.push(Math.log(s / r.toMastery));
  });
  const n = lr.length;
  const mean = lr.reduce((x, v) => x + v, 0) / Math.max(1, n);
  const sd = Math.sqrt(lr.reduce((x, v) => x + (v - mean) ** 2, 0) / Math.max(1, n - 1));
  return { mean, half: n > 1 ? (1.96 * sd) / Math.sqrt(n) : NaN, n };
}

/** Every policy on `learners` learners of one family and seed (the defaults unless `params`). */
export async function runBench(
  family: FamilyName,
  seed: number,
  learners: number,
  graph: SkillGraph,
  policies: readonly PolicyName[],
  params?: FamilyOverrides,
): Promise<PolicyMetrics[]> {
  const out: PolicyMetrics[] = [];
  for (const policy of policies) {
    const rs: LearnerResult[] = [];
    for (let i = 0; i < learners; i++) {
      rs.push(
        ASYNC_POLICIES.includes(policy)
          ? await runLearnerAsync(family, policy, graph, seed, i, { params })
          : runLearner(family, policy, graph, seed, i, undefined, params),
      );
    }
    out.push(summarise(family, seed, policy, rs));
  }
  return out;
}
