/**
 * `npm run learn:reach -- [--learners 100] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]`
 *
 * Which of issue 10's targets can any policy reach in these simulators? Two references that see
 * the hidden state, run under the bench's protocol on the same learners and outcome streams
 * (run.ts), against the fixed sequence:
 *
 * - `oracle`: the bench's oracle (policies.ts): all its answers go to new learning at the
 *   desirable difficulty (true P(correct) closest to 0.7), no review.
 * - the oracle with **reviews for the 30-day test**: before the post-test, every k-th item
 *   (`weakest 1/k`, `gain 1/k`) or each of the last L items (`gain, last L`) reviews a truly
 *   mastered skill at level 3 instead. `weakest` reviews the skill whose true P(correct) 30 days
 *   later is lowest; `gain` the one whose review raises the 30-day post-test most in expectation
 *   (a one-step lookahead on a copy of the hidden state, `SimLearner.clone`). They know when the
 *   tests are, which no policy that ships can: review spent for the 30-day test at the cost of
 *   new skills, as well as the hidden state allows.
 *
 * A target no reference reaches is not shown to be unreachable (they are greedy, not optimal),
 * but a target the hidden state itself does not reach is one the app's policy cannot be asked
 * to meet by a better estimate of that state.
 */
import { mathsGraph } from '../../src/content/maths/index';
import type { SkillGraph, SkillId } from '../../src/core/types';
import { meetsTargets, parseArgs } from './bench';
import { DAY_MS, type FamilyName, type SimLearner } from './families';
import { oraclePolicy, type Policy } from './policies';
import {
  ITEM_MS,
  itemTime,
  POST_TEST_AT,
  postTest,
  ratioToFixed,
  RETENTION_DAYS,
  runPolicy,
  runWithPolicy,
  summarise,
  type PolicyMetrics,
} from './run';

/**
 * Which truly mastered skill a review goes to: `weakest`, the one whose true P(correct) at level 3
 * 30 days later is lowest; `gain`, the one whose review raises the 30-day post-test most in
 * expectation (a one-step lookahead on a copy of the hidden state, right and wrong weighted by
 * the true P(correct)).
 */
export type ReviewRule = 'weakest' | 'gain';
export const REVIEW_RULES: readonly ReviewRule[] = ['weakest', 'gain'];

/** When the 30-day test is taken (the 600th answer, then 30 days). */
const TEST30 = itemTime(POST_TEST_AT - 1) + ITEM_MS + RETENTION_DAYS * DAY_MS;
const RIGHT = (): number => 0;
const WRONG = (): number => 1 - Number.EPSILON;

function reviewPick(
  graph: SkillGraph,
  learner: SimLearner,
  t: number,
  rule: ReviewRule,
): SkillId | undefined {
  let pick: SkillId | undefined;
  let best = -Infinity;
  const ta = t + ITEM_MS;
  const base = rule === 'gain' ? postTest(learner, graph, TEST30) : 0;
  for (const id of graph.order) {
    if (!learner.mastered(id, t)) continue;
    let value: number;
    if (rule === 'weakest') value = -learner.p(id, 3, t + RETENTION_DAYS * DAY_MS);
    else {
      const pc = learner.p(id, 3, ta);
      const right = learner.clone!();
      right.answer(id, 3, ta, RIGHT);
      const wrong = learner.clone!();
      wrong.answer(id, 3, ta, WRONG);
      value = pc * postTest(right, graph, TEST30) + (1 - pc) * postTest(wrong, graph, TEST30) - base;
    }
    if (value > best) {
      best = value;
      pick = id;
    }
  }
  return pick;
}

/**
 * A reference: which items before the post-test are reviews (`every` k-th item, or each of the
 * `last` items before it; neither: the plain oracle), and which skill a review goes to.
 */
export interface Reference {
  readonly every?: number;
  readonly last?: number;
  readonly rule: ReviewRule;
}

/** The references `learn:reach` runs, in order. */
export const REFERENCES: readonly Reference[] = [
  { rule: 'weakest' },
  ...[2, 3, 4, 6, 10].map((every) => ({ every, rule: 'weakest' as const })),
  ...[2, 4].map((every) => ({ every, rule: 'gain' as const })),
  ...[40, 80].map((last) => ({ last, rule: 'gain' as const })),
];

export function referenceName(r: Reference): string {
  if (r.every !== undefined) return `${r.rule} 1/${r.every}`;
  if (r.last !== undefined) return `${r.rule}, last ${r.last}`;
  return 'oracle';
}

