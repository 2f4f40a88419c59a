import type { SkillId } from '../../../core/types';

/**
 * One practice session as the child lives it: from opening practice until "I'm done for today"
 * or leaving the practice screen. Kept in the tab's sessionStorage (like the item on screen), so a
 * reload in the middle keeps the session; its end-of-session summary is computed from the stored
 * attempts since `startedAt` (core/session-summary.ts).
 */
export interface PracticeRun {
  readonly startedAt: number;
  /** Questions done and answered right in this session (what the practice screen counts). */
  readonly answered: number;
  readonly correct: number;
  /** Skills mastered by an answer of this session, in order (the stars celebrated). */
  readonly mastered: readonly SkillId[];
}

export function newRun(now: number): PracticeRun {
  return { startedAt: now, answered: 0, correct: 0, mastered: [] };
}

/** The session after one more recorded question. */
export function recordInRun(run: PracticeRun, r: { correct: boolean; mastered?: SkillId }): PracticeRun {
  return {
    startedAt: run.startedAt,
    answered: run.answered + 1,
    correct: run.correct + (r.correct ? 1 : 0),
    mastered: r.mastered !== undefined ? [...run.mastered, r.mastered] : run.mastered,
  };
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A stored session read back, checked field by field (never asserted); null if it is not one. */
export function parseRun(raw: unknown): PracticeRun | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const r: Record<string, unknown> = { ...raw };
  const mastered = r.mastered;
  if (
    typeof r.startedAt !== 'number' ||
    !Number.isFinite(r.startedAt) ||
    !count(r.answered) ||
    !count(r.correct) ||
    r.correct > r.answered ||
    !Array.isArray(mastered) ||
    !mastered.every((s) => typeof s === 'string')
  ) {
    return null;
  }
  return { startedAt: r.startedAt, answered: r.answered, correct: r.correct, mastered: mastered.map(String) };
}

/** Where a learner's session is kept (the tab's sessionStorage in the app). */
export interface RunStore {
  load(): PracticeRun | null;
  save(run: PracticeRun): void;
  clear(): void;
}

/**
 * The session store of one learner over a Storage (sessionStorage); a storage that is missing
 * or refuses (private mode, quota) only means the session does not survive a reload.
 */
export function runStore(
  learnerId: string,
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined,
): RunStore {
  const key = `lantern.run.${learnerId}`;
  return {
    load() {
      try {
        const raw = storage?.getItem(key);
        return raw ? parseRun(JSON.parse(raw)) : null;
      } catch {
        return null;
      }
    },
    save(run) {
      try {
        storage?.setItem(key, JSON.stringify(run));
      } catch {
        // not kept across a reload; the session goes on
      }
    },
    clear() {
      try {
        storage?.removeItem(key);
      } catch {
        // nothing to clear
      }
    },
  };
}
