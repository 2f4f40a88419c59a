import '@tensorflow/tfjs-backend-cpu';
import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { COURSE_CONTEXT_FEATURES } from '../core/kt-course';
import { applyPlatt } from '../core/platt';
import type { Attempt } from '../core/types';
import { mathsGraph } from '../content/maths';
import { tf } from '../model/tf';
import { createNet } from '../model/train';
import type { LanternDB } from '../storage/db';
import { AttemptRepo, LearnerRepo, ModelRepo } from '../storage/repositories';
import { freshDb, makeAttempt } from '../storage/test-utils';
import type { ModelArtifacts } from './kt-engine';
import { KtEngine } from './kt-engine';
import type { FromWorker } from './kt-protocol';

const SPEC = { skillBuckets: 128, itemBuckets: 0, contextFeatures: COURSE_CONTEXT_FEATURES };
let base: ModelArtifacts;

beforeAll(async () => {
  await tf.setBackend('cpu');
  const net = createNet(SPEC, { dModel: 16, slots: 4, valueDim: 4, hidden: 16 }, 5);
  base = await net.toArtifacts({ version: 'test-1' });
  net.dispose();
});

const dbs: LanternDB[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.delete();
});

async function setup(attempts: number, correct: (i: number) => boolean, step = 1000) {
  const db = freshDb('kt-engine');
  dbs.push(db);
  const learner = await new LearnerRepo(db).create({ nickname: 'Ada', avatar: 'fox' });
  const repo = new AttemptRepo(db);
  const skills = mathsGraph.order.slice(0, 4);
  const stored: Attempt[] = [];
  for (let i = 0; i < attempts; i++) {
    const a = makeAttempt({
      id: `a-${String(i).padStart(4, '0')}`,
      learnerId: learner.id,
      skillId: skills[i % skills.length]!,
      difficulty: ((i % 3) + 1) as 1 | 2 | 3,
      correct: correct(i),
      timestamp: 1.75e12 + i * 30_000,
    });
    await repo.record(a, { model: null, practice: {}, attemptCount: i + 1 });
    stored.push(a);
  }
  const messages: FromWorker[] = [];
  let t = 1.8e12;
  const engine = new KtEngine({
    db,
    loadBase: () => Promise.resolve(base),
    post: (m) => messages.push(m),
    now: () => (t += step),
    backend: 'cpu',
    trainEvery: 1000,
    fineTune: { maxEpochs: 6, learningRate: 1e-2 },
  });
  return { db, learnerId: learner.id, engine, messages, stored, repo };
}

/** A new engine on the same database (a reload), with a still clock, opened on the learner. */
async function reopen(
  db: LanternDB,
  learnerId: string,
  options: Pick<
    ConstructorParameters<typeof KtEngine>[0],
    'fineTune' | 'fineTuneHistory' | 'recalibrate'
  > = {},
) {
  const messages: FromWorker[] = [];
  const engine = new KtEngine({
    db,
    loadBase: () => Promise.resolve(base),
    post: (m) => messages.push(m),
    now: () => 1.8e12,
    backend: 'cpu',
    ...options,
  });
  await engine.open(learnerId, mathsGraph.skills);
  return { engine, messages };
}

const of = <T extends FromWorker['type']>(ms: FromWorker[], type: T) =>
  ms.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);

