// Bundled by backends.e2e.ts and run in Chromium: the shipped base model's predictions (full
// batch and the shared-memory next-item path) and its loss on every tfjs backend.
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { buildGraph } from '../../src/core/graph';
import { attemptsToSequence, candidateSequences, ktCourse } from '../../src/core/kt-course';
import type { Difficulty, Skill } from '../../src/core/types';
import { encodeBatch } from '../../src/model/features';
import type { KtNetDescriptor } from '../../src/model/kt-net';
import { KtNet } from '../../src/model/kt-net';
import { tf } from '../../src/model/tf';

const skills: Skill[] = Array.from({ length: 16 }, (_, i) => ({
  id: `s${i}`,
  nameKey: `s${i}`,
  prerequisites: i === 0 ? [] : [`s${Math.floor((i - 1) / 2)}`],
  strand: 'number',
  band: 1,
}));

function inputs(descriptor: KtNetDescriptor) {
  const course = ktCourse(buildGraph(skills));
  const spec = {
    skillBuckets: descriptor.config.skillBuckets,
    itemBuckets: descriptor.config.itemBuckets,
    contextFeatures: descriptor.config.contextFeatures ?? 0,
  };
  const histories = [7, 40, 120].map((n, h) =>
    attemptsToSequence(
      Array.from({ length: n }, (_, i) => ({
        skillId: `s${(i * (h + 3)) % 16}`,
        difficulty: (1 + ((i + h) % 3)) as Difficulty,
        correct: (i * 7 + h) % 5 > 1,
        timestamp: 1.75e12 + i * 90_000 + h,
        responseMs: 1500 + ((i * 37) % 9000),
        hintsUsed: i % 11 === 0 ? 1 : 0,
      })),
      course,
    ),
  );
  const batch = encodeBatch(
    histories.map((h) => h.sequence),
    spec,
  );
  const last = histories[2]!;
  const candidates = skills.flatMap((s) =>
    ([1, 2, 3] as const).map((difficulty) => ({ skillId: s.id, difficulty })),
  );
  const next = encodeBatch(candidateSequences(last.sequence, last.after, candidates, 1.76e12), spec);
  return { batch, next };
}

async function run(descriptor: KtNetDescriptor, weights: ArrayBuffer) {
  setWasmPaths('/');
  const { batch, next } = inputs(descriptor);
  const gpu = (
    navigator as unknown as {
      gpu?: { requestAdapter(): Promise<{ info?: { architecture?: string } } | null> };
    }
  ).gpu;
  const adapter = gpu ? await gpu.requestAdapter() : null;
  const out: Record<string, { full?: number[]; next?: number[]; loss?: number; error?: string }> = {};
  for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu']) {
    try {
      if (!(await tf.setBackend(backend))) throw new Error('setBackend returned false');
      await tf.ready();
      const net = KtNet.fromArtifacts(descriptor, weights);
      const full = Array.from(await net.predict(batch));
      const nx = Array.from(await net.predictNext(next));
      const lossT = tf.tidy(() => net.loss(batch, false));
      const loss = (await lossT.data())[0]!;
      lossT.dispose();
      net.dispose();
      out[backend] = { full, next: nx, loss };
    } catch (e) {
      out[backend] = { error: e instanceof Error ? e.message : String(e) };
    }
  }
  return { adapter: adapter?.info?.architecture ?? null, mask: Array.from(batch.mask), out };
}

(globalThis as unknown as { __agree: unknown }).__agree = { run };
