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
  it.each<[string, ExpectedAnswer, string, 'correct' | 'incorrect' | 'malformed']>([
    // integers
    ['exact', int(12), '12', 'correct'],
    ['full-width', int(12), '１２', 'correct'],
    ['12.0', int(12), '12.0', 'correct'],
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
    ['fraction for decimal', dec(0.5), '1/2', 'correct'],
    ['float noise', dec(0.3), '0.3', 'correct'],
    ['tolerance', dec(3.14159, 0.005), '3.14', 'correct'],
    ['outside tolerance', dec(3.14159, 0.005), '3.1', 'incorrect'],
    ['decimal letters', dec(1.5), '1.5kg', 'malformed'],
    // fractions
    ['lowest terms', frac(1, 2), '1/2', 'correct'],
    ['equivalent', frac(1, 2), '2/4', 'correct'],
    ['decimal for fraction', frac(1, 2), '0.5', 'correct'],
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
    if (status === 'malformed') expect(answerMessagesEn[r.message!.key]).toBeDefined();
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
          expect(checkAnswer(e, `${n * k}/${d * k}`, 'en').status).toBe('correct');
          expect(checkAnswer(e, `${n + 1}/${d}`, 'en').status).toBe('incorrect');
        },
      ),
    );
  });
});

describe('answer catalogues', () => {
  it('have the same keys in English and Chinese', () => {
    expect(Object.keys(answerMessagesZh).sort()).toEqual(Object.keys(answerMessagesEn).sort());
  });
});
