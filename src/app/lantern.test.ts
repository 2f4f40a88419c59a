import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import { ELO_STATE_VERSION } from '../core/elo';
import { seededRng } from '../core/rng';
import { LanternDB } from '../storage/db';
import { StorageError } from '../storage/errors';
import { Lantern } from './lantern';
import { expectedAnswer } from '../core/item-answer';

let n = 0;
const opened: Lantern[] = [];

function makeLantern(start = Date.UTC(2026, 10, 1, 9)) {
  let t = start;
  const rng = seededRng(7);
  let id = 0;
  const lantern = new Lantern(new LanternDB(`lantern-app-test-${n++}`), {
    now: () => (t += 4_000),
    random: rng,
    newId: () => `id-${id++}`,
    appVersion: 'test',
  });
  opened.push(lantern);
  return lantern;
}

afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

describe('Lantern (app layer) on fake-indexeddb', () => {
  it('records every answer durably with all the fields, before returning feedback', async () => {
    const app = makeLantern();
    const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const session = await app.openSession(learner.id);
    const { item } = session.next();
    const r = await session.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    expect(r.status).toBe('correct');
    const stored = await app.attemptsOf(learner.id);
    expect(stored).toHaveLength(1);
    const a = stored[0]!;
    expect(a).toMatchObject({
      learnerId: learner.id,
      itemId: item.id,
      skillId: item.skillId,
      difficulty: item.difficulty,
      seed: item.seed,
      params: item.params,
      correct: true,
      hintsUsed: 0,
      solutionShown: false,
      appVersion: 'test',
    });
    expect(a.responseMs).toBeGreaterThan(0);
  });

  it('does not record malformed answers and lets the learner retry', async () => {
    const app = makeLantern();
    const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const session = await app.openSession(learner.id);
    let { item } = session.next();
    while (item.answer.kind === 'choice') item = session.next().item;
    const bad = await session.submit('banana', 'en');
    expect(bad.status).toBe('malformed');
    expect(await app.attemptsOf(learner.id)).toHaveLength(0);
    const good = await session.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    expect(good.status).toBe('correct');
    expect(await app.attemptsOf(learner.id)).toHaveLength(1);
  });

  it('records hints and a revealed solution as not mastered', async () => {
    const app = makeLantern();
    const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const session = await app.openSession(learner.id);
    session.next();
    session.hint();
    const { attempt, steps } = await session.revealSolution();
    expect(steps.length).toBeGreaterThan(0);
    expect(attempt).toMatchObject({ correct: false, solutionShown: true, hintsUsed: 1 });
    await expect(session.submit('1', 'en')).rejects.toThrow(/already been answered/);
  });

  it('restores the learner model from storage without replaying history', async () => {
    const app = makeLantern();
    const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const s1 = await app.openSession(learner.id);
    for (let i = 0; i < 15; i++) {
      const { item } = s1.next();
      await s1.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    }
    const s2 = await app.openSession(learner.id);
    expect(s2.attemptCount).toBe(15);
    for (const skill of app.graph.order) {
      expect(s2.model.mastery(skill)).toBeCloseTo(s1.model.mastery(skill), 12);
    }
    expect([...s2.practice.entries()]).toEqual([...s1.practice.entries()]);
  });

  it('keeps memory and disk in step when a write fails (e.g. quota)', async () => {
    const db = new LanternDB(`lantern-app-test-${n++}`);
    const app = new Lantern(db, { appVersion: 'test', random: seededRng(3) });
    opened.push(app);
    const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const session = await app.openSession(learner.id);
    const { item } = session.next();
    await session.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    const before = app.graph.order.map((s) => session.model.mastery(s));

    const original = db.attempts.add.bind(db.attempts);
    db.attempts.add = (() => {
      throw new DOMException('full', 'QuotaExceededError');
    }) as typeof db.attempts.add;
    const next = session.next();
    const err = await session
      .submit(formatAnswer(expectedAnswer(next.item.answer), 'en'), 'en')
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageError);
    expect((err as StorageError).code).toBe('quota');
    expect(app.describeError(err, (k) => k)).toBe('error.quota');
    expect(app.graph.order.map((s) => session.model.mastery(s))).toEqual(before);
    expect(session.attemptCount).toBe(1);
    expect(await app.attemptsOf(learner.id)).toHaveLength(1);

    // Space freed: the same item can be answered and is saved.
    db.attempts.add = original;
    const ok = await session.submit(formatAnswer(expectedAnswer(next.item.answer), 'en'), 'en');
    expect(ok.status).toBe('correct');
    expect(await app.attemptsOf(learner.id)).toHaveLength(2);
  });

  it('remembers the interface language on the device', async () => {
    const app = makeLantern();
    expect(await app.getLocale()).toBeNull();
    await app.setLocale('zh-CN');
    expect(await app.getLocale()).toBe('zh-CN');
  });
});

