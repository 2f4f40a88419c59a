import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accuracy, auc, chunkSequences, countInteractions, flatLabels, logLoss, rmse } from './kt-data';

const TWO = [
  { skills: [1, 2, 1], correct: [1, 0, 1] as (0 | 1)[] },
  { skills: [5, 5], correct: [0, 1] as (0 | 1)[] },
];

describe('chunkSequences', () => {
  it('splits into consecutive chunks of 200 and never truncates', () => {
    const n = 450;
    const seq = {
      skills: Array.from({ length: n }, (_, i) => i),
      items: Array.from({ length: n }, (_, i) => 1000 + i),
      correct: Array.from({ length: n }, (_, i) => (i % 2) as 0 | 1),
    };
    const chunks = chunkSequences([seq, { skills: [1], correct: [1] }]);
    expect(chunks.map((c) => c.skills.length)).toEqual([200, 200, 50, 1]);
    expect(chunks[1]?.skills[0]).toBe(200);
    expect(chunks[2]?.items?.[49]).toBe(1449);
    expect(countInteractions(chunks)).toBe(n + 1);
  });

  it('keeps every interaction in order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { maxLength: 5 }),
        fc.integer({ min: 1, max: 300 }),
        (lens, len) => {
          const seqs = lens.map((l, k) => ({
            skills: Array.from({ length: l }, (_, i) => k * 1000 + i),
            correct: Array.from({ length: l }, () => 1 as const),
          }));
          const chunks = chunkSequences(seqs, len);
          expect(chunks.flatMap((c) => c.skills)).toEqual(seqs.flatMap((s) => s.skills));
          expect(chunks.every((c) => c.skills.length <= len && c.skills.length > 0)).toBe(true);
        },
      ),
    );
  });
});

describe('metrics', () => {
  it('computes AUC with ties counted as half', () => {
    expect(auc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75);
    expect(auc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBe(0.5);
    expect(auc([0, 1, 1], [0.2, 0.2, 0.9])).toBeCloseTo(0.75);
    expect(auc([1, 1], [0.2, 0.3])).toBeNaN();
  });

  it('matches the pairwise definition of AUC (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 1 }), fc.integer({ min: 0, max: 5 })), {
          minLength: 2,
          maxLength: 40,
        }),
        (pairs) => {
          const labels = pairs.map((p) => p[0]);
          const preds = pairs.map((p) => p[1] / 5);
          let num = 0;
          let den = 0;
          for (let i = 0; i < pairs.length; i++) {
            for (let j = 0; j < pairs.length; j++) {
              if (labels[i] === 1 && labels[j] === 0) {
                den++;
                num += preds[i]! > preds[j]! ? 1 : preds[i] === preds[j] ? 0.5 : 0;
              }
            }
          }
          const a = auc(labels, preds);
          if (den === 0) expect(a).toBeNaN();
          else expect(a).toBeCloseTo(num / den, 12);
        },
      ),
    );
  });

  it('computes accuracy, log loss and RMSE', () => {
    expect(accuracy([1, 0, 1, 0], [0.9, 0.2, 0.4, 0.5])).toBe(0.5);
    expect(logLoss([1, 0], [0.5, 0.5])).toBeCloseTo(Math.log(2));
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
    expect(rmse([1, 0], [0.5, 0.5])).toBeCloseTo(0.5);
  });

  it('flattens labels in sequence order', () => {
    expect(Array.from(flatLabels(TWO))).toEqual([1, 0, 1, 0, 1]);
  });
});
