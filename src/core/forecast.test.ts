import { describe, expect, it } from 'vitest';
import { EloModel } from './elo';
import {
  ACCURACY_PRIOR,
  ACCURACY_PRIOR_WEIGHT,
  forecastBounds,
  FORECAST_CALIBRATION,
  forecastGoal,
  forecastSkill,
  FORECAST_DEFAULTS,
  learnerAccuracy,
  learnerWidening,
  PRIOR_HELD,
  pastForecasts,
  WIDEN_PRIOR,
  WIDENINGS,
  unseenShare,
  widenRange,
  type ForecastCalibration,
} from './forecast';
import { buildGraph } from './graph';
import { seededRng } from './rng';
import type { Attempt, Difficulty, Skill } from './types';

const T0 = Date.UTC(2026, 0, 5, 16);
const sk = (id: string, prerequisites: string[] = []): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band: 1,
});
const graph = buildGraph([sk('a'), sk('b', ['a'])]);

/** Applies one answer to the model, and returns it. */
function answer(
  model: EloModel,
  skillId: string,
  difficulty: Difficulty,
  correct: boolean,
  i: number,
): Attempt {
  const a: Attempt = {
    id: `a${i}`,
    learnerId: 'l',
    itemId: `${skillId}~${difficulty}~${i}`,
    skillId,
    difficulty,
    seed: i,
    params: {},
    answer: '',
    correct,
    responseMs: 5000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp: T0 + i * 30_000,
    appVersion: 'test',
  };
  model.update(a);
  return a;
}

const cloneOf = (m: EloModel) => () => EloModel.fromState(graph, m.toJSON());

describe('forecastSkill', () => {
  it('is null for a mastered skill and leaves the model untouched', () => {
    const m = new EloModel(graph);
    for (let i = 0; i < 12; i++) answer(m, 'a', 3, true, i);
    expect(m.mastered('a')).toBe(true);
    expect(forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(1))).toBeNull();
    const fresh = new EloModel(graph);
    const before = JSON.stringify(fresh.toJSON());
    forecastSkill(cloneOf(fresh), 'a', T0, seededRng(1));
    expect(JSON.stringify(fresh.toJSON())).toBe(before);
  });

  it('gives an ordered range within its bounds, and fewer answers for a learner who is doing well', () => {
    const struggling = new EloModel(graph);
    const doingWell = new EloModel(graph);
    for (let i = 0; i < 6; i++) {
      answer(struggling, 'a', 1, i % 3 === 0, i);
      answer(doingWell, 'a', 2, true, i);
    }
    const s = forecastSkill(cloneOf(struggling), 'a', T0 + 1e6, seededRng(2))!;
    const w = forecastSkill(cloneOf(doingWell), 'a', T0 + 1e6, seededRng(2))!;
    for (const f of [s, w]) {
      expect(f.low).toBeGreaterThanOrEqual(1);
      expect(f.low).toBeLessThanOrEqual(f.median);
      expect(f.median).toBeLessThanOrEqual(f.high);
      expect(f.high).toBeLessThanOrEqual(FORECAST_DEFAULTS.maxAnswers + 1);
    }
    expect(w.median).toBeLessThan(s.median);
  });

  it('is reproducible with the same rng seed', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 2, true, 0);
    answer(m, 'a', 2, false, 1);
    const a = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9));
    const b = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9));
    expect(a).toEqual(b);
  });

  it('without calibration, gives the rollouts’ own quantiles outward to whole answers', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 1, true, 0);
    const f = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(4), { calibration: null })!;
    expect(f.low).toBe(Math.floor(f.rollouts.low));
    expect(f.median).toBe(Math.round(f.rollouts.median));
    expect(f.high).toBe(Math.ceil(f.rollouts.high));
    // The rollouts do not depend on the calibration: the same draws give the same quantiles.
    const g = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(4))!;
    expect(g.rollouts).toEqual(f.rollouts);
  });

  it('maps the rollouts through the calibration: log bound = a + b·log median + c·log(90th/10th) + d·accuracy + e·unseen', () => {
    const rollouts = { low: 4, median: 8, high: 16 };
    const cal: ForecastCalibration = {
      version: 2,
      low: [0, 1, -0.5, 0, 0],
      median: [Math.log(2), 1, 0, 0, Math.log(1.5)],
      high: [0, 1, 0.5, 1, 0],
    };
    // low: 8 / √4 = 4; median: 2 · 8 = 16 (× 1.5 per unit of unseen); high: 8 · √4 · e^accuracy.
    expect(forecastBounds(rollouts, 0, 0, cal, 60)).toEqual({ low: 4, median: 16, high: 16 });
    expect(forecastBounds(rollouts, Math.log(2), 0, cal, 60)).toEqual({ low: 4, median: 16, high: 32 });
    expect(forecastBounds(rollouts, Math.log(2), 1, cal, 60)).toEqual({ low: 4, median: 24, high: 32 });
    // Clamped to [1, maxAnswers + 1], and ordered around the median.
    expect(forecastBounds(rollouts, 5, 0, cal, 60).high).toBe(61);
    expect(forecastBounds(rollouts, 0, 1, cal, 60)).toEqual({ low: 4, median: 24, high: 24 });
    expect(
      forecastBounds({ low: 1, median: 1, high: 1 }, 0, 0, { ...cal, median: [-9, 1, 0, 0, 0] }, 60),
    ).toEqual({
      low: 1,
      median: 1,
      high: 1,
    });
  });

  it('the shipped calibration forecasts more answers for a learner who gets fewer right', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 1, true, 0);
    answer(m, 'a', 1, false, 1);
    const weaker = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(5), { accuracy: 0.5 })!;
    const stronger = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(5), { accuracy: 0.8 })!;
    expect(weaker.rollouts).toEqual(stronger.rollouts);
    expect(weaker.median).toBeGreaterThan(stronger.median);
    expect(weaker.high).toBeGreaterThan(stronger.high);
  });

  it('says whether the model has an answer on the skill yet (unseen), and forecasts more for one it has not', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 1, true, 0);
    expect(forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(6))!.unseen).toBe(0);
    expect(forecastSkill(cloneOf(m), 'b', T0 + 1e6, seededRng(6))!.unseen).toBe(1);
    expect(unseenShare(m, ['a', 'b'], T0 + 1e6)).toBe(0.5);
    expect(unseenShare(m, [], T0 + 1e6)).toBe(0);
    // With the shipped calibration, the same rollouts and accuracy give more answers when unseen:
    // the model's rollouts start from its prior there, and such skills took more on the bench.
    const rollouts = { low: 5, median: 9, high: 16 };
    const seen = forecastBounds(rollouts, 0.67, 0, FORECAST_CALIBRATION, 60);
    const fresh = forecastBounds(rollouts, 0.67, 1, FORECAST_CALIBRATION, 60);
    expect(fresh.median).toBeGreaterThan(seen.median);
    expect(fresh.low).toBeGreaterThan(seen.low);
    expect(fresh.high).toBeGreaterThan(seen.high);
  });
});

