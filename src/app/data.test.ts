import '@tensorflow/tfjs-backend-cpu';
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatAnswer } from '../core/answer';
import { ValidationError } from '../core/errors';
import { ELO_STATE_VERSION, EloModel } from '../core/elo';
import { attemptsToSequence, candidateSequences, COURSE_CONTEXT_FEATURES, ktCourse } from '../core/kt-course';
import { seededRng } from '../core/rng';
import type { Difficulty } from '../core/types';
import { DIFFICULTIES } from '../core/types';
import { encodeBatch } from '../model/features';
import type { KtNetDescriptor } from '../model/kt-net';
import { KtNet } from '../model/kt-net';
import { tf } from '../model/tf';
import { createNet } from '../model/train';
import { LanternDB } from '../storage/db';
import { ModelRepo } from '../storage/repositories';
import { BACKUP_V3_FILE } from '../storage/fixtures/backup-v3';
import { backupFileName } from './data';
import { Lantern } from './lantern';
import { expectedAnswer } from '../core/item-answer';

let n = 0;
const opened: Lantern[] = [];
// Low PBKDF2 cost keeps the tests fast; the defaults are tested in storage/backup.test.ts.
const FAST = { kdfIterations: 1_000, minKdfIterations: 1_000 };

/** The database each test Lantern was built over (Lantern itself never hands it out). */
const DBS = new WeakMap<Lantern, LanternDB>();
function dbOf(l: Lantern): LanternDB {
  const db = DBS.get(l);
  if (!db) throw new Error('not a test Lantern');
  return db;
}

function makeLantern(name = `lantern-data-test-${n++}`) {
  let t = Date.UTC(2026, 10, 22, 9);
  const rng = seededRng(11);
  let id = 0;
  const db = new LanternDB(name);
  const lantern = new Lantern(db, {
    now: () => (t += 3_000),
    random: rng,
    newId: () => `${name}-id-${id++}`,
    appVersion: 'test',
    backup: FAST,
  });
  DBS.set(lantern, db);
  opened.push(lantern);
  return lantern;
}

afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Two learners with a few right and wrong answers each. */
async function seeded() {
  const lantern = makeLantern();
  const ids: string[] = [];
  for (const [nickname, count] of [
    ['Mei', 7],
    ['Bo', 4],
  ] as const) {
    const l = await lantern.createLearner({ nickname, avatar: 'fox' });
    ids.push(l.id);
    const s = await lantern.openSession(l.id);
    for (let i = 0; i < count; i++) {
      const { item } = s.next();
      await s.submit(i % 3 === 0 ? '9999' : formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    }
  }
  return { lantern, ids };
}

async function dump(lantern: Lantern) {
  const db = dbOf(lantern);
  return {
    learners: await db.learners.orderBy('id').toArray(),
    attempts: await db.attempts.orderBy('id').toArray(),
  };
}

async function predictions(lantern: Lantern, learnerId: string): Promise<number[]> {
  const state = await dbOf(lantern).learnerState.get(learnerId);
  const model = EloModel.fromState(lantern.graph, state!.model);
  const now = Date.UTC(2026, 11, 1);
  const out: number[] = [];
  for (const s of lantern.graph.skills) {
    for (const d of [1, 2, 3] as Difficulty[]) out.push(model.predict({ skillId: s.id, difficulty: d }, now));
  }
  return out;
}

/** The knowledge-tracing net's P(correct) for every skill × level after the learner's stored history. */
async function ktPredictions(net: KtNet, lantern: Lantern, learnerId: string): Promise<number[]> {
  const { sequence, after } = attemptsToSequence(
    await lantern.attemptsOf(learnerId),
    ktCourse(lantern.graph),
  );
  const candidates = lantern.graph.order.flatMap((skillId) =>
    DIFFICULTIES.map((difficulty) => ({ skillId, difficulty })),
  );
  const seqs = candidateSequences(sequence, after, candidates, Date.UTC(2026, 11, 1));
  return Array.from(await net.predictNext(encodeBatch(seqs, net.config)));
}

/** A small network standing in for the learner's fine-tuned one, stored as KtEngine stores it. */
async function storeFineTunedModel(lantern: Lantern, learnerId: string): Promise<KtNet> {
  const spec = { skillBuckets: 128, itemBuckets: 0, contextFeatures: COURSE_CONTEXT_FEATURES };
  const net = createNet(spec, { dModel: 16, slots: 4, valueDim: 4, hidden: 16 }, 7);
  const { descriptor, data } = await net.toArtifacts({ version: 'fine-tuned-test' });
  await new ModelRepo(dbOf(lantern)).put({
    learnerId,
    descriptor,
    weights: data,
    trainedAt: Date.UTC(2026, 10, 22, 10),
    attemptCount: 7,
    metrics: {
      lossBefore: 0.62,
      lossAfter: 0.55,
      heldOut: 10,
      seconds: 0.8,
      backend: 'cpu',
      reason: 'session',
    },
  });
  return net;
}

describe('DataService on fake-indexeddb', () => {
  it('reports what is stored, per learner and in total', async () => {
    const { lantern, ids } = await seeded();
    const r = await (await lantern.data()).storageReport();
    expect(r.learners.map((l) => [l.nickname, l.attempts, l.hasModelState])).toEqual([
      ['Mei', expect.any(Number), true],
      ['Bo', expect.any(Number), true],
    ]);
    const stored = await Promise.all(ids.map((id) => lantern.attemptsOf(id)));
    expect(r.learners.map((l) => l.attempts)).toEqual(stored.map((a) => a.length));
    expect(r.totalAttempts).toBe(stored.flat().length);
    expect(r.learners.every((l) => l.approxBytes > 200)).toBe(true);
    expect(r.approxBytes).toBeGreaterThan(r.learners[0]!.approxBytes + r.learners[1]!.approxBytes);
    expect(r.learners.map((l) => l.modelBytes)).toEqual([0, 0]);
    // A fine-tuned model counts towards its learner.
    await new ModelRepo(dbOf(lantern)).put({
      learnerId: ids[1]!,
      descriptor: { format: 'lantern-kt-net' },
      weights: new ArrayBuffer(50_000),
      trainedAt: 1,
      attemptCount: 3,
      metrics: {},
    });
    const after = await (await lantern.data()).storageReport();
    expect(after.learners[1]!.modelBytes).toBeGreaterThan(50_000);
    expect(after.learners[1]!.approxBytes - r.learners[1]!.approxBytes).toBe(after.learners[1]!.modelBytes);
  });

  it('export → delete everything → import restores identical records and identical predictions', async () => {
    const tensorsAtStart = tf.memory().numTensors;
    const { lantern, ids } = await seeded();
    // Mei has fine-tuned weights; Bo uses the shipped base model (no row).
    const original = await storeFineTunedModel(lantern, ids[0]!);
    const rowBefore = (await new ModelRepo(dbOf(lantern)).get(ids[0]!))!;
    const ktBefore = await ktPredictions(original, lantern, ids[0]!);
    original.dispose();
    const data = await lantern.data();
    const before = await dump(lantern);
    const predsBefore = await Promise.all(ids.map((id) => predictions(lantern, id)));
    const file = await data.exportFile({ passphrase: 'correct horse' });
    expect(file.filename).toBe('lantern-backup-2026-11-22.json');
    expect(file.text).toContain('lantern-backup-encrypted');
    const name = dbOf(lantern).name;
    await data.deleteEverything();
    expect(await Dexie.exists(name)).toBe(false);

    const fresh = makeLantern(name);
    const counts = await (await fresh.data()).importFile(file.text, 'correct horse');
    expect(counts).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: before.attempts.length,
      attemptsSkipped: 0,
    });
    expect(await dump(fresh)).toEqual(before);
    const predsAfter = await Promise.all(ids.map((id) => predictions(fresh, id)));
    expect(predsAfter).toEqual(predsBefore);

    // The fine-tuned weights come back byte for byte, and the network built from them predicts
    // exactly what the original did.
    const models = new ModelRepo(dbOf(fresh));
    expect(await models.get(ids[1]!)).toBeUndefined();
    const rowAfter = (await models.get(ids[0]!))!;
    const { weights: wBefore, ...restBefore } = rowBefore;
    const { weights: wAfter, ...restAfter } = rowAfter;
    expect(restAfter).toEqual(restBefore);
    expect(wAfter.byteLength).toBe(wBefore.byteLength);
    expect(Buffer.from(wAfter).equals(Buffer.from(wBefore))).toBe(true);
    const restored = KtNet.fromArtifacts(rowAfter.descriptor as KtNetDescriptor, rowAfter.weights);
    try {
      expect(await ktPredictions(restored, fresh, ids[0]!)).toEqual(ktBefore);
    } finally {
      restored.dispose();
    }
    expect(tf.memory().numTensors).toBe(tensorsAtStart);
    // The restored learner keeps practising from the restored state.
    const s = await fresh.openSession(ids[0]!);
    expect(s.attemptCount).toBe(before.attempts.filter((a) => a.learnerId === ids[0]).length);
  });

  it('exports one learner under their name', async () => {
    const { lantern, ids } = await seeded();
    const file = await (await lantern.data()).exportFile({ learnerIds: [ids[1]!] });
    expect(file.filename).toBe('lantern-backup-Bo-2026-11-22.json');
    const target = makeLantern();
    const counts = await (await target.data()).importFile(file.text);
    expect(counts.learnersAdded).toBe(1);
    expect((await target.listLearners()).map((l) => l.nickname)).toEqual(['Bo']);
  });

  it('refuses a wrong or missing passphrase with a clear message, writing nothing', async () => {
    const { lantern } = await seeded();
    const file = await (await lantern.data()).exportFile({ passphrase: 'correct horse' });
    const target = makeLantern();
    const data = await target.data();
    const wrong = await data.importFile(file.text, 'wrong horse').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(ValidationError);
    expect((wrong as ValidationError).messageKey).toBe('backup.wrongPassphrase');
    const t = (key: string) => key;
    expect(target.describeError(wrong, t)).toBe('backup.wrongPassphrase');
    const missing = await data.importFile(file.text).catch((e: unknown) => e);
    expect((missing as ValidationError).messageKey).toBe('backup.encryptedNeedsPassphrase');
    expect(await dbOf(target).learners.count()).toBe(0);
    expect(await dbOf(target).attempts.count()).toBe(0);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const { lantern } = await seeded();
    const file = await (await lantern.data()).exportFile();
    const target = makeLantern();
    const data = await target.data();
    await data.importFile(file.text);
    const once = await dump(target);
    const states = await dbOf(target).learnerState.orderBy('learnerId').toArray();
    const again = await data.importFile(file.text);
    expect(again).toEqual({
      learnersAdded: 0,
      learnersUpdated: 0,
      attemptsAdded: 0,
      attemptsSkipped: once.attempts.length,
    });
    expect(await dump(target)).toEqual(once);
    expect(await dbOf(target).learnerState.orderBy('learnerId').toArray()).toEqual(states);
  });

  it('restores a backup written before the Elo state version 3 into the current state, rebuilt from its answers', async () => {
    // The v3 fixture is what tablets in the field hold: its learner states are Elo version 2.
    const fixture = JSON.parse(BACKUP_V3_FILE) as { learnerState: { model: { version: number } }[] };
    expect(fixture.learnerState.map((s) => s.model.version)).toEqual([2, 2]);
    const target = makeLantern();
    const counts = await (await target.data()).importFile(BACKUP_V3_FILE);
    expect(counts.learnersAdded).toBe(2);
    for (const l of await dbOf(target).learners.toArray()) {
      const state = (await dbOf(target).learnerState.get(l.id))!;
      expect((state.model as { version: number }).version).toBe(ELO_STATE_VERSION);
      const attempts = await target.attemptsOf(l.id);
      expect(attempts.length).toBeGreaterThan(0);
      const replayed = new EloModel(target.graph);
      for (const a of [...attempts].sort((x, y) => x.timestamp - y.timestamp)) replayed.update(a);
      expect(state.model).toEqual(replayed.toJSON());
      expect(state.attemptCount).toBe(attempts.length);
    }
  });

  it('asks for persistent storage only when the first learner is created', async () => {
    const lantern = makeLantern();
    const data = await lantern.data();
    let asked = 0;
    const storage = { persisted: async () => false, persist: async () => (asked++, true) };
    vi.stubGlobal('navigator', { storage });
    try {
      await data.afterLearnerCreated();
      expect(asked).toBe(0);
      await lantern.createLearner({ nickname: 'A', avatar: 'fox' });
      await data.afterLearnerCreated();
      expect(asked).toBe(1);
      await lantern.createLearner({ nickname: 'B', avatar: 'fox' });
      await data.afterLearnerCreated();
      expect(asked).toBe(1);
      expect(await data.requestPersistence()).toBe(true);
    } finally {
      vi.unstubAllGlobals();
    }
  });
});

describe('deleting everything', () => {
  it('removes every learner, answer and setting but the interface language', async () => {
    const { lantern, ids } = await seeded();
    await lantern.setLocale('zh-CN');
    const name = dbOf(lantern).name;
    await (await lantern.data()).deleteEverything();
    const fresh = makeLantern(name);
    expect(await fresh.listLearners()).toEqual([]);
    expect(await fresh.attemptsOf(ids[0]!)).toEqual([]);
    expect(await fresh.getLocale()).toBe('zh-CN');
    expect(await dbOf(fresh).settings.toArray()).toEqual([{ key: 'locale', value: 'zh-CN' }]);
    expect(await dbOf(fresh).attempts.count()).toBe(0);
  });
});

describe('backupFileName', () => {
  it('uses the local date and a file-safe nickname', () => {
    const t = new Date(2026, 0, 5, 12).getTime();
    expect(backupFileName(t)).toBe('lantern-backup-2026-01-05.json');
    expect(backupFileName(t, '小明 / Ana')).toBe('lantern-backup-小明-Ana-2026-01-05.json');
    expect(backupFileName(t, '../..')).toBe('lantern-backup-2026-01-05.json');
  });
});
