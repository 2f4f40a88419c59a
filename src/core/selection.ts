/**
 * The selection policy: which skill to practise next, at which level, and why.
 *
 * Works with any {@link LearnerModel}: it reads each skill's {@link SkillEvidence} (the mastered
 * flag, mastery at the hardest level, predicted recall, the run of wrong answers) and
 * `predict(item, now)` to pick the level. docs/learning.md explains the choices and what the
 * learning bench measured for them.
 *
 * 1. **Placement** (placement.ts): a new learner first gets a short hardest-level check that
 *    finds their frontier ({@link nextSelection}), unless a teacher set a focus (that is a
 *    placement by hand).
 * 2. **Unlocked** skills are those whose prerequisites all carry the mastered flag (with
 *    hysteresis: one slip does not re-lock dependants; forgetting alone never does).
 * 3. Each unlocked skill is a candidate:
 *
 * | category  | when                                                | score                                  |
 * | --------- | --------------------------------------------------- | -------------------------------------- |
 * | review    | mastered, predicted recall < `retention` (0.9)      | 4 + 2·(retention − recall)             |
 * | frontier  | not mastered                                        | 3 − 0.2·(band − lowest band), cap 1,   |
 * |           |                                                     | − 0.3·(topological rank / skills),     |
 * |           |                                                     | + 0.2 if already started               |
 * | practice  | mastered, recall ≥ retention                        | 0.5 + 2·(1 − recall), at level 3       |
 *
 *    then + 3 for a focus skill (or the nearest unmastered unlocked prerequisite of a locked
 *    focus skill; the learner's own goal is a focus too, path.ts, and a mastered one is
 *    done); − 0.5 × distance of the chosen level's prediction from the target band; − 0.1
 *    per occurrence in `recent`; + up to 0.05 of rng jitter. A skill that filled the last
 *    `maxRepeat` (3) entries of `recent` is skipped while another candidate exists.
 * 4. **Level**: the one whose prediction is closest to the target band (ties: harder). A review
 *    is asked at level 3 (does mastery hold?) unless the model expects less than 50 % there. A
 *    skill never practised starts at level 1, unless the model credits it from a harder skill
 *    answered right (`SkillEvidence.credited`: the placement's rule), which is confirmed at
 *    the level the band gives (since 2026-12-05).
 * 5. **Reason**, from the decision actually taken: `review` (with the recall that made it due),
 *    `confirm` (level 3 on a skill not yet mastered: the item that can confirm it), `new` (never
 *    practised, at level 1), `continue`; after {@link STEP_BACK} wrong answers in a row on a skill: one level
 *    easier (`easier`), and once at level 1, its weakest prerequisite (`prerequisite`, unless one
 *    of its prerequisites was practised within `recent`, so a step back is not repeated);
 *    `focus` for the teacher's focus; `practice`.
 *
 * Cost: O(skills · 3 + prerequisite edges) model calls, plus a prerequisite walk per locked
 * focus skill; the attempt history is never read.
 */
import { ValidationError } from './errors';
import { nextPlacementProbe, PLACEMENT_MAX } from './placement';
import { DIFFICULTIES } from './types';
import type {
  Difficulty,
  LearnerModel,
  PracticeSummary,
  Rng,
  Selection,
  SelectionReason,
  SkillEvidence,
  SkillGraph,
  SkillId,
} from './types';

export interface SelectionOptions {
  /** Target band for predicted P(correct). Default {@link DEFAULT_TARGET}. */
  readonly target?: readonly [number, number];
  /** Review a mastered skill when its predicted recall falls below this. Default 0.9. */
  readonly retention?: number;
  /** Teacher-assigned focus skills. */
  readonly focus?: readonly SkillId[];
  /** The learner's own goal skill (path.ts): served like a focus, and said to be theirs. */
  readonly goal?: SkillId;
  /** The last few skills practised, most recent last. */
  readonly recent?: readonly SkillId[];
  /** How many times in a row one skill may be picked while alternatives exist. Default 3. */
  readonly maxRepeat?: number;
  /** Skip the placement check (a teacher placed the learner). A non-empty `focus` skips it too. */
  readonly skipPlacement?: boolean;
  /**
   * What the placement check reads instead of `practice`: the practice since a teacher asked for
   * the check again (app/teacher.ts `redoPlacement`). Absent: the whole practice summary.
   */
  readonly placementPractice?: PracticeSummary;
}

export const DEFAULT_TARGET: readonly [number, number] = [0.55, 0.75];
export const DEFAULT_RETENTION = 0.9;
export const DEFAULT_MAX_REPEAT = 3;
/** Wrong answers in a row on a skill after which the policy steps back. */
export const STEP_BACK = 3;
/** A prerequisite is stepped back to only if its predicted P(correct) at level 3 is below this. */
export const STEP_BACK_BELOW = 0.7;

/** Score weights (see the table above). Exported for tests and documentation. */
export const SELECTION_WEIGHTS = Object.freeze({
  review: 4,
  reviewDue: 2,
  frontier: 3,
  frontierBandStep: 0.2,
  frontierBandCap: 1,
  frontierTopo: 0.3,
  frontierStarted: 0.2,
  practice: 0.5,
  practiceForgot: 2,
  focus: 3,
  fit: 0.5,
  recent: 0.1,
  jitter: 0.05,
});

