import { describe, expect, it } from 'vitest';
import { applyKey, padKeys } from './numpad';

describe('number pad', () => {
  it('offers only keys an answer type can use', () => {
    expect(padKeys('integer')).not.toContain('/');
    expect(padKeys('integer')).not.toContain('.');
    expect(padKeys('decimal')).toContain('.');
    expect(padKeys('fraction')).toEqual(expect.arrayContaining(['/', ' ', '-']));
    expect(padKeys('choice')).toEqual([]);
    expect(padKeys('pin')).not.toContain('-');
  });
  it('every digit is on every numeric pad', () => {
    for (const kind of ['integer', 'decimal', 'fraction', 'pin'] as const) {
      for (const d of '0123456789') expect(padKeys(kind)).toContain(d);
    }
  });
  it('applies keys, backspace and clear', () => {
    let v = '';
    for (const k of ['1', ' ', '1', '/', '2'] as const) v = applyKey(v, k);
    expect(v).toBe('1 1/2');
    expect(applyKey(v, 'back')).toBe('1 1/');
    expect(applyKey(v, 'clear')).toBe('');
    expect(applyKey('', 'back')).toBe('');
  });
  it('caps the length', () => {
    expect(applyKey('1234', '5', 4)).toBe('1234');
  });
});
