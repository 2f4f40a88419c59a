/**
 * A learner simulator: random courses (skill DAGs) and simulated learners practising them under
 * the app's own selection policy. It produces the training data of the shipped base
 * knowledge-tracing model (`npm run train:base`), so nothing derived from real learners or from
 * the public benchmark datasets is ever shipped. Pure and deterministic: all randomness comes
 * from the injected `Rng`, all time from the `start` timestamp passed in.
 *
 * ## Courses
 *
 * `randomCourse` draws 15–60 skills over 2–5 strands and 3–6 bands (school years). Skills are
 * generated in band order; each non-first skill has 0–3 prerequisites (P = 0.12 / 0.48 / 0.28 /
 * 0.12) drawn from the skills before it, preferring its own strand (×3) and the same or the
 * previous band (×2). The result goes through `buildGraph`, so it is a valid DAG by construction
 * and by check. `simulateCourse` works on any `SkillGraph`, including the bundled maths course.
 * Each skill gets a difficulty δ ~ N(0, 0.6) logits (per course, from the rng).
 *
 * ## Learners (`sampleTraits`)
 *
 * | trait          | distribution                 | meaning                                                  |
 * | -------------- | ---------------------------- | -------------------------------------------------------- |
 * | ability a      | N(0, 0.7) logits             | general aptitude, added to every skill                   |
 * | learnRate r    | logN(ln 0.12, 0.4), ≤ 0.4    | share of the gap to full knowledge closed by one attempt |
 * | stability S₀   | logN(ln 2 days, 0.5)         | forgetting time constant before any spaced practice      |
 * | slip, guess    | U(0.02, 0.08), U(0.02, 0.2)  | P(wrong | known), floor of P(correct)                    |
 * | hintPropensity | U(0, 0.7)                    | how readily the learner asks for hints when struggling   |
 * | speedMs        | logN(ln 7000, 0.3)           | typical response time                                    |
 * | gapDays        | U(0.5, 4)                    | mean days between sessions                               |
 * | grade          | 1 … max band                 | skills of lower bands may already be known               |
 *
 * ## Knowledge, answers and learning (`SimLearner`)
 *
 * Per skill the learner has a latent knowledge k (logits), its starting value k₀ (a skill of a
 * band below the learner's grade is already known with P = 0.6: k₀ ~ N(2, 0.8); otherwise
 * k₀ ~ N(−1.5, 0.8)), the time of last practice and a memory stability S (days).
 *
 * - **Forgetting:** k_eff(t) = k₀ + (k − k₀)·exp(−Δt/S): what was learned fades back towards
 *   the starting level with the time since the skill was last practised.
 * - **Mastery** of a skill: m = σ(a + k_eff − δ).
 * - **P(correct)** for an item of level ℓ ∈ {1, 2, 3} with h hints:
 *   z = a + k_eff − δ − 0.9·(ℓ − 2) − 1.6·D + 0.6·h, where D = mean over direct prerequisites of
 *   (1 − m_p) (0 for a root): an unknown prerequisite makes a skill harder;
 *   P = guess + (1 − guess − slip)·σ(z).
 * - **Hints:** with P(no-hint correct) = p₀, the learner asks for a first hint with
 *   probability hintPropensity·(1 − p₀)² ·2 (capped at 0.9), a second with half that.
 * - **Worked solution:** after a wrong answer it is opened with P = 0.4.
 * - **Learning:** k_eff ← k_eff + g·(4 − k_eff), g = r·(1 if correct else 0.5)·(1 + 0.3h)·
 *   (1.8 if the solution was shown)·(0.3 + 0.7·(1 − D)), capped at 0.8; practice with unknown
 *   prerequisites teaches less. Then S ← S·(1 + 0.4·(0.25 + min(1, Δt/S))): spaced practice
 *   strengthens memory more than massed practice.
 * - **Response time:** speedMs·(1 + 0.35·(ℓ − 1))·(0.6 + 1.4·(1 − p₀))·(1 + 0.4h)·logN(0, 0.35),
 *   clamped to 1.5 s … 3 min: it shrinks as knowledge grows.
 *
 * ## Practice (`simulateLearner`)
 *
 * Sessions of 8–30 items, 5–25 s between items, `gapDays`-exponential gaps between sessions plus
 * a 10 % chance of a 7–40-day break. Each item is chosen by the app's own policy,
 * `selectNextItem` (prerequisites first, frontier skills, spaced review, the level closest to
 * the 0.70–0.85 band), driven by a per-skill `EloModel` updated after every answer, exactly as
 * the app does before a knowledge-tracing model is available. To cover what the policy alone
 * would rarely show, with P = `exploreLevel` (0.15) the level is drawn uniformly instead, and
 * with P = `exploreSkill` (0.05) the skill is any skill of the course (a learner choosing from
 * the skill map).
 */
