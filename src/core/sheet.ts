/**
 * Importing questions from a spreadsheet (issue 12, deliverable 2): a pure dry run, like the GIFT
 * import (core/gift.ts), giving the same `GiftPlan`, so both take the same preview and store path.
 *
 * The file is CSV as Excel and LibreOffice save it: comma, semicolon (Excel where the decimal
 * separator is a comma) or tab ("Unicode text"), found from the header row; RFC 4180 quoting
 * (quotes doubled, line breaks inside quotes); CRLF or LF. Parsing is papaparse (docs/gift-import.md
 * says why); this module is only loaded with a teacher's import, never in the first load.
 * Decoding bytes (UTF-8, UTF-16, GB18030) is the app's (app/sheet-read.ts).
 *
 * The columns and the words they accept are in core/sheet-format.ts. Each row becomes a complete
 * question, a lesson card, or a refusal with its row number (the header is row 1, as Excel counts)
 * and a reason (`sheet.*` and `gift.*` keys, core/sheet-messages.ts and core/gift-messages.ts).
 * Empty rows are skipped; nothing else is ever dropped without a reason.
 *
 * Cells are plain text: escaped, then passed through the app's sanitiser as any rich text; a row
 * may say `html` or `markdown` in its format column. A question's key is computed by gift.ts's
 * `questionKey` from the same parts GIFT gives it, so a question typed in a sheet and the same
 * question in a GIFT file have the same key (and history).
 */
import Papa from 'papaparse';
import type { TextFormat } from 'gift-pegjs';
import { CONTENT_LIMITS } from './content-pack';
import { ValidationError } from './errors';
import {
  assemble,
  GIFT_LIMITS,
  LEVEL_OF_KIND,
  plain,
  questionKey,
  Refusal,
  rich,
  type GiftFlag,
  type GiftImportOptions,
  type GiftPlan,
  type GiftRejection,
  type Pending,
  type QuestionContext,
} from './gift';
import type { Locale } from './i18n';
import { foldText, type ChoiceOption, type Html, type NumberAnswer, type QuestionAnswer } from './question';
import {
  optionLetter,
  sheetBoolean,
  sheetColumn,
  sheetFormat,
  sheetLanguage,
  sheetLevel,
  sheetType,
  type SheetColumn,
  type SheetField,
  type SheetTextFormat,
} from './sheet-format';
import type { Message } from './types';

export type SheetDelimiter = ',' | ';' | '\t';

/** A spreadsheet's plan: a GiftPlan (lines are spreadsheet rows), and how the file was read. */
export interface SheetPlan extends GiftPlan {
  readonly delimiter: SheetDelimiter;
  /** Rows read, not counting the header and empty rows: each is a question, a lesson or refused. */
  readonly rows: number;
}

const DELIMITERS: readonly SheetDelimiter[] = ['\t', ';', ','];

function refuse(key: string, params: Record<string, string | number> = {}): never {
  throw new Refusal(key, params);
}

