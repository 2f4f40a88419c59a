/**
 * Class-view grouping: groupLearners() with automatic k (what the teacher view runs) on a
 * synthetic class of 1,000 learners × 100 skills drawn from 5 latent profiles plus noise.
 * The target is < 200 ms in the browser; Node is a proxy for regressions.
 *
 * Second line: the same with silhouettes on a seeded 300-learner subsample (the option for
 * classes far above 1,000), and how often it recommends the same k as the exact silhouettes over
 * 24 synthetic classes of 2–7 latent profiles and noise from clean to heavily overlapping.
 *
 *   npx tsx lab/bench/grouping.bench.ts
 */
import { groupLearners } from '../../src/core/grouping';
import { LEARNERS, round, RUNS, SAMPLE, SKILLS, syntheticClass, time } from './grouping-cases';

function main(): void {
  const input = syntheticClass(2024);
  const exact = time(input, { seed: 7 });
  console.log(
    JSON.stringify({
      bench: 'grouping',
      learners: LEARNERS,
      skills: SKILLS,
      runs: RUNS,
      medianMs: exact.medianMs,
      minMs: exact.minMs,
      k: exact.result.k,
      silhouette: exact.result.silhouette === null ? null : round(exact.result.silhouette, 3),
      node: process.version,
    }),
  );

  const sampled = time(input, { seed: 7, silhouetteSample: SAMPLE });
  let agree = 0;
  let classes = 0;
  const disagreements: { latent: number; noise: number; exactK: number | null; sampledK: number | null }[] =
    [];
  for (const noise of [0.08, 0.15, 0.25, 0.35]) {
    for (let latent = 2; latent <= 7; latent++) {
      const c = syntheticClass(1000 + classes, latent, noise);
      const e = groupLearners(c, { seed: 7 }).recommendedK;
      const s = groupLearners(c, { seed: 7, silhouetteSample: SAMPLE }).recommendedK;
      classes++;
      if (e === s) agree++;
      else disagreements.push({ latent, noise, exactK: e, sampledK: s });
    }
  }
  console.log(
    JSON.stringify({
      bench: 'grouping-silhouette-sample',
      learners: LEARNERS,
      skills: SKILLS,
      sample: SAMPLE,
      runs: RUNS,
      medianMs: sampled.medianMs,
      minMs: sampled.minMs,
      k: sampled.result.k,
      kAgreement: `${agree}/${classes}`,
      disagreements,
    }),
  );
}

main();
