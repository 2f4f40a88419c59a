/**
 * `npm run learn:forecast -- [--family irt|memory|all] [--learners 100] [--seed 1] [--raw | --no-widen] [--days-widen 0.8] [--json]`
 * `npm run learn:forecast -- --fit [--family irt] [--learners 100] [--seed 1] [--tail 0.15]`
 * `--goal` with either: forecasts for a goal a few skills away (`goalCase`) instead of each open skill.
 *
 * How good is outcome prediction (src/core/forecast.ts)? Simulated learners of the learning
 * bench's families practise under the app's policy (`nextSelection` + `EloModel`, as the
 * lantern-elo policy). At answers 60, 200 and 400, every open skill (unlocked, not yet mastered)
 * gets a forecast of the answers on it until the app counts it as mastered; the run then goes
 * on and the actual count is recorded (a skill never mastered by the end counts as "more than
 * maxAnswers", the forecast's own ceiling). Reported: median absolute error of the median,
 * pinball loss (mean over the 10th, 50th, 90th percentiles), median width of the 80 % range,
 * and how often the range covers the outcome (the issue asks for 75–85 %). `--raw`: the rollouts'
 * own quantiles, without the calibration; `--no-widen`: calibrated, without the learner's own
 * widening (forecast.ts `learnerWidening`, for skills and goals alike). `--fit`: fit the calibration on these runs instead
 * (forecast-fit.ts) and print it, with the in-sample figures it gives.
 */
import { mathsGraph } from '../../src/content/maths/index';
import { EloModel } from '../../src/core/elo';
import {
  FORECAST_CALIBRATION,
  forecastBounds,
  forecastGoal,
  forecastSkill,
  FORECAST_DEFAULTS,
  GOAL_CALIBRATION,
  learnerAccuracy,
  learnerWidening,
  pastForecasts,
  widenedBy,
  type ForecastCalibration,
  type PastForecast,
} from '../../src/core/forecast';
import {
  DAYS_WIDEN,
  daysToGoal,
  daysToMastery,
  GOAL_DAYS_WIDEN,
  practicePace,
  type DaysForecast,
} from '../../src/core/pace';
import { emptySummary, recordInSummary } from '../../src/core/practice';
import { seededRng } from '../../src/core/rng';
import { learningPath } from '../../src/core/path';
import { nextSelection } from '../../src/core/selection';
import type { Attempt, Rng, Selection, SkillGraph, SkillId } from '../../src/core/types';
import { createLearner, DAY_MS, FAMILIES, type FamilyName } from './families';
import { fitCalibration, type RolloutCase } from './forecast-fit';
import { ITEM_MS, itemTime, MAX_ANSWERS, mix, START } from './run';

export const CHECKPOINTS = [60, 200, 400] as const;

export interface ForecastCase extends RolloutCase {
  readonly low: number;
  readonly median: number;
  readonly high: number;
  /** Answers on the skill until mastered (ceiling + 1 if not within the run). */
  readonly actual: number;
  /**
   * The same forecast in days at the learner's pace (core/pace.ts) and the days it took: from the
   * checkpoint's day to the day of the answer that completed it, both counted (1 = the same
   * day). Absent for an open-ended forecast or a skill not completed within the run.
   */
  readonly days?: {
    readonly low: number;
    readonly median: number;
    readonly high: number;
    readonly actual: number;
  };
  readonly record?: OwnRecord;
}

/**
 * What the learner's own-record step saw for a case (present when the case was widened): the
 * calibrated range before widening, and the learner's past forecasts and outcomes
 * (forecast.ts `pastForecasts`), so another widening rule can be tried on the same case
 * (widen-sweep.ts) without re-running the learner.
 */
export interface OwnRecord {
  readonly calibrated: { readonly low: number; readonly median: number; readonly high: number };
  readonly maxAnswers: number;
  readonly past: readonly PastForecast[];
}

export interface ForecastMetrics {
  readonly family: FamilyName;
  readonly cases: number;
  readonly medianAbsError: number;
  readonly pinball: number;
  readonly medianWidth: number;
  readonly coverage: number;
}

