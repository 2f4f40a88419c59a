/**
 * The xAPI outbox (issue 14): statements on their way to a Learning Record Store, and the LRS
 * connection and sender's state. Plain data in, plain data out, like the other repositories.
 *
 * - An attempt's statements are written by AttemptRepo.record in the attempt's own transaction
 *   ({@link addNewEntries}); other statements (a session completed, older attempts from the
 *   adult's start date) by {@link OutboxRepo.enqueue}. A statement's id is its key: queueing it
 *   twice adds nothing.
 * - Sent statements stay (status 'sent') so deleting their learner can void them
 *   ({@link voidSentOf}, in the deletion's transaction); pending ones are simply deleted then.
 * - A statement the LRS refuses as it is (400, 409) is quarantined with the reason, never
 *   dropped: the adult sees and exports it.
 */
import type { LearnerId } from '../core/types';
import { voidingStatement, type XapiAgent } from '../core/xapi-void';
import {
  OUTBOX_RECORD_VERSION,
  type LanternDB,
  type LrsRecord,
  type OutboxRecord,
  type OutboxStatus,
} from './db';
import { guard } from './errors';

/** What a caller queues: the record without its bookkeeping fields. */
export interface NewOutboxEntry {
  readonly id: string;
  readonly learnerId: LearnerId;
  readonly kind: string;
  readonly statement: unknown;
}

export interface OutboxCounts {
  readonly pending: number;
  readonly sent: number;
  readonly quarantined: number;
}

function copy<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (e) {
    throw new TypeError('Storage accepts plain data only; pass $state.snapshot(value) for Svelte state.', {
      cause: e,
    });
  }
}

function toRecord(e: NewOutboxEntry, queuedAt: number): OutboxRecord {
  return {
    id: e.id,
    recordVersion: OUTBOX_RECORD_VERSION,
    learnerId: e.learnerId,
    status: 'pending',
    queuedAt,
    kind: e.kind,
    statement: e.statement,
  };
}

/**
 * Inside a caller's read-write transaction over `outbox`: adds the entries whose ids are not
 * stored yet (a sent or quarantined statement is never put back to pending). Returns how many.
 */
export async function addNewEntries(
  db: LanternDB,
  entries: readonly NewOutboxEntry[],
  queuedAt: number,
): Promise<number> {
  if (entries.length === 0) return 0;
  const unique = new Map(entries.map((e) => [e.id, e]));
  const ids = [...unique.keys()];
  const found = await db.outbox.bulkGet(ids);
  const fresh = ids.filter((_, i) => found[i] === undefined).map((id) => unique.get(id) as NewOutboxEntry);
  // Same queuedAt for a batch: the [status+queuedAt] index then orders them by id, stably.
  if (fresh.length > 0) await db.outbox.bulkAdd(fresh.map((e) => toRecord(e, queuedAt)));
  return fresh.length;
}

function actorOf(statement: unknown): XapiAgent | undefined {
  if (statement === null || typeof statement !== 'object') return undefined;
  const actor = (statement as { actor?: unknown }).actor;
  if (actor === null || typeof actor !== 'object') return undefined;
  const account = (actor as { account?: unknown }).account;
  if (account === null || typeof account !== 'object') return undefined;
  const { homePage, name } = account as { homePage?: unknown; name?: unknown };
  if (typeof homePage !== 'string' || typeof name !== 'string') return undefined;
  return { objectType: 'Agent', account: { homePage, name } };
}

/**
 * Inside a caller's read-write transaction over `outbox` (deleting a learner): what was never
 * sent is deleted; what was sent is replaced by a statement voiding it, queued to be sent.
 * Voiding statements themselves are never voided (xAPI forbids it); they stay until sent.
 */
export async function voidSentOf(db: LanternDB, learnerId: LearnerId, now: number): Promise<number> {
  const rows = await db.outbox.where('learnerId').equals(learnerId).toArray();
  const voids: NewOutboxEntry[] = [];
  const drop: string[] = [];
  for (const r of rows) {
    if (r.kind === 'voided') {
      if (r.status !== 'pending') drop.push(r.id);
      continue;
    }
    drop.push(r.id);
    const actor = r.status === 'sent' ? actorOf(r.statement) : undefined;
    if (actor) {
      const statement = voidingStatement(actor, r.id, now);
      voids.push({ id: statement.id, learnerId, kind: 'voided', statement });
    }
  }
  await db.outbox.bulkDelete(drop);
  return addNewEntries(db, voids, now);
}

function statusRange(status: OutboxStatus): [unknown[], unknown[]] {
  return [
    [status, -Infinity],
    [status, Infinity],
  ];
}

