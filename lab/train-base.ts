/**
 * Trains the shipped base knowledge-tracing model (models/base/) on simulated learners only.
 *
 *   npm run train:base [-- --seed 1 --max-seconds 250 --train-courses 160 --learners 40
 *                         --valid-courses 10 --test-learners 400 --net '{}' --out models/base]
 *
 * 1. Simulates learners (lab/simulator.ts) over `--train-courses` random courses (training)
 *    and `--valid-courses` other random courses (early stopping). Every learner's skills are
 *    mapped to a random permutation of the model's skill rows, so no row means a particular
 *    skill; what the model knows about a skill comes from the course context features
 *    (core/kt-course.ts).
 * 2. Trains the network with trainKt on the wasm backend, within `--max-seconds`.
 * 3. Scores it on simulated learners over the bundled maths course, which no training or
 *    validation learner ever saw (the unseen-course case), against PFA and BKT fitted on the same
 *    training data, PFA and BKT fitted on other simulated learners *of the maths course* (a
 *    reference that needs course data the base model does not have), the per-skill Elo replay the
 *    app falls back to, and the simulator's own latent P(correct) (the ceiling).
 * 4. Times `predictLast` and `predictCandidates` for 120 candidates × 200 tokens.
 * 5. Writes models/base/model.json (descriptor; `meta` is the manifest) and weights.bin.
 *
 * Everything is seeded: the same command gives the same data, and the same weights up to the
 * wall-clock budget (an epoch cut short by `--max-seconds` on a slower machine changes them).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { mathsGraph } from '../src/content/maths/index.ts';
import { EloModel } from '../src/core/elo.ts';
import { BktModel, PfaModel } from './kt-baselines.ts';
import type { KtCourse } from '../src/core/kt-course.ts';
import {
  attemptsToSequence,
  candidateSequences,
  COURSE_CONTEXT,
  COURSE_CONTEXT_FEATURES,
  ktCourse,
  SKILL_ROWS,
} from '../src/core/kt-course.ts';
import type { KtMetrics, KtSequence } from '../src/core/kt-data.ts';
import { chunkSequences, countInteractions, flatLabels, ktMetrics } from '../src/core/kt-data.ts';
import { seededRng, shuffle } from '../src/core/rng.ts';
import type { Cohort, SimRecord } from './simulator.ts';
import { DEFAULT_COURSE_SHAPE, DEFAULT_SIM, randomCourse, simulateCourse } from './simulator.ts';
import type { Difficulty, SkillGraph } from '../src/core/types.ts';
import { initTfNode } from './lib/tf-node.ts';

const { values: args } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '250' },
    'train-courses': { type: 'string', default: '160' },
    'valid-courses': { type: 'string', default: '10' },
    learners: { type: 'string', default: '40' },
    'test-learners': { type: 'string', default: '400' },
    net: { type: 'string', default: '{}' },
    'train-options': { type: 'string', default: '{}' },
    out: { type: 'string', default: 'models/base' },
    version: { type: 'string', default: '1.0.0' },
  },
});

const seed = Number(args.seed);
const maxSeconds = Number(args['max-seconds']);
const trainCourses = Number(args['train-courses']);
const validCourses = Number(args['valid-courses']);
const learnersPerCourse = Number(args.learners);
const testLearners = Number(args['test-learners']);
const netOverrides = JSON.parse(args.net) as Record<string, unknown>;
const trainOverrides = JSON.parse(args['train-options']) as Record<string, unknown>;
/** Attempts per simulated learner (uniform). */
const ATTEMPTS: [number, number] = [30, 400];
/** Monday 5 January 2026, 00:00 UTC: the simulated calendar starts here. */
const START = Date.UTC(2026, 0, 5);
const log = (msg: string): void => console.error(msg);
const wall0 = performance.now();

// ---------------------------------------------------------------------------------------------
// Data

