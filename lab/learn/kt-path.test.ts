import { describe, expect, it, vi } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { EloModel } from '../../src/core/elo';
import * as selection from '../../src/core/selection';
import { TableModel, type PredictionTable } from '../../src/core/table-model';
import type { Selection, SkillId } from '../../src/core/types';
import { loadKtRuntime } from './kt-policy';
import { probeLearnerAsync, runLearner } from './run';

// Wrap (not replace) the app's real nextSelection so the test can see what it was called with.
vi.mock('../../src/core/selection', async (importOriginal) => {
  const real = await importOriginal<typeof selection>();
  return { ...real, nextSelection: vi.fn(real.nextSelection) };
});

const ANSWERS = 30;

describe('lantern-kt: the network path (1 learner, the first 30 answers)', () => {
  it("selects with the app's nextSelection over a TableModel whose table is recomputed after every answer", async () => {
    const { tf } = await loadKtRuntime();
    expect(tf.getBackend()).toBe('wasm');
    const spy = vi.mocked(selection.nextSelection);
    spy.mockClear();
    const tensorsBefore = tf.memory().numTensors;
    const trace = {
      selections: [] as Selection[],
      served: [] as SkillId[],
      tables: [] as (PredictionTable | undefined)[],
    };
    const given = await probeLearnerAsync('irt', 'lantern-kt', mathsGraph, 7, 0, ANSWERS, trace);
    expect(given).toBe(ANSWERS);
    // Every tensor was disposed (the engine's network included, at the end of the run).
    expect(tf.memory().numTensors).toBe(tensorsBefore);

    expect(spy).toHaveBeenCalledTimes(ANSWERS);
    expect(trace.selections.map((s) => s.skillId)).toEqual(trace.served);
    spy.mock.calls.forEach(([model], i) => {
      // What the app builds once its worker has loaded: TableModel(elo, the newest table).
      expect(model).toBeInstanceOf(TableModel);
      const tm = model as TableModel;
      expect(tm.fallback).toBeInstanceOf(EloModel);
      expect(tm.name).toBe('kt-base');
      const table = trace.tables[i]!;
      expect(tm.table).toBe(table);
      // The BASE network's table, made after exactly the answers given so far.
      expect(table.source).toBe('base');
      expect(table.attemptCount).toBe(i);
      expect(Object.keys(table.p)).toHaveLength(mathsGraph.skills.length);
      // The selection's prediction is the table's.
      const s = trace.selections[i]!;
      expect(spy.mock.results[i]!.value).toBe(s);
      expect(s.predicted).toBe(table.p[s.skillId]![s.difficulty - 1]);
      // Recomputed after each answer: the table changed.
      if (i > 0) expect(table.p).not.toEqual(trace.tables[i - 1]!.p);
    });
    const ps = Object.values(trace.tables.at(-1)!.p).flat();
    for (const p of ps) {
      expect(p).toBeGreaterThan(0);
      expect(p).toBeLessThan(1);
    }
  });

  it('is reproducible: the same learner gives the same selections and tables', async () => {
    const run = async () => {
      const trace = {
        selections: [] as Selection[],
        served: [] as SkillId[],
        tables: [] as (PredictionTable | undefined)[],
      };
      await probeLearnerAsync('irt', 'lantern-kt', mathsGraph, 7, 0, 8, trace);
      return trace;
    };
    const [a, b] = [await run(), await run()];
    expect(b.selections).toEqual(a.selections);
    expect(b.tables).toEqual(a.tables);
  });

  it('stays on the backend it was loaded on (figures of two backends are never mixed)', async () => {
    const { backend } = await loadKtRuntime();
    expect(backend).toBe('wasm');
    await expect(loadKtRuntime('wasm')).resolves.toMatchObject({ backend: 'wasm' });
    expect(() => loadKtRuntime('cpu')).toThrow(/already runs on tfjs wasm, not cpu/);
  });

  it('is refused by the synchronous runner', () => {
    expect(() => runLearner('irt', 'lantern-kt', mathsGraph, 1, 0)).toThrow(/runLearnerAsync/);
  });
});
