import { pbkdf2Sync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PIN_ITERATIONS, hashPin, isValidPin, verifyPin } from './pin';

const SALT = '0f1e2d3c4b5a69788796a5b4c3d2e1f0';

describe('hashPin', () => {
  it('uses PBKDF2-SHA-256 with 100k iterations and a fresh 16-byte salt by default', async () => {
    const h = await hashPin('1234');
    expect(h.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBe(100_000);
    expect(h.salt).toMatch(/^[0-9a-f]{32}$/);
    expect(h.hash).toMatch(/^[0-9a-f]{64}$/);
    const again = await hashPin('1234');
    expect(again.salt).not.toBe(h.salt);
    expect(again.hash).not.toBe(h.hash);
  });

  it('matches an independent PBKDF2 implementation (golden value)', async () => {
    const h = await hashPin('2468', SALT, 1000);
    const expected = pbkdf2Sync('2468', Buffer.from(SALT, 'hex'), 1000, 32, 'sha256').toString('hex');
    expect(h.hash).toBe(expected);
    expect(h.hash).toBe('0a7da68c7a1655474d71bbc7eaaede2797e2d4404939fa03ddcc22d9892b8f64');
  });
});

describe('verifyPin', () => {
  it('accepts the right PIN and rejects wrong ones', async () => {
    const stored = await hashPin('0420');
    expect(await verifyPin('0420', stored)).toBe(true);
    expect(await verifyPin('0421', stored)).toBe(false);
    expect(await verifyPin('420', stored)).toBe(false);
    expect(await verifyPin('', stored)).toBe(false);
  });

  it('reads the iteration count from the stored record', async () => {
    const stored = await hashPin('9999', SALT, 10);
    expect(await verifyPin('9999', stored)).toBe(true);
    expect(await verifyPin('9999', { ...stored, iterations: 11 })).toBe(false);
  });

  it('treats malformed stored data as a mismatch, never a throw', async () => {
    const stored = await hashPin('1111', SALT, 10);
    expect(await verifyPin('1111', { ...stored, salt: 'zz' })).toBe(false);
    expect(await verifyPin('1111', { ...stored, hash: stored.hash.slice(2) })).toBe(false);
    expect(await verifyPin('1111', { ...stored, iterations: 0 })).toBe(false);
  });
});

describe('isValidPin', () => {
  it.each([
    ['1234', true],
    ['0000', true],
    ['123', false],
    ['12345', false],
    ['12a4', false],
    [' 1234', false],
    ['١٢٣٤', false], // Arabic-Indic digits: not what the number pad sends
    [1234, false],
  ])('%s → %s', (pin, ok) => {
    expect(isValidPin(pin)).toBe(ok);
  });
});
