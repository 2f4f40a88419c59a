import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { seededRng } from '../../src/core/rng';
import type { Difficulty } from '../../src/core/types';
import { createLearner } from './families';
import { forced, ParticleBelief, readOptions, runFilter } from './filter';
import { ITEM_MS, itemTime, START } from './run';

const g = mathsGraph;
const skills = g.order.slice(0, 6);

describe('an observable reference: the oracle rule over a particle filter (learn:filter)', () => {
  it('a particle that is a copy of the learner follows it exactly, answer by answer (irt learns deterministically)', () => {
    const learner = createLearner('irt', g, seededRng(11), START);
    const belief = new ParticleBelief([learner.clone!()], g, seededRng(12));
    const outcomes = seededRng(13);
    for (let i = 0; i < 200; i++) {
      const skill = skills[i % skills.length]!;
      const level = (1 + (i % 3)) as Difficulty;
      const t = itemTime(i) + ITEM_MS;
      belief.observe(skill, level, t, learner.answer(skill, level, t, outcomes));
      if (i % 40 === 39) {
        for (const id of g.order) {
          for (const l of [1, 2, 3] as const) expect(belief.p(id, l, t)).toBe(learner.p(id, l, t));
        }
      }
    }
  });

  it("a skill's weights go to the particle that explains its answers; a skill never asked keeps the prior", () => {
    // Two particles: the learner's copy and another learner. Answers only on `asked`.
    const learner = createLearner('irt', g, seededRng(21), START);
    const other = createLearner('irt', g, seededRng(22), START);
    const asked = g.order.find((id) => Math.abs(learner.p(id, 2, START) - other.p(id, 2, START)) > 0.4);
    expect(asked).toBeDefined();
    if (asked === undefined) return;
    const never = g.order.find((id) => id !== asked && !g.byId.get(id)!.prerequisites.includes(asked))!;
    const belief = new ParticleBelief([learner.clone!(), other], g, seededRng(23));
    const outcomes = seededRng(24);
    let t = START;
    for (let i = 0; i < 40; i++) {
      t = itemTime(i) + ITEM_MS;
      belief.observe(asked, 2, t, learner.answer(asked, 2, t, outcomes));
    }
    expect(Math.abs(belief.p(asked, 3, t) - learner.p(asked, 3, t))).toBeLessThan(0.01);
    expect(belief.ess(asked)).toBeLessThan(1.05);
    expect(belief.ess(never)).toBeCloseTo(2, 10);
    // The prior's mean for a skill never asked: the two particles, equally weighted.
    const [a, b] = [learner.p(never, 3, t), other.p(never, 3, t)];
    expect(belief.p(never, 3, t)).toBeCloseTo((a + b) / 2, 12);
  });

  it("with `share` a skill never asked takes part of the other skills' evidence (1: all of it)", () => {
    const learner = createLearner('irt', g, seededRng(21), START);
    const other = createLearner('irt', g, seededRng(22), START);
    const asked = g.order.find((id) => Math.abs(learner.p(id, 2, START) - other.p(id, 2, START)) > 0.4)!;
    const never = g.order.find((id) => id !== asked && !g.byId.get(id)!.prerequisites.includes(asked))!;
    const ess = (share: number): number => {
      const belief = new ParticleBelief([learner.clone!(), other.clone!()], g, seededRng(23), share);
      const outcomes = seededRng(24);
      const copy = learner.clone!();
      for (let i = 0; i < 40; i++) {
        const t = itemTime(i) + ITEM_MS;
        belief.observe(asked, 2, t, copy.answer(asked, 2, t, outcomes));
      }
      expect(belief.ess(asked)).toBeLessThan(1.05);
      return belief.ess(never);
    };
    expect(ess(0)).toBeCloseTo(2, 10);
    expect(ess(1)).toBeLessThan(1.05);
    const little = ess(0.05);
    expect(little).toBeGreaterThan(1.05);
    expect(little).toBeLessThan(2);
  });

  it('a small run: the filter is calibrated, and says how thin its posterior is', () => {
    const [row] = runFilter(['irt'], [1], 2, { particles: 60, sure: 0.8, share: 0 });
    expect(row!.filter.learners).toBe(2);
    // Its predictions are posterior means. Checked by hand: with the likelihood inverted (a wrong
    // answer weighted as a right one) the ECE of this run is 0.24.
    expect(row!.filter.ece).not.toBeNull();
    expect(row!.filter.ece!).toBeLessThan(0.1);
    expect(row!.ess.min).toBeGreaterThanOrEqual(1);
    expect(row!.ess.min).toBeLessThanOrEqual(row!.ess.median);
    expect(row!.ess.median).toBeLessThan(60);
  });

  it('a particle is weighted by how likely it found the answer before it learned from it', () => {
    const a = createLearner('irt', g, seededRng(31), START);
    const b = createLearner('irt', g, seededRng(32), START);
    const skill = g.order[0]!;
    const t = START + ITEM_MS;
    const belief = new ParticleBelief([a.clone!(), b.clone!()], g, seededRng(33));
    const [pa, pb] = [a.p(skill, 2, t), b.p(skill, 2, t)];
    expect(Math.abs(pa - pb)).toBeGreaterThan(0.05);
    belief.observe(skill, 2, t, true);
    a.answer(skill, 2, t, forced(true, seededRng(0)));
    b.answer(skill, 2, t, forced(true, seededRng(0)));
    const t2 = t + ITEM_MS;
    const want = (pa * a.p(skill, 3, t2) + pb * b.p(skill, 3, t2)) / (pa + pb);
    expect(belief.p(skill, 3, t2)).toBeCloseTo(want, 12);
    // Weighted after learning instead, the posterior would differ.
    const [qa, qb] = [a.p(skill, 2, t), b.p(skill, 2, t)];
    const after = (qa * a.p(skill, 3, t2) + qb * b.p(skill, 3, t2)) / (qa + qb);
    expect(Math.abs(after - want)).toBeGreaterThan(1e-4);
  });

  it('the forced outcome is the one every simulator family takes', () => {
    for (const family of ['irt', 'memory'] as const) {
      const rng = seededRng(41);
      for (let i = 0; i < 60; i++) {
        const learner = createLearner(family, g, seededRng(100 + i), START);
        const skill = g.order[i % g.order.length]!;
        const level = (1 + (i % 3)) as Difficulty;
        for (const c of [true, false]) {
          expect(learner.clone!().answer(skill, level, START, forced(c, rng))).toBe(c);
        }
      }
    }
  });

  it("with `share` β, a skill weighs its own answers fully and the other skills' to the power β", () => {
    const a = createLearner('irt', g, seededRng(51), START);
    const b = createLearner('irt', g, seededRng(52), START);
    const [x, y] = [g.order[0]!, g.order[1]!];
    const belief = new ParticleBelief([a.clone!(), b.clone!()], g, seededRng(53), 0.5);
    const logs = { a: { x: 0, y: 0 }, b: { x: 0, y: 0 } };
    const outcomes = seededRng(54);
    let t = START;
    for (let i = 0; i < 12; i++) {
      const skill = i % 3 === 0 ? y : x;
      const key = skill === x ? 'x' : 'y';
      t = itemTime(i) + ITEM_MS;
      const correct = outcomes() < 0.6;
      for (const [name, l] of [
        ['a', a],
        ['b', b],
      ] as const) {
        const pc = l.p(skill, 2, t);
        logs[name][key] += Math.log(correct ? pc : 1 - pc);
        l.answer(skill, 2, t, forced(correct, seededRng(0)));
      }
      belief.observe(skill, 2, t, correct);
    }
    const wa = Math.exp(logs.a.x + 0.5 * logs.a.y);
    const wb = Math.exp(logs.b.x + 0.5 * logs.b.y);
    const want = (wa * a.p(x, 3, t) + wb * b.p(x, 3, t)) / (wa + wb);
    expect(belief.p(x, 3, t)).toBeCloseTo(want, 10);
  });

  it('bad options get a clear message', () => {
    expect(() => readOptions(['--particles', '0'])).toThrow(/whole number/);
    expect(() => readOptions(['--particles', '2.5'])).toThrow(/whole number/);
    expect(() => readOptions(['--sure', '2'])).toThrow(/probability/);
    expect(() => readOptions(['--sure', 'x'])).toThrow(/number/);
    expect(() => readOptions(['--share', '2'])).toThrow(/power/);
    expect(readOptions(['--learners', '5', '--sure', '0.9']).rest).toEqual(['--learners', '5']);
  });
});