/** A course view whose skill rows are a random permutation of 1 … SKILL_ROWS − 1. */
function shuffledRows(graph: SkillGraph, rng: () => number): KtCourse {
  const base = ktCourse(graph);
  const rows = shuffle(
    rng,
    Array.from({ length: SKILL_ROWS - 1 }, (_, i) => i + 1),
  );
  const rowOf = new Map(graph.order.map((id, i) => [id, rows[i % rows.length]!]));
  return { ...base, rowOf: (id) => rowOf.get(id) ?? base.rowOf(id) };
}

interface SimSet {
  readonly sequences: KtSequence[];
  readonly learners: number;
  readonly attempts: number;
  readonly skills: number;
}

/** Simulated learners over `courses` random courses, each learner with its own random rows. */
function simulateRandomCourses(courses: number, courseSeed: number): SimSet {
  const rng = seededRng(courseSeed);
  const rowRng = seededRng(courseSeed ^ 0x5bd1e995);
  const sequences: KtSequence[] = [];
  let skills = 0;
  for (let c = 0; c < courses; c++) {
    const graph = randomCourse(rng);
    skills += graph.order.length;
    const cohort = simulateCourse(graph, rng, {
      learners: learnersPerCourse,
      attempts: ATTEMPTS,
      start: START,
    });
    for (const records of cohort.learners) {
      sequences.push(attemptsToSequence(records, shuffledRows(graph, rowRng)).sequence);
    }
  }
  return { sequences, learners: sequences.length, attempts: countInteractions(sequences), skills };
}

const simT0 = performance.now();
const train = simulateRandomCourses(trainCourses, seed * 1000 + 1);
const valid = simulateRandomCourses(validCourses, seed * 1000 + 2);
const mathsCourse = ktCourse(mathsGraph);
const testCohort: Cohort = simulateCourse(mathsGraph, seededRng(seed * 1000 + 3), {
  learners: testLearners,
  attempts: ATTEMPTS,
  start: START,
});
// Other learners of the maths course (same skill difficulties, drawn from the same seed): only
// for the in-course PFA/BKT reference, never for the base model.
const refCohort: Cohort = simulateCourse(mathsGraph, seededRng(seed * 1000 + 3), {
  learners: testLearners * 2,
  attempts: ATTEMPTS,
  start: START,
});
const refLearners = refCohort.learners.slice(testLearners);
const testSeqs = testCohort.learners.map((r) => attemptsToSequence(r, mathsCourse).sequence);
const refSeqs = refLearners.map((r) => attemptsToSequence(r, mathsCourse).sequence);
const simSeconds = (performance.now() - simT0) / 1000;
log(
  `simulated in ${simSeconds.toFixed(1)} s: train ${train.learners} learners / ${train.attempts} attempts ` +
    `over ${trainCourses} courses; valid ${valid.learners} / ${valid.attempts} over ${validCourses}; ` +
    `test ${testSeqs.length} / ${countInteractions(testSeqs)} on the maths course`,
);

// ---------------------------------------------------------------------------------------------
// Baselines (pure JS)

const testLabels = flatLabels(testSeqs); // chunking keeps the order, so this is every model's order
const trainChunks = chunkSequences(train.sequences);
const round = (m: KtMetrics): KtMetrics => ({
  auc: +m.auc.toFixed(4),
  accuracy: +m.accuracy.toFixed(4),
  logLoss: +m.logLoss.toFixed(4),
  rmse: +m.rmse.toFixed(4),
  n: m.n,
});
/** "Day one": each test learner's first EARLY attempts (about their first session or two). */
const EARLY = 30;
const early: number[] = [];
{
  let k = 0;
  for (const s of testSeqs) for (let t = 0; t < s.skills.length; t++, k++) if (t < EARLY) early.push(k);
}
const metrics: Record<string, KtMetrics> = {};
const metricsEarly: Record<string, KtMetrics> = {};
function score(name: string, preds: Float64Array): void {
  metrics[name] = round(ktMetrics(testLabels, preds));
  const pick = (xs: Float64Array): Float64Array => Float64Array.from(early, (k) => xs[k]!);
  metricsEarly[name] = round(ktMetrics(pick(testLabels), pick(preds)));
  const m = metrics[name];
  log(
    `${name}: AUC ${m.auc}, log loss ${m.logLoss}, acc ${m.accuracy}; first ${EARLY}: AUC ${metricsEarly[name].auc}`,
  );
}
score('pfaSimulatedCourses', PfaModel.fit(trainChunks).predict(testSeqs));
score('bktSimulatedCourses', BktModel.fit(trainChunks).predict(testSeqs));
score('pfaInCourse', PfaModel.fit(refSeqs).predict(testSeqs));
score('bktInCourse', BktModel.fit(refSeqs).predict(testSeqs));