export class OutboxRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  /** Queues statements not queued before (by id); returns how many were added. */
  async enqueue(entries: readonly NewOutboxEntry[], queuedAt: number): Promise<number> {
    const rows = copy(entries);
    const db = this.#db;
    return guard(() => db.transaction('rw', db.outbox, () => addNewEntries(db, rows, queuedAt)));
  }

  /** Which of these statement ids are stored, whatever their status. */
  async existing(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await guard(() => this.#db.outbox.bulkGet([...ids]));
    return new Set(rows.flatMap((r) => (r ? [r.id] : [])));
  }

  /** The oldest pending statements, at most `limit`. */
  async pending(limit: number): Promise<OutboxRecord[]> {
    const [lo, hi] = statusRange('pending');
    return guard(() =>
      this.#db.outbox.where('[status+queuedAt]').between(lo, hi, true, true).limit(limit).toArray(),
    );
  }

  async list(status: OutboxStatus): Promise<OutboxRecord[]> {
    const [lo, hi] = statusRange(status);
    return guard(() => this.#db.outbox.where('[status+queuedAt]').between(lo, hi, true, true).toArray());
  }

  async forLearner(learnerId: LearnerId): Promise<OutboxRecord[]> {
    return guard(() => this.#db.outbox.where('learnerId').equals(learnerId).toArray());
  }

  async counts(): Promise<OutboxCounts> {
    const db = this.#db;
    return guard(() =>
      db.transaction('r', db.outbox, async () => {
        const count = (s: OutboxStatus) => {
          const [lo, hi] = statusRange(s);
          return db.outbox.where('[status+queuedAt]').between(lo, hi, true, true).count();
        };
        const [pending, sent, quarantined] = await Promise.all([
          count('pending'),
          count('sent'),
          count('quarantined'),
        ]);
        return { pending, sent, quarantined };
      }),
    );
  }

  /**
   * The LRS stored these statements. Each pending one becomes sent. One that is gone — its learner
   * was deleted while the batch was on its way — is voided at once: the LRS has it now.
   */
  async markSent(
    sent: readonly { id: string; learnerId: LearnerId; statement: unknown }[],
    at: number,
  ): Promise<void> {
    if (sent.length === 0) return;
    const db = this.#db;
    await guard(() =>
      db.transaction('rw', [db.outbox, db.learners], async () => {
        const rows = await db.outbox.bulkGet(sent.map((s) => s.id));
        const voids: NewOutboxEntry[] = [];
        const updated: OutboxRecord[] = [];
        for (const [i, s] of sent.entries()) {
          const row = rows[i];
          if (row) {
            if (row.status === 'pending') updated.push({ ...row, status: 'sent', sentAt: at });
            continue;
          }
          const actor = actorOf(s.statement);
          if (actor && !(await db.learners.get(s.learnerId))) {
            const statement = voidingStatement(actor, s.id, at);
            voids.push({ id: statement.id, learnerId: s.learnerId, kind: 'voided', statement });
          }
        }
        if (updated.length > 0) await db.outbox.bulkPut(updated);
        await addNewEntries(db, voids, at);
      }),
    );
  }

  /** The LRS refused this statement as it is: keep it aside, with the reason, for the adult. */
  async quarantine(id: string, problem: string): Promise<void> {
    const db = this.#db;
    await guard(() =>
      db.transaction('rw', db.outbox, async () => {
        const row = await db.outbox.get(id);
        if (row && row.status === 'pending') await db.outbox.put({ ...row, status: 'quarantined', problem });
      }),
    );
  }

  /** Puts quarantined statements back in the queue (after the LRS was fixed); returns how many. */
  async release(): Promise<number> {
    const db = this.#db;
    return guard(() =>
      db.transaction('rw', db.outbox, async () => {
        const rows = await this.list('quarantined');
        const back = rows.map((r) => {
          const { problem: _problem, ...rest } = r;
          return { ...rest, status: 'pending' as const };
        });
        if (back.length > 0) await db.outbox.bulkPut(back);
        return back.length;
      }),
    );
  }
}

/**
 * The `lrs` store's rows (sealed when encrypted): the connection ('config'), the sender's state
 * ('state'), and on a teacher's device the class's read credentials ('read') and how far the
 * class was pulled ('pull').
 */
export type LrsKey = 'config' | 'state' | 'read' | 'pull';

export class LrsRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  async get(key: LrsKey): Promise<unknown> {
    const row: LrsRecord | undefined = await guard(() => this.#db.lrs.get(key));
    return row?.value;
  }

  async set(key: LrsKey, value: unknown): Promise<void> {
    const v = copy(value);
    await guard(() => this.#db.lrs.put({ key, value: v }));
  }

  async delete(key: LrsKey): Promise<void> {
    await guard(() => this.#db.lrs.delete(key));
  }
}
