import { describe, expect, it } from 'vitest';
import { EloModel } from './elo';
import { forecastSkill, FORECAST_DEFAULTS } from './forecast';
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

function answer(model: EloModel, skillId: string, difficulty: Difficulty, correct: boolean, i: number): void {
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

  it('is reproducible with the same rng seed, and the spread scales the range around the median', () => {
    const m = new EloModel(graph);
    answer(m, 'a', 2, true, 0);
    answer(m, 'a', 2, false, 1);
    const a = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9));
    const b = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9));
    expect(a).toEqual(b);
    const narrow = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9), { spread: 0.5 })!;
    const wide = forecastSkill(cloneOf(m), 'a', T0 + 1e6, seededRng(9), { spread: 2 })!;
    expect(narrow.median).toBe(wide.median);
    expect(wide.high - wide.low).toBeGreaterThan(narrow.high - narrow.low);
  });
});
