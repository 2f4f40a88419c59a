import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, sha1, uuidV5 } from './uuid';

const DNS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';
const URL_NS = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

describe('sha1', () => {
  it('matches the FIPS examples and Node for random inputs of every padding length', () => {
    const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
    expect(hex(sha1(new TextEncoder().encode('abc')))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(hex(sha1(new Uint8Array(0)))).toBe('da39a3ee5e6b4b0d3255bfef95601890afd80709');
    for (let n = 0; n < 200; n++) {
      const data = randomBytes(n);
      expect(hex(sha1(data)), `length ${n}`).toBe(createHash('sha1').update(data).digest('hex'));
    }
  });
});

describe('uuidV5', () => {
  it('gives the RFC namespaces’ published ids', () => {
    // Python's uuid.uuid5 gives these.
    expect(uuidV5('python.org', DNS)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
    expect(uuidV5('www.example.com', DNS)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('http://www.example.com/', URL_NS)).toBe('fcde3c85-2270-590f-9e7c-ee003d65e0e2');
    // Lantern's namespace, checked against Python's uuid5 (non-ASCII names are UTF-8).
    expect(uuidV5('a0000001-0000-4a1b-8c2d-3e4f5a6b7c8d')).toBe('94aa2203-0fdd-5a3f-8838-0e7285a34997');
    expect(uuidV5('美丽/mastered')).toBe('bcb0cc55-3d28-5a80-8056-a258eeff9aca');
  });

  it('is deterministic, a version-5 RFC variant UUID, and different names give different ids', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), fc.string({ maxLength: 60 }), (a, b) => {
        const x = uuidV5(a);
        expect(uuidV5(a)).toBe(x);
        expect(isUuid(x)).toBe(true);
        expect(x[14]).toBe('5');
        expect('89ab').toContain(x[19]);
        if (a !== b) expect(uuidV5(b)).not.toBe(x);
      }),
    );
  });

  it('refuses a namespace that is not a UUID', () => {
    expect(() => uuidV5('x', 'not-a-uuid')).toThrow(RangeError);
  });
});
