/**
 * Fuzzing the spreadsheet import (issue 12): mutated CSV files (the templates in both languages
 * and delimiters, and the seeds below) through the whole dry run a teacher's file takes:
 * bytes → decodeSheetBytes (some cases) → papaparse → rows → sanitiser → plan. Invariants, per case:
 *
 * - nothing escapes but a catalogued `sheet.*` ValidationError (a file that is not a question sheet);
 * - every refusal and flag is a catalogued message on a row of the file; no row is refused as
 *   `sheet.unreadable` (the catch-all that would hide a bug);
 * - every row is accounted for: questions + lessons + refusals = rows read;
 * - every imported question can be answered for full marks, and every stored text holds only
 *   allow-listed tags without attributes (with the real sanitiser);
 * - the plan is the same when the file is read again (checked on every 10th case).
 *
 * Used by tests/support/sheet-fuzz.test.ts (300 cases) and lab/gift-fuzz.ts --sheet
 * (`npm run content:fuzz -- --sheet`, 10,000 cases by default).
 */
import { ValidationError } from '../../src/core/errors';
import { giftMessagesEn } from '../../src/core/gift-messages';
import { seededRng } from '../../src/core/rng';
import type { SheetPlan } from '../../src/core/sheet';
import { sheetTemplate } from '../../src/core/sheet-format';
import { sheetMessagesEn } from '../../src/core/sheet-messages';
import type { Rng } from '../../src/core/types';
import type { Sanitise } from '../../src/app/sanitise';
import { decodeSheetBytes, readSheet } from '../../src/app/sheet-read';
import { at, checkMessages, checkQuestions, mutateText, type PlanChecks } from './fuzz-utils';

const CHECKS: PlanChecks = {
  unit: 'row',
  item: 'row',
  catalogued: (k) => sheetMessagesEn[k] !== undefined || giftMessagesEn[k] !== undefined,
  unreadable: 'sheet.unreadable',
};

/** The templates in every delimiter, and a sheet of awkward but valid rows. */
export const SHEET_SEEDS: readonly string[] = [
  ...(['en', 'zh-CN'] as const).flatMap((l) => ([',', ';', '\t'] as const).map((d) => sheetTemplate(l, d))),
  [
    'Category;Type;Question;A;B;C;D;Correct;Hint;Solution;Difficulty;Title;Lang;Format',
    'Algebra/Linear;Multiple choice;"Which are ""even""?\nPick all.";2;3;4;;A C;Half;"2; 4";hard;Even;English;plain',
    '$course$/top/分数;判断题;二分之一等于四分之二。;;;;;√;;;易;;中文;',
    ';number;Pi to two places?;;;;;3,14±0,005|22/7;No;;;;;',
    ';matching;**Match**;x → 1;y -> 2;z;;;;;;;;markdown',
    ';short;<b>Capital</b> of France?;;;;;Paris|paris;;;;;;html',
    ';lesson;A card.\nSecond line;;;;;;;;;Card;en;',
    ';essay;Write about it.;;;;;;;;;;;',
    '',
    ',,,',
  ].join('\r\n'),
];

const TOKENS = [
  '"',
  '""',
  ',',
  ';',
  '\t',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '->',
  '→',
  '|',
  'A,C',
  'AC',
  'Z',
  '3,5',
  '1,000',
  '1..5',
  '5..1',
  '±',
  '1e400',
  'TRUE',
  '对',
  'single',
  'multiple',
  'truefalse',
  'short',
  'number',
  'matching',
  'lesson',
  'essay',
  '单选',
  'html',
  'markdown',
  'zh-CN',
  'fr',
  '4',
  'sep=;\n',
  '$$x^2$$',
  '<b>',
  '\\n',
  '\uFEFF',
  '\u202e',
  '\uD800',
  '\u00a0',
  '分数',
];

/** One to four random edits of `text` (seeded). */
export function mutateSheet(
  text: string,
  rng: Rng,
  seeds: readonly string[],
): { text: string; label: string } {
  return mutateText(text, rng, seeds, {
    tokens: TOKENS,
    unit: 'row',
    swapFrom: 1,
    quote: (x) => `"${x.replace(/"/g, '""')}"`,
    spliceMax: 300,
    repeatFallback: ',',
    repeatMax: 40,
  });
}

