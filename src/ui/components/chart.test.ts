import { describe, expect, it } from 'vitest';
import { barChart, CHART, formatTick, niceMax } from './chart';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [12, 20],
    [51, 100],
  ])('%d → %d', (m, n) => expect(niceMax(m)).toBe(n));
});

describe('barChart', () => {
  it('scales bars to the axis maximum and keeps them inside the plot', () => {
    const g = barChart([0, 5, 10], ['a', 'b', 'c']);
    expect(g.max).toBe(10);
    const plotBottom = CHART.height - CHART.bottom;
    for (const b of g.bars) {
      expect(b.y + b.height).toBeCloseTo(plotBottom);
      expect(b.x).toBeGreaterThanOrEqual(CHART.left);
      expect(b.x + b.width).toBeLessThanOrEqual(CHART.width - CHART.right + 1e-9);
    }
    expect(g.bars[0]!.height).toBe(0);
    expect(g.bars[2]!.height).toBeCloseTo(plotBottom - CHART.top);
  });
  it('draws the overlay with gaps where a day has no data', () => {
    const g = barChart([1, 1, 1, 1], ['a', 'b', 'c', 'd'], [1, null, 0.5, 0]);
    expect(g.line.match(/M/g)).toHaveLength(2);
    expect(g.line.match(/L/g)).toHaveLength(1);
  });
  it('handles an empty series', () => {
    const g = barChart([], []);
    expect(g.bars).toEqual([]);
    expect(g.line).toBe('');
  });
});

describe('formatTick', () => {
  it('shows halves on a 0–1 axis instead of rounding them away', () => {
    expect(barChart([0], ['a']).ticks.map((t) => formatTick(t.value))).toEqual(['0', '0.5', '1']);
    expect(formatTick(25)).toBe('25');
  });
});
