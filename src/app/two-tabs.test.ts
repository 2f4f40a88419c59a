import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatAnswer } from '../core/answer';
import { EloModel } from '../core/elo';
import { recordInSummary } from '../core/practice';
import { seededRng } from '../core/rng';
import type { PracticeSummary } from '../core/types';
import { mathsCourse, mathsGraph } from '../content/maths';
import { LanternDB } from '../storage/db';
import { AttemptRepo, StaleStateError } from '../storage/repositories';
import { Lantern } from './lantern';
import { learnerModels } from './models';
import { MAX_REBASES, PracticeSession, type LearnerStore, type StoredLearnerState } from './session';
import { TabChannel, type TabEvent } from './tabs';
import { expectedAnswer } from '../core/item-answer';

/**
 * Two tabs on one learner: two Lantern instances, each with its own connection to the same
 * database (as two browser tabs have), answering in turn or at the same moment.
 */
let n = 0;
const opened: { close(): void }[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  while (opened.length) opened.pop()?.close();
});

function twoTabs(opts: { channel?: string } = {}) {
  const name = `two-tabs-${n++}`;
  let t = Date.UTC(2026, 10, 1, 9);
  // One clock for both tabs (one device), so timestamps follow the order things happen in.
  const now = () => (t += 3_000);
  const tab = (label: string, seed: number) => {
    const db = new LanternDB(name);
    let id = 0;
    const tabs = opts.channel ? new TabChannel(name, opts.channel) : undefined;
    const app = new Lantern(db, {
      now,
      random: seededRng(seed),
      newId: () => `${label}-${id++}`,
      appVersion: 'test',
      tabs,
    });
    DBS.set(app, db);
    opened.push(app);
    return app;
  };
  return { name, a: tab('a', 1), b: tab('b', 2) };
}

/** Answer the session's current item, right or wrong; resolves after the write committed. */
async function answer(session: PracticeSession, right: boolean) {
  const item = session.current!.item;
  const raw =
    item.answer.kind === 'choice'
      ? String(right ? item.answer.correctIndex : (item.answer.correctIndex + 1) % item.answer.choices.length)
      : right
        ? formatAnswer(expectedAnswer(item.answer), 'en')
        : '99999';
  const r = await session.submit(raw, 'en');
  expect(r.status).toBe(right ? 'correct' : 'incorrect');
  return r;
}

/**
 * Watches AttemptRepo.record: how many writes it refused as stale (the rebase path ran), and
 * the order writes committed in (a transaction's promise resolves after it commits).
 */
function countStale() {
  const original = AttemptRepo.prototype.record;
  const seen = { stale: 0, committed: [] as string[] };
  vi.spyOn(AttemptRepo.prototype, 'record').mockImplementation(async function (this: AttemptRepo, ...args) {
    try {
      await original.apply(this, args);
      seen.committed.push(args[0].id);
    } catch (e) {
      if (e instanceof StaleStateError) seen.stale += 1;
      throw e;
    }
  });
  return seen;
}

/**
 * The stored learner state must be every stored attempt applied from nothing, in commit order
 * (`committed`, ids; default: the stored timestamp order).
 */
async function expectStateIsReplay(app: Lantern, learnerId: string, total: number, committed?: string[]) {
  const stored_ = await app.attemptsOf(learnerId);
  expect(stored_).toHaveLength(total);
  expect(new Set(stored_.map((x) => x.id)).size).toBe(total);
  const byId = new Map(stored_.map((x) => [x.id, x]));
  const attempts = committed ? committed.map((id) => byId.get(id)!) : stored_;
  expect(attempts).toHaveLength(total);
  const stored = await dbOf(app).learnerState.get(learnerId);
  expect(stored?.attemptCount).toBe(total);
  const model = new EloModel(mathsGraph);
  let practice: PracticeSummary = new Map();
  for (const x of attempts) {
    model.update(x);
    practice = recordInSummary(practice, x);
  }
  expect(stored?.model).toEqual(model.toJSON());
  expect(stored?.practice).toEqual(Object.fromEntries(practice));
  return attempts;
}