import { EloModel } from '../src/core/elo';
import { buildGraph } from '../src/core/graph';
import type { KtAttempt } from '../src/core/kt-course';
import { randInt } from '../src/core/rng';
import { selectNextItem } from '../src/core/selection';
import type { Attempt, Difficulty, Rng, Skill, SkillGraph, SkillId, SkillPractice } from '../src/core/types';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Every constant of the simulator (documented in the module comment). */
export interface SimParams {
  readonly skillDifficultySd: number;
  readonly abilitySd: number;
  readonly learnRateMedian: number;
  readonly learnRateLogSd: number;
  readonly learnRateMax: number;
  readonly stabilityDaysMedian: number;
  readonly stabilityLogSd: number;
  readonly slip: readonly [number, number];
  readonly guess: readonly [number, number];
  readonly hintPropensity: readonly [number, number];
  readonly speedMsMedian: number;
  readonly speedLogSd: number;
  readonly gapDays: readonly [number, number];
  readonly knownBelowGrade: number;
  readonly knownMean: number;
  readonly unknownMean: number;
  readonly priorSd: number;
  readonly levelStep: number;
  readonly prereqPenalty: number;
  readonly hintBoost: number;
  readonly maxKnowledge: number;
  readonly wrongLearn: number;
  readonly hintLearn: number;
  readonly solutionLearn: number;
  readonly solutionShown: number;
  readonly unreadyLearn: number;
  readonly maxGain: number;
  readonly stabilityGrowth: number;
  readonly sessionItems: readonly [number, number];
  readonly betweenItemsSec: readonly [number, number];
  readonly longBreak: number;
  readonly longBreakDays: readonly [number, number];
  readonly exploreLevel: number;
  readonly exploreSkill: number;
}

export const DEFAULT_SIM: SimParams = Object.freeze<SimParams>({
  skillDifficultySd: 0.6,
  abilitySd: 0.7,
  learnRateMedian: 0.12,
  learnRateLogSd: 0.4,
  learnRateMax: 0.4,
  stabilityDaysMedian: 2,
  stabilityLogSd: 0.5,
  slip: [0.02, 0.08],
  guess: [0.02, 0.2],
  hintPropensity: [0, 0.7],
  speedMsMedian: 7000,
  speedLogSd: 0.3,
  gapDays: [0.5, 4],
  knownBelowGrade: 0.6,
  knownMean: 2,
  unknownMean: -1.5,
  priorSd: 0.8,
  levelStep: 0.9,
  prereqPenalty: 1.6,
  hintBoost: 0.6,
  maxKnowledge: 4,
  wrongLearn: 0.5,
  hintLearn: 0.3,
  solutionLearn: 0.8,
  solutionShown: 0.4,
  unreadyLearn: 0.3,
  maxGain: 0.8,
  stabilityGrowth: 0.4,
  sessionItems: [8, 30],
  betweenItemsSec: [5, 25],
  longBreak: 0.1,
  longBreakDays: [7, 40],
  exploreLevel: 0.15,
  exploreSkill: 0.05,
});

/** Shape of the random courses. */
export interface CourseShape {
  readonly skills: readonly [number, number];
  readonly strands: readonly [number, number];
  readonly bands: readonly [number, number];
  /** P(0, 1, 2, 3 prerequisites) for every skill after the first. */
  readonly prereqCounts: readonly number[];
}

