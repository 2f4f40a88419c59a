/**
 * `npm run learn:filter -- [--learners 100] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]
 *                          [--particles 400] [--sure 0.8] [--share 0]`
 *
 * Can a policy that sees **only the answers** reach issue 10's targets in these simulators? The
 * oracle (policies.ts) sees the hidden state; the shipped policy sees answers through a model
 * that knows nothing of the simulators. Between them sits this reference: the oracle's rule
 * driven by a **particle filter that knows the simulator exactly** (its equations, its parameters,
 * the prior its learners are drawn from), but not which learner it faces. Each particle is a
 * learner drawn from the family's own generator; after each answer it learns from it as the real
 * learner did (`answer` with the outcome forced), and its weight for that answer's skill is
 * multiplied by how likely it found the answer (`ParticleBelief`).
 *
 * The rule is the oracle's with the posterior in place of the truth: a skill counts as mastered
 * when the posterior P(truly mastered) is at least `sure`; among skills not mastered whose
 * prerequisites are, the (skill, level) whose posterior P(correct) is closest to 0.7; with every
 * skill counted as mastered, the skill least surely mastered, at level 3.
 *
 * This is not a policy anyone can ship (it is the simulator's own model), and a filter with a
 * finite number of particles only approximates the posterior; its calibration (ECE of its
 * predictions) is printed to show how well. What it measures: how much of the gap between the
 * shipped policy and the oracle is the price of seeing only answers, with the simulator's own model
 * (filtered approximately, as `ParticleBelief` says).
 */
import { mathsGraph } from '../../src/content/maths/index';
import { seededRng } from '../../src/core/rng';
import type { Difficulty, Rng, SkillGraph, SkillId } from '../../src/core/types';
import { meetsTargets, parseArgs } from './bench';
import { createLearner, type FamilyName, type SimLearner } from './families';
import { closestToPeak, type Policy } from './policies';
import {
  pairedLogRatio,
  quantile,
  ratioToFixed,
  runLearner,
  runWithPolicy,
  START,
  summarise,
  type LearnerResult,
  type PolicyMetrics,
} from './run';

export interface FilterOptions {
  /** Particles (learners drawn from the family's prior). */
  readonly particles: number;
  /** Posterior P(truly mastered) at which the rule counts a skill as mastered. */
  readonly sure: number;
  /** How much of the other skills' evidence a skill's posterior takes (`ParticleBelief`'s β). */
  readonly share: number;
}

export const FILTER_DEFAULTS: FilterOptions = Object.freeze({ particles: 400, sure: 0.8, share: 0 });

/** An rng whose first draw decides the outcome (0: right, just under 1: wrong); then `rest`. */
export function forced(correct: boolean, rest: Rng): Rng {
  let first = true;
  return () => {
    if (!first) return rest();
    first = false;
    return correct ? 0 : 1 - Number.EPSILON;
  };
}

/**
 * Learners drawn from a family's prior, each weighted **per skill** by how likely it found the
 * answers given on that skill. Every particle learns from every answer (outcome forced), so its
 * state stays the one its own traits and that history imply; a skill's posterior reads only that
 * skill's weights. Whole-learner weights collapse in 40 skills × a few traits (tried first, with
 * resampling and jitter: after 19 resamplings the filter counted 38 skills mastered where 9 truly
 * were; docs/learning.md); per-skill weights keep each skill's posterior from its own evidence and
 * the prior, and give up what one skill's answers say about another's through the shared traits.
 *
 * `share` (β, 0 by default) gives some of that back: a skill's weight also takes the other skills'
 * likelihood to the power β (a tempered likelihood; β = 1 would be the whole-learner posterior).
 */
export class ParticleBelief {
  readonly #particles: SimLearner[];
  /** Per skill: the normalised product of the particle's likelihoods of that skill's answers. */
  readonly #w = new Map<SkillId, Float64Array>();
  /** With `share`: per skill the log of that product, and its sum over skills. */
  readonly #logL = new Map<SkillId, Float64Array>();
  readonly #logTotal: Float64Array;
  /** With `share`: a skill's weights with the other skills' share, until the next answer. */
  readonly #shared = new Map<SkillId, Float64Array>();
  readonly #rng: Rng;
  readonly #share: number;
  readonly #asked = new Set<SkillId>();

