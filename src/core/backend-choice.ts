/**
 * Which tfjs backend to train on: the pure decision, separate from the probing (which needs
 * the browser and tfjs, see model/backend.ts) so it can be tested without either.
 */

import type { Message } from './types';

export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendProbe {
  /** The WebGPU adapter, if `navigator.gpu.requestAdapter()` returned one. */
  readonly webgpu?: { readonly isFallbackAdapter: boolean; readonly architecture?: string };
  /** Median ms of the same small training-like workload per backend that initialised; absent = failed. */
  readonly timingsMs: Partial<Record<TfBackendName, number>>;
}

export interface BackendChoice {
  readonly backend: TfBackendName;
  /** Why, for Settings: `backend.why.*` in the UI catalogues. */
  readonly reason: Message;
}

/**
 * - WebGPU on a real (non-fallback) adapter is preferred outright.
 *   A fallback adapter (SwiftShader) is software and far slower (BENCHMARKS.md).
 * - Otherwise the fastest measured of webgl and wasm wins.
 * - cpu is used only when nothing else works.
 */
export function chooseBackend(probe: BackendProbe): BackendChoice {
  const gpu = probe.webgpu;
  if (
    gpu &&
    !gpu.isFallbackAdapter &&
    gpu.architecture !== 'swiftshader' &&
    probe.timingsMs.webgpu !== undefined
  ) {
    return { backend: 'webgpu', reason: { key: 'backend.why.gpu' } };
  }
  const measured = (['webgl', 'wasm'] as const)
    .map((b) => ({ b, ms: probe.timingsMs[b] }))
    .filter((x): x is { b: 'webgl' | 'wasm'; ms: number } => x.ms !== undefined && Number.isFinite(x.ms));
  if (measured.length > 0) {
    measured.sort((x, y) => x.ms - y.ms);
    const best = measured[0]!;
    const other = measured[1];
    const gpuNote = gpu ? 'software' : 'none';
    const reason: Message = other
      ? {
          key: 'backend.why.faster',
          params: { ms: best.ms.toFixed(1), other: other.b, otherMs: other.ms.toFixed(1), gpu: gpuNote },
        }
      : { key: 'backend.why.only', params: { gpu: gpuNote } };
    return { backend: best.b, reason };
  }
  return { backend: 'cpu', reason: { key: 'backend.why.cpu' } };
}
