// Bundled by scripts/bench.mjs and run inside Chromium: choosing the next item for a learner
// with 100,000 stored attempts on the real course. The model and practice summary are built by
// the real update path from those attempts (as storage would hold them), then selection plus
// item generation — what PracticeSession.next() does — is timed.
import { EloModel } from '../../src/core/elo';
import { generateItem } from '../../src/core/items';
import { SummaryBuilder } from '../../src/core/practice';
import { nextSeed, seededRng } from '../../src/core/rng';
import { selectNextItem } from '../../src/core/selection';
import type { Attempt, Difficulty } from '../../src/core/types';
import { mathsCourse, mathsGraph } from '../../src/content/maths';

function run(): Record<string, unknown>[] {
  const N = 100_000;
  const rng = seededRng(11);
  const model = new EloModel(mathsGraph);
  const summary = new SummaryBuilder();
  const skills = mathsGraph.order;
  let t = Date.UTC(2026, 0, 1);
  const buildStart = performance.now();
  for (let i = 0; i < N; i++) {
    const skillId = skills[Math.floor(rng() * skills.length)]!;
    t += 20_000;
    const a: Attempt = {
      id: `a${i}`,
      learnerId: 'bench',
      itemId: `${skillId}~2~${i}`,
      skillId,
      difficulty: (1 + (i % 3)) as Difficulty,
      seed: i,
      params: {},
      answer: '1',
      correct: rng() < 0.7,
      responseMs: 8_000,
      hintsUsed: 0,
      solutionShown: false,
      timestamp: t,
      appVersion: 'bench',
    };
    model.update(a);
    summary.record(a);
  }
  const buildMs = performance.now() - buildStart;
  const practice = summary.build();
  // Chrome coarsens performance.now() to 0.1 ms without cross-origin isolation, so time
  // batches of 20 selections and report the per-selection mean of each batch.
  const BATCH = 20;
  const times: number[] = [];
  const now = t + 3_600_000;
  for (let b = 0; b < 105; b++) {
    const s0 = performance.now();
    for (let i = 0; i < BATCH; i++) {
      const sel = selectNextItem(model, mathsGraph, practice, now + (b * BATCH + i) * 1000, rng, {
        recent: [],
      });
      generateItem(mathsCourse.generators.get(sel.skillId)!, sel.difficulty, nextSeed(rng));
    }
    const ms = (performance.now() - s0) / BATCH;
    if (b >= 5) times.push(ms);
  }
  times.sort((a, b) => a - b);
  const q = (p: number) =>
    Math.round(times[Math.min(times.length - 1, Math.floor(p * times.length))]! * 1000) / 1000;
  return [
    {
      bench: 'select-next-item',
      attempts: N,
      skills: skills.length,
      batches: times.length,
      perBatch: BATCH,
      medianMs: q(0.5),
      p95Ms: q(0.95),
      maxMs: q(1),
      modelBuildMs: Math.round(buildMs),
    },
  ];
}

(globalThis as unknown as { __bench: unknown }).__bench = { run };
