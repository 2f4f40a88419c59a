/**
 * Per-learner fine-tuning on held-out learners (issue 3). A base network is trained on the
 * ASSIST2009 train file exactly as lab/kt-bench.ts trains one member (10 % learner split
 * for early stopping; the test file is never used for any choice), or loaded with --base.
 * Then, for each learner of the evaluation set with at least --min interactions, a copy of the
 * base is fine-tuned (src/model/finetune.ts) on the first --share of the history, and the rest
 * is predicted by (a) the base and (b) the fine-tuned weights, with the same context windows
 * (the whole history chunked at 200, as the protocol does; only positions after the cut are
 * scored). The base weights are restored between learners.
 *
 *   npx tsx lab/kt-finetune-bench.ts --train FILE --test FILE [--base /tmp/prefix]
 *       [--eval test|valid] [--min 40] [--share 0.5] [--options '{"maxEpochs":4}'] [--json]
 *       [--max-seconds 420] [--limit N] [--timing-only] [--runs 7]
 *
 * --eval valid scores the 10 % of *train-file* learners held out from base training (use it
 * for tuning DEFAULT_FINETUNE); --eval test scores the test file (report only).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { KtSequence } from '../src/core/kt-data.ts';
import { chunkSequences, ktMetrics, sliceSequence } from '../src/core/kt-data.ts';
import { parseKt } from './kt-datasets.ts';
import { seededRng, shuffle } from '../src/core/rng.ts';
import type { KtNet as KtNetT } from '../src/model/kt-net.ts';
import { initTfNode } from './lib/tf-node.ts';

const { values: args } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    base: { type: 'string' },
    eval: { type: 'string', default: 'test' },
    min: { type: 'string', default: '40' },
    share: { type: 'string', default: '0.5' },
    options: { type: 'string', default: '{}' },
    json: { type: 'boolean', default: false },
    backend: { type: 'string', default: 'wasm' },
    seed: { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '420' },
    limit: { type: 'string' },
    'timing-only': { type: 'boolean', default: false },
    'skip-timing': { type: 'boolean', default: false },
    runs: { type: 'string', default: '7' },
    quiet: { type: 'boolean', default: false },
  },
});
if (!args.train || !args.test) {
  console.error('usage: kt-finetune-bench --train FILE --test FILE [--base PREFIX] [--json]');
  process.exit(2);
}
const log = (m: string): void => {
  if (!args.quiet) console.error(m);
};
const seed = Number(args.seed);
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? NaN : s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const trainSeqs = parseKt(readFileSync(args.train, 'utf8'), 'dkvmn');
const testSeqs = parseKt(readFileSync(args.test, 'utf8'), 'dkvmn');
const tf = await initTfNode(args.backend === 'cpu' ? 'cpu' : 'wasm');
const { specFor } = await import('../src/model/features.ts');
const { createNet, trainKt, predictSequences } = await import('../src/model/train.ts');
const { KtNet } = await import('../src/model/kt-net.ts');
const { fineTune, DEFAULT_FINETUNE } = await import('../src/model/finetune.ts');

// The same learner split as kt-bench (seeded shuffle, first 10 % = validation).
const learners = shuffle(seededRng(seed), trainSeqs);
const nValid = Math.max(1, Math.round(learners.length * 0.1));
const validLearners = learners.slice(0, nValid);
const spec = specFor(chunkSequences(trainSeqs));

let net: KtNetT;
let baseInfo: Record<string, unknown>;
if (args.base && existsSync(`${args.base}.json`)) {
  const descriptor = JSON.parse(readFileSync(`${args.base}.json`, 'utf8'));
  const bytes = readFileSync(`${args.base}.bin`);
  net = KtNet.fromArtifacts(
    descriptor,
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
  );
  baseInfo = { loadedFrom: args.base, ...(descriptor.meta ?? {}) };
  log(`base loaded from ${args.base}`);
} else {
  net = createNet(spec, {}, seed);
  const report = await trainKt(
    net,
    spec,
    chunkSequences(learners.slice(nValid)),
    chunkSequences(validLearners),
    {
      seed,
      maxSeconds: Number(args['max-seconds']),
      onEpoch: (e) =>
        log(`base epoch ${e.epoch}: valid AUC ${e.validAuc.toFixed(4)}, ${e.seconds.toFixed(0)} s`),
    },
  );
  baseInfo = {
    trainedSeconds: report.seconds,
    epochs: report.epochs,
    bestEpoch: report.bestEpoch,
    validAuc: report.bestValidAuc,
    maxSeconds: Number(args['max-seconds']),
  };
  if (args.base) {
    const { descriptor, data } = await net.toArtifacts(baseInfo);
    writeFileSync(`${args.base}.json`, JSON.stringify(descriptor));
    writeFileSync(`${args.base}.bin`, Buffer.from(data));
    log(`base saved to ${args.base}.{json,bin}`);
  }
}
const options = { ...JSON.parse(args.options) };
const settings = { ...DEFAULT_FINETUNE, ...options };
log(`fine-tune options ${JSON.stringify(settings)}`);
const base = net.snapshot();

// ---- Held-out learners: base vs fine-tuned on the rest of each history. ----
const minLen = Number(args.min);
const share = Number(args.share);
const pool = (args.eval === 'valid' ? validLearners : testSeqs).filter((s) => s.skills.length >= minLen);
const evalSet = args.limit ? pool.slice(0, Number(args.limit)) : pool;
const labels: number[] = [];
const pBase: number[] = [];
const pTuned: number[] = [];
const seconds: number[] = [];
const trainedSeconds: number[] = [];
let accepted = 0;
let tooFew = 0;
let perStudentWins = 0;
if (!args['timing-only']) {
  log(`${evalSet.length} learners with ≥ ${minLen} interactions (${args.eval})`);
  for (const [i, s] of evalSet.entries()) {
    const n = s.skills.length;
    const cut = Math.round(n * share);
    const windows = chunkSequences([s]);
    const before = await predictSequences(net, spec, windows);
    const r = await fineTune(net, spec, sliceSequence(s, 0, cut), options);
    seconds.push(r.seconds);
    if (r.reason !== 'too-few') trainedSeconds.push(r.seconds);
    if (r.accepted) accepted++;
    if (r.reason === 'too-few') tooFew++;
    const after = r.accepted ? await predictSequences(net, spec, windows) : before;
    let lb = 0;
    let la = 0;
    for (let t = cut; t < n; t++) {
      const y = s.correct[t]!;
      labels.push(y);
      pBase.push(before[t]!);
      pTuned.push(after[t]!);
      const ll = (p: number): number => -Math.log(Math.min(1 - 1e-7, Math.max(1e-7, y ? p : 1 - p)));
      lb += ll(before[t]!);
      la += ll(after[t]!);
    }
    if (la < lb) perStudentWins++;
    net.restore(base);
    if ((i + 1) % 50 === 0) log(`${i + 1}/${evalSet.length} learners, ${accepted} accepted`);
  }
}

// ---- The goal: one 2,000-attempt history on this backend. ----
let timing: Record<string, unknown> | undefined;
if (!args['skip-timing']) {
  // Real test-file sequences, longest first, concatenated and cut at 2,000 attempts.
  const longest = [...testSeqs].sort((a, b) => b.skills.length - a.skills.length);
  const skills: number[] = [];
  const correct: (0 | 1)[] = [];
  for (const s of longest) {
    skills.push(...s.skills);
    correct.push(...s.correct);
    if (skills.length >= 2000) break;
  }
  const history: KtSequence = { skills: skills.slice(0, 2000), correct: correct.slice(0, 2000) };
  const runs = Math.max(5, Number(args.runs));
  const times: number[] = [];
  const results = [];
  await fineTune(net, spec, history, options); // warm-up (kernels, decay matrices)
  net.restore(base);
  for (let k = 0; k < runs; k++) {
    const before = tf.memory().numTensors;
    const r = await fineTune(net, spec, history, options);
    times.push(r.seconds);
    results.push(r);
    net.restore(base);
    if (tf.memory().numTensors !== before) throw new Error('fineTune leaked tensors');
  }
  timing = {
    attempts: history.skills.length,
    sources:
      longest.findIndex((_, i) => longest.slice(0, i + 1).reduce((a, s) => a + s.skills.length, 0) >= 2000) +
      1,
    runs,
    medianSeconds: median(times),
    seconds: times,
    epochs: results.map((r) => r.epochs),
    accepted: results.filter((r) => r.accepted).length,
    goalSeconds: 1,
  };
}
for (const t of base.values()) t.dispose();
net.dispose();

const mb = labels.length ? ktMetrics(labels, pBase) : undefined;
const mt = labels.length ? ktMetrics(labels, pTuned) : undefined;
const out = {
  train: args.train,
  test: args.test,
  eval: args.eval,
  backend: tf.getBackend(),
  base: baseInfo,
  options: settings,
  share,
  minInteractions: minLen,
  learners: args['timing-only'] ? 0 : evalSet.length,
  scoredInteractions: labels.length,
  baseMetrics: mb,
  tunedMetrics: mt,
  aucGain: mb && mt ? mt.auc - mb.auc : undefined,
  logLossGain: mb && mt ? mb.logLoss - mt.logLoss : undefined,
  acceptedShare: evalSet.length ? accepted / evalSet.length : undefined,
  tooFew,
  learnersWithLowerLoss: perStudentWins,
  medianFineTuneSeconds: seconds.length ? median(seconds) : undefined,
  /** Over the learners that were trained (not 'too-few'). */
  medianTrainedSeconds: trainedSeconds.length ? median(trainedSeconds) : undefined,
  timing2000: timing,
};
if (args.json) {
  console.log(JSON.stringify(out));
} else {
  const f = (v: number | undefined, d = 4): string => (v === undefined ? '—' : v.toFixed(d));
  if (mb && mt) {
    console.log(
      `${out.learners} learners (${args.eval}, ≥ ${minLen} interactions), ${labels.length} scored after the first ${share * 100} %`,
    );
    console.log('weights     AUC     logloss RMSE    acc');
    console.log(['base      ', f(mb.auc), f(mb.logLoss), f(mb.rmse), f(mb.accuracy)].join('  '));
    console.log(['fine-tuned', f(mt.auc), f(mt.logLoss), f(mt.rmse), f(mt.accuracy)].join('  '));
    console.log(`gain: AUC ${f(out.aucGain)}, logloss ${f(out.logLossGain)}`);
    console.log(
      `accepted ${accepted}/${evalSet.length} (${f(100 * (out.acceptedShare ?? 0), 1)} %), too-few ${tooFew}, ` +
        `lower loss on the rest for ${perStudentWins}; median fine-tune ${f(out.medianFineTuneSeconds, 3)} s ` +
        `(${f(out.medianTrainedSeconds, 3)} s over the ${trainedSeconds.length} trained)`,
    );
  }
  if (timing) {
    console.log(
      `2,000 attempts: median ${f(timing.medianSeconds as number, 3)} s over ${timing.runs} runs ` +
        `(goal ≤ 1 s) on ${out.backend}; epochs ${(timing.epochs as number[]).join(',')}`,
    );
  }
}
