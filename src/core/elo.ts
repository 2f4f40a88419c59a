/**
 * The first learner model: a per-skill Elo rating in the style of Pelánek's
 * "Elo rating system for adaptive practice" (Pelánek 2016, Computers & Education 98), with
 * an uncertainty function for K, fixed item-difficulty offsets, partial credit for help, a
 * forgetting overlay on predictions and a prerequisite-based cold start.
 *
 * Model. For skill s with ability θ_s and an item of difficulty d,
 *
 *     P(correct) = σ(θ_eff − b_d),   σ(x) = 1 / (1 + e^(−x))
 *     θ_eff      = θ₀ + (θ_s − θ₀) · exp(−Δt / τ)      (Δt = now − last practice of s; 0 if now omitted)
 *
 * and after an attempt with outcome y ∈ [0, 1]
 *
 *     θ_s ← θ_s + K(n_s) · (y − σ(θ_s − b_d)),   K(n) = max(K_min, K₀ / (1 + k·n)),   n_s ← n_s + 1.
 *
 * Parameters (all in logits unless stated; defaults in {@link DEFAULT_ELO_PARAMS}):
 *
 * | name           | default            | meaning / why                                                                 |
 * | -------------- | ------------------ | ----------------------------------------------------------------------------- |
 * | `prior`  θ₀    | 0                  | global prior ability; with b₂ = 0 an unknown skill predicts 50 % at level 2   |
 * | `difficulty`   | {1: −1, 2: 0, 3: 1}| b_d per difficulty level; ±1 logit ≈ 73 % / 27 % for an average learner       |
 * | `k0`  K₀       | 1.0                | initial step size; Pelánek's uncertainty function U(n) = α/(1+βn) with α = 1  |
 * | `kDecay`  k    | 0.05               | β of the same function: K halves after 20 attempts on a skill                 |
 * | `kMin`         | 0.2                | floor on K so a long-practised skill can still move (lapses, late learning)   |
 * | `hintPenalty`  | 0.3                | outcome credit lost per hint on a correct answer: y = max(hintFloor, 1 − 0.3h)|
 * | `hintFloor`    | 0.4                | least credit for a correct answer reached with hints                          |
 * | `tauMs`  τ     | 14 days            | forgetting time constant: after τ without practice, θ_eff keeps e⁻¹ ≈ 37 % of |
 * |                |                    | its distance from the prior                                                   |
 * | `coldOffset`   | 1.0                | an unseen skill starts at mean θ of its practised prerequisites minus this     |
 * | `coldMax`      | 0.8                | cap on that start: σ(0.8) ≈ 0.69 < 0.8, so no skill is "mastered" unseen      |
 *
 * Outcome y: a correct answer without help counts 1; with h ≥ 1 hints it counts
 * max(hintFloor, 1 − hintPenalty·h) (0.7 for one hint, 0.4 for two or more) — the learner got
 * there but with support, so it is evidence of partial mastery; an incorrect answer counts 0, and
 * so does any attempt where the worked solution was shown (even if an answer was typed after).
 * Only unaided correct answers are guaranteed never to lower θ; a hinted correct answer on an item
 * the model was already sure about (P > y) lowers it a little, which is intended.
 *
 * Forgetting is a prediction-time overlay: the stored θ is the ability shown at the last practice
 * and is never changed by time passing. `predict` and `mastery(id, now)` decay it towards θ₀ with
 * the time since that practice; `update` works on the stored θ (so a correct answer never lowers
 * it) and refreshes the practice time, so a lapse is detected the ordinary way — an incorrect
 * answer lowers θ by K·P. θ below the prior decays upwards the same way (the evidence that a skill
 * was hard also fades).
 *
 * Cold start: an unseen skill is predicted (and, on its first attempt, initialised) from
 * min(coldMax, mean stored θ of its practised prerequisites − coldOffset), or θ₀ if none of its
 * prerequisites has been practised. Stored θ (not decayed) is used so the start does not depend on
 * when the first attempt happens.
 *
 * Item difficulty offsets are fixed: with one learner per model there is no population data to
 * calibrate them from; generators are written so that the three levels are roughly 1 logit apart.
 *
 * Cost: `update` is O(1) (O(number of prerequisites) on the first attempt of a skill, for the cold
 * start); `predict`/`mastery` are O(1) for practised skills and O(prerequisites) otherwise.
 */
