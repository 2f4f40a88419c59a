/**
 * `npm run learn:flags -- [--learners 100] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]`
 *
 * How good is the mastered flag, and what is the policy doing once every skill carries one? The
 * gap analysis (gap.ts) prices a perfect flag; this measures the shipped one against the hidden
 * truth, without changing a single choice (an observer: policies.ts `PracticeOrder` without
 * `pick`, so the run is the shipped policy's, learner for learner).
 *
 * **The first star on each skill** (the model's flag set for the first time), by the rule that
 * set it (elo.ts): `level`, predicted mastery ≥ `masteryOn` once the skill has a right answer at
 * level 3 (this one or an earlier one); `run`, a run of right answers ending at level 3 from
 * `masteryOff` up.
 * - `premature`: the skill is truly below mastery (true P(level 3) < 0.8) right after the answer
 *   that set the star;
 * - `lag`: answers on the skill up to and including the one that set its first star, at moments
 *   it was already truly mastered (read before each answer): what a star set exactly at true
 *   mastery would have saved;
 * - `before`: all answers on the skill up to and including the one that set its first star.
 *
 * **End-of-course practice** (`practice`: every skill flagged, nothing due): at each such choice,
 * how many skills are truly below mastery, their true P(level 3), and how often the skill asked is
 * one of them (`hit`).
 */
import { mathsGraph } from '../../src/content/maths/index';
import { DEFAULT_ELO_PARAMS, type EloModel } from '../../src/core/elo';
import type { SkillGraph, SkillId } from '../../src/core/types';
import { parseArgs } from './bench';
import { TRUE_MASTERY, type FamilyName, type SimLearner } from './families';
import type { LanternConfig, PracticeOrder } from './policies';
import { quantile, runLanternVariants, type LearnerResult } from './run';

export const RULES = ['level', 'run'] as const;
export type Rule = (typeof RULES)[number];

/** Sums over the first stars set by one rule. */
export interface StarTally {
  stars: number;
  premature: number;
  /** Σ true P(level 3) right after the star. */
  trueP3: number;
  lag: number;
  before: number;
}

export interface FlagRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly learners: number;
  readonly first: Readonly<Record<Rule, StarTally>>;
  /** Stars set again after the model had cleared one, and how many of those were premature. */
  readonly again: { readonly stars: number; readonly premature: number };
  readonly practice: {
    readonly asks: number;
    /** Σ over asks of the skills truly below mastery at that moment. */
    readonly below: number;
    /** Asks at which no skill was below mastery. */
    readonly none: number;
    /** Asks on a skill truly below mastery. */
    readonly hits: number;
    /** True P(level 3) of the skills below mastery at those asks: 10th, 50th, 90th percentile. */
    readonly belowP3: readonly [number | null, number | null, number | null];
  };
}

const tally = (): StarTally => ({ stars: 0, premature: 0, trueP3: 0, lag: 0, before: 0 });

/** What the watchers of one run add up (`runFlags` turns it into a {@link FlagRow}). */
export interface FlagTotals {
  readonly first: Record<Rule, StarTally>;
  readonly again: { stars: number; premature: number };
  readonly practice: { asks: number; below: number; none: number; hits: number };
  readonly belowP3: number[];
}

export function emptyTotals(): FlagTotals {
  return {
    first: { level: tally(), run: tally() },
    again: { stars: 0, premature: 0 },
    practice: { asks: 0, below: 0, none: 0, hits: 0 },
    belowP3: [],
  };
}

/**
 * One learner's watcher: reads the truth at each choice (before the answer) and at each answer
 * the model took (after it), and adds to `totals`. `masteryOn` is the model's, to tell the rules
 * apart.
 */
