/**
 * From a course and a learner's attempts to the knowledge-tracing model's input (pure; no tfjs).
 *
 * The base model ships before any course it will meet is known (issue 3), so nothing in it may
 * depend on *which* skill a row is. Two things make that work:
 *
 * 1. **Skill rows are exchangeable.** `train:base` assigns every simulated learner's skills to
 *    random rows, so the shipped embeddings are generic "some skill" vectors that only keep the
 *    memory's keys apart. On the device a course's skills get rows in course order
 *    (`skillRows`); fine-tuning then learns what is specific to each.
 * 2. **What the model knows about a skill comes from the course.** Each interaction carries
 *    context features computed from the prerequisite graph and the item's level, defined the
 *    same way for every course: how ready the learner is on the skill's prerequisites, how deep
 *    the skill sits in the graph, and the difficulty level. An unseen skill of an imported
 *    course is described exactly as well as a bundled one.
 */
import type { KtSequence } from './kt-data';
import type { Attempt, Difficulty, SkillGraph, SkillId } from './types';

/** Names of the context features, in order (the model's `contextFeatures` = their count). */
export const COURSE_CONTEXT = [
  'prereqReadiness', // mean over direct prerequisites of the smoothed success rate so far, −0.5
  'prereqUnpractised', // share of direct prerequisites never practised
  'hasPrereqs', // 1 if the skill has prerequisites
  'depth', // log1p(longest prerequisite chain below the skill) / 2
  'level', // item difficulty level − 2 (−1, 0, 1)
] as const;
export const COURSE_CONTEXT_FEATURES = COURSE_CONTEXT.length;

/** Rows of the on-device model's skill table (row 0 = none). */
export const SKILL_ROWS = 128;

/** What the context features need to know about a course. */
export interface KtCourse {
  /** The skill's row in the model's tables, 1 … SKILL_ROWS − 1. */
  rowOf(skill: SkillId): number;
  prerequisites(skill: SkillId): readonly SkillId[];
  /** Longest prerequisite chain below the skill (0 for a root). */
  depth(skill: SkillId): number;
}

/** A deterministic string hash into 1 … rows − 1 (FNV-1a), for skills beyond the table. */
function hashRow(id: string, rows: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return 1 + ((h >>> 0) % (rows - 1));
}

/** A course view of a skill graph: rows in topological order, then hashed past the table. */
export function ktCourse(graph: SkillGraph, rows: number = SKILL_ROWS): KtCourse {
  const row = new Map<SkillId, number>();
  const depth = new Map<SkillId, number>();
  graph.order.forEach((id, i) => {
    row.set(id, i + 1 < rows ? i + 1 : hashRow(id, rows));
    const prereqs = graph.byId.get(id)?.prerequisites ?? [];
    depth.set(id, prereqs.length === 0 ? 0 : 1 + Math.max(...prereqs.map((p) => depth.get(p) ?? 0)));
  });
  return {
    rowOf: (id) => row.get(id) ?? hashRow(id, rows),
    prerequisites: (id) => graph.byId.get(id)?.prerequisites ?? [],
    depth: (id) => depth.get(id) ?? 0,
  };
}

/**
 * Running per-skill counts over a history, from which the context of the next interaction is
 * read. `contextFor` uses only what has been observed, never the answer it describes.
 */
export class CourseContext {
  readonly #attempts = new Map<SkillId, number>();
  readonly #correct = new Map<SkillId, number>();

  constructor(readonly course: KtCourse) {}

  contextFor(
    skill: SkillId,
    level: Difficulty,
    out: Float32Array = new Float32Array(COURSE_CONTEXT_FEATURES),
    at = 0,
  ): Float32Array {
    const prereqs = this.course.prerequisites(skill);
    let readiness = 0;
    let unpractised = 0;
    for (const p of prereqs) {
      const n = this.#attempts.get(p) ?? 0;
      readiness += ((this.#correct.get(p) ?? 0) + 1) / (n + 2) - 0.5;
      if (n === 0) unpractised++;
    }
    const k = prereqs.length;
    out[at] = k > 0 ? readiness / k : 0;
    out[at + 1] = k > 0 ? unpractised / k : 0;
    out[at + 2] = k > 0 ? 1 : 0;
    out[at + 3] = Math.log1p(this.course.depth(skill)) / 2;
    out[at + 4] = level - 2;
    return out;
  }

  observe(skill: SkillId, correct: boolean): void {
    this.#attempts.set(skill, (this.#attempts.get(skill) ?? 0) + 1);
    if (correct) this.#correct.set(skill, (this.#correct.get(skill) ?? 0) + 1);
  }
}

/** The fields of an attempt the model reads. */
export type KtAttempt = Pick<
  Attempt,
  'skillId' | 'difficulty' | 'correct' | 'timestamp' | 'responseMs' | 'hintsUsed'
>;

/**
 * One learner's attempts (in time order) as a model sequence, with course context.
 * Returns the context tracker after the whole history too, for predicting the next item.
 */
export function attemptsToSequence(
  attempts: readonly KtAttempt[],
  course: KtCourse,
): { sequence: KtSequence; after: CourseContext } {
  const n = attempts.length;
  const ctx = new CourseContext(course);
  const context = new Float32Array(n * COURSE_CONTEXT_FEATURES);
  attempts.forEach((a, t) => {
    ctx.contextFor(a.skillId, a.difficulty, context, t * COURSE_CONTEXT_FEATURES);
    ctx.observe(a.skillId, a.correct);
  });
  return {
    sequence: {
      skills: attempts.map((a) => course.rowOf(a.skillId)),
      correct: attempts.map((a) => (a.correct ? 1 : 0)),
      timestamps: attempts.map((a) => a.timestamp),
      responseMs: attempts.map((a) => a.responseMs),
      hints: attempts.map((a) => a.hintsUsed),
      context,
    },
    after: ctx,
  };
}

/** A candidate next item. */
export interface KtCandidate {
  readonly skillId: SkillId;
  readonly difficulty: Difficulty;
}

/**
 * One sequence per candidate: the last `window − 1` interactions of the history followed by the
 * candidate (label 0, ignored). The model's prediction at the last position is P(correct) for
 * the candidate. `window` matches the 200-interaction chunks the model is trained on.
 */
export function candidateSequences(
  history: KtSequence,
  after: CourseContext,
  candidates: readonly KtCandidate[],
  now: number,
  window = 200,
): KtSequence[] {
  const n = history.skills.length;
  const start = Math.max(0, n - (window - 1));
  const E = COURSE_CONTEXT_FEATURES;
  const ctx = history.context?.subarray(start * E, n * E) ?? new Float32Array(0);
  const m = n - start;
  return candidates.map((c) => {
    const context = new Float32Array((m + 1) * E);
    context.set(ctx);
    after.contextFor(c.skillId, c.difficulty, context, m * E);
    return {
      skills: [...history.skills.slice(start), after.course.rowOf(c.skillId)],
      correct: [...history.correct.slice(start), 0],
      timestamps: [...(history.timestamps?.slice(start) ?? new Array<number>(m).fill(now)), now],
      responseMs: [...(history.responseMs?.slice(start) ?? new Array<number>(m).fill(0)), 0],
      hints: [...(history.hints?.slice(start) ?? new Array<number>(m).fill(0)), 0],
      context,
    };
  });
}
