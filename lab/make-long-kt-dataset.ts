/**
 * Writes a simulated knowledge-tracing dataset with long sequences and many skill ids, in the
 * DKVMN "3 lines per student" format, for checking that `npm run kt:bench` generalises to data
 * it has never seen (docs/benchmarks/kt.md, "Generalisation").
 *
 *   npx tsx lab/make-long-kt-dataset.ts OUT_DIR [--seed 1] [--train-learners 600]
 *       [--test-learners 200] [--attempts 600,1200] [--min-skills 1200]
 *
 * Writes OUT_DIR/long_train.csv, OUT_DIR/long_test.csv and OUT_DIR/summary.json, and prints the
 * summary (distinct ids, sequence lengths, the simulator's ceiling) on stdout.
 *
 * How the data is made (lab/simulator.ts, default parameters, nothing changed):
 *
 * - `randomCourse` makes courses of 15–60 skills. One course of ≥ 1,200 skills is not used: the
 *   app's selection policy scores every skill of the course on every pick, so simulating
 *   hundreds of thousands of attempts on such a course is slow, and a learner would only ever
 *   reach its first bands. Instead, random courses are drawn until they hold `--min-skills`
 *   skills together, and each course's skills get their own id range (course c's skill i is
 *   offset_c + i + 1), so every id is distinct across courses.
 * - Learners are spread round-robin over the courses; each course's train and test learners
 *   share the course's skill difficulties (`simulateCourse`), so test skills are seen in
 *   training, as in the public benchmarks. Each learner makes a number of attempts drawn
 *   uniformly from `--attempts` (median about the middle of the range).
 * - The file keeps only skill id and correctness: the item level (1–3), hints, response times
 *   and timestamps the simulator also produces are dropped (the format has no place for them).
 * - Ceiling: the AUC etc. of the simulator's own latent P(correct) on the test answers, as
 *   `train-base.ts` reports it. It knows the level and hints, which the file does not carry, so
 *   no model of the file can reach it.
 *
 * Deterministic: the same arguments give byte-identical files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { KtMetrics } from '../src/core/kt-data.ts';
import { ktMetrics } from '../src/core/kt-data.ts';
import { seededRng } from '../src/core/rng.ts';
import type { SimRecord } from './simulator.ts';
import { randomCourse, simulateCourse } from './simulator.ts';
import type { SkillGraph } from '../src/core/types.ts';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    seed: { type: 'string', default: '1' },
    'train-learners': { type: 'string', default: '600' },
    'test-learners': { type: 'string', default: '200' },
    attempts: { type: 'string', default: '600,1200' },
    'min-skills': { type: 'string', default: '1200' },
  },
});

const outDir = positionals[0];
if (!outDir) {
  console.error(
    'usage: make-long-kt-dataset OUT_DIR [--seed 1] [--train-learners 600] [--test-learners 200] ' +
      '[--attempts 600,1200] [--min-skills 1200]',
  );
  process.exit(2);
}
const seed = Number(args.seed);
const nTrain = Number(args['train-learners']);
const nTest = Number(args['test-learners']);
const [minAttempts, maxAttempts] = args.attempts.split(',').map(Number) as [number, number];
const minSkills = Number(args['min-skills']);
if (![seed, nTrain, nTest, minAttempts, maxAttempts, minSkills].every(Number.isInteger)) {
  throw new Error('every option must be an integer (--attempts is MIN,MAX)');
}
/** Monday 5 January 2026, 00:00 UTC, as in train-base.ts. */
const START = Date.UTC(2026, 0, 5);
const t0 = performance.now();

// Courses until they hold minSkills skills; course c's skills are ids offset[c] + 1 … .
const rng = seededRng(seed);
const courses: SkillGraph[] = [];
const offsets: number[] = [];
let totalSkills = 0;
while (totalSkills < minSkills) {
  const graph = randomCourse(rng);
  courses.push(graph);
  offsets.push(totalSkills);
  totalSkills += graph.order.length;
}
/** Learners of course c when `n` learners are dealt round-robin. */
const share = (n: number, c: number): number =>
  Math.floor(n / courses.length) + (c < n % courses.length ? 1 : 0);

interface Learner {
  readonly skills: number[];
  readonly correct: (0 | 1)[];
  readonly p: number[];
}
const train: Learner[] = [];
const test: Learner[] = [];
courses.forEach((graph, c) => {
  const idOf = new Map(graph.order.map((id, i) => [id, offsets[c]! + i + 1]));
  const toLearner = (records: readonly SimRecord[]): Learner => ({
    skills: records.map((r) => idOf.get(r.skillId)!),
    correct: records.map((r) => (r.correct ? 1 : 0)),
    p: records.map((r) => r.p),
  });
  const cTrain = share(nTrain, c);
  const cohort = simulateCourse(graph, rng, {
    learners: cTrain + share(nTest, c),
    attempts: [minAttempts, maxAttempts],
    start: START,
  });
  cohort.learners.forEach((records, i) => (i < cTrain ? train : test).push(toLearner(records)));
});

const dkvmn = (ls: readonly Learner[]): string =>
  ls.map((l) => `${l.skills.length}\n${l.skills.join(',')}\n${l.correct.join(',')}\n`).join('');
mkdirSync(resolve(outDir), { recursive: true });
const trainFile = resolve(outDir, 'long_train.csv');
const testFile = resolve(outDir, 'long_test.csv');
writeFileSync(trainFile, dkvmn(train));
writeFileSync(testFile, dkvmn(test));

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function describe(ls: readonly Learner[]): Record<string, number> {
  const lengths = ls.map((l) => l.skills.length);
  const n = lengths.reduce((a, b) => a + b, 0);
  const correct = ls.reduce((a, l) => a + l.correct.reduce<number>((x, y) => x + y, 0), 0);
  return {
    learners: ls.length,
    interactions: n,
    distinctSkillIds: new Set(ls.flatMap((l) => l.skills)).size,
    medianLength: median(lengths),
    minLength: Math.min(...lengths),
    maxLength: Math.max(...lengths),
    percentCorrect: +((100 * correct) / n).toFixed(2),
  };
}
const round = (m: KtMetrics): KtMetrics => ({
  auc: +m.auc.toFixed(4),
  accuracy: +m.accuracy.toFixed(4),
  logLoss: +m.logLoss.toFixed(4),
  rmse: +m.rmse.toFixed(4),
  n: m.n,
});
const trainIds = new Set(train.flatMap((l) => l.skills));
const summary = {
  command: ['npx tsx lab/make-long-kt-dataset.ts', ...process.argv.slice(2)].join(' '),
  seed,
  courses: courses.length,
  courseSkills: {
    total: totalSkills,
    min: Math.min(...courses.map((g) => g.order.length)),
    max: Math.max(...courses.map((g) => g.order.length)),
  },
  train: { file: trainFile, ...describe(train) },
  test: { file: testFile, ...describe(test) },
  distinctSkillIdsAll: new Set([...train, ...test].flatMap((l) => l.skills)).size,
  testIdsUnseenInTrain: new Set(test.flatMap((l) => l.skills).filter((k) => !trainIds.has(k))).size,
  /** The simulator's latent P(correct) on the test answers, in file order (the ceiling). */
  simulatorCeiling: round(
    ktMetrics(Float64Array.from(test.flatMap((l) => l.correct)), Float64Array.from(test.flatMap((l) => l.p))),
  ),
  seconds: +((performance.now() - t0) / 1000).toFixed(1),
};
writeFileSync(resolve(outDir, 'summary.json'), JSON.stringify(summary, null, 1) + '\n');
console.log(JSON.stringify(summary, null, 1));
