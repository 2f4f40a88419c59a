/**
 * `npm run learn:gap -- [--learners 100] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]`
 *
 * Where does the shipped policy lose against the oracle? The shipped policy (`lantern-elo`, the
 * app's real selection over its Elo model) is run again with one piece of the hidden truth lent
 * to it: the mastered flag it reads (what unlocks dependants, what ends practice of a skill and
 * what starts end-of-course practice). Nothing else changes: predictions, levels, review timing
 * and reasons are the model's own. The gain of each cheat bounds what a better mastery estimate
 * could bring; it is not a policy anyone can ship. Same learners and outcome streams as the
 * bench (run.ts); each cheat's answers are also compared per learner with no cheat (the mean log
 * ratio and its 95 % interval, run.ts `pairedLogRatio`).
 *
 * | cheat    | the flag the policy reads                                                        |
 * | -------- | -------------------------------------------------------------------------------- |
 * | none     | the model's own (the shipped policy, byte for byte)                              |
 * | early    | the model's flag, or truly mastered now (no confirmations while the model lags)  |
 * | set      | `early` until the model first flags the skill, then the model's own flag         |
 * | keep     | `early` once the model has flagged the skill, before that the model's own flag   |
 * | clear    | the model's flag, and truly mastered now (forgotten or premature flags dropped)  |
 * | truth    | truly mastered now (a perfect mastery detector)                                  |
 */
import { mathsGraph } from '../../src/content/maths/index';
import { parseArgs } from './bench';
import type { SkillId } from '../../src/core/types';
import type { FamilyName, SimLearner } from './families';
import type { LanternConfig } from './policies';
import {
  ratioToFixed,
  runLanternVariants,
  pairedLogRatio,
  runPolicy,
  summarise,
  type LearnerResult,
  type PolicyMetrics,
} from './run';

export const CHEATS = ['none', 'early', 'set', 'keep', 'clear', 'truth'] as const;
export type Cheat = (typeof CHEATS)[number];

type Flag = (learner: SimLearner) => (skill: SkillId, t: number, model: boolean) => boolean;

/**
 * `early` split in two by whether the model has ever flagged the skill (the flag is read by the
 * policy before every choice, so the model's first flag is seen as soon as it is set): the first
 * star sooner (`set`), or a star the model took away kept while the skill is truly mastered (`keep`).
 */
function earlyIf(firstFlag: boolean): Flag {
  return (l) => {
    const flagged = new Set<SkillId>();
    return (s, t, m) => {
      if (m) flagged.add(s);
      return m || (flagged.has(s) !== firstFlag && l.mastered(s, t));
    };
  };
}

const FLAGS: Record<Exclude<Cheat, 'none'>, Flag> = {
  early: (l) => (s, t, m) => m || l.mastered(s, t),
  set: earlyIf(true),
  keep: earlyIf(false),
  clear: (l) => (s, t, m) => m && l.mastered(s, t),
  truth: (l) => (s, t) => l.mastered(s, t),
};

export function cheatConfig(cheat: Cheat): LanternConfig {
  return cheat === 'none' ? {} : { mastered: FLAGS[cheat] };
}

export interface GapRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly cheat: Cheat;
  readonly metrics: PolicyMetrics;
  /** Answers to mastery against the fixed sequence on the same learners (null if either is "never"). */
  readonly ratio: number | null;
  /** Answers against no cheat, per learner: mean log ratio and its 95 % half-width (end-practice.ts). */
  readonly paired: { readonly mean: number; readonly half: number; readonly n: number };
}

export function runGap(
  families: readonly FamilyName[],
  seeds: readonly number[],
  learners: number,
  cheats: readonly Cheat[] = CHEATS,
): { fixed: PolicyMetrics[]; rows: GapRow[] } {
  const fixed: PolicyMetrics[] = [];
  const rows: GapRow[] = [];
  for (const family of families) {
    for (const seed of seeds) {
      const f = runPolicy(family, 'fixed', mathsGraph, seed, learners);
      fixed.push(f);
      let none: LearnerResult[] | undefined;
      for (const cheat of cheats) {
        const rs = runLanternVariants(family, mathsGraph, seed, learners, cheatConfig(cheat));
        if (cheat === 'none') none = rs;
        const metrics = summarise(family, seed, 'lantern-elo', rs);
        // Against no cheat when it ran first (as in CHEATS); otherwise there is nothing to pair with.
        const paired = none ? pairedLogRatio(none, rs) : { mean: NaN, half: NaN, n: 0 };
        rows.push({ family, seed, cheat, metrics, ratio: ratioToFixed(metrics, f), paired });
      }
    }
  }
  return { fixed, rows };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;

function main(argv: readonly string[]): void {
  const other = argv.find((a) => a === '--policies' || a === '--sweep');
  if (other) throw new Error(`${other} is a learn:bench option; learn:gap runs lantern-elo and its cheats`);
  // The bench's own argument reader (--learners, --seeds, --family, --json, --quick), 100 learners unless given.
  const { learners, seeds, families, json } = parseArgs(['--learners', '100', ...argv]);
  const { fixed, rows } = runGap(families, seeds, learners);
  if (json) {
    for (const r of rows) {
      console.log(JSON.stringify({ ...r.metrics, cheat: r.cheat, ratioToFixed: r.ratio, paired: r.paired }));
    }
    return;
  }
  for (const f of fixed) {
    console.log(
      `\n${f.family}, seed ${f.seed}, ${learners} learners: fixed ${f.medianToMastery ?? 'never'} (never ${f.never}),` +
        ` post@600 ${pct(f.post600)}, +30 d ${pct(f.post30)}`,
    );
    console.log('cheat  | answers (× fixed) | vs none, per learner | never | post@600 | +30 d  | ECE');
    for (const r of rows.filter((x) => x.family === f.family && x.seed === f.seed)) {
      const m = r.metrics;
      console.log(
        `${r.cheat.padEnd(6)} | ${String(m.medianToMastery ?? 'never').padStart(6)} (${r.ratio === null ? '  –  ' : r.ratio.toFixed(2)}×)` +
          ` | ${(r.cheat === 'none' ? '–' : `${(100 * r.paired.mean).toFixed(1)} % ± ${(100 * r.paired.half).toFixed(1)}`).padStart(20)}` +
          ` | ${String(m.never).padStart(5)} | ${pct(m.post600).padStart(8)} | ${pct(m.post30).padStart(6)} | ${m.ece?.toFixed(3) ?? '–'}`,
      );
    }
  }
}

if (process.argv[1]?.endsWith('gap.ts')) main(process.argv.slice(2));
