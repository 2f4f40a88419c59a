/** Chart geometry in plain numbers: one tested module, drawn by BarChart.svelte. */
export interface Bar {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly value: number;
  readonly label: string;
}

export interface BarChartGeometry {
  readonly bars: Bar[];
  /** Optional overlay (e.g. accuracy 0–1) as a polyline; null points are gaps. */
  readonly line: string;
  readonly max: number;
  readonly ticks: { y: number; value: number }[];
}

export const CHART = { width: 560, height: 200, left: 36, right: 8, top: 10, bottom: 26 } as const;

/** A "nice" axis maximum ≥ max (1, 2, 5 × 10^k). */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

export function barChart(
  values: readonly number[],
  labels: readonly string[],
  overlay: readonly (number | null)[] = [],
): BarChartGeometry {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const max = niceMax(Math.max(0, ...values));
  const n = Math.max(1, values.length);
  const slot = plotW / n;
  const bw = Math.max(2, slot * 0.7);
  const bars = values.map((v, i) => {
    const h = (Math.max(0, v) / max) * plotH;
    return {
      x: left + i * slot + (slot - bw) / 2,
      y: top + plotH - h,
      width: bw,
      height: h,
      value: v,
      label: labels[i] ?? '',
    };
  });
  const pts: string[] = [];
  let seg: string[] = [];
  overlay.forEach((v, i) => {
    if (v === null || !Number.isFinite(v)) {
      if (seg.length) pts.push(seg.join(' '));
      seg = [];
      return;
    }
    const x = left + i * slot + slot / 2;
    const y = top + plotH - Math.min(1, Math.max(0, v)) * plotH;
    seg.push(`${seg.length ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`);
  });
  if (seg.length) pts.push(seg.join(' '));
  const ticks = [0, 0.5, 1].map((f) => ({ y: top + plotH - f * plotH, value: f * max }));
  return { bars, line: pts.join(' '), max, ticks };
}

/** Axis label: whole numbers as such, otherwise one decimal (an axis of 0–1 has a 0.5 tick). */
export function formatTick(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}
