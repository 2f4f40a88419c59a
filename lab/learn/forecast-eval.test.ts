import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { FORECAST_CALIBRATION, FORECAST_DEFAULTS, GOAL_CALIBRATION } from '../../src/core/forecast';
import {
  daysMetrics,
  GOAL_STEPS,
  goalCase,
  goalCases,
  learnerCases,
  metrics,
  pickGoal,
  pinball,
  runCases,
} from './forecast-eval';
import { EloModel } from '../../src/core/elo';
import { learningPath } from '../../src/core/path';
import { fitCalibration } from './forecast-fit';

describe('outcome prediction evaluation (smoke size)', () => {
  it('scores the quantile loss as defined', () => {
    expect(pinball(10, 8, 0.9)).toBeCloseTo(1.8);
    expect(pinball(10, 12, 0.9)).toBeCloseTo(0.2);
    expect(pinball(10, 10, 0.5)).toBe(0);
    const m = metrics('irt', [
      { low: 2, median: 4, high: 6, actual: 5 },
      { low: 2, median: 4, high: 6, actual: 9 },
    ]);
    expect(m.coverage).toBe(0.5);
    expect(m.medianWidth).toBe(4);
    expect(m.medianAbsError).toBe(3);
  });

  it('forecasts the open skills of real runs and records what happened', () => {
    const cases = learnerCases('irt', mathsGraph, 1, 0);
    expect(cases.length).toBeGreaterThan(3);
    for (const c of cases) {
      expect(c.low).toBeLessThanOrEqual(c.median);
      expect(c.median).toBeLessThanOrEqual(c.high);
      expect(c.actual).toBeGreaterThanOrEqual(1);
      expect(c.actual).toBeLessThanOrEqual(FORECAST_DEFAULTS.maxAnswers + 1);
    }
    // Outcomes vary: the evaluation measures something.
    expect(new Set(cases.map((c) => c.actual)).size).toBeGreaterThan(1);
  });

  it('also forecasts in days at the learner’s pace, and records the days it took', () => {
    const cases = learnerCases('irt', mathsGraph, 1, 0);
    const days = cases.flatMap((c) => (c.days ? [c.days] : []));
    // The first checkpoint (60 answers) already has a pace: every completed, bounded forecast has days.
    expect(days.length).toBeGreaterThan(3);
    for (const d of days) {
      expect(d.low).toBeLessThanOrEqual(d.median);
      expect(d.median).toBeLessThanOrEqual(d.high);
      expect(d.actual).toBeGreaterThanOrEqual(1);
    }
    expect(daysMetrics('irt', cases).cases).toBe(days.length);
  });

  it('calibrates after the rollouts: the run, the rollouts and the outcomes are the same without it', () => {
    const raw = learnerCases('irt', mathsGraph, 1, 1, null);
    const calibrated = learnerCases('irt', mathsGraph, 1, 1);
    expect(calibrated.map((c) => [c.rollouts, c.accuracy, c.actual])).toEqual(
      raw.map((c) => [c.rollouts, c.accuracy, c.actual]),
    );
    // …and the bounds differ: the calibration does something.
    expect(calibrated.map((c) => [c.low, c.median, c.high])).not.toEqual(
      raw.map((c) => [c.low, c.median, c.high]),
    );
  });
});

describe('the shipped calibration', () => {
  it('is the fit on its named sample (200 irt learners of seed 1, tail 0.14), to the digits it keeps', () => {
    // If the model or the policy changes, this fails: refit with `npm run learn:forecast -- --fit
    // --family irt --learners 200 --tail 0.14`, paste the rows, and re-measure (docs/learning.md).
    const fitted = fitCalibration(runCases('irt', 200, 1, null), 0.14);
    for (const k of ['low', 'median', 'high'] as const) {
      fitted[k].forEach((b, j) => expect(FORECAST_CALIBRATION[k][j]).toBeCloseTo(b, 4));
    }
  }, 60_000);

  it('is the goals’ fit on its named sample too (200 irt learners of seed 1, tail 0.11)', () => {
    const fitted = fitCalibration(goalCases('irt', 200, 1, null), 0.11);
    for (const k of ['low', 'median', 'high'] as const) {
      fitted[k].forEach((b, j) => expect(GOAL_CALIBRATION[k][j]).toBeCloseTo(b, 4));
    }
  }, 60_000);
});

describe('goal forecasts (smoke size)', () => {
  it('a new learner’s goal is the first skill a few steps away, its path in course order', () => {
    const model = new EloModel(mathsGraph);
    const steps = pickGoal(mathsGraph, model, 3)!;
    expect(steps.length).toBe(3);
    const goal = steps[steps.length - 1]!;
    const open = (id: string): number => learningPath(mathsGraph, model, id).filter((s) => !s.done).length;
    // No skill before it in course order has that many steps left.
    for (const id of mathsGraph.order.slice(0, mathsGraph.order.indexOf(goal))) {
      expect(open(id)).toBeLessThan(3);
    }
    const at = (id: string): number => mathsGraph.order.indexOf(id);
    expect([...steps].sort((x, y) => at(x) - at(y))).toEqual(steps);
    // The bench's goals come at every distance it names.
    for (const k of GOAL_STEPS) expect(pickGoal(mathsGraph, model, k)!.length).toBeGreaterThanOrEqual(k);
  });

  it('forecasts a goal, then serves it and counts the answers on its path until it is mastered', () => {
    const g = goalCase('irt', mathsGraph, 1, 0, 60)!;
    expect(g.steps).toBeGreaterThanOrEqual(1);
    expect(g.low).toBeLessThanOrEqual(g.median);
    expect(g.median).toBeLessThanOrEqual(g.high);
    expect(g.actual).toBeGreaterThanOrEqual(g.steps);
    // The policy serves the goal: most answers go to its path.
    expect(g.pathShare).toBeGreaterThan(0.5);
    expect(g.pathShare).toBeLessThanOrEqual(1);
  });
});
