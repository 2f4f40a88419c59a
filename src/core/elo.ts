/**
 * The first learner model: a per-skill Elo rating in the style of Pelánek's "Elo rating system
 * for adaptive practice" (Pelánek 2016, Computers & Education 98), with an uncertainty function
 * for K, item-difficulty offsets per level, partial credit for help, a per-skill memory stability
 * in the style of FSRS (Ye et al. 2022/2023) for forgetting and review, mastery at the hardest
 * level with hysteresis, and a cold start from prerequisites and from what a harder skill implies.
 *
 * Model. For skill s with ability θ_s and an item of level d,
 *
 *     P(correct) = σ(θ_eff − b_d),   σ(x) = 1 / (1 + e^(−x))
 *     θ_eff      = θ₀ + (θ_s − θ₀) · R_s(Δt)      (Δt = now − last practice of s)
 *     R_s(Δt)    = (1 + Δt / (9·S_s))^(−1)         (FSRS-4's power forgetting curve: R(S) = 0.9)
 *
 * and after an attempt with outcome y ∈ [0, 1], on the *stored* θ (forgetting is an overlay)
 *
 *     θ_s ← θ_s + K(n_s) · (y − σ(θ_s − b_d)) + λ(y),   K(n) = max(K_min, K₀ / (1 + k·n)),   n_s ← n_s + 1
 *
 * where λ(y) is the learning the attempt itself brings (a practice effect, as in performance
 * factors analysis): `learnRight`·y after a right answer, `learnWrong` after a wrong one (a wrong
 * answer's whole step is capped at 0: it never raises θ). Without
 * it Elo only follows a learner who is learning, a step behind (the learning bench measured
 * predictions 10–20 points too low after a fast gain).
 *
 * Stability S_s (days): S₀ at the first attempt; after a correct answer with recall R at that
 * moment, S ← S·(1 + g_same + g_spaced·(e^{c·(1 − R)} − 1)) (answers within a sitting add a
 * little, answers after recall had fallen add a lot: the spacing effect); after a wrong answer
 * S ← max(S_min, S·lapse). The selection policy schedules a review when R falls below the
 * desired retention (selection.ts), so review follows this estimate, not fixed intervals.
 *
 * Mastery is judged at the **hardest level**: `mastery(s)` = σ(θ_s − b₃) on the stored θ. The
 * `mastered(s)` flag has hysteresis: it is set by an update that leaves mastery ≥ `masteryOn`
 * (0.8) once the skill has **at least one unaided correct answer at level 3** (evidence at the
 * hardest level), or by a run of `masteryRun` (3) unaided right answers in a row on the skill, the
 * last at level 3, that leaves mastery ≥ `masteryOff` (the evidence rule of the fixed sequence and
 * of BKT mastery, which the rating alone is slow to follow; since 2026-12-04, docs/learning.md).
 * It is cleared only by an update that leaves mastery below `masteryOff` (0.6). Time passing never clears it: forgetting
 * makes a review due, it does not take a star away; failing that review does.
 *
 * Cold start (an unseen skill): θ = min(coldMax, mean θ of its rated prerequisites − coldOffset),
 * θ₀ when none is rated. A correct answer at level 3 on a skill never answered before is evidence
 * for what it builds on: every ancestor never answered gets θ = `credit` (below mastery, so the
 * policy confirms it with one harder item instead of teaching it from scratch). That is how the
 * placement check (placement.ts) starts a learner at their frontier; it is a rule of the model,
 * so replaying the same attempts gives the same state.
 *
 * | name           | default              | meaning / why                                                              |
 * | -------------- | -------------------- | -------------------------------------------------------------------------- |
 * | `prior`  θ₀    | 0.4                  | ability on a skill nobody has evidence about (chosen on ASSIST2009: cold-start ECE 0.008, docs/learning.md) |
 * | `difficulty`   | {1: −0.9, 2: 0, 3: 0.9} | b_d per level (±1.3 until 2026-12-04: level 3 was predicted ≈ 7 points too low, so mastery was flagged late; docs/learning.md) |
 * | `k0`, `kDecay`, `kMin` | 1.2, 0.06, 0.35 | K(n): large while little is known, never below 0.35 so fast learners are followed |
 * | `learnRight`, `learnWrong` | 0.15, 0.05 | the practice effect λ(y) above                                       |
 * | `hintPenalty`, `hintFloor` | 0.3, 0.4 | correct with h hints counts max(0.4, 1 − 0.3h); a shown solution counts 0 |
 * | `s0`           | 1 day                | stability after the first attempt                                          |
 * | `gainSame`, `gainSpaced`, `spacing` | 0.08, 6, 1.5 | stability growth after a correct answer (see above)         |
 * | `lapse`, `sMin`, `sMax` | 0.5, 0.25 d, 365 d | stability after a wrong answer; bounds                               |
 * | `masteryOn`, `masteryOff` | 0.8, 0.6 | the hysteresis thresholds on P(correct at level 3)                      |
 * | `masteryRun`   | 3                    | unaided right answers in a row, the last at level 3, that also set the flag (from `masteryOff` up) |
 * | `coldOffset`, `coldMax` | 0.8, 1.2    | prerequisite cold start                                                     |
 * | `credit`       | logit(0.72) + b₃     | what a never-answered ancestor of a skill answered right at level 3 starts at |
 *
 * Cost: `update` is O(1), plus O(ancestors) the first time a skill is answered; `predict`,
 * `mastery`, `recall` are O(1) for rated skills and O(prerequisites) otherwise.
 */
