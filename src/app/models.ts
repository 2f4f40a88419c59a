/**
 * The learner model kinds this app knows (core/model-codec.ts), and the one place a whole history
 * is replayed into a model's stored state (a restored backup, a merged class file).
 * Adding a model kind: add its codec to `learnerModels`.
 */
import { eloCodec } from '../core/elo';
import { ModelCodecs } from '../core/model-codec';
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
