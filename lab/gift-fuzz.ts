/**
 * `npm run content:fuzz -- [--cases N] [--seed S] [--json] [--sheet]`
 *
 * With `--store`, the storing half (tests/support/bank-store-fuzz.ts): mutated GIFT files planned,
 * placed and installed through the real repository on fake-indexeddb, a third failing inside the
 * transaction; nothing partial may ever be stored.
 *
 * With `--sheet`, the spreadsheet import fuzzer (tests/support/sheet-fuzz.ts) instead: 10,000
 * mutated CSV files (the templates in both languages and three delimiters, and awkward rows),
 * some read as bytes (UTF-8, UTF-16, flipped bytes) through the decoder.
 *
 * The GIFT import fuzzer (tests/support/gift-fuzz.ts) at full size: 10,000 mutated files by
 * default, from the built-in seeds and the corpora in ../shared/datasets/gift when present,
 * through the dry run with the app's sanitiser (DOMPurify over jsdom). Prints the figures; exits
 * 1 if any invariant broke.
 */
// Before Dexie loads (the --store mode's database); harmless for the other modes.
import 'fake-indexeddb/auto';
import { fileURLToPath } from 'node:url';
import { corpusSeeds, GIFT_SEEDS, runGiftFuzz } from '../tests/support/gift-fuzz';
import { runSheetFuzz, SHEET_SEEDS } from '../tests/support/sheet-fuzz';
import { runBankStoreFuzz } from '../tests/support/bank-store-fuzz';
import { LanternDB } from '../src/storage/db';
import { nodeSanitiser } from './lib/node-sanitiser';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isFinite(v) ? v : fallback;
};
const cases = arg('--cases', 10_000);
const seed = arg('--seed', 1212);

async function storeFuzz(): Promise<number> {
  const db = new LanternDB(`bank-store-fuzz-${process.pid}`);
  const root = fileURLToPath(new URL('../../shared/datasets/gift/', import.meta.url));
  const seeds = [...GIFT_SEEDS, ...corpusSeeds(root)];
  const r = await runBankStoreFuzz(db, nodeSanitiser(), cases, seed, seeds, () => performance.now());
  await db.delete();
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...r, seed }));
  else {
    console.log(`Bank storing fuzz: ${r.cases} cases, seed ${seed}, ${seeds.length} seeds`);
    console.log(`  stored ${r.stored}, rolled back (failure injected) ${r.rolledBack}, refused ${r.refused}`);
    console.log(`  uncaught errors ${r.uncaught}, invariant violations ${r.violations}`);
    console.log(`  ${(r.ms / 1000).toFixed(1)} s (${(r.ms / r.cases).toFixed(2)} ms per file)`);
    for (const f of r.firstFailures) console.log(`\n${f}`);
  }
  return r.uncaught + r.violations === 0 ? 0 : 1;
}

function sheetFuzz(): number {
  const r = runSheetFuzz(nodeSanitiser(), cases, seed, SHEET_SEEDS, () => performance.now());
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...r, seed }));
  } else {
    console.log(`Spreadsheet import fuzz: ${r.cases} cases, seed ${seed}, ${SHEET_SEEDS.length} seeds`);
    console.log(`  files planned ${r.planned}, refused whole ${r.refusedFiles}`);
    console.log(
      `  questions imported ${r.questions}, lesson cards ${r.lessons}, rows refused ${r.rejected}, warnings ${r.flags}`,
    );
    console.log(
      `  read as bytes: ${Object.entries(r.encodings)
        .map(([k, n]) => `${k} ${n}`)
        .join(', ')}`,
    );
    console.log(`  uncaught errors ${r.uncaught}, invariant violations ${r.violations}`);
    console.log(`  ${(r.ms / 1000).toFixed(1)} s (${(r.ms / r.cases).toFixed(2)} ms per file)`);
    const keys = Object.entries(r.byKey).sort((a, b) => b[1] - a[1]);
    console.log(`  reasons: ${keys.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const f of r.firstFailures) console.log(`\n${f}`);
  }
  return r.uncaught + r.violations === 0 ? 0 : 1;
}

function giftFuzz(): number {
  const root = fileURLToPath(new URL('../../shared/datasets/gift/', import.meta.url));
  const corpus = corpusSeeds(root);
  const r = runGiftFuzz(nodeSanitiser(), cases, seed, [...GIFT_SEEDS, ...corpus], () => performance.now());
  if (process.argv.includes('--json')) {
    console.log(JSON.stringify({ ...r, seed, corpusFiles: corpus.length }));
  } else {
    console.log(
      `GIFT import fuzz: ${r.cases} cases, seed ${seed}, ${GIFT_SEEDS.length} built-in + ${corpus.length} corpus seeds`,
    );
    console.log(`  files planned ${r.planned}, refused whole ${r.refusedFiles}`);
    console.log(
      `  questions imported ${r.questions}, lesson cards ${r.lessons}, questions refused ${r.rejected}, warnings ${r.flags}`,
    );
    console.log(`  uncaught errors ${r.uncaught}, invariant violations ${r.violations}`);
    console.log(`  ${(r.ms / 1000).toFixed(1)} s (${(r.ms / r.cases).toFixed(2)} ms per file)`);
    const keys = Object.entries(r.byKey).sort((a, b) => b[1] - a[1]);
    console.log(`  reasons: ${keys.map(([k, n]) => `${k} ${n}`).join(', ')}`);
    for (const f of r.firstFailures) console.log(`\n${f}`);
  }
  return r.uncaught + r.violations === 0 ? 0 : 1;
}

process.exitCode = process.argv.includes('--store')
  ? await storeFuzz()
  : process.argv.includes('--sheet')
    ? sheetFuzz()
    : giftFuzz();
