/**
 * The parameter sweep of `bench.ts --sweep`: per family, four key parameters of the simulator,
 * each varied one at a time (two values, the others at their defaults). The question it answers:
 * do the policies' standings, and the target check, survive a different simulated learner?
 */
import {
  IRT_PARAMS,
  MEMORY_PARAMS,
  type FamilyName,
  type FamilyOverrides,
  type IrtParams,
  type MemoryParams,
} from './families';

export interface SweepVariant {
  /** e.g. "learnRateMedian ×0.5 = 0.075"; "defaults" for the unchanged family. */
  readonly label: string;
  readonly params: FamilyOverrides;
}

const range = (r: readonly [number, number], f: number): readonly [number, number] => [r[0] * f, r[1] * f];
const fmt = (x: number): string => String(Number(x.toFixed(4)));
const fmtRange = (r: readonly [number, number]): string => `[${fmt(r[0])}, ${fmt(r[1])}]`;

function irt(label: string, params: Partial<IrtParams>): SweepVariant {
  return { label, params: { irt: params } };
}
function memory(label: string, params: Partial<MemoryParams>): SweepVariant {
  return { label, params: { memory: params } };
}

const I = IRT_PARAMS;
const M = MEMORY_PARAMS;

/** The variants per family, the defaults first. */
export const SWEEPS: Readonly<Record<FamilyName, readonly SweepVariant[]>> = {
  irt: [
    irt('defaults', {}),
    ...[0.5, 2].map((f) =>
      irt(`learnRateMedian ×${f} = ${fmt(I.learnRateMedian * f)}`, {
        learnRateMedian: I.learnRateMedian * f,
      }),
    ),
    ...[0.6, 1.2].map((v) => irt(`levelStep ${v} (default ${I.levelStep})`, { levelStep: v })),
    ...[0.3, 0.9].map((v) =>
      irt(`knownBelowGrade ${v} (default ${I.knownBelowGrade})`, { knownBelowGrade: v }),
    ),
    ...[0.5, 2].map((f) =>
      irt(`stabilityDaysMedian ×${f} = ${fmt(I.stabilityDaysMedian * f)} d`, {
        stabilityDaysMedian: I.stabilityDaysMedian * f,
      }),
    ),
  ],
  memory: [
    memory('defaults', {}),
    ...[0.5, 2].map((f) =>
      memory(`learnMedian ×${f} = ${fmt(M.learnMedian * f)}`, { learnMedian: M.learnMedian * f }),
    ),
    ...[0.5, 2].map((f) =>
      memory(`halfLifeDaysMedian ×${f} = ${fmt(M.halfLifeDaysMedian * f)} d`, {
        halfLifeDaysMedian: M.halfLifeDaysMedian * f,
      }),
    ),
    ...[0.5, 1.5].map((f) =>
      memory(`guess ×${f} = ${fmtRange(range(M.guess, f))} (default ${fmtRange(M.guess)})`, {
        guess: range(M.guess, f),
      }),
    ),
    ...[0.3, 0.9].map((v) =>
      memory(`knownBelowGrade ${v} (default ${M.knownBelowGrade})`, { knownBelowGrade: v }),
    ),
  ],
};

/** The sweep's defaults: 100 learners, seed 1, these three policies. */
export const SWEEP = { learners: 100, seeds: [1], policies: ['fixed', 'oracle', 'lantern-elo'] } as const;
