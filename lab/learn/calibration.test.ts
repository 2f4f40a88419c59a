import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EloModel, sigmoid } from '../../src/core/elo';
import type { KtSequence } from '../../src/core/kt-data';
import { seededRng } from '../../src/core/rng';
import type { Attempt } from '../../src/core/types';
import { parseDkvmn } from '../kt-datasets';
import {
  assist2009Paths,
  binPredictions,
  calibrationReport,
  ece,
  main,
  parseArgs,
  replayEce,
  skillGraphOf,
  STEP_MS,
  T0,
  type Prediction,
} from './calibration';

describe('binPredictions / ece', () => {
  it('puts each prediction in its tenth, 1 in the last bin', () => {
    const bins = binPredictions([
      { predicted: 0, correct: false },
      { predicted: 0.1, correct: true },
      { predicted: 0.55, correct: true },
      { predicted: 1, correct: true },
    ]);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.n)).toEqual([1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(bins[5]).toMatchObject({ from: 0.5, to: 0.6, n: 1, meanPredicted: 0.55, observed: 1 });
    expect(Number.isNaN(bins[2]!.meanPredicted)).toBe(true);
    expect(() => binPredictions([{ predicted: 1.2, correct: true }])).toThrow(RangeError);
  });

  it('is 0.4 for a constant 0.9 predictor on 50 % data', () => {
    const pairs: Prediction[] = Array.from({ length: 1000 }, (_, i) => ({
      predicted: 0.9,
      correct: i % 2 === 0,
    }));
    expect(ece(binPredictions(pairs))).toBeCloseTo(0.4, 12);
  });

  it('is about 0 for perfectly calibrated predictions', () => {
    const rng = seededRng(7);
    const pairs: Prediction[] = Array.from({ length: 50_000 }, () => {
      const p = rng();
      return { predicted: p, correct: rng() < p };
    });
    // Sampling noise: about Σ_b (n_b/N)·sqrt(p(1−p)/n_b) ≈ 0.005 here.
    expect(ece(binPredictions(pairs))!).toBeLessThan(0.015);
  });

  it('weights each bin by its share', () => {
    // 3 at 0.25 (1 correct: gap 0.25 − 1/3), 1 at 0.85 (correct: gap 0.15).
    const bins = binPredictions([
      { predicted: 0.25, correct: true },
      { predicted: 0.25, correct: false },
      { predicted: 0.25, correct: false },
      { predicted: 0.85, correct: true },
    ]);
    expect(ece(bins)).toBeCloseTo((3 / 4) * (1 / 3 - 0.25) + (1 / 4) * 0.15, 12);
    expect(ece(binPredictions([]))).toBeNull();
  });

  it('reports log-loss and AUC', () => {
    const r = calibrationReport([
      { predicted: 0.8, correct: true },
      { predicted: 0.2, correct: false },
    ]);
    expect(r.n).toBe(2);
    expect(r.auc).toBe(1);
    expect(r.logLoss).toBeCloseTo(-Math.log(0.8), 12);
  });
});

describe('replayEce', () => {
  const seqs: KtSequence[] = [
    { skills: [1, 1, 2, 0, 1], correct: [1, 0, 1, 1, 1] },
    { skills: [2, 2], correct: [0, 0] },
  ];

  it('predicts before updating, with a fresh model per student, and skips rows with no skill', () => {
    const calls: string[] = [];
    let models = 0;
    const result = replayEce(seqs, () => {
      const m = ++models;
      return {
        predict: (item, now) => {
          calls.push(`m${m} predict ${item.skillId} d${item.difficulty} t${now - T0}`);
          return 0.5;
        },
        update: (a: Attempt) => {
          calls.push(`m${m} update ${a.skillId} ${a.correct} h${a.hintsUsed} ${a.solutionShown}`);
        },
      };
    });
    expect(models).toBe(2);
    expect(result.skipped).toBe(1);
    expect(result.students).toBe(2);
    expect(result.overall.n).toBe(6);
    expect(result.coldStart.n).toBe(3); // (s0, 1), (s0, 2), (s1, 2)
    expect(calls.slice(0, 4)).toEqual([
      'm1 predict 1 d2 t0',
      'm1 update 1 true h0 false',
      `m1 predict 1 d2 t${STEP_MS}`,
      'm1 update 1 false h0 false',
    ]);
    // The skipped row takes no time step.
    expect(calls[6]).toBe(`m1 predict 1 d2 t${3 * STEP_MS}`);
    expect(calls[8]).toBe('m2 predict 2 d2 t0');
  });

  it("replays EloModel: the first prediction is the prior's", () => {
    const graph = skillGraphOf(seqs);
    expect(graph.order).toEqual(['1', '2']);
    const result = replayEce(seqs, () => new EloModel(graph));
    const prior = sigmoid(new EloModel(graph).params.prior);
    expect(result.coldStart.bins.filter((b) => b.n > 0)).toHaveLength(1);
    expect(result.coldStart.meanPredicted).toBeCloseTo(prior, 12);
    expect(result.coldStart.ece).toBeCloseTo(Math.abs(prior - 2 / 3), 12);
  });

  it('says which paths it looked for when the data is absent', () => {
    const out: string[] = [];
    main([], (l) => out.push(l), '/nonexistent/');
    expect(out).toHaveLength(1);
    expect(out[0]).toContain('/nonexistent/dkvmn-assist2009/assist2009_updated_train.csv');
  });

  it('parses the CLI arguments', () => {
    expect(parseArgs([])).toEqual({ limit: null, json: false });
    expect(parseArgs(['--limit', '50', '--json'])).toEqual({ limit: 50, json: true });
    expect(() => parseArgs(['--limit', '0'])).toThrow();
    expect(() => parseArgs(['--nope'])).toThrow();
  });
});

const [trainPath] = assist2009Paths();
const present = existsSync(trainPath!);

describe.skipIf(!present)(
  present ? 'ASSIST2009 replay (first 50 students)' : `ASSIST2009 replay skipped: ${trainPath} not found`,
  () => {
    it('scores every response of the first 50 students with EloModel', () => {
      const all = parseDkvmn(readFileSync(trainPath!, 'utf8'));
      const graph = skillGraphOf(all);
      const first = all.slice(0, 50);
      const result = replayEce(first, () => new EloModel(graph));
      const rows = first.reduce((a, s) => a + s.skills.length, 0);
      const pairs = new Set(first.flatMap((s, i) => s.skills.map((k) => `${i}:${k}`)));
      expect(result.skipped).toBe(0);
      expect(result.overall.n).toBe(rows);
      expect(result.overall.bins.reduce((a, b) => a + b.n, 0)).toBe(rows);
      expect(result.coldStart.n).toBe(pairs.size);
      expect(result.overall.ece).toBeGreaterThanOrEqual(0);
      expect(result.overall.ece).toBeLessThan(0.5);
      expect(result.overall.auc).toBeGreaterThan(0.5);
    });
  },
);