describe('an Elo snapshot of an older format', () => {
  // What a version-1 app stored: θ, n and last per skill. What a version-2 app stored: the same
  // state as now without the right-answer run (`r`), which version 3 added.
  const olderFormats: [number, (current: { skills: Record<string, object> }, t: number) => unknown][] = [
    [1, (_current, t) => ({ version: 1, skills: { placeValue: { theta: 0.4, n: 3, last: t } } })],
    [
      2,
      (current) => ({
        version: 2,
        skills: Object.fromEntries(
          Object.entries(current.skills).map(([id, e]) => {
            const { r: _run, ...rest } = e as { r: number };
            return [id, rest];
          }),
        ),
      }),
    ],
  ];

  it.each(olderFormats)(
    '(version %i) is rebuilt from the attempts when the learner opens practice, and nothing is lost',
    async (version, stored) => {
      const db = new LanternDB(`lantern-app-test-${n++}`);
      let t = Date.UTC(2026, 10, 1, 9);
      const app = new Lantern(db, {
        now: () => (t += 4_000),
        random: seededRng(3),
        newId: (() => {
          let i = 0;
          return () => `v${version}-${i++}`;
        })(),
        appVersion: 'test',
      });
      opened.push(app);
      const learner = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
      const session = await app.openSession(learner.id);
      for (let i = 0; i < 12; i++) {
        const { item } = session.next();
        await session.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
      }
      const replayed = session.model.snapshot() as { version: number; skills: Record<string, object> };
      expect(replayed.version).toBe(ELO_STATE_VERSION);
      const row = (await db.learnerState.get(learner.id))!;
      await db.learnerState.put({ ...row, model: stored(replayed, t) });
      const again = await app.openSession(learner.id);
      // Rebuilt from the 12 stored attempts, not reset and not the stale values.
      expect(again.model.snapshot()).toEqual(replayed);
      expect((await app.attemptsOf(learner.id)).length).toBe(12);
      // The next answer stores the current format.
      const { item } = again.next();
      await again.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
      expect(((await db.learnerState.get(learner.id))!.model as { version: number }).version).toBe(
        ELO_STATE_VERSION,
      );
    },
  );
});

describe('a learner’s goal', () => {
  it('is stored per learner, served by an open session at once, and cleared', async () => {
    const app = makeLantern();
    const ana = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const bo = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });
    expect(await app.goalOf(ana.id)).toBeNull();
    await expect(app.setGoal(ana.id, 'nope')).rejects.toMatchObject({ messageKey: 'progress.goalUnknown' });
    const s = await app.openSession(ana.id);
    // Past the placement check (three wrong probes), then the goal is set while the session is open.
    for (let i = 0; i < 3; i++) {
      const { item, selection } = s.next();
      expect(selection.reason).toBe('placement');
      await s.submit(item.answer.kind === 'choice' ? '0' : '-987654', 'en').catch(() => undefined);
    }
    await app.setGoal(ana.id, 'rounding');
    expect(await app.goalOf(ana.id)).toBe('rounding');
    expect(await app.goalOf(bo.id)).toBeNull();
    const next = s.next();
    expect(next.selection).toMatchObject({ reason: 'focus', focusBy: 'learner' });
    expect(['placeValue', 'rounding']).toContain(next.item.skillId);
    await app.setGoal(ana.id, null);
    expect(await app.goalOf(ana.id)).toBeNull();
  });
});

describe('a star earned', () => {
  it('is reported by the one answer that masters a skill, and by no other', async () => {
    const app = makeLantern();
    const learner = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const s = await app.openSession(learner.id);
    const earned: string[] = [];
    for (let i = 0; i < 40; i++) {
      const { item } = s.next();
      const before = s.model.mastered(item.skillId);
      const r = await s.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
      if (!('attempt' in r)) continue;
      const after = s.model.mastered(item.skillId);
      expect(r.mastered).toBe(!before && after ? item.skillId : undefined);
      if (r.mastered) earned.push(r.mastered);
    }
    expect(earned.length).toBeGreaterThan(0);
    expect(new Set(earned).size).toBe(earned.length);
  });
});
