/** Helpers shared by the storage tests and the Node bench. Never imported by the app. */
import 'fake-indexeddb/auto';
import type { Attempt, Difficulty, LearnerId, SkillId, SkillPractice } from '../core/types';
import { LanternDB } from './db';
import type { NextLearnerState } from './repositories';

let dbCounter = 0;

/** A LanternDB on a fresh, uniquely named fake-indexeddb database. */
export function freshDb(prefix = 'lantern-test'): LanternDB {
  dbCounter += 1;
  return new LanternDB(`${prefix}-${process.pid}-${dbCounter}`);
}

/** Deterministic ids: 'id-0001', 'id-0002', ... */
export function counterIds(prefix = 'id'): () => string {
  let n = 0;
  return () => `${prefix}-${String(++n).padStart(4, '0')}`;
}

/** A manual clock: starts at `start`, advances by `step` per call. */
export function steppingClock(start = 1_700_000_000_000, step = 1000): () => number {
  let t = start - step;
  return () => (t += step);
}

export function makeAttempt(over: Partial<Attempt> & { id: string; learnerId: LearnerId }): Attempt {
  const skillId: SkillId = over.skillId ?? 'add-within-20';
  const difficulty: Difficulty = over.difficulty ?? 1;
  const seed = over.seed ?? 42;
  return {
    itemId: `${skillId}~${difficulty}~${seed}`,
    skillId,
    difficulty,
    seed,
    params: { a: 7, b: 8 },
    answer: '15',
    correct: true,
    responseMs: 4200,
    hintsUsed: 0,
    solutionShown: false,
    timestamp: 1_700_000_000_000,
    appVersion: '0.1.0',
    ...over,
  };
}

/**
 * Folds one attempt into a state the way the app does (a stand-in for the learner model:
 * a per-skill counter snapshot), so tests can call record() realistically.
 */
export function stateAfter(prev: NextLearnerState | undefined, a: Attempt): NextLearnerState {
  const practice: Record<SkillId, SkillPractice> = { ...(prev?.practice ?? {}) };
  const p = practice[a.skillId] ?? { attempts: 0, correct: 0, lastPracticed: 0 };
  practice[a.skillId] = {
    attempts: p.attempts + 1,
    correct: p.correct + (a.correct ? 1 : 0),
    lastPracticed: Math.max(p.lastPracticed, a.timestamp),
  };
  const prevModel = (prev?.model ?? { version: 1, ratings: {} }) as {
    version: 1;
    ratings: Record<string, number>;
  };
  const r = prevModel.ratings[a.skillId] ?? 0;
  return {
    model: { version: 1, ratings: { ...prevModel.ratings, [a.skillId]: r + (a.correct ? 8 : -8) } },
    practice,
    attemptCount: (prev?.attemptCount ?? 0) + 1,
  };
}