/** The database each test Lantern was built over (Lantern itself never hands it out). */
const DBS = new WeakMap<Lantern, LanternDB>();
function dbOf(l: Lantern): LanternDB {
  const db = DBS.get(l);
  if (!db) throw new Error('not a test Lantern');
  return db;
}

describe('two tabs on one learner', () => {
  it('answering in turn: every attempt is stored and the stored model is their replay', async () => {
    const { a, b } = twoTabs();
    const learner = await a.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const sa = await a.openSession(learner.id);
    const sb = await b.openSession(learner.id);
    const stale = countStale();
    for (let i = 0; i < 6; i++) {
      sa.next();
      sb.next();
      await answer(sa, i % 2 === 0); // no learner-facing error: answer() would throw
      await answer(sb, i % 3 !== 0);
    }
    // Without a message between the tabs, every answer after the first met a moved-on state.
    expect(stale.stale).toBe(11);
    const attempts = await expectStateIsReplay(a, learner.id, 12);
    expect(attempts.map((x) => x.id.slice(0, 1)).join('')).toBe('abababababab');
    // Each tab's memory caught up with the disk when it rebased.
    expect(sb.attemptCount).toBe(12);
    expect(sa.attemptCount).toBe(11);
    expect(sb.model.snapshot()).toEqual((await dbOf(a).learnerState.get(learner.id))?.model);
  });

  it('answering at the same moment: both writes land, none lost, none doubled', async () => {
    const { a, b } = twoTabs();
    const learner = await a.createLearner({ nickname: 'Ana', avatar: 'owl' });
    const sa = await a.openSession(learner.id);
    const sb = await b.openSession(learner.id);
    const stale = countStale();
    for (let i = 0; i < 6; i++) {
      sa.next();
      sb.next();
      await Promise.all([answer(sa, i % 2 === 0), answer(sb, i % 2 === 1)]);
    }
    expect(stale.stale).toBeGreaterThan(0);
    expect(stale.committed).toHaveLength(12);
    await expectStateIsReplay(a, learner.id, 12, stale.committed);
    expect(await b.attemptsOf(learner.id)).toHaveLength(12);
  });

  it('a refresh adopts the other tab’s attempts before the next item, so no rebase is needed', async () => {
    const { a, b } = twoTabs();
    const learner = await a.createLearner({ nickname: 'Li', avatar: 'cat' });
    const sa = await a.openSession(learner.id);
    const sb = await b.openSession(learner.id);
    sa.next();
    await answer(sa, true);
    sa.next();
    await answer(sa, false);
    expect(await sb.refresh()).toBe('updated');
    expect(sb.attemptCount).toBe(2);
    expect(sb.practice).toEqual(sa.practice);
    expect(await sb.refresh()).toBe('unchanged');
    const stale = countStale();
    sb.next();
    await answer(sb, true);
    expect(stale.stale).toBe(0);
    await expectStateIsReplay(a, learner.id, 3);
  });

  it('a learner deleted in the other tab is reported as gone, and nothing is written', async () => {
    const { a, b } = twoTabs();
    const learner = await a.createLearner({ nickname: 'Bo', avatar: 'frog' });
    const sb = await b.openSession(learner.id);
    sb.next();
    await a.deleteLearner(learner.id);
    const item = sb.current!.item;
    const raw =
      item.answer.kind === 'choice'
        ? String(item.answer.correctIndex)
        : formatAnswer(expectedAnswer(item.answer), 'en');
    await expect(sb.submit(raw, 'en')).rejects.toMatchObject({
      code: 'notFound',
      messageKey: 'learner.notFound',
    });
    expect(sb.current?.answered).toBe(false);
    expect(await sb.refresh()).toBe('gone');
    expect(await dbOf(b).attempts.count()).toBe(0);
  });

  it('tells the other tab of each attempt and deletion, over the channel, for the same database only', async () => {
    const channel = `lantern-test-${n}`;
    const { name, a, b } = twoTabs({ channel });
    const heard: TabEvent[] = [];
    b.onOtherTab((e) => heard.push(e));
    const learner = await a.createLearner({ nickname: 'Kai', avatar: 'owl' });
    const sa = await a.openSession(learner.id);
    sa.next();
    await answer(sa, true);
    await vi.waitFor(() =>
      expect(heard).toEqual([{ type: 'attempt', learnerId: learner.id, attemptCount: 1 }]),
    );
    // Another database on the same channel (another build, a test) is not heard.
    const other = new TabChannel(`${name}-other`, channel);
    opened.push(other);
    other.post({ type: 'learner-deleted', learnerId: learner.id });
    await a.deleteLearner(learner.id);
    await vi.waitFor(() => expect(heard).toHaveLength(2));
    expect(heard[1]).toEqual({ type: 'learner-deleted', learnerId: learner.id });
  });
});