describe('KtEngine', () => {
  it('predicts every skill at every level from the base model, and again after each attempt', async () => {
    const { engine, messages, learnerId, stored } = await setup(12, (i) => i % 2 === 0);
    await engine.open(learnerId, mathsGraph.skills);
    const first = of(messages, 'predictions')[0]!.table;
    expect(first.source).toBe('base');
    expect(first.attemptCount).toBe(12);
    expect(Object.keys(first.p)).toHaveLength(mathsGraph.skills.length);
    for (const row of Object.values(first.p)) {
      for (const p of row) {
        expect(p).toBeGreaterThan(0);
        expect(p).toBeLessThan(1);
      }
    }
    expect(of(messages, 'model')[0]!.info).toMatchObject({
      source: 'base',
      baseVersion: 'test-1',
      trainedAt: null,
    });
    await engine.attempt({ ...stored[0]!, id: 'new', timestamp: 1.76e12, correct: false });
    const second = of(messages, 'predictions')[1]!.table;
    expect(second.attemptCount).toBe(13);
    expect(second.p).not.toEqual(first.p);
    engine.close();
  });

  it("recalibrates the table on the learner's own answers (Platt scaling), refitting every 10 attempts", async () => {
    // A learner who gets everything right: the untrained test network says about 0.5.
    const { engine, messages, learnerId, stored, db } = await setup(60, () => true);
    await engine.open(learnerId, mathsGraph.skills);
    const fitted = of(messages, 'predictions')[0]!.table;
    engine.close();
    const { engine: rawEngine, messages: rawMessages } = await reopen(db, learnerId, { recalibrate: false });
    const raw = of(rawMessages, 'predictions')[0]!.table;
    rawEngine.close();
    expect(raw.calibration).toBeUndefined();
    const c = fitted.calibration!;
    expect(c.n).toBe(60);
    expect(c.b).toBeGreaterThan(0.5);
    expect(fitted.p).not.toEqual(raw.p);
    for (const id of Object.keys(raw.p)) {
      raw.p[id]!.forEach((p, level) => {
        expect(fitted.p[id]![level]).toBeCloseTo(applyPlatt(c, p), 12);
      });
    }
    // The fit stays for 9 more attempts and is redone at the 10th, on the answers up to then.
    const { engine: again, messages: later } = await reopen(db, learnerId);
    for (let i = 0; i < 10; i++) {
      await again.attempt({ ...stored[0]!, id: `late-${i}`, timestamp: 1.77e12 + i, correct: false });
    }
    const tables = of(later, 'predictions').map((m) => m.table);
    expect(tables.map((t) => t.calibration!.n)).toEqual([60, 60, 60, 60, 60, 60, 60, 60, 60, 60, 70]);
    expect(tables[10]!.calibration!.b).toBeLessThan(c.b);
    again.close();
  });

  it('adopts attempts another tab stored, once each, and counts them towards the next run', async () => {
    const { engine, messages, learnerId, stored, repo } = await setup(12, (i) => i % 2 === 0);
    await engine.open(learnerId, mathsGraph.skills);
    // The other tab stores two attempts; this worker hears only "history changed".
    const other = [0, 1].map((k) => ({
      ...stored[k]!,
      id: `other-${k}`,
      timestamp: 1.76e12 + k * 1000,
      correct: false,
    }));
    for (const [k, a] of other.entries()) {
      await repo.record(a, { model: null, practice: {}, attemptCount: 13 + k });
    }
    await engine.historyChanged(learnerId);
    const tables = of(messages, 'predictions');
    expect(tables).toHaveLength(2);
    expect(tables[1]!.table.attemptCount).toBe(14);
    expect(tables[1]!.table.p).not.toEqual(tables[0]!.table.p);
    // Nothing new stored: no new prediction run.
    await engine.historyChanged(learnerId);
    expect(of(messages, 'predictions')).toHaveLength(2);
    // An attempt message for one it already read (the message came late) is not counted twice.
    await engine.attempt(other[1]!);
    expect(of(messages, 'predictions')).toHaveLength(2);
    // A different learner's change is ignored.
    await engine.historyChanged('someone-else');
    expect(of(messages, 'predictions')).toHaveLength(2);
    // The other tab's answer can carry a slightly earlier time than this tab's latest one.
    const early = { ...stored[2]!, id: 'other-early', timestamp: 1.76e12 + 1000 - 10_000 };
    await repo.record(early, { model: null, practice: {}, attemptCount: 15 });
    await engine.historyChanged(learnerId);
    expect(of(messages, 'predictions')).toHaveLength(3);
    expect(of(messages, 'predictions')[2]!.table.attemptCount).toBe(15);
    engine.close();
  });

  it('keeps fine-tuned weights only when they predict held-out attempts better, and loads them next time', async () => {
    // Always wrong: a fresh network predicts ~0.5, so training on the history must help.
    // A still clock: predictions depend on the time since practice, and are compared below.
    const { engine, messages, learnerId, db } = await setup(80, () => false, 0);
    await engine.open(learnerId, mathsGraph.skills);
    const before = of(messages, 'predictions')[0]!.table;
    const report = await engine.train(learnerId, 'session-end');
    expect(report).toMatchObject({ accepted: true, outcome: 'improved' });
    expect(report!.lossAfter).toBeLessThan(report!.lossBefore);
    const row = await new ModelRepo(db).get(learnerId);
    expect(row).toMatchObject({ attemptCount: 80, recordVersion: 1 });
    expect(row!.metrics.lossAfter).toBe(report!.lossAfter);
    const after = of(messages, 'predictions').at(-1)!.table;
    expect(after.source).toBe('personal');
    const mean = (t: typeof after) => {
      const all = Object.values(t.p).flat();
      return all.reduce((s, p) => s + p, 0) / all.length;
    };
    expect(mean(after)).toBeLessThan(mean(before));
    engine.close();

    // A new engine (a reload) starts from the stored personal weights.
    const { engine: engine2, messages: again } = await reopen(db, learnerId);
    expect(of(again, 'model')[0]!.info.source).toBe('personal');
    const reloaded = of(again, 'predictions')[0]!.table;
    for (const id of Object.keys(after.p)) {
      after.p[id]!.forEach((p, i) => expect(reloaded.p[id]![i]).toBeCloseTo(p, 4));
    }
    engine2.close();
  });

  it('sets aside stored weights that predict the latest answers worse than the base model (e.g. a forged backup), without deleting them', async () => {
    const { engine, messages, learnerId, db } = await setup(80, (i) => i % 3 !== 0, 0);
    const models = new ModelRepo(db);
    // Weights of the right shape but wrong values: every number scaled up (a plausible forgery).
    const bad = new Float32Array(base.data.slice(0));
    for (let i = 0; i < bad.length; i++) bad[i] = bad[i]! * 40;
    const row = {
      learnerId,
      recordVersion: 1,
      descriptor: base.descriptor,
      weights: bad.buffer,
      trainedAt: 1.79e12,
      attemptCount: 80,
      metrics: {},
    };
    await models.put(row);
    await engine.open(learnerId, mathsGraph.skills);
    expect(of(messages, 'model')[0]!.info).toMatchObject({ source: 'base', trainedAt: null, setAside: true });
    expect(of(messages, 'predictions')[0]!.table.source).toBe('base');
    // The row is still there (nothing a person saved is deleted behind their back)…
    expect((await models.get(learnerId))?.trainedAt).toBe(1.79e12);
    // …and the next run, from the base model, replaces it if it wins.
    const report = await engine.train(learnerId, 'session-end');
    expect(report).toMatchObject({ accepted: true });
    expect((await models.get(learnerId))!.trainedAt).not.toBe(1.79e12);
    engine.close();

    // Sound weights are used: the ones that run just stored.
    const { engine: engine2, messages: again } = await reopen(db, learnerId);
    expect(of(again, 'model')[0]!.info.source).toBe('personal');
    engine2.close();
  });

  it('never changes the stored weights before a run has finished and won (a killed tab keeps the old model)', async () => {
    const { engine, messages, learnerId, db, repo } = await setup(80, () => false);
    await engine.open(learnerId, mathsGraph.skills);
    await engine.train(learnerId, 'session-end');
    const models = new ModelRepo(db);
    const first = await models.get(learnerId);
    expect(first).toBeDefined();
    // Now the learner starts getting everything right: another run will be accepted.
    for (let i = 80; i < 140; i++) {
      const a = makeAttempt({ id: `b-${i}`, learnerId, correct: true, timestamp: 1.76e12 + i * 30_000 });
      await repo.record(a, { model: null, practice: {}, attemptCount: i + 1 });
      await engine.attempt(a);
    }
    // Check the stored row at every progress report of the second run: untouched until the end.
    const seen: unknown[] = [];
    const checks: Promise<void>[] = [];
    const post = messages.push.bind(messages);
    messages.push = (...ms: FromWorker[]) => {
      for (const m of ms) {
        if (m.type !== 'training') continue;
        checks.push(models.get(learnerId).then((r) => void seen.push(r?.trainedAt)));
      }
      return post(...ms);
    };
    const second = await engine.train(learnerId, 'every-n');
    await Promise.all(checks);
    expect(second?.accepted).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
    // Every read during the run saw the first weights (reads may settle just after the put).
    expect(seen.slice(0, -2).every((t) => t === first!.trainedAt)).toBe(true);
    expect((await models.get(learnerId))!.trainedAt).toBeGreaterThan(first!.trainedAt);
    engine.close();
  });

  it('fine-tunes on the latest attempts only, however long the history', async () => {
    const { db, learnerId } = await setup(80, (i) => i % 3 !== 0);
    const { engine } = await reopen(db, learnerId, { fineTuneHistory: 50, fineTune: { maxEpochs: 2 } });
    const report = await engine.train(learnerId, 'session-end');
    // 50 attempts: 15 held out (30 %), 35 trained on; the stored row still counts all 80.
    expect(report).toMatchObject({ heldOut: 15, trainedOn: 35 });
    if (report!.accepted) expect((await new ModelRepo(db).get(learnerId))!.attemptCount).toBe(80);
    engine.close();
  });

  it('reports a failed run and keeps predicting with the old weights', async () => {
    const { engine, messages, learnerId, db } = await setup(60, () => false);
    await engine.open(learnerId, mathsGraph.skills);
    // The learner is deleted (say, in another tab) while the worker trains: the put fails.
    const run = engine.train(learnerId, 'session-end');
    await new LearnerRepo(db).delete(learnerId);
    const report = await run;
    expect(report).toMatchObject({ accepted: false, outcome: 'failed' });
    expect(of(messages, 'error').at(-1)).toMatchObject({ where: 'train' });
    expect(await new ModelRepo(db).get(learnerId)).toBeUndefined();
    expect(of(messages, 'model').at(-1)!.info.source).toBe('base');
    // Predictions go on, from the old (base) weights.
    const tables = of(messages, 'predictions').length;
    await engine.attempt(makeAttempt({ id: 'after', learnerId, correct: true, timestamp: 1.9e12 }));
    expect(of(messages, 'predictions')).toHaveLength(tables + 1);
    expect(of(messages, 'predictions').at(-1)!.table.source).toBe('base');
    engine.close();
  });

  it('sets aside stored weights made for another feature layout, without leaking tensors', async () => {
    const { engine, messages, learnerId, db } = await setup(40, (i) => i % 2 === 0);
    // A network with more context features than this app computes: a valid file, wrong layout.
    const other = createNet(
      { ...SPEC, contextFeatures: 0 },
      { dModel: 16, slots: 4, valueDim: 4, hidden: 16 },
      9,
    );
    const art = await other.toArtifacts({ version: 'other' });
    other.dispose();
    await new ModelRepo(db).put({
      learnerId,
      descriptor: art.descriptor,
      weights: art.data,
      trainedAt: 1.79e12,
      attemptCount: 40,
      metrics: {},
    });
    const before = tf.memory().numTensors;
    await engine.open(learnerId, mathsGraph.skills);
    expect(of(messages, 'model')[0]!.info).toMatchObject({ source: 'base', setAside: true });
    expect(of(messages, 'predictions')[0]!.table.source).toBe('base');
    engine.close();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('leaves tf.memory().numTensors unchanged over open, attempts, training and close', async () => {
    const { engine, learnerId, stored } = await setup(50, (i) => i % 3 !== 0);
    const before = tf.memory().numTensors;
    await engine.open(learnerId, mathsGraph.skills);
    await engine.attempt({ ...stored[1]!, id: 'x', timestamp: 1.9e12 });
    await engine.train(learnerId, 'session-end');
    engine.close();
    expect(tf.memory().numTensors).toBe(before);
  });
});
