import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answerMessagesEn } from './answer-messages';
import {
  checkQuestion,
  foldText,
  fullMarksResponse,
  matchChoices,
  readNumber,
  type QuestionAnswer,
} from './question';

const opt = (html: string, credit: number, feedback?: string) => ({
  html,
  credit,
  ...(feedback ? { feedback } : {}),
});
const check = (a: QuestionAnswer, raw: string) => checkQuestion(a, raw, 'en');
const score = (a: QuestionAnswer, raw: string) => {
  const r = check(a, raw);
  return [r.status, r.score];
};

describe('checkQuestion', () => {
  it('true/false: either spelling, the feedback of the side answered', () => {
    const a: QuestionAnswer = {
      kind: 'truefalse',
      correct: false,
      feedbackRight: 'yes',
      feedbackWrong: 'no',
    };
    expect(check(a, 'false')).toEqual({ status: 'correct', score: 1, feedback: ['yes'] });
    expect(check(a, ' F ')).toMatchObject({ status: 'correct' });
    expect(check(a, 'TRUE')).toEqual({ status: 'incorrect', score: 0, feedback: ['no'] });
    expect(check(a, 'maybe')).toMatchObject({ status: 'malformed', message: { key: 'answer.expectChoice' } });
  });

  it('single choice: the chosen option’s credit; partial credit is incorrect with its score', () => {
    const a: QuestionAnswer = {
      kind: 'single',
      options: [
        opt('Jerusalem', 0, 'wrong'),
        opt('Bethlehem', 0.25),
        opt('Galilee', 0.5),
        opt('Nazareth', 1, 'right'),
      ],
    };
    expect(check(a, '3')).toEqual({ status: 'correct', score: 1, feedback: ['right'] });
    expect(score(a, '2')).toEqual(['incorrect', 0.5]);
    expect(score(a, '1')).toEqual(['incorrect', 0.25]);
    expect(check(a, '0')).toEqual({ status: 'incorrect', score: 0, feedback: ['wrong'] });
    for (const bad of ['4', '0,1', 'x', '-1']) expect(check(a, bad).status).toBe('malformed');
    expect(check(a, '').message?.key).toBe('answer.empty');
  });

  it('a negative credit scores 0, never below', () => {
    const a: QuestionAnswer = { kind: 'single', options: [opt('a', -1), opt('b', 1)] };
    expect(score(a, '0')).toEqual(['incorrect', 0]);
  });

  it('several right (checkboxes): credits add up, wrong picks take away, clamped to [0, 1]', () => {
    // Moodle's docs example: two of four people are in Grant's tomb.
    const a: QuestionAnswer = {
      kind: 'multiple',
      options: [
        opt('No one', -0.5),
        opt('Grant', 0.5),
        opt('Grant’s wife', 0.5),
        opt('Grant’s father', -0.5),
      ],
    };
    expect(score(a, '1,2')).toEqual(['correct', 1]);
    expect(score(a, '2, 1')).toEqual(['correct', 1]);
    expect(score(a, '1')).toEqual(['incorrect', 0.5]);
    expect(score(a, '0,1,2,3')).toEqual(['incorrect', 0]);
    expect(score(a, '0,3')).toEqual(['incorrect', 0]);
    expect(check(a, '1,1').status).toBe('malformed');
  });

  it('thirds add up to full marks', () => {
    const a: QuestionAnswer = {
      kind: 'multiple',
      options: [
        opt('Africa', 0.3333333),
        opt('Asia', 0.3333333),
        opt('China', -1),
        opt('Antarctica', 0.3333333),
      ],
    };
    expect(score(a, '0,1,3')).toEqual(['correct', 1]);
  });

  it('short answer: case-insensitive, spaces folded, best credit, * wildcard and \\* a star', () => {
    const a: QuestionAnswer = {
      kind: 'text',
      accepted: [
        { text: 'Nazareth', credit: 1, feedback: 'Yes!' },
        { text: 'Nazereth', credit: 0.75 },
        { text: 'Beth*', credit: 0.25 },
      ],
    };
    expect(check(a, '  nAzAreTh ')).toEqual({ status: 'correct', score: 1, feedback: ['Yes!'] });
    expect(score(a, 'Nazereth')).toEqual(['incorrect', 0.75]);
    expect(score(a, 'Bethlehem')).toEqual(['incorrect', 0.25]);
    expect(score(a, 'Rome')).toEqual(['incorrect', 0]);
    const star: QuestionAnswer = { kind: 'text', accepted: [{ text: '2 \\* 3', credit: 1 }] };
    expect(score(star, '2 * 3')).toEqual(['correct', 1]);
    expect(score(star, '2 x 3')).toEqual(['incorrect', 0]);
    // A decimal comma is text here, not a number.
    expect(score({ kind: 'text', accepted: [{ text: '3,5', credit: 1 }] }, '3.5')).toEqual(['incorrect', 0]);
    expect(score({ kind: 'text', accepted: [{ text: 'a.b', credit: 1 }] }, 'axb')).toEqual(['incorrect', 0]);
  });

  it('numerical: exact, tolerance, range, several answers with partial credit, any other answer', () => {
    const a: QuestionAnswer = {
      kind: 'number',
      accepted: [
        { value: 1822, tolerance: 0, credit: 1 },
        { value: 1822, tolerance: 2, credit: 0.5, feedback: 'close' },
        { any: true, credit: 0, feedback: 'Completely wrong' },
      ],
    };
    expect(score(a, '1822')).toEqual(['correct', 1]);
    expect(check(a, '1,823')).toMatchObject({ status: 'incorrect', score: 0.5, feedback: ['close'] });
    expect(check(a, '1900')).toMatchObject({ status: 'incorrect', score: 0, feedback: ['Completely wrong'] });
    expect(check(a, 'abc').message?.key).toBe('answer.expectDecimal');
    const pi: QuestionAnswer = {
      kind: 'number',
      accepted: [{ value: 3.1415, tolerance: 0.0005, credit: 1 }],
    };
    expect(score(pi, '3.141')).toEqual(['correct', 1]);
    expect(score(pi, '3.142')).toEqual(['correct', 1]);
    expect(score(pi, '3,14')).toEqual(['incorrect', 0]);
    expect(score(pi, '３.１４１５')).toEqual(['correct', 1]);
    const range: QuestionAnswer = { kind: 'number', accepted: [{ min: 3.141, max: 3.142, credit: 1 }] };
    expect(score(range, '3.1415')).toEqual(['correct', 1]);
    expect(score(range, '3.1405')).toEqual(['incorrect', 0]);
    expect(score({ kind: 'number', accepted: [{ value: 0.5, tolerance: 0, credit: 1 }] }, '1/2')).toEqual([
      'correct',
      1,
    ]);
    expect(score({ kind: 'number', accepted: [{ value: 1500, tolerance: 0, credit: 1 }] }, '1.5e3')).toEqual([
      'correct',
      1,
    ]);
  });

  it('matching: the share of pairs matched; distractors are offered but match nothing', () => {
    const a: QuestionAnswer = {
      kind: 'matching',
      pairs: [
        { prompt: 'Canada', match: 'Ottawa' },
        { prompt: 'Italy', match: 'Rome' },
        { prompt: 'Japan', match: 'Tokyo' },
        { prompt: 'Vatican', match: 'Rome' },
      ],
      distractors: ['Sydney'],
    };
    expect(matchChoices(a)).toEqual(['Ottawa', 'Rome', 'Tokyo', 'Sydney']);
    expect(score(a, '0,1,2,1')).toEqual(['correct', 1]);
    expect(score(a, '0,1,3,1')).toEqual(['incorrect', 0.75]);
    expect(score(a, '3,3,3,3')).toEqual(['incorrect', 0]);
    expect(check(a, '0,1,2').status).toBe('malformed');
    expect(check(a, '0,1,2,4').status).toBe('malformed');
  });

  it('every malformed message is an answer.* key the app already has', () => {
    const answers: QuestionAnswer[] = [
      { kind: 'truefalse', correct: true },
      { kind: 'single', options: [opt('a', 1)] },
      { kind: 'number', accepted: [{ value: 1, tolerance: 0, credit: 1 }] },
    ];
    for (const a of answers) {
      for (const raw of ['', 'zz']) {
        const r = check(a, raw);
        if (r.message) expect(answerMessagesEn[r.message.key], r.message.key).toBeDefined();
      }
    }
  });
});

