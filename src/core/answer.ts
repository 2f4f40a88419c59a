import type { Locale } from './i18n';
import type { AnswerForm, CheckResult, ExpectedAnswer, Message } from './types';

/**
 * Answer checking. Input is normalised at this boundary (like ts-fsrs's convert.ts), then
 * compared exactly: fractions and decimals as rationals with BigInt, so "2/4" = "1/2" = "0.5"
 * and no float noise creeps in. A malformed answer is never "incorrect": the learner is told
 * what format is expected and may retry.
 */

/** Decimal separator per locale. Both shipped locales use "."; a lenient rule still reads "3,5". */
export const DECIMAL_SEPARATOR: Readonly<Record<string, ',' | '.'>> = {
  en: '.',
  'zh-CN': '.',
  fr: ',',
  de: ',',
};

/** More digits than this cannot be a sensible answer and would lose precision. */
const MAX_DIGITS = 15;

const MINUS = /[\u2212\u2010\u2011\u2012\u2013\u2014\u2015\uFE58\uFE63\uFF0D]/g;

/**
 * Normalise typed input: NFKC (full-width digits "１２", "／", ideographic space, "½" → "1⁄2"),
 * every dash/minus to "-", the fraction slash and "÷" to "/", trimmed and single-spaced, spaces
 * removed around "/" and after a sign, thousands separators dropped ("1,000"), and a decimal
 * comma read as a decimal point — always in a decimal-comma locale, and in the others when it
 * cannot be a thousands separator ("3,5", "0,25").
 */
export function normaliseInput(raw: string, locale: Locale | string): string {
  let s = raw.replace(/(\d?)([\u00BC-\u00BE\u2150-\u215E])/g, (_m, whole: string, f: string) => {
    const frac = f.normalize('NFKC').replace('\u2044', '/');
    return whole ? `${whole} ${frac}` : frac;
  });
  s = s
    .normalize('NFKC')
    .replace(MINUS, '-')
    .replace(/[\u2044\u2215÷]/g, '/');
  s = s.replace(/\s+/g, ' ').trim();
  s = s.replace(/\s*\/\s*/g, '/').replace(/^([+-])\s+/, '$1');
  const sep = DECIMAL_SEPARATOR[locale] ?? '.';
  if (sep === ',') {
    s = s.replace(/(\d)\.(?=\d{3}\b)/g, '$1').replace(/,/g, '.');
  } else if (/^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/.test(s)) {
    s = s.replace(/,/g, '');
  } else if (/^[+-]?\d*,\d+$/.test(s)) {
    s = s.replace(',', '.');
  }
  return s;
}

/** An exact rational with a positive denominator (not necessarily in lowest terms). */
export interface Rational {
  readonly n: bigint;
  readonly d: bigint;
}

function digitsOk(s: string): boolean {
  return (s.match(/\d/g)?.length ?? 0) <= MAX_DIGITS;
}

/** "12", "-3.5", ".5", "5." → rational; null if it is not a plain number. */
export function parseDecimal(s: string): Rational | null {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(s);
  if (!m || !digitsOk(s)) return null;
  const [, sign = '', int = '', frac = ''] = m;
  if (int === '' && frac === '') return null;
  const n = BigInt((int || '0') + frac) * (sign === '-' ? -1n : 1n);
  return { n, d: 10n ** BigInt(frac.length) };
}

export type FractionParse = { ok: true; value: Rational } | { ok: false; reason: 'format' | 'zero' };

/** "3/4", "-3/4", "1 1/2", "-1 1/2", or any plain number. */
export function parseFraction(s: string): FractionParse {
  const dec = parseDecimal(s);
  if (dec) return { ok: true, value: dec };
  const m = /^([+-]?)(?:(\d+) )?(\d+)\/(\d+)$/.exec(s);
  if (!m || !digitsOk(s)) return { ok: false, reason: 'format' };
  const [, sign = '', whole = '', num = '', den = ''] = m;
  const d = BigInt(den);
  if (d === 0n) return { ok: false, reason: 'zero' };
  const n = (BigInt(whole || '0') * d + BigInt(num)) * (sign === '-' ? -1n : 1n);
  return { ok: true, value: { n, d } };
}

