/**
 * Shared helpers for the maths generators: language-neutral number formatting, exact
 * arithmetic helpers, answer constructors and a tiny builder for generator output.
 */
import { pick, randInt, shuffle } from '../../core/rng';
import type {
  Difficulty,
  ExpectedAnswer,
  Item,
  ItemGenerator,
  Message,
  Rng,
  SkillId,
} from '../../core/types';

/** The real minus sign, used for every negative number and subtraction shown to learners. */
export const MINUS = '\u2212';
export const TIMES = '×';
export const DIVIDE = '÷';

export type Params = Record<string, string | number>;
export type ItemBody = Omit<Item, 'id' | 'skillId' | 'difficulty' | 'seed'>;

export function msg(key: string, params?: Params): Message {
  return params ? { key, params } : { key };
}

export function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

export function lcm(a: number, b: number): number {
  return (Math.abs(a) / gcd(a, b)) * Math.abs(b);
}

/** An integer for display: the real minus sign for negatives. */
export function fmtInt(n: number): string {
  return n < 0 ? `${MINUS}${-n}` : String(n);
}

/** An integer in brackets when negative, for use as a second operand: "(−3)". */
export function fmtOperand(n: number): string {
  return n < 0 ? `(${fmtInt(n)})` : fmtInt(n);
}

/**
 * The decimal `scaled / 10^places`, exactly, without float noise. Trailing zeros are
 * dropped unless `pad` is set (then exactly `places` decimals are shown).
 */
export function fmtDec(scaled: number, places: number, pad = false): string {
  const neg = scaled < 0;
  const abs = Math.abs(scaled);
  const p = 10 ** places;
  const whole = Math.floor(abs / p);
  let frac = places > 0 ? String(abs % p).padStart(places, '0') : '';
  if (!pad) frac = frac.replace(/0+$/, '');
  return `${neg ? MINUS : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** The fraction n/d as typed: "3/4", "−3/4". */
export function fmtFrac(n: number, d: number): string {
  const neg = n < 0 !== d < 0 && n !== 0;
  return `${neg ? MINUS : ''}${Math.abs(n)}/${Math.abs(d)}`;
}

/** A fraction in lowest terms, or an integer when it is whole, for display. */
export function fmtRational(n: number, d: number): string {
  const [a, b] = reduce(n, d);
  return b === 1 ? fmtInt(a) : fmtFrac(a, b);
}

/** Lowest terms with a positive denominator. */
export function reduce(n: number, d: number): [number, number] {
  if (d === 0) throw new RangeError('zero denominator');
  const g = gcd(n, d) || 1;
  const s = d < 0 ? -1 : 1;
  return [(s * n) / g, (s * d) / g];
}

export function intAnswer(value: number): ExpectedAnswer {
  if (!Number.isSafeInteger(value)) throw new RangeError(`not an integer: ${value}`);
  return { kind: 'integer', value };
}

/** The decimal `scaled / 10^places`; an integer answer when it is whole. */
export function decAnswer(scaled: number, places: number): ExpectedAnswer {
  const p = 10 ** places;
  if (scaled % p === 0) return intAnswer(scaled / p);
  return { kind: 'decimal', value: Number(fmtDec(scaled, places).replace(MINUS, '-')), tolerance: 1e-9 };
}

/**
 * The fraction n/d in lowest terms, to be written in its simplest form (or, with `improper`, as
 * an improper fraction); an integer answer when it is whole.
 */
export function fracAnswer(n: number, d: number, form: 'simplest' | 'improper' = 'simplest'): ExpectedAnswer {
  const [a, b] = reduce(n, d);
  return b === 1 ? intAnswer(a) : { kind: 'fraction', numerator: a, denominator: b, form };
}

/** The percentage `scaled / 10^places` %, to be written as a percentage ("75" or "75%"). */
export function pctAnswer(scaled: number, places: number): ExpectedAnswer {
  const a = decAnswer(scaled, places);
  if (a.kind === 'integer') return { ...a, form: 'percentage' };
  if (a.kind === 'decimal') return { ...a, form: 'percentage' };
  throw new RangeError('a percentage is a number');
}

/**
 * A choice text that reads as an option index ("0"–"3"): the answer checker accepts a typed
 * index, so such a choice would be ambiguous. Generators avoid them.
 */
export function looksLikeIndex(choice: string): boolean {
  return /^\d+$/.test(choice) && Number(choice) < 4;
}

/**
 * A multiple-choice answer: the correct string plus distinct distractors (duplicates of each
 * other or of the correct string, and index-like texts, are dropped), cut to `count` options
 * and shuffled by rng.
 */
export function choiceAnswer(
  rng: Rng,
  correct: string,
  distractors: readonly string[],
  count: number,
): ExpectedAnswer {
  if (looksLikeIndex(correct)) throw new RangeError(`choice ${correct} reads as an index`);
  const options = [correct];
  for (const d of distractors) {
    if (options.length >= count) break;
    if (!options.includes(d) && !looksLikeIndex(d)) options.push(d);
  }
  if (options.length < Math.min(count, 3)) throw new RangeError(`too few distinct choices for ${correct}`);
  const choices = shuffle(rng, options);
  return { kind: 'choice', choices, correctIndex: choices.indexOf(correct) };
}

/** Draw from [min, max] until `ok` holds (bounded; generators choose ranges where it holds quickly). */
export function draw(rng: Rng, min: number, max: number, ok: (n: number) => boolean): number {
  for (let i = 0; i < 1000; i++) {
    const n = randInt(rng, min, max);
    if (ok(n)) return n;
  }
  throw new RangeError(`no value in [${min}, ${max}] satisfies the constraint`);
}

/** Digits of a `len`-digit number with `target` at `pos` (0 = ones) and nowhere else. */
export function numberWithDigit(rng: Rng, len: number, pos: number, target: number): number {
  let n = 0;
  for (let i = len - 1; i >= 0; i--) {
    const d = i === pos ? target : draw(rng, i === len - 1 ? 1 : 0, 9, (x) => x !== target);
    n = n * 10 + d;
  }
  return n;
}

/** A non-zero integer in [-max, -min] ∪ [min, max]. */
export function signed(rng: Rng, min: number, max: number): number {
  return randInt(rng, min, max) * pick(rng, [1, -1]);
}

/** `coef·v` as written in algebra: "3x", "x", "−x", "−3x". */
export function fmtTerm(coef: number, v: string): string {
  if (coef === 1) return v;
  if (coef === -1) return `${MINUS}${v}`;
  return `${fmtInt(coef)}${v}`;
}

/**
 * A sum of terms as written in algebra, e.g. [[3,'x'],[−2,'y'],[5,'']] → "3x − 2y + 5".
 * Zero terms are skipped; an empty sum is "0".
 */
export function fmtLinear(terms: readonly (readonly [number, string])[]): string {
  let out = '';
  for (const [c, v] of terms) {
    if (c === 0) continue;
    const body = v === '' ? String(Math.abs(c)) : fmtTerm(Math.abs(c), v);
    if (out === '') out = c < 0 ? `${MINUS}${body}` : body;
    else out += c < 0 ? ` ${MINUS} ${body}` : ` + ${body}`;
  }
  return out === '' ? '0' : out;
}

export type Body = (difficulty: Difficulty, rng: Rng) => ItemBody;

export function generator(skillId: SkillId, body: Body): ItemGenerator {
  return { skillId, generate: body };
}