/** Excel's name of column i (0 → A, 26 → AA). */
function columnName(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** At most `n` code points, with an ellipsis: a cell quoted in a message. */
function clip(s: string, n = 40): string {
  const cps = [...s.replace(/\s+/g, ' ').trim()];
  return cps.length > n ? `${cps.slice(0, n - 1).join('')}…` : cps.join('');
}

// ---------------------------------------------------------------------------------------------
// The header and the delimiter

interface Header {
  readonly delimiter: SheetDelimiter;
  /** The text after an Excel `sep=` line, line breaks as LF. */
  readonly body: string;
  readonly cells: readonly string[];
  /** Distinct columns Lantern reads. */
  readonly known: number;
}

/**
 * How a text would be read as a sheet: the delimiter whose header row names the most columns
 * Lantern reads (ties: tab, then semicolon, then comma), or the one an Excel `sep=;` first line
 * names. Null when no delimiter gives a header naming any column.
 */
export function sheetHeader(text: string): Header | null {
  let body = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  let only: readonly SheetDelimiter[] = DELIMITERS;
  const sep = /^"?sep=(.)"?[,;\t]*\n/i.exec(body);
  if (sep) {
    const d = DELIMITERS.find((x) => x === sep[1]);
    if (d) only = [d];
    body = body.slice(sep[0].length);
  }
  let best: Header | null = null;
  for (const delimiter of only) {
    const cells = Papa.parse(body, { delimiter, newline: '\n', preview: 1 }).data[0] ?? [];
    const known = new Set(
      cells.map((c) => sheetColumn(c)).flatMap((c) => (c ? ['field' in c ? c.field : `o${c.option}`] : [])),
    ).size;
    if (known > 0 && (!best || known > best.known)) best = { delimiter, body, cells, known };
  }
  return best;
}

interface Columns {
  readonly fields: ReadonlyMap<SheetField, number>;
  /** Option number → column index, in option order. */
  readonly options: ReadonlyMap<number, number>;
  /** Columns with no name Lantern reads. */
  readonly ignored: readonly number[];
}

function readColumns(cells: readonly string[], flags: GiftFlag[]): Columns {
  const fields = new Map<SheetField, number>();
  const options = new Map<number, number>();
  const ignored: number[] = [];
  const seen = new Map<string, number>();
  cells.forEach((cell, i) => {
    const c: SheetColumn | null = sheetColumn(cell);
    if (!c) {
      ignored.push(i);
      if (cell.trim() !== '') {
        flags.push({
          line: 1,
          kind: 'removed',
          message: { key: 'sheet.flag.column', params: { name: clip(cell), column: columnName(i) } },
        });
      }
      return;
    }
    const id = 'field' in c ? c.field : `option${c.option}`;
    const first = seen.get(id);
    if (first !== undefined) {
      throw new ValidationError('sheet.duplicateColumn', {
        name: clip(cell),
        column: columnName(i),
        first: columnName(first),
      });
    }
    seen.set(id, i);
    if ('field' in c) fields.set(c.field, i);
    else options.set(c.option, i);
  });
  if (!fields.has('question') || !fields.has('type')) {
    throw new ValidationError('sheet.missingColumns', { found: clip(cells.join(', '), 80) });
  }
  const sorted = new Map([...options].sort((a, b) => a[0] - b[0]));
  return { fields, options: sorted, ignored };
}

// ---------------------------------------------------------------------------------------------
// Cells

interface Row {
  readonly line: number;
  readonly cells: readonly string[];
  readonly columns: Columns;
  readonly header: readonly string[];
}

function cell(row: Row, f: SheetField): string {
  const i = row.columns.fields.get(f);
  return i === undefined ? '' : (row.cells[i] ?? '').trim();
}

/** The row's non-empty option cells: option number → text. */
function optionCells(row: Row): Map<number, string> {
  const out = new Map<number, string>();
  for (const [n, i] of row.columns.options) {
    const t = (row.cells[i] ?? '').trim();
    if (t !== '') out.set(n, t);
  }
  return out;
}

/** Refuses a row that fills a column its type has no use for (never ignored silently). */
function mustBeEmpty(row: Row, type: string, fields: readonly SheetField[], options: boolean): void {
  for (const f of fields) {
    const i = row.columns.fields.get(f);
    if (i !== undefined && (row.cells[i] ?? '').trim() !== '') {
      refuse('sheet.unexpectedCell', { column: clip(row.header[i] ?? ''), type: clip(type) });
    }
  }
  if (options) {
    for (const [, i] of row.columns.options) {
      if ((row.cells[i] ?? '').trim() !== '') {
        refuse('sheet.unexpectedCell', { column: clip(row.header[i] ?? ''), type: clip(type) });
      }
    }
  }
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

/**
 * A cell as sanitised HTML (gift.ts's `rich`: length, flags, sanitiser, empty check). A plain
 * cell is escaped and keeps its line breaks. GIFT reads `\n` as a line break; a cell does not, so
 * its backslashes before `n` are written as an entity that `rich` leaves alone.
 */
function richCell(
  s: string,
  format: SheetTextFormat,
  ctx: QuestionContext,
  ifEmpty: Message | null,
): Html | undefined {
  if (s.length > CONTENT_LIMITS.richChars) refuse('gift.textTooLong', { max: CONTENT_LIMITS.richChars });
  const html =
    format === 'plain'
      ? escapeHtml(s).replace(/\n/g, '<br>')
      : format === 'markdown' && s.trim() !== ''
        ? ctx.opts.markdown(s)
        : s;
  return rich({ format: 'html', text: html.replace(/\\n/g, '&#92;n') }, ctx, ifEmpty);
}

/**
 * A cell as GIFT would give it to the key: a plain cell reads as Moodle's own format when that
 * shows it the same (no `<`, `&` or `\`), so the GIFT `What is 2+2? {=4 ~3}` and the same row
 * in a sheet have one key.
 */
function keyText(s: string, format: SheetTextFormat): TextFormat {
  const f = format === 'plain' ? (/[<&\\]/.test(s) ? 'plain' : 'moodle') : format;
  return { format: f, text: s };
}

const keyPart = (s: string, format: SheetTextFormat): [string, string] => {
  const t = keyText(s, format);
  return [t.format, t.text.replace(/\s+/g, ' ').trim()];
};

/** Several answers in one cell: separated by `|` or line breaks (Alt+Enter in Excel). */
function pieces(s: string): string[] {
  return s
    .split(/\s*\|\s*|\n/)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

// ---------------------------------------------------------------------------------------------
// Answers

/** The option numbers an answer cell names: "C", "A, C", "AC", "1;3", "A、C", or an option's text. */
function rightOptions(answer: string, options: ReadonlyMap<number, string>): number[] {
  const a = answer.normalize('NFKC').trim();
  const tokens = a
    .toUpperCase()
    .split(/[\s,，、;；|/&+]+|和|与|及/)
    .filter((t) => t !== '');
  let picked: number[] | null = tokens.length > 0 ? [] : null;
  const numbers: number[] = [];
  for (const t of tokens) {
    if (/^[A-T]+$/.test(t)) {
      for (const ch of t) picked?.push(ch.charCodeAt(0) - 64);
    } else if (/^\d{1,2}$/.test(t)) {
      picked?.push(Number(t));
      numbers.push(Number(t));
    } else {
      picked = null;
      break;
    }
  }
  const valid =
    picked !== null && new Set(picked).size === picked.length && picked.every((n) => options.has(n));
  if (!valid) {
    // Not option letters or numbers ("Paris" reads as letters P, A, R, I, S): an option's text.
    const hits = [...options].filter(([, t]) => foldText(t) === foldText(a));
    if (hits.length === 1) return [hits[0]![0]];
    const missing = picked?.find((n) => !options.has(n));
    const word = tokens.some((t) => /^[A-T]{2,}$/.test(t));
    if (picked && !word && new Set(picked).size === picked.length && missing !== undefined) {
      refuse('sheet.missingOption', { option: optionLetter(missing), n: missing });
    }
    refuse('sheet.badChoiceAnswer', { answer: clip(a) });
  }
  picked = picked!;
  // "3" among the options 2, 3, 4, 5: option 3 (which reads 4), or the option that reads 3?
  for (const n of numbers) {
    const same = [...options].find(([m, t]) => m !== n && foldText(t) === String(n));
    if (same) refuse('sheet.ambiguousChoice', { answer: clip(a), letter: optionLetter(n), n });
  }
  return picked.sort((x, y) => x - y);
}

// A number as a teacher types it, after NFKC: decimal point or decimal comma, exponent.
const NUM = String.raw`[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d{1,3})?`;
const SIMPLE = new RegExp(`^(${NUM})$`, 'i');
const TOLERANCE = new RegExp(`^(${NUM})(?::|±|\\+-|\\+/-)(${NUM})$`, 'i');
const RANGE = new RegExp(`^(${NUM})\\.\\.(${NUM})$`, 'i');

type NumericalFormat =
  | { type: 'simple'; number: number }
  | { type: 'range'; number: number; range: number }
  | { type: 'high-low'; numberHigh: number; numberLow: number };

/**
 * One accepted number: "42", "3.14±0.01" (or "3.14:0.01", GIFT's), "1..5"; a decimal comma
 * ("3,5") is read as a point. With the GIFT shape of the same answer, for the key.
 */
function numberPiece(s: string): { answer: NumberAnswer; raw: NumericalFormat } {
  let t = s
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/\u2212/g, '-');
  if (t.includes(',')) {
    // A decimal comma (European Excel): "3,5", "3,14±0,01", "1,5..2,5". Next to a point
    // ("1.000,5") or before exactly three digits ("1,000", "2,500") it may be a thousands
    // separator: refused with a reason rather than guessed.
    if ((t.includes('.') && !t.includes('..')) || /\d,\d{3}(?!\d)/.test(t)) {
      refuse('sheet.ambiguousNumber', { answer: clip(s) });
    }
    t = t.replace(/,/g, '.');
  }
  const finite = (x: string | undefined): number => {
    const v = Number(x);
    if (x === undefined || !Number.isFinite(v)) refuse('sheet.badNumber', { answer: clip(s) });
    return v;
  };
  let m = SIMPLE.exec(t);
  if (m) {
    const value = finite(m[1]);
    return { answer: { value, tolerance: 0, credit: 1 }, raw: { type: 'simple', number: value } };
  }
  m = TOLERANCE.exec(t);
  if (m) {
    const value = finite(m[1]);
    const tolerance = finite(m[2]);
    if (tolerance < 0) refuse('gift.badRange', { min: value - tolerance, max: value + tolerance });
    return {
      answer: { value, tolerance, credit: 1 },
      raw: { type: 'range', number: value, range: tolerance },
    };
  }
  m = RANGE.exec(t);
  if (m) {
    const min = finite(m[1]);
    const max = finite(m[2]);
    if (min > max) refuse('gift.badRange', { min, max });
    return { answer: { min, max, credit: 1 }, raw: { type: 'high-low', numberHigh: max, numberLow: min } };
  }
  return refuse('sheet.badNumber', { answer: clip(s) });
}

interface Built {
  readonly answer: QuestionAnswer;
  /** The parts GIFT would give `questionKey` for the same question. */
  readonly raw: unknown;
}

function choiceQuestion(
  row: Row,
  type: 'single' | 'multiple' | 'choice',
  format: SheetTextFormat,
  feedback: Html | undefined,
  ctx: QuestionContext,
): Built {
  const cells = optionCells(row);
  if (cells.size > GIFT_LIMITS.options) refuse('gift.tooManyOptions', { max: GIFT_LIMITS.options });
  if (cells.size < 2) refuse('gift.tooFewOptions', { min: 2 });
  const answer = cell(row, 'answer');
  if (answer === '') refuse('sheet.noAnswer');
  const right = new Set(rightOptions(answer, cells));
  const kind = type === 'choice' ? (right.size > 1 ? 'multiple' : 'single') : type;
  if (kind === 'single' && right.size > 1) refuse('sheet.severalRight', { answer: clip(answer) });
  // Several right: equal shares of full marks; a wrong choice takes it all back (Moodle's
  // documented example, −100 %), so choosing every option is not full marks.
  const creditOf = (n: number) =>
    right.has(n) ? (kind === 'single' ? 1 : 1 / right.size) : kind === 'single' ? 0 : -1;
  const options: ChoiceOption[] = [];
  const raw: unknown[] = [];
  let i = 0;
  for (const [n, text] of cells) {
    i += 1;
    const credit = creditOf(n);
    const html = richCell(text, format, ctx, { key: 'gift.emptyChoice', params: { n: i } })!;
    options.push({ html, credit, ...(credit <= 0 && feedback !== undefined ? { feedback } : {}) });
    raw.push([keyPart(text, format), credit]);
  }
  return { answer: { kind, options }, raw };
}

function matchingQuestion(row: Row, format: SheetTextFormat, ctx: QuestionContext): Built {
  const cells = optionCells(row);
  if (cells.size > GIFT_LIMITS.options) refuse('gift.tooManyOptions', { max: GIFT_LIMITS.options });
  const pairs: { prompt: Html; match: string }[] = [];
  const distractors: string[] = [];
  const raw: unknown[] = [];
  let i = 0;
  for (const [, text] of cells) {
    i += 1;
    const arrow = /\s*(?:->|→|=>)\s*/.exec(text);
    const left = arrow ? text.slice(0, arrow.index) : '';
    const right = arrow ? text.slice(arrow.index + arrow[0].length) : text;
    const match = plain(right, GIFT_LIMITS.plainChars);
    if (match === '') refuse('gift.emptyPair', { n: i });
    if (left.trim() === '') distractors.push(match);
    else {
      pairs.push({
        prompt: richCell(left, format, ctx, { key: 'gift.emptyPair', params: { n: i } })!,
        match,
      });
    }
    raw.push([keyPart(left, format), right.trim()]);
  }
  if (pairs.length < 2) refuse('gift.tooFewPairs', { min: 2 });
  return { answer: { kind: 'matching', pairs, distractors }, raw };
}

/** One row → a pending question or lesson; throws a Refusal. */
function readRow(row: Row, ctx: QuestionContext, seen: Map<string, number>): Pending {
  const typeCell = cell(row, 'type');
  if (typeCell === '') refuse('sheet.noType');
  const type = sheetType(typeCell) ?? refuse('sheet.unknownType', { type: clip(typeCell) });
  if (type === 'essay') refuse('gift.essay');
  const formatCell = cell(row, 'format');
  const format =
    formatCell === ''
      ? 'plain'
      : (sheetFormat(formatCell) ?? refuse('sheet.badFormat', { format: clip(formatCell) }));
  const langCell = cell(row, 'language');
  const lang: Locale | undefined =
    langCell === ''
      ? undefined
      : (sheetLanguage(langCell) ?? refuse('sheet.badLanguage', { language: clip(langCell) }));
  const levelCell = cell(row, 'level');
  const level =
    levelCell === ''
      ? undefined
      : (sheetLevel(levelCell) ?? refuse('sheet.badLevel', { level: clip(levelCell) }));
  const name = plain(cell(row, 'name'), GIFT_LIMITS.plainChars);
  const skill = cell(row, 'skill');
  const base = { line: row.line, category: skill === '' ? undefined : skill, categoryLine: row.line };
  const question = cell(row, 'question');

  if (type === 'lesson') {
    mustBeEmpty(row, typeCell, ['answer', 'feedback', 'explanation', 'level'], true);
    const html = richCell(question, format, ctx, { key: 'gift.emptyPrompt' })!;
    return {
      ...base,
      item: { lesson: { line: row.line, html, ...(name ? { title: name } : {}), ...(lang ? { lang } : {}) } },
    };
  }

  const feedbackCell = cell(row, 'feedback');
  if (type === 'matching' && feedbackCell !== '') refuse('sheet.feedbackMatching');
  const feedback = richCell(feedbackCell, format, ctx, null);
  let built: Built;
  switch (type) {
    case 'single':
    case 'multiple':
    case 'choice':
      built = choiceQuestion(row, type, format, feedback, ctx);
      break;
    case 'truefalse': {
      mustBeEmpty(row, typeCell, [], true);
      const a = cell(row, 'answer');
      if (a === '') refuse('sheet.noAnswer');
      const correct = sheetBoolean(a) ?? refuse('sheet.badTrueFalse', { answer: clip(a) });
      built = {
        answer: {
          kind: 'truefalse',
          correct,
          ...(feedback !== undefined ? { feedbackWrong: feedback } : {}),
        },
        raw: correct,
      };
      break;
    }
    case 'text': {
      mustBeEmpty(row, typeCell, [], true);
      const answers = pieces(cell(row, 'answer'));
      if (answers.length === 0) refuse('sheet.noAnswer');
      if (answers.length > GIFT_LIMITS.options) refuse('gift.tooManyOptions', { max: GIFT_LIMITS.options });
      const accepted = answers.map((t) => ({ text: plain(t, GIFT_LIMITS.plainChars), credit: 1 }));
      // Wrong-answer feedback is Moodle's "any other answer" (`*`, no credit); not in the key.
      built = {
        answer: {
          kind: 'text',
          accepted: feedback !== undefined ? [...accepted, { text: '*', credit: 0, feedback }] : accepted,
        },
        raw: answers.map((t) => [keyPart(t, 'plain'), 1]),
      };
      break;
    }
    case 'number': {
      mustBeEmpty(row, typeCell, [], true);
      const answers = pieces(cell(row, 'answer'));
      if (answers.length === 0) refuse('sheet.noAnswer');
      if (answers.length > GIFT_LIMITS.options) refuse('gift.tooManyOptions', { max: GIFT_LIMITS.options });
      const read = answers.map(numberPiece);
      const accepted: NumberAnswer[] = read.map((r) => r.answer);
      built = {
        answer: {
          kind: 'number',
          accepted: feedback !== undefined ? [...accepted, { any: true, credit: 0, feedback }] : accepted,
        },
        raw: read.length === 1 ? read[0]!.raw : read.map((r) => [r.raw, 1]),
      };
      break;
    }
    case 'matching':
      mustBeEmpty(row, typeCell, ['answer'], false);
      built = matchingQuestion(row, format, ctx);
      break;
  }
  const prompt = richCell(question, format, ctx, { key: 'gift.emptyPrompt' })!;
  const explanation = richCell(cell(row, 'explanation'), format, ctx, null);
  const key = questionKey(built.answer.kind, name, keyText(question, format), built.raw);
  const first = seen.get(key);
  if (first !== undefined) refuse('sheet.duplicate', { first });
  seen.set(key, row.line);
  return {
    ...base,
    item: {
      question: {
        key,
        line: row.line,
        ...(name ? { name } : {}),
        level: level ?? LEVEL_OF_KIND[built.answer.kind],
        prompt,
        answer: built.answer,
        ...(explanation !== undefined ? { explanation } : {}),
        ...(lang ? { lang } : {}),
      },
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The plan

/**
 * The dry run of importing a spreadsheet saved as CSV (text already decoded). Never throws for a
 * problem in one row (a rejection with its row number); throws ValidationError (`sheet.*`) for a
 * file that cannot be a question sheet: too large, binary or mis-decoded, no header naming a
 * `type` and a `question` column, a column named twice, no rows.
 */
export function planSheetImport(text: string, opts: GiftImportOptions): SheetPlan {
  if (text.length > CONTENT_LIMITS.textChars) {
    throw new ValidationError('sheet.tooLarge', { max: Math.round(CONTENT_LIMITS.textChars / 1024) });
  }
  if (text.includes('\u0000')) throw new ValidationError('sheet.binary');
  if (text.includes('\uFFFD')) throw new ValidationError('sheet.encoding');
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new ValidationError('sheet.empty');
  const header = sheetHeader(text);
  if (!header) {
    const first = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/, 1)[0] ?? '';
    throw new ValidationError('sheet.missingColumns', { found: clip(first, 80) });
  }
  const flags: GiftFlag[] = [];
  const columns = readColumns(header.cells, flags);
  const parsed = Papa.parse(header.body, { delimiter: header.delimiter, newline: '\n', quoteChar: '"' });
  const broken = new Map<number, string>();
  for (const e of parsed.errors) {
    if (e.row !== undefined && !broken.has(e.row)) {
      broken.set(e.row, e.code === 'MissingQuotes' ? 'sheet.unclosedQuote' : 'sheet.badQuotes');
    }
  }
  const rejected: GiftRejection[] = [];
  const pending: Pending[] = [];
  const seen = new Map<string, number>();
  const unnamed = new Set<number>();
  let rows = 0;
  parsed.data.forEach((cells, i) => {
    if (i === 0) return;
    const line = i + 1;
    const brokenKey = broken.get(i);
    if (cells.every((c) => c.trim() === '') && brokenKey === undefined) return;
    rows += 1;
    if (brokenKey !== undefined) {
      rejected.push({ line, reason: { key: brokenKey, params: {} } });
      return;
    }
    for (const c of columns.ignored) {
      if ((cells[c] ?? '').trim() !== '' && (header.cells[c] ?? '').trim() === '') unnamed.add(c);
    }
    if (cells.slice(header.cells.length).some((c) => c.trim() !== '')) {
      rejected.push({ line, reason: { key: 'sheet.extraCells', params: { columns: header.cells.length } } });
      return;
    }
    const qFlags: GiftFlag[] = [];
    const ctx: QuestionContext = { opts, line, flags: qFlags };
    try {
      pending.push(readRow({ line, cells, columns, header: header.cells }, ctx, seen));
      flags.push(...qFlags);
    } catch (e) {
      // Anything but a Refusal is a bug here or in a library: refuse the row, never the file.
      rejected.push({
        line,
        reason: e instanceof Refusal ? e.reason : { key: 'sheet.unreadable', params: {} },
      });
    }
  });
  if (rows === 0) throw new ValidationError('sheet.empty');
  for (const c of [...unnamed].sort((a, b) => a - b)) {
    flags.push({
      line: 1,
      kind: 'removed',
      message: { key: 'sheet.flag.unnamedColumn', params: { column: columnName(c) } },
    });
  }
  const plan = assemble(pending, rejected, flags, {
    ...opts,
    defaultSkill: opts.defaultSkill?.trim() || 'Questions',
  });
  return { ...plan, skills: withLanguages(plan), delimiter: header.delimiter, rows };
}

/** Each skill's language, when all its questions and lessons say the same one. */
function withLanguages(plan: GiftPlan): GiftPlan['skills'] {
  return plan.skills.map((s) => {
    const langs = new Set(
      [...plan.questions, ...plan.lessons].filter((x) => x.skill === s.id).map((x) => x.lang ?? null),
    );
    const [only] = langs;
    return langs.size === 1 && only ? { ...s, lang: only } : s;
  });
}

/** Whether a text reads as a question sheet (a header naming a type and a question column). */
export function looksLikeSheet(text: string): boolean {
  const h = sheetHeader(text);
  if (!h) return false;
  const cols = h.cells.map((c) => sheetColumn(c));
  const has = (f: SheetField) => cols.some((c) => c !== null && 'field' in c && c.field === f);
  return has('type') && has('question');
}