function equal(a: Rational, b: Rational): boolean {
  return a.n * b.d === b.n * a.d;
}

/** The exact rational of a finite double (every double is a dyadic rational). */
function fromNumber(x: number): Rational {
  if (Number.isInteger(x)) return { n: BigInt(x), d: 1n };
  // Decimal expected values are stored rounded; 15 significant digits recover what was meant.
  const parsed = parseDecimal(Number(x.toPrecision(15)).toString());
  if (parsed) return parsed;
  const [mant = '0', exp = '0'] = x.toExponential(14).split('e');
  const m = parseDecimal(mant) ?? { n: 0n, d: 1n };
  const e = Number(exp);
  return e >= 0 ? { n: m.n * 10n ** BigInt(e), d: m.d } : { n: m.n, d: m.d * 10n ** BigInt(-e) };
}

function toNumber(r: Rational): number {
  return Number(r.n) / Number(r.d);
}

const EXPECT: Record<ExpectedAnswer['kind'], string> = {
  integer: 'answer.expectInteger',
  decimal: 'answer.expectDecimal',
  fraction: 'answer.expectFraction',
  choice: 'answer.expectChoice',
};

/** The message naming each required form. */
const FORM_MESSAGE: Record<AnswerForm, string> = {
  whole: 'answer.form.whole',
  decimal: 'answer.form.decimal',
  percentage: 'answer.form.percentage',
  simplest: 'answer.form.simplest',
  improper: 'answer.form.improper',
};

/** The form a numeric answer must be written in (see `AnswerForm`). */
export function requiredForm(expected: Exclude<ExpectedAnswer, { kind: 'choice' }>): AnswerForm {
  switch (expected.kind) {
    case 'integer':
      return expected.form ?? 'whole';
    case 'decimal':
      return expected.form ?? 'decimal';
    case 'fraction':
      return expected.form ?? 'simplest';
  }
}

/** How a number was written: its exact value, its shape, and the parts of a fraction. */
export interface Written {
  readonly value: Rational;
  readonly shape: 'integer' | 'decimal' | 'fraction' | 'mixed';
  /** Followed by "%". */
  readonly percent: boolean;
  /** For fractions and mixed numbers: the written numerator and denominator (unsigned). */
  readonly numerator?: bigint;
  readonly denominator?: bigint;
}

export type WrittenParse = { ok: true; written: Written } | { ok: false; reason: 'format' | 'zero' };

/**
 * Read a normalised answer: a whole number, a decimal, a fraction or a mixed number, optionally
 * followed by "%". The value is the number as written ("75%" is 75); `percent` says a "%" was
 * typed, and `valueIn` decides what it means for the question.
 */
export function readWritten(s: string): WrittenParse {
  const pm = /^(.*?)\s?%$/.exec(s);
  const percent = pm !== null;
  const body = pm ? (pm[1] ?? '') : s;
  const value = parseFraction(body);
  if (!value.ok) return value;
  if (/^[+-]?\d+$/.test(body)) {
    return { ok: true, written: { value: value.value, shape: 'integer', percent } };
  }
  const f = /^[+-]?(?:(\d+) )?(\d+)\/(\d+)$/.exec(body);
  if (!f) return { ok: true, written: { value: value.value, shape: 'decimal', percent } };
  return {
    ok: true,
    written: {
      value: value.value,
      shape: f[1] === undefined ? 'fraction' : 'mixed',
      percent,
      numerator: BigInt(f[2] ?? '0'),
      denominator: BigInt(f[3] ?? '1'),
    },
  };
}