export const DEFAULT_COURSE_SHAPE: CourseShape = Object.freeze<CourseShape>({
  skills: [15, 60],
  strands: [2, 5],
  bands: [3, 6],
  prereqCounts: [0.12, 0.48, 0.28, 0.12],
});

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const uniform = (rng: Rng, [lo, hi]: readonly [number, number]): number => lo + (hi - lo) * rng();

/** A standard normal draw (Box–Muller). */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

function categorical(rng: Rng, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i]!;
    if (r < 0) return i;
  }
  return weights.length - 1;
}

/** A random course as a validated skill graph (ids `s0`, `s1`, …; strands `strand0`, …). */
export function randomCourse(rng: Rng, shape: CourseShape = DEFAULT_COURSE_SHAPE): SkillGraph {
  const n = randInt(rng, shape.skills[0], shape.skills[1]);
  const strands = randInt(rng, shape.strands[0], shape.strands[1]);
  const bands = randInt(rng, shape.bands[0], shape.bands[1]);
  const skills: Skill[] = [];
  for (let i = 0; i < n; i++) {
    const band = 1 + Math.min(bands - 1, Math.floor((i / n) * bands));
    const strand = `strand${i < strands ? i : randInt(rng, 0, strands - 1)}`;
    const want = i === 0 ? 0 : Math.min(i, categorical(rng, shape.prereqCounts));
    const prerequisites: SkillId[] = [];
    for (let k = 0; k < want; k++) {
      const weights = skills.map((s) =>
        prerequisites.includes(s.id) ? 0 : (s.strand === strand ? 3 : 1) * (band - s.band <= 1 ? 2 : 1),
      );
      if (weights.every((w) => w === 0)) break;
      prerequisites.push(skills[categorical(rng, weights)]!.id);
    }
    skills.push({ id: `s${i}`, nameKey: `sim.s${i}`, prerequisites, strand, band });
  }
  return buildGraph(skills);
}

/** Per-skill difficulty δ of a course, drawn in topological order. */
export function skillDifficulties(
  graph: SkillGraph,
  rng: Rng,
  params: SimParams = DEFAULT_SIM,
): Map<SkillId, number> {
  return new Map(graph.order.map((id) => [id, params.skillDifficultySd * normal(rng)]));
}

/** One simulated learner's fixed traits. */
export interface LearnerTraits {
  readonly ability: number;
  readonly learnRate: number;
  readonly stabilityDays: number;
  readonly slip: number;
  readonly guess: number;
  readonly hintPropensity: number;
  readonly speedMs: number;
  readonly gapDays: number;
  /** Band the learner has reached: skills of lower bands may already be known. */
  readonly grade: number;
}

export function sampleTraits(rng: Rng, graph: SkillGraph, params: SimParams = DEFAULT_SIM): LearnerTraits {
  const maxBand = Math.max(1, ...graph.skills.map((s) => s.band));
  return {
    ability: params.abilitySd * normal(rng),
    learnRate: Math.min(
      params.learnRateMax,
      params.learnRateMedian * Math.exp(params.learnRateLogSd * normal(rng)),
    ),
    stabilityDays: params.stabilityDaysMedian * Math.exp(params.stabilityLogSd * normal(rng)),
    slip: uniform(rng, params.slip),
    guess: uniform(rng, params.guess),
    hintPropensity: uniform(rng, params.hintPropensity),
    speedMs: params.speedMsMedian * Math.exp(params.speedLogSd * normal(rng)),
    gapDays: uniform(rng, params.gapDays),
    grade: randInt(rng, 1, maxBand),
  };
}

/** One simulated attempt: the fields the KT model reads, plus what only the simulator knows. */
export interface SimRecord extends KtAttempt {
  readonly solutionShown: boolean;
  /** The latent P(correct) the answer was drawn from (with the hints used). */
  readonly p: number;
}

interface SkillState {
  readonly k0: number;
  k: number;
  last: number;
  stability: number;
}

/** A learner's latent state over one course, and how it answers, learns and forgets. */
export class SimLearner {
  readonly #state = new Map<SkillId, SkillState>();

