/**
 * Numbers in a tutor's sentence (issue 13), for the guards in core/tutor-guards.ts: written-out
 * numbers read as digits, every substring a learner could have typed as an answer, and simple
 * arithmetic evaluated exactly. Pure.
 */
import { normaliseInput, parseFraction, type Rational } from './answer';

const CN_DIGIT: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const CN_UNIT: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const CN = '[零〇一二两三四五六七八九十百千万]+';
const CN_OR_DIGITS = `(?:${CN}|\\d+)`;

/** 一 … 九千九百九十九万…: place-value Chinese numerals (or a digit sequence such as 一二三); null if not one. */
export function parseChineseInt(s: string): number | null {
  if (s === '' || /[^零〇一二两三四五六七八九十百千万]/.test(s)) return null;
  if (!/[十百千万]/.test(s)) return Number([...s].map((c) => CN_DIGIT[c] ?? 0).join(''));
  let total = 0;
  let section = 0;
  let digit = 0;
  let hasDigit = false;
  for (const c of s) {
    const d = CN_DIGIT[c];
    if (d !== undefined) {
      digit = d;
      hasDigit = true;
    } else if (c === '万') {
      total += (section + digit || 1) * 10_000;
      section = 0;
      digit = 0;
      hasDigit = false;
    } else {
      section += (hasDigit ? digit : 1) * (CN_UNIT[c] ?? 1);
      digit = 0;
      hasDigit = false;
    }
  }
  return total + section + digit;
}

function cnOrDigits(s: string): string {
  return /^\d+$/.test(s) ? s : String(parseChineseInt(s) ?? s);
}

/** Everyday words that contain a numeral but are not a number (一样 "the same", 十分 "very"…). */
const CN_NOT_NUMBERS =
  /一(?:样|起|下|些|定|般|直|边|切|旦|致|会|律|同|向|共|步|遍|次)|统一|万一|唯一|第一|一点(?![零〇一二两三四五六七八九\d])|十分(?!之)/g;

const ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const DENOMINATORS: Readonly<Record<string, number>> = {
  half: 2,
  halves: 2,
  third: 3,
  thirds: 3,
  quarter: 4,
  quarters: 4,
  fourth: 4,
  fourths: 4,
  fifth: 5,
  fifths: 5,
  sixth: 6,
  sixths: 6,
  seventh: 7,
  sevenths: 7,
  eighth: 8,
  eighths: 8,
  ninth: 9,
  ninths: 9,
  tenth: 10,
  tenths: 10,
  twelfth: 12,
  twelfths: 12,
  hundredth: 100,
  hundredths: 100,
};
const ONES_RE = ONES.slice(1, 10).join('|');
const WORD_NUMBER = new RegExp(
  `\\b(?:(${TENS.filter(Boolean).join('|')})(?:[- ](${ONES_RE}))?|(${ONES.join('|')}))\\b`,
  'gi',
);
const DENOMINATOR = new RegExp(`(\\d+) (${Object.keys(DENOMINATORS).join('|')})\\b`, 'gi');

/**
 * The sentence with every written-out number as digits, so the checker can read it: NFKC (full
 * width "１２" → "12"), every minus sign as "-", Chinese numerals (十二 → 12, 四分之三 → 3/4,
 * 一又四分之三 → 1 3/4, 百分之七十五 → 75%, 三点五 → 3.5, 一半 → 1/2), English number words up
 * to ninety-nine and simple fractions ("three quarters" → 3/4, "two and a half" → 2 1/2),
 * "per cent" → "%", and "plus", "minus", "times", "divided by" between numbers as operators.
 */
