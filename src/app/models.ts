/**
 * The learner model kinds this app knows (core/model-codec.ts), and the one place a whole history
 * is replayed into a model's stored state (a restored backup, a merged class file).
 * Adding a model kind: add its codec to `learnerModels`.
 */
import { eloCodec } from '../core/elo';
import { ModelCodecs, OutdatedSnapshotError, type PersistentModel } from '../core/model-codec';
import { summaryFromAttempts } from '../core/practice';
import type { Attempt, SkillGraph } from '../core/types';
import type { NextLearnerState } from '../storage/repositories';

export const learnerModels = new ModelCodecs([eloCodec]);

/** The learner state a whole history gives: a fresh model with every attempt applied. */
export function replayedState(
  models: ModelCodecs,
  graph: SkillGraph,
  attempts: readonly Attempt[],
): NextLearnerState {
  return {
    model: models.replay(graph, attempts).snapshot(),
    practice: Object.fromEntries(summaryFromAttempts(attempts)),
    attemptCount: attempts.length,
  };
}

/**
 * The live model of a stored snapshot; when the snapshot is in an older format of its kind (the
 * Elo state before version 2), the model is rebuilt from the learner's attempts instead, so an
 * upgrade loses nothing. The rebuilt state is saved with the next answer.
 */
export async function restoreOrReplay(
  models: ModelCodecs,
  graph: SkillGraph,
  snapshot: unknown,
  attempts: () => Promise<readonly Attempt[]>,
): Promise<{ readonly model: PersistentModel; readonly replayed: boolean }> {
  try {
    return { model: models.restore(graph, snapshot), replayed: false };
  } catch (e) {
    if (!(e instanceof OutdatedSnapshotError)) throw e;
    return { model: models.replay(graph, await attempts()), replayed: true };
  }
}
