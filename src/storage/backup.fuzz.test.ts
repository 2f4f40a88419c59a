import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBackup } from './backup';
import type { FuzzOutcome } from '../../tests/support/backup-fuzz';
import { fuzzCaseArb, makeFuzzBase, runFuzzCase } from '../../tests/support/backup-fuzz';

// The fast tier: ~500 cases on a fixed seed. lab/bench/fuzz-import.bench.ts runs ≥ 10,000.
describe('backup fuzz', () => {
  it('parseBackup only ever rejects with catalogued ValidationErrors, and accepted files import all-or-nothing', async () => {
    const base = await makeFuzzBase();
    const parsedBase = await parseBackup(base.text);
    const outcomes: FuzzOutcome[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fuzzCaseArb(base), fc.nat(3), async (c, inject) => {
        n += 1;
        // Import every accepted file; inject a failure into a third of them.
        outcomes.push(
          await runFuzzCase(c, parsedBase, { inject: n % 3 === 0 ? inject + 1 : 0, importAccepted: true }),
        );
      }),
      { numRuns: 500, seed: 424242 },
    );
    const accepted = outcomes.filter((o) => o.accepted);
    expect(outcomes).toHaveLength(500);
    // The generator must reach both sides, or the fuzzer proves nothing.
    expect(accepted.length).toBeGreaterThan(20);
    expect(outcomes.length - accepted.length).toBeGreaterThan(200);
    expect(accepted.some((o) => o.import === 'rolledBack')).toBe(true);
    expect(accepted.some((o) => o.import === 'merged')).toBe(true);
    // The model branches (format v2) are reached too: rejected model entries, and merged imports
    // that wrote weights and that kept the resident's.
    expect(outcomes.some((o) => o.section === 'models')).toBe(true);
    expect(accepted.some((o) => (o.modelsWritten ?? 0) > 0)).toBe(true);
    expect(accepted.some((o) => o.import === 'merged' && o.modelsWritten === 0)).toBe(true);
    // And format v4's: rejected tutor questions and lesson views, and merges that added rows.
    expect(outcomes.some((o) => o.section === 'tutorQuestions')).toBe(true);
    expect(outcomes.some((o) => o.section === 'lessonViews')).toBe(true);
    expect(accepted.some((o) => (o.rowsAdded ?? 0) > 0)).toBe(true);
    const keys = new Set(outcomes.map((o) => o.key).filter(Boolean));
    for (const k of ['backup.notJson', 'backup.checksum', 'backup.invalidRecord', 'backup.truncated']) {
      expect(keys).toContain(k);
    }
  });
});
