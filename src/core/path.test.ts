import { describe, expect, it } from 'vitest';
import { buildGraph } from './graph';
import { learningPath } from './path';
import { emptySummary } from './practice';
import { seededRng } from './rng';
import { selectNextItem } from './selection';
import { EloModel } from './elo';
import type { Skill } from './types';

const sk = (id: string, prerequisites: string[] = []): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band: 1,
});
// a → b → d, c → d, e unrelated
const graph = buildGraph([sk('a'), sk('b', ['a']), sk('c'), sk('d', ['b', 'c']), sk('e')]);

describe('learningPath', () => {
  it('is the goal and everything it builds on, in course order, with what is done', () => {
    const mastered = new Set(['a']);
    const path = learningPath(graph, { mastered: (id) => mastered.has(id) }, 'd');
    expect(path.map((s) => s.skillId)).toEqual(graph.order.filter((id) => id !== 'e'));
    expect(path.find((s) => s.skillId === 'a')?.done).toBe(true);
    expect(path.filter((s) => !s.done)).toHaveLength(3);
    expect(path.at(-1)?.skillId).toBe('d');
  });

  it('is empty for a skill not in the course, and just the skill for a root', () => {
    expect(learningPath(graph, { mastered: () => false }, 'nope')).toEqual([]);
    expect(learningPath(graph, { mastered: () => false }, 'e')).toEqual([{ skillId: 'e', done: false }]);
  });
});

describe('a goal in the selection policy', () => {
  const T = Date.UTC(2026, 0, 5);
  it('serves the goal like a focus and says it is the learner’s own', () => {
    const m = new EloModel(graph);
    const s = selectNextItem(m, graph, emptySummary(), T, seededRng(1), { goal: 'e' });
    expect(s).toMatchObject({ skillId: 'e', reason: 'focus', focusBy: 'learner' });
    expect(s.focusFor).toBeUndefined();
  });

  it('serves the nearest open step of a locked goal, naming the goal', () => {
    const m = new EloModel(graph);
    const s = selectNextItem(m, graph, emptySummary(), T, seededRng(1), { goal: 'd' });
    expect(['a', 'c']).toContain(s.skillId);
    expect(s).toMatchObject({ reason: 'focus', focusFor: 'd', focusBy: 'learner' });
  });

  it('a teacher’s focus on the same skill is the teacher’s (one mechanism, the teacher named)', () => {
    const m = new EloModel(graph);
    const s = selectNextItem(m, graph, emptySummary(), T, seededRng(1), { goal: 'e', focus: ['e'] });
    expect(s).toMatchObject({ skillId: 'e', reason: 'focus' });
    expect(s.focusBy).toBeUndefined();
  });
});