/** The text as bytes a file might hold: UTF-8, UTF-16 LE with a mark, or with bytes flipped. */
function asBytes(text: string, rng: Rng): { bytes: Uint8Array; label: string } {
  const r = rng();
  if (r < 0.4) {
    const units = [...text].flatMap((c) => {
      const s = c.length === 1 ? [c.charCodeAt(0)] : [c.charCodeAt(0), c.charCodeAt(1)];
      return s.flatMap((u) => [u & 0xff, u >> 8]);
    });
    return { bytes: new Uint8Array([0xff, 0xfe, ...units]), label: 'utf-16le' };
  }
  const bytes = new TextEncoder().encode(text);
  if (r < 0.7) return { bytes, label: 'utf-8' };
  const flipped = bytes.slice();
  for (let k = 0; k < 1 + Math.floor(rng() * 4) && flipped.length > 0; k++) {
    flipped[Math.floor(rng() * flipped.length)] = Math.floor(rng() * 256);
  }
  return { bytes: flipped, label: 'flipped bytes' };
}

export interface SheetFuzzResult {
  readonly cases: number;
  readonly planned: number;
  readonly refusedFiles: number;
  readonly questions: number;
  readonly lessons: number;
  readonly rejected: number;
  readonly flags: number;
  readonly byKey: Readonly<Record<string, number>>;
  readonly encodings: Readonly<Record<string, number>>;
  readonly uncaught: number;
  readonly violations: number;
  readonly firstFailures: readonly string[];
  readonly ms: number;
}

/** Runs `cases` mutated sheets; `now` times the run (performance.now). */
export function runSheetFuzz(
  sanitise: Sanitise,
  cases: number,
  seed: number,
  seeds: readonly string[],
  now: () => number,
): SheetFuzzResult {
  const rng = seededRng(seed);
  const byKey: Record<string, number> = {};
  const encodings: Record<string, number> = {};
  const failures: string[] = [];
  const count = (o: Record<string, number>, k: string) => (o[k] = (o[k] ?? 0) + 1);
  let planned = 0;
  let refusedFiles = 0;
  let questions = 0;
  let lessons = 0;
  let rejected = 0;
  let flags = 0;
  let uncaught = 0;
  let violations = 0;
  const start = now();
  for (let c = 0; c < cases; c++) {
    const m = mutateSheet(at(rng, seeds), rng, seeds);
    const viaBytes = rng() < 0.3 ? asBytes(m.text, rng) : null;
    const label = viaBytes ? `${m.label}, ${viaBytes.label}` : m.label;
    let text = m.text;
    const fail = (what: string) => {
      violations += 1;
      if (failures.length < 10) {
        failures.push(`case ${c} (${label}): ${what}\n${JSON.stringify(text.slice(0, 300))}`);
      }
    };
    let plan: SheetPlan;
    try {
      if (viaBytes) {
        const d = decodeSheetBytes(viaBytes.bytes);
        count(encodings, d.encoding);
        text = d.text;
      }
      plan = readSheet(text, sanitise);
    } catch (e) {
      if (e instanceof ValidationError && sheetMessagesEn[e.messageKey] !== undefined) {
        refusedFiles += 1;
        count(byKey, e.messageKey);
      } else {
        uncaught += 1;
        if (failures.length < 10) {
          failures.push(`case ${c} (${label}): threw ${String(e)}\n${JSON.stringify(text.slice(0, 300))}`);
        }
      }
      continue;
    }
    planned += 1;
    questions += plan.questions.length;
    lessons += plan.lessons.length;
    rejected += plan.rejected.length;
    flags += plan.flags.length;
    checkMessages(plan, text, CHECKS, (k) => count(byKey, k), fail);
    const items = plan.questions.length + plan.lessons.length + plan.rejected.length;
    if (items !== plan.rows) fail(`${plan.rows} rows but ${items} items`);
    checkQuestions(plan, CHECKS, fail);
    if (c % 10 === 0 && JSON.stringify(readSheet(text, sanitise)) !== JSON.stringify(plan)) {
      fail('not deterministic');
    }
  }
  return {
    cases,
    planned,
    refusedFiles,
    questions,
    lessons,
    rejected,
    flags,
    byKey,
    encodings,
    uncaught,
    violations,
    firstFailures: failures,
    ms: Math.round(now() - start),
  };
}
