import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Attempt } from '../core/types';
import type { LanternDB } from './db';
import { StorageError } from './errors';
import type { NextLearnerState } from './repositories';
import { AttemptRepo, LearnerRepo, LearnerStateRepo, StaleStateError } from './repositories';
import { counterIds, freshDb, makeAttempt, stateAfter, steppingClock } from './test-utils';

let db: LanternDB | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

async function setup() {
  const d = freshDb();
  db = d;
  const learners = new LearnerRepo(d, { newId: counterIds('learner'), now: steppingClock() });
  const attempts = new AttemptRepo(d, { now: () => 1_750_000_000_000 });
  const states = new LearnerStateRepo(d);
  const ana = await learners.create({ nickname: 'Ana', avatar: 'fox' });
  const ben = await learners.create({ nickname: 'Ben', avatar: 'owl' });
  /** Records n attempts for a learner the way a session does, returning the last state. */
  async function practise(learnerId: string, n: number, prefix = learnerId, start?: NextLearnerState) {
    let s = start ?? (await states.get(learnerId));
    for (let i = 0; i < n; i++) {
      const a = makeAttempt({
        id: `${prefix}-${i}`,
        learnerId,
        timestamp: 1_700_000_000_000 + i * 1000,
        correct: i % 3 !== 0,
      });
      s = stateAfter(s, a);
      await attempts.record(a, s);
    }
    return s;
  }
  return { db: d, learners, attempts, states, ana, ben, practise };
}

const quotaError = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('AttemptRepo.record', () => {
  it('writes the attempt and the learner state together', async () => {
    const { attempts, states, ana, learners } = await setup();
    const a = makeAttempt({ id: 'a1', learnerId: ana.id, timestamp: 1_700_000_500_000 });
    const next = stateAfter(undefined, a);
    await attempts.record(a, next);
    expect(await attempts.listForLearner(ana.id)).toEqual([a]);
    expect(await states.get(ana.id)).toEqual({ learnerId: ana.id, ...next, updatedAt: 1_750_000_000_000 });
    expect((await learners.get(ana.id))?.lastActiveAt).toBe(1_700_000_500_000);
  });

  it('writes nothing when the state write fails mid-transaction', async () => {
    const { db, attempts, states, ana, learners } = await setup();
    const before = await learners.get(ana.id);
    const putSpy = vi.spyOn(db.learnerState, 'put').mockImplementation(() => {
      throw new Error('simulated crash after the attempt was added');
    });
    const addSpy = vi.spyOn(db.attempts, 'add');
    const a = makeAttempt({ id: 'a1', learnerId: ana.id, timestamp: 1_800_000_000_000 });
    await expect(attempts.record(a, stateAfter(undefined, a))).rejects.toThrow('simulated crash');
    expect(addSpy).toHaveBeenCalledTimes(1); // the attempt write did happen inside the transaction...
    expect(putSpy).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
    expect(await attempts.count(ana.id)).toBe(0); // ...and was rolled back with it
    expect(await db.attempts.get('a1')).toBeUndefined();
    expect(await states.get(ana.id)).toBeUndefined();
    expect(await learners.get(ana.id)).toEqual(before);
    // The same attempt can be recorded once the problem is gone.
    await attempts.record(a, stateAfter(undefined, a));
    expect(await attempts.count(ana.id)).toBe(1);
  });

  it('is idempotent on the attempt id (no double count)', async () => {
    const { attempts, states, ana } = await setup();
    const a = makeAttempt({ id: 'same', learnerId: ana.id });
    const s1 = stateAfter(undefined, a);
    await attempts.record(a, s1);
    await attempts.record(a, s1);
    await attempts.record({ ...a, answer: '99' }, stateAfter(s1, a)); // a retry after a lost response
    expect(await attempts.count(ana.id)).toBe(1);
    expect((await attempts.listForLearner(ana.id))[0]?.answer).toBe('15');
    expect(await states.get(ana.id)).toMatchObject({ attemptCount: 1, practice: s1.practice });
  });

  it('is idempotent under concurrent retries too', async () => {
    const { attempts, states, ana } = await setup();
    const a = makeAttempt({ id: 'twice', learnerId: ana.id });
    const s = stateAfter(undefined, a);
    await Promise.all([attempts.record(a, s), attempts.record(a, s), attempts.record(a, s)]);
    expect(await attempts.count(ana.id)).toBe(1);
    expect((await states.get(ana.id))?.attemptCount).toBe(1);
  });

  it('rejects a stale state (another tab moved on) as conflict, writing nothing', async () => {
    const { attempts, states, ana, practise } = await setup();
    const s3 = await practise(ana.id, 3);
    const stale = makeAttempt({ id: 'from-other-tab', learnerId: ana.id });
    const err = await attempts
      .record(stale, { ...stateAfter(s3, stale), attemptCount: 3 })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StaleStateError);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'conflict', messageKey: 'error.staleState', storedCount: 3 });
    expect(await attempts.count(ana.id)).toBe(3);
    expect(await states.get(ana.id)).toMatchObject({ attemptCount: 3, model: s3?.model });
  });

  it('refuses attempts for an unknown (e.g. just deleted) learner', async () => {
    const { attempts } = await setup();
    const a = makeAttempt({ id: 'orphan', learnerId: 'ghost' });
    await expect(attempts.record(a, stateAfter(undefined, a))).rejects.toMatchObject({
      code: 'notFound',
      messageKey: 'learner.notFound',
    });
    expect(await attempts.count('ghost')).toBe(0);
  });

  it('rejects a malformed attempt as corrupt and a proxy with a snapshot hint', async () => {
    const { attempts, ana } = await setup();
    const bad = { ...makeAttempt({ id: 'x', learnerId: ana.id }), timestamp: Number.NaN };
    await expect(attempts.record(bad, stateAfter(undefined, bad))).rejects.toMatchObject({ code: 'corrupt' });
    const a = makeAttempt({ id: 'p', learnerId: ana.id });
    await expect(attempts.record(new Proxy(a, {}), stateAfter(undefined, a))).rejects.toThrow(
      /\$state\.snapshot/,
    );
    expect(await attempts.count(ana.id)).toBe(0);
  });
});

