/**
 * Two simulated-learner families built on different assumptions (see lab/learn/README.md for
 * the equations). Both are pure: every random draw comes from an injected `Rng`, every time is a
 * timestamp passed in (epoch ms). Each learner exposes its hidden truth:
 *
 * - `p(skill, level, t)`: the true P(correct) of an item of that skill and level at time t;
 * - `mastered(skill, t)`: "truly mastered" = `p(skill, 3, t) ≥ TRUE_MASTERY` (0.8) at the
 *   hardest level;
 * - `answer(skill, level, t, rng)`: draws the outcome from `p` and applies learning.
 *
 * Family "irt": continuous ability per skill (logits), prerequisite gating, learning that peaks
 * for items of desirable difficulty, exponential forgetting with a stability that grows with
 * spaced practice. Family "memory": BKT-style hidden binary known state (learn/slip/guess) with an
 * HLR-style half-life for recall of known skills. Both share one assumption: practising a skill
 * rehearses its direct prerequisites (a weaker review of each).
 */
import { normal } from '../simulator';
import type { Difficulty, Rng, SkillGraph, SkillId } from '../../src/core/types';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** A skill is truly mastered when its true P(correct) at level 3 is at least this. */
export const TRUE_MASTERY = 0.8;

export type FamilyName = 'irt' | 'memory';
export const FAMILIES: readonly FamilyName[] = ['irt', 'memory'];

