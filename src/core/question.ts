/**
 * Teachers' own questions (issue 12): the kinds of answer an imported question can have, and
 * the checker that marks a learner's response with a score. Pure: no DOM.
 *
 * The generated items' `ExpectedAnswer` (types.ts) stays as it is: a numeric answer there has a
 * required written form and a choice is a short formatted number. An imported question is
 * prose: several accepted answers with partial credit, tolerances and ranges, several right
 * choices, matching. `QuestionAnswer` says all of that, and `checkQuestion` marks it:
 *
 * - `score` is the credit in [0, 1] (Moodle's "fraction"); `correct` means full credit, the only
 *   outcome the learner models count as right. Partial credit is `incorrect` with its score,
 *   kept for reports and xAPI `result.score`.
 * - A response that cannot be read is `malformed` (score 0): the learner is told and may retry.
 *
 * Responses are strings, as `Attempt.answer` stores them: a choice by its index in `options`
 * ("2"), several choices as sorted indices ("0,2"), true/false as "true"/"false", matching as
 * the index in `matchChoices(answer)` chosen for each pair, in pair order ("1,0,2").
 */
import { normaliseInput, parseFraction } from './answer';
import type { Locale } from './i18n';
import type { CheckStatus, Message } from './types';

/** Rich text: HTML already passed through the app's sanitiser (app/sanitise.ts). */
export type Html = string;

/** One choice of a multiple-choice question. `credit` in [−1, 1]; 1 is full marks. */
export interface ChoiceOption {
  readonly html: Html;
  readonly credit: number;
  /** Shown after the learner chose this option. */
  readonly feedback?: Html;
}

/** One accepted short answer: plain text, case-insensitive, `*` matches any text (`\*` a star). */
export interface TextAnswer {
  readonly text: string;
  readonly credit: number;
  readonly feedback?: Html;
}

/**
 * One accepted number: `value ± tolerance` (tolerance 0: exact), the range `min..max`, or any
 * number (`*`, Moodle's "any other answer", usually 0 % with feedback for every wrong answer).
 */
export type NumberAnswer = (
  | { readonly value: number; readonly tolerance: number }
  | { readonly min: number; readonly max: number }
  | { readonly any: true }
) & { readonly credit: number; readonly feedback?: Html };

/** A matching pair: a prompt (rich text) and the text that matches it (plain). */
export interface MatchPair {
  readonly prompt: Html;
  readonly match: string;
}

export type QuestionAnswer =
  | {
      readonly kind: 'truefalse';
      readonly correct: boolean;
      readonly feedbackRight?: Html;
      readonly feedbackWrong?: Html;
    }
  /** Choose one option (radio buttons). */
  | { readonly kind: 'single'; readonly options: readonly ChoiceOption[] }
  /** Choose any options (checkboxes); the credits of the chosen ones add up. */
  | { readonly kind: 'multiple'; readonly options: readonly ChoiceOption[] }
  | { readonly kind: 'text'; readonly accepted: readonly TextAnswer[] }
  | { readonly kind: 'number'; readonly accepted: readonly NumberAnswer[] }
  /** Each pair's prompt gets one of `matchChoices`; `distractors` are matches of no prompt. */
  | {
      readonly kind: 'matching';
      readonly pairs: readonly MatchPair[];
      readonly distractors: readonly string[];
    };

export type QuestionKind = QuestionAnswer['kind'];

export interface QuestionCheck {
  readonly status: Exclude<CheckStatus, 'form'>;
  /** Credit in [0, 1]; 1 exactly when `status` is `correct`. */
  readonly score: number;
  /** For `malformed`: what is expected (an `answer.*` key). */
  readonly message?: Message;
  /** The teacher's feedback for what was answered (rich text), in order. */
  readonly feedback: readonly Html[];
}

/** Credits are decimals such as 33.33333 %: three of them are full marks. */
const FULL = 1 - 1e-6;

function result(score: number, feedback: readonly (Html | undefined)[]): QuestionCheck {
  const s = Math.min(1, Math.max(0, score));
  const full = s >= FULL;
  return {
    status: full ? 'correct' : 'incorrect',
    score: full ? 1 : s,
    feedback: feedback.filter((f): f is Html => f !== undefined && f !== ''),
  };
}

function malformed(key: string): QuestionCheck {
  return { status: 'malformed', score: 0, message: { key }, feedback: [] };
}

/** The distinct matches a matching question offers, pairs' first then distractors. */
export function matchChoices(answer: Extract<QuestionAnswer, { kind: 'matching' }>): string[] {
  return [...new Set([...answer.pairs.map((p) => p.match), ...answer.distractors])];
}

/** Indices "0,2" → [0, 2]: distinct, each below `n`; null when not that. */
function readIndices(s: string, n: number, distinct: boolean): number[] | null {
  if (!/^\d{1,4}(,\d{1,4})*$/.test(s)) return null;
  const xs = s.split(',').map(Number);
  if (xs.some((x) => x >= n)) return null;
  if (distinct && new Set(xs).size !== xs.length) return null;
  return xs;
}

