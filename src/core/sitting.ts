/**
 * Practice sittings (issue 14's "session completed"): the answers a learner gives in one go. A
 * sitting ends when it really ends — the learner leaves practice (its summary shows), is switched
 * or signed out — or, seen only afterwards, when the next answer comes after a long idle gap: the
 * sitting before it then ended at its own last answer. Hiding the tab ends nothing (a child who
 * switches tabs every few answers is still in one sitting). Pure: the caller gives the time.
 */
import type { Attempt, LearnerId } from './types';

/** Without an answer for this long, the sitting is over (the next answer starts another one). */
export const SITTING_IDLE_MS = 30 * 60_000;

/** A sitting that ended: its answers (oldest first, at least one), when it began and ended. */
export interface EndedSitting {
  readonly attempts: readonly Attempt[];
  readonly startedAt: number;
  readonly endedAt: number;
}

interface OpenSitting {
  /** When practice was opened (or the previous sitting ended) with no answer yet. */
  openedAt: number;
  attempts: Attempt[];
}

/** When the item of an answer was shown. */
function shownAt(a: Attempt): number {
  return a.timestamp - a.responseMs;
}

/** The answers since the previous sitting ended, as one ended sitting. */
function close(s: OpenSitting, endedAt: number): EndedSitting | null {
  const first = s.attempts[0];
  if (!first) return null;
  // Practice opened long before the first answer (a screen left open): the sitting began with it.
  const startedAt =
    shownAt(first) - s.openedAt <= SITTING_IDLE_MS ? Math.min(s.openedAt, shownAt(first)) : shownAt(first);
  return { attempts: s.attempts, startedAt, endedAt: Math.max(endedAt, startedAt) };
}

/** Each learner's open sitting on this device (one tab's memory). */
export class Sittings {
  readonly #open = new Map<LearnerId, OpenSitting>();

  /** Whether this tab already holds the learner's sitting (so none needs resuming from disk). */
  has(learnerId: LearnerId): boolean {
    return this.#open.has(learnerId);
  }

  /**
   * Practice opened at `now`. A sitting already open here goes on; otherwise it begins, with
   * `resumed` (the answers of a sitting this device had not ended, read from disk) if any.
   */
  open(learnerId: LearnerId, now: number, resumed: readonly Attempt[] = []): void {
    const s = this.#open.get(learnerId);
    if (!s) this.#open.set(learnerId, { openedAt: now, attempts: [...resumed] });
    else if (s.attempts.length === 0) s.openedAt = now;
  }

  /**
   * An answer was recorded. After a long idle gap the sitting before it is returned, ended at its
   * last answer, and the answer begins the next one.
   */
  record(attempt: Attempt): EndedSitting | null {
    const s = this.#open.get(attempt.learnerId);
    if (!s) {
      this.#open.set(attempt.learnerId, { openedAt: shownAt(attempt), attempts: [attempt] });
      return null;
    }
    const last = s.attempts.at(-1);
    if (last && attempt.timestamp - last.timestamp > SITTING_IDLE_MS) {
      this.#open.set(attempt.learnerId, { openedAt: shownAt(attempt), attempts: [attempt] });
      return close(s, last.timestamp);
    }
    s.attempts.push(attempt);
    return null;
  }

  /**
   * The sitting really ended at `now` (left practice, switched learner): returned, unless it had
   * no answers, and an empty one begins. Ended long after its last answer (a tablet left open),
   * it ended at that answer.
   */
  end(learnerId: LearnerId, now: number): EndedSitting | null {
    const s = this.#open.get(learnerId);
    if (!s) return null;
    this.#open.set(learnerId, { openedAt: now, attempts: [] });
    const last = s.attempts.at(-1);
    if (!last) return null;
    return close(s, now - last.timestamp > SITTING_IDLE_MS ? last.timestamp : now);
  }

  /** The learner is gone (deleted): their sitting is forgotten, never ended. */
  forget(learnerId: LearnerId): void {
    this.#open.delete(learnerId);
  }
}

/**
 * The sitting a learner's recent answers end with, as a fresh tab finds it on disk: the last
 * answers no more than {@link SITTING_IDLE_MS} apart, after the last one that `ended` a sitting
 * already (its "session completed" is stored), and only answers that are `known` (sent or queued
 * for the LRS). `recent` is oldest first.
 */
export function trailingSitting(
  recent: readonly Attempt[],
  ended: (a: Attempt) => boolean,
  known: (a: Attempt) => boolean = () => true,
): Attempt[] {
  let from = recent.length;
  while (from > 0) {
    const a = recent[from - 1] as Attempt;
    const after = recent[from];
    if (ended(a) || !known(a)) break;
    if (after && after.timestamp - a.timestamp > SITTING_IDLE_MS) break;
    from -= 1;
  }
  return recent.slice(from);
}
