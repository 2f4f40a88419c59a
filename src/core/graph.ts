/**
 * The skill prerequisite graph: validation, a stable topological order, and traversal helpers.
 * Pure and deterministic: the same skill list always yields the same graph and order.
 */
import { ValidationError } from './errors';
import type { Skill, SkillGraph, SkillId } from './types';

/**
 * Validate a list of skills and build the graph.
 *
 * Throws ValidationError with
 * - `error.graphEmptyId` `{ index }` when a skill has an empty id;
 * - `error.graphDuplicate` `{ skill }` when two skills share an id;
 * - `error.graphMissingPrereq` `{ skill, prerequisite }` when a prerequisite is not in the list;
 * - `error.graphCycle` `{ skill, cycle }` when prerequisites loop (`cycle` reads "a → b → a").
 *
 * The order lists prerequisites first; among skills that are ready at the same time, the one
 * that comes first in the input comes first.
 */
export function buildGraph(skills: readonly Skill[]): SkillGraph {
  const byId = new Map<SkillId, Skill>();
  const index = new Map<SkillId, number>();
  skills.forEach((s, i) => {
    if (!s.id) throw new ValidationError('error.graphEmptyId', { index: i });
    if (byId.has(s.id)) throw new ValidationError('error.graphDuplicate', { skill: s.id });
    byId.set(s.id, s);
    index.set(s.id, i);
  });
  for (const s of skills) {
    for (const p of s.prerequisites) {
      if (!byId.has(p)) {
        throw new ValidationError('error.graphMissingPrereq', { skill: s.id, prerequisite: p });
      }
    }
  }

  // Kahn's algorithm with the ready set kept sorted by input index (stable ties).
  const n = skills.length;
  const indegree = new Array<number>(n).fill(0);
  const dependents: number[][] = skills.map(() => []);
  skills.forEach((s, i) => {
    for (const p of new Set(s.prerequisites)) {
      indegree[i]! += 1;
      dependents[index.get(p)!]!.push(i);
    }
  });
  const ready: number[] = [];
  for (let i = 0; i < n; i++) if (indegree[i] === 0) ready.push(i);
  const order: SkillId[] = [];
  while (ready.length > 0) {
    const i = ready.shift()!;
    order.push(skills[i]!.id);
    for (const j of dependents[i]!) {
      indegree[j]! -= 1;
      if (indegree[j] === 0) insertSorted(ready, j);
    }
  }
  if (order.length < n) {
    const cycle = findCycle(skills, byId, new Set(order));
    throw new ValidationError('error.graphCycle', { skill: cycle[0] ?? '', cycle: cycle.join(' → ') });
  }
  return { skills: skills.slice(), byId, order };
}

function insertSorted(xs: number[], x: number): void {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  xs.splice(lo, 0, x);
}

/** A concrete cycle among the skills Kahn's algorithm could not order, closed ("a, b, a"). */
function findCycle(
  skills: readonly Skill[],
  byId: ReadonlyMap<SkillId, Skill>,
  done: Set<SkillId>,
): SkillId[] {
  const state = new Map<SkillId, 1 | 2>(); // 1 = on the current path, 2 = finished
  const path: SkillId[] = [];
  const visit = (id: SkillId): SkillId[] | null => {
    state.set(id, 1);
    path.push(id);
    for (const p of byId.get(id)!.prerequisites) {
      if (done.has(p)) continue;
      const st = state.get(p);
      if (st === 1) {
        // path[k..] leads from p down to id via "requires"; report it in prerequisite order.
        const k = path.indexOf(p);
        return [...path.slice(k).reverse(), id];
      }
      if (st === undefined) {
        const found = visit(p);
        if (found) return found;
      }
    }
    path.pop();
    state.set(id, 2);
    return null;
  };
  for (const s of skills) {
    if (done.has(s.id) || state.has(s.id)) continue;
    const found = visit(s.id);
    if (found) return found;
  }
  return [];
}

function skillOf(graph: SkillGraph, id: SkillId): Skill {
  const s = graph.byId.get(id);
  if (!s) throw new ValidationError('error.graphUnknownSkill', { skill: id });
  return s;
}

const dependentsCache = new WeakMap<SkillGraph, ReadonlyMap<SkillId, readonly SkillId[]>>();

function dependentsMap(graph: SkillGraph): ReadonlyMap<SkillId, readonly SkillId[]> {
  let map = dependentsCache.get(graph);
  if (!map) {
    const m = new Map<SkillId, SkillId[]>();
    for (const id of graph.order) m.set(id, []);
    for (const id of graph.order) {
      for (const p of new Set(skillOf(graph, id).prerequisites)) m.get(p)?.push(id);
    }
    map = m;
    dependentsCache.set(graph, map);
  }
  return map;
}

/** Direct prerequisites of a skill, as declared. Throws `error.graphUnknownSkill` for an unknown id. */
export function prerequisitesOf(graph: SkillGraph, id: SkillId): readonly SkillId[] {
  return skillOf(graph, id).prerequisites;
}

/** Skills that list `id` as a direct prerequisite, in topological order. */
export function dependentsOf(graph: SkillGraph, id: SkillId): readonly SkillId[] {
  skillOf(graph, id);
  return dependentsMap(graph).get(id) ?? [];
}

/** Every skill `id` depends on, directly or not (excluding itself), in topological order. */
export function ancestorsOf(graph: SkillGraph, id: SkillId): readonly SkillId[] {
  return closure(graph, id, (x) => skillOf(graph, x).prerequisites);
}

/** Every skill that depends on `id`, directly or not (excluding itself), in topological order. */
export function descendantsOf(graph: SkillGraph, id: SkillId): readonly SkillId[] {
  return closure(graph, id, (x) => dependentsOf(graph, x));
}

/** Skills with no prerequisites, in topological order. */
export function rootsOf(graph: SkillGraph): readonly SkillId[] {
  return graph.order.filter((id) => skillOf(graph, id).prerequisites.length === 0);
}

function closure(graph: SkillGraph, id: SkillId, next: (x: SkillId) => readonly SkillId[]): SkillId[] {
  skillOf(graph, id);
  const seen = new Set<SkillId>();
  const stack = [...next(id)];
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    stack.push(...next(x));
  }
  return graph.order.filter((x) => seen.has(x));
}
