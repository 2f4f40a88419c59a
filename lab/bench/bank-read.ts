/**
 * Reading a class's answers on a question bank's skills (app/lantern.ts `#itemLevels`, run at
 * every session start while a bank is installed, for the imported questions' calibration), three
 * ways: one `listForSkill` call (its own transaction) per learner and skill, one after the other,
 * as until 2026-12-05; one `anyOf` query over all the pairs; and `listForSkills`, every pair's
 * `equals` query at once in one read-only transaction. All three are timed in turn in the same
 * run, on the same database, so the machine's noise falls on them alike; all must return the same
 * rows.
 *
 * Run in Chromium's IndexedDB (bank-read.browser.ts, bundled by scripts/bench.mjs:
 * `npm run bench -- --only=bank-read`).
 */
import { median as medianOrNull } from '../../src/core/habits';
import type { Attempt } from '../../src/core/types';
import { LanternDB } from '../../src/storage/db';
import { AttemptRepo } from '../../src/storage/repositories';
import { makeAttempt } from '../../src/storage/test-utils';

const RUNS = 15;

export interface BankReadOptions {
  readonly learners: number;
  /** The bank's skills (read), and the course's other skills (stored, not read). */
  readonly bankSkills: number;
  readonly otherSkills: number;
  /** Attempts per learner and skill. */
  readonly perSkill: number;
  readonly runtime: string;
}

const median = (xs: readonly number[]): number => medianOrNull(xs) ?? Number.NaN;

export async function bankRead(o: BankReadOptions): Promise<Record<string, unknown>> {
  const db = new LanternDB(`bench-bank-read-${o.learners}-${Date.now()}`);
  const repo = new AttemptRepo(db);
  const learners = Array.from(
    { length: o.learners },
    (_, i) => `l${String(i).padStart(8, '0')}-0000-4000-8000-000000000000`,
  );
  const bank = Array.from({ length: o.bankSkills }, (_, i) => `bank-skill-${i}`);
  const other = Array.from({ length: o.otherSkills }, (_, i) => `course-skill-${i}`);
  let n = 0;
  const t0 = Date.UTC(2026, 10, 2, 9);
  for (const learnerId of learners) {
    const rows: Attempt[] = [];
    for (const skillId of [...bank, ...other]) {
      for (let k = 0; k < o.perSkill; k++) {
        n += 1;
        rows.push(
          makeAttempt({
            id: `a${String(n).padStart(7, '0')}-0000-4000-8000-000000000000`,
            learnerId,
            skillId,
            seed: k,
            correct: k % 3 !== 0,
            timestamp: t0 + n * 20_000,
            predicted: 0.7,
            predictedBy: 'elo',
          }),
        );
      }
    }
    await repo.bulkImport(rows);
  }
  const perPair = async (): Promise<Attempt[]> => {
    const out: Attempt[] = [];
    for (const l of learners) for (const s of bank) out.push(...(await repo.listForSkill(l, s)));
    return out;
  };
  // What listForSkills tried first: one `anyOf` over every pair (a cursor walk over the index).
  const anyOf = (): Promise<Attempt[]> =>
    db.attempts
      .where('[learnerId+skillId]')
      .anyOf(learners.flatMap((l) => bank.map((s) => [l, s])))
      .toArray();
  const oneTransaction = (): Promise<Attempt[]> => repo.listForSkills(learners, bank);
  const ids = (rows: readonly Attempt[]): string =>
    rows
      .map((x) => x.id)
      .sort()
      .join();
  const expected = ids(await perPair());
  if (ids(await anyOf()) !== expected || ids(await oneTransaction()) !== expected) {
    throw new Error('the reads differ');
  }
  const times: Record<'perPair' | 'anyOf' | 'oneTransaction', number[]> = {
    perPair: [],
    anyOf: [],
    oneTransaction: [],
  };
  for (let r = 0; r < RUNS; r++) {
    for (const [name, read] of [
      ['perPair', perPair],
      ['anyOf', anyOf],
      ['oneTransaction', oneTransaction],
    ] as const) {
      const t = performance.now();
      await read();
      times[name].push(performance.now() - t);
    }
  }
  db.close();
  await LanternDB.delete(db.name);
  return {
    bench: 'bank-read',
    runtime: o.runtime,
    learners: o.learners,
    bankSkills: o.bankSkills,
    storedAttempts: n,
    readAttempts: o.learners * o.bankSkills * o.perSkill,
    runs: RUNS,
    perPairMedianMs: Math.round(median(times.perPair) * 10) / 10,
    anyOfMedianMs: Math.round(median(times.anyOf) * 10) / 10,
    oneTransactionMedianMs: Math.round(median(times.oneTransaction) * 10) / 10,
    ratio: Math.round((median(times.oneTransaction) / median(times.perPair)) * 100) / 100,
  };
}
