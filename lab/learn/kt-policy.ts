/**
 * `lantern-kt`: the app's policy once its model worker has loaded (src/app/lantern.ts:
 * `selectionModel: (m) => new TableModel(m, kt.tableFor(learnerId))`). `nextSelection` runs over
 * `new TableModel(eloModel, table)`, where `table` is the newest prediction table of the app's
 * own `KtEngine` (src/app/kt-engine.ts, the worker's engine) on the shipped base network
 * (models/base/), posted after `open` and again after every answer, as the worker does.
 *
 * The table is built by the engine itself, imported, never copied: the engine is opened on a
 * fresh fake-indexeddb `LanternDB` (as the Node bench helpers of src/storage/test-utils do) and
 * told each attempt with `engine.attempt`. Fine-tuning is switched off (`trainEvery: ∞`, no
 * session-end run), so every table comes from the BASE weights. tfjs runs on the WASM backend
 * (or the CPU one: `loadKtRuntime('cpu')`, the bench's `--backend cpu`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { KtEngine, ModelArtifacts } from '../../src/app/kt-engine';
import type { FromWorker } from '../../src/app/kt-protocol';
import { EloModel } from '../../src/core/elo';
import { emptySummary, recordInSummary } from '../../src/core/practice';
import { nextSelection } from '../../src/core/selection';
import { TableModel, type PredictionTable } from '../../src/core/table-model';
import type { PracticeSummary, Rng, Selection, SkillGraph, SkillId } from '../../src/core/types';
import type { tf as Tf } from '../../src/model/tf';
import type { NodeBackend } from '../lib/tf-node';
import type { LanternDB } from '../../src/storage/db';
import { RECENT, simAttempt, type LanternTrace, type Policy } from './policies';

/** The tfjs backends the network path can run on in Node (lab/lib/tf-node.ts). */
export type KtBackend = NodeBackend;

/**
 * WASM by default: the same tables as the CPU backend to about 1e-7 and the same selections,
 * about 5× faster (lab/learn/README.md, "The network's path"). `--backend cpu` keeps the old one.
 */
export const DEFAULT_KT_BACKEND: KtBackend = 'wasm';

/** What the network path needs, loaded once per process (tfjs, the engine, the base weights). */
export interface KtRuntime {
  readonly tf: typeof Tf;
  readonly backend: KtBackend;
  readonly KtEngine: typeof KtEngine;
  readonly freshDb: (prefix?: string) => LanternDB;
  readonly base: ModelArtifacts;
}

const MODEL_DIR = fileURLToPath(new URL('../../models/base/', import.meta.url));

let runtime: { readonly backend: KtBackend; readonly loaded: Promise<KtRuntime> } | undefined;