  /** Over the given particles (equal weights); `rng` draws what a particle's learning leaves to chance. */
  constructor(particles: readonly SimLearner[], graph: SkillGraph, rng: Rng, share = 0) {
    this.#rng = rng;
    this.#share = share;
    this.#particles = [...particles];
    const n = particles.length;
    for (const id of graph.order) {
      this.#w.set(id, new Float64Array(n).fill(1 / n));
      if (share > 0) this.#logL.set(id, new Float64Array(n));
    }
    this.#logTotal = new Float64Array(n);
  }

  /** `n` learners drawn from the family's prior, each from its own seed drawn from `rng`. */
  static prior(family: FamilyName, graph: SkillGraph, rng: Rng, n: number, share = 0): ParticleBelief {
    const ps = Array.from({ length: n }, () =>
      createLearner(family, graph, seededRng(Math.floor(rng() * 2 ** 32)), START),
    );
    return new ParticleBelief(ps, graph, rng, share);
  }

  /** The weights a skill's posterior reads. */
  #weights(skill: SkillId): Float64Array {
    if (this.#share === 0) return this.#w.get(skill)!;
    let w = this.#shared.get(skill);
    if (w) return w;
    const own = this.#logL.get(skill)!;
    const log = own.map((l, j) => l + this.#share * (this.#logTotal[j]! - l));
    const top = Math.max(...log);
    w = log.map((l) => Math.exp(l - top));
    const total = w.reduce((a, b) => a + b, 0);
    for (let j = 0; j < w.length; j++) w[j]! /= total;
    this.#shared.set(skill, w);
    return w;
  }

  /** Posterior mean of the true P(correct) of (skill, level) at t. */
  p(skill: SkillId, level: Difficulty, t: number): number {
    const w = this.#weights(skill);
    let s = 0;
    this.#particles.forEach((l, j) => (s += w[j]! * l.p(skill, level, t)));
    return s;
  }

  /** Posterior P(the skill is truly mastered at t). */
  pMastered(skill: SkillId, t: number): number {
    const w = this.#weights(skill);
    let s = 0;
    this.#particles.forEach((l, j) => {
      if (l.mastered(skill, t)) s += w[j]!;
    });
    return s;
  }

  /** Effective sample size of a skill's weights. */
  ess(skill: SkillId): number {
    let s = 0;
    for (const w of this.#weights(skill)) s += w * w;
    return 1 / s;
  }

  /** The effective sample size of every skill answered at least once (how thin the posterior is). */
  askedEss(): number[] {
    return [...this.#asked].map((id) => this.ess(id));
  }

  /** Condition the skill's weights on one answer given at t, then let every particle learn from it. */
  observe(skill: SkillId, level: Difficulty, t: number, correct: boolean): void {
    this.#asked.add(skill);
    const w = this.#w.get(skill)!;
    const logL = this.#logL.get(skill);
    let total = 0;
    this.#particles.forEach((l, j) => {
      const pc = l.p(skill, level, t);
      const like = correct ? pc : 1 - pc;
      w[j]! *= like;
      total += w[j]!;
      if (logL) {
        logL[j]! += Math.log(like);
        this.#logTotal[j]! += Math.log(like);
      }
      if (l.answer(skill, level, t, forced(correct, this.#rng)) !== correct) {
        throw new Error('a particle did not take the forced outcome (its P(correct) is 0 or 1)');
      }
    });
    for (let j = 0; j < w.length; j++) w[j]! /= total;
    this.#shared.clear();
  }
}

/** The oracle's rule over the filter's posterior (see the file's comment). */
export function filterPolicy(
  family: FamilyName,
  graph: SkillGraph,
  rng: Rng,
  options: FilterOptions = FILTER_DEFAULTS,
): Policy & { readonly belief: ParticleBelief } {
  const belief = ParticleBelief.prior(family, graph, rng, options.particles, options.share);
  let predicted: number | undefined;
  return {
    name: 'oracle',
    belief,
    choose(t) {
      const sure = new Map<SkillId, number>(graph.order.map((id) => [id, belief.pMastered(id, t)]));
      const best = closestToPeak(
        graph,
        (id) => sure.get(id)! >= options.sure,
        (id, level) => belief.p(id, level, t),
      );
      if (best) {
        predicted = best.p;
        return best.choice;
      }
      // Every skill counted as mastered: the least surely mastered, ties (a finite set of particles
      // often says 1.0 for many) to the lowest posterior P(correct) at level 3.
      let weakest = graph.order[0]!;
      let key = [Infinity, Infinity];
      for (const id of graph.order) {
        const k = [sure.get(id)!, belief.p(id, 3, t)];
        if (k[0]! < key[0]! || (k[0] === key[0] && k[1]! < key[1]!)) {
          weakest = id;
          key = k;
        }
      }
      predicted = key[1];
      return { skill: weakest, level: 3 };
    },
    predicted: () => predicted,
    observe(c, correct, t) {
      belief.observe(c.skill, c.level, t, correct);
    },
  };
}

export interface FilterRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly fixed: PolicyMetrics;
  readonly oracle: PolicyMetrics;
  readonly lantern: PolicyMetrics;
  readonly filter: PolicyMetrics;
  /** The filter against the shipped policy and against the oracle, per learner (run.ts pairedLogRatio). */
  readonly vsLantern: ReturnType<typeof pairedLogRatio>;
  readonly vsOracle: ReturnType<typeof pairedLogRatio>;
  /**
   * How thin the posterior was at the end of each learner's run: over learners, the median of the
   * median effective sample size of the skills answered, and the smallest such ESS of any skill.
   */
  readonly ess: { readonly median: number; readonly min: number };
}

