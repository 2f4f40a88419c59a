/**
 * A learning path to a goal skill: the goal and everything it builds on, in the course's order,
 * each marked done (mastered) or not. The selection policy serves the path through its focus
 * mechanism (selection.ts): a goal the learner picked and a focus the teacher set are the same
 * thing seen from two sides, and both boost the goal, or, while it is locked, its nearest
 * unlocked prerequisite.
 */
import type { LearnerModel, SkillGraph, SkillId } from './types';

export interface PathStep {
  readonly skillId: SkillId;
  readonly done: boolean;
}

/** The goal's ancestors and the goal, in topological order; empty for an unknown skill. */
export function learningPath(
  graph: SkillGraph,
  model: Pick<LearnerModel, 'mastered'>,
  goal: SkillId,
): PathStep[] {
  if (!graph.byId.has(goal)) return [];
  const need = new Set<SkillId>([goal]);
  const stack = [goal];
  while (stack.length > 0) {
    for (const p of graph.byId.get(stack.pop()!)?.prerequisites ?? []) {
      if (!need.has(p)) {
        need.add(p);
        stack.push(p);
      }
    }
  }
  return graph.order
    .filter((id) => need.has(id))
    .map((skillId) => ({ skillId, done: model.mastered(skillId) }));
}
