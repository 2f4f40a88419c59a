/**
 * Picks the tfjs backend deliberately (tfjs-backend-webgpu registers itself
 * with top priority even where only a software adapter exists). Probes the WebGPU adapter,
 * times a small training-like workload on each registered candidate, and lets the pure
 * `chooseBackend` decide. The caller imports (registers) the backend packages it ships.
 */
import type { BackendChoice, BackendProbe, TfBackendName } from '../core/backend-choice';
import { chooseBackend } from '../core/backend-choice';
import { tf } from './tf';

interface GpuLike {
  requestAdapter(): Promise<{
    isFallbackAdapter?: boolean;
    info?: { architecture?: string; isFallbackAdapter?: boolean };
  } | null>;
}

async function probeWebGpu(): Promise<BackendProbe['webgpu']> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return undefined;
  try {
    const adapter = await gpu.requestAdapter();
    if (!adapter) return undefined;
    // Chromium moved the flag to adapter.info; SwiftShader is software whatever the flag says.
    const architecture = adapter.info?.architecture;
    return {
      isFallbackAdapter:
        (adapter.info?.isFallbackAdapter ?? adapter.isFallbackAdapter ?? false) ||
        architecture === 'swiftshader',
      architecture,
    };
  } catch {
    return undefined;
  }
}

/** Median ms of a dense forward+backward step of roughly the KT network's size. */
async function timeWorkload(repeats = 5): Promise<number> {
  const ms: number[] = [];
  const x = tf.randomNormal([1024, 64]);
  const init = tf.randomNormal([64, 128]);
  const w = tf.variable(init);
  init.dispose();
  try {
    for (let i = 0; i < repeats + 1; i++) {
      const t0 = performance.now();
      const g = tf.tidy(() => tf.grad((v: tf.Tensor) => tf.sum(tf.relu(tf.matMul(x, v as tf.Tensor2D))))(w));
      try {
        await g.data();
      } finally {
        g.dispose();
      }
      if (i > 0) ms.push(performance.now() - t0); // the first run includes shader/kernel compilation
    }
  } finally {
    x.dispose();
    w.dispose();
  }
  ms.sort((a, b) => a - b);
  return ms[ms.length >> 1] ?? Number.POSITIVE_INFINITY;
}

/**
 * Chooses, sets and reports the backend, with the probe's timings.
 * @throws Error only if not even cpu can be set.
 */
export async function selectBackend(
  candidates: readonly TfBackendName[] = ['webgpu', 'webgl', 'wasm'],
): Promise<{ choice: BackendChoice; timingsMs: BackendProbe['timingsMs'] }> {
  const webgpu = await probeWebGpu();
  const timingsMs: BackendProbe['timingsMs'] = {};
  for (const b of candidates) {
    if (b === 'webgpu' && (!webgpu || webgpu.isFallbackAdapter)) continue;
    if (!tf.findBackendFactory(b)) continue; // not registered by the caller
    try {
      if (await tf.setBackend(b)) {
        await tf.ready();
        timingsMs[b] = await timeWorkload();
      }
    } catch {
      // A backend that fails to initialise is simply not a candidate.
    }
  }
  const choice = chooseBackend({ webgpu, timingsMs });
  if (!(await tf.setBackend(choice.backend))) {
    throw new Error(`tfjs backend ${choice.backend} failed to initialise`);
  }
  await tf.ready();
  return { choice, timingsMs };
}