/** A session over a stand-in store (persist/reload), with its first item and a right answer. */
function standaloneSession(store: LearnerStore, seed: number, count: number) {
  const session = new PracticeSession(
    {
      graph: mathsGraph,
      generators: mathsCourse.generators,
      now: () => 1_000,
      rng: seededRng(seed),
      newId: () => `id-${seed}`,
      appVersion: 'test',
      models: learnerModels,
      store,
    },
    'learner',
    new EloModel(mathsGraph),
    new Map(),
    count,
  );
  const { item } = session.next();
  const raw =
    item.answer.kind === 'choice'
      ? String(item.answer.correctIndex)
      : formatAnswer(expectedAnswer(item.answer), 'en');
  return { session, raw };
}

describe('PracticeSession rebase bounds', () => {
  it(`gives up after ${MAX_REBASES} rebases with the repository's error, memory in step with the disk`, async () => {
    class Stale extends Error {}
    let stored = 5;
    const persist = vi.fn(async (): Promise<void> => {
      throw new Stale('moved on again');
    });
    const reload = vi.fn(async (): Promise<StoredLearnerState> => ({
      model: new EloModel(mathsGraph),
      practice: new Map(),
      count: ++stored,
    }));
    const { session, raw } = standaloneSession(
      { persist, reload, isStale: (e: unknown) => e instanceof Stale },
      3,
      5,
    );
    await expect(session.submit(raw, 'en')).rejects.toBeInstanceOf(Stale);
    expect(persist).toHaveBeenCalledTimes(MAX_REBASES + 1);
    expect(reload).toHaveBeenCalledTimes(MAX_REBASES);
    // Each retry sent the count after the state it had just read.
    expect(persist.mock.calls.map((c) => (c as unknown[])[3])).toEqual([6, 7, 8, 9]);
    expect(session.attemptCount).toBe(stored);
    expect(session.current?.answered).toBe(false);

    // Once the other tab stops, the same item saves.
    persist.mockImplementation(async () => {});
    await session.submit(raw, 'en');
    expect(persist).toHaveBeenLastCalledWith(
      expect.anything(),
      expect.anything(),
      expect.anything(),
      stored + 1,
    );
    expect(session.attemptCount).toBe(stored + 1);
  });

  it('does not retry other failures (quota, learner gone)', async () => {
    const persist = vi.fn(async () => {
      throw new Error('quota');
    });
    const reload = vi.fn(async () => null);
    const { session, raw } = standaloneSession({ persist, reload, isStale: () => false }, 4, 0);
    await expect(session.submit(raw, 'en')).rejects.toThrow('quota');
    expect(persist).toHaveBeenCalledTimes(1);
    expect(reload).not.toHaveBeenCalled();
    expect(session.attemptCount).toBe(0);
  });
});
