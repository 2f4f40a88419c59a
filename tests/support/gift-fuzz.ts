/**
 * Fuzzing the GIFT import (issue 12): mutated GIFT files (from the built-in seeds below and, where
 * present, the two parsers' corpora in ../shared/datasets/gift) through the whole dry run a
 * teacher's file takes: readGift → gift-pegjs per question → Markdown → sanitiser → plan.
 * Invariants, per case:
 *
 * - nothing escapes but a catalogued `gift.*` ValidationError (a file that is not GIFT text);
 * - every refusal and flag is a catalogued message, on a line of the file; no question is refused
 *   as `gift.unreadable` (the catch-all that would hide a bug);
 * - every item is accounted for: questions + lessons + refusals = the file's question blocks;
 * - every imported question can be answered for full marks, and every stored text holds only
 *   allow-listed tags without attributes (with the real sanitiser);
 * - the plan is the same when the file is read again (checked on every 10th case).
 *
 * Nothing is written by a dry run, so there is nothing to roll back: a refused question never
 * changes the others (core/gift.test.ts checks that directly).
 *
 * Used by tests/support/gift-fuzz.test.ts (300 cases) and lab/gift-fuzz.ts
 * (`npm run content:fuzz`, 10,000 cases by default).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../../src/core/errors';
import { giftBlocks, type GiftPlan } from '../../src/core/gift';
import { giftMessagesEn } from '../../src/core/gift-messages';
import { seededRng } from '../../src/core/rng';
import type { Rng } from '../../src/core/types';
import { readGift } from '../../src/app/gift-read';
import type { Sanitise } from '../../src/app/sanitise';
import { at, checkMessages, checkQuestions, mutateText, type PlanChecks } from './fuzz-utils';

/** Seeds written here from Moodle's documentation: every feature at least once. */
export const GIFT_SEEDS: readonly string[] = [
  `// true/false
::Q1:: 1+1\\=2 {T}

::Q2:: What's between orange and green in the spectrum?
{ =yellow # right; good! ~red # wrong, it's yellow ~blue # wrong, it's yellow }

::Q3:: Two plus {=two =2} equals four.

::Q4:: Which animal eats which food? { =cat -> cat food =dog -> dog food = -> bird food }

::Q5:: What is a number from 1 to 5? {#3:2}

::Q6:: What is a number from 1 to 5? {#1..5}

::Q7:: When was Ulysses S. Grant born? {#
  =1822:0 #Correct!
  =%50%1822:2 #Close.
  ~*#Completely wrong
}`,
  `$CATEGORY: $course$/top/Algebra/Linear

::Multi:: What two people are entombed in Grant's tomb? {
  ~%-50%No one
  ~%50%Grant
  ~%50%Grant's wife
  ~%-50%Grant's father
  ####Grant and his wife.
}

::Desc::A description is a lesson card.

$CATEGORY: $course$/top/分数

[markdown]Who's buried in **Grant's tomb**?{=no one#excellent! =nobody}

[html]<p>The sun rises in the <b>east</b>? <img src\\="@@PLUGINFILE@@/sun.png"></p>{TRUE#no#yes}

[plain]Is 1 < 2 & 2 > 1? {T}

Write an essay about Grant. {}`,
  `::Escapes:: Which is NOT a control character\\: \\~ \\= \\# \\{ \\} ? {
  ~ \\~ # \\~ is
  ~ \\= # \\= is
  = \\\\ # right
}

// [id:42] [tag:maths]
::TeX:: What is $$\\\\frac\\{1\\}\\{2\\}$$ as a decimal? {#0.5}

::Jesus' hometown::Jesus Christ was from {
  ~Jerusalem#This was an important city, but the wrong answer.
  ~%25%Bethlehem#He was born here, but not raised here.
  ~%50%Galilee#You need to be more specific.
  =Nazareth#Yes! That's right!}.`,
];

/** Corpus files to mutate as well, when the shared datasets are present. */
export function corpusSeeds(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  for (const dir of [
    'gift-parser-ide/pass',
    'gift-parser-ide/error',
    'gift-parser-ide/incremental',
    'gift-pegjs',
  ]) {
    const d = join(root, dir);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (f.endsWith('.gift')) out.push(readFileSync(join(d, f), 'utf8'));
    }
  }
  return out;
}