/** tfjs-core with `backend` registered and selected, under Vitest or plain Node (tsx). */
async function initTf(backend: KtBackend): Promise<typeof Tf> {
  // Plain Node needs the resolve hook for tfjs's extensionless ES modules; Vitest resolves them.
  if (!process.env.VITEST) return (await import('../lib/tf-node')).initTfNode(backend);
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  const { tf } = await import('../../src/model/tf');
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs ${backend} backend failed`);
  await tf.ready();
  return tf;
}

/**
 * tfjs on `backend` (the first call chooses it for the process: asking for another one later
 * throws rather than mixing figures of two backends), then (dynamically, after it:
 * lab/lib/tf-node.ts) the app's engine and the shipped base model, read from models/base/ as
 * lab/kt-finetune-bench.ts does.
 */
export function loadKtRuntime(backend?: KtBackend): Promise<KtRuntime> {
  if (runtime && backend !== undefined && backend !== runtime.backend) {
    throw new Error(`the network path already runs on tfjs ${runtime.backend}, not ${backend}`);
  }
  if (runtime) return runtime.loaded;
  const chosen = backend ?? DEFAULT_KT_BACKEND;
  const loaded = (async () => {
    const tf = await initTf(chosen);
    // First: test-utils installs fake-indexeddb, which Dexie must find when it is loaded.
    const { freshDb } = await import('../../src/storage/test-utils');
    const [{ KtEngine }, { isKtNetDescriptor }] = await Promise.all([
      import('../../src/app/kt-engine'),
      import('../../src/model/kt-net'),
    ]);
    const descriptor: unknown = JSON.parse(readFileSync(`${MODEL_DIR}model.json`, 'utf8'));
    if (!isKtNetDescriptor(descriptor)) throw new Error('models/base/model.json is not a model descriptor');
    const bytes = readFileSync(`${MODEL_DIR}weights.bin`);
    const data = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return { tf, backend: chosen, KtEngine, freshDb, base: { descriptor, data } };
  })();
  runtime = { backend: chosen, loaded };
  return loaded;
}

/** What lantern-kt did: its selections, and the table each one was made over. */
export interface KtTrace extends LanternTrace {
  readonly tables?: (PredictionTable | undefined)[];
}

/** A policy that holds resources (the engine's network, its database) until `dispose`. */
export interface AsyncPolicy extends Policy {
  dispose(): Promise<void>;
}

const LEARNER = 'sim';

/**
 * The app's policy on the network's path. As `lanternEloPolicy` (the same Elo model, practice
 * summary, `recent`, no focus), except that selection sees `new TableModel(elo, table)` and each
 * attempt (with `predictedBy` = that model's name, as `PracticeSession` records it) also goes to
 * the engine, whose next table is awaited before the next choice.
 */
export async function lanternKtPolicy(
  graph: SkillGraph,
  rng: Rng,
  responseMs: number,
  rt: KtRuntime,
  trace?: KtTrace,
  /** The engine's recalibration of its table (the app's default); false = `lantern-kt-raw`. */
  recalibrate = true,
): Promise<AsyncPolicy> {
  const model = new EloModel(graph);
  let practice: PracticeSummary = emptySummary();
  let recent: SkillId[] = [];
  let last: Selection | null = null;
  let lastBy = model.name;
  let n = 0;
  let table: PredictionTable | undefined;
  let failure: string | undefined;
  const db = rt.freshDb('learn-kt');
  const post = (m: FromWorker): void => {
    if (m.type === 'predictions') table = m.table;
    else if (m.type === 'error') failure ??= `${m.where}: ${m.message}`;
  };
  let clock = 0;
  const engine = new rt.KtEngine({
    db,
    loadBase: () => Promise.resolve(rt.base),
    post,
    // The worker predicts right after it hears of an attempt: the simulated answer time.
    now: () => clock,
    backend: rt.backend,
    trainEvery: Infinity,
    recalibrate,
  });
  await engine.open(LEARNER, graph.skills);
  const check = (): void => {
    if (failure !== undefined) throw new Error(`lantern-kt: the engine reported ${failure}`);
    if (table === undefined) throw new Error('lantern-kt: the engine posted no prediction table');
    if (table.source !== 'base') throw new Error(`lantern-kt: a ${table.source} table, not the base model's`);
  };
  return {
    name: recalibrate ? 'lantern-kt' : 'lantern-kt-raw',
    choose(t) {
      check();
      const selectionModel = new TableModel(model, table);
      lastBy = selectionModel.name;
      last = nextSelection(selectionModel, graph, practice, t, rng, { recent, focus: [] });
      trace?.selections.push(last);
      trace?.tables?.push(table);
      return { skill: last.skillId, level: last.difficulty };
    },
    predicted: () => last?.predicted,
    reason: () => last?.reason,
    async observe(c, correct, t) {
      const seed = n++;
      const attempt = simAttempt(c, correct, t, seed, {
        learnerId: LEARNER,
        responseMs,
        predicted: last?.predicted,
        predictedBy: lastBy,
      });
      model.update(attempt);
      practice = recordInSummary(practice, attempt);
      recent = [...recent, c.skill].slice(-RECENT);
      clock = t;
      await engine.attempt(attempt);
      check();
      if (table!.attemptCount !== n) throw new Error('lantern-kt: the table is not the latest');
    },
    async dispose() {
      engine.close();
      await db.delete();
    },
  };
}
