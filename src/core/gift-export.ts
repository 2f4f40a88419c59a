/**
 * Exporting to Moodle's GIFT format (issue 12, deliverable 7): a bank of stored questions, and
 * any content pack, written back as a GIFT file that Moodle, gift-pegjs and gift-parser-ide
 * read. Written from the stored values (`QuestionAnswer`, sanitised HTML), never echoed from a
 * source file. Pure: no DOM.
 *
 * The guarantee, tested on Moodle's documentation examples, both parsers' corpora and random
 * banks (gift-export.test.ts, lab/gift-export.datasets.test.ts): importing the exported file
 * gives the same questions (kind, answers, credits to 10⁻⁶, feedback, prompt, explanation, name,
 * skill), and exporting that again gives the same text. What GIFT cannot say is listed in
 * docs/gift-import.md, "Export".
 *
 * Choices made to keep a question's key (core/gift.ts hashes the text as the parser read it,
 * format included): a text that Moodle's default format carries exactly (no markup but `<br>`,
 * no runs of spaces) is written in that format, with `&lt;` `&amp;` `&gt;` read back to the
 * characters where that is safe (the sanitiser writes them again on import); anything else is
 * `[html]`. A numerical answer alone is written `{#1822}`, several as Moodle writes them
 * (`=1822:0`).
 */
import type { ContentPack, LocalText, PackItem } from './content-pack';
import { ValidationError } from './errors';
import type { GiftPlan } from './gift';
import type { Locale } from './i18n';
import type { ChoiceOption, Html, NumberAnswer, QuestionAnswer } from './question';
import type { ExpectedAnswer, ItemAnswer } from './types';

/** One question to export: an imported question, or a pack item mapped by `giftBankOfPack`. */
export interface GiftBankQuestion {
  /** Plain text, written as `::name::`. */
  readonly name?: string;
  /** Moodle's `// [id:…]` and `// [tag:…]`. */
  readonly sourceId?: string;
  readonly tags?: readonly string[];
  readonly prompt: Html;
  readonly answer: QuestionAnswer;
  /** General feedback, written after `####`. */
  readonly explanation?: Html;
}

/** A lesson card: written as a description (text with no answer). */
export interface GiftBankLesson {
  readonly title?: string;
  readonly html: Html;
}

export interface GiftBankSkill {
  /** Plain text; parts of a category path are joined with " / " (as core/gift.ts names them). */
  readonly name: string;
  /** The `$CATEGORY:` as an imported file wrote it; without it, `$course$/top/` and the name. */
  readonly category?: string;
  readonly lessons: readonly GiftBankLesson[];
  readonly questions: readonly GiftBankQuestion[];
}

export interface GiftBank {
  readonly skills: readonly GiftBankSkill[];
}

/** The file's first line (a comment: every GIFT reader skips it). */
export const GIFT_EXPORT_HEADER =
  '// Lantern question bank, in Moodle GIFT format (written from the stored questions)';

// ---------------------------------------------------------------------------------------------
// Text

type Format = 'moodle' | 'html';