/** Case-folded, single-spaced, NFKC text: how short answers are compared. */
export function foldText(s: string): string {
  return s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/** A short answer as a whole-string pattern: `*` any text, `\*` a star. */
function textPattern(answer: string): RegExp {
  const parts = foldText(answer).split(/(\\\*|\*)/);
  const src = parts
    .map((p) => (p === '*' ? '.*' : p === '\\*' ? '\\*' : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${src}$`, 'su');
}

/** A typed number: decimal, fraction, mixed number or scientific notation ("1.5e3"). */
export function readNumber(s: string): number | null {
  const sci = /^([+-]?(?:\d+\.?\d*|\.\d+))e([+-]?\d{1,3})$/i.exec(s);
  if (sci) {
    const x = Number(`${sci[1]}e${sci[2]}`);
    return Number.isFinite(x) ? x : null;
  }
  const f = parseFraction(s);
  return f.ok ? Number(f.value.n) / Number(f.value.d) : null;
}

/** Whether `x` is accepted by one number answer (with a little room for float noise). */
export function numberMatches(a: NumberAnswer, x: number): boolean {
  if ('any' in a) return true;
  if ('min' in a) {
    const eps = 1e-9 * Math.max(1, Math.abs(a.min), Math.abs(a.max));
    return x >= a.min - eps && x <= a.max + eps;
  }
  const eps = 1e-9 * Math.max(1, Math.abs(a.value));
  return Math.abs(x - a.value) <= a.tolerance + eps;
}

/**
 * Mark a response. The best-scoring accepted answer counts when several match (Moodle takes the
 * first in the teacher's order, which is the best in any bank that lists full marks first).
 */
export function checkQuestion(answer: QuestionAnswer, raw: string, locale: Locale): QuestionCheck {
  if (raw.trim() === '') return malformed('answer.empty');
  // Typed numbers go through the checker's normalisation (full-width digits, decimal comma…);
  // short answers are compared as text, where "3,5" is not "3.5"; choices are indices.
  const picked = raw.normalize('NFKC').replace(/\s+/g, '');
  switch (answer.kind) {
    case 'truefalse': {
      const t = picked.toLowerCase();
      const said = t === 'true' || t === 't' ? true : t === 'false' || t === 'f' ? false : null;
      if (said === null) return malformed('answer.expectChoice');
      const right = said === answer.correct;
      return result(right ? 1 : 0, [right ? answer.feedbackRight : answer.feedbackWrong]);
    }
    case 'single': {
      const xs = readIndices(picked, answer.options.length, true);
      if (xs?.length !== 1) return malformed('answer.expectChoice');
      const o = answer.options[xs[0]!]!;
      return result(o.credit, [o.feedback]);
    }
    case 'multiple': {
      const xs = readIndices(picked, answer.options.length, true);
      if (!xs) return malformed('answer.expectChoice');
      const chosen = [...xs].sort((a, b) => a - b).map((i) => answer.options[i]!);
      return result(
        chosen.reduce((sum, o) => sum + o.credit, 0),
        chosen.map((o) => o.feedback),
      );
    }
    case 'text': {
      const typed = foldText(raw);
      const best = bestOf(answer.accepted.filter((a) => textPattern(a.text).test(typed)));
      return best ? result(best.credit, [best.feedback]) : result(0, []);
    }
    case 'number': {
      const x = readNumber(normaliseInput(raw, locale));
      if (x === null) return malformed('answer.expectDecimal');
      const best = bestOf(answer.accepted.filter((a) => numberMatches(a, x)));
      return best ? result(best.credit, [best.feedback]) : result(0, []);
    }
    case 'matching': {
      const choices = matchChoices(answer);
      const xs = readIndices(picked, choices.length, false);
      if (!xs || xs.length !== answer.pairs.length) return malformed('answer.expectChoice');
      const right = answer.pairs.filter((p, i) => choices[xs[i]!] === p.match).length;
      return result(right / answer.pairs.length, []);
    }
  }
}

function bestOf<T extends { readonly credit: number }>(xs: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const x of xs) if (!best || x.credit > best.credit) best = x;
  return best;
}

/** A response that earns full marks (for tests and previews). */
export function fullMarksResponse(answer: QuestionAnswer): string {
  switch (answer.kind) {
    case 'truefalse':
      return answer.correct ? 'true' : 'false';
    case 'single':
      return String(answer.options.findIndex((o) => o.credit >= FULL));
    case 'multiple':
      return answer.options
        .map((o, i) => (o.credit > 0 ? i : -1))
        .filter((i) => i >= 0)
        .join(',');
    case 'text': {
      const a = answer.accepted.find((x) => x.credit >= FULL);
      if (!a) return '';
      // A wildcard stands for nothing, or for some text where nothing would not match ("a *").
      const fill = (w: string) =>
        a.text
          .split(/(\\\*|\*)/)
          .map((p) => (p === '*' ? w : p === '\\*' ? '*' : p))
          .join('');
      return textPattern(a.text).test(foldText(fill(''))) ? fill('') : fill('x');
    }
    case 'number': {
      const a = answer.accepted.find((x) => x.credit >= FULL);
      if (!a) return '';
      return 'any' in a ? '0' : numeral('min' in a ? a.min : a.value);
    }
    case 'matching': {
      const choices = matchChoices(answer);
      return answer.pairs.map((p) => choices.indexOf(p.match)).join(',');
    }
  }
}

/** A number as a learner could type it: at most 15 digits (the checker's limit). */
function numeral(x: number): string {
  const s = String(Number(x.toPrecision(12)));
  return (s.match(/\d/g)?.length ?? 0) > 15 ? x.toExponential(11) : s;
}
