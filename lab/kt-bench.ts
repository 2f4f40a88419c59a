/**
 * Knowledge-tracing benchmark under the DKVMN protocol: train from scratch on --train, score
 * once on --test. Sequences longer than 200 are split into consecutive chunks of 200 (never
 * truncated); AUC is pooled over every test interaction. The neural model early-stops on a
 * 10% split of the *train* file's learners; the test file is never used for any choice.
 *
 *   npx tsx lab/kt-bench.ts --train FILE --test FILE [--format dkvmn|akt] [--json]
 *       [--model kt|bkt|pfa|all] [--backend wasm|cpu] [--seed 1] [--max-seconds 420] [--ensemble 2]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { KtMetrics, KtSequence } from '../src/core/kt-data.ts';
import { detectKtFormat, parseKt, type KtFormat } from './kt-datasets.ts';
import { auc, chunkSequences, countInteractions, flatLabels, ktMetrics } from '../src/core/kt-data.ts';
import { BktModel, PfaModel } from './kt-baselines.ts';
import { seededRng, shuffle } from '../src/core/rng.ts';
import { initTfNode } from './lib/tf-node.ts';

const { values: args } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    format: { type: 'string' },
    json: { type: 'boolean', default: false },
    model: { type: 'string', default: 'all' },
    backend: { type: 'string', default: 'wasm' },
    seed: { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '420' },
    quiet: { type: 'boolean', default: false },
    // Members of the averaged ensemble; the training-time budget is shared between them.
    ensemble: { type: 'string', default: '2' },
    // Overrides for experiments (JSON); the defaults are what the benchmark reports.
    net: { type: 'string', default: '{}' },
    'train-options': { type: 'string', default: '{}' },
  },
});

if (!args.train || !args.test) {
  console.error(
    'usage: kt-bench --train FILE --test FILE [--format dkvmn|akt] [--json] [--model kt|bkt|pfa|all]',
  );
  process.exit(2);
}
const models = args.model === 'all' ? ['bkt', 'pfa', 'kt'] : [args.model];
for (const m of models) {
  if (!['kt', 'bkt', 'pfa'].includes(m)) throw new Error(`unknown model ${m}`);
}
const seed = Number(args.seed);
const log = (msg: string): void => {
  if (!args.quiet) console.error(msg);
};

function load(file: string): { seqs: KtSequence[]; format: KtFormat } {
  const text = readFileSync(file, 'utf8');
  const format = (args.format as KtFormat | undefined) ?? detectKtFormat(text);
  if (format !== 'dkvmn' && format !== 'akt') throw new Error(`unknown format ${format}`);
  return { seqs: parseKt(text, format), format };
}

const train = load(args.train);
const test = load(args.test);
const trainChunks = chunkSequences(train.seqs);
const testChunks = chunkSequences(test.seqs);
const testLabels = flatLabels(testChunks);
log(
  `train ${train.seqs.length} learners / ${countInteractions(train.seqs)} interactions (${train.format}); ` +
    `test ${test.seqs.length} / ${testLabels.length}`,
);

interface Row extends KtMetrics {
  readonly model: string;
  readonly trainSeconds: number;
  readonly backend: string;
  readonly detail?: Record<string, unknown>;
}
const rows: Row[] = [];

for (const m of models) {
  if (m === 'bkt' || m === 'pfa') {
    const t0 = performance.now();
    const model = m === 'bkt' ? BktModel.fit(trainChunks) : PfaModel.fit(trainChunks);
    const trainSeconds = (performance.now() - t0) / 1000;
    rows.push({ model: m, ...ktMetrics(testLabels, model.predict(testChunks)), trainSeconds, backend: 'js' });
    log(`${m}: fitted in ${trainSeconds.toFixed(1)} s`);
    continue;
  }
  const tf = await initTfNode(args.backend === 'cpu' ? 'cpu' : 'wasm');
  const { specFor } = await import('../src/model/features.ts');
  const { createNet, predictSequences, trainKt } = await import('../src/model/train.ts');
  // Hold out 10% of the train file's learners (before chunking, so no learner is on both sides).
  const learners = shuffle(seededRng(seed), train.seqs);
  const nValid = Math.max(1, Math.round(learners.length * 0.1));
  const fitSet = chunkSequences(learners.slice(nValid));
  const validSet = chunkSequences(learners.slice(0, nValid));
  const spec = specFor(trainChunks);
  const members = Math.max(1, Number(args.ensemble));
  const testPreds: Float64Array[] = [];
  const validPreds: Float64Array[] = [];
  const reports = [];
  for (let k = 0; k < members; k++) {
    const net = createNet(spec, JSON.parse(args.net), seed + k);
    const report = await trainKt(net, spec, fitSet, validSet, {
      seed: seed + k,
      maxSeconds: Number(args['max-seconds']) / members,
      ...JSON.parse(args['train-options']),
      onEpoch: (e) =>
        log(
          `kt[${k}] epoch ${e.epoch}: loss ${e.trainLoss.toFixed(4)}, valid AUC ${e.validAuc.toFixed(4)}, ` +
            `${Math.round(e.interactionsPerSecond)} interactions/s, ${e.seconds.toFixed(0)} s`,
        ),
    });
    reports.push(report);
    validPreds.push(await predictSequences(net, spec, validSet));
    testPreds.push(await predictSequences(net, spec, testChunks));
    net.dispose();
  }
  // An ensemble averages the members' probabilities.
  const mean = (ps: Float64Array[]): Float64Array =>
    ps[0]!.map((_, i) => ps.reduce((acc, p) => acc + p[i]!, 0) / ps.length);
  const validAuc = auc(flatLabels(validSet), mean(validPreds));
  log(`kt: ${members} member(s), ensemble valid AUC ${validAuc.toFixed(4)}`);
  testPreds.forEach((p, k) => log(`kt member ${k}: test AUC ${ktMetrics(testLabels, p).auc.toFixed(4)}`));
  rows.push({
    model: members > 1 ? `kt×${members}` : 'kt',
    ...ktMetrics(testLabels, mean(testPreds)),
    trainSeconds: reports.reduce((acc, r) => acc + r.seconds, 0),
    backend: tf.getBackend(),
    detail: {
      validAuc,
      members: reports.map((r, k) => ({
        epochs: r.epochs,
        bestEpoch: r.bestEpoch,
        seconds: r.seconds,
        validAuc: r.bestValidAuc,
        test: ktMetrics(testLabels, testPreds[k]!),
      })),
      spec,
    },
  });
}

if (args.json) {
  console.log(JSON.stringify({ train: args.train, test: args.test, format: train.format, results: rows }));
} else {
  const f = (v: number, d = 4): string => v.toFixed(d);
  console.log('model  AUC     acc     logloss RMSE    n        train_s  backend');
  for (const r of rows) {
    console.log(
      [
        r.model.padEnd(6),
        f(r.auc),
        f(r.accuracy),
        f(r.logLoss),
        f(r.rmse),
        String(r.n).padEnd(8),
        f(r.trainSeconds, 1).padEnd(8),
        r.backend,
      ].join(' '),
    );
  }
}