import { ValidationError } from './errors';
import { OutdatedSnapshotError, type ModelCodec, type PersistentModel } from './model-codec';
import type { Attempt, Difficulty, SkillEvidence, SkillGraph, SkillId } from './types';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface EloParams {
  readonly prior: number;
  readonly difficulty: Readonly<Record<Difficulty, number>>;
  readonly k0: number;
  readonly kDecay: number;
  readonly kMin: number;
  readonly hintPenalty: number;
  readonly hintFloor: number;
  /** Stability after a first attempt, in days. */
  readonly s0: number;
  readonly gainSame: number;
  readonly gainSpaced: number;
  readonly spacing: number;
  readonly lapse: number;
  readonly sMin: number;
  readonly sMax: number;
  readonly masteryOn: number;
  readonly masteryOff: number;
  /** Unaided right answers in a row, the last at level 3, that set the mastered flag from `masteryOff` up. */
  readonly masteryRun: number;
  readonly coldOffset: number;
  readonly coldMax: number;
  /** Learning from the attempt itself (PFA-style practice effect), added after a right / wrong answer. */
  readonly learnRight: number;
  readonly learnWrong: number;
  /** P(correct at level 3) a never-answered ancestor of a skill answered right at level 3 starts at. */
  readonly creditP: number;
}

export const DEFAULT_ELO_PARAMS: EloParams = Object.freeze({
  prior: 0.4,
  difficulty: Object.freeze({ 1: -0.9, 2: 0, 3: 0.9 }),
  k0: 1.2,
  kDecay: 0.06,
  kMin: 0.35,
  hintPenalty: 0.3,
  hintFloor: 0.4,
  s0: 1,
  gainSame: 0.08,
  gainSpaced: 6,
  spacing: 1.5,
  lapse: 0.5,
  sMin: 0.25,
  sMax: 365,
  masteryOn: 0.8,
  masteryOff: 0.6,
  masteryRun: 3,
  coldOffset: 0.8,
  coldMax: 1.2,
  learnRight: 0.15,
  learnWrong: 0.05,
  creditP: 0.72,
});

/** One skill's stored state. `last` is the epoch ms of the latest attempt incorporated. */
export interface EloSkillState {
  readonly theta: number;
  /** Attempts incorporated (0 for a skill only credited from a harder one). */
  readonly n: number;
  readonly last: number;
  /** Memory stability in days (R = 0.9 after this long). */
  readonly s: number;
  /** The mastered flag (hysteresis); 1 = mastered. */
  readonly m: 0 | 1;
  /** Wrong answers in a row on this skill (0 after a correct one). */
  readonly w: number;
  /** Attempts incorporated at level 3 that were correct. */
  readonly c3: number;
  /** Unaided right answers in a row on this skill (0 after any other outcome). Since version 3. */
  readonly r: number;
}

