/** Human-readable byte count (kB/MB/GB, base 1000 like the browser's storage UI). */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n) || n < 0) return '—';
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let i = 0;
  let v = n;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${i === 0 ? v : v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

export const BACKEND_NAMES: Readonly<Record<string, string>> = {
  webgpu: 'WebGPU',
  webgl: 'WebGL',
  wasm: 'WebAssembly',
  cpu: 'CPU',
};

type Translate = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** "Why this backend", in the UI language, from the worker's (pure, tested) choice. */
export function describeBackendChoice(
  reason: { readonly key: string; readonly params?: Readonly<Record<string, string | number>> },
  t: Translate,
): string {
  const p = reason.params ?? {};
  const gpu = p.gpu === 'software' ? t('backend.gpu.software') : '';
  const other = typeof p.other === 'string' ? (BACKEND_NAMES[p.other] ?? p.other) : '';
  return t(reason.key, { ...p, other, gpu });
}

/**
 * The probe's timings, fastest first, the unit in the interface language:
 * "WebAssembly 12.3 ms · WebGL 40.1 ms" / "WebAssembly 12.3 毫秒 · WebGL 40.1 毫秒".
 */
export function formatTimings(timings: Readonly<Record<string, number>>, t?: Translate): string {
  return Object.entries(timings)
    .filter(([, ms]) => Number.isFinite(ms))
    .sort((a, b) => a[1] - b[1])
    .map(([b, ms]) => {
      const time = t ? t('unit.ms', { ms: ms.toFixed(1) }) : `${ms.toFixed(1)} ms`;
      return `${BACKEND_NAMES[b] ?? b} ${time}`;
    })
    .join(' · ');
}
