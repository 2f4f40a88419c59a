// Checks the parsers against the shared benchmark files and the counts in their README.
// The files are read from ../shared/datasets (never copied into the repo); without them the
// suite is skipped.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chunkSequences, countInteractions } from '../src/core/kt-data';
import { parseAkt, parseDkvmn } from './kt-datasets';

const root = fileURLToPath(new URL('../../shared/datasets/', import.meta.url));
const present = existsSync(root);
if (!present) console.warn(`kt-data dataset tests skipped: ${root} not found`);

const read = (p: string): string => readFileSync(root + p, 'utf8');

describe.skipIf(!present)('benchmark files (../shared/datasets)', () => {
  it('parses dkvmn-assist2009 with the published counts', () => {
    const train = parseDkvmn(read('dkvmn-assist2009/assist2009_updated_train.csv'));
    const test = parseDkvmn(read('dkvmn-assist2009/assist2009_updated_test.csv'));
    expect([train.length, countInteractions(train)]).toEqual([2921, 224218]);
    expect([test.length, countInteractions(test)]).toEqual([1230, 101419]);
    const all = [...train, ...test];
    expect(new Set(all.flatMap((s) => s.skills)).size).toBe(110);
    expect(all.filter((s) => s.skills.length > 200)).toHaveLength(376);
    expect(countInteractions(chunkSequences(test))).toBe(101419);
  });

  it('parses the AKT assist2009_pid folds', () => {
    let students = 0;
    let interactions = 0;
    const problems = new Set<number>();
    for (let k = 1; k <= 5; k++) {
      const seqs = parseAkt(read(`akt-assist2009-pid/assist2009_pid_test${k}.csv`));
      students += seqs.length;
      interactions += countInteractions(seqs);
      for (const s of seqs) for (const i of s.items ?? []) problems.add(i);
    }
    expect([students, interactions, problems.size]).toEqual([4150, 325589, 16891]);
  });
});
