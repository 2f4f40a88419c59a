/**
 * Which tfjs backend to train on: the pure decision, separate from the probing (which needs
 * the browser and tfjs, see model/backend.ts) so it can be tested without either.
 */

export type TfBackendName = 'webgpu' | 'webgl' | 'wasm' | 'cpu';

export interface BackendProbe {
  /** The WebGPU adapter, if `navigator.gpu.requestAdapter()` returned one. */
  readonly webgpu?: { readonly isFallbackAdapter: boolean; readonly architecture?: string };
  /** Median ms of the same small training-like workload per backend that initialised; absent = failed. */
  readonly timingsMs: Partial<Record<TfBackendName, number>>;
}

export interface BackendChoice {
  readonly backend: TfBackendName;
  readonly reason: string;
}

/**
 * - WebGPU on a real (non-fallback) adapter is preferred outright.
 *   A fallback adapter (SwiftShader) is software and far slower (see ENVIRONMENT.md).
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
    return { backend: 'webgpu', reason: 'hardware WebGPU adapter' };
  }
  const measured = (['webgl', 'wasm'] as const)
    .map((b) => ({ b, ms: probe.timingsMs[b] }))
    .filter((x): x is { b: 'webgl' | 'wasm'; ms: number } => x.ms !== undefined && Number.isFinite(x.ms));
  if (measured.length > 0) {
    measured.sort((x, y) => x.ms - y.ms);
    const best = measured[0]!;
    const other = measured[1];
    const why = other
      ? `${best.ms.toFixed(1)} ms vs ${other.b} ${other.ms.toFixed(1)} ms`
      : `only ${best.b} initialised`;
    const gpuNote = gpu ? ' (WebGPU adapter is a software fallback)' : '';
    return { backend: best.b, reason: `fastest measured: ${why}${gpuNote}` };
  }
  return { backend: 'cpu', reason: 'no accelerated backend initialised' };
}