/** Distance of p from the band [lo, hi]; 0 inside. */
function bandDistance(p: number, lo: number, hi: number): number {
  return p < lo ? lo - p : p > hi ? p - hi : 0;
}

interface Fit {
  readonly difficulty: Difficulty;
  readonly predicted: number;
  readonly distance: number;
}

/**
 * Whether a skill starts at the easiest level: never practised, and not credited from a harder
 * skill answered right (the placement's rule, which the policy confirms at the level the band
 * gives). The forecast's rollouts follow the same rule (forecast.ts).
 */
export function startsEasy(ev: Pick<SkillEvidence, 'attempts' | 'credited'>): boolean {
  return ev.attempts === 0 && ev.credited !== true;
}

/** The level whose prediction is closest to the band; ties go to the harder level. */
export function pickDifficulty(
  model: LearnerModel,
  skillId: SkillId,
  now: number,
  target: readonly [number, number] = DEFAULT_TARGET,
): Fit {
  let best: Fit | null = null;
  for (const difficulty of DIFFICULTIES) {
    const predicted = model.predict({ skillId, difficulty }, now);
    const distance = bandDistance(predicted, target[0], target[1]);
    if (best === null || distance <= best.distance) best = { difficulty, predicted, distance };
  }
  return best!;
}

function at(
  model: LearnerModel,
  skillId: SkillId,
  difficulty: Difficulty,
  now: number,
  target: readonly [number, number],
): Fit {
  const predicted = model.predict({ skillId, difficulty }, now);
  return { difficulty, predicted, distance: bandDistance(predicted, target[0], target[1]) };
}

interface Candidate {
  readonly id: SkillId;
  readonly category: 'review' | 'frontier' | 'practice';
  readonly fit: Fit;
  readonly reason: SelectionReason;
  readonly recall?: number;
  readonly stepFrom?: SkillId;
  score: number;
  focused: boolean;
}

/**
 * What to ask next: the placement check while it lasts, then {@link selectNextItem}. The one
 * entry point of the app's practice session and of the learning bench.
 */