/** The app's fallback: per-skill Elo replayed over each learner, predicting before updating. */
function eloReplay(learners: readonly SimRecord[][]): Float64Array {
  const out = new Float64Array(learners.reduce((n, l) => n + l.length, 0));
  let k = 0;
  for (const records of learners) {
    const elo = new EloModel(mathsGraph);
    for (const r of records) {
      out[k++] = elo.predict(r, r.timestamp);
      elo.update({
        ...r,
        id: '',
        learnerId: '',
        itemId: '',
        seed: 0,
        params: {},
        answer: '',
        appVersion: 'sim',
      });
    }
  }
  return out;
}
score('elo', eloReplay(testCohort.learners));
score('simulatorLatentP', Float64Array.from(testCohort.learners.flat().map((r) => r.p)));

// ---------------------------------------------------------------------------------------------
// The network

const tf = await initTfNode('wasm');
const { createNet, predictSequences, trainKt } = await import('../src/model/train.ts');
const { KtNet } = await import('../src/model/kt-net.ts');
const { predictLast, predictCandidates } = await import('../src/model/online.ts');
type Net = Awaited<ReturnType<typeof createNet>>;

const spec = { skillBuckets: SKILL_ROWS, itemBuckets: 0, contextFeatures: COURSE_CONTEXT_FEATURES };
const validChunks = chunkSequences(valid.sequences);
const testChunks = chunkSequences(testSeqs);
const net = createNet(spec, netOverrides, seed);
const trainOptions = { seed, maxSeconds, ...trainOverrides };
const report = await trainKt(net, spec, trainChunks, validChunks, {
  ...trainOptions,
  onEpoch: (e) =>
    log(
      `epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)}, valid AUC ${e.validAuc.toFixed(4)}, ` +
        `${Math.round(e.interactionsPerSecond)} interactions/s, ${e.seconds.toFixed(0)} s`,
    ),
});
score('base', await predictSequences(net, spec, testChunks));

/** Median ms of `f` over `runs` runs after one warm-up. */
async function time(f: () => unknown, runs = 7): Promise<number> {
  await f();
  const ts: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await f();
    ts.push(performance.now() - t0);
  }
  ts.sort((a, b) => a - b);
  return +ts[Math.floor(ts.length / 2)]!.toFixed(1);
}

/** 120 candidates after a 199-interaction history of a test learner (the app's case). */
function candidateBatch(): KtSequence[] {
  const records = testCohort.learners.find((l) => l.length >= 199) ?? testCohort.learners[0]!;
  const { sequence, after } = attemptsToSequence(records.slice(0, 199), mathsCourse);
  const levels: Difficulty[] = [1, 2, 3];
  const candidates = Array.from({ length: 120 }, (_, i) => ({
    skillId: mathsGraph.order[i % mathsGraph.order.length]!,
    difficulty: levels[i % 3]!,
  }));
  const now = records[198]?.timestamp ?? START;
  return candidateSequences(sequence, after, candidates, now + 60_000);
}

async function timings(n: Net): Promise<{ predictLastMs: number; predictCandidatesMs: number }> {
  const seqs = candidateBatch();
  return {
    predictLastMs: await time(() => predictLast(n, spec, seqs)),
    predictCandidatesMs: await time(() => predictCandidates(n, spec, seqs)),
  };
}
const timing: Record<string, unknown> = { backend: tf.getBackend(), candidates: 120, tokens: 200 };
timing.shipped = { dModel: net.config.dModel, hidden: net.config.hidden, ...(await timings(net)) };
// The other size, untrained (the time does not depend on the weights).
const otherSize = net.config.dModel === 64 ? { dModel: 32, hidden: 64 } : { dModel: 64, hidden: 128 };
const other = createNet(spec, otherSize, seed + 100);
timing.alternative = { ...otherSize, ...(await timings(other)) };
other.dispose();
log(`timing (ms): ${JSON.stringify(timing)}`);

