/**
 * Fuzzes the backup format: ≥ 10,000 generated files (random strings, random JSON, damaged and
 * deliberately edited copies of a valid file, a damaged encrypted file). parseBackup must only
 * ever reject with a catalogued ValidationError, and importing any accepted file (some with an
 * injected failure) must leave the database fully merged or untouched.
 *
 *   npx tsx lab/bench/fuzz-import.bench.ts [cases] [seed]
 *
 * Prints one JSON line: {"bench":"fuzz-import","cases":N,"rejected":..,"accepted":..,"uncaught":0,"ms":..}
 * and exits 1 if anything escaped.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { parseBackup } from '../../src/storage/backup';
import { fuzzCaseArb, makeFuzzBase, runFuzzCase } from '../../tests/support/backup-fuzz';

async function main(): Promise<void> {
  const cases = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 20_250_101);
  const base = await makeFuzzBase();
  const parsedBase = await parseBackup(base.text);
  const samples = fc.sample(fc.tuple(fuzzCaseArb(base), fc.nat(3)), { numRuns: cases, seed });

  let rejected = 0;
  let accepted = 0;
  let merged = 0;
  let rolledBack = 0;
  let uncaught = 0;
  const byKey: Record<string, number> = {};
  const byLabel: Record<string, { rejected: number; accepted: number }> = {};
  const t0 = performance.now();
  for (const [i, [c, inject]] of samples.entries()) {
    const tally = (byLabel[c.label] ??= { rejected: 0, accepted: 0 });
    try {
      const o = await runFuzzCase(c, parsedBase, {
        inject: i % 3 === 0 ? inject + 1 : 0,
        importAccepted: true,
      });
      if (o.accepted) {
        accepted += 1;
        tally.accepted += 1;
        if (o.import === 'merged') merged += 1;
        if (o.import === 'rolledBack') rolledBack += 1;
      } else {
        rejected += 1;
        tally.rejected += 1;
        byKey[o.key ?? '?'] = (byKey[o.key ?? '?'] ?? 0) + 1;
      }
    } catch (e) {
      uncaught += 1;
      if (uncaught <= 5) console.error(`case ${i} (${c.label}):`, e);
    }
  }
  const ms = Math.round(performance.now() - t0);
  console.log(
    JSON.stringify({
      bench: 'fuzz-import',
      cases,
      rejected,
      accepted,
      uncaught,
      ms,
      merged,
      rolledBack,
      seed,
    }),
  );
  console.log(JSON.stringify({ bench: 'fuzz-import.byKey', ...byKey }));
  console.log(JSON.stringify({ bench: 'fuzz-import.byCase', ...byLabel }));
  if (uncaught > 0) process.exitCode = 1;
}

await main();
