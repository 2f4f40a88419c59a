import { describe, expect, it } from 'vitest';
import type { BktParams, PfaParams } from './kt-baselines';
import { BktModel, PfaModel, bktEmStep, fitBktSkill } from './kt-baselines';
import type { KtSequence } from '../src/core/kt-data';
import { auc, flatLabels } from '../src/core/kt-data';
import { seededRng } from '../src/core/rng';
import type { Rng } from '../src/core/types';

function simulateBkt(rng: Rng, p: BktParams, learners: number, len: number): (0 | 1)[][] {
  const out: (0 | 1)[][] = [];
  for (let l = 0; l < learners; l++) {
    let known = rng() < p.init;
    const obs: (0 | 1)[] = [];
    for (let t = 0; t < len; t++) {
      obs.push((known ? rng() >= p.slip : rng() < p.guess) ? 1 : 0);
      if (!known && rng() < p.learn) known = true;
    }
    out.push(obs);
  }
  return out;
}

function simulatePfa(
  rng: Rng,
  params: ReadonlyMap<number, PfaParams>,
  learners: number,
  len: number,
): KtSequence[] {
  const skills = [...params.keys()];
  const out: KtSequence[] = [];
  for (let l = 0; l < learners; l++) {
    const s = new Map<number, number>();
    const f = new Map<number, number>();
    const seqSkills: number[] = [];
    const correct: (0 | 1)[] = [];
    for (let t = 0; t < len; t++) {
      const k = skills[Math.floor(rng() * skills.length)]!;
      const p = params.get(k)!;
      const z = p.beta + p.gamma * (s.get(k) ?? 0) + p.rho * (f.get(k) ?? 0);
      const c = rng() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
      seqSkills.push(k);
      correct.push(c);
      if (c) s.set(k, (s.get(k) ?? 0) + 1);
      else f.set(k, (f.get(k) ?? 0) + 1);
    }
    out.push({ skills: seqSkills, correct });
  }
  return out;
}

describe('BKT', () => {
  const truth: BktParams = { init: 0.3, learn: 0.2, guess: 0.2, slip: 0.1 };

  it('never decreases the log-likelihood in an EM step', () => {
    const obs = simulateBkt(seededRng(1), truth, 60, 12);
    let p: BktParams = { init: 0.5, learn: 0.05, guess: 0.25, slip: 0.25 };
    let prev = -Infinity;
    for (let i = 0; i < 15; i++) {
      const step = bktEmStep(obs, p);
      expect(step.logLik).toBeGreaterThanOrEqual(prev - 1e-9);
      prev = step.logLik;
      p = step.params;
    }
  });

  it('recovers generating parameters', () => {
    const fit = fitBktSkill(simulateBkt(seededRng(2), truth, 3000, 15));
    expect(fit.init).toBeCloseTo(truth.init, 1);
    expect(fit.learn).toBeCloseTo(truth.learn, 1);
    expect(fit.guess).toBeCloseTo(truth.guess, 1);
    expect(fit.slip).toBeCloseTo(truth.slip, 1);
  });

  it('predicts online from the history before each interaction only', () => {
    const p: BktParams = { init: 0.5, learn: 0.1, guess: 0.2, slip: 0.1 };
    const model = new BktModel(new Map([[1, p]]), p);
    const a = model.predict([{ skills: [1, 1, 2], correct: [1, 0, 1] }]);
    const b = model.predict([{ skills: [1, 1, 2], correct: [0, 1, 0] }]);
    expect(a[0]).toBeCloseTo(0.5 * 0.9 + 0.5 * 0.2);
    expect(a[0]).toBe(b[0]);
    expect(a[1]).toBeGreaterThan(b[1]!); // a correct first answer raises P(known)
    expect(a[2]).toBeCloseTo(a[0]!); // skill 2 is untouched by skill 1's history
  });

  it('fits per skill and beats chance on BKT-generated data', () => {
    const rng = seededRng(3);
    const seqs: KtSequence[] = simulateBkt(rng, truth, 300, 10).map((c) => ({
      skills: c.map(() => 7),
      correct: c,
    }));
    const model = BktModel.fit(seqs);
    expect(model.perSkill.has(7)).toBe(true);
    const test = simulateBkt(rng, truth, 300, 10).map((c) => ({ skills: c.map(() => 7), correct: c }));
    expect(auc(flatLabels(test), model.predict(test))).toBeGreaterThan(0.65);
  });
});

describe('PFA', () => {
  it('recovers per-skill parameters and predicts unseen skills with the pooled fit', () => {
    const truth = new Map<number, PfaParams>([
      [1, { beta: -1, gamma: 0.3, rho: 0.05 }],
      [2, { beta: 0.5, gamma: 0.1, rho: -0.2 }],
    ]);
    const train = simulatePfa(seededRng(4), truth, 400, 40);
    const model = PfaModel.fit(train, { l2: 0.01 });
    for (const [k, p] of truth) {
      const fit = model.perSkill.get(k)!;
      expect(fit.beta).toBeCloseTo(p.beta, 0);
      expect(Math.abs(fit.gamma - p.gamma)).toBeLessThan(0.05);
      expect(Math.abs(fit.rho - p.rho)).toBeLessThan(0.05);
    }
    const preds = model.predict([{ skills: [9, 9], correct: [1, 1] }]);
    const fb = model.fallback;
    expect(preds[0]).toBeCloseTo(1 / (1 + Math.exp(-fb.beta)));
    expect(preds[1]).toBeCloseTo(1 / (1 + Math.exp(-(fb.beta + fb.gamma))));
  });
});