describe('quota exceeded', () => {
  it('maps QuotaExceededError thrown by the attempt write to StorageError(quota); earlier data intact', async () => {
    const { db, attempts, states, ana, practise } = await setup();
    const s5 = await practise(ana.id, 5);
    const before = await attempts.listForLearner(ana.id);
    vi.spyOn(db.attempts, 'add').mockImplementation(() => {
      throw quotaError();
    });
    const a = makeAttempt({ id: 'too-much', learnerId: ana.id, timestamp: 1_900_000_000_000 });
    const err = await attempts.record(a, stateAfter(s5, a)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect(err).toMatchObject({ code: 'quota', messageKey: 'error.quota' });
    vi.restoreAllMocks();
    expect(await attempts.listForLearner(ana.id)).toEqual(before);
    expect(await states.get(ana.id)).toMatchObject({
      attemptCount: 5,
      practice: s5?.practice,
      model: s5?.model,
    });
    // Once space is freed, practice continues from the same state.
    await attempts.record(a, stateAfter(s5, a));
    expect(await attempts.count(ana.id)).toBe(6);
  });

  it('maps a quota failure on the state write (after the attempt was added) and rolls both back', async () => {
    const { db, attempts, states, ana, practise } = await setup();
    const s2 = await practise(ana.id, 2);
    vi.spyOn(db.learnerState, 'put').mockImplementation(() => {
      throw quotaError();
    });
    const a = makeAttempt({ id: 'c', learnerId: ana.id });
    await expect(attempts.record(a, stateAfter(s2, a))).rejects.toMatchObject({
      name: 'StorageError',
      code: 'quota',
    });
    vi.restoreAllMocks();
    expect(await attempts.count(ana.id)).toBe(2);
    expect((await states.get(ana.id))?.attemptCount).toBe(2);
  });

  it('maps a quota failure during bulkImport and writes nothing', async () => {
    const { db, attempts, ana } = await setup();
    vi.spyOn(db.attempts, 'bulkAdd').mockImplementation(() => {
      throw quotaError();
    });
    const rows = [makeAttempt({ id: 'i1', learnerId: ana.id }), makeAttempt({ id: 'i2', learnerId: ana.id })];
    await expect(attempts.bulkImport(rows)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await attempts.count(ana.id)).toBe(0);
  });
});

describe('AttemptRepo.listForLearner', () => {
  it('orders by timestamp (ties by id) whatever the insertion order, per learner', async () => {
    const { attempts, ana, ben } = await setup();
    const t0 = 1_700_000_000_000;
    const rows: Attempt[] = [
      makeAttempt({ id: 'c', learnerId: ana.id, timestamp: t0 + 30 }),
      makeAttempt({ id: 'q', learnerId: ben.id, timestamp: t0 + 15 }),
      makeAttempt({ id: 'z', learnerId: ana.id, timestamp: t0 + 10 }),
      makeAttempt({ id: 'b', learnerId: ana.id, timestamp: t0 + 50 }),
      makeAttempt({ id: 'a', learnerId: ana.id, timestamp: t0 + 10 }),
      makeAttempt({ id: 'p', learnerId: ben.id, timestamp: t0 + 5 }),
      makeAttempt({ id: 'm', learnerId: ana.id, timestamp: t0 + 20 }),
    ];
    await attempts.bulkImport(rows);
    expect((await attempts.listForLearner(ana.id)).map((a) => a.id)).toEqual(['a', 'z', 'm', 'c', 'b']);
    expect((await attempts.listForLearner(ben.id)).map((a) => a.id)).toEqual(['p', 'q']);
  });

  it('supports since, limit and newest-first', async () => {
    const { attempts, ana, ben, practise } = await setup();
    await practise(ana.id, 10);
    await practise(ben.id, 3);
    const since = 1_700_000_000_000 + 7000;
    expect((await attempts.listForLearner(ana.id, { since })).map((a) => a.id)).toEqual([
      `${ana.id}-7`,
      `${ana.id}-8`,
      `${ana.id}-9`,
    ]);
    expect((await attempts.listForLearner(ana.id, { limit: 2 })).map((a) => a.id)).toEqual([
      `${ana.id}-0`,
      `${ana.id}-1`,
    ]);
    expect((await attempts.listForLearner(ana.id, { order: 'desc', limit: 2 })).map((a) => a.id)).toEqual([
      `${ana.id}-9`,
      `${ana.id}-8`,
    ]);
    expect(await attempts.listForLearner('nobody')).toEqual([]);
  });

  it('lists 10,000 attempts of one learner among others, via the compound index', async () => {
    const { db, attempts, ana, ben } = await setup();
    const skills = ['add-within-20', 'sub-within-20', 'times-tables', 'fractions-equivalent'];
    const mk = (learnerId: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        makeAttempt({
          id: `${learnerId}-${String(i).padStart(5, '0')}`,
          learnerId,
          skillId: skills[i % skills.length],
          // Shuffled timestamps: insertion order must not matter.
          timestamp: 1_700_000_000_000 + ((i * 7919) % n) * 1000,
        }),
      );
    expect(await attempts.bulkImport([...mk(ana.id, 10_000), ...mk(ben.id, 2_000)])).toEqual({
      added: 12_000,
      skipped: 0,
    });
    const where = vi.spyOn(db.attempts, 'where');
    const list = await attempts.listForLearner(ana.id);
    expect(where).toHaveBeenCalledWith('[learnerId+timestamp]');
    expect(list).toHaveLength(10_000);
    expect(list.every((a) => a.learnerId === ana.id)).toBe(true);
    for (let i = 1; i < list.length; i++) expect(list[i - 1]!.timestamp).toBeLessThan(list[i]!.timestamp);
    expect(await attempts.count(ana.id)).toBe(10_000);
    expect(await attempts.count(ben.id)).toBe(2_000);
    const latest = await attempts.listForLearner(ana.id, { order: 'desc', limit: 20 });
    expect(latest[0]?.timestamp).toBe(1_700_000_000_000 + 9_999_000);
    const oneSkill = await attempts.listForSkill(ana.id, 'times-tables');
    expect(oneSkill).toHaveLength(2_500);
    expect(oneSkill.every((a) => a.skillId === 'times-tables' && a.learnerId === ana.id)).toBe(true);
    // Several learners and skills in one read: the same rows as one call per pair, oldest first.
    const both = await attempts.listForSkills([ana.id, ben.id], ['times-tables', 'add-within-20']);
    const perPair: typeof both = [];
    for (const l of [ana.id, ben.id]) {
      for (const s of ['times-tables', 'add-within-20']) perPair.push(...(await attempts.listForSkill(l, s)));
    }
    expect(both).toHaveLength(2_500 * 2 + 500 * 2);
    expect(new Set(both.map((a) => a.id))).toEqual(new Set(perPair.map((a) => a.id)));
    for (let i = 1; i < both.length; i++) {
      const [x, y] = [both[i - 1]!, both[i]!];
      expect(x.timestamp < y.timestamp || (x.timestamp === y.timestamp && x.id < y.id)).toBe(true);
    }
    expect(await attempts.listForSkills([], ['times-tables'])).toEqual([]);
    expect(await attempts.listForSkills([ana.id], [])).toEqual([]);
  });
});

describe('AttemptRepo.bulkImport', () => {
  it('skips ids already stored or repeated in the batch, and leaves learnerState alone', async () => {
    const { attempts, states, ana, practise } = await setup();
    const s = await practise(ana.id, 3, 'a');
    const incoming = [
      makeAttempt({ id: 'a-1', learnerId: ana.id, answer: 'other device' }),
      makeAttempt({ id: 'b-1', learnerId: ana.id, timestamp: 1_700_000_100_000 }),
      makeAttempt({ id: 'b-2', learnerId: ana.id, timestamp: 1_700_000_200_000 }),
      makeAttempt({ id: 'b-2', learnerId: ana.id, timestamp: 1_700_000_300_000 }),
    ];
    expect(await attempts.bulkImport(incoming)).toEqual({ added: 2, skipped: 2 });
    expect(await attempts.bulkImport(incoming)).toEqual({ added: 0, skipped: 4 });
    expect(await attempts.count(ana.id)).toBe(5);
    expect((await attempts.listForLearner(ana.id)).find((a) => a.id === 'a-1')?.answer).toBe('15');
    expect((await states.get(ana.id))?.attemptCount).toBe(s?.attemptCount);
    expect(await attempts.bulkImport([])).toEqual({ added: 0, skipped: 0 });
  });

  it('rejects a batch containing a malformed row, writing none of it', async () => {
    const { attempts, ana } = await setup();
    const rows = [
      makeAttempt({ id: 'ok', learnerId: ana.id }),
      { id: 'bad', learnerId: ana.id } as unknown as Attempt,
    ];
    await expect(attempts.bulkImport(rows)).rejects.toMatchObject({ code: 'corrupt' });
    expect(await attempts.count(ana.id)).toBe(0);
  });
});

describe('LearnerStateRepo.put', () => {
  it('replaces the state after a rebuild, so recording continues from the new count', async () => {
    const { attempts, states, ana } = await setup();
    await attempts.bulkImport([
      makeAttempt({ id: 'm1', learnerId: ana.id }),
      makeAttempt({ id: 'm2', learnerId: ana.id }),
    ]);
    const rebuilt = (await attempts.listForLearner(ana.id)).reduce<NextLearnerState | undefined>(
      stateAfter,
      undefined,
    );
    await states.put(ana.id, rebuilt!);
    const a = makeAttempt({ id: 'm3', learnerId: ana.id });
    await attempts.record(a, stateAfter(rebuilt, a));
    expect((await states.get(ana.id))?.attemptCount).toBe(3);
    await expect(states.put('ghost', rebuilt!)).rejects.toMatchObject({ code: 'notFound' });
  });
});
