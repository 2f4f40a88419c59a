/** Shared by grouping.bench.ts (Node) and grouping.browser.ts (Chromium): the same class, the same timing. */
import { groupLearners } from '../../src/core/grouping';
import type { GroupingInput, GroupingOptions, GroupingResult } from '../../src/core/grouping';
import { seededRng } from '../../src/core/rng';
import type { Rng } from '../../src/core/types';

export const LEARNERS = 1000;
export const SKILLS = 100;
const LATENT = 5;
const NOISE_SD = 0.12;
export const SAMPLE = 300;
export const RUNS = 7;
const WARMUP = 2;

function gaussian(rng: Rng): number {
  // Box–Muller; 1 − u keeps the log argument in (0, 1].
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Seeded synthetic class: `latent` random mastery profiles, each learner one of them plus noise. */
export function syntheticClass(seed: number, latent = LATENT, noiseSd = NOISE_SD): GroupingInput {
  const rng = seededRng(seed);
  const profiles = Array.from({ length: latent }, () =>
    Array.from({ length: SKILLS }, () => 0.1 + 0.8 * rng()),
  );
  const learnerIds: string[] = [];
  const mastery: number[][] = [];
  const attempts: number[] = [];
  for (let i = 0; i < LEARNERS; i++) {
    const profile = profiles[Math.floor(rng() * latent)] as number[];
    learnerIds.push(`learner-${String(i).padStart(4, '0')}`);
    mastery.push(profile.map((x) => Math.min(1, Math.max(0, x + noiseSd * gaussian(rng)))));
    attempts.push(1 + Math.floor(rng() * 200));
  }
  return { learnerIds, skillIds: Array.from({ length: SKILLS }, (_, s) => `skill-${s}`), mastery, attempts };
}

export const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

export function time(
  input: GroupingInput,
  opts: GroupingOptions,
): { medianMs: number; minMs: number; result: GroupingResult } {
  const times: number[] = [];
  let result: GroupingResult | undefined;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    result = groupLearners(input, opts);
    const ms = performance.now() - start;
    if (i >= WARMUP) times.push(ms);
  }
  times.sort((x, y) => x - y);
  return {
    medianMs: round(times[Math.floor(times.length / 2)] as number),
    minMs: round(times[0] as number),
    result: result as GroupingResult,
  };
}

/** The figure the issue targets: automatic k on 1,000 × 100, as the teacher view runs it. */
export function benchGrouping(): Record<string, unknown>[] {
  const exact = time(syntheticClass(2024), { seed: 7 });
  return [
    {
      bench: 'grouping',
      learners: LEARNERS,
      skills: SKILLS,
      runs: RUNS,
      medianMs: exact.medianMs,
      minMs: exact.minMs,
      k: exact.result.k,
    },
  ];
}