const isReview = (r: Reference, answered: number): boolean =>
  answered < POST_TEST_AT &&
  ((r.every !== undefined && r.every > 0 && answered % r.every === r.every - 1) ||
    (r.last !== undefined && answered >= POST_TEST_AT - r.last));

/** The oracle, with some items before the post-test spent on a review for the 30-day test. */
export function oracleReviewPolicy(graph: SkillGraph, learner: SimLearner, reference: Reference): Policy {
  const oracle = oraclePolicy(graph, learner);
  const rule = reference.rule;
  let answered = 0;
  return {
    name: 'oracle',
    choose(t) {
      if (isReview(reference, answered)) {
        const skill = reviewPick(graph, learner, t, rule);
        if (skill !== undefined) return { skill, level: 3 };
      }
      return oracle.choose(t);
    },
    observe() {
      answered++;
    },
  };
}

export interface ReachRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly reference: Reference;
  readonly metrics: PolicyMetrics;
  /** Answers to mastery against the fixed sequence (null if either is "never"). */
  readonly ratio: number | null;
  /** The targets against the fixed sequence on the same learners. */
  readonly targets: {
    readonly answers: boolean;
    readonly post600: boolean;
    readonly post30: boolean;
    readonly never: boolean;
  };
}

/** The targets for `m` against the fixed sequence `f` (bench.ts `meetsTargets`), per reference row. */
export function targetsMet(m: PolicyMetrics, f: PolicyMetrics): ReachRow['targets'] {
  const met = meetsTargets(m, f);
  return { answers: met.answers, post600: met.post, post30: met.retention, never: met.never };
}

export function runReach(
  families: readonly FamilyName[],
  seeds: readonly number[],
  learners: number,
  references: readonly Reference[] = REFERENCES,
  graph: SkillGraph = mathsGraph,
): { fixed: PolicyMetrics[]; rows: ReachRow[] } {
  const fixed: PolicyMetrics[] = [];
  const rows: ReachRow[] = [];
  for (const family of families) {
    for (const seed of seeds) {
      const f = runPolicy(family, 'fixed', graph, seed, learners);
      fixed.push(f);
      for (const reference of references) {
        const rs = Array.from({ length: learners }, (_, i) =>
          runWithPolicy(family, graph, seed, i, (learner) => oracleReviewPolicy(graph, learner, reference)),
        );
        const metrics = summarise(family, seed, 'oracle', rs);
        rows.push({
          family,
          seed,
          reference,
          metrics,
          ratio: ratioToFixed(metrics, f),
          targets: targetsMet(metrics, f),
        });
      }
    }
  }
  return { fixed, rows };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
const mark = (ok: boolean): string => (ok ? 'met' : 'NOT');

function main(argv: readonly string[]): void {
  const other = argv.find((a) => a === '--policies' || a === '--sweep');
  if (other) {
    throw new Error(`${other} is a learn:bench option; learn:reach runs the hidden-state references`);
  }
  const { learners, seeds, families, json } = parseArgs(['--learners', '100', ...argv]);
  const { fixed, rows } = runReach(families, seeds, learners);
  if (json) {
    for (const r of rows) {
      console.log(
        JSON.stringify({
          ...r.metrics,
          reference: referenceName(r.reference),
          ratioToFixed: r.ratio,
          targets: r.targets,
        }),
      );
    }
    return;
  }
  for (const f of fixed) {
    console.log(
      `\n${f.family}, seed ${f.seed}, ${learners} learners: fixed ${f.medianToMastery ?? 'never'} (never ${f.never}),` +
        ` post@600 ${pct(f.post600)}, +30 d ${pct(f.post30)}`,
    );
    console.log(
      'reference            | answers (× fixed) | never | post@600 (Δ)     | +30 d (Δ)        | ≤0.7× +5 +8 never',
    );
    for (const r of rows.filter((x) => x.family === f.family && x.seed === f.seed)) {
      const m = r.metrics;
      const name = referenceName(r.reference);
      const t = r.targets;
      console.log(
        `${name.padEnd(20)} | ${String(m.medianToMastery ?? 'never').padStart(6)} (${r.ratio === null ? '  –  ' : r.ratio.toFixed(2)}×)` +
          ` | ${String(m.never).padStart(5)} | ${pct(m.post600).padStart(7)} (${pts(m.post600 - f.post600)})` +
          ` | ${pct(m.post30).padStart(7)} (${pts(m.post30 - f.post30)}) | ${[t.answers, t.post600, t.post30, t.never].map(mark).join(' ')}`,
      );
    }
  }
}

if (process.argv[1]?.endsWith('reach.ts')) main(process.argv.slice(2));
