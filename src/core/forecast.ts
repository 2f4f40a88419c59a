/**
 * Outcome prediction: how many more answers a skill needs before the app counts it as mastered,
 * as a median and an 80 % range.
 *
 * Method: Monte Carlo rollouts of the learner model itself. Each rollout clones the model and
 * answers items of the skill at the level the policy would ask (`pickDifficulty`, or level 3
 * once the model expects mastery there, as the policy's "confirm" does), drawing each outcome
 * from the model's own prediction and updating the clone, until the mastered flag is set or
 * `maxAnswers` is reached (counted as "more than maxAnswers"). The quantiles of the counts are
 * the forecast. The range is then scaled by `spread` around the median, a factor chosen on the
 * learning bench's irt family so that the 80 % range covers about 80 % of outcomes there (the
 * rollouts' own range covered 86 %; 0.9 gives 82 %); on the memory family, untouched, it covers
 * less (lab/learn/forecast-eval.ts, docs/learning.md).
 *
 * Pure: the model is cloned through the injected `clone`, randomness comes from `rng`, time
 * from `now`. Cost: runs × answers model updates (40 × ≤ 60 by default: a few milliseconds).
 */
import { pickDifficulty } from './selection';
import type { Attempt, Difficulty, LearnerModel, Rng, SkillId } from './types';

export interface ForecastOptions {
  readonly runs?: number;
  readonly maxAnswers?: number;
  /** Seconds between simulated answers. */
  readonly itemMs?: number;
  /** Widening of the range around the median (see the file comment). */
  readonly spread?: number;
}

export interface SkillForecast {
  readonly skillId: SkillId;
  /** Answers until mastered: 10th, 50th and 90th percentile (maxAnswers + 1 = "more than"). */
  readonly low: number;
  readonly median: number;
  readonly high: number;
  /** The most answers a rollout was allowed; a bound equal to maxAnswers + 1 means "more". */
  readonly maxAnswers: number;
}

export const FORECAST_DEFAULTS = Object.freeze({ runs: 40, maxAnswers: 60, itemMs: 30_000, spread: 0.9 });

function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** One rollout: answers until the clone sets the mastered flag (maxAnswers + 1 if never). */
function rollout(
  model: LearnerModel,
  skillId: SkillId,
  now: number,
  rng: Rng,
  maxAnswers: number,
  itemMs: number,
): number {
  let t = now;
  for (let k = 1; k <= maxAnswers; k++) {
    const fit = pickDifficulty(model, skillId, t);
    const difficulty: Difficulty = model.predict({ skillId, difficulty: 3 }, t) >= 0.5 ? 3 : fit.difficulty;
    const p = model.predict({ skillId, difficulty }, t);
    const correct = rng() < p;
    t += itemMs;
    const attempt: Attempt = {
      id: `forecast-${k}`,
      learnerId: 'forecast',
      itemId: `${skillId}~${difficulty}~${k}`,
      skillId,
      difficulty,
      seed: k,
      params: {},
      answer: '',
      correct,
      responseMs: itemMs,
      hintsUsed: 0,
      solutionShown: false,
      timestamp: t,
      appVersion: 'forecast',
    };
    model.update(attempt);
    if (model.mastered(skillId)) return k;
  }
  return maxAnswers + 1;
}

/**
 * The forecast for one skill not yet mastered; null for a mastered one. `clone()` must return an
 * independent copy of the learner's model (updating it leaves the original untouched).
 */
export function forecastSkill(
  clone: () => LearnerModel,
  skillId: SkillId,
  now: number,
  rng: Rng,
  options: ForecastOptions = {},
): SkillForecast | null {
  const { runs, maxAnswers, itemMs, spread } = { ...FORECAST_DEFAULTS, ...options };
  if (clone().mastered(skillId)) return null;
  const counts: number[] = [];
  for (let r = 0; r < runs; r++) counts.push(rollout(clone(), skillId, now, rng, maxAnswers, itemMs));
  counts.sort((a, b) => a - b);
  const median = quantile(counts, 0.5);
  const widen = (x: number): number => Math.max(1, Math.min(maxAnswers + 1, median + spread * (x - median)));
  return {
    skillId,
    low: Math.max(1, Math.floor(widen(quantile(counts, 0.1)))),
    median: Math.max(1, Math.round(median)),
    high: Math.ceil(widen(quantile(counts, 0.9))),
    maxAnswers,
  };
}