export function readNumerals(sentence: string): string {
  let s = sentence
    .normalize('NFKC')
    .replace(/[\u2212\u2010-\u2015\uFE58\uFE63\uFF0D]/g, '-')
    .replace(/[\u2044\u2215]/g, '/');
  // Chinese.
  s = s.replace(CN_NOT_NUMBERS, '#');
  s = s.replace(new RegExp(`负(${CN_OR_DIGITS})`, 'g'), (_m, a: string) => `-${cnOrDigits(a)}`);
  s = s.replace(new RegExp(`百分之(${CN_OR_DIGITS})`, 'g'), (_m, a: string) => `${cnOrDigits(a)}%`);
  s = s.replace(
    new RegExp(`(${CN_OR_DIGITS})又(${CN_OR_DIGITS})分之(${CN_OR_DIGITS})`, 'g'),
    (_m, w: string, d: string, n: string) => ` ${cnOrDigits(w)} ${cnOrDigits(n)}/${cnOrDigits(d)} `,
  );
  s = s.replace(
    new RegExp(`(${CN_OR_DIGITS})分之(${CN_OR_DIGITS})`, 'g'),
    (_m, d: string, n: string) => `${cnOrDigits(n)}/${cnOrDigits(d)}`,
  );
  s = s.replace(
    new RegExp(`(${CN_OR_DIGITS})点([零〇一二三四五六七八九]+|\\d+)`, 'g'),
    (_m, i: string, f: string) => `${cnOrDigits(i)}.${[...f].map((c) => CN_DIGIT[c] ?? c).join('')}`,
  );
  s = s.replace(/一半/g, '1/2');
  s = s.replace(new RegExp(CN, 'g'), (m) => String(parseChineseInt(m) ?? m));
  // English.
  s = s.replace(
    WORD_NUMBER,
    (_m, tens: string | undefined, one: string | undefined, single: string | undefined) => {
      if (single) return String(ONES.indexOf(single.toLowerCase()));
      const t = TENS.indexOf((tens ?? '').toLowerCase()) * 10;
      return String(t + (one ? ONES.indexOf(one.toLowerCase()) : 0));
    },
  );
  s = s
    .replace(/\b(?:a|one|1) half\b/gi, '1/2')
    .replace(/\b(?:a|an) (third|quarter|fourth|fifth|eighth|tenth)\b/gi, '1 $1');
  s = s.replace(DENOMINATOR, (_m, n: string, d: string) => `${n}/${DENOMINATORS[d.toLowerCase()] ?? d}`);
  s = s.replace(/(\d+) and (\d+\/\d+)/g, '$1 $2');
  s = s.replace(/(\d) ?(?:percent|per cent)\b/gi, '$1%');
  s = s.replace(/\b(?:minus|negative) (?=\d)/gi, '-');
  s = s.replace(/(\d) plus (?=\d)/gi, '$1 + ');
  s = s.replace(/(\d) (?:times|multiplied by|x) (?=\d)/gi, '$1 × ');
  s = s.replace(/(\d) divided by (?=\d)/gi, '$1 ÷ ');
  // "3 / 4" is the fraction 3/4.
  return s.replace(/(\d) ?\/ ?(\d)/g, '$1/$2');
}

/** A number as a learner could type it: sign, mixed number, fraction, decimal (point or comma), per cent. */
const NUMBER_TOKEN =
  /(?<![\p{Script=Latin}\d.,/])-?(?:\d+(?:[.,]\d+)*(?: \d+\/\d+)?(?:\/\d+)?|[.,]\d+)(?: ?%)?/gu;

