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
import { checkQuestion, fullMarksResponse } from '../../src/core/question';
import { seededRng } from '../../src/core/rng';
import type { Rng } from '../../src/core/types';
import { readGift } from '../../src/app/gift-read';
import type { Sanitise } from '../../src/app/sanitise';
import { isSafeRichText } from './content-fuzz';
import { XSS_PAYLOADS } from './content-pack.sample';

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

function at<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** One to four random edits of `text` (seeded). */
export function mutateGift(
  text: string,
  rng: Rng,
  seeds: readonly string[],
): { text: string; label: string } {
  let t = text;
  const labels: string[] = [];
  const n = 1 + Math.floor(rng() * 4);
  for (let k = 0; k < n; k++) {
    const p = Math.floor(rng() * (t.length + 1));
    const lines = t.split('\n');
    const choice = Math.floor(rng() * 10);
    switch (choice) {
      case 0:
      case 1:
        t = t.slice(0, p) + at(rng, TOKENS) + t.slice(p);
        labels.push('token');
        break;
      case 2:
        t = t.slice(0, p) + t.slice(p + 1 + Math.floor(rng() * 20));
        labels.push('delete');
        break;
      case 3: {
        const i = Math.floor(rng() * lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
        labels.push('duplicate line');
        break;
      }
      case 4: {
        const i = Math.floor(rng() * lines.length);
        const j = Math.floor(rng() * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        t = lines.join('\n');
        labels.push('swap lines');
        break;
      }
      case 5: {
        const x = at(rng, XSS_PAYLOADS);
        t = t.slice(0, p) + (rng() < 0.5 ? x.replace(/[~=#{}:]/g, (c) => `\\${c}`) : x) + t.slice(p);
        labels.push('xss');
        break;
      }
      case 6:
        t = t.slice(0, p);
        labels.push('truncate');
        break;
      case 7: {
        const other = at(rng, seeds);
        const q = Math.floor(rng() * (other.length + 1));
        t = t.slice(0, p) + other.slice(q, q + 1 + Math.floor(rng() * 400)) + t.slice(p);
        labels.push('splice');
        break;
      }
      case 8: {
        const piece = t.slice(p, p + 1 + Math.floor(rng() * 30)) || '{';
        t = t.slice(0, p) + piece.repeat(2 + Math.floor(rng() * 60)) + t.slice(p);
        labels.push('repeat');
        break;
      }
      default: {
        const c = String.fromCharCode(Math.floor(rng() * 0x3000));
        t = t.slice(0, p) + c + t.slice(p + 1);
        labels.push('char');
      }
    }
  }
  return { text: t, label: labels.join('+') };
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
    const lineCount = text.split(/\r\n|\r|\n/).length;
    for (const m of [...plan.rejected.map((r) => r.reason), ...plan.flags.map((f) => f.message)]) {
      count(m.key);
      if (giftMessagesEn[m.key] === undefined) fail(`uncatalogued ${m.key}`);
      if (m.key === 'gift.unreadable') fail('a question was unreadable (internal error)');
    }
    for (const x of [...plan.rejected, ...plan.flags, ...plan.questions, ...plan.lessons]) {
      if (!(x.line >= 1 && x.line <= lineCount)) fail(`line ${x.line} outside the file`);
    }
    // Each block is a category or exactly one item: a question, a lesson or a refusal.
    const blocks = giftBlocks(text);
    const categories = blocks.filter((b) =>
      /^\s*\$CATEGORY:/.test(b.lines.find((l) => !/^\s*\/\//.test(l)) ?? ''),
    ).length;
    const items = plan.questions.length + plan.lessons.length + plan.rejected.length;
    if (items !== blocks.length - categories) {
      fail(`${blocks.length} blocks (${categories} categories) but ${items} items`);
    }
    const texts: string[] = plan.lessons.map((l) => l.html);
    for (const q of plan.questions) {
      texts.push(q.prompt, ...(q.explanation ? [q.explanation] : []));
      const a = q.answer;
      if (a.kind === 'single' || a.kind === 'multiple') {
        for (const o of a.options) texts.push(o.html, o.feedback ?? '');
      }
      if (a.kind === 'text' || a.kind === 'number') for (const o of a.accepted) texts.push(o.feedback ?? '');
      if (a.kind === 'matching') for (const p of a.pairs) texts.push(p.prompt);
      if (a.kind === 'truefalse') texts.push(a.feedbackRight ?? '', a.feedbackWrong ?? '');
      if (checkQuestion(a, fullMarksResponse(a), 'en').status !== 'correct') {
        fail(`question at line ${q.line} cannot be answered`);
      }
    }
    for (const h of texts) if (!isSafeRichText(h)) fail(`unsafe text ${h.slice(0, 80)}`);
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
