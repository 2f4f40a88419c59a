import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { answeredStatement, statementId } from '../core/xapi';
import type { Attempt } from '../core/types';
import type { LanternDB } from './db';
import { LearnerRepo, AttemptRepo } from './repositories';
import { OutboxRepo, type NewOutboxEntry } from './outbox';
import { counterIds, freshDb, makeAttempt, stateAfter, steppingClock } from './test-utils';

const PROFILE = { base: 'https://school.example/lantern', nicknames: false };
const open: LanternDB[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

async function setup() {
  const db = freshDb('outbox');
  open.push(db);
  const learners = new LearnerRepo(db, {
    newId: counterIds('learner'),
    now: steppingClock(),
    pinIterations: 1000,
  });
  const attempts = new AttemptRepo(db, { now: steppingClock(1_700_000_500_000) });
  const outbox = new OutboxRepo(db);
  const mei = await learners.create({ nickname: 'Mei', avatar: 'cat' });
  return { db, learners, attempts, outbox, mei };
}

function entriesFor(a: Attempt): NewOutboxEntry[] {
  const statement = answeredStatement(PROFILE, {
    learner: { id: a.learnerId, nickname: 'Mei' },
    attempt: a,
    skillName: { en: 'Adding', 'zh-CN': '加法' },
  });
  return [{ id: statement.id, learnerId: a.learnerId, kind: 'answered', statement }];
}

describe('the outbox', () => {
  it('is written in the attempt’s own transaction, once, and read oldest first', async () => {
    const { attempts, outbox, mei } = await setup();
    let s;
    const as: Attempt[] = [];
    for (let i = 0; i < 5; i++) {
      const a = makeAttempt({ id: `att-${i}`, learnerId: mei.id, timestamp: 1_700_000_100_000 + i });
      s = stateAfter(s, a);
      await attempts.record(a, s, entriesFor(a));
      as.push(a);
    }
    // Re-recording a stored attempt adds nothing (idempotent, like the attempt itself).
    await attempts.record(as[0]!, s!, entriesFor(as[0]!));
    expect(await outbox.counts()).toEqual({ pending: 5, sent: 0, quarantined: 0 });
    expect((await outbox.pending(3)).map((r) => r.id)).toEqual(
      as.slice(0, 3).map((a) => statementId('answered', a.id)),
    );
    expect(await outbox.enqueue(entriesFor(as[1]!), 1)).toBe(0);
  });

  it('writes neither the attempt nor its statement when the transaction fails', async () => {
    const { db, attempts, outbox, mei } = await setup();
    const a = makeAttempt({ id: 'att-x', learnerId: mei.id });
    // A stale attempt count is refused inside the transaction, after the reads.
    await expect(
      attempts.record(a, { ...stateAfter(undefined, a), attemptCount: 7 }, entriesFor(a)),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await db.attempts.count()).toBe(0);
    expect(await outbox.counts()).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    // The outbox write fails after the attempt and state were added (NaN is no IndexedDB key):
    // the whole transaction rolls back, so no answer is stored without its statement.
    const bad = entriesFor(a).map((e) => ({ ...e, id: Number.NaN as unknown as string }));
    await expect(attempts.record(a, stateAfter(undefined, a), bad)).rejects.toThrow();
    expect(await db.attempts.count()).toBe(0);
    expect(await db.learnerState.count()).toBe(0);
  });

  it('marks sent, quarantines with the reason, releases back to pending', async () => {
    const { attempts, outbox, mei } = await setup();
    let s;
    for (let i = 0; i < 3; i++) {
      const a = makeAttempt({ id: `att-${i}`, learnerId: mei.id, timestamp: 1_700_000_100_000 + i });
      s = stateAfter(s, a);
      await attempts.record(a, s, entriesFor(a));
    }
    const [p0, p1, p2] = await outbox.pending(10);
    await outbox.markSent([p0!, p1!], 1_700_000_900_000);
    await outbox.quarantine(p2!.id, '400: statements.0.result.duration');
    // Quarantining a sent statement, or marking one twice, changes nothing.
    await outbox.quarantine(p0!.id, 'late');
    await outbox.markSent([p0!], 1_700_000_999_999);
    expect(await outbox.counts()).toEqual({ pending: 0, sent: 2, quarantined: 1 });
    expect((await outbox.list('sent'))[0]).toMatchObject({ id: p0!.id, sentAt: 1_700_000_900_000 });
    expect(await outbox.list('quarantined')).toEqual([
      { ...p2, status: 'quarantined', problem: '400: statements.0.result.duration' },
    ]);
    expect(await outbox.release()).toBe(1);
    expect((await outbox.pending(10)).map((r) => r.id)).toEqual([p2!.id]);
    expect((await outbox.pending(10))[0]?.problem).toBeUndefined();
  });

  it('voids what was sent when the learner is deleted, and drops what was not', async () => {
    const { attempts, outbox, learners, mei } = await setup();
    const other = await learners.create({ nickname: 'Tom', avatar: 'fox' });
    let s;
    for (let i = 0; i < 3; i++) {
      const a = makeAttempt({ id: `att-${i}`, learnerId: mei.id, timestamp: 1_700_000_100_000 + i });
      s = stateAfter(s, a);
      await attempts.record(a, s, entriesFor(a));
    }
    const t = makeAttempt({ id: 'att-t', learnerId: other.id });
    await attempts.record(t, stateAfter(undefined, t), entriesFor(t));
    const [sent] = await outbox.pending(1);
    await outbox.markSent([sent!], 1_700_000_900_000);
    await learners.delete(mei.id);
    const left = await outbox.forLearner(mei.id);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      id: statementId('voided', sent!.id),
      kind: 'voided',
      status: 'pending',
      statement: {
        actor: { objectType: 'Agent', account: { name: mei.id } },
        verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
        object: { objectType: 'StatementRef', id: sent!.id },
      },
    });
    // The other learner's statement is untouched; deleting again adds nothing.
    expect(await outbox.forLearner(other.id)).toHaveLength(1);
    await learners.delete(mei.id);
    expect(await outbox.counts()).toEqual({ pending: 2, sent: 0, quarantined: 0 });
  });

  it('voids a statement the LRS stored while its learner was being deleted', async () => {
    const { attempts, outbox, learners, mei } = await setup();
    const a = makeAttempt({ id: 'att-0', learnerId: mei.id });
    await attempts.record(a, stateAfter(undefined, a), entriesFor(a));
    const batch = await outbox.pending(10); // on its way to the LRS…
    await learners.delete(mei.id); // …when an adult deletes the learner: it was pending, so dropped
    expect(await outbox.counts()).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    await outbox.markSent(batch, 1_700_000_900_000); // the LRS has it after all
    const [v] = await outbox.pending(10);
    expect(v).toMatchObject({ kind: 'voided', statement: { object: { id: batch[0]!.id } } });
  });
});