// ---------------------------------------------------------------------------------------------
// Artifacts

const command = ['npm run train:base', ...process.argv.slice(2)].join(' ');
const manifest = {
  name: 'lantern-kt-base',
  version: args.version,
  date: new Date().toISOString(),
  command,
  description:
    'Base knowledge-tracing model for any course: skill rows are exchangeable (each simulated ' +
    'learner had its skills on a random permutation of rows), skills are described by course ' +
    'context features. Fine-tuned per learner on the device.',
  licence:
    'Derived only from simulated learners (lab/simulator.ts); no real or public-benchmark ' +
    'data was used. Same licence as the Lantern source.',
  trainingData: {
    source: 'simulated learners over random courses (lab/simulator.ts)',
    simulator: {
      module: 'lab/simulator.ts',
      params: DEFAULT_SIM,
      courseShape: DEFAULT_COURSE_SHAPE,
      attemptsPerLearner: ATTEMPTS,
      policy: 'selectNextItem driven by a per-skill EloModel, with level and skill exploration',
    },
    seed,
    train: {
      courses: trainCourses,
      skills: train.skills,
      learners: train.learners,
      attempts: train.attempts,
    },
    validation: {
      courses: validCourses,
      skills: valid.skills,
      learners: valid.learners,
      attempts: valid.attempts,
    },
    skillRows: SKILL_ROWS,
    contextFeatures: COURSE_CONTEXT,
  },
  training: {
    backend: tf.getBackend(),
    options: trainOptions,
    net: net.config,
    epochs: report.epochs,
    bestEpoch: report.bestEpoch,
    bestValidAuc: +report.bestValidAuc.toFixed(4),
    seconds: +report.seconds.toFixed(1),
    simulationSeconds: +simSeconds.toFixed(1),
  },
  evaluation: {
    data:
      `${testSeqs.length} simulated learners (${testLabels.length} attempts) over the bundled maths ` +
      'course, which no training or validation learner saw; the network reads 200-interaction ' +
      'chunks, the other models whole sequences',
    metrics,
    firstAttempts: EARLY,
    metricsFirstAttempts: metricsEarly,
    models: {
      base: 'this model',
      pfaSimulatedCourses: 'PFA fitted on the same training data (random rows)',
      bktSimulatedCourses: 'BKT fitted on the same training data (random rows)',
      pfaInCourse: `PFA fitted on ${refSeqs.length} other simulated learners of the maths course`,
      bktInCourse: `BKT fitted on ${refSeqs.length} other simulated learners of the maths course`,
      elo: "the app's per-skill Elo (src/core/elo.ts), predict before update",
      simulatorLatentP: "the simulator's own P(correct): the ceiling",
    },
  },
  timing,
};

const { descriptor, data } = await net.toArtifacts(manifest);
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
writeFileSync(resolve(out, 'model.json'), JSON.stringify(descriptor, null, 1) + '\n');
writeFileSync(resolve(out, 'weights.bin'), new Uint8Array(data));
// Round trip: the saved files must predict exactly what was evaluated.
const reloaded = KtNet.fromArtifacts(descriptor, data);
const probe = testChunks.slice(0, 20);
const [a, b] = [await predictSequences(net, spec, probe), await predictSequences(reloaded, spec, probe)];
if (a.some((v, i) => Math.abs(v - b[i]!) > 1e-6)) throw new Error('the saved model predicts differently');
reloaded.dispose();
net.dispose();
log(
  `wrote ${out}/model.json and weights.bin (${data.byteLength} bytes) in ` +
    `${((performance.now() - wall0) / 1000).toFixed(0)} s`,
);
console.log(JSON.stringify({ metrics, metricsEarly, training: manifest.training, timing }, null, 1));
