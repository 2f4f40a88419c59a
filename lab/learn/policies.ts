/**
 * Teaching policies compared by the learning bench. Each picks the next (skill, level) and is told
 * the outcome. `lantern-elo` runs the app's real code (selectNextItem + EloModel + the practice
 * summary helpers), exactly as `PracticeSession.next()` / `#commit` do; the others are baselines.
 */
import { EloModel, type EloParams } from '../../src/core/elo';
import { emptySummary, recordInSummary } from '../../src/core/practice';
import { nextSelection, type SelectionOptions } from '../../src/core/selection';
import type {
  Attempt,
  Difficulty,
  LearnerModel,
  PracticeSummary,
  Rng,
  Selection,
  SkillGraph,
  SkillId,
} from '../../src/core/types';
import type { SimLearner } from './families';

export type PolicyName =
  'fixed' | 'bkt95' | 'random' | 'oracle' | 'lantern-elo' | 'lantern-kt' | 'lantern-kt-raw';
/**
 * The bench's default set. `lantern-kt` (kt-policy.ts, the network's path, its table recalibrated
 * as the app does) and `lantern-kt-raw` (the same without recalibration) are slow: opt in.
 */
export const POLICIES: readonly PolicyName[] = ['fixed', 'bkt95', 'random', 'oracle', 'lantern-elo'];
export const ALL_POLICIES: readonly PolicyName[] = [...POLICIES, 'lantern-kt', 'lantern-kt-raw'];

export interface Choice {
  readonly skill: SkillId;
  readonly level: Difficulty;
}

export interface Policy {
  readonly name: PolicyName;
  choose(t: number): Choice;
  /** The policy's own predicted P(correct) for its last choice, if it makes one (calibration). */
  predicted?(): number | undefined;
  /** Why the policy made its last choice, if it says (lantern policies). */
  reason?(): string | undefined;
  /** Told the outcome; the network's policy returns a promise (its next table), the others nothing. */
  observe(choice: Choice, correct: boolean, t: number): void | Promise<void>;
}

/** Right answers in a row needed to leave level 1 and 2, and to pass level 3 (fixed sequence). */
export const FIXED_STREAKS: Readonly<Record<Difficulty, number>> = { 1: 3, 2: 3, 3: 5 };

/**
 * Kolibri-style fixed sequence: skills in topological order; 3 right in a row at level 1, then 3
 * at level 2, then 5 at level 3 passes the skill. After the last skill the sequence starts over
 * at level 3 only (a review pass: 5 right in a row at level 3 per skill).
 */
export function fixedPolicy(graph: SkillGraph): Policy {
  let idx = 0;
  let level: Difficulty = 1;
  let streak = 0;
  let reviewPass = false;
  return {
    name: 'fixed',
    choose: () => ({ skill: graph.order[idx]!, level }),
    observe(_c, correct) {
      streak = correct ? streak + 1 : 0;
      if (streak < FIXED_STREAKS[level]) return;
      streak = 0;
      if (level < 3) {
        level = (level + 1) as Difficulty;
        return;
      }
      idx += 1;
      if (idx >= graph.order.length) {
        idx = 0;
        reviewPass = true;
      }
      level = reviewPass ? 3 : 1;
    },
  };
}

/** Standard BKT parameters of the bkt95 baseline (one set for every skill, as OATutor's defaults). */
export const BKT = Object.freeze({ prior: 0.2, learn: 0.15, slip: 0.1, guess: 0.2, mastery: 0.95 });

/** Level served by bkt95 from P(known): < 0.4 → 1, < 0.8 → 2, else 3. */
export function bktLevel(pKnown: number): Difficulty {
  return pKnown < 0.4 ? 1 : pKnown < 0.8 ? 2 : 3;
}

/** BKT posterior after one answer, then the learning transition. */
export function bktUpdate(pKnown: number, correct: boolean): number {
  const { slip, guess, learn } = BKT;
  const post = correct
    ? (pKnown * (1 - slip)) / (pKnown * (1 - slip) + (1 - pKnown) * guess)
    : (pKnown * slip) / (pKnown * slip + (1 - pKnown) * (1 - guess));
  return post + (1 - post) * learn;
}

/**
 * OATutor-style BKT mastery: skills in topological order, next skill once P(known) ≥ 0.95. After
 * the last skill, a review pass over the order restarts each skill at P(known) = 0.8.
 */