export interface SimLearner {
  p(skill: SkillId, level: Difficulty, t: number): number;
  mastered(skill: SkillId, t: number): boolean;
  /** Draw an answer (true = correct) and learn from it. */
  answer(skill: SkillId, level: Difficulty, t: number, rng: Rng): boolean;
  /** An independent copy of the hidden state (the lookahead of reach.ts); the families have one. */
  clone?(): SimLearner;
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const uniform = (rng: Rng, lo: number, hi: number): number => lo + (hi - lo) * rng();
const logNormal = (rng: Rng, median: number, sd: number): number => median * Math.exp(sd * normal(rng));
const maxBand = (graph: SkillGraph): number => Math.max(...graph.skills.map((s) => s.band));
const copySkills = <T extends object>(skills: ReadonlyMap<SkillId, T>): Map<SkillId, T> =>
  new Map([...skills].map(([id, s]) => [id, { ...s }]));

// ---------------------------------------------------------------------------------------------
// Family A: "irt"
// ---------------------------------------------------------------------------------------------

export const IRT_PARAMS = Object.freeze({
  abilitySd: 0.6,
  skillDifficultySd: 0.5,
  knownBelowGrade: 0.6,
  knownMean: 2,
  unknownMean: -1.5,
  priorSd: 0.8,
  levelStep: 0.9,
  prereqPenalty: 1.6,
  maxKnowledge: 5,
  learnRateMedian: 0.15,
  learnRateLogSd: 0.4,
  /** Learning weight w(p) = floor + (1 − floor)·exp(−((p − peak)/width)²). */
  peak: 0.7,
  width: 0.3,
  learnFloor: 0.2,
  wrongLearn: 0.6,
  unreadyLearn: 0.3,
  stabilityDaysMedian: 3,
  stabilityLogSd: 0.4,
  massedGrowth: 0.1,
  spacedGrowth: 0.6,
  prereqRehearsal: 0.5,
  slip: [0.02, 0.06] as const,
  guess: [0.02, 0.15] as const,
});

/** A parameter's type without its literal value: numbers, [lo, hi] ranges, per-level records. */
type Widen<T> = T extends number
  ? number
  : T extends readonly [number, number]
    ? readonly [number, number]
    : T extends Record<Difficulty, number>
      ? Readonly<Record<Difficulty, number>>
      : T;

/** The irt family's parameters (IRT_PARAMS, or a sweep's variant of them). */
export type IrtParams = { readonly [K in keyof typeof IRT_PARAMS]: Widen<(typeof IRT_PARAMS)[K]> };

interface IrtSkill {
  readonly delta: number;
  readonly k0: number;
  k: number;
  last: number;
  stability: number;
}

export function createIrtLearner(
  graph: SkillGraph,
  rng: Rng,
  start: number,
  P: IrtParams = IRT_PARAMS,
): SimLearner {
  const a = P.abilitySd * normal(rng);
  const r = logNormal(rng, P.learnRateMedian, P.learnRateLogSd);
  const slip = uniform(rng, ...P.slip);
  const guess = uniform(rng, ...P.guess);
  const grade = 1 + Math.floor(rng() * maxBand(graph));
  const s0 = logNormal(rng, P.stabilityDaysMedian, P.stabilityLogSd);
  const skills = new Map<SkillId, IrtSkill>();
  for (const id of graph.order) {
    const band = graph.byId.get(id)!.band;
    const known = band < grade && rng() < P.knownBelowGrade;
    const k0 = (known ? P.knownMean : P.unknownMean) + P.priorSd * normal(rng);
    skills.set(id, { delta: P.skillDifficultySd * normal(rng), k0, k: k0, last: start, stability: s0 });
  }
  return irtLearner(graph, P, { a, r, slip, guess }, skills);
}

/** An irt learner over its hidden traits and per-skill state; `clone` copies the state. */
function irtLearner(
  graph: SkillGraph,
  P: IrtParams,
  traits: { readonly a: number; readonly r: number; readonly slip: number; readonly guess: number },
  skills: Map<SkillId, IrtSkill>,
): SimLearner {
  const { a, r, slip, guess } = traits;
  const kEff = (s: IrtSkill, t: number): number =>
    s.k0 + (s.k - s.k0) * Math.exp(-Math.max(0, t - s.last) / (s.stability * DAY_MS));
  const m = (id: SkillId, t: number): number => {
    const s = skills.get(id)!;
    return sigmoid(a + kEff(s, t) - s.delta);
  };
  const gap = (id: SkillId, t: number): number => {
    const pre = graph.byId.get(id)!.prerequisites;
    if (pre.length === 0) return 0;
    let sum = 0;
    for (const q of pre) sum += 1 - m(q, t);
    return sum / pre.length;
  };
  const p = (id: SkillId, level: Difficulty, t: number, d = gap(id, t)): number => {
    const s = skills.get(id)!;
    const z = a + kEff(s, t) - s.delta - P.levelStep * (level - 2) - P.prereqPenalty * d;
    return guess + (1 - guess - slip) * sigmoid(z);
  };
  /** Consolidate what is retained at t and grow stability by the spacing rule (scaled by w). */
  const rehearse = (s: IrtSkill, t: number, w: number): void => {
    const ke = kEff(s, t);
    const spacing = Math.min(1, Math.max(0, t - s.last) / (s.stability * DAY_MS));
    s.k = ke;
    s.last = t;
    s.stability *= 1 + w * (P.massedGrowth + P.spacedGrowth * spacing);
  };
  return {
    p: (id, level, t) => p(id, level, t),
    mastered: (id, t) => p(id, 3, t) >= TRUE_MASTERY,
    clone: () => irtLearner(graph, P, traits, copySkills(skills)),
    answer(id, level, t, outRng) {
      const d = gap(id, t);
      const pc = p(id, level, t, d);
      const correct = outRng() < pc;
      const s = skills.get(id)!;
      const w = P.learnFloor + (1 - P.learnFloor) * Math.exp(-(((pc - P.peak) / P.width) ** 2));
      const g = Math.min(
        0.8,
        r * w * (correct ? 1 : P.wrongLearn) * (P.unreadyLearn + (1 - P.unreadyLearn) * (1 - d)),
      );
      rehearse(s, t, 1);
      s.k += g * (P.maxKnowledge - s.k);
      for (const q of graph.byId.get(id)!.prerequisites) rehearse(skills.get(q)!, t, P.prereqRehearsal);
      return correct;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Family B: "memory"
// ---------------------------------------------------------------------------------------------

export const MEMORY_PARAMS = Object.freeze({
  knownBelowGrade: 0.6,
  knownElse: 0.05,
  learnMedian: 0.12,
  learnLogSd: 0.4,
  /** Learn probability multiplier per level: easier items teach an unknown skill best. */
  levelLearn: { 1: 1, 2: 0.85, 3: 0.65 } as Record<Difficulty, number>,
  unreadyLearn: 0.25,
  wrongLearn: 0.5,
  slip: [0.02, 0.06] as const,
  slipPerLevel: 0.03,
  guess: [0.08, 0.22] as const,
  halfLifeDaysMedian: 2,
  halfLifeLogSd: 0.5,
  knownHalfLifeDays: 30,
  /** Correct: h ← h·2^(base + spacing·(1 − recall)); lapse: h ← h·lapse. */
  growBase: 0.15,
  growSpacing: 1.5,
  lapse: 0.6,
  minHalfLifeDays: 0.25,
  prereqRehearsal: 0.5,
});

/** The memory family's parameters (MEMORY_PARAMS, or a sweep's variant of them). */
export type MemoryParams = {
  readonly [K in keyof typeof MEMORY_PARAMS]: Widen<(typeof MEMORY_PARAMS)[K]>;
};

interface MemSkill {
  known: boolean;
  last: number;
  halfLife: number;
}

export function createMemoryLearner(
  graph: SkillGraph,
  rng: Rng,
  start: number,
  P: MemoryParams = MEMORY_PARAMS,
): SimLearner {
  const learn = Math.min(0.6, logNormal(rng, P.learnMedian, P.learnLogSd));
  const slip0 = uniform(rng, ...P.slip);
  const guess0 = uniform(rng, ...P.guess);
  const h0 = logNormal(rng, P.halfLifeDaysMedian, P.halfLifeLogSd);
  const grade = 1 + Math.floor(rng() * maxBand(graph));
  const skills = new Map<SkillId, MemSkill>();
  for (const id of graph.order) {
    const band = graph.byId.get(id)!.band;
    const known = rng() < (band < grade ? P.knownBelowGrade : P.knownElse);
    skills.set(
      id,
      known
        ? {
            known,
            last: start - rng() * 10 * DAY_MS,
            halfLife: logNormal(rng, P.knownHalfLifeDays, P.halfLifeLogSd),
          }
        : { known, last: start, halfLife: h0 },
    );
  }
  return memoryLearner(graph, P, { learn, slip0, guess0, h0 }, skills);
}

/** A memory learner over its hidden traits and per-skill state; `clone` copies the state. */
function memoryLearner(
  graph: SkillGraph,
  P: MemoryParams,
  traits: { readonly learn: number; readonly slip0: number; readonly guess0: number; readonly h0: number },
  skills: Map<SkillId, MemSkill>,
): SimLearner {
  const { learn, slip0, guess0, h0 } = traits;
  const guessAt = (level: Difficulty): number => (guess0 * (4 - level)) / 2;
  const slipAt = (level: Difficulty): number => slip0 + P.slipPerLevel * (level - 1);
  const recall = (s: MemSkill, t: number): number =>
    s.known ? 2 ** (-Math.max(0, t - s.last) / (s.halfLife * DAY_MS)) : 0;
  const p = (id: SkillId, level: Difficulty, t: number): number => {
    const g = guessAt(level);
    return g + (1 - g - slipAt(level)) * recall(skills.get(id)!, t);
  };
  const mastered = (id: SkillId, t: number): boolean => p(id, 3, t) >= TRUE_MASTERY;
  /** HLR update of a known skill after a retrieval attempt, scaled by w (1 = a full review). */
  const review = (s: MemSkill, t: number, correct: boolean, w: number): void => {
    const rc = recall(s, t);
    const factor = correct ? 2 ** (P.growBase + P.growSpacing * (1 - rc)) : P.lapse;
    s.halfLife = Math.max(P.minHalfLifeDays, s.halfLife * factor ** w);
    s.last = t;
  };
  return {
    p,
    mastered,
    clone: () => memoryLearner(graph, P, traits, copySkills(skills)),
    answer(id, level, t, outRng) {
      const s = skills.get(id)!;
      const pre = graph.byId.get(id)!.prerequisites;
      const ready = pre.length === 0 ? 1 : pre.filter((q) => mastered(q, t)).length / pre.length;
      const correct = outRng() < p(id, level, t);
      if (s.known) {
        review(s, t, correct, 1);
      } else {
        const pl =
          learn *
          P.levelLearn[level] *
          (correct ? 1 : P.wrongLearn) *
          (P.unreadyLearn + (1 - P.unreadyLearn) * ready);
        if (outRng() < pl) {
          s.known = true;
          s.halfLife = h0;
        }
        s.last = t;
      }
      for (const q of pre) {
        const sq = skills.get(q)!;
        if (sq.known) review(sq, t, correct, P.prereqRehearsal);
      }
      return correct;
    },
  };
}

/**
 * Parameter overrides per family (the sweep of `bench.ts --sweep`); a family without an entry,
 * and every parameter not named, keeps its default.
 */
export interface FamilyOverrides {
  readonly irt?: Partial<IrtParams>;
  readonly memory?: Partial<MemoryParams>;
}

export function createLearner(
  family: FamilyName,
  graph: SkillGraph,
  rng: Rng,
  start: number,
  overrides: FamilyOverrides = {},
): SimLearner {
  return family === 'irt'
    ? createIrtLearner(graph, rng, start, { ...IRT_PARAMS, ...overrides.irt })
    : createMemoryLearner(graph, rng, start, { ...MEMORY_PARAMS, ...overrides.memory });
}