describe('forecastGoal', () => {
  it('adds up the path: more answers than its first step, null once every step is mastered', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 1, true, 0);
    const path = forecastGoal(cloneOf(m), ['a', 'b'], T0 + 1e6, seededRng(3), { calibration: null })!;
    const first = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(3), { calibration: null })!;
    expect(path.skillId).toBe('b');
    expect(path.steps).toBe(2);
    expect(path.maxAnswers).toBe(2 * FORECAST_DEFAULTS.maxAnswers);
    expect(path.rollouts.median).toBeGreaterThan(first.rollouts.median);
    expect(path.low).toBeLessThanOrEqual(path.median);
    expect(path.median).toBeLessThanOrEqual(path.high);
    // 'b' has no answer yet: half the open steps are unseen.
    expect(path.unseen).toBe(0.5);
    const done = new EloModel(graph);
    for (let i = 0; i < 12; i++) answer(done, 'a', 3, true, i);
    for (let i = 12; i < 24; i++) answer(done, 'b', 3, true, i);
    expect(forecastGoal(cloneOf(done), ['a', 'b'], T0 + 1e6, seededRng(3))).toBeNull();
    // A mastered step is skipped: the goal alone is left.
    const half = new EloModel(graph);
    for (let i = 0; i < 12; i++) answer(half, 'a', 3, true, i);
    expect(forecastGoal(cloneOf(half), ['a', 'b'], T0 + 1e6, seededRng(3))!.steps).toBe(1);
  });

  it('is open-ended when a step cannot be mastered within the rollouts’ limit', () => {
    const m = new EloModel(graph);
    const f = forecastGoal(cloneOf(m), ['a', 'b'], T0, seededRng(8), { calibration: null, maxAnswers: 2 })!;
    // Two answers cannot master a new skill: every rollout runs past the limit.
    expect(f.maxAnswers).toBe(4);
    expect(f.median).toBe(5);
    expect(f.high).toBe(5);
  });
});

