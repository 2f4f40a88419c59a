import { describe, expect, it } from 'vitest';
import { FORECAST_CALIBRATION, WIDENING_RULE } from '../../src/core/forecast';
import { runCases, goalCases } from './forecast-eval';
import { RULES, rewiden } from './widen-sweep';

describe('the own-record sweep (smoke size)', () => {
  it('gives back the eval’s own ranges for the shipped rule, and the calibrated ones for none', () => {
    const widened = runCases('irt', 6, 1, FORECAST_CALIBRATION);
    const calibrated = runCases('irt', 6, 1, FORECAST_CALIBRATION, undefined, false);
    expect(widened.length).toBe(calibrated.length);
    const bounds = (c: { low: number; median: number; high: number }): number[] => [c.low, c.median, c.high];
    expect(rewiden(widened, WIDENING_RULE).map(bounds)).toEqual(widened.map(bounds));
    expect(rewiden(widened, null).map(bounds)).toEqual(calibrated.map(bounds));
    // Some learner's record widened something: the comparison is not between equal lists.
    expect(widened.map(bounds)).not.toEqual(calibrated.map(bounds));
  });

  it('does the same for goals, and every rule only ever widens', () => {
    const goals = goalCases('memory', 4, 1);
    const none = rewiden(goals, null);
    for (const { rule } of RULES) {
      rewiden(goals, rule).forEach((c, i) => {
        expect(c.low).toBeLessThanOrEqual(none[i]!.low);
        expect(c.high).toBeGreaterThanOrEqual(none[i]!.high);
        expect(c.median).toBe(none[i]!.median);
      });
    }
    expect(RULES.some((r) => r.rule === WIDENING_RULE)).toBe(true);
  });

  it('refuses cases made without the learner’s record', () => {
    const plain = runCases('irt', 1, 1, FORECAST_CALIBRATION, undefined, false);
    expect(() => rewiden(plain, WIDENING_RULE)).toThrow(/own record/);
  });
});
