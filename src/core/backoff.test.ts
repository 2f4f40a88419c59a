import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyStatus, DEFAULT_BACKOFF } from './backoff';
import { seededRng } from './rng';

describe('backoffDelay', () => {
  it('doubles per failure between half and all of the step, up to the cap', () => {
    const opts = { baseMs: 1000, capMs: 60_000 };
    expect(backoffDelay(0, () => 0.5, opts)).toBe(0);
    expect(backoffDelay(1, () => 0, opts)).toBe(500);
    expect(backoffDelay(1, () => 1, opts)).toBe(1000);
    expect(backoffDelay(2, () => 0, opts)).toBe(1000);
    expect(backoffDelay(4, () => 1, opts)).toBe(8000);
    expect(backoffDelay(30, () => 1, opts)).toBe(60_000);
    expect(backoffDelay(1000, () => 0, opts)).toBe(30_000);
  });

  it('spreads a class of tablets over the window (seeded jitter)', () => {
    const rng = seededRng(7);
    const delays = Array.from({ length: 200 }, () => backoffDelay(3, rng));
    const step = DEFAULT_BACKOFF.baseMs * 4;
    for (const d of delays) {
      expect(d).toBeGreaterThanOrEqual(step / 2);
      expect(d).toBeLessThanOrEqual(step);
    }
    expect(new Set(delays).size).toBeGreaterThan(150);
  });
});

describe('classifyStatus', () => {
  it('reads an LRS answer as sent, rejected, unauthorised or retry', () => {
    expect([200, 204].map(classifyStatus)).toEqual(['sent', 'sent']);
    expect([400, 409].map(classifyStatus)).toEqual(['rejected', 'rejected']);
    expect([401, 403].map(classifyStatus)).toEqual(['unauthorised', 'unauthorised']);
    expect([0, 404, 429, 500, 502, 503].map(classifyStatus)).toEqual(Array(6).fill('retry'));
  });
});