import { ValidationError } from './errors';
import type { ModelCodec, PersistentModel } from './model-codec';
import type { Attempt, Difficulty, SkillGraph, SkillId } from './types';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface EloParams {
  readonly prior: number;
  readonly difficulty: Readonly<Record<Difficulty, number>>;
  readonly k0: number;
  readonly kDecay: number;
  readonly kMin: number;
  readonly hintPenalty: number;
  readonly hintFloor: number;
  readonly tauMs: number;
  readonly coldOffset: number;
  readonly coldMax: number;
}

export const DEFAULT_ELO_PARAMS: EloParams = Object.freeze({
  prior: 0,
  difficulty: Object.freeze({ 1: -1, 2: 0, 3: 1 }),
  k0: 1,
  kDecay: 0.05,
  kMin: 0.2,
  hintPenalty: 0.3,
  hintFloor: 0.4,
  tauMs: 14 * DAY_MS,
  coldOffset: 1,
  coldMax: 0.8,
});

/** One skill's stored rating. `last` is the epoch ms of the latest attempt incorporated. */
export interface EloSkillState {
  readonly theta: number;
  readonly n: number;
  readonly last: number;
}

/** The model's persisted snapshot (plain JSON). */
export interface EloState {
  readonly version: 1;
  readonly skills: Readonly<Record<SkillId, EloSkillState>>;
}

export const ELO_STATE_VERSION = 1;

interface Rating {
  theta: number;
  n: number;
  last: number;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
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
   * Restore a model from {@link EloModel.toJSON}. Throws ValidationError `error.modelVersion`
   * `{ version }` for a snapshot format this code does not know, and `error.modelState` `{ skill }`
   * for a malformed entry.
   */
  static fromState(graph: SkillGraph, state: unknown, params: Partial<EloParams> = {}): EloModel {
    if (state === null || typeof state !== 'object' || !('version' in state)) {
      throw new ValidationError('error.modelVersion', { version: 'undefined' });
    }
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
      if (
        r === null ||
        typeof r !== 'object' ||
        !Number.isFinite(r.theta) ||
        !Number.isInteger(r.n) ||
        (r.n as number) < 0 ||
        !Number.isFinite(r.last)
      ) {
        throw new ValidationError('error.modelState', { skill: id });
      }
      model.#ratings.set(id, { theta: r.theta as number, n: r.n as number, last: r.last as number });
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
    for (const [id, r] of this.#ratings) skills[id] = { theta: r.theta, n: r.n, last: r.last };
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

  /** Ability with forgetting applied at `now` (no decay if `now` is omitted or before the last practice). */
  effectiveTheta(skillId: SkillId, now?: number): number {
    const r = this.#ratings.get(skillId);
    if (!r) return this.#coldStart(skillId);
    if (now === undefined) return r.theta;
    const dt = Math.max(0, now - r.last);
    const { prior, tauMs } = this.params;
    return prior + (r.theta - prior) * Math.exp(-dt / tauMs);
  }

  predict(item: { readonly skillId: SkillId; readonly difficulty: Difficulty }, now: number): number {
    return sigmoid(this.effectiveTheta(item.skillId, now) - this.#b(item.difficulty));
  }

  /**
   * P(correct) at difficulty 2. Without `now` this is the mastery shown at the last practice (what
   * the selection policy uses to unlock dependants: a week away does not re-lock the map); with
   * `now` forgetting is applied, i.e. it is `predict({ skillId, difficulty: 2 }, now)`.
   */
  mastery(skillId: SkillId, now?: number): number {
    return sigmoid(this.effectiveTheta(skillId, now) - this.#b(2));
  }

  update(attempt: Attempt): void {
    let r = this.#ratings.get(attempt.skillId);
    if (!r) {
      r = { theta: this.#coldStart(attempt.skillId), n: 0, last: attempt.timestamp };
      this.#ratings.set(attempt.skillId, r);
    }
    const p = sigmoid(r.theta - this.#b(attempt.difficulty));
    r.theta += this.#kOf(r.n) * (this.outcome(attempt) - p);
    r.n += 1;
    r.last = Math.max(r.last, attempt.timestamp);
  }

  /** The credit y ∈ [0, 1] an attempt counts for (see the table above). */
  outcome(attempt: Pick<Attempt, 'correct' | 'hintsUsed' | 'solutionShown'>): number {
    if (attempt.solutionShown || !attempt.correct) return 0;
    const h = Math.max(0, attempt.hintsUsed);
    if (h === 0) return 1;
    return Math.max(this.params.hintFloor, 1 - this.params.hintPenalty * h);
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
