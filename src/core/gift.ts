/**
 * Importing Moodle's GIFT question format (issue 12): a pure dry run. `planGiftImport` reads a
 * whole file and says what would be imported (questions, lesson cards, the skills they create),
 * what would not and why (with line numbers), and what the sanitiser will drop that matters
 * (images, TeX, links…). It writes nothing; storing the plan, all or nothing, is a later step.
 *
 * Parsing is gift-pegjs (chosen by testing against both parsers' corpora: docs/gift-import.md).
 * The file is cut into questions at blank lines, as Moodle's own importer does, and each one is
 * parsed apart, so an error in one question is reported with its line and never stops or
 * changes the others. Every question is mapped into a complete value or into a rejection:
 * nothing half-built ever reaches the plan, and nothing is dropped without a reason.
 *
 * Rich text is converted from its GIFT format (`[moodle]` by default, `[html]`, `[markdown]`,
 * `[plain]`) to HTML and passed through the injected sanitiser (DOMPurify at the app boundary);
 * Markdown is rendered by the injected `markdown` (app/gift-read.ts). Core imports neither.
 *
 * Rejections and flags are `Message`s (`gift.*` keys, core/gift-messages.ts). A file that cannot
 * be a GIFT file at all (binary, mis-decoded, too large, nothing in it) throws a ValidationError.
 */
import { parse as parseGift, SyntaxError as GiftSyntaxError } from 'gift-pegjs';
import type { GIFTQuestion, NumericalChoice, NumericalFormat, TextChoice, TextFormat } from 'gift-pegjs';
import { CONTENT_LIMITS } from './content-pack';
import { ValidationError } from './errors';
import type {
  ChoiceOption,
  Html,
  MatchPair,
  NumberAnswer,
  QuestionAnswer,
  QuestionKind,
  TextAnswer,
} from './question';
import type { Locale } from './i18n';
import type { Difficulty, Message } from './types';

/** Limits of a GIFT bank, beyond the content packs' (CONTENT_LIMITS: skills, items, text sizes). */
export const GIFT_LIMITS = {
  /** Choices of a multiple-choice question, accepted answers, matching pairs. */
  options: 20,
  /** Code points of a plain text: a short answer, a match, a question name. */
  plainChars: 500,
  /** Code points of a skill name (as content packs). */
  skillNameChars: CONTENT_LIMITS.nameChars,
} as const;

export interface GiftImportOptions {
  /** The app's HTML sanitiser (DOMPurify): the same in the browser and the CLI. */
  readonly sanitise: (html: string) => string;
  /** Markdown → HTML (before sanitising). */
  readonly markdown: (source: string) => string;
  /** Name of the skill for questions before any `$CATEGORY:` (e.g. the file's name). */
  readonly defaultSkill?: string;
}

/** A question that will be imported. */
export interface ImportedQuestion {
  /** Stable id from the question's content (not its name, feedback or category). */
  readonly key: string;
  /** 1-based line where the question starts in the file. */
  readonly line: number;
  /** Local id of its skill (`PlannedSkill.id`). */
  readonly skill: string;
  /** The `::name::`, plain text. */
  readonly name?: string;
  /** Moodle's `// [id:…]` and `// [tag:…]` comments. */
  readonly sourceId?: string;
  readonly tags?: readonly string[];
  /** Starting level from the question's kind, until the teacher places it (issue 12, item 4). */
  readonly level: Difficulty;
  readonly prompt: Html;
  readonly answer: QuestionAnswer;
  /** General feedback (`####`), shown after any answer. */
  readonly explanation?: Html;
  /** The language its text is written in, when the source says (a spreadsheet's column). */
  readonly lang?: Locale;
}

/** A description (text with no answer): a lesson card for its skill. */
export interface LessonCard {
  readonly line: number;
  readonly skill: string;
  readonly title?: string;
  readonly html: Html;
  readonly lang?: Locale;
}

/** A skill the import creates: a `$CATEGORY:` with at least one question or lesson. */
export interface PlannedSkill {
  /** Local id (lower-case letters, digits, `-`), unique in the file. */
  readonly id: string;
  /** Plain-text name, at most GIFT_LIMITS.skillNameChars code points. */
  readonly name: string;
  /** The category as written (`$course$/top/…`); absent for the default skill. */
  readonly category?: string;
  /** Line of the `$CATEGORY:`; absent for the default skill. */
  readonly line?: number;
  readonly questions: number;
  readonly lessons: number;
  /** The language of all its questions and lessons, when they all say the same one. */
  readonly lang?: Locale;
}

