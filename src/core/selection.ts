/**
 * The selection policy: which skill to practise next, at which difficulty, and why.
 *
 * Works with any {@link LearnerModel}; it reads `mastery(skill)` (no `now`: the mastery shown when
 * the skill was last practised) to decide what is mastered and unlocked — so a week's holiday does
 * not re-lock the map — and `predict(item, now)` (which may include forgetting) to pick difficulty.
 * Forgetting of mastered skills is handled by spaced review ({@link reviewInterval}).
 *
 * Policy, for each unlocked skill (all prerequisites mastered; roots always unlocked):
 *
 * | category  | when                                              | score                                  |
 * | --------- | ------------------------------------------------- | -------------------------------------- |
 * | review    | mastered, practised, `now − last ≥ reviewInterval` | 4 + 0.5·min(1, log2(overdue ratio))    |
 * | frontier  | not mastered                                      | 3 − 0.2·(band − lowest band), cap 1,   |
 * |           |                                                   | − 0.3·(topological rank / skills),     |
 * |           |                                                   | + 0.2 if already started               |
 * | practice  | mastered, not due                                 | 0.5                                    |
 *
 * then, for every candidate: + 3 if it is a focus skill (or the nearest unmastered unlocked
 * prerequisite of a locked focus skill); − 0.5 × distance of its best difficulty's prediction from
 * the target band; − 0.1 per occurrence in `recent`; + up to 0.05 of rng jitter for tie-breaking.
 * A skill that filled the last `maxRepeat` (3) entries of `recent` is skipped if any other
 * candidate exists. Frontier scores stay within [1.35 − 0.1·|recent|, 3.2] (the fit penalty is at
 * most 0.35), so without focus and with up to 8 recent entries a frontier skill always beats a
 * mastered one that is not due (≤ 0.55), and a due review (≥ 3.65) beats any frontier skill.
 *
 * Difficulty: the level whose predicted P(correct) is closest to the target band (distance 0
 * inside it); ties go to the harder level.
 *
 * Cost: O(skills · 3 + prerequisite edges) model calls, plus a prerequisite walk per locked
 * focus skill; the attempt history is never read.
 */
import { ValidationError } from './errors';
import { DIFFICULTIES } from './types';
import type { Difficulty, LearnerModel, PracticeSummary, Rng, Selection, SkillGraph, SkillId } from './types';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

export interface SelectionOptions {
  /** Mastery (P(correct) at difficulty 2) at or above which a skill counts as mastered. Default 0.8. */
  readonly masteryThreshold?: number;
  /** Target band for predicted P(correct). Default [0.7, 0.85]. */
  readonly target?: readonly [number, number];
  /** Teacher-assigned focus skills. */
  readonly focus?: readonly SkillId[];
  /** The last few skills practised, most recent last. */
  readonly recent?: readonly SkillId[];
  /** How many times in a row one skill may be picked while alternatives exist. Default 3. */
  readonly maxRepeat?: number;
}

export const DEFAULT_MASTERY_THRESHOLD = 0.8;
export const DEFAULT_TARGET: readonly [number, number] = [0.7, 0.85];
export const DEFAULT_MAX_REPEAT = 3;

/** Score weights (see the table above). Exported for tests and documentation. */
export const SELECTION_WEIGHTS = Object.freeze({
  review: 4,
  reviewOverdue: 0.5,
  frontier: 3,
  frontierBandStep: 0.2,
  frontierBandCap: 1,
  frontierTopo: 0.3,
  frontierStarted: 0.2,
  practice: 0.5,
  focus: 3,
  fit: 0.5,
  recent: 0.1,
  jitter: 0.05,
});

/** Shortest and longest review interval. */
export const REVIEW_MIN_MS = 12 * HOUR_MS;
export const REVIEW_MAX_MS = 60 * DAY_MS;

/**
 * Spaced-review interval in ms for a mastered skill:
 *
 *     12 h · (1 + log2(1 + attempts)) · 2^(4·(mastery − 0.5)),   clamped to [12 h, 60 days]
 *
 * The practice factor grows slowly with every attempt (1 attempt ×2, 7 ×4, 63 ×7); the mastery
 * factor is ×1 at 0.5, ×2.3 at 0.8, ×3 at 0.9, ×4 at 1. E.g. mastery 0.8 after 5 attempts → 4.1
 * days; 0.9 after 15 → 7.6 days; 0.97 after 40 → 11.7 days, commensurate with the Elo model's
 * 14-day forgetting constant. The 12-hour floor means reviews never interrupt a single sitting.
 */
export function reviewInterval(mastery: number, attempts: number): number {
  const m = Math.min(1, Math.max(0, Number.isFinite(mastery) ? mastery : 0));
  const a = Math.max(0, Number.isFinite(attempts) ? attempts : 0);
  const ms = REVIEW_MIN_MS * (1 + Math.log2(1 + a)) * 2 ** (4 * (m - 0.5));
  return Math.min(REVIEW_MAX_MS, Math.max(REVIEW_MIN_MS, ms));
}

/** Distance of p from the band [lo, hi]; 0 inside. */
function bandDistance(p: number, lo: number, hi: number): number {
  return p < lo ? lo - p : p > hi ? p - hi : 0;
}

/** The difficulty whose prediction is closest to the band; ties go to the harder level. */
export function pickDifficulty(
  model: LearnerModel,
  skillId: SkillId,
  now: number,
  target: readonly [number, number] = DEFAULT_TARGET,
): { difficulty: Difficulty; predicted: number; distance: number } {
  let best: { difficulty: Difficulty; predicted: number; distance: number } | null = null;
  for (const difficulty of DIFFICULTIES) {
    const predicted = model.predict({ skillId, difficulty }, now);
    const distance = bandDistance(predicted, target[0], target[1]);
    if (best === null || distance <= best.distance) best = { difficulty, predicted, distance };
  }
  return best!;
}