export function bkt95Policy(graph: SkillGraph): Policy {
  let idx = 0;
  let pKnown: number = BKT.prior;
  let reviewPass = false;
  return {
    name: 'bkt95',
    choose: () => ({ skill: graph.order[idx]!, level: bktLevel(pKnown) }),
    observe(_c, correct) {
      pKnown = bktUpdate(pKnown, correct);
      if (pKnown < BKT.mastery) return;
      idx += 1;
      if (idx >= graph.order.length) {
        idx = 0;
        reviewPass = true;
      }
      pKnown = reviewPass ? 0.8 : BKT.prior;
    },
  };
}

/** Right answers (any level) after which the random policy counts a skill as passed. */
export const RANDOM_PASS = 3;

/** Uniform over unlocked skills (every prerequisite answered right ≥ 3 times), uniform level. */
export function randomPolicy(graph: SkillGraph, rng: Rng): Policy {
  const right = new Map<SkillId, number>();
  const passed = (id: SkillId): boolean => (right.get(id) ?? 0) >= RANDOM_PASS;
  return {
    name: 'random',
    choose() {
      const open = graph.order.filter((id) => graph.byId.get(id)!.prerequisites.every(passed));
      const skill = open[Math.floor(rng() * open.length)]!;
      return { skill, level: (1 + Math.floor(rng() * 3)) as Difficulty };
    },
    observe(c, correct) {
      if (correct) right.set(c.skill, (right.get(c.skill) ?? 0) + 1);
    },
  };
}

/** The oracle aims at this true P(correct) (the irt family's learning peak). */
export const ORACLE_PEAK = 0.7;

/**
 * The oracle's choice of new learning: among skills not `mastered` whose prerequisites all are,
 * the (skill, level) whose `p` is closest to 0.7 (ties: earlier in the order, then harder), with
 * that `p`; null when there is none. The oracle reads the truth, learn:filter a posterior.
 */
export function closestToPeak(
  graph: SkillGraph,
  mastered: (skill: SkillId) => boolean,
  p: (skill: SkillId, level: Difficulty) => number,
): { readonly choice: Choice; readonly p: number } | null {
  let best: { choice: Choice; p: number } | null = null;
  let bestD = Infinity;
  for (const id of graph.order) {
    if (mastered(id)) continue;
    if (!graph.byId.get(id)!.prerequisites.every(mastered)) continue;
    for (const level of [3, 2, 1] as const) {
      const pl = p(id, level);
      const d = Math.abs(pl - ORACLE_PEAK);
      if (d < bestD) {
        bestD = d;
        best = { choice: { skill: id, level }, p: pl };
      }
    }
  }
  return best;
}

/**
 * Greedy with the hidden state: among skills not truly mastered whose prerequisites are all truly
 * mastered, the (skill, level) whose true P(correct) is closest to 0.7 (ties: earlier in the
 * order, then harder). If every skill is mastered, the skill with the lowest true P at level 3.
 */
export function oraclePolicy(graph: SkillGraph, learner: SimLearner): Policy {
  return {
    name: 'oracle',
    choose(t) {
      const best = closestToPeak(
        graph,
        (id) => learner.mastered(id, t),
        (id, level) => learner.p(id, level, t),
      );
      if (best) return best.choice;
      let weakest = graph.order[0]!;
      for (const id of graph.order) if (learner.p(id, 3, t) < learner.p(weakest, 3, t)) weakest = id;
      return { skill: weakest, level: 3 };
    },
    observe() {},
  };
}

/** The Attempt a simulated answer becomes (no hints, no worked solution), as the app records it. */
export function simAttempt(
  c: Choice,
  correct: boolean,
  t: number,
  seed: number,
  o: {
    readonly learnerId: string;
    readonly responseMs: number;
    readonly predicted?: number;
    readonly predictedBy: string;
  },
): Attempt {
  return {
    id: `sim-${seed}`,
    learnerId: o.learnerId,
    itemId: `${c.skill}~${c.level}~${seed}`,
    skillId: c.skill,
    difficulty: c.level,
    seed,
    params: {},
    answer: correct ? 'right' : 'wrong',
    correct,
    responseMs: o.responseMs,
    hintsUsed: 0,
    solutionShown: false,
    timestamp: t,
    appVersion: 'learn-bench',
    predicted: o.predicted,
    predictedBy: o.predictedBy,
  };
}

/** The app's session keeps the last 4 skills for `recent` (src/app/session.ts, RECENT). */
export const RECENT = 4;

/** What the lantern-elo policy did, for tests and diagnostics. */
export interface LanternTrace {
  readonly selections: Selection[];
}