export interface GiftRejection {
  /** 1-based line where the refused question starts. */
  readonly line: number;
  readonly reason: Message;
}

export type GiftFlagKind = 'image' | 'tex' | 'link' | 'media' | 'table' | 'removed' | 'name';

/** Something kept but changed, that the teacher should know about. */
export interface GiftFlag {
  readonly line: number;
  readonly kind: GiftFlagKind;
  readonly message: Message;
}

export interface GiftPlan {
  readonly questions: readonly ImportedQuestion[];
  readonly lessons: readonly LessonCard[];
  readonly skills: readonly PlannedSkill[];
  /** In line order. */
  readonly rejected: readonly GiftRejection[];
  /** In line order. */
  readonly flags: readonly GiftFlag[];
}

/** Starting level per kind: recognising is easier than recalling. */
export const LEVEL_OF_KIND: Readonly<Record<QuestionKind, Difficulty>> = {
  truefalse: 1,
  single: 1,
  multiple: 2,
  matching: 2,
  text: 3,
  number: 3,
};

/** A problem with one question: becomes a rejection. */
export class Refusal extends Error {
  readonly reason: Message;
  constructor(key: string, params: Record<string, string | number> = {}) {
    super(key);
    this.reason = { key, params };
  }
}

const refuse = (key: string, params: Record<string, string | number> = {}): never => {
  throw new Refusal(key, params);
};

// ---------------------------------------------------------------------------------------------
// Cutting the file into questions

interface Block {
  /** 1-based line of the block's first line. */
  readonly start: number;
  readonly lines: readonly string[];
}

const isComment = (l: string): boolean => /^\s*\/\//.test(l);
const isBlank = (l: string): boolean => l.trim() === '';
const CATEGORY = /^\s*\$CATEGORY:/;

/**
 * Blocks of lines separated by blank lines (Moodle's rule). A `$CATEGORY:` line directly followed
 * by a question becomes a block of its own, as its author meant; comment-only blocks are dropped.
 */
export function giftBlocks(text: string): Block[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
  const out: Block[] = [];
  let cur: string[] = [];
  let start = 1;
  const flush = () => {
    for (;;) {
      const body = cur.findIndex((l) => !isComment(l));
      if (body < 0) break;
      const first = cur[body]!;
      const rest = cur.slice(body + 1);
      if (!CATEGORY.test(first) || !rest.some((l) => !isComment(l))) {
        out.push({ start, lines: cur });
        break;
      }
      out.push({ start: start + body, lines: [first] });
      start += body + 1;
      cur = rest;
    }
    cur = [];
  };
  lines.forEach((l, i) => {
    if (isBlank(l)) {
      flush();
    } else {
      if (cur.length === 0) start = i + 1;
      cur.push(l);
    }
  });
  flush();
  return out;
}

/** The line where a block's question starts: its first line that is not a comment. */
function firstLine(b: Block): number {
  const i = b.lines.findIndex((l) => !isComment(l));
  return b.start + Math.max(0, i);
}

const SPECIAL = new Set(['~', '=', '#', '{', '}', ':']);

/** A parser error as a reason a teacher can act on. */
function syntaxReason(e: GiftSyntaxError, block: Block): Message {
  const line = block.start + e.location.start.line - 1;
  const column = e.location.start.column;
  const found = e.found;
  if (found === null) return { key: 'gift.syntaxEnd', params: { line } };
  if (e.expected.some((x) => x.type === 'other' && x.description.startsWith('a value between'))) {
    return { key: 'gift.badWeight', params: { line, column, weight: found } };
  }
  if (SPECIAL.has(found)) return { key: 'gift.syntaxSpecial', params: { line, column, char: found } };
  return { key: 'gift.syntax', params: { line, column, found: JSON.stringify(found).slice(1, -1) } };
}

// ---------------------------------------------------------------------------------------------
// Text

// Plain texts are shown as they are: control characters (but tab and line breaks) have no place.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/** A plain text (name, short answer, match): control characters out, single-spaced. */
export function plain(s: string, max: number): string {
  const t = s.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
  if (codePoints(t) > max) refuse('gift.plainTooLong', { max });
  return t;
}

