/**
 * The recalibration's prior on real learners (issue 10). The app maps the network's predictions
 * through a Platt fit on the learner's own latest answers (core/platt.ts, app/kt-engine.ts):
 * refitted every RECALIBRATE_EVERY answers on the net's predictions of the last KT_CHUNK_LENGTH
 * answers, the identity before the first fit. This replays that online, per learner, over a base
 * network trained on ASSIST2009 (saved by `kt-finetune-bench.ts --base PREFIX`), and scores every
 * answer of the evaluation learners for each prior weight: ECE (10 equal-width bins), log loss,
 * AUC. The network's predictions come from the whole history chunked at 200 (as the fine-tuning
 * bench scores them), not the engine's sliding window of the last 200: the same predictions up to
 * the 200th answer, nearly the same after.
 *
 *   npx tsx lab/kt-platt-bench.ts --base /tmp/assist-base --test FILE [--priors 0,2,5,10,20]
 *       [--min 20] [--every RECALIBRATE_EVERY] [--json]
 *
 * A base trained on ASSIST2009's own train file is close to calibrated on its test learners, so
 * this checks the other side of the simulators' finding: that a lighter prior, which helps a
 * network that is off for its learners, costs little on one that is not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { applyPlatt, fitPlatt, PLATT_IDENTITY, type Platt } from '../src/core/platt.ts';
import { chunkSequences, KT_CHUNK_LENGTH } from '../src/core/kt-data.ts';
import { calibrationReport } from './learn/calibration.ts';
import { parseKt } from './kt-datasets.ts';
import { initTfNode } from './lib/tf-node.ts';

const { values: args } = parseArgs({
  options: {
    base: { type: 'string' },
    test: { type: 'string' },
    priors: { type: 'string', default: '0,2,5,10,20' },
    every: { type: 'string' },
    min: { type: 'string', default: '20' },
    json: { type: 'boolean', default: false },
  },
});
if (!args.base || !args.test || !existsSync(`${args.base}.json`)) {
  console.error(
    'usage: kt-platt-bench --base PREFIX --test FILE (PREFIX.json and .bin from kt-finetune-bench --base)',
  );
  process.exit(2);
}

/** The engine's schedule: identity until `every` answers, then refit every `every` on the last window. */
function recalibrated(p: Float64Array, y: readonly number[], prior: number, every: number): Float64Array {
  const out = new Float64Array(p.length);
  let fit: Platt = PLATT_IDENTITY;
  for (let t = 0; t < p.length; t++) {
    if (t > 0 && t % every === 0) {
      const from = Math.max(0, t - KT_CHUNK_LENGTH);
      fit = fitPlatt(p.subarray(from, t), y.slice(from, t), prior);
    }
    out[t] = applyPlatt(fit, p[t]!);
  }
  return out;
}

await initTfNode('wasm');
const { KtNet } = await import('../src/model/kt-net.ts');
const { predictSequences } = await import('../src/model/train.ts');
const descriptor = JSON.parse(readFileSync(`${args.base}.json`, 'utf8'));
const bytes = readFileSync(`${args.base}.bin`);
const net = KtNet.fromArtifacts(
  descriptor,
  bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length),
);

const learners = parseKt(readFileSync(args.test, 'utf8'), 'dkvmn').filter(
  (s) => s.skills.length >= Number(args.min),
);
const priors = args.priors.split(',').map(Number);
const { RECALIBRATE_EVERY } = await import('../src/app/kt-engine.ts');
const every = args.every ? Number(args.every) : RECALIBRATE_EVERY;
const labels: number[] = [];
const raw: number[] = [];
const byPrior = new Map<number, number[]>(priors.map((k) => [k, []]));
for (const s of learners) {
  const p = await predictSequences(net, net.config, chunkSequences([s]));
  const y = s.correct.map((v) => (v ? 1 : 0));
  labels.push(...y);
  raw.push(...p);
  for (const k of priors) byPrior.get(k)!.push(...recalibrated(p, y, k, every));
}
net.dispose();

const score = (name: string, prior: number | null, p: readonly number[]) => {
  const r = calibrationReport(p.map((predicted, i) => ({ predicted, correct: labels[i] === 1 })));
  return { name, prior, answers: r.n, ece: r.ece!, logLoss: r.logLoss, auc: r.auc };
};
const rows = [score('raw', null, raw), ...priors.map((k) => score(`prior ${k}`, k, byPrior.get(k)!))];
if (args.json) {
  for (const r of rows) {
    console.log(JSON.stringify({ bench: 'kt-platt', learners: learners.length, every, ...r }));
  }
} else {
  console.log(
    `${learners.length} learners with ≥ ${args.min} answers, ${labels.length} answers, refit every ${every}`,
  );
  for (const r of rows) {
    console.log(
      `${r.name.padEnd(9)} ECE ${r.ece.toFixed(4)}  log loss ${r.logLoss.toFixed(4)}  AUC ${r.auc.toFixed(4)}`,
    );
  }
}
