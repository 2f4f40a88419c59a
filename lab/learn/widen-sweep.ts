/**
 * `npx tsx lab/learn/widen-sweep.ts [--family irt|memory|all] [--learners 200] [--seed 1] [--goal] [--json]`
 *
 * Which rule should the learner's own record follow (src/core/forecast.ts `learnerWidening`)?
 * The forecasts of `npm run learn:forecast` (same learners, checkpoints and calibration) are made
 * once; each case keeps its calibrated range and the learner's past forecasts (`OwnRecord`), and
 * every rule of `RULES` is then applied to the same cases: the factor it gives, the range widened
 * by it, and the metrics of forecast-eval (answers only: the days follow the shipped factor).
 * "none" is no widening (`--no-widen`); "shipped" is `WIDENING_RULE`, and on it the sweep gives
 * the eval's own figures.
 */
import { parseArgs } from 'node:util';
import {
  FORECAST_CALIBRATION,
  learnerWidening,
  PRIOR_HELD,
  widenedBy,
  WIDENING_RULE,
  WIDENINGS,
  type WideningRule,
} from '../../src/core/forecast';
import { FAMILIES, type FamilyName } from './families';
import { goalCases, metrics, runCases, type ForecastCase, type ForecastMetrics } from './forecast-eval';

/** The prior held at a flat 80 % whatever the factor (the rule until 2026-12-05). */
const FLAT = WIDENINGS.map(() => 0.8);

/** The rules compared (docs/learning.md, "Outcome prediction"). */
export const RULES: readonly { readonly name: string; readonly rule: WideningRule | null }[] = [
  { name: 'none', rule: null },
  { name: 'shipped', rule: WIDENING_RULE },
  { name: 'flat prior, target 0.72 (until 2026-12-05)', rule: { target: 0.72, prior: 10, priorHeld: FLAT } },
  { name: 'flat prior, target 0.75', rule: { target: 0.75, prior: 10, priorHeld: FLAT } },
  { name: 'growing prior, target 0.75', rule: { target: 0.75, prior: 10, priorHeld: PRIOR_HELD } },
  { name: 'growing prior, target 0.78', rule: { target: 0.78, prior: 10, priorHeld: PRIOR_HELD } },
  { name: 'growing prior, weight 3', rule: { target: 0.8, prior: 3, priorHeld: PRIOR_HELD } },
  { name: 'growing prior, weight 5', rule: { target: 0.8, prior: 5, priorHeld: PRIOR_HELD } },
  { name: 'growing prior, weight 20', rule: { target: 0.8, prior: 20, priorHeld: PRIOR_HELD } },
];

/** The cases re-widened by `rule` (null: the calibrated range as it is). */
export function rewiden(cases: readonly ForecastCase[], rule: WideningRule | null): ForecastCase[] {
  return cases.map((c) => {
    if (!c.record) throw new Error('a case without its own record (run with widening on)');
    const { calibrated, maxAnswers, past } = c.record;
    const factor = rule === null ? 1 : learnerWidening(past, undefined, rule);
    return { ...c, ...widenedBy({ ...calibrated, maxAnswers }, factor) };
  });
}

export function sweep(
  family: FamilyName,
  learners: number,
  seed: number,
  goal: boolean,
): { name: string; metrics: ForecastMetrics }[] {
  const cases = goal
    ? goalCases(family, learners, seed)
    : runCases(family, learners, seed, FORECAST_CALIBRATION);
  return RULES.map(({ name, rule }) => ({ name, metrics: metrics(family, rewiden(cases, rule)) }));
}

if (process.argv[1]?.endsWith('widen-sweep.ts')) {
  // strict: an unknown or misspelt flag is refused, not ignored.
  const { values: args } = parseArgs({
    options: {
      family: { type: 'string', default: 'all' },
      learners: { type: 'string', default: '200' },
      seed: { type: 'string', default: '1' },
      goal: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const f = args.family;
  const families: FamilyName[] = f === 'all' ? [...FAMILIES] : f === 'irt' || f === 'memory' ? [f] : [];
  if (families.length === 0) throw new Error(`unknown family ${f} (irt, memory or all)`);
  const learners = Number(args.learners);
  const seed = Number(args.seed);
  if (!Number.isInteger(learners) || learners < 1) throw new Error('--learners must be a positive integer');
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  const goal = args.goal;
  const started = performance.now();
  for (const family of families) {
    for (const { name, metrics: m } of sweep(family, learners, seed, goal)) {
      if (args.json) {
        console.log(JSON.stringify({ ...m, seed, learners, kind: goal ? 'goals' : 'skills', rule: name }));
      } else {
        console.log(
          `${family} s${seed} ${goal ? 'goals' : 'skills'} · ${name.padEnd(42)} pinball ${m.pinball.toFixed(3)} · ` +
            `width ${m.medianWidth} · coverage ${(100 * m.coverage).toFixed(1)} % (${m.cases} forecasts)`,
        );
      }
    }
  }
  if (!args.json) {
    console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}