const TOKENS = [
  '{',
  '}',
  '~',
  '=',
  '#',
  '####',
  ':',
  '::',
  '\\',
  '->',
  '%',
  '%50%',
  '%-100%',
  '%150%',
  '%33.3333%',
  '#',
  '..',
  ':0.5',
  '1e400',
  '-0',
  'NaN',
  '\n',
  '\n\n',
  '\r\n',
  '[html]',
  '[markdown]',
  '[plain]',
  '[moodle]',
  '$CATEGORY: ',
  '$CATEGORY: $course$/top/',
  '// ',
  '// [id:1] [tag:x]',
  '@@PLUGINFILE@@/a b.png',
  '$$x^2$$',
  '\\(x\\)',
  '![img](x.png)',
  '**bold**',
  '<b>',
  '</p>',
  '<!--',
  'T',
  'FALSE',
  '\u202e',
  '\u0301',
  '\uD83D\uDE00',
  '\uD800',
  '\u2028',
  '\t',
  '\u00a0',
  '分数',
];

/** One to four random edits of `text` (seeded). */
export function mutateGift(
  text: string,
  rng: Rng,
  seeds: readonly string[],
): { text: string; label: string } {
  return mutateText(text, rng, seeds, {
    tokens: TOKENS,
    unit: 'line',
    swapFrom: 0,
    quote: (x) => x.replace(/[~=#{}:]/g, (c) => `\\${c}`),
    spliceMax: 400,
    repeatFallback: '{',
    repeatMax: 60,
  });
}

export interface GiftFuzzResult {
  readonly cases: number;
  /** Files that gave a plan, and files refused whole (ValidationError). */
  readonly planned: number;
  readonly refusedFiles: number;
  readonly questions: number;
  readonly lessons: number;
  readonly rejected: number;
  readonly flags: number;
  /** Refusal and flag keys seen, with counts. */
  readonly byKey: Readonly<Record<string, number>>;
  /** Broken invariants; all must be 0. */
  readonly uncaught: number;
  readonly violations: number;
  readonly firstFailures: readonly string[];
  readonly ms: number;
}

const CHECKS: PlanChecks = {
  unit: 'line',
  item: 'question',
  catalogued: (k) => giftMessagesEn[k] !== undefined,
  unreadable: 'gift.unreadable',
};

/** Runs `cases` mutated files; `now` times the run (performance.now). */
export function runGiftFuzz(
  sanitise: Sanitise,
  cases: number,
  seed: number,
  seeds: readonly string[],
  now: () => number,
): GiftFuzzResult {
  const rng = seededRng(seed);
  const byKey: Record<string, number> = {};
  const failures: string[] = [];
  const count = (k: string) => (byKey[k] = (byKey[k] ?? 0) + 1);
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
    const { text, label } = mutateGift(at(rng, seeds), rng, seeds);
    const fail = (what: string) => {
      violations += 1;
      if (failures.length < 10) failures.push(`case ${c} (${label}): ${what}\n${text.slice(0, 300)}`);
    };
    let plan: GiftPlan;
    try {
      plan = readGift(text, sanitise);
    } catch (e) {
      if (e instanceof ValidationError && giftMessagesEn[e.messageKey] !== undefined) {
        refusedFiles += 1;
        count(e.messageKey);
      } else {
        uncaught += 1;
        if (failures.length < 10) {
          failures.push(`case ${c} (${label}): threw ${String(e)}\n${text.slice(0, 300)}`);
        }
      }
      continue;
    }
    planned += 1;
    questions += plan.questions.length;
    lessons += plan.lessons.length;
    rejected += plan.rejected.length;
    flags += plan.flags.length;
    checkMessages(plan, text, CHECKS, count, fail);
    // Each block is a category or exactly one item: a question, a lesson or a refusal.
    const blocks = giftBlocks(text);
    const categories = blocks.filter((b) =>
      /^\s*\$CATEGORY:/.test(b.lines.find((l) => !/^\s*\/\//.test(l)) ?? ''),
    ).length;
    const items = plan.questions.length + plan.lessons.length + plan.rejected.length;
    if (items !== blocks.length - categories) {
      fail(`${blocks.length} blocks (${categories} categories) but ${items} items`);
    }
    checkQuestions(plan, CHECKS, fail);
    if (c % 10 === 0 && JSON.stringify(readGift(text, sanitise)) !== JSON.stringify(plan)) {
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
    uncaught,
    violations,
    firstFailures: failures,
    ms: Math.round(now() - start),
  };
}