export function watchFlags(
  learner: Pick<SimLearner, 'mastered' | 'p'>,
  model: Pick<EloModel, 'mastery'>,
  graph: SkillGraph,
  totals: FlagTotals,
  masteryOn: number = DEFAULT_ELO_PARAMS.masteryOn,
): PracticeOrder {
  const starred = new Set<SkillId>();
  const lag = new Map<SkillId, number>();
  const before = new Map<SkillId, number>();
  let truthBefore = false;
  const p = totals.practice;
  return {
    chose(sel, t) {
      truthBefore = learner.mastered(sel.skillId, t);
      if (sel.reason !== 'practice') return;
      p.asks++;
      let below = 0;
      for (const id of graph.order) {
        if (learner.mastered(id, t)) continue;
        below++;
        totals.belowP3.push(learner.p(id, 3, t));
      }
      p.below += below;
      if (below === 0) p.none++;
      if (!truthBefore) p.hits++;
    },
    observe(a, flagged) {
      const s = a.skillId;
      if (!starred.has(s)) {
        before.set(s, (before.get(s) ?? 0) + 1);
        if (truthBefore) lag.set(s, (lag.get(s) ?? 0) + 1);
      }
      if (!flagged) return;
      const premature = !learner.mastered(s, a.timestamp);
      if (starred.has(s)) {
        totals.again.stars++;
        if (premature) totals.again.premature++;
        return;
      }
      starred.add(s);
      const x = totals.first[model.mastery(s) >= masteryOn ? 'level' : 'run'];
      x.stars++;
      if (premature) x.premature++;
      x.trueP3 += learner.p(s, 3, a.timestamp);
      x.lag += lag.get(s) ?? 0;
      x.before += before.get(s) ?? 0;
    },
  };
}

/** Watches the shipped policy on learners 0 … n − 1 of one family and seed. */
export function runFlags(
  family: FamilyName,
  seed: number,
  learners: number,
): { row: FlagRow; results: LearnerResult[] } {
  const totals = emptyTotals();
  const config: LanternConfig = {
    practice: (learner, model) => watchFlags(learner, model, mathsGraph, totals),
  };
  const results = runLanternVariants(family, mathsGraph, seed, learners, config);
  const sorted = [...totals.belowP3].sort((a, b) => a - b);
  const q = (x: number): number | null => quantile(sorted, x);
  const { first, again, practice } = totals;
  return {
    row: {
      family,
      seed,
      learners,
      first,
      again,
      practice: { ...practice, belowP3: [q(0.1), q(0.5), q(0.9)] },
    },
    results,
  };
}

const pct = (a: number, b: number): string => (b === 0 ? '–' : `${((100 * a) / b).toFixed(1)} %`);
const per = (a: number, b: number, d = 1): string => (b === 0 ? '–' : (a / b).toFixed(d));

/** The printed table of one row (also what the test reads). */
export function formatFlags(r: FlagRow): string {
  const lines = [
    `${r.family}, seed ${r.seed}, ${r.learners} learners (true mastery: P(level 3) ≥ ${TRUE_MASTERY})`,
  ];
  lines.push('first star | per learner | premature | true P(L3) after | lag answers | answers before');
  const all = tally();
  for (const rule of RULES) {
    const x = r.first[rule];
    for (const k of Object.keys(all) as (keyof StarTally)[]) all[k] += x[k];
  }
  for (const [name, x] of [...RULES.map((k) => [k, r.first[k]] as const), ['all', all] as const]) {
    lines.push(
      `${name.padEnd(10)} | ${per(x.stars, r.learners).padStart(11)} | ${pct(x.premature, x.stars).padStart(9)} |` +
        ` ${per(x.trueP3, x.stars, 3).padStart(16)} | ${per(x.lag, x.stars, 2).padStart(11)} | ${per(x.before, x.stars).padStart(14)}`,
    );
  }
  lines.push(
    `stars set again after a clear: ${per(r.again.stars, r.learners)} per learner, ${pct(r.again.premature, r.again.stars)} premature`,
  );
  const p = r.practice;
  const [q10, q50, q90] = p.belowP3.map((x) => (x === null ? '–' : x.toFixed(3)));
  lines.push(
    `end-of-course practice: ${per(p.asks, r.learners)} asks per learner; skills truly below mastery at an ask` +
      ` ${per(p.below, p.asks, 2)} (none at ${pct(p.none, p.asks)} of asks), their true P(L3) ${q10} / ${q50} / ${q90}` +
      ` (10th / 50th / 90th); asked one of them at ${pct(p.hits, p.asks)} of asks` +
      ` (${pct(p.hits, p.asks - p.none)} of those with one below, learn:end's "hit")`,
  );
  return lines.join('\n');
}

function main(argv: readonly string[]): void {
  const { learners, seeds, families, json } = parseArgs(['--learners', '100', ...argv]);
  const started = performance.now();
  for (const family of families) {
    for (const seed of seeds) {
      const { row } = runFlags(family, seed, learners);
      console.log(json ? JSON.stringify(row) : `\n${formatFlags(row)}`);
    }
  }
  if (!json) console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1]?.endsWith('flags.ts')) main(process.argv.slice(2));