const median = (xs: readonly number[]): number =>
  quantile(
    [...xs].sort((x, y) => x - y),
    0.5,
  )!;

export function runFilter(
  families: readonly FamilyName[],
  seeds: readonly number[],
  learners: number,
  options: FilterOptions = FILTER_DEFAULTS,
  graph: SkillGraph = mathsGraph,
): FilterRow[] {
  const rows: FilterRow[] = [];
  for (const family of families) {
    for (const seed of seeds) {
      const each = (run: (i: number) => LearnerResult): LearnerResult[] =>
        Array.from({ length: learners }, (_, i) => run(i));
      const fixed = each((i) => runLearner(family, 'fixed', graph, seed, i));
      const oracle = each((i) => runLearner(family, 'oracle', graph, seed, i));
      const lantern = each((i) => runLearner(family, 'lantern-elo', graph, seed, i));
      // The policy's rng (not the learner) seeds the particles: the filter never reads the learner.
      const medians: number[] = [];
      let min = Infinity;
      const filter = each((i) => {
        let policy: ReturnType<typeof filterPolicy> | undefined;
        const r = runWithPolicy(family, graph, seed, i, (_learner, rng) => {
          policy = filterPolicy(family, graph, rng, options);
          return policy;
        });
        const ess = policy!.belief.askedEss();
        medians.push(median(ess));
        min = Math.min(min, ...ess);
        return r;
      });
      rows.push({
        family,
        seed,
        fixed: summarise(family, seed, 'fixed', fixed),
        oracle: summarise(family, seed, 'oracle', oracle),
        lantern: summarise(family, seed, 'lantern-elo', lantern),
        filter: summarise(family, seed, 'oracle', filter),
        vsLantern: pairedLogRatio(lantern, filter),
        vsOracle: pairedLogRatio(oracle, filter),
        ess: { median: median(medians), min },
      });
    }
  }
  return rows;
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const pts = (x: number): string => `${x >= 0 ? '+' : '−'}${Math.abs(100 * x).toFixed(1)}`;
/** A paired log ratio as the ratio it stands for (its geometric mean per learner), with the log and its interval. */
const paired = (r: ReturnType<typeof pairedLogRatio>): string =>
  `×${Math.exp(r.mean).toFixed(3)} per learner (mean log ratio ${r.mean >= 0 ? '+' : '−'}${Math.abs(r.mean).toFixed(3)} ± ${r.half.toFixed(3)}, n ${r.n})`;

const OPTION_KEYS = new Map<string, keyof FilterOptions>([
  ['--particles', 'particles'],
  ['--sure', 'sure'],
  ['--share', 'share'],
]);

export function readOptions(argv: readonly string[]): { rest: string[]; options: FilterOptions } {
  const rest: string[] = [];
  const o: { -readonly [K in keyof FilterOptions]: number } = { ...FILTER_DEFAULTS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const key = OPTION_KEYS.get(a);
    if (key === undefined) {
      rest.push(a);
      continue;
    }
    const v = Number(argv[++i]);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a number ≥ 0`);
    o[key] = v;
  }
  if (!Number.isInteger(o.particles) || o.particles < 1) {
    throw new Error('--particles needs a whole number ≥ 1');
  }
  if (o.sure > 1) throw new Error('--sure is a probability (0–1)');
  if (o.share > 1) throw new Error('--share is a power between 0 and 1');
  return { rest, options: o };
}

function main(argv: readonly string[]): void {
  const { rest, options } = readOptions(argv);
  const other = rest.find((a) => a === '--policies' || a === '--sweep');
  if (other) throw new Error(`${other} is a learn:bench option; learn:filter runs its own references`);
  const { learners, seeds, families, json } = parseArgs(['--learners', '100', ...rest]);
  const rows = runFilter(families, seeds, learners, options);
  if (json) {
    for (const r of rows) {
      console.log(
        JSON.stringify({
          ...r.filter,
          policy: 'filter',
          options,
          vsLantern: r.vsLantern,
          vsOracle: r.vsOracle,
          ess: r.ess,
        }),
      );
    }
    return;
  }
  console.log(`particles ${options.particles}, sure ${options.sure}, share ${options.share}`);
  for (const r of rows) {
    const f = r.fixed;
    console.log(
      `\n${r.family}, seed ${r.seed}, ${learners} learners: fixed ${f.medianToMastery ?? 'never'} (never ${f.never}),` +
        ` post@600 ${pct(f.post600)}, +30 d ${pct(f.post30)}`,
    );
    console.log(
      'policy       | answers (× fixed) | never | post@600 (Δ)    | +30 d (Δ)       | ECE   | ≤0.7× +5 +8 never',
    );
    for (const [name, m] of [
      ['oracle', r.oracle],
      ['filter', r.filter],
      ['lantern-elo', r.lantern],
    ] as const) {
      const ratio = ratioToFixed(m, f);
      const t = meetsTargets(m, f);
      console.log(
        `${name.padEnd(12)} | ${String(m.medianToMastery ?? 'never').padStart(6)} (${ratio === null ? '  –  ' : ratio.toFixed(2)}×)` +
          ` | ${String(m.never).padStart(5)} | ${pct(m.post600).padStart(6)} (${pts(m.post600 - f.post600)})` +
          ` | ${pct(m.post30).padStart(6)} (${pts(m.post30 - f.post30)}) | ${m.ece?.toFixed(3) ?? '  –  '}` +
          ` | ${[t.answers, t.post, t.retention, t.never].map((ok) => (ok ? 'met' : 'NOT')).join(' ')}`,
      );
    }
    console.log(`filter against lantern-elo, per learner: ${paired(r.vsLantern)}`);
    console.log(`filter against the oracle, per learner:  ${paired(r.vsOracle)}`);
    console.log(
      `filter's effective particles per skill answered, at the end: median ${r.ess.median.toFixed(1)}, smallest ${r.ess.min.toFixed(2)} (of ${options.particles})`,
    );
  }
}

if (process.argv[1]?.endsWith('filter.ts')) main(process.argv.slice(2));