/** Pinball (quantile) loss of prediction `q̂` for quantile `tau` at outcome `y`. */
export function pinball(y: number, qhat: number, tau: number): number {
  return y >= qhat ? tau * (y - qhat) : (1 - tau) * (qhat - y);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The same metrics over the forecasts in days (the cases that have one). */
export function daysMetrics(family: FamilyName, cases: readonly ForecastCase[]): ForecastMetrics {
  return metrics(
    family,
    cases.flatMap((c) => (c.days ? [c.days] : [])),
  );
}

export function metrics(
  family: FamilyName,
  cases: readonly Pick<ForecastCase, 'low' | 'median' | 'high' | 'actual'>[],
): ForecastMetrics {
  return {
    family,
    cases: cases.length,
    medianAbsError: median(cases.map((c) => Math.abs(c.median - c.actual))),
    pinball:
      cases.reduce(
        (a, c) =>
          a +
          (pinball(c.actual, c.low, 0.1) +
            pinball(c.actual, c.median, 0.5) +
            pinball(c.actual, c.high, 0.9)) /
            3,
        0,
      ) / cases.length,
    medianWidth: median(cases.map((c) => c.high - c.low)),
    coverage: cases.filter((c) => c.actual >= c.low && c.actual <= c.high).length / cases.length,
  };
}

/**
 * One simulated learner practising under the app's policy (`nextSelection` + `EloModel`), one
 * answer per `step`; the same seeds as the learning bench's lantern-elo runs.
 */
export class PolicyRun {
  readonly model: EloModel;
  readonly history: Attempt[] = [];
  readonly #learner: ReturnType<typeof createLearner>;
  readonly #outcomes: () => number;
  readonly #rng: () => number;
  #practice = emptySummary();
  #recent: SkillId[] = [];

  constructor(
    family: FamilyName,
    readonly graph: SkillGraph,
    seed: number,
    index: number,
  ) {
    this.#learner = createLearner(family, graph, seededRng(mix(seed, index, 1)), START);
    this.#outcomes = seededRng(mix(seed, index, 2));
    this.#rng = seededRng(mix(seed, index, 3));
    this.model = new EloModel(graph);
  }

  /**
   * The i-th answer (from 0), at the bench's time for it; `goal` as the learner's own goal.
   * `observe` sees the selection and the learner's true P(correct) for it before the answer
   * (the model is not yet updated then: first-answers.ts reads its evidence).
   */
  step(i: number, goal?: SkillId, observe?: (sel: Selection, truth: number) => void): Attempt {
    const t = itemTime(i);
    const sel = nextSelection(this.model, this.graph, this.#practice, t, this.#rng, {
      recent: this.#recent,
      ...(goal ? { goal } : {}),
    });
    const ta = t + ITEM_MS;
    observe?.(sel, this.#learner.p(sel.skillId, sel.difficulty, ta));
    const attempt: Attempt = {
      id: `f-${i}`,
      learnerId: 'sim',
      itemId: `${sel.skillId}~${sel.difficulty}~${i}`,
      skillId: sel.skillId,
      difficulty: sel.difficulty,
      seed: i,
      params: {},
      answer: '',
      correct: this.#learner.answer(sel.skillId, sel.difficulty, ta, this.#outcomes),
      responseMs: ITEM_MS,
      hintsUsed: 0,
      solutionShown: false,
      timestamp: ta,
      appVersion: 'forecast-eval',
    };
    this.model.update(attempt);
    this.history.push(attempt);
    this.#practice = recordInSummary(this.#practice, attempt);
    this.#recent = [...this.#recent, sel.skillId].slice(-4);
    return attempt;
  }

  /** An independent copy of the model, for a forecast's rollouts. */
  clone(): EloModel {
    return EloModel.fromState(this.graph, this.model.toJSON());
  }

  /** Skills open now: not mastered, every prerequisite mastered. */
  learning(): SkillId[] {
    return this.graph.order.filter(
      (id) =>
        !this.model.mastered(id) &&
        this.graph.byId.get(id)!.prerequisites.every((q) => this.model.mastered(q)),
    );
  }
}

/** The own record of a case: its calibrated range, before widening, and the learner's past. */
function ownRecord(
  raw: { low: number; median: number; high: number; maxAnswers: number },
  past: readonly PastForecast[],
): OwnRecord {
  return {
    calibrated: { low: raw.low, median: raw.median, high: raw.high },
    maxAnswers: raw.maxAnswers,
    past,
  };
}

/** The learner's past forecasts and outcomes (forecast.ts `pastForecasts`), replayed into Elo. */
function ownPast(history: readonly Attempt[], graph: SkillGraph, rng: Rng): PastForecast[] {
  return pastForecasts(
    history,
    () => new EloModel(graph),
    (m) => EloModel.fromState(graph, (m as EloModel).toJSON()),
    rng,
  );
}

/** One learner: forecasts at the checkpoints, outcomes from the rest of the run. */
export function learnerCases(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  calibration: ForecastCalibration | null = FORECAST_CALIBRATION,
  daysWiden: number = DAYS_WIDEN,
  widen: boolean = calibration !== null,
): ForecastCase[] {
  const run = new PolicyRun(family, graph, seed, index);
  const prng = seededRng(mix(seed, index, 6));
  const frng = seededRng(mix(seed, index, 4));
  const ceiling = FORECAST_DEFAULTS.maxAnswers + 1;
  const open: {
    skillId: SkillId;
    low: number;
    median: number;
    high: number;
    rollouts: RolloutCase['rollouts'];
    accuracy: number;
    unseen: number;
    count: number;
    done?: number;
    /** The checkpoint's day, the forecast in days, and the day the skill was completed. */
    day: number;
    days: DaysForecast | null;
    doneDay?: number;
    record: OwnRecord | undefined;
  }[] = [];
  for (let i = 0; i < MAX_ANSWERS; i++) {
    const t = itemTime(i);
    if ((CHECKPOINTS as readonly number[]).includes(i)) {
      const pace = practicePace(run.history, t, 0);
      const accuracy = learnerAccuracy(run.history);
      const learning = run.learning();
      // The learner's own record widens their ranges, as the app does (forecast.ts).
      const past = widen ? ownPast(run.history, graph, prng) : null;
      const factor = past ? learnerWidening(past) : 1;
      for (const id of learning) {
        const raw = forecastSkill(() => run.clone(), id, t, frng, { calibration, accuracy });
        if (!raw) continue;
        const f = widenedBy(raw, factor);
        const record = past ? ownRecord(raw, past) : undefined;
        const days =
          pace && f.high <= f.maxAnswers ? daysToMastery(f, pace, learning.length, daysWiden) : null;
        open.push({
          skillId: id,
          low: f.low,
          median: f.median,
          high: f.high,
          rollouts: f.rollouts,
          accuracy,
          unseen: f.unseen,
          count: 0,
          day: Math.floor(t / DAY_MS),
          days,
          record,
        });
      }
    }
    const a = run.step(i);
    for (const o of open) {
      if (o.done !== undefined || o.skillId !== a.skillId) continue;
      o.count += 1;
      if (run.model.mastered(o.skillId)) {
        o.done = o.count;
        o.doneDay = Math.floor(a.timestamp / DAY_MS);
      }
    }
    if (i > CHECKPOINTS[CHECKPOINTS.length - 1]! && open.every((o) => o.done !== undefined)) break;
  }
  return open.map((o) => ({
    low: o.low,
    median: o.median,
    high: o.high,
    rollouts: o.rollouts,
    accuracy: o.accuracy,
    unseen: o.unseen,
    actual: Math.min(ceiling, o.done ?? ceiling),
    ...(o.days && o.doneDay !== undefined
      ? { days: { low: o.days.low, median: o.days.median, high: o.days.high, actual: o.doneDay - o.day + 1 } }
      : {}),
    ...(o.record ? { record: o.record } : {}),
  }));
}

export interface GoalCase extends ForecastCase {
  /** Skills on the path still to master when the goal was picked. */
  readonly steps: number;
  /** The share of the answers until the goal was mastered that were on its path. */
  readonly pathShare: number;
}

/**
 * How far the goals the bench picks are: at least this many steps left, in turn by learner and
 * checkpoint, so the calibration sees short and long paths alike.
 */
export const GOAL_STEPS = [2, 3, 5, 8, 12] as const;

/**
 * The goal a learner picks at a checkpoint: the first skill in course order whose path still has
 * at least `minSteps` skills to master; else the last skill not yet mastered; else null.
 */
export function pickGoal(
  graph: SkillGraph,
  model: Pick<EloModel, 'mastered'>,
  minSteps: number,
): SkillId[] | null {
  let last: SkillId[] | null = null;
  for (const id of graph.order) {
    if (model.mastered(id)) continue;
    const steps = learningPath(graph, model, id)
      .filter((s) => !s.done)
      .map((s) => s.skillId);
    if (steps.length >= minSteps) return steps;
    last = steps;
  }
  return last;
}

/**
 * One learner, one checkpoint: at answer `checkpoint` the learner picks a goal (`pickGoal`, as far
 * as `GOAL_STEPS` says for this learner and checkpoint) and
 * gets its forecast; the policy then serves the goal (`SelectionOptions.goal`) and the actual is
 * the answers on the path's skills until the goal is mastered (the forecast's ceiling + 1 if not
 * within the run). Null when nothing is left to aim for.
 */
export function goalCase(
  family: FamilyName,
  graph: SkillGraph,
  seed: number,
  index: number,
  checkpoint: number,
  calibration: ForecastCalibration | null = GOAL_CALIBRATION,
  daysWiden: number = GOAL_DAYS_WIDEN,
  widen: boolean = calibration !== null,
): GoalCase | null {
  const run = new PolicyRun(family, graph, seed, index);
  for (let i = 0; i < checkpoint; i++) run.step(i);
  const minSteps =
    GOAL_STEPS[
      (index + CHECKPOINTS.indexOf(checkpoint as (typeof CHECKPOINTS)[number])) % GOAL_STEPS.length
    ]!;
  const steps = pickGoal(graph, run.model, minSteps);
  if (!steps) return null;
  const goal = steps[steps.length - 1]!;
  const t = itemTime(checkpoint);
  const accuracy = learnerAccuracy(run.history);
  const pace = practicePace(run.history, t, 0);
  const raw = forecastGoal(() => run.clone(), steps, t, seededRng(mix(seed, index, 5 + checkpoint)), {
    calibration,
    accuracy,
  });
  if (!raw) return null;
  const past = widen ? ownPast(run.history, graph, seededRng(mix(seed, index, 6))) : null;
  const f = widenedBy(raw, past ? learnerWidening(past) : 1);
  const onPath = new Set(steps);
  let count = 0;
  let all = 0;
  let doneDay: number | null = null;
  for (let i = checkpoint; i < MAX_ANSWERS && !run.model.mastered(goal); i++) {
    const a = run.step(i, goal);
    all += 1;
    if (onPath.has(a.skillId)) count += 1;
    if (run.model.mastered(goal)) doneDay = Math.floor(a.timestamp / DAY_MS);
  }
  const days = pace && f.high <= f.maxAnswers ? daysToGoal(f, pace, daysWiden) : null;
  const day = Math.floor(t / DAY_MS);
  return {
    low: f.low,
    median: f.median,
    high: f.high,
    rollouts: f.rollouts,
    accuracy,
    unseen: f.unseen,
    steps: f.steps,
    actual: run.model.mastered(goal) ? Math.min(count, f.maxAnswers + 1) : f.maxAnswers + 1,
    pathShare: all === 0 ? 1 : count / all,
    ...(days && doneDay !== null
      ? { days: { low: days.low, median: days.median, high: days.high, actual: doneDay - day + 1 } }
      : {}),
    ...(past ? { record: ownRecord(raw, past) } : {}),
  };
}

export function goalCases(
  family: FamilyName,
  learners: number,
  seed: number,
  calibration: ForecastCalibration | null = GOAL_CALIBRATION,
  daysWiden: number = GOAL_DAYS_WIDEN,
  widen: boolean = calibration !== null,
): GoalCase[] {
  const out: GoalCase[] = [];
  for (let i = 0; i < learners; i++) {
    for (const c of CHECKPOINTS) {
      const g = goalCase(family, mathsGraph, seed, i, c, calibration, daysWiden, widen);
      if (g) out.push(g);
    }
  }
  return out;
}

export function runCases(
  family: FamilyName,
  learners: number,
  seed: number,
  calibration: ForecastCalibration | null,
  daysWiden: number = DAYS_WIDEN,
  widen: boolean = calibration !== null,
): ForecastCase[] {
  const cases: ForecastCase[] = [];
  for (let i = 0; i < learners; i++) {
    cases.push(...learnerCases(family, mathsGraph, seed, i, calibration, daysWiden, widen));
  }
  return cases;
}

function parse(argv: readonly string[]): {
  families: FamilyName[];
  learners: number;
  seed: number;
  raw: boolean;
  noWiden: boolean;
  fit: boolean;
  goal: boolean;
  tail: number;
  daysWiden: number;
  json: boolean;
} {
  let families: FamilyName[] = [...FAMILIES];
  let learners = 100;
  let seed = 1;
  let raw = false;
  let noWiden = false;
  let fit = false;
  let goal = false;
  let tail = 0.15;
  let daysWiden: number | undefined;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = (): string => {
      const x = argv[++i];
      if (x === undefined) throw new Error(`${a} needs a value`);
      return x;
    };
    if (a === '--family') {
      const f = v();
      families = f === 'all' ? [...FAMILIES] : f === 'irt' || f === 'memory' ? [f] : [];
      if (families.length === 0) throw new Error(`unknown family ${f}`);
    } else if (a === '--learners') learners = Number(v());
    else if (a === '--seed') seed = Number(v());
    else if (a === '--raw') raw = true;
    else if (a === '--no-widen') noWiden = true;
    else if (a === '--fit') fit = true;
    else if (a === '--goal') goal = true;
    else if (a === '--tail') tail = Number(v());
    else if (a === '--days-widen') daysWiden = Number(v());
    else if (a === '--json') json = true;
    else throw new Error(`unknown argument ${String(a)}`);
  }
  if (!Number.isInteger(learners) || learners < 1) throw new Error('--learners must be a positive integer');
  if (!(tail > 0 && tail < 0.5)) throw new Error('--tail must lie in (0, 0.5)');
  if (daysWiden !== undefined && !(daysWiden > 0)) throw new Error('--days-widen must be positive');
  daysWiden ??= goal ? GOAL_DAYS_WIDEN : DAYS_WIDEN;
  return { families, learners, seed, raw, noWiden, fit, goal, tail, daysWiden, json };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function line(family: FamilyName, args: ReturnType<typeof parse>, m: ForecastMetrics, what: string): string {
  return (
    `${family} (seed ${args.seed}, ${args.learners} learners, ${what}): ${m.cases} forecasts · ` +
    `median abs. error ${m.medianAbsError.toFixed(1)} answers · pinball ${m.pinball.toFixed(2)} · ` +
    `median 80 % range width ${m.medianWidth.toFixed(1)} · coverage ${pct(m.coverage)}`
  );
}

if (process.argv[1]?.endsWith('forecast-eval.ts')) {
  const args = parse(process.argv.slice(2));
  const started = performance.now();
  const kind = args.goal ? 'goals' : 'skills';
  for (const family of args.families) {
    if (args.fit) {
      // The rollouts do not depend on the calibration: one uncalibrated run, then the fit.
      const cases = args.goal
        ? goalCases(family, args.learners, args.seed, null)
        : runCases(family, args.learners, args.seed, null);
      const calibration = fitCalibration(cases, args.tail);
      const fitted = cases.map((c) => ({
        ...forecastBounds(
          c.rollouts,
          c.accuracy,
          c.unseen,
          calibration,
          args.goal ? (c as GoalCase).steps * FORECAST_DEFAULTS.maxAnswers : FORECAST_DEFAULTS.maxAnswers,
        ),
        actual: c.actual,
      }));
      const m = metrics(family, fitted);
      if (args.json) {
        console.log(
          JSON.stringify({
            family,
            kind,
            seed: args.seed,
            learners: args.learners,
            tail: args.tail,
            calibration,
            inSample: m,
          }),
        );
      } else {
        console.log(JSON.stringify(calibration));
        console.log(line(family, args, m, `${kind}, fitted here, tail ${args.tail}, in sample`));
      }
      continue;
    }
    const calibration = args.raw ? null : args.goal ? GOAL_CALIBRATION : FORECAST_CALIBRATION;
    const cases = args.goal
      ? goalCases(family, args.learners, args.seed, calibration, args.daysWiden, !args.raw && !args.noWiden)
      : runCases(family, args.learners, args.seed, calibration, args.daysWiden, !args.raw && !args.noWiden);
    const m = { ...metrics(family, cases), days: daysMetrics(family, cases) };
    const what = `${kind}, ${args.raw ? 'raw rollouts' : args.noWiden ? 'calibrated' : 'calibrated and widened'}`;
    const share = args.goal ? median(cases.map((c) => (c as GoalCase).pathShare)) : null;
    if (args.json) {
      console.log(
        JSON.stringify({
          ...m,
          kind,
          calibrated: !args.raw,
          seed: args.seed,
          learners: args.learners,
          ...(share === null ? {} : { pathShare: share }),
        }),
      );
    } else {
      console.log(line(family, args, m, what));
      const d = m.days;
      console.log(
        `  in days (${d.cases} forecasts completed within the run): median abs. error ${d.medianAbsError.toFixed(1)} days · ` +
          `pinball ${d.pinball.toFixed(2)} · median 80 % range width ${d.medianWidth.toFixed(1)} · coverage ${pct(d.coverage)}`,
      );
      if (share !== null) {
        console.log(`  share of answers on the goal's path while it was open: median ${share.toFixed(2)}`);
      }
    }
  }
  if (!args.json) console.log(`wall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
