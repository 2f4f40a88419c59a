import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMessagesEn, answerMessagesZh } from './answer-messages';
import { checkAnswer, formatAnswer, normaliseInput, parseFraction } from './answer';
import type { ExpectedAnswer } from './types';

const int = (value: number): ExpectedAnswer => ({ kind: 'integer', value });
const dec = (value: number, tolerance = 1e-9): ExpectedAnswer => ({ kind: 'decimal', value, tolerance });
const frac = (numerator: number, denominator: number): ExpectedAnswer => ({
  kind: 'fraction',
  numerator,
  denominator,
});
const improper = (numerator: number, denominator: number): ExpectedAnswer => ({
  kind: 'fraction',
  numerator,
  denominator,
  form: 'improper',
});
const pct = (value: number, kind: 'integer' | 'decimal' = 'integer'): ExpectedAnswer =>
  kind === 'integer'
    ? { kind, value, form: 'percentage' }
    : { kind, value, tolerance: 1e-9, form: 'percentage' };
const choice: ExpectedAnswer = { kind: 'choice', choices: ['<', '=', '>'], correctIndex: 2 };
const negChoice: ExpectedAnswer = { kind: 'choice', choices: ['−5', '−3', '2'], correctIndex: 0 };

describe('normaliseInput', () => {
  it.each([
    ['  12 ', '12'],
    ['１２', '12'],
    ['－５', '-5'],
    ['\u22125', '-5'],
    ['– 5', '-5'],
    [' 1 / 2 ', '1/2'],
    ['1　1/2', '1 1/2'],
    ['３／４', '3/4'],
    ['½', '1/2'],
    ['1½', '1 1/2'],
    ['0,5', '0.5'],
    ['3,25', '3.25'],
    ['1,000', '1000'],
    ['12,345.5', '12345.5'],
    ['３．５', '3.5'],
  ])('%j → %j', (raw, out) => expect(normaliseInput(raw, 'en')).toBe(out));

  it('reads comma as the decimal separator in a decimal-comma locale', () => {
    expect(normaliseInput('1.234,5', 'fr')).toBe('1234.5');
    expect(normaliseInput('0,5', 'fr')).toBe('0.5');
  });
});

describe('checkAnswer', () => {
  it.each<[string, ExpectedAnswer, string, 'correct' | 'incorrect' | 'malformed' | 'form']>([
    // integers
    ['exact', int(12), '12', 'correct'],
    ['full-width', int(12), '１２', 'correct'],
    ['12.0 is a decimal, not a whole number', int(12), '12.0', 'form'],
    ['a fraction equal to the whole number', int(12), '24/2', 'form'],
    ['a percentage equal to the whole number', int(12), '1200%', 'form'],
    ['12.5 is wrong, not malformed', int(12), '12.5', 'incorrect'],
    ['unicode minus', int(-5), '\u22125', 'correct'],
    ['hyphen minus', int(-5), '-5', 'correct'],
    ['positive for negative', int(-5), '5', 'incorrect'],
    ['plus sign', int(7), '+7', 'correct'],
    ['thousands comma', int(1000), '1,000', 'correct'],
    ['letters', int(12), 'abc', 'malformed'],
    ['empty', int(12), '', 'malformed'],
    ['spaces only', int(12), '   ', 'malformed'],
    ['double dot', int(12), '1..2', 'malformed'],
    ['double minus', int(3), '--3', 'malformed'],
    ['expression', int(12), '10+2', 'malformed'],
    ['exponent', int(1000), '1e3', 'malformed'],
    ['huge', int(1), '1234567890123456789', 'malformed'],
    ['Infinity', int(1), 'Infinity', 'malformed'],
    // decimals
    ['decimal exact', dec(0.5), '0.5', 'correct'],
    ['leading dot', dec(0.5), '.5', 'correct'],
    ['decimal comma', dec(0.5), '0,5', 'correct'],
    ['fraction for decimal', dec(0.5), '1/2', 'form'],
    ['percentage for decimal', dec(0.25), '25%', 'form'],
    ['trailing zero is still a decimal', dec(0.5), '0.50', 'correct'],
    ['wrong fraction for decimal is wrong', dec(0.5), '1/3', 'incorrect'],
    ['float noise', dec(0.3), '0.3', 'correct'],
    ['tolerance', dec(3.14159, 0.005), '3.14', 'correct'],
    ['outside tolerance', dec(3.14159, 0.005), '3.1', 'incorrect'],
    ['decimal letters', dec(1.5), '1.5kg', 'malformed'],
    // fractions
    ['lowest terms', frac(1, 2), '1/2', 'correct'],
    ['equivalent but not simplest', frac(1, 2), '2/4', 'form'],
    ['decimal for fraction', frac(1, 2), '0.5', 'form'],
    ['mixed number not in lowest terms', frac(3, 2), '1 2/4', 'form'],
    ['improper fraction required', improper(23, 8), '23/8', 'correct'],
    ['mixed number where improper is asked', improper(23, 8), '2 7/8', 'form'],
    ['unreduced improper fraction', improper(23, 8), '46/16', 'correct'],
    ['percentage without sign', pct(75), '75', 'correct'],
    ['percentage with sign', pct(75), '75%', 'correct'],
    ['spaced percentage sign', pct(12.5, 'decimal'), '12.5 %', 'correct'],
    ['full-width percentage sign', pct(75), '75％', 'correct'],
    ['fraction of a per cent count', pct(75), '150/2', 'form'],
    ['decimal copied into a percentage', pct(25), '0.25', 'incorrect'],
    ['mixed number', frac(3, 2), '1 1/2', 'correct'],
    ['improper', frac(3, 2), '3/2', 'correct'],
    ['negative mixed', frac(-3, 2), '-1 1/2', 'correct'],
    ['negative', frac(-3, 4), '−3/4', 'correct'],
    ['spaced', frac(1, 2), ' 1 / 2 ', 'correct'],
    ['full-width fraction', frac(3, 4), '３／４', 'correct'],
    ['vulgar', frac(1, 2), '½', 'correct'],
    ['integer equal', frac(4, 1), '4', 'correct'],
    ['wrong fraction', frac(1, 2), '1/3', 'incorrect'],
    ['zero denominator', frac(1, 2), '3/0', 'malformed'],
    ['two slashes', frac(1, 2), '1/2/3', 'malformed'],
    ['trailing slash', frac(1, 2), '1/', 'malformed'],
    ['words', frac(1, 2), 'half', 'malformed'],
    // choices
    ['choice by index', choice, '2', 'correct'],
    ['wrong index', choice, '0', 'incorrect'],
    ['choice by text', choice, '>', 'correct'],
    ['choice text with minus variant', negChoice, '-5', 'correct'],
    ['index out of range', choice, '7', 'malformed'],
    ['unknown text', choice, 'maybe', 'malformed'],
  ])('%s', (_label, expected, raw, status) => {
    const r = checkAnswer(expected, raw, 'en');
    expect(r.status).toBe(status);
    if (status === 'malformed' || status === 'form') expect(answerMessagesEn[r.message!.key]).toBeDefined();
  });

  it('tells what format is expected, per answer type', () => {
    expect(checkAnswer(int(1), 'x', 'en').message?.key).toBe('answer.expectInteger');
    expect(checkAnswer(dec(1), 'x', 'en').message?.key).toBe('answer.expectDecimal');
    expect(checkAnswer(frac(1, 2), 'x', 'en').message?.key).toBe('answer.expectFraction');
    expect(checkAnswer(frac(1, 2), '1/0', 'en').message?.key).toBe('answer.zeroDenominator');
    expect(checkAnswer(int(1), '', 'en').message?.key).toBe('answer.empty');
  });

  it('parses mixed numbers exactly', () => {
    const r = parseFraction('-2 3/4');
    expect(r.ok && r.value).toEqual({ n: -11n, d: 4n });
  });
});