/** GIFT's special characters, escaped with a backslash as Moodle's export does (`\\` too). */
const SPECIAL = /[\\~=#{}:]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** A plain text (name, short answer, match, id): one line, special characters escaped. */
function plainText(s: string): string {
  return s.replace(CONTROL, ' ').replace(SPECIAL, '\\$&');
}

/**
 * Stored HTML as Moodle's default format carries it (line breaks as `\n`), or null when only
 * `[html]` keeps it exactly: markup other than `<br>`, a real line break, or a run of spaces
 * (Moodle's format folds them).
 */
function asMoodle(html: Html): string | null {
  if (/[\r\n]|\s\s/.test(html)) return null;
  const t = html.replace(/<br>/g, '\n');
  if (/<[A-Za-z/!?]/.test(t)) return null;
  // The characters as a teacher types them, where no tag or entity can form: the sanitiser
  // escapes them again on import, and the question's key (from the text as typed) is kept.
  return t
    .replace(/&lt;(?![A-Za-z/!?])/g, '<')
    .replace(/(?<!-)&gt;/g, '>')
    .replace(/&amp;(?![A-Za-z0-9#])/g, '&');
}

/** Text that a reader would take for a comment, a format marker or a weight needs a marker first. */
const NEEDS_MARKER = /^(\/\/|\[|%)/;

/**
 * One rich text: its format marker (when it differs from `inherited`, the question text's, or
 * the text could be misread) and the text, escaped, line breaks as `\n`. Inside the braces a
 * `->` would start a matching pair: it is written `-&gt;`, the same HTML.
 */
function richText(html: Html, inherited: Format | null, inBraces: boolean): { format: Format; text: string } {
  const moodle = inherited === 'html' ? null : asMoodle(html);
  const format: Format = moodle === null ? 'html' : 'moodle';
  let body = (moodle ?? html).replace(/\r\n?/g, '\n');
  if (inBraces) body = body.replace(/->/g, '-&gt;');
  body = body.replace(SPECIAL, '\\$&').replace(/\n/g, '\\n');
  const marker = format !== (inherited ?? 'moodle') || NEEDS_MARKER.test(body) ? `[${format}]` : '';
  return { format, text: marker + body };
}

/** A rich text inside the braces, in the question's format unless it needs `[html]`. */
const inner = (html: Html, format: Format): string => richText(html, format, true).text;

const feedback = (html: Html | undefined, format: Format): string =>
  html !== undefined && html !== '' ? `#${inner(html, format)}` : '';

// ---------------------------------------------------------------------------------------------
// Numbers and credits

/** A number as GIFT's grammar reads it: digits, an optional point, no exponent. */
export function giftNumber(x: number): string {
  if (!Number.isFinite(x)) throw new ValidationError('gift.badNumber');
  if (x === 0) return '0';
  const s = String(x);
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(s);
  if (!m) return s;
  const [, sign = '', int = '', frac = '', exp = '0'] = m;
  const digits = int + frac;
  const point = 1 + Number(exp);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length);
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Credits are written in per cent to 5 decimals (Moodle writes 33.33333): units of 10⁻⁵ %. */
const FULL_UNITS = 10_000_000;
const unitsOf = (credit: number): number => Math.round(credit * FULL_UNITS);

function percent(units: number): string {
  let s = (units / 100_000).toFixed(5);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s === '-0' ? '0' : s;
}

const weight = (units: number): string => `%${percent(units)}%`;

/**
 * The written credits of a checkbox question. The importer scales its right choices to add up
 * to exactly 100 %: rounded credits that scaling would move (so a second export would differ)
 * are shared out by largest remainder so that they add up to 100 % exactly.
 */
function checkboxUnits(options: readonly ChoiceOption[]): number[] {
  const units = options.map((o) => unitsOf(o.credit));
  const total = units.reduce((s, u) => s + Math.max(0, u), 0);
  if (total === FULL_UNITS || total === 0) return units;
  if (units.every((u) => u <= 0 || Math.round((u * FULL_UNITS) / total) === u)) return units;
  const exact = options.map((o) => Math.max(0, o.credit) * FULL_UNITS);
  const sum = exact.reduce((s, x) => s + x, 0);
  if (Math.abs(sum - FULL_UNITS) > FULL_UNITS * 1e-3) return units;
  const scaled = exact.map((x) => (x * FULL_UNITS) / sum);
  const out = options.map((o, i) => (o.credit > 0 ? Math.floor(scaled[i]!) : units[i]!));
  let left = FULL_UNITS - out.reduce((s, u, i) => s + (options[i]!.credit > 0 ? u : 0), 0);
  const order = options
    .map((o, i) => ({ i, rest: o.credit > 0 ? scaled[i]! - Math.floor(scaled[i]!) : -1 }))
    .filter((x) => x.rest >= 0)
    .sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; left > 0 && order.length > 0; k = (k + 1) % order.length, left--) {
    out[order[k]!.i]! += 1;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Answers

const LIST_INDENT = '\t';

/** Answers one per line, as Moodle writes them; `open` is `{` or `{#` (numerical). */
function list(lines: readonly string[], explanation: string, open = '{'): string {
  const all = explanation ? [...lines, `####${explanation}`] : lines;
  return `${open}\n${all.map((l) => LIST_INDENT + l).join('\n')}\n}`;
}

function numberValue(a: NumberAnswer, alone: boolean): string {
  if ('any' in a) return '';
  if ('min' in a) return `${giftNumber(a.min)}..${giftNumber(a.max)}`;
  return alone && a.tolerance === 0
    ? giftNumber(a.value)
    : `${giftNumber(a.value)}:${giftNumber(a.tolerance)}`;
}

function answerBlock(answer: QuestionAnswer, format: Format, explanationHtml: Html | undefined): string {
  const expl = explanationHtml !== undefined && explanationHtml !== '' ? inner(explanationHtml, format) : '';
  switch (answer.kind) {
    case 'truefalse':
      // Moodle: the first feedback is for a wrong answer, the second for a right one.
      return `{${answer.correct ? 'TRUE' : 'FALSE'}${
        answer.feedbackWrong || answer.feedbackRight
          ? `#${answer.feedbackWrong ? inner(answer.feedbackWrong, format) : ''}${feedback(answer.feedbackRight, format)}`
          : ''
      }${expl ? `####${expl}` : ''}}`;
    case 'single': {
      // One `=` keeps it a one-answer question; every other credit is a `~` with its weight,
      // so that no file of only `=` answers is read as a short answer.
      const units = answer.options.map((o) => unitsOf(o.credit));
      let first = units.indexOf(FULL_UNITS);
      if (first < 0) first = units.indexOf(Math.max(...units));
      return list(
        answer.options.map((o, i) => {
          const u = units[i]!;
          const mark =
            i === first ? (u === FULL_UNITS ? '=' : `=${weight(u)}`) : u === 0 ? '~' : `~${weight(u)}`;
          return mark + inner(o.html, format) + feedback(o.feedback, format);
        }),
        expl,
      );
    }
    case 'multiple': {
      const units = checkboxUnits(answer.options);
      return list(
        answer.options.map(
          (o, i) =>
            `~${units[i] === 0 ? '' : weight(units[i]!)}${inner(o.html, format)}${feedback(o.feedback, format)}`,
        ),
        expl,
      );
    }
    case 'text':
      return list(
        arrowLast(answer.accepted).map((a) => {
          const u = unitsOf(a.credit);
          const text = richMarkerFor(plainText(a.text), format);
          return `=${u === FULL_UNITS ? '' : weight(u)}${text}${feedback(a.feedback, format)}`;
        }),
        expl,
      );
    case 'number': {
      const only = answer.accepted.length === 1 ? answer.accepted[0]! : undefined;
      if (only && !('any' in only) && unitsOf(only.credit) === FULL_UNITS && !only.feedback) {
        return `{#${numberValue(only, true)}${expl ? `####${expl}` : ''}}`;
      }
      return list(
        answer.accepted.map((a) => {
          const u = unitsOf(a.credit);
          // "Any other answer" is an empty answer (Moodle's unit tests; gift-pegjs reads it).
          const mark =
            'any' in a && u === 0 ? '~' : u === FULL_UNITS && !('any' in a) ? '=' : `=${weight(u)}`;
          return mark + numberValue(a, false) + feedback(a.feedback, format);
        }),
        expl,
        '{#',
      );
    }
    case 'matching':
      return list(
        [
          ...answer.pairs.map((p) => `=${inner(p.prompt, format)} -> ${plainText(p.match)}`),
          ...answer.distractors.map((d) => `= -> ${plainText(d)}`),
        ],
        expl,
      );
  }
}

/**
 * A first answer `=a -> b` makes every GIFT reader take the braces for a matching question (the
 * parsers commit to matching on it): an accepted answer without "->" goes first when there is
 * one. The order of short answers does not change marking (the best match counts).
 */
function arrowLast<T extends { readonly text: string }>(accepted: readonly T[]): readonly T[] {
  const i = accepted.findIndex((a) => !a.text.includes('->'));
  return i <= 0 ? accepted : [accepted[i]!, ...accepted.slice(0, i), ...accepted.slice(i + 1)];
}

/** A plain answer that could be misread (a leading `%`, `[`, `//`) gets its format marker. */
function richMarkerFor(text: string, format: Format): string {
  return NEEDS_MARKER.test(text) ? `[${format}]${text}` : text;
}

// ---------------------------------------------------------------------------------------------
// The file

function comments(q: GiftBankQuestion): string[] {
  const out: string[] = [];
  if (q.sourceId) out.push(`// [id:${q.sourceId.replace(CONTROL, ' ')}]`);
  for (const t of q.tags ?? []) if (t.trim() !== '') out.push(`// [tag:${t.replace(CONTROL, ' ')}]`);
  return out;
}

const title = (name: string | undefined): string => (name ? `::${plainText(name)}::` : '');

function questionText(q: GiftBankQuestion): string {
  const stem = richText(q.prompt, null, false);
  return [
    ...comments(q),
    `${title(q.name)}${stem.text}${answerBlock(q.answer, stem.format, q.explanation)}`,
  ].join('\n');
}

function lessonText(l: GiftBankLesson): string {
  return `${title(l.title)}${richText(l.html, null, false).text}`;
}

/**
 * The category of a skill: as imported, or `$course$/top/` and its name, its " / " parts as
 * subcategories and any other `/` doubled (Moodle's escape), so that importing gives the name back.
 */
function categoryOf(skill: GiftBankSkill): string {
  const written = skill.category?.replace(CONTROL, ' ').trim();
  if (written) return written;
  const path = skill.name
    .replace(CONTROL, ' ')
    .split(' / ')
    .map((s) => s.trim().replace(/\//g, '//'))
    .filter((s) => s !== '');
  return ['$course$', 'top', ...path].join('/');
}

/**
 * The bank as a GIFT file: for each skill with something in it, its `$CATEGORY:`, its lesson
 * cards (descriptions) and its questions, a blank line between each. Deterministic: the same
 * bank gives the same text. Throws ValidationError `gift.badNumber` for a number that is not
 * finite (never in a stored bank: the importer and the pack reader refuse them).
 */
export function exportGift(bank: GiftBank): string {
  const parts: string[] = [GIFT_EXPORT_HEADER];
  for (const skill of bank.skills) {
    const lessons = skill.lessons.filter((l) => l.html.trim() !== '');
    if (lessons.length + skill.questions.length === 0) continue;
    parts.push(`$CATEGORY: ${categoryOf(skill)}`);
    parts.push(...lessons.map(lessonText), ...skill.questions.map(questionText));
  }
  return `${parts.join('\n\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Where banks come from

/** An import's plan as a bank: its skills in order, each with its lessons and questions. */
export function giftBankOfPlan(plan: GiftPlan): GiftBank {
  return {
    skills: plan.skills.map((s) => ({
      name: s.name,
      ...(s.category !== undefined ? { category: s.category } : {}),
      lessons: plan.lessons
        .filter((l) => l.skill === s.id)
        .map((l) => ({ ...(l.title !== undefined ? { title: l.title } : {}), html: l.html })),
      questions: plan.questions.filter((q) => q.skill === s.id),
    })),
  };
}

function pick(t: LocalText | undefined, locale: Locale): string | undefined {
  if (!t) return undefined;
  const other: Locale = locale === 'en' ? 'zh-CN' : 'en';
  return t[locale] ?? t[other];
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The written forms a fraction item accepts, as short answers. `simplest`: the fraction in
 * lowest terms and, above one, the mixed number (a whole number when the value is whole);
 * `improper`: the fraction as given and in lowest terms. Anything else Lantern's checker would
 * answer with "write it in the form…" is simply wrong in Moodle.
 */
export function fractionAnswers(e: Extract<ExpectedAnswer, { kind: 'fraction' }>): string[] {
  const negative = e.numerator !== 0 && e.numerator < 0 !== e.denominator < 0;
  const sign = negative ? '-' : '';
  const n = Math.abs(e.numerator);
  const d = Math.abs(e.denominator);
  const g = gcd(n, d) || 1;
  const [rn, rd] = [n / g, d / g];
  if ((e.form ?? 'simplest') === 'improper') return [...new Set([`${sign}${n}/${d}`, `${sign}${rn}/${rd}`])];
  if (rd === 1) return [`${sign}${rn}`];
  const forms = [`${sign}${rn}/${rd}`];
  if (rn > rd) forms.push(`${sign}${Math.floor(rn / rd)} ${rn % rd}/${rd}`);
  return forms;
}

/** A generated item's answer as a GIFT question's; an imported question's as it is. */
export function questionAnswerOf(a: ItemAnswer): QuestionAnswer {
  switch (a.kind) {
    case 'integer':
      return { kind: 'number', accepted: [{ value: a.value, tolerance: 0, credit: 1 }] };
    case 'decimal':
      return { kind: 'number', accepted: [{ value: a.value, tolerance: a.tolerance, credit: 1 }] };
    case 'fraction':
      return { kind: 'text', accepted: fractionAnswers(a).map((text) => ({ text, credit: 1 })) };
    case 'choice':
      return {
        kind: 'single',
        options: a.choices.map((c, i) => ({ html: escapeHtml(c), credit: i === a.correctIndex ? 1 : 0 })),
      };
    default:
      return a;
  }
}

function itemQuestion(it: PackItem, locale: Locale): GiftBankQuestion | null {
  const prompt = pick(it.prompt, locale);
  if (prompt === undefined || prompt.trim() === '') return null;
  // GIFT's general feedback is shown after any answer: an imported question's explanation, or
  // a generated item's worked solution.
  const steps = (it.solution ?? []).map((s) => pick(s, locale)).filter((s): s is string => !!s);
  const explanation =
    pick(it.explanation, locale) ??
    (steps.length > 1 ? `<ol>${steps.map((s) => `<li>${s}</li>`).join('')}</ol>` : steps[0]);
  return {
    ...(it.name !== undefined ? { name: it.name } : {}),
    prompt,
    answer: questionAnswerOf(it.answer),
    ...(explanation !== undefined ? { explanation } : {}),
  };
}

/**
 * A content pack (a pack file, or a teacher's imported bank as stored) as a bank, its texts in
 * `locale` or else the other language. Lost: hints, difficulty, prerequisites, and a generated
 * item's required written form beyond the forms `fractionAnswers` lists (docs/gift-import.md).
 */
export function giftBankOfPack(pack: ContentPack, locale: Locale): GiftBank {
  return {
    skills: pack.skills.map((s) => ({
      name: pick(s.name, locale) ?? s.id,
      lessons: (s.lessons ?? [])
        .map((l) => pick(l, locale))
        .filter((h): h is string => !!h)
        .map((html) => ({ html })),
      questions: s.items
        .map((it) => itemQuestion(it, locale))
        .filter((q): q is GiftBankQuestion => q !== null),
    })),
  };
}