interface Candidate {
  readonly id: SkillId;
  readonly category: 'review' | 'frontier' | 'practice';
  readonly difficulty: Difficulty;
  readonly predicted: number;
  score: number;
  focused: boolean;
}

export function selectNextItem(
  model: LearnerModel,
  graph: SkillGraph,
  practice: PracticeSummary,
  now: number,
  rng: Rng,
  options: SelectionOptions = {},
): Selection {
  if (graph.order.length === 0) throw new ValidationError('error.selectionEmptyGraph');
  const threshold = options.masteryThreshold ?? DEFAULT_MASTERY_THRESHOLD;
  const target = options.target ?? DEFAULT_TARGET;
  const recent = options.recent ?? [];
  const maxRepeat = options.maxRepeat ?? DEFAULT_MAX_REPEAT;
  const W = SELECTION_WEIGHTS;

  const mastery = new Map<SkillId, number>();
  for (const id of graph.order) mastery.set(id, model.mastery(id));
  const isMastered = (id: SkillId): boolean => (mastery.get(id) ?? 0) >= threshold;
  const unlocked = new Set<SkillId>();
  for (const id of graph.order) {
    const skill = graph.byId.get(id);
    if (!skill || skill.prerequisites.every(isMastered)) unlocked.add(id);
  }

  // Focus: an unlocked focus skill is boosted itself; a locked one boosts its nearest unmastered
  // unlocked prerequisite (breadth-first; one always exists, since roots are unlocked).
  // Boosted skill → the focus skill it serves (itself, or the locked focus it prepares for).
  const focused = new Map<SkillId, SkillId>();
  for (const f of options.focus ?? []) {
    if (!graph.byId.has(f)) continue;
    if (unlocked.has(f)) {
      focused.set(f, f);
      continue;
    }
    const seen = new Set<SkillId>([f]);
    let frontier: SkillId[] = [f];
    let found: SkillId | undefined;
    while (frontier.length > 0 && found === undefined) {
      const nextLevel: SkillId[] = [];
      for (const x of frontier) {
        for (const p of graph.byId.get(x)?.prerequisites ?? []) {
          if (seen.has(p)) continue;
          seen.add(p);
          if (unlocked.has(p) && !isMastered(p)) {
            found = p;
            break;
          }
          nextLevel.push(p);
        }
        if (found !== undefined) break;
      }
      frontier = nextLevel;
    }
    if (found !== undefined && !focused.has(found)) focused.set(found, f);
  }

  let minBand = Infinity;
  for (const id of unlocked) {
    if (!isMastered(id)) minBand = Math.min(minBand, graph.byId.get(id)?.band ?? 0);
  }

  const recentCount = new Map<SkillId, number>();
  for (const id of recent) recentCount.set(id, (recentCount.get(id) ?? 0) + 1);
  const tail = recent.slice(-maxRepeat);
  const repeated =
    maxRepeat > 0 && tail.length === maxRepeat && tail.every((x) => x === tail[0]) ? tail[0] : undefined;

  const n = graph.order.length;
  const candidates: Candidate[] = [];
  graph.order.forEach((id, rank) => {
    if (!unlocked.has(id)) return;
    const m = mastery.get(id) ?? 0;
    const p = practice.get(id);
    const fit = pickDifficulty(model, id, now, target);
    let category: Candidate['category'];
    let score: number;
    if (!isMastered(id)) {
      category = 'frontier';
      const band = graph.byId.get(id)?.band ?? 0;
      score =
        W.frontier -
        Math.min(W.frontierBandCap, W.frontierBandStep * Math.max(0, band - minBand)) -
        (W.frontierTopo * rank) / n +
        (p && p.attempts > 0 ? W.frontierStarted : 0);
    } else if (p && p.attempts > 0 && now - p.lastPracticed >= reviewInterval(m, p.attempts)) {
      category = 'review';
      const overdue = (now - p.lastPracticed) / reviewInterval(m, p.attempts);
      score = W.review + W.reviewOverdue * Math.min(1, Math.log2(Math.max(1, overdue)));
    } else {
      category = 'practice';
      score = W.practice;
    }
    const isFocused = focused.has(id);
    if (isFocused) score += W.focus;
    score -= W.fit * fit.distance;
    score -= W.recent * (recentCount.get(id) ?? 0);
    score += W.jitter * rng();
    candidates.push({
      id,
      category,
      difficulty: fit.difficulty,
      predicted: fit.predicted,
      score,
      focused: isFocused,
    });
  });

  // Roots are always unlocked, so a valid DAG has candidates; a hand-made cyclic "graph" might not.
  if (candidates.length === 0) {
    const id = graph.order[0]!;
    const fit = pickDifficulty(model, id, now, target);
    return { skillId: id, difficulty: fit.difficulty, predicted: fit.predicted, reason: 'frontier' };
  }

  const pool =
    repeated !== undefined && candidates.some((c) => c.id !== repeated)
      ? candidates.filter((c) => c.id !== repeated)
      : candidates;
  let best = pool[0]!;
  for (const c of pool) if (c.score > best.score) best = c;
  const reason: Selection['reason'] = best.focused ? 'focus' : best.category;
  const focusFor = best.focused ? focused.get(best.id) : undefined;
  return {
    skillId: best.id,
    difficulty: best.difficulty,
    predicted: best.predicted,
    reason,
    // A prerequisite served for a locked focus skill says so: it is not the focus itself.
    ...(focusFor !== undefined && focusFor !== best.id ? { focusFor } : {}),
  };
}