/**
 * The model's persisted snapshot (plain JSON). Version 2 added stability, the mastered flag, the
 * wrong-answer run and level-3 successes, and changed every parameter. Version 3 (this file) added
 * the right-answer run `r` and the mastery rule that reads it. An older snapshot cannot be
 * converted faithfully (a version-2 one does not know the run, nor whether the rule would have
 * set a flag), so it is rebuilt from the learner's attempts ({@link OutdatedSnapshotError},
 * handled by the composition root). A rebuild never takes a star away: the rule only adds a way
 * to set the flag, θ does not depend on it, and the flag is cleared on θ alone.
 */
export interface EloState {
  readonly version: 3;
  readonly skills: Readonly<Record<SkillId, EloSkillState>>;
}

export const ELO_STATE_VERSION = 3;

interface Rating {
  theta: number;
  n: number;
  last: number;
  s: number;
  m: 0 | 1;
  w: number;
  c3: number;
  r: number;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

const logit = (p: number): number => Math.log(p / (1 - p));

/** FSRS-4's forgetting curve: recall after `dtMs` with stability `sDays` (0.9 at dt = S). */
export function recallAfter(dtMs: number, sDays: number): number {
  const dt = Math.max(0, dtMs) / DAY_MS;
  return 1 / (1 + dt / (9 * Math.max(1e-6, sDays)));
}

export class EloModel implements PersistentModel {
  readonly name = 'elo';
  readonly kind = 'elo';
  readonly params: EloParams;
  readonly #graph: SkillGraph;
  readonly #ratings = new Map<SkillId, Rating>();

  constructor(graph: SkillGraph, params: Partial<EloParams> = {}) {
    this.#graph = graph;
    this.params = { ...DEFAULT_ELO_PARAMS, ...params };
  }

