import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { nodeSanitiser } from '../../lab/lib/node-sanitiser';
import { corpusSeeds, GIFT_SEEDS, runGiftFuzz } from './gift-fuzz';
import { expectSoundFuzzRun } from './import-tests';

/**
 * The unit tier of the GIFT import fuzzer: 300 mutated files on a fixed seed, with the app's real
 * sanitiser (DOMPurify over jsdom). The corpora in ../shared/datasets/gift are mutated too when
 * present; `npm run content:fuzz` runs 10,000 cases.
 */
const root = fileURLToPath(new URL('../../../shared/datasets/gift/', import.meta.url));

describe('GIFT import fuzz (unit tier)', () => {
  it('300 mutated files: only catalogued refusals, every question answerable and safe, deterministic', () => {
    const seeds = [...GIFT_SEEDS, ...corpusSeeds(root)];
    const r = runGiftFuzz(nodeSanitiser(), 300, 1212, seeds, () => performance.now());
    expectSoundFuzzRun(r, 300, { questions: 300, rejected: 100 });
    expect(Object.keys(r.byKey)).toEqual(expect.arrayContaining(['gift.syntaxSpecial', 'gift.essay']));
  });
});