export interface NumberToken {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** The numbers of a text already passed through `readNumerals`, with their positions. */
export function numberTokens(read: string): NumberToken[] {
  return [...read.matchAll(NUMBER_TOKEN)].map((m) => ({
    text: m[0],
    start: m.index,
    end: m.index + m[0].length,
  }));
}

/**
 * Every substring of a sentence that could be typed as a numeric answer: each number as
 * written, and its parts (the whole and the fraction of a mixed number, the number without its
 * sign or "%", the pieces of "1,2" which could be a list or a decimal comma). More candidates
 * only make the answer guard stricter.
 */
export function numberCandidates(sentence: string): string[] {
  const out = new Set<string>();
  for (const { text } of numberTokens(readNumerals(sentence))) {
    const variants = [text, text.replace(/ ?%$/, '')];
    for (const v of [...variants]) {
      if (v.startsWith('-')) variants.push(v.slice(1));
      const mixed = /^(-?\d+) (\d+\/\d+)$/.exec(v);
      if (mixed) variants.push(mixed[1] ?? '', mixed[2] ?? '');
      if (v.includes(',')) variants.push(...v.replace(/^-/, '').split(','));
    }
    for (const v of variants) if (v !== '') out.add(v);
  }
  return [...out];
}

/** The exact value of a typed number ("75%" is 3/4); null if it is not one. */
export function numberValue(text: string): Rational | null {
  const percent = /^(.*?) ?%$/.exec(text);
  const f = parseFraction(normaliseInput(percent ? (percent[1] ?? '') : text, 'en'));
  if (!f.ok) return null;
  return percent ? { n: f.value.n, d: f.value.d * 100n } : f.value;
}

export function sameValue(a: Rational, b: Rational): boolean {
  return a.n * b.d === b.n * a.d;
}

/** A canonical key of a value, for sets of values. */
export function valueKey(r: Rational): string {
  const g = gcd(r.n, r.d);
  const sign = r.d < 0n ? -1n : 1n;
  return `${(r.n / g) * sign}/${(r.d / g) * sign}`;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a === 0n ? 1n : a;
}

/**
 * Evaluate simple arithmetic exactly: numbers (incl. mixed numbers "1 1/2" and "75%"), + − × ÷
 * * / and parentheses. Null when the text is anything else, or divides by zero.
 */
export function evaluate(expr: string): Rational | null {
  const tokens = tokenize(expr);
  if (!tokens) return null;
  let i = 0;
  const peek = () => tokens[i];
  const parseExpr = (): Rational | null => {
    let left = parseTerm();
    while (left && (peek() === '+' || peek() === '-')) {
      const op = tokens[i++];
      const right = parseTerm();
      if (!right) return null;
      left = op === '+' ? add(left, right) : add(left, { n: -right.n, d: right.d });
    }
    return left;
  };
  const parseTerm = (): Rational | null => {
    let left = parseFactor();
    while (left && (peek() === '*' || peek() === '/')) {
      const op = tokens[i++];
      const right = parseFactor();
      if (!right) return null;
      if (op === '/') {
        if (right.n === 0n) return null;
        left = {
          n: left.n * right.d * (right.n < 0n ? -1n : 1n),
          d: left.d * (right.n < 0n ? -right.n : right.n),
        };
      } else {
        left = { n: left.n * right.n, d: left.d * right.d };
      }
    }
    return left;
  };
  const parseFactor = (): Rational | null => {
    const t = tokens[i++];
    if (t === '-') {
      const f = parseFactor();
      return f ? { n: -f.n, d: f.d } : null;
    }
    if (t === '(') {
      const e = parseExpr();
      return tokens[i++] === ')' ? e : null;
    }
    return typeof t === 'object' ? t : null;
  };
  const value = parseExpr();
  return i === tokens.length ? value : null;
}

function add(a: Rational, b: Rational): Rational {
  return { n: a.n * b.d + b.n * a.d, d: a.d * b.d };
}

type Token = Rational | '+' | '-' | '*' | '/' | '(' | ')';

function tokenize(expr: string): Token[] | null {
  const out: Token[] = [];
  const re = /\s*(?:(\d+ \d+\/\d+(?![\d.])|\d+(?:\.\d+)?|\.\d+)(\s?%)?|([+\-×*÷/()]))/y;
  let pos = 0;
  const s = expr.trim();
  while (pos < s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) return null;
    pos = re.lastIndex;
    if (m[1] !== undefined) {
      const v = numberValue(m[1] + (m[2] ? '%' : ''));
      if (!v) return null;
      out.push(v);
    } else {
      const op = m[3];
      out.push(op === '×' ? '*' : op === '÷' ? '/' : (op as Token));
    }
  }
  return out.length ? out : null;
}