  /**
   * Restore a model from {@link EloModel.toJSON}. Throws {@link OutdatedSnapshotError} for a version-1
   * or version-2 snapshot (rebuild from the history), ValidationError `error.modelVersion` `{ version }` for a
   * format this code does not know, and `error.modelState` `{ skill }` for a malformed entry.
   */
  static fromState(graph: SkillGraph, state: unknown, params: Partial<EloParams> = {}): EloModel {
    if (state === null || typeof state !== 'object' || !('version' in state)) {
      throw new ValidationError('error.modelVersion', { version: 'undefined' });
    }
    if (state.version === 1 || state.version === 2) throw new OutdatedSnapshotError('elo', state.version);
    if (state.version !== ELO_STATE_VERSION) {
      throw new ValidationError('error.modelVersion', { version: String(state.version) });
    }
    const skills = 'skills' in state ? state.skills : undefined;
    if (skills === null || typeof skills !== 'object') {
      throw new ValidationError('error.modelState', { skill: '' });
    }
    const model = new EloModel(graph, params);
    for (const [id, s] of Object.entries(skills)) {
      const r = s as Partial<EloSkillState> | null;
      const count = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;
      if (
        r === null ||
        typeof r !== 'object' ||
        !Number.isFinite(r.theta) ||
        !count(r.n) ||
        !Number.isFinite(r.last) ||
        !(typeof r.s === 'number' && r.s > 0 && Number.isFinite(r.s)) ||
        (r.m !== 0 && r.m !== 1) ||
        !count(r.w) ||
        !count(r.c3) ||
        !count(r.r)
      ) {
        throw new ValidationError('error.modelState', { skill: id });
      }
      model.#ratings.set(id, {
        theta: r.theta as number,
        n: r.n,
        last: r.last as number,
        s: r.s,
        m: r.m,
        w: r.w,
        c3: r.c3,
        r: r.r,
      });
    }
    return model;
  }

  /** The codec's snapshot: the same as toJSON(). */
  snapshot(): EloState {
    return this.toJSON();
  }

  /** A plain-JSON snapshot; `EloModel.fromState(graph, m.toJSON())` predicts exactly like `m`. */
  toJSON(): EloState {
    const skills: Record<SkillId, EloSkillState> = {};
    for (const [id, r] of this.#ratings) skills[id] = { ...r };
    return { version: ELO_STATE_VERSION, skills };
  }

  /** Stored ability of a skill (cold-start value if unseen); no forgetting applied. */
  theta(skillId: SkillId): number {
    return this.#ratings.get(skillId)?.theta ?? this.#coldStart(skillId);
  }

  /** Number of attempts incorporated for a skill. */
  attempts(skillId: SkillId): number {
    return this.#ratings.get(skillId)?.n ?? 0;
  }

  /** Current step size for a skill: K₀/(1 + k·n), floored at K_min. */
  k(skillId: SkillId): number {
    return this.#kOf(this.attempts(skillId));
  }

  /** Memory stability of a skill in days (undefined if it has no rating yet). */
  stability(skillId: SkillId): number | undefined {
    return this.#ratings.get(skillId)?.s;
  }

  /** Wrong answers in a row on a skill. */
  wrongRun(skillId: SkillId): number {
    return this.#ratings.get(skillId)?.w ?? 0;
  }

  /** Unaided right answers in a row on a skill. */
  rightRun(skillId: SkillId): number {
    return this.#ratings.get(skillId)?.r ?? 0;
  }

  /** Correct answers at level 3 on a skill. */
  hardestCorrect(skillId: SkillId): number {
    return this.#ratings.get(skillId)?.c3 ?? 0;
  }

  /**
   * Predicted recall of a skill at `now` (FSRS-4 curve over its stability), or undefined for a
   * skill with no rating. 1 at the moment of the last practice.
   */
  recall(skillId: SkillId, now: number): number | undefined {
    const r = this.#ratings.get(skillId);
    return r ? recallAfter(now - r.last, r.s) : undefined;
  }

  /** Ability with forgetting applied at `now` (no decay if `now` is omitted). */
  effectiveTheta(skillId: SkillId, now?: number): number {
    const r = this.#ratings.get(skillId);
    if (!r) return this.#coldStart(skillId);
    if (now === undefined) return r.theta;
    const { prior } = this.params;
    return prior + (r.theta - prior) * recallAfter(now - r.last, r.s);
  }

  predict(item: { readonly skillId: SkillId; readonly difficulty: Difficulty }, now: number): number {
    return sigmoid(this.effectiveTheta(item.skillId, now) - this.#b(item.difficulty));
  }

  /**
   * P(correct) at the hardest level (3). Without `now`: as shown at the last practice (stored
   * θ); with `now`, forgetting applied.
   */
  mastery(skillId: SkillId, now?: number): number {
    return sigmoid(this.effectiveTheta(skillId, now) - this.#b(3));
  }

  /** The mastered flag, with hysteresis (see the file comment). */
  mastered(skillId: SkillId): boolean {
    return this.#ratings.get(skillId)?.m === 1;
  }

  evidence(skillId: SkillId, now: number): SkillEvidence {
    const r = this.#ratings.get(skillId);
    return {
      mastery: this.mastery(skillId),
      mastered: r?.m === 1,
      recall: r ? recallAfter(now - r.last, r.s) : undefined,
      attempts: r?.n ?? 0,
      wrongRun: r?.w ?? 0,
      // Only the credit rule makes a rating without an answer (#creditAncestors).
      credited: r !== undefined && r.n === 0,
    };
  }

  update(attempt: Attempt): void {
    let r = this.#ratings.get(attempt.skillId);
    const firstEver = !r || r.n === 0;
    const t = attempt.timestamp;
    if (!r) {
      r = {
        theta: this.#coldStart(attempt.skillId),
        n: 0,
        last: t,
        s: this.params.s0,
        m: 0,
        w: 0,
        c3: 0,
        r: 0,
      };
      this.#ratings.set(attempt.skillId, r);
    }
    const P = this.params;
    const y = this.outcome(attempt);
    const p = sigmoid(r.theta - this.#b(attempt.difficulty));
    // A wrong answer never raises θ (the practice effect cannot outweigh the evidence).
    r.theta +=
      y > 0 ? this.#kOf(r.n) * (y - p) + P.learnRight * y : Math.min(0, P.learnWrong - this.#kOf(r.n) * p);
    // Stability: recall at this moment, before the clock restarts.
    const R = r.n === 0 ? 1 : recallAfter(t - r.last, r.s);
    if (r.n === 0) r.s = P.s0;
    else if (y > 0) {
      r.s *= 1 + y * (P.gainSame + P.gainSpaced * (Math.exp(P.spacing * (1 - R)) - 1));
    } else r.s *= P.lapse;
    r.s = Math.min(P.sMax, Math.max(P.sMin, r.s));
    r.n += 1;
    r.last = Math.max(r.last, t);
    r.w = y > 0 ? 0 : r.w + 1;
    r.r = y === 1 ? r.r + 1 : 0;
    const hardestRight = attempt.difficulty === 3 && y === 1;
    if (hardestRight) r.c3 += 1;
    const m = sigmoid(r.theta - this.#b(3));
    if (m < P.masteryOff) r.m = 0;
    else if (m >= P.masteryOn && (hardestRight || r.c3 > 0)) r.m = 1;
    else if (hardestRight && r.r >= P.masteryRun) r.m = 1;
    if (hardestRight && firstEver) this.#creditAncestors(attempt.skillId, t);
  }

  /** The credit y ∈ [0, 1] an attempt counts for (see the table above). */
  outcome(attempt: Pick<Attempt, 'correct' | 'hintsUsed' | 'solutionShown'>): number {
    if (attempt.solutionShown || !attempt.correct) return 0;
    const h = Math.max(0, attempt.hintsUsed);
    if (h === 0) return 1;
    return Math.max(this.params.hintFloor, 1 - this.params.hintPenalty * h);
  }

  /** Every never-answered ancestor of `skillId` starts at the credit level. */
  #creditAncestors(skillId: SkillId, t: number): void {
    const theta = this.#b(3) + logit(this.params.creditP);
    const seen = new Set<SkillId>();
    const stack = [...(this.#graph.byId.get(skillId)?.prerequisites ?? [])];
    while (stack.length > 0) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const r = this.#ratings.get(id);
      if (r && r.n > 0) continue; // answered: its own evidence stands (and so do its ancestors')
      if (!r) this.#ratings.set(id, { theta, n: 0, last: t, s: this.params.s0, m: 0, w: 0, c3: 0, r: 0 });
      else r.theta = Math.max(r.theta, theta);
      stack.push(...(this.#graph.byId.get(id)?.prerequisites ?? []));
    }
  }

  #kOf(n: number): number {
    const { k0, kDecay, kMin } = this.params;
    return Math.max(kMin, k0 / (1 + kDecay * n));
  }

  #b(d: Difficulty): number {
    const b = this.params.difficulty[d];
    if (b === undefined) throw new RangeError(`unknown difficulty ${String(d)}`);
    return b;
  }

  #coldStart(skillId: SkillId): number {
    const skill = this.#graph.byId.get(skillId);
    if (!skill) return this.params.prior;
    let sum = 0;
    let count = 0;
    for (const p of skill.prerequisites) {
      const r = this.#ratings.get(p);
      if (r) {
        sum += r.theta;
        count += 1;
      }
    }
    if (count === 0) return this.params.prior;
    return Math.min(this.params.coldMax, sum / count - this.params.coldOffset);
  }
}

/** Saves and restores Elo models (core/model-codec.ts). */
export const eloCodec: ModelCodec = {
  kind: 'elo',
  create: (graph) => new EloModel(graph),
  restore: (graph, snapshot) => EloModel.fromState(graph, snapshot),
};