function gcdBig(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/** Whether a written number is in the form the question asks for (whatever its value). */
export function isInForm(w: Written, form: AnswerForm): boolean {
  const numeral = w.shape === 'integer' || w.shape === 'decimal';
  switch (form) {
    case 'whole':
      return w.shape === 'integer' && !w.percent;
    case 'decimal':
      return numeral && !w.percent;
    case 'percentage':
      return numeral;
    case 'improper':
      return w.shape === 'fraction' && !w.percent;
    case 'simplest': {
      if (w.percent) return false;
      if (w.shape === 'integer') return true;
      if (w.shape === 'decimal') return false;
      const n = w.numerator ?? 0n;
      const d = w.denominator ?? 1n;
      if (d < 2n || n === 0n || gcdBig(n, d) !== 1n) return false;
      return w.shape === 'fraction' || n < d;
    }
  }
}

/**
 * The value a written answer stands for in a question of this form: in a percentage question
 * the number is read in per cent ("75" and "75%" are both 75); elsewhere a typed "%" divides by
 * 100 ("25%" is 1/4), so a percentage where a decimal is asked is equivalent, in the wrong form.
 */
function valueIn(w: Written, form: AnswerForm): Rational {
  return w.percent && form !== 'percentage' ? { n: w.value.n, d: w.value.d * 100n } : w.value;
}

function malformed(key: string, params?: Message['params']): CheckResult {
  return { status: 'malformed', message: params ? { key, params } : { key } };
}

/**
 * Check an answer. A different value is "incorrect"; the right value written in another form
 * than the question asks for is "form", with a message naming the form (never "correct"); only
 * the right value in the required form is "correct". For choice items: the chosen index as a
 * string, or the chosen choice's text.
 */
export function checkAnswer(expected: ExpectedAnswer, raw: string, locale: Locale): CheckResult {
  const s = normaliseInput(raw, locale);
  if (s === '') return malformed('answer.empty');
  if (/\d/.test(s) && !digitsOk(s)) return malformed('answer.tooLong', { max: MAX_DIGITS });
  if (expected.kind === 'choice') {
    const { choices, correctIndex } = expected;
    if (/^\d+$/.test(s)) {
      const i = Number(s);
      if (i < choices.length) return { status: i === correctIndex ? 'correct' : 'incorrect' };
    }
    const i = choices.findIndex((c) => normaliseInput(c, locale) === s);
    if (i >= 0) return { status: i === correctIndex ? 'correct' : 'incorrect' };
    return malformed(EXPECT.choice);
  }
  const read = readWritten(s);
  if (!read.ok) return malformed(read.reason === 'zero' ? 'answer.zeroDenominator' : EXPECT[expected.kind]);
  const form = requiredForm(expected);
  const value = valueIn(read.written, form);
  let equivalent: boolean;
  switch (expected.kind) {
    case 'integer':
      equivalent = equal(value, { n: BigInt(expected.value), d: 1n });
      break;
    case 'decimal':
      equivalent =
        equal(value, fromNumber(expected.value)) ||
        Math.abs(toNumber(value) - expected.value) <= expected.tolerance + 1e-9;
      break;
    case 'fraction':
      equivalent = equal(value, { n: BigInt(expected.numerator), d: BigInt(expected.denominator) });
      break;
  }
  if (!equivalent) return { status: 'incorrect' };
  if (!isInForm(read.written, form)) return { status: 'form', message: { key: FORM_MESSAGE[form] } };
  return { status: 'correct' };
}

const DISPLAY_MINUS = '\u2212';

function signed(text: string): string {
  return text.startsWith('-') ? DISPLAY_MINUS + text.slice(1) : text;
}

function percentSign(expected: ExpectedAnswer): string {
  return expected.kind !== 'choice' && requiredForm(expected) === 'percentage' ? '%' : '';
}

/** The correct answer as shown to the learner; `checkAnswer` accepts it back as correct. */
export function formatAnswer(expected: ExpectedAnswer, _locale: Locale): string {
  switch (expected.kind) {
    case 'integer':
      return signed(String(expected.value)) + percentSign(expected);
    case 'decimal':
      return signed(String(Number(expected.value.toPrecision(12)))) + percentSign(expected);
    case 'fraction': {
      // A pack may give an unreduced fraction; in its simplest form it is shown reduced.
      if (requiredForm(expected) === 'improper') {
        return signed(`${expected.numerator}/${expected.denominator}`);
      }
      const g = gcdBig(BigInt(expected.numerator), BigInt(expected.denominator));
      const n = BigInt(expected.numerator) / g;
      const d = BigInt(expected.denominator) / g;
      return signed(d === 1n ? `${n}` : `${n}/${d}`);
    }
    case 'choice':
      return expected.choices[expected.correctIndex] ?? '';
  }
}
