import { describe, expect, it } from 'vitest';
import { MIN_FOR_AUC, MIN_FOR_FIT, modelFit } from './model-fit';
import { TableModel } from './table-model';
import type { LearnerModel, SkillEvidence } from './types';

describe('modelFit', () => {
  it('needs MIN_FOR_FIT attempts that carry a prediction', () => {
    const some = Array.from({ length: MIN_FOR_FIT - 1 }, (_, i) => ({
      correct: i % 2 === 0,
      predicted: 0.6,
    }));
    expect(modelFit(some)).toBeNull();
    // Attempts from before predictions were recorded do not count.
    expect(modelFit([...some, { correct: true }, { correct: false }])).toBeNull();
    expect(modelFit([...some, { correct: true, predicted: 0.9 }])).not.toBeNull();
  });

  it('bins predictions and compares them with what happened', () => {
    const attempts = [
      ...Array.from({ length: 10 }, (_, i) => ({ correct: i < 9, predicted: 0.9 })),
      ...Array.from({ length: 10 }, (_, i) => ({ correct: i < 3, predicted: 0.3 })),
    ];
    const fit = modelFit(attempts)!;
    expect(fit.count).toBe(20);
    expect(fit.bins).toEqual([
      { from: 0.2, to: 0.4, count: 10, predicted: expect.closeTo(0.3, 9), observed: 0.3 },
      { from: 0.8, to: 1, count: 10, predicted: expect.closeTo(0.9, 9), observed: 0.9 },
    ]);
    expect(fit.meanPredicted).toBeCloseTo(0.6, 9);
    expect(fit.observed).toBe(0.6);
    expect(fit.auc).toBeNull(); // fewer than MIN_FOR_AUC
  });

  it('gives AUC once there are enough answers of both kinds, from the most recent window only', () => {
    const good = Array.from({ length: MIN_FOR_AUC }, (_, i) => ({
      correct: i % 2 === 0,
      predicted: i % 2 === 0 ? 0.8 : 0.3,
    }));
    expect(modelFit(good)!.auc).toBe(1);
    const inverted = good.map((a) => ({ ...a, correct: !a.correct }));
    // Old, inverted history outside the window does not count.
    expect(modelFit([...inverted, ...good], MIN_FOR_AUC)!.auc).toBe(1);
    expect(modelFit([...good, ...inverted], MIN_FOR_AUC)!.auc).toBe(0);
    const allRight = good.map((a) => ({ ...a, correct: true }));
    expect(modelFit(allRight)!.auc).toBeNull();
  });
});

describe('TableModel', () => {
  const evidence: SkillEvidence = { mastery: 0.25, mastered: true, recall: 0.8, attempts: 4, wrongRun: 1 };
  const updates: string[] = [];
  const elo: LearnerModel = {
    name: 'elo',
    predict: () => 0.5,
    mastery: () => 0.25,
    mastered: (id) => id === 'add',
    evidence: (id, now) => ({ ...evidence, attempts: now, mastered: id === 'add' }),
    update: (a) => void updates.push(a.id),
  };

  it('predicts from the table where it has a value, and from the fallback elsewhere', () => {
    const m = new TableModel(elo, {
      learnerId: 'a',
      attemptCount: 3,
      source: 'personal',
      p: { add: [0.9, 0.7, Number.NaN] },
    });
    expect(m.name).toBe('kt-personal');
    expect(m.predict({ skillId: 'add', difficulty: 1 }, 0)).toBe(0.9);
    expect(m.predict({ skillId: 'add', difficulty: 2 }, 0)).toBe(0.7);
    expect(m.predict({ skillId: 'add', difficulty: 3 }, 0)).toBe(0.5);
    expect(m.predict({ skillId: 'new-skill', difficulty: 1 }, 0)).toBe(0.5);
    expect(m.mastery('add')).toBe(0.25);
  });

  it('leaves mastery, the mastered flag, evidence and updates to the fallback', () => {
    const m = new TableModel(elo, {
      learnerId: 'a',
      attemptCount: 3,
      source: 'base',
      p: { add: [0.99, 0.99, 0.99], sub: [0.1, 0.1, 0.1] },
    });
    expect(m.name).toBe('kt-base');
    // the table's high predictions do not make a skill mastered, nor low ones take the flag away
    expect(m.mastered('add')).toBe(true);
    expect(m.mastered('sub')).toBe(false);
    expect(m.evidence('add', 7)).toEqual({ ...evidence, attempts: 7, mastered: true });
    expect(m.evidence('sub', 9)).toEqual({ ...evidence, attempts: 9, mastered: false });
    m.update({
      id: 'x1',
      learnerId: 'a',
      itemId: 'add~1~0',
      skillId: 'add',
      difficulty: 1,
      seed: 0,
      params: {},
      answer: '1',
      correct: true,
      responseMs: 1,
      hintsUsed: 0,
      solutionShown: false,
      timestamp: 0,
      appVersion: 'test',
    });
    expect(updates).toEqual(['x1']);
  });

  it('is the fallback when no table has arrived', () => {
    const m = new TableModel(elo, undefined);
    expect(m.name).toBe('elo');
    expect(m.predict({ skillId: 'add', difficulty: 1 }, 0)).toBe(0.5);
  });
});