describe('widening by the learner’s own record', () => {
  it('moves the bounds in log space around the median, outward to whole answers, within the limits', () => {
    const f = { low: 4, median: 8, high: 16, maxAnswers: 60 };
    expect(widenRange(f, 1)).toEqual(f);
    // Twice as far in log space: 8 / 4 = 2 and 8 · 4 = 32.
    expect(widenRange(f, 2)).toEqual({ ...f, low: 2, high: 32 });
    expect(widenRange(f, 0.5)).toMatchObject({ low: 5, high: 12 });
    expect(widenRange({ ...f, high: 40 }, 3).high).toBe(61);
    expect(widenRange(f, 9).low).toBe(1);
  });

  it('gives back every whole-number range as it is at factor 1', () => {
    for (let median = 1; median <= 61; median++) {
      for (let low = 1; low <= median; low++) {
        for (const high of [median, median + 1, 2 * median, 61]) {
          const f = { low, median, high: Math.min(61, Math.max(median, high)), maxAnswers: 60 };
          expect(widenRange(f, 1)).toEqual(f);
        }
      }
    }
  });

  it('keeps the range when there is no record or for a learner it always held, widens it for one it missed', () => {
    expect(learnerWidening([])).toBe(1);
    // Outcomes far outside every range: widen (to the largest factor when even that misses).
    const missed = Array.from({ length: 30 }, () => ({ low: 4, median: 6, high: 9, actual: 20 }));
    expect(learnerWidening(missed)).toBeGreaterThan(1);
    const justOut = Array.from({ length: 30 }, () => ({ low: 4, median: 6, high: 9, actual: 11 }));
    const w = learnerWidening(justOut);
    expect(w).toBeGreaterThan(1);
    expect(widenRange({ low: 4, median: 6, high: 9, maxAnswers: 60 }, w).high).toBeGreaterThanOrEqual(11);
    // Every outcome on the median: the range is kept, never narrowed.
    const onTheNose = Array.from({ length: 30 }, () => ({ low: 4, median: 6, high: 9, actual: 6 }));
    expect(learnerWidening(onTheNose)).toBe(1);
    // Every factor is at least 1, whatever the record.
    const mixed = [...onTheNose.slice(0, 20), ...justOut.slice(0, 3)];
    expect(learnerWidening(mixed)).toBeGreaterThanOrEqual(1);
    // One miss weighs little against the prior: a modest widening, not the largest.
    expect(learnerWidening(missed.slice(0, 1))).toBe(1.35);
    // A record the calibrated ranges held at their nominal 80 % keeps them as they are.
    const nominal = [...onTheNose.slice(0, 16), ...missed.slice(0, 4)];
    expect(learnerWidening(nominal)).toBe(1);
    // One more miss than that widens them.
    expect(learnerWidening([...onTheNose.slice(0, 15), ...missed.slice(0, 5)])).toBeGreaterThan(1);
    expect(WIDEN_PRIOR).toBeGreaterThan(1);
  });

  it("holds the prior's pseudo-forecasts at the share a log-normal spread puts inside each widened range", () => {
    expect(PRIOR_HELD).toHaveLength(WIDENINGS.length);
    // The standard normal density integrated from -x to x by Simpson's rule.
    const inside = (x: number): number => {
      const n = 2000;
      const h = (2 * x) / n;
      const pdf = (t: number): number => Math.exp((-t * t) / 2) / Math.sqrt(2 * Math.PI);
      let s = pdf(-x) + pdf(x);
      for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * pdf(-x + i * h);
      return (s * h) / 3;
    };
    // The 80 % range is ±z with z the normal's 90th percentile (found here by bisection).
    let lo = 0;
    let hi = 3;
    for (let i = 0; i < 60; i++) {
      const mid = (lo + hi) / 2;
      if (inside(mid) < 0.8) lo = mid;
      else hi = mid;
    }
    WIDENINGS.forEach((f, i) => expect(PRIOR_HELD[i]).toBeCloseTo(inside(lo * f), 4));
  });

  it('forecasts each skill of the history at its first answer, and counts the answers it took', () => {
    const m = new EloModel(graph);
    const attempts: Attempt[] = [];
    const record = (skillId: string, difficulty: Difficulty, correct: boolean, i: number): void => {
      attempts.push(answer(m, skillId, difficulty, correct, i));
    };
    let i = 0;
    while (!m.mastered('a')) record('a', 3, i % 4 !== 1, i++);
    const tookA = i;
    record('b', 1, true, i++);
    const past = pastForecasts(
      attempts,
      () => new EloModel(graph),
      (x) => EloModel.fromState(graph, x.toJSON()),
      seededRng(1),
    );
    // 'a' was completed within the history; 'b' was not, so it does not count.
    expect(past).toHaveLength(1);
    expect(past[0]!.actual).toBe(tookA);
    expect(past[0]!.low).toBeLessThanOrEqual(past[0]!.median);
    // Order does not matter: the history is replayed oldest first.
    expect(
      pastForecasts(
        [...attempts].reverse(),
        () => new EloModel(graph),
        (x) => EloModel.fromState(graph, x.toJSON()),
        seededRng(1),
      ),
    ).toEqual(past);
  });
});

describe('learnerAccuracy', () => {
  it('is the prior with no answers, and moves toward the learner’s own share as answers come', () => {
    expect(learnerAccuracy([])).toBe(ACCURACY_PRIOR);
    const right = { correct: true };
    const wrong = { correct: false };
    const n = ACCURACY_PRIOR_WEIGHT;
    // As many answers as the prior's weight, half right: halfway between the prior and 0.5.
    const half = Array.from({ length: n }, (_, i) => (i % 2 ? right : wrong));
    expect(learnerAccuracy(half)).toBeCloseTo((ACCURACY_PRIOR + 0.5) / 2, 10);
    expect(learnerAccuracy(Array.from({ length: 2000 }, () => right))).toBeGreaterThan(0.99);
  });
});