export function nextSelection(
  model: LearnerModel,
  graph: SkillGraph,
  practice: PracticeSummary,
  now: number,
  rng: Rng,
  options: SelectionOptions = {},
): Selection {
  // A teacher's focus is a placement by hand: the learner works on what the teacher chose.
  const skip = options.skipPlacement === true || (options.focus ?? []).length > 0;
  const probe = nextPlacementProbe(graph, options.placementPractice ?? practice, { skip });
  if (probe) {
    return {
      skillId: probe.skillId,
      difficulty: 3,
      predicted: model.predict({ skillId: probe.skillId, difficulty: 3 }, now),
      reason: 'placement',
      placement: { index: probe.index, max: PLACEMENT_MAX },
    };
  }
  return selectNextItem(model, graph, practice, now, rng, options);
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
  const target = options.target ?? DEFAULT_TARGET;
  const retention = options.retention ?? DEFAULT_RETENTION;
  const recent = options.recent ?? [];
  const maxRepeat = options.maxRepeat ?? DEFAULT_MAX_REPEAT;
  const W = SELECTION_WEIGHTS;

  const evidence = new Map<SkillId, SkillEvidence>();
  for (const id of graph.order) evidence.set(id, model.evidence(id, now));
  const isMastered = (id: SkillId): boolean => evidence.get(id)?.mastered ?? false;
  const unlocked = new Set<SkillId>();
  for (const id of graph.order) {
    const skill = graph.byId.get(id);
    if (!skill || skill.prerequisites.every(isMastered)) unlocked.add(id);
  }

  // Focus: an unlocked focus skill is boosted itself; a locked one boosts its nearest unmastered
  // unlocked prerequisite (breadth-first; one always exists, since roots are unlocked).
  // Boosted skill → the focus skill it serves (itself, or the locked focus it prepares for).
  const focused = new Map<SkillId, SkillId>();
  // Which focus skills are the learner's own goal (the rest are the teacher's).
  const goals = new Set<SkillId>();
  const targets = [...(options.focus ?? [])];
  if (options.goal !== undefined && !targets.includes(options.goal)) {
    targets.push(options.goal);
    goals.add(options.goal);
  }
  for (const f of targets) {
    if (!graph.byId.has(f)) continue;
    if (isMastered(f)) continue;
    if (unlocked.has(f)) {
      if (!focused.has(f)) focused.set(f, f);
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
  const recentSet = new Set(recent);
  const tail = recent.slice(-maxRepeat);
  const repeated =
    maxRepeat > 0 && tail.length === maxRepeat && tail.every((x) => x === tail[0]) ? tail[0] : undefined;

  // The prerequisite to step back to: the one least likely right at level 3 now (forgetting
  // included), if that is below mastery and none was just practised (no step back twice).
  const weakestPrereq = (id: SkillId): SkillId | undefined => {
    const prereqs = graph.byId.get(id)?.prerequisites ?? [];
    if (prereqs.some((q) => recentSet.has(q))) return undefined;
    let weakest: SkillId | undefined;
    let low = STEP_BACK_BELOW;
    for (const q of prereqs) {
      if (!unlocked.has(q)) continue; // never step back to a locked skill
      const p3 = model.predict({ skillId: q, difficulty: 3 }, now);
      if (p3 < low) {
        low = p3;
        weakest = q;
      }
    }
    return weakest;
  };

  const n = graph.order.length;
  const candidates: Candidate[] = [];
  graph.order.forEach((id, rank) => {
    if (!unlocked.has(id)) return;
    const ev = evidence.get(id)!;
    const p = practice.get(id);
    let category: Candidate['category'];
    let score: number;
    let fit = pickDifficulty(model, id, now, target);
    let reason: SelectionReason;
    let skillId = id;
    let recall: number | undefined;
    let stepFrom: SkillId | undefined;
    if (!ev.mastered) {
      category = 'frontier';
      const band = graph.byId.get(id)?.band ?? 0;
      score =
        W.frontier -
        Math.min(W.frontierBandCap, W.frontierBandStep * Math.max(0, band - minBand)) -
        (W.frontierTopo * rank) / n +
        (p && p.attempts > 0 ? W.frontierStarted : 0);
      if (ev.wrongRun >= STEP_BACK && fit.difficulty > 1) {
        fit = at(model, id, (fit.difficulty - 1) as Difficulty, now, target);
        reason = 'easier';
      } else if (ev.wrongRun >= STEP_BACK && weakestPrereq(id) !== undefined) {
        // Already at the easiest level and still wrong: go back to a prerequisite that looks shaky.
        const weakest = weakestPrereq(id)!;
        skillId = weakest;
        fit = pickDifficulty(model, weakest, now, target);
        reason = 'prerequisite';
        stepFrom = id;
      } else if (startsEasy(ev)) {
        // Never practised and not credited from a harder skill: start at the easiest level,
        // whatever the model guesses from the prerequisites (it guessed level 3 for most new
        // skills; docs/learning.md, "New skills start at the easiest level").
        fit = at(model, id, 1, now, target);
        reason = 'new';
      } else if (fit.difficulty === 3) {
        reason = 'confirm';
      } else {
        reason = 'continue';
      }
    } else {
      recall = ev.recall ?? 1;
      if (ev.attempts > 0 && recall < retention) {
        category = 'review';
        score = W.review + W.reviewDue * (retention - recall);
        const hardest = at(model, id, 3, now, target);
        if (hardest.predicted >= 0.5) fit = hardest;
        reason = 'review';
      } else {
        // Nothing due: the mastered skill most likely to be slipping, at the hardest level.
        category = 'practice';
        score = W.practice + W.practiceForgot * (1 - recall);
        fit = at(model, id, 3, now, target);
        reason = 'practice';
        recall = undefined;
      }
    }
    const isFocused = focused.has(id);
    if (isFocused) score += W.focus;
    score -= W.fit * fit.distance;
    score -= W.recent * (recentCount.get(skillId) ?? 0);
    score += W.jitter * rng();
    candidates.push({
      id: skillId,
      category,
      fit,
      reason,
      score,
      focused: isFocused,
      ...(recall !== undefined && reason === 'review' ? { recall } : {}),
      ...(stepFrom !== undefined ? { stepFrom } : {}),
    });
  });

  // Roots are always unlocked, so a valid DAG has candidates; a hand-made cyclic "graph" might not.
  if (candidates.length === 0) {
    const id = graph.order[0]!;
    const fit = pickDifficulty(model, id, now, target);
    return { skillId: id, difficulty: fit.difficulty, predicted: fit.predicted, reason: 'new' };
  }

  const pool =
    repeated !== undefined && candidates.some((c) => c.id !== repeated)
      ? candidates.filter((c) => c.id !== repeated)
      : candidates;
  let best = pool[0]!;
  for (const c of pool) if (c.score > best.score) best = c;
  // Focus names the teacher's request unless a more specific true reason applies (a step back).
  const reason: SelectionReason =
    best.focused && best.reason !== 'prerequisite' && best.reason !== 'easier' ? 'focus' : best.reason;
  const focusFor = best.focused ? focused.get(best.id) : undefined;
  return {
    skillId: best.id,
    difficulty: best.fit.difficulty,
    predicted: best.fit.predicted,
    reason,
    ...(best.recall !== undefined && reason === 'review' ? { recall: best.recall } : {}),
    ...(best.stepFrom !== undefined && reason === 'prerequisite' ? { stepFrom: best.stepFrom } : {}),
    // A prerequisite served for a locked focus skill says so: it is not the focus itself.
    ...(reason === 'focus' && focusFor !== undefined && focusFor !== best.id ? { focusFor } : {}),
    ...(reason === 'focus' && focusFor !== undefined && goals.has(focusFor)
      ? { focusBy: 'learner' as const }
      : {}),
  };
}