describe('readNumber and foldText', () => {
  it.each([
    ['12', 12],
    ['-3.5', -3.5],
    ['1 1/2', 1.5],
    ['2.5e-3', 0.0025],
    ['1E3', 1000],
    ['x', null],
    ['1e999', null],
  ])('%s → %s', (s, v) => expect(readNumber(s)).toBe(v));

  it('folds case, width and spaces', () => {
    expect(foldText('  Ｎazareth   TOWN ')).toBe('nazareth town');
  });
});

/** Valid answers of every kind: full marks reachable (as the importer guarantees). */
const credit = fc.double({ min: -1, max: 0.99, noNaN: true });
const answerArb: fc.Arbitrary<QuestionAnswer> = fc.oneof(
  fc.record({ kind: fc.constant('truefalse' as const), correct: fc.boolean() }),
  fc.tuple(fc.array(credit, { minLength: 1, maxLength: 6 }), fc.nat()).map(([cs, k]) => ({
    kind: 'single' as const,
    options: cs.map((c, i) => opt(`o${i}`, i === k % cs.length ? 1 : c)),
  })),
  fc.integer({ min: 1, max: 5 }).map((n) => ({
    kind: 'multiple' as const,
    options: [...Array.from({ length: n }, (_, i) => opt(`r${i}`, 1 / n)), opt('w', -0.5)],
  })),
  fc.array(fc.stringMatching(/^[a-z][a-z *]{0,8}$/), { minLength: 1, maxLength: 4 }).map((ts) => ({
    kind: 'text' as const,
    accepted: ts.map((text, i) => ({ text, credit: i === 0 ? 1 : 0.5 })),
  })),
  fc
    .tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }))
    .map(([value, tolerance]) => ({ kind: 'number' as const, accepted: [{ value, tolerance, credit: 1 }] })),
  fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{0,5}$/), { minLength: 2, maxLength: 5 }).map((ms) => ({
    kind: 'matching' as const,
    pairs: ms.map((m, i) => ({ prompt: `p${i}`, match: m })),
    distractors: ['zz'],
  })),
);

describe('checkQuestion invariants', () => {
  it('the full-marks response is correct; every score is in [0, 1]; correct ⇔ score 1', () => {
    fc.assert(
      fc.property(answerArb, fc.string({ maxLength: 12 }), (a, junk) => {
        expect(check(a, fullMarksResponse(a))).toMatchObject({ status: 'correct', score: 1 });
        const r = check(a, junk);
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.status === 'correct').toBe(r.score === 1);
        if (r.status === 'malformed') expect(r.score).toBe(0);
      }),
      { seed: 12, numRuns: 400 },
    );
  });
});