  constructor(
    readonly graph: SkillGraph,
    readonly difficulty: ReadonlyMap<SkillId, number>,
    readonly traits: LearnerTraits,
    private readonly rng: Rng,
    readonly params: SimParams = DEFAULT_SIM,
  ) {
    for (const id of graph.order) {
      const band = graph.byId.get(id)?.band ?? 1;
      const known = band < traits.grade && rng() < params.knownBelowGrade;
      const k0 = (known ? params.knownMean : params.unknownMean) + params.priorSd * normal(rng);
      this.#state.set(id, { k0, k: k0, last: -Infinity, stability: traits.stabilityDays });
    }
  }

  #skill(id: SkillId): SkillState {
    const s = this.#state.get(id);
    if (!s) throw new RangeError(`unknown skill ${id}`);
    return s;
  }

  /** Latent knowledge of a skill at `now` (logits), forgetting applied. */
  knowledge(id: SkillId, now: number): number {
    const s = this.#skill(id);
    if (!Number.isFinite(s.last)) return s.k;
    const dtDays = Math.max(0, now - s.last) / DAY_MS;
    return s.k0 + (s.k - s.k0) * Math.exp(-dtDays / s.stability);
  }

  /** σ(ability + knowledge − difficulty): the skill's mastery at `now`. */
  mastery(id: SkillId, now: number): number {
    return sigmoid(this.traits.ability + this.knowledge(id, now) - (this.difficulty.get(id) ?? 0));
  }

  /** Mean over direct prerequisites of (1 − mastery); 0 for a root. */
  prereqDeficit(id: SkillId, now: number): number {
    const prereqs = this.graph.byId.get(id)?.prerequisites ?? [];
    if (prereqs.length === 0) return 0;
    let d = 0;
    for (const p of prereqs) d += 1 - this.mastery(p, now);
    return d / prereqs.length;
  }

  /** The latent P(correct) on an item of `level` at `now`, with `hints` hints. */
  pCorrect(id: SkillId, level: Difficulty, now: number, hints = 0): number {
    const P = this.params;
    const z =
      this.traits.ability +
      this.knowledge(id, now) -
      (this.difficulty.get(id) ?? 0) -
      P.levelStep * (level - 2) -
      P.prereqPenalty * this.prereqDeficit(id, now) +
      P.hintBoost * hints;
    const { guess, slip } = this.traits;
    return guess + (1 - guess - slip) * sigmoid(z);
  }

  /** Answers one item at `now`: draws hints, correctness and response time, then learns. */
  attempt(id: SkillId, level: Difficulty, now: number): SimRecord {
    const P = this.params;
    const rng = this.rng;
    const p0 = this.pCorrect(id, level, now);
    const q = Math.min(0.9, 2 * this.traits.hintPropensity * (1 - p0) ** 2);
    const hintsUsed = rng() < q ? (rng() < q / 2 ? 2 : 1) : 0;
    const p = hintsUsed > 0 ? this.pCorrect(id, level, now, hintsUsed) : p0;
    const correct = rng() < p;
    const solutionShown = !correct && rng() < P.solutionShown;
    const noise = Math.exp(0.35 * normal(rng));
    const responseMs = Math.round(
      Math.min(
        180_000,
        Math.max(
          1500,
          this.traits.speedMs *
            (1 + 0.35 * (level - 1)) *
            (0.6 + 1.4 * (1 - p0)) *
            (1 + 0.4 * hintsUsed) *
            noise,
        ),
      ),
    );
    const deficit = this.prereqDeficit(id, now);
    const s = this.#skill(id);
    const kEff = this.knowledge(id, now);
    const gain = Math.min(
      P.maxGain,
      this.traits.learnRate *
        (correct ? 1 : P.wrongLearn) *
        (1 + P.hintLearn * hintsUsed) *
        (solutionShown ? 1 + P.solutionLearn : 1) *
        (P.unreadyLearn + (1 - P.unreadyLearn) * (1 - deficit)),
    );
    const spacing = Number.isFinite(s.last) ? Math.min(1, (now - s.last) / DAY_MS / s.stability) : 1;
    s.k = kEff + gain * (P.maxKnowledge - kEff);
    s.stability *= 1 + P.stabilityGrowth * (0.25 + spacing);
    s.last = now;
    return {
      skillId: id,
      difficulty: level,
      correct,
      timestamp: now,
      responseMs,
      hintsUsed,
      solutionShown,
      p,
    };
  }
}

