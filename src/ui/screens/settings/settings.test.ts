import { describe, expect, it } from 'vitest';
import { formatBytes } from './settings';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [15_300, '15 kB'],
    [2_500_000, '2.5 MB'],
    [120e9, '120 GB'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d → %s', (n, s) => expect(formatBytes(n)).toBe(s));
});
