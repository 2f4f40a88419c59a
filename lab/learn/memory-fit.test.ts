import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { recallAfter } from '../../src/core/elo';
import { seededRng } from '../../src/core/rng';
import {
  fitMemory,
  memoryBench,
  parseReviewLog,
  replayRecall,
  REVIEW_LOG,
  runMemoryFit,
  shippedMemory,
  type Card,
  type MemoryParams,
} from './memory-fit';

const DAY = 86_400_000;

describe('the review log (seq2seq.tsv)', () => {
  it('reads each card as review days from 0 and what was recalled at each', () => {
    const text = 't_history\tr_history\tdelta_ts\tys\n0,3,5\t4,3,1\t3,5,10\t1,0,1\n';
    expect(parseReviewLog(text)).toEqual([{ days: [0, 3, 8, 18], recalled: [true, true, false, true] }]);
  });

  it('refuses a malformed row with its line number', () => {
    expect(() => parseReviewLog('t_history\tr_history\tdelta_ts\tys\n0,3\t4,3\t3\t1,1\n')).toThrow(/line 2/);
    expect(() => parseReviewLog('t_history\tr_history\tdelta_ts\tys\n0,x\t4,3\t3,4\t1,1\n')).toThrow(
      /line 2/,
    );
    expect(() => parseReviewLog('t\tys\n')).toThrow(/no t_history column/);
  });
});

describe('replayRecall', () => {
  it("predicts with the Elo model's own recall, before each review after the first", () => {
    const p: MemoryParams = { s0: 2, gainSame: 0, gainSpaced: 1, spacing: 1, lapse: 0.5 };
    const preds = replayRecall([{ days: [0, 2, 3], recalled: [true, false, true] }], p);
    expect(preds.map((x) => x.correct)).toEqual([false, true]);
    // first review: S = s0 = 2; recall after 2 days
    expect(preds[0]!.predicted).toBeCloseTo(recallAfter(2 * DAY, 2), 12);
    // forgotten: S halves to 1; recall after 1 more day
    expect(preds[1]!.predicted).toBeCloseTo(recallAfter(DAY, 1), 12);
  });
});

describe('fitMemory', () => {
  it('recovers the stability of cards drawn from known parameters', () => {
    const truth: MemoryParams = { s0: 6, gainSame: 0.05, gainSpaced: 3, spacing: 1.5, lapse: 0.3 };
    const rng = seededRng(11);
    // Draw cards review by review from the truth's own recall, at random gaps of 1–20 days.
    const cards: Card[] = [];
    for (let c = 0; c < 300; c++) {
      const days = [0];
      const recalled = [true];
      for (let k = 1; k < 8; k++) {
        days.push(days[k - 1]! + 1 + Math.floor(rng() * 20));
        const p = replayRecall([{ days, recalled: [...recalled, true] }], truth).at(-1)!.predicted;
        recalled.push(rng() < p);
      }
      cards.push({ days, recalled });
    }
    const fitted = fitMemory(cards);
    const shipped = shippedMemory();
    // the fit moves s0 from the shipped 1 day to near the truth's 6
    expect(fitted.s0).toBeGreaterThan(3);
    expect(fitted.s0).toBeLessThan(12);
    const ll = (p: MemoryParams): number => {
      const xs = replayRecall(cards, p);
      return -xs.reduce((a, x) => a + Math.log(x.correct ? x.predicted : 1 - x.predicted), 0) / xs.length;
    };
    expect(ll(fitted)).toBeLessThan(ll(shipped));
  });
});

describe('memoryBench (smoke size)', () => {
  it('runs the shipped policy with the fitted memory and with its growth alone, per learner', () => {
    const fitted: MemoryParams = { s0: 10, gainSame: 0.09, gainSpaced: 2.5, spacing: 1.4, lapse: 0.25 };
    const rows = memoryBench(fitted, 2, [1]);
    expect(rows.map((r) => `${r.family} ${r.variant}`)).toEqual([
      'irt shipped',
      'irt fitted',
      'irt growth',
      'memory shipped',
      'memory fitted',
      'memory growth',
    ]);
    for (const r of rows.filter((x) => x.variant === 'shipped')) expect(r.paired.mean).toBe(0);
    // a memory ten times as stable changes what the policy does
    const irt = rows.filter((r) => r.family === 'irt');
    expect(irt[1]!.metrics).not.toEqual(irt[0]!.metrics);
  });
});

const present = existsSync(REVIEW_LOG);
describe.skipIf(!present)(
  present ? 'the FSRS review log (first 600 cards)' : `the FSRS review log skipped: ${REVIEW_LOG} not found`,
  () => {
    it('is read whole, and the fit predicts the held-out cards better than the shipped parameters', () => {
      const cards = parseReviewLog(readFileSync(REVIEW_LOG, 'utf8'));
      expect(cards).toHaveLength(9161);
      expect(cards.reduce((a, c) => a + c.days.length - 1, 0)).toBe(83_598);
      const res = runMemoryFit(cards.slice(0, 600));
      expect(res.report.fitted.heldOut.logLoss).toBeLessThan(res.report.shipped.heldOut.logLoss);
    });
  },
);
