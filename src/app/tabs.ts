/**
 * Tabs of this app on one device hear about each other over a BroadcastChannel (same origin
 * only; nothing leaves the device). A tab announces what it wrote; the others, if they show
 * the same learner, catch up before their next item (AppState). Correctness never depends on
 * a message arriving: the repository refuses a stale write and the session rebases
 * (app/session.ts). The messages only keep the other tabs current sooner.
 */
import type { LearnerId } from '../core/types';

export const TAB_CHANNEL = 'lantern';

/** What one tab tells the others. */
export type TabEvent =
  | { readonly type: 'attempt'; readonly learnerId: LearnerId; readonly attemptCount: number }
  | { readonly type: 'learner-deleted'; readonly learnerId: LearnerId };

/** On the wire: the event plus the database it is about (tests and other builds may share the origin). */
type TabMessage = TabEvent & { readonly db: string };

function isTabMessage(m: unknown): m is TabMessage {
  if (m === null || typeof m !== 'object') return false;
  const x = m as Record<string, unknown>;
  if (typeof x.db !== 'string' || typeof x.learnerId !== 'string') return false;
  if (x.type === 'attempt') return typeof x.attemptCount === 'number';
  return x.type === 'learner-deleted';
}

export class TabChannel {
  readonly #channel: BroadcastChannel;
  readonly #db: string;
  readonly #listeners = new Set<(e: TabEvent) => void>();

  /** `db` is the database name: only messages about the same database are delivered. */
  constructor(db: string, name: string = TAB_CHANNEL) {
    this.#db = db;
    this.#channel = new BroadcastChannel(name);
    this.#channel.onmessage = (e: MessageEvent<unknown>) => {
      const m = e.data;
      if (!isTabMessage(m) || m.db !== this.#db) return;
      const event: TabEvent =
        m.type === 'attempt'
          ? { type: 'attempt', learnerId: m.learnerId, attemptCount: m.attemptCount }
          : { type: 'learner-deleted', learnerId: m.learnerId };
      for (const l of this.#listeners) l(event);
    };
  }

  /** Tell the other tabs (never this one) what this tab just wrote. */
  post(event: TabEvent): void {
    try {
      this.#channel.postMessage({ ...event, db: this.#db } satisfies TabMessage);
    } catch {
      // A closed channel (the app is shutting down): the other tabs still rebase on write.
    }
  }

  /** Every event from another tab; returns the unsubscribe. */
  subscribe(listener: (e: TabEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#listeners.clear();
    this.#channel.close();
  }
}

/** A channel for this database, or undefined where BroadcastChannel does not exist. */
export function openTabChannel(db: string, name: string = TAB_CHANNEL): TabChannel | undefined {
  return typeof BroadcastChannel === 'undefined' ? undefined : new TabChannel(db, name);
}