export interface SimulateOptions {
  /** Number of attempts to simulate. */
  readonly attempts: number;
  /** Epoch ms of the first session. */
  readonly start: number;
  readonly params?: SimParams;
}

/** An `Attempt` for the policy's Elo model (only the fields Elo reads matter). */
function asAttempt(r: SimRecord): Attempt {
  return {
    id: '',
    learnerId: 'sim',
    itemId: '',
    seed: 0,
    params: {},
    answer: '',
    appVersion: 'sim',
    skillId: r.skillId,
    difficulty: r.difficulty,
    correct: r.correct,
    responseMs: r.responseMs,
    hintsUsed: r.hintsUsed,
    solutionShown: r.solutionShown,
    timestamp: r.timestamp,
  };
}

/** One learner practising under the app's policy; returns the attempts in time order. */
export function simulateLearner(learner: SimLearner, rng: Rng, options: SimulateOptions): SimRecord[] {
  const P = options.params ?? learner.params;
  const graph = learner.graph;
  const elo = new EloModel(graph);
  const practice = new Map<SkillId, SkillPractice>();
  const recent: SkillId[] = [];
  const out: SimRecord[] = [];
  // Sessions start in the afternoon or evening of the start day.
  let now = options.start + Math.round(uniform(rng, [14, 20]) * 3_600_000);
  while (out.length < options.attempts) {
    const items = randInt(rng, P.sessionItems[0], P.sessionItems[1]);
    const sessionStart = now;
    for (let i = 0; i < items && out.length < options.attempts; i++) {
      const pick = selectNextItem(elo, graph, practice, now, rng, { recent });
      let skillId = pick.skillId;
      let level = pick.difficulty;
      if (rng() < P.exploreSkill) skillId = graph.order[Math.floor(rng() * graph.order.length)]!;
      if (rng() < P.exploreLevel) level = randInt(rng, 1, 3) as Difficulty;
      const rec = learner.attempt(skillId, level, now);
      out.push(rec);
      elo.update(asAttempt(rec));
      const prev = practice.get(skillId);
      practice.set(skillId, {
        attempts: (prev?.attempts ?? 0) + 1,
        correct: (prev?.correct ?? 0) + (rec.correct ? 1 : 0),
        lastPracticed: now,
      });
      recent.push(skillId);
      if (recent.length > 8) recent.shift();
      now += rec.responseMs + Math.round(uniform(rng, P.betweenItemsSec) * 1000);
    }
    const gapDays =
      rng() < P.longBreak ? uniform(rng, P.longBreakDays) : -Math.log(1 - rng()) * learner.traits.gapDays;
    // The next session starts at least 2 hours later, at the same time of day ± 3 h.
    now = Math.max(
      now + 2 * 3_600_000,
      sessionStart + Math.round(gapDays * DAY_MS + normal(rng) * 3 * 3_600_000),
    );
  }
  return out;
}

export interface CohortOptions {
  readonly learners: number;
  /** Attempts per learner, drawn uniformly from this range. */
  readonly attempts: readonly [number, number];
  readonly start: number;
  readonly params?: SimParams;
}

/** Simulated learners over one course (skill difficulties drawn once for the course). */
export interface Cohort {
  readonly graph: SkillGraph;
  readonly difficulty: ReadonlyMap<SkillId, number>;
  readonly learners: readonly SimRecord[][];
}

export function simulateCourse(graph: SkillGraph, rng: Rng, options: CohortOptions): Cohort {
  const params = options.params ?? DEFAULT_SIM;
  const difficulty = skillDifficulties(graph, rng, params);
  const learners: SimRecord[][] = [];
  for (let i = 0; i < options.learners; i++) {
    const traits = sampleTraits(rng, graph, params);
    const learner = new SimLearner(graph, difficulty, traits, rng, params);
    const attempts = randInt(rng, options.attempts[0], options.attempts[1]);
    learners.push(simulateLearner(learner, rng, { attempts, start: options.start, params }));
  }
  return { graph, difficulty, learners };
}
