// Bench hook, bundled by scripts/bench.mjs and run in Chromium on a page that serves the tfjs
// .wasm files and the shipped base model: what the knowledge-tracing worker does, per backend.
// - next-item table: P(correct) for 40 skills × 3 levels after a 199-answer window;
// - recalibration: the network's predictions of the last 200 answers, and the Platt fit on them
//   (app/kt-engine.ts, every 10 answers), in the same run as the table for a ratio;
// - fine-tuning: fineTune() on a 2,000-answer history (the goal: ≤ 1 s on WASM).
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { buildGraph } from '../../src/core/graph';
import { attemptsToSequence, candidateSequences, ktCourse } from '../../src/core/kt-course';
import { seededRng } from '../../src/core/rng';
import type { Difficulty, Skill } from '../../src/core/types';
import { fineTune } from '../../src/model/finetune';
import type { KtNetDescriptor } from '../../src/model/kt-net';
import { KtNet } from '../../src/model/kt-net';
import { predictAll, predictCandidates } from '../../src/model/online';
import { KT_CHUNK_LENGTH, sliceSequence } from '../../src/core/kt-data';
import { fitPlatt } from '../../src/core/platt';
import { encodeBatch } from '../../src/model/features';
import { tf } from '../../src/model/tf';
import { createGruBaseline, GRU_BASELINE_INPUT } from '../gru-baseline';
import { createNet } from '../../src/model/train';

const skills: Skill[] = Array.from({ length: 40 }, (_, i) => ({
  id: `s${i}`,
  nameKey: `s${i}`,
  prerequisites: i === 0 ? [] : [`s${Math.floor((i - 1) / 2)}`],
  strand: 'number',
  band: 1 + Math.floor(i / 10),
}));

function history(n: number) {
  const rng = seededRng(7);
  let t = 1.75e12;
  return Array.from({ length: n }, (_, i) => {
    t += 5_000 + Math.floor(rng() * 60_000);
    const skill = Math.min(39, Math.floor((i / n) * 40 + rng() * 4));
    return {
      skillId: `s${skill}`,
      difficulty: (1 + Math.floor(rng() * 3)) as Difficulty,
      correct: rng() < 0.7,
      timestamp: t,
      responseMs: 2000 + Math.floor(rng() * 20_000),
      hintsUsed: rng() < 0.1 ? 1 : 0,
    };
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

/**
 * Training interactions per second, forward + backward, batch 32 × length 100: a plain
 * tf.layers.gru DKT baseline (lab/gru-baseline.ts) and the Lantern network, same backend, same run.
 */
async function throughput(backend: string, steps = 5): Promise<Record<string, unknown>> {
  const B = 32;
  const L = 100;
  const IN = GRU_BASELINE_INPUT;
  const time = async (step: () => Promise<void>) => {
    for (let i = 0; i < 2; i++) await step();
    const ms: number[] = [];
    for (let i = 0; i < steps; i++) {
      const t0 = performance.now();
      await step();
      ms.push(performance.now() - t0);
    }
    return median(ms);
  };
  const { model: gru, optimizer: gruOpt } = createGruBaseline(L);
  const xs = tf.tidy(() =>
    tf.cast(tf.greater(tf.randomUniform([B, L, IN], 0, 1, 'float32', 1), 0.9), 'float32'),
  );
  const ys = tf.tidy(() =>
    tf.cast(tf.greater(tf.randomUniform([B, L, IN], 0, 1, 'float32', 2), 0.5), 'float32'),
  );
  const gruMs = await time(async () => {
    await gru.trainOnBatch(xs, ys);
  });
  xs.dispose();
  ys.dispose();
  gru.dispose();
  gruOpt.dispose();
  const rng = seededRng(7);
  const seqs = Array.from({ length: B }, () => ({
    skills: Array.from({ length: L }, () => 1 + Math.floor(rng() * 110)),
    correct: Array.from({ length: L }, () => (rng() < 0.65 ? 1 : 0) as 0 | 1),
  }));
  const spec = { skillBuckets: 111, itemBuckets: 0 };
  const net = createNet(spec);
  const opt = tf.train.adam(2e-3);
  const ktMs = await time(async () => {
    const batch = encodeBatch(seqs, spec, L);
    const cost = opt.minimize(() => net.loss(batch, true), true, net.trainableVariables);
    await cost?.data();
    cost?.dispose();
  });
  opt.dispose();
  net.dispose();
  const rate = (ms: number) => Math.round((B * L) / (ms / 1000));
  return {
    bench: 'kt-train-throughput',
    backend,
    batch: B,
    length: L,
    gruMedianMs: Math.round(gruMs),
    ktMedianMs: Math.round(ktMs),
    gruInteractionsPerSecond: rate(gruMs),
    ktInteractionsPerSecond: rate(ktMs),
    ratio: Number((gruMs / ktMs).toFixed(2)),
  };
}

async function run(descriptor: KtNetDescriptor, weights: ArrayBuffer, backends: string[]) {
  setWasmPaths('/');
  const course = ktCourse(buildGraph(skills));
  const spec = {
    skillBuckets: descriptor.config.skillBuckets,
    itemBuckets: descriptor.config.itemBuckets,
    contextFeatures: descriptor.config.contextFeatures ?? 0,
  };
  const candidates = skills.flatMap((s) =>
    ([1, 2, 3] as const).map((difficulty) => ({ skillId: s.id, difficulty })),
  );
  const long = attemptsToSequence(history(2000), course);
  const lines: Record<string, unknown>[] = [];
  for (const backend of backends) {
    if (!(await tf.setBackend(backend))) continue;
    await tf.ready();
    const net = KtNet.fromArtifacts(descriptor, weights);
    const table: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      await predictCandidates(net, spec, candidateSequences(long.sequence, long.after, candidates, 1.8e12));
      if (i > 0) table.push(performance.now() - t0);
    }
    lines.push({
      bench: 'kt-next-item-table',
      backend,
      candidates: candidates.length,
      window: 200,
      medianMs: median(table),
      runs: table.length,
    });
    const n = long.sequence.skills.length;
    const window = sliceSequence(long.sequence, n - KT_CHUNK_LENGTH, n);
    const refit: number[] = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      fitPlatt(await predictAll(net, spec, window), window.correct);
      if (i > 0) refit.push(performance.now() - t0);
    }
    lines.push({
      bench: 'kt-recalibrate',
      backend,
      window: KT_CHUNK_LENGTH,
      medianMs: median(refit),
      runs: refit.length,
      ratioToTable: Number((median(refit) / median(table)).toFixed(2)),
    });
    const tune: number[] = [];
    const epochs: number[] = [];
    for (let i = 0; i < 4; i++) {
      const copy = KtNet.fromArtifacts(descriptor, weights);
      const t0 = performance.now();
      const r = await fineTune(copy, spec, long.sequence);
      if (i > 0) {
        tune.push(performance.now() - t0);
        epochs.push(r.epochs);
      }
      copy.dispose();
    }
    lines.push({
      bench: 'kt-finetune-2000',
      backend,
      attempts: 2000,
      medianMs: median(tune),
      runs: tune.length,
      epochs: median(epochs),
    });
    net.dispose();
    lines.push(await throughput(backend));
  }
  return lines;
}

(globalThis as unknown as { __bench: unknown }).__bench = { run };