describe('round trips (property)', () => {
  it('accepts its own formatted answer and rejects a different value', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000_000, max: 1_000_000 }), (v) => {
        expect(checkAnswer(int(v), formatAnswer(int(v), 'en'), 'en').status).toBe('correct');
        expect(checkAnswer(int(v), String(v + 1), 'en').status).toBe('incorrect');
      }),
    );
    fc.assert(
      fc.property(fc.integer({ min: -99_999, max: 99_999 }), fc.integer({ min: 0, max: 4 }), (m, places) => {
        const v = m / 10 ** places;
        const e = dec(v);
        expect(checkAnswer(e, formatAnswer(e, 'en'), 'en').status).toBe('correct');
        expect(checkAnswer(e, formatAnswer(dec(v + 1), 'en'), 'en').status).toBe('incorrect');
      }),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 1, max: 9 }),
        (n, d, k) => {
          const e = frac(n, d);
          expect(checkAnswer(e, formatAnswer(e, 'en'), 'en').status).toBe('correct');
          // An equivalent fraction is correct only when it is the simplest form itself.
          const lowest = n !== 0 && gcd(n * k, d * k) === 1;
          expect(checkAnswer(e, `${n * k}/${d * k}`, 'en').status).toBe(lowest ? 'correct' : 'form');
          expect(checkAnswer(e, `${n + 1}/${d}`, 'en').status).toBe('incorrect');
        },
      ),
    );
  });
});

function gcd(a: number, b: number): number {
  a = Math.abs(a);
  b = Math.abs(b);
  while (b) [a, b] = [b, a % b];
  return a;
}

describe('required forms', () => {
  it('names the form the question asks for', () => {
    expect(checkAnswer(int(12), '24/2', 'en').message?.key).toBe('answer.form.whole');
    expect(checkAnswer(dec(0.5), '1/2', 'en').message?.key).toBe('answer.form.decimal');
    expect(checkAnswer(frac(2, 9), '8/36', 'en').message?.key).toBe('answer.form.simplest');
    expect(checkAnswer(improper(23, 8), '2 7/8', 'en').message?.key).toBe('answer.form.improper');
    expect(checkAnswer(pct(75), '3/2', 'en').status).toBe('incorrect');
    expect(checkAnswer(pct(75), '150/2', 'en').message?.key).toBe('answer.form.percentage');
  });

  it('shows an unreduced pack fraction in its simplest form, and accepts what it shows', () => {
    expect(formatAnswer(frac(2, 4), 'en')).toBe('1/2');
    expect(formatAnswer(frac(-6, 3), 'en')).toBe('\u22122');
    expect(formatAnswer(improper(46, 16), 'en')).toBe('46/16');
    expect(formatAnswer(pct(12.5, 'decimal'), 'en')).toBe('12.5%');
    for (const e of [frac(2, 4), frac(-6, 3), improper(46, 16), pct(12.5, 'decimal'), pct(75)]) {
      expect(checkAnswer(e, formatAnswer(e, 'en'), 'en').status).toBe('correct');
    }
  });
});

describe('answer catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(answerMessagesZh).sort()).toEqual(Object.keys(answerMessagesEn).sort());
  });
});
