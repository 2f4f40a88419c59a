/**
 * Node proxy for the "answer → durable" latency: AttemptRepo.record() (attempt + learner state
 * in one transaction) on fake-indexeddb with 10,000 attempts already stored for the learner.
 * The real browser figure is measured in Chromium elsewhere; this one tracks regressions in our
 * own code path (validation, cloning, reads and writes per record).
 *
 *   npx tsx lab/bench/record-attempt.bench.ts
 */
import 'fake-indexeddb/auto';
import type { Attempt } from '../../src/core/types';
import type { NextLearnerState } from '../../src/storage/repositories';
import { AttemptRepo, LearnerRepo, LearnerStateRepo } from '../../src/storage/repositories';
import { freshDb, makeAttempt, stateAfter } from '../../src/storage/test-utils';

const STORED = 10_000;
const RUNS = 200;
const WARMUP = 20;
const SKILLS = ['add-within-20', 'sub-within-20', 'times-tables', 'fractions-equivalent', 'place-value'];

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

async function main(): Promise<void> {
  const db = freshDb('bench-record');
  const learners = new LearnerRepo(db);
  const attempts = new AttemptRepo(db);
  const states = new LearnerStateRepo(db);
  const learner = await learners.create({ nickname: 'Bench', avatar: 'owl' });

  const t0 = 1_700_000_000_000;
  const history: Attempt[] = Array.from({ length: STORED }, (_, i) =>
    makeAttempt({
      id: `seed-${i}`,
      learnerId: learner.id,
      skillId: SKILLS[i % SKILLS.length],
      timestamp: t0 + i * 1000,
      correct: i % 4 !== 0,
    }),
  );
  await attempts.bulkImport(history);
  let state: NextLearnerState | undefined = history.reduce<NextLearnerState | undefined>(
    stateAfter,
    undefined,
  );
  await states.put(learner.id, state as NextLearnerState);

  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const a = makeAttempt({
      id: `run-${i}`,
      learnerId: learner.id,
      skillId: SKILLS[i % SKILLS.length],
      timestamp: t0 + (STORED + i) * 1000,
    });
    state = stateAfter(state, a);
    const start = performance.now();
    await attempts.record(a, state);
    const ms = performance.now() - start;
    if (i >= WARMUP) times.push(ms);
  }
  if ((await attempts.count(learner.id)) !== STORED + WARMUP + RUNS) throw new Error('bench: wrong count');

  times.sort((x, y) => x - y);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify({
      bench: 'record-attempt-node-fakeidb',
      stored: STORED,
      runs: RUNS,
      medianMs: round(quantile(times, 0.5)),
      p95Ms: round(quantile(times, 0.95)),
      maxMs: round(times[times.length - 1] ?? Number.NaN),
      node: process.version,
    }),
  );
  await db.delete();
}

await main();