/** What the sanitiser drops that a teacher should hear about, looked for before sanitising. */
const FLAGGED: readonly { kind: GiftFlagKind; re: RegExp }[] = [
  { kind: 'link', re: /<(a)\b[^>]*\bhref/i },
  { kind: 'media', re: /<(video|audio|iframe|object|embed|source)\b/i },
  { kind: 'table', re: /<(table)\b/i },
  {
    kind: 'removed',
    re: /<(script|style|form|input|button|select|textarea|svg|math|canvas|template|noscript|details)\b/i,
  },
  // Event handlers and script addresses: the sanitiser drops them, the teacher should know.
  { kind: 'removed', re: /<[a-z][^>]*\s(on[a-z]+)\s*=|(javascript):/i },
];
const IMAGE = /<img\b[^>]*>|@@PLUGINFILE@@[^\s"'<>)]*/gi;
const TEX = /\$\$[\s\S]+?\$\$|\\\([\s\S]+?\\\)|\\\[[\s\S]+?\\\]|\[tex\][\s\S]*?\[\/tex\]/i;

/** The text's visible characters, roughly: tags out, the common entities read. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;|&#160;/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, 'x')
    .trim();
}

export interface QuestionContext {
  readonly opts: GiftImportOptions;
  readonly line: number;
  readonly flags: GiftFlag[];
}

function imageNames(html: string): string {
  const names = [...html.matchAll(IMAGE)].map((m) => {
    const src = /src\s*=\s*["']?([^"'\s>]+)/i.exec(m[0])?.[1] ?? m[0];
    const file = safeDecode(src.replace(/^.*[/\\]/, '').replace(/[?#].*$/, '')) || src;
    return file.slice(0, 80);
  });
  return [...new Set(names)].join(', ');
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** GIFT text in its format → HTML, before sanitising. gift-pegjs already reads `\n` as a line break. */
function toHtml(t: TextFormat, ctx: QuestionContext): string {
  const text = t.text;
  switch (t.format) {
    case 'html':
      return text;
    case 'markdown':
      return ctx.opts.markdown(text);
    case 'plain':
      return escapeHtml(text).replace(/\n/g, '<br>');
    default:
      // Moodle's own format: HTML allowed, line breaks kept.
      return text.replace(/\n/g, '<br>');
  }
}

/**
 * One rich text, sanitised, its losses flagged. With `ifEmpty`, a text that is empty (or has
 * nothing visible left once sanitised) refuses the question with that reason; without, it is
 * left out (optional feedback).
 */
export function rich(t: TextFormat | null, ctx: QuestionContext, ifEmpty: Message | null): Html | undefined {
  if (!t || t.text.trim() === '') {
    if (ifEmpty) throw new Refusal(ifEmpty.key, { ...ifEmpty.params });
    return undefined;
  }
  if (t.text.length > CONTENT_LIMITS.richChars) {
    refuse('gift.textTooLong', { max: CONTENT_LIMITS.richChars });
  }
  const before = toHtml(t, ctx);
  flag(ctx, before, t.text);
  const html = ctx.opts.sanitise(before).trim();
  if (visibleText(html) === '') {
    if (ifEmpty) throw new Refusal(ifEmpty.key, { ...ifEmpty.params });
    return undefined;
  }
  return html;
}

function flag(ctx: QuestionContext, html: string, source: string): void {
  const add = (kind: GiftFlagKind, params: Record<string, string | number> = {}) => {
    if (!ctx.flags.some((f) => f.line === ctx.line && f.kind === kind)) {
      ctx.flags.push({ line: ctx.line, kind, message: { key: `gift.flag.${kind}`, params } });
    }
  };
  const images = imageNames(html);
  if (images) add('image', { files: images });
  if (TEX.test(source)) add('tex');
  for (const f of FLAGGED) {
    const m = f.re.exec(html);
    if (m) {
      const what = (m[1] ?? m[2] ?? '').toLowerCase();
      add(f.kind, { what: f.kind === 'removed' && /^on|^javascript/.test(what) ? what : `<${what}>` });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Answers

/** Moodle's credit: `%n%` is n/100; otherwise `=` is full marks and `~` none. */
function credit(c: { readonly isCorrect: boolean; readonly weight: number | null }): number {
  if (c.weight !== null && c.weight !== undefined) {
    if (!Number.isFinite(c.weight) || c.weight < -100 || c.weight > 100) {
      refuse('gift.badWeight', { weight: String(c.weight) });
    }
    return c.weight / 100;
  }
  return c.isCorrect ? 1 : 0;
}

const FULL = 1 - 1e-6;
const hasFullMarks = (xs: readonly { readonly credit: number }[]): boolean =>
  xs.some((x) => x.credit >= FULL);

function countOptions(n: number): void {
  if (n > GIFT_LIMITS.options) refuse('gift.tooManyOptions', { max: GIFT_LIMITS.options });
}

function choiceAnswer(choices: readonly TextChoice[], ctx: QuestionContext): QuestionAnswer {
  countOptions(choices.length);
  if (choices.length < 2) refuse('gift.tooFewOptions', { min: 2 });
  const options: ChoiceOption[] = choices.map((c, i) => {
    const feedback = rich(c.feedback, ctx, null);
    return {
      html: rich(c.text, ctx, { key: 'gift.emptyChoice', params: { n: i + 1 } })!,
      credit: credit(c),
      ...(feedback !== undefined ? { feedback } : {}),
    };
  });
  // Moodle: without an `=` answer the learner may choose several (checkboxes).
  if (choices.some((c) => c.isCorrect)) {
    if (!hasFullMarks(options)) refuse('gift.noFullMarks');
    return { kind: 'single', options };
  }
  const sum = options.reduce((s, o) => s + Math.max(0, o.credit), 0);
  if (Math.abs(sum - 1) > 1e-3) refuse('gift.weightsNot100', { sum: Math.round(sum * 1000) / 10 });
  // Thirds written as 33.333 add up to 99.999 %: within 0.1 % the right choices are scaled to
  // exactly 100 %, so choosing all of them is full marks, as the teacher meant.
  return {
    kind: 'multiple',
    options: options.map((o) => (o.credit > 0 ? { ...o, credit: o.credit / sum } : o)),
  };
}

function textAnswer(choices: readonly TextChoice[], ctx: QuestionContext): QuestionAnswer {
  countOptions(choices.length);
  const accepted: TextAnswer[] = choices.map((c, i) => {
    const text = plain(c.text.text, GIFT_LIMITS.plainChars);
    if (text === '') refuse('gift.emptyAnswer', { n: i + 1 });
    const feedback = rich(c.feedback, ctx, null);
    return { text, credit: credit(c), ...(feedback !== undefined ? { feedback } : {}) };
  });
  if (!hasFullMarks(accepted)) refuse('gift.noFullMarks');
  return { kind: 'text', accepted };
}

function numberOf(f: NumericalFormat): NumberAnswer {
  const finite = (x: number | undefined): number => {
    if (typeof x !== 'number' || !Number.isFinite(x)) refuse('gift.badNumber');
    return x as number;
  };
  if (f.type === 'high-low') {
    const min = finite(f.numberLow);
    const max = finite(f.numberHigh);
    if (min > max) refuse('gift.badRange', { min, max });
    return { min, max, credit: 1 };
  }
  const value = finite(f.number);
  const tolerance = f.type === 'range' ? finite(f.range) : 0;
  if (tolerance < 0) refuse('gift.badRange', { min: value - tolerance, max: value + tolerance });
  return { value, tolerance, credit: 1 };
}

/** A numerical choice's value; `~*` (parsed as text) is "any other answer". */
function numberOfChoice(c: NumericalChoice): NumberAnswer {
  const t: unknown = c.text;
  if (t !== null && typeof t === 'object' && 'text' in t && typeof t.text === 'string') {
    if (t.text.trim() === '*') return { any: true, credit: 0 };
    refuse('gift.badNumber');
  }
  return numberOf(c.text);
}

function numberAnswer(choices: NumericalChoice[] | NumericalFormat, ctx: QuestionContext): QuestionAnswer {
  if (!Array.isArray(choices)) return { kind: 'number', accepted: [numberOf(choices)] };
  countOptions(choices.length);
  if (choices.length === 0) refuse('gift.noFullMarks');
  const accepted: NumberAnswer[] = choices.map((c) => {
    const feedback = rich(c.feedback, ctx, null);
    return { ...numberOfChoice(c), credit: credit(c), ...(feedback !== undefined ? { feedback } : {}) };
  });
  if (!hasFullMarks(accepted)) refuse('gift.noFullMarks');
  return { kind: 'number', accepted };
}

function matchingAnswer(
  pairs: readonly { readonly subquestion: TextFormat; readonly subanswer: string }[],
  ctx: QuestionContext,
): QuestionAnswer {
  countOptions(pairs.length);
  const out: MatchPair[] = [];
  const distractors: string[] = [];
  pairs.forEach((p, i) => {
    // gift-pegjs leaves a match's escapes encoded (`\:` as `&&058;`): read them as characters.
    const match = plain(decodePegEscapes(p.subanswer), GIFT_LIMITS.plainChars);
    if (match === '') refuse('gift.emptyPair', { n: i + 1 });
    // `= -> answer`: a match of no prompt (Moodle's extra wrong answer).
    if (p.subquestion.text.trim() === '') distractors.push(match);
    else {
      out.push({ prompt: rich(p.subquestion, ctx, { key: 'gift.emptyPair', params: { n: i + 1 } })!, match });
    }
  });
  if (out.length < 2) refuse('gift.tooFewPairs', { min: 2 });
  return { kind: 'matching', pairs: out, distractors };
}

/** gift-pegjs's encoding of an escaped character it did not decode (`&&058;` for `:`). */
function decodePegEscapes(s: string): string {
  return s.replace(/&&(\d{2,3});/g, (_, d: string) => String.fromCharCode(Number(d)));
}

// ---------------------------------------------------------------------------------------------
// Stable keys

/** cyrb53 (public domain): a fast 53-bit string hash; two halves → 14 hex digits. */
function hash53(s: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  const n = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return n.toString(16).padStart(14, '0');
}

/**
 * The question's key: its kind, name, text and answers with their credit, as the parser read
 * them (before HTML conversion and sanitising, so a new sanitiser or Markdown version keeps
 * keys), whitespace-collapsed. Feedback and the category are not part of it: fixing a typo in
 * feedback or moving a question to another category keeps its history.
 */
export function questionKey(kind: QuestionKind, name: string, stem: TextFormat, raw: unknown): string {
  const canon = JSON.stringify([kind, name, stem.format, stem.text.replace(/\s+/g, ' ').trim(), raw]);
  return `g${hash53(canon)}`;
}

/** The answer-defining parts of a parsed question (no feedback), for its key. */
function rawAnswer(q: GIFTQuestion): unknown {
  const t = (x: TextFormat) => [x.format, x.text.replace(/\s+/g, ' ').trim()];
  switch (q.type) {
    case 'MC':
    case 'Short':
      return q.choices.map((c) => [t(c.text), credit(c)]);
    case 'Numerical':
      return Array.isArray(q.choices) ? q.choices.map((c) => [c.text, credit(c)]) : q.choices;
    case 'TF':
      return q.isTrue;
    case 'Matching':
      return q.matchPairs.map((p) => [t(p.subquestion), p.subanswer.trim()]);
    default:
      return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Skills

const CONTEXT = /^\$[a-z0-9]+\$$/i;

/** `$course$/top/Algebra/Linear` → ["Algebra", "Linear"] (Moodle writes a `/` in a name as `//`). */
function categoryPath(title: string): string[] {
  const segs = title
    .replace(/\/\//g, '\uE000')
    .split('/')
    .map((s) => s.replace(/\uE000/g, '/').trim())
    .filter((s) => s !== '');
  if (segs[0] !== undefined && CONTEXT.test(segs[0])) segs.shift();
  if (segs[0]?.toLowerCase() === 'top') segs.shift();
  return segs;
}

function slug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
}

interface SkillSlot {
  id: string;
  name: string;
  category?: string;
  line?: number;
  questions: number;
  lessons: number;
}

class SkillTable {
  readonly #byCategory = new Map<string, SkillSlot>();
  readonly #ids = new Set<string>();
  readonly slots: SkillSlot[] = [];
  readonly #defaultName: string;

  constructor(defaultName: string) {
    this.#defaultName = defaultName;
  }

  /** The skill of a category (undefined: the default skill), made on first use. */
  get(category: string | undefined, line: number | undefined, flags: GiftFlag[]): SkillSlot {
    const k = category ?? '';
    const known = this.#byCategory.get(k);
    if (known) return known;
    const path = category === undefined ? [] : categoryPath(category);
    const full = plainName(path.length > 0 ? path.join(' / ') : this.#defaultName);
    let name = full;
    if (codePoints(name) > GIFT_LIMITS.skillNameChars) {
      const last = plainName(path[path.length - 1] ?? full);
      name =
        codePoints(last) > GIFT_LIMITS.skillNameChars
          ? `${[...last].slice(0, GIFT_LIMITS.skillNameChars - 1).join('')}…`
          : last;
      flags.push({
        line: line ?? 1,
        kind: 'name',
        message: { key: 'gift.flag.name', params: { name, full } },
      });
    }
    const base = slug(full) || `c-${hash53(k).slice(0, 8)}`;
    let id = base;
    for (let n = 2; this.#ids.has(id); n++) id = `${base}-${n}`;
    this.#ids.add(id);
    const slot: SkillSlot = {
      id,
      name: name || 'GIFT',
      ...(category !== undefined ? { category } : {}),
      ...(line !== undefined ? { line } : {}),
      questions: 0,
      lessons: 0,
    };
    this.#byCategory.set(k, slot);
    this.slots.push(slot);
    return slot;
  }
}

function plainName(s: string): string {
  return s.replace(CONTROL, '').replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------
// The plan

/** One parsed question → its answer, or a Refusal. */
function answerOf(q: GIFTQuestion, ctx: QuestionContext): QuestionAnswer {
  const type: string = q.type;
  switch (q.type) {
    case 'MC':
      return choiceAnswer(q.choices, ctx);
    case 'Short':
      return textAnswer(q.choices, ctx);
    case 'Numerical':
      return numberAnswer(q.choices, ctx);
    case 'Matching':
      return matchingAnswer(q.matchPairs, ctx);
    case 'TF': {
      // Moodle: the first feedback is for a wrong answer, the second for a right one, whether
      // the statement is TRUE or FALSE. gift-pegjs 1.x names them by position only
      // (`trueFeedback` is the first), so they are read by position.
      const wrong = rich(q.trueFeedback, ctx, null);
      const right = rich(q.falseFeedback, ctx, null);
      return {
        kind: 'truefalse',
        correct: q.isTrue,
        ...(right !== undefined ? { feedbackRight: right } : {}),
        ...(wrong !== undefined ? { feedbackWrong: wrong } : {}),
      };
    }
    case 'Essay':
      return refuse('gift.essay');
    default:
      return refuse('gift.unknownType', { type });
  }
}

export interface Pending {
  readonly line: number;
  readonly category: string | undefined;
  readonly categoryLine: number | undefined;
  readonly item:
    { readonly lesson: Omit<LessonCard, 'skill'> } | { readonly question: Omit<ImportedQuestion, 'skill'> };
}

/**
 * The dry run of importing a GIFT file. Never throws for a problem in one question (it is a
 * rejection with its line); throws ValidationError (`gift.*`) only for a file that is not GIFT
 * text at all.
 */
export function planGiftImport(text: string, opts: GiftImportOptions): GiftPlan {
  if (text.length > CONTENT_LIMITS.textChars) {
    throw new ValidationError('gift.tooLarge', { max: Math.round(CONTENT_LIMITS.textChars / 1024) });
  }
  if (text.includes('\u0000')) throw new ValidationError('gift.binary');
  if (text.includes('\uFFFD')) throw new ValidationError('gift.encoding');

  const rejected: GiftRejection[] = [];
  const flags: GiftFlag[] = [];
  const pending: Pending[] = [];
  let category: string | undefined;
  let categoryLine: number | undefined;
  const seen = new Map<string, number>();

  const blocks = giftBlocks(text);
  if (blocks.length === 0) throw new ValidationError('gift.empty');
  for (const block of blocks) {
    const line = firstLine(block);
    const head = block.lines[line - block.start]!;
    if (CATEGORY.test(head)) {
      // As Moodle reads it: the rest of the line, as written (giftBlocks gave it a block).
      const name = head.replace(CATEGORY, '').trim();
      category = name === '' ? undefined : name;
      categoryLine = line;
      continue;
    }
    let parsed: GIFTQuestion[];
    try {
      parsed = parseGift(block.lines.join('\n'));
    } catch (e) {
      rejected.push({
        line,
        reason:
          e instanceof GiftSyntaxError ? syntaxReason(e, block) : { key: 'gift.unreadable', params: {} },
      });
      continue;
    }
    for (const q of parsed) {
      if (q.type === 'Category') {
        category = q.title;
        categoryLine = line;
        continue;
      }
      // Flags of a refused question are dropped with it: its rejection says enough.
      const qFlags: GiftFlag[] = [];
      const ctx: QuestionContext = { opts, line, flags: qFlags };
      try {
        const title = q.title ? plain(q.title, GIFT_LIMITS.plainChars) : '';
        if (q.type === 'Description') {
          const html = rich(q.stem, ctx, { key: 'gift.emptyPrompt' })!;
          pending.push({
            line,
            category,
            categoryLine,
            item: { lesson: { line, html, ...(title ? { title } : {}) } },
          });
        } else {
          const answer = answerOf(q, ctx);
          const prompt = rich(q.stem, ctx, { key: 'gift.emptyPrompt' })!;
          const explanation = rich(q.globalFeedback, ctx, null);
          const key = questionKey(answer.kind, title, q.stem, rawAnswer(q));
          const first = seen.get(key);
          if (first !== undefined) refuse('gift.duplicate', { first });
          seen.set(key, line);
          const tags = (q.tags ?? []).map((t) => plain(t, GIFT_LIMITS.plainChars)).filter((t) => t !== '');
          pending.push({
            line,
            category,
            categoryLine,
            item: {
              question: {
                key,
                line,
                ...(title ? { name: title } : {}),
                ...(q.id ? { sourceId: plain(q.id, GIFT_LIMITS.plainChars) } : {}),
                ...(tags.length > 0 ? { tags } : {}),
                level: LEVEL_OF_KIND[answer.kind],
                prompt,
                answer,
                ...(explanation !== undefined ? { explanation } : {}),
              },
            },
          });
        }
        flags.push(...qFlags);
      } catch (e) {
        if (e instanceof Refusal) rejected.push({ line, reason: e.reason });
        // Anything else is a bug here or in a library: refuse the question, never the file.
        else rejected.push({ line, reason: { key: 'gift.unreadable', params: {} } });
      }
    }
  }
  return assemble(pending, rejected, flags, opts);
}

/** Skills for the pending items, with the counts and limits of content packs. */
export function assemble(
  pending: readonly Pending[],
  rejected: GiftRejection[],
  flags: GiftFlag[],
  opts: GiftImportOptions,
): GiftPlan {
  const table = new SkillTable(opts.defaultSkill?.trim() || 'GIFT');
  const questions: ImportedQuestion[] = [];
  const lessons: LessonCard[] = [];
  for (const p of pending) {
    const isNew = !table.slots.some((s) => (s.category ?? '') === (p.category ?? ''));
    if (isNew && table.slots.length >= CONTENT_LIMITS.skills) {
      rejected.push({
        line: p.line,
        reason: { key: 'gift.tooManySkills', params: { max: CONTENT_LIMITS.skills } },
      });
      continue;
    }
    const slot = table.get(p.category, p.categoryLine, flags);
    if ('lesson' in p.item) {
      lessons.push({ ...p.item.lesson, skill: slot.id });
      slot.lessons += 1;
      continue;
    }
    if (questions.length >= CONTENT_LIMITS.items) {
      rejected.push({
        line: p.line,
        reason: { key: 'gift.tooManyQuestions', params: { max: CONTENT_LIMITS.items } },
      });
      continue;
    }
    if (slot.questions >= CONTENT_LIMITS.itemsPerSkill) {
      rejected.push({
        line: p.line,
        reason: {
          key: 'gift.tooManyInSkill',
          params: { skill: slot.name, max: CONTENT_LIMITS.itemsPerSkill },
        },
      });
      continue;
    }
    questions.push({ ...p.item.question, skill: slot.id });
    slot.questions += 1;
  }
  const byLine = <T extends { readonly line: number }>(a: T, b: T) => a.line - b.line;
  return {
    questions,
    lessons,
    skills: table.slots.filter((s) => s.questions + s.lessons > 0).map((s) => ({ ...s })),
    rejected: rejected.sort(byLine),
    flags: flags.sort(byLine),
  };
}