/**
 * The app's real policy: `selectNextItem` over the app's `EloModel`, the practice summary kept with
 * `recordInSummary`, the last 4 skills as `recent`, no focus; each answer becomes a real `Attempt`
 * applied with `model.update` (no hints, no worked solution).
 */
/**
 * A variant of the shipped policy for the policy search (policy-search.ts): other Elo parameters
 * and selection options. The empty config is the shipped policy.
 */
export interface LanternConfig {
  readonly elo?: Partial<EloParams>;
  readonly selection?: Pick<SelectionOptions, 'target' | 'retention' | 'maxRepeat'>;
  /**
   * Diagnostics only (gap.ts): the mastered flag the policy reads, given the model's own flag. A
   * cheat that lends the policy part of the hidden truth, to measure what that part is worth.
   */
  readonly mastered?: (learner: SimLearner) => (skill: SkillId, t: number, model: boolean) => boolean;
  /**
   * Diagnostics only (end-practice.ts): another order for end-of-course practice. Made once per
   * learner; asked each time the policy chose `practice` (every skill flagged, nothing due). One
   * without `pick` only watches (flags.ts): the run is the shipped policy's.
   */
  readonly practice?: (learner: SimLearner, model: EloModel) => PracticeOrder;
}

/**
 * Which mastered skill end-of-course practice asks instead of the policy's own choice (`pick`);
 * without `pick`, a watcher of the shipped run (flags.ts).
 */
export interface PracticeOrder {
  /** The skill to ask at level 3 instead of `chosen` (the policy's own), or undefined to keep it. */
  pick?(t: number, recent: readonly SkillId[], chosen: SkillId): SkillId | undefined;
  /** Told every answer after the model has taken it, with whether it set the mastered flag. */
  observe?(attempt: Attempt, flagged: boolean): void;
  /** Told every choice before it is answered (after `pick`): a watcher reads the truth then. */
  chose?(selection: Selection, t: number): void;
}

/** The model as the policy sees it, with the mastered flag replaced (LanternConfig.mastered). */
function withFlag(
  model: EloModel,
  flag: (skill: SkillId, t: number, model: boolean) => boolean,
  clock: () => number,
): LearnerModel {
  return {
    name: model.name,
    predict: (item, t) => model.predict(item, t),
    mastery: (skill) => model.mastery(skill),
    mastered: (skill) => flag(skill, clock(), model.mastered(skill)),
    update: (attempt) => model.update(attempt),
    evidence: (skill, t) => ({
      ...model.evidence(skill, t),
      mastered: flag(skill, t, model.mastered(skill)),
    }),
  };
}

export function lanternEloPolicy(
  graph: SkillGraph,
  rng: Rng,
  responseMs: number,
  trace?: LanternTrace,
  config: LanternConfig = {},
  learner?: SimLearner,
): Policy {
  const model = new EloModel(graph, config.elo);
  let practice: PracticeSummary = emptySummary();
  let recent: SkillId[] = [];
  let last: Selection | null = null;
  let n = 0;
  let now = 0;
  if (config.mastered && !learner) throw new Error('a mastered-flag diagnostic needs the learner');
  const seen: LearnerModel =
    config.mastered && learner ? withFlag(model, config.mastered(learner), () => now) : model;
  if (config.practice && !learner) throw new Error('a practice order needs the learner');
  const order = config.practice && learner ? config.practice(learner, model) : undefined;
  return {
    name: 'lantern-elo',
    choose(t) {
      now = t;
      last = nextSelection(seen, graph, practice, t, rng, { ...config.selection, recent, focus: [] });
      const other = last.reason === 'practice' ? order?.pick?.(t, recent, last.skillId) : undefined;
      if (other !== undefined && other !== last.skillId) {
        const predicted = model.predict({ skillId: other, difficulty: 3 }, t);
        last = { skillId: other, difficulty: 3, predicted, reason: 'practice' };
      }
      trace?.selections.push(last);
      order?.chose?.(last, t);
      return { skill: last.skillId, level: last.difficulty };
    },
    predicted: () => last?.predicted,
    reason: () => last?.reason,
    observe(c, correct, t) {
      const seed = n++;
      const attempt = simAttempt(c, correct, t, seed, {
        learnerId: 'sim',
        responseMs,
        predicted: last?.predicted,
        predictedBy: model.name,
      });
      const was = order !== undefined && model.mastered(c.skill);
      model.update(attempt);
      order?.observe?.(attempt, !was && model.mastered(c.skill));
      practice = recordInSummary(practice, attempt);
      recent = [...recent, c.skill].slice(-RECENT);
    },
  };
}
