import { describe, expect, it } from 'vitest';
import { nodeSanitiser } from '../../lab/lib/node-sanitiser';
import { expectSoundFuzzRun } from './import-tests';
import { runSheetFuzz, SHEET_SEEDS } from './sheet-fuzz';

/**
 * The unit tier of the spreadsheet import fuzzer: 300 mutated sheets on a fixed seed, with the
 * app's real sanitiser (DOMPurify over jsdom). `npm run content:fuzz -- --sheet` runs 10,000.
 */
describe('spreadsheet import fuzz (unit tier)', () => {
  it('300 mutated sheets: only catalogued refusals, every row accounted for, answerable and safe', () => {
    const r = runSheetFuzz(nodeSanitiser(), 300, 1212, SHEET_SEEDS, () => performance.now());
    expectSoundFuzzRun(r, 300, { questions: 300, rejected: 50 });
    expect(Object.keys(r.encodings)).toEqual(expect.arrayContaining(['utf-8', 'utf-16le']));
  });
});
