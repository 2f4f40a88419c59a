import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/core/errors';
import { detectKtFormat, parseAkt, parseDkvmn, parseKt } from './kt-datasets';

const DKVMN = '3\n1,2,1,\n1,0,1,\r\n2\n5,5\n0,1\n\n';
const AKT = '1,7\n10,11,12\n1,1,2\n1,0,1\n2,9\n13\n3\n0\n';

describe('parsers', () => {
  it('reads the DKVMN 3-line format, ignoring trailing commas, CRLF and blank trailing lines', () => {
    expect(parseDkvmn(DKVMN)).toEqual([
      { skills: [1, 2, 1], correct: [1, 0, 1] },
      { skills: [5, 5], correct: [0, 1] },
    ]);
  });

  it('reads the AKT 4-line format with item ids', () => {
    expect(parseAkt(AKT)).toEqual([
      { skills: [1, 1, 2], items: [10, 11, 12], correct: [1, 0, 1] },
      { skills: [3], items: [13], correct: [0] },
    ]);
  });

  it('detects the format', () => {
    expect(detectKtFormat(DKVMN)).toBe('dkvmn');
    expect(detectKtFormat(AKT)).toBe('akt');
    expect(parseKt(AKT)).toHaveLength(2);
  });

  it('rejects malformed records with a ValidationError naming the line', () => {
    expect(() => parseDkvmn('2\n1,2\n1,2\n')).toThrow(ValidationError);
    expect(() => parseDkvmn('2\n1,2\n1\n')).toThrow(/line 3/);
    expect(() => parseDkvmn('2\n1,x\n1,0\n')).toThrow(/line 2/);
    expect(() => parseAkt('1,1\n1,2\n1,2\n1\n')).toThrow(ValidationError);
  });
});
