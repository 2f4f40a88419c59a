/**
 * Training throughput (interactions/s) of a plain tf.layers.gru DKT baseline versus the Lantern
 * KT network, same backend, same batch (32) and length (100), in one run.
 *
 *   npx tsx lab/gru-baseline-bench.ts [--backend wasm|cpu] [--steps 15] [--json]
 */
import { parseArgs } from 'node:util';
import { initTfNode } from './lib/tf-node.ts';

const { values: args } = parseArgs({
  options: {
    backend: { type: 'string', default: 'wasm' },
    steps: { type: 'string', default: '15' },
    json: { type: 'boolean', default: false },
  },
});
const backend = args.backend === 'cpu' ? 'cpu' : 'wasm';
const steps = Number(args.steps);
const B = 32;
const L = 100;
const SKILLS = 110; // ASSIST2009's skill count

const tf = await initTfNode(backend);
const { createGruBaseline, GRU_BASELINE_INPUT } = await import('./gru-baseline.ts');
const { encodeBatch } = await import('../src/model/features.ts');
const { createNet } = await import('../src/model/train.ts');
const { seededRng } = await import('../src/core/rng.ts');

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

async function timeSteps(step: () => Promise<void> | void): Promise<number[]> {
  for (let i = 0; i < 3; i++) await step(); // warm-up
  const ms: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await step();
    ms.push(performance.now() - t0);
  }
  return ms;
}

// --- GRU baseline (lab/gru-baseline.ts).
const { model: gru, optimizer: gruOpt } = createGruBaseline(L);
const IN = GRU_BASELINE_INPUT;
const xs = tf.randomUniform([B, L, IN]).greater(0.9).toFloat();
const ys = tf.randomUniform([B, L, IN]).greater(0.5).toFloat();
const gruMs = await timeSteps(async () => {
  await gru.trainOnBatch(xs, ys);
});
xs.dispose();
ys.dispose();
gru.dispose();
gruOpt.dispose();

// --- Lantern KT network: encoding included in the timed step.
const rng = seededRng(7);
const seqs = Array.from({ length: B }, () => ({
  skills: Array.from({ length: L }, () => 1 + Math.floor(rng() * SKILLS)),
  correct: Array.from({ length: L }, () => (rng() < 0.65 ? 1 : 0) as 0 | 1),
}));
const spec = { skillBuckets: SKILLS + 1, itemBuckets: 0 };
const net = createNet(spec);
const opt = tf.train.adam(2e-3);
const ktMs = await timeSteps(() => {
  const batch = encodeBatch(seqs, spec, L);
  const cost = opt.minimize(() => net.loss(batch, true), true, net.trainableVariables);
  cost?.dataSync();
  cost?.dispose();
});
opt.dispose();
net.dispose();

const gruRate = (B * L) / (median(gruMs) / 1000);
const ktRate = (B * L) / (median(ktMs) / 1000);
const result = {
  backend: tf.getBackend(),
  batch: B,
  length: L,
  steps,
  gruMedianMs: Math.round(median(gruMs)),
  ktMedianMs: Math.round(median(ktMs)),
  gruInteractionsPerSecond: Math.round(gruRate),
  ktInteractionsPerSecond: Math.round(ktRate),
  ratio: Number((ktRate / gruRate).toFixed(2)),
};
if (args.json) console.log(JSON.stringify(result));
else {
  console.log(`backend ${result.backend}, batch ${B}, length ${L}, ${steps} timed steps after 3 warm-up`);
  console.log(
    `GRU baseline  ${result.gruMedianMs} ms/step  ${result.gruInteractionsPerSecond} interactions/s`,
  );
  console.log(`Lantern KT    ${result.ktMedianMs} ms/step  ${result.ktInteractionsPerSecond} interactions/s`);
  console.log(`ratio         ${result.ratio}×`);
}
