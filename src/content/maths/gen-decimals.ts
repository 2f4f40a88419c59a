/**
 * Generators for the decimals and percentages strands. Every decimal is handled as an
 * integer "scaled" by a power of ten, so answers carry no floating-point noise.
 */
import { pick, randInt } from '../../core/rng';
import type { ExpectedAnswer, ItemGenerator, Message, Rng } from '../../core/types';
import {
  DIVIDE,
  MINUS,
  TIMES,
  choiceAnswer,
  decAnswer,
  pctAnswer,
  draw,
  fmtDec,
  fmtFrac,
  fmtRational,
  fracAnswer,
  gcd,
  generator,
  msg,
  numberWithDigit,
  reduce,
} from './util';
import type { ItemBody } from './util';

/** Number of decimal places actually needed to show scaled/10^places. */
function placesOf(scaled: number, places: number): number {
  let p = places;
  while (p > 0 && scaled % 10 === 0) {
    scaled /= 10;
    p--;
  }
  return p;
}

const decPlaceValue = generator('decPlaceValue', (difficulty, rng): ItemBody => {
  const places = difficulty;
  const len =
    difficulty === 1 ? randInt(rng, 2, 3) : difficulty === 2 ? randInt(rng, 3, 4) : randInt(rng, 4, 5);
  const pos = difficulty === 1 ? randInt(rng, 0, 1) : randInt(rng, 0, len - 1);
  const digit = randInt(rng, 1, 9);
  const scaled = numberWithDigit(rng, len, pos, digit);
  const x = fmtDec(scaled, places, true);
  const after = pos < places;
  const unit = after ? fmtDec(1, places - pos) : String(10 ** (pos - places));
  const value = fmtDec(digit * 10 ** pos, places);
  const p = { x, dg: digit, unit, value };
  return {
    params: { scaled, places, digit, pos },
    prompt: msg('item.decPlaceValue.prompt', p),
    answer: decAnswer(digit * 10 ** pos, places),
    hint: msg('item.decPlaceValue.hint'),
    solution: [msg('item.decPlaceValue.step1', p), msg('item.decPlaceValue.step2', p)],
  };
});

/** A random fractional part with exactly `dp` decimals, as thousandths. */
function fracPart(rng: Rng, dp: number): number {
  const digits = draw(rng, 1, 10 ** dp - 1, (v) => v % 10 !== 0);
  return digits * 10 ** (3 - dp);
}

const decCompare = generator('decCompare', (difficulty, rng): ItemBody => {
  const count = difficulty === 3 ? 4 : 3;
  const maxDp = difficulty;
  const whole = randInt(rng, 0, difficulty === 1 ? 9 : 20);
  const values: number[] = []; // thousandths
  while (values.length < count) {
    const w = difficulty === 1 ? randInt(rng, 0, 9) : whole;
    const v = w * 1000 + fracPart(rng, randInt(rng, 1, maxDp));
    if (!values.includes(v)) values.push(v);
  }
  const largest = rng() < 0.5;
  const best = largest ? Math.max(...values) : Math.min(...values);
  const strings = values.map((v) => fmtDec(v, 3));
  const correct = fmtDec(best, 3);
  const dp = Math.max(...values.map((v) => placesOf(v, 3)));
  const padded = values.map((v) => fmtDec(v / 10 ** (3 - dp), dp, true)).join(', ');
  const which = largest ? 'largest' : 'smallest';
  const params: Record<string, number> = { largest: largest ? 1 : 0 };
  values.forEach((v, i) => (params[`x${i + 1}`] = v));
  return {
    params,
    prompt: msg(`item.decCompare.prompt.${which}`),
    answer: choiceAnswer(
      rng,
      correct,
      strings.filter((s) => s !== correct),
      count,
    ),
    hint: msg('item.decCompare.hint'),
    solution: [
      msg('item.decCompare.step1', { list: padded }),
      msg(`item.decCompare.step2.${which}`, { ans: correct }),
    ],
  };
});

const decAddSub = generator('decAddSub', (difficulty, rng): ItemBody => {
  let add = rng() < 0.5;
  let pa: number;
  let pb: number;
  let a: number;
  let b: number;
  if (difficulty === 1) {
    [pa, pb] = [1, 1];
    a = draw(rng, 11, 99, (v) => v % 10 !== 0);
    b = draw(rng, 11, 99, (v) => v % 10 !== 0);
  } else if (difficulty === 2) {
    [pa, pb] = [2, pick(rng, [1, 2])];
    a = draw(rng, 101, 9999, (v) => v % 10 !== 0);
    b = draw(rng, 11, pb === 2 ? 9999 : 999, (v) => v % 10 !== 0);
  } else {
    [pa, pb] = rng() < 0.5 ? [1, 2] : [pick(rng, [2, 3]), 1];
    if (rng() < 0.3) pb = 3;
    a = draw(rng, 10 ** pa, 100 * 10 ** pa - 1, (v) => v % 10 !== 0);
    b = draw(rng, 10 ** pb, 50 * 10 ** pb - 1, (v) => v % 10 !== 0);
  }
  const P = Math.max(pa, pb);
  let A = a * 10 ** (P - pa);
  let B = b * 10 ** (P - pb);
  if (!add && A < B) {
    [a, pa, A, b, pb, B] = [b, pb, B, a, pa, A]; // subtract the smaller from the larger
  }
  if (A === B) add = true;
  const R = add ? A + B : A - B;
  const op = add ? '+' : MINUS;
  const xa = fmtDec(a, pa);
  const xb = fmtDec(b, pb);
  const p = { a2: fmtDec(A, P, true), b2: fmtDec(B, P, true), A, B, R, ans: fmtDec(R, P) };
  return {
    params: { a, placesA: pa, b, placesB: pb, add: add ? 1 : 0 },
    prompt: msg('item.decAddSub.prompt'),
    expression: `${xa} ${op} ${xb} = ?`,
    answer: decAnswer(R, P),
    hint: msg('item.decAddSub.hint'),
    solution: [
      msg('item.decAddSub.step1', p),
      msg(add ? 'item.decAddSub.step2.add' : 'item.decAddSub.step2.sub', p),
      msg('item.decAddSub.step3', p),
    ],
  };
});

const decMult10 = generator('decMult10', (difficulty, rng): ItemBody => {
  const k = difficulty === 1 ? 1 : difficulty === 2 ? randInt(rng, 1, 2) : randInt(rng, 1, 3);
  const px = randInt(rng, 0, difficulty === 1 ? 1 : difficulty);
  const X =
    px === 0 ? randInt(rng, 1, difficulty === 3 ? 9999 : 999) : draw(rng, 1, 9999, (v) => v % 10 !== 0);
  const mul = rng() < 0.5;
  // result = X / 10^q
  let scaled = X;
  let q = mul ? px - k : px + k;
  if (q < 0) {
    scaled = X * 10 ** -q;
    q = 0;
  }
  const x = fmtDec(X, px);
  const pow = 10 ** k;
  const ans = fmtDec(scaled, q);
  const op = mul ? TIMES : DIVIDE;
  return {
    params: { scaled: X, places: px, power: k, multiply: mul ? 1 : 0 },
    prompt: msg('item.decMult10.prompt'),
    expression: `${x} ${op} ${pow} = ?`,
    answer: decAnswer(scaled, q),
    hint: msg('item.decMult10.hint'),
    solution: [
      msg(`item.decMult10.step1.${mul ? 'mul' : 'div'}${k}`),
      msg('item.decMult10.step2', { x, op, p: pow, ans }),
    ],
  };
});

const decMultiply = generator('decMultiply', (difficulty, rng): ItemBody => {
  let A: number;
  let pa: number;
  let B: number;
  let pb: number;
  if (difficulty === 1) {
    [A, pa, B, pb] = [randInt(rng, 1, 9), 1, randInt(rng, 2, 9), 0];
  } else if (difficulty === 2) {
    [A, pa, B, pb] = [draw(rng, 11, 99, (v) => v % 10 !== 0), 1, randInt(rng, 2, 9), 0];
  } else if (rng() < 0.5) {
    [A, pa, B, pb] = [draw(rng, 11, 999, (v) => v % 10 !== 0), 2, randInt(rng, 3, 9), 0];
  } else {
    [A, pa, B, pb] = [draw(rng, 11, 99, (v) => v % 10 !== 0), 1, draw(rng, 2, 49, (v) => v % 10 !== 0), 1];
  }
  const P = A * B;
  const k = pa + pb;
  const xa = fmtDec(A, pa);
  const xb = fmtDec(B, pb);
  const ans = fmtDec(P, k);
  return {
    params: { a: A, placesA: pa, b: B, placesB: pb },
    prompt: msg('item.decMultiply.prompt'),
    expression: `${xa} ${TIMES} ${xb} = ?`,
    answer: decAnswer(P, k),
    hint: msg('item.decMultiply.hint'),
    solution: [msg('item.decMultiply.step1', { A, B, P }), msg('item.decMultiply.step2', { k, ans })],
  };
});

const fracToDecimal = generator('fracToDecimal', (difficulty, rng): ItemBody => {
  const d = pick(
    rng,
    difficulty === 1 ? [2, 5, 10] : difficulty === 2 ? [4, 20, 25, 50] : [8, 40, 125, 200, 250],
  );
  const n =
    difficulty === 3 && rng() < 0.3
      ? draw(rng, d + 1, 2 * d - 1, (x) => gcd(x, d) === 1)
      : draw(rng, 1, d - 1, (x) => gcd(x, d) === 1);
  let P = 1;
  while (10 ** P % d !== 0) P++;
  const k = 10 ** P / d;
  const f = fmtFrac(n, d);
  const g = fmtFrac(n * k, 10 ** P);
  const ans = fmtDec(n * k, P);
  const solution: Message[] = [];
  if (k > 1) solution.push(msg('item.fracToDecimal.step1', { f, g, k, den: 10 ** P }));
  solution.push(msg('item.fracToDecimal.step2', { g, ans }));
  return {
    params: { numerator: n, denominator: d },
    prompt: msg('item.fracToDecimal.prompt', { f }),
    expression: `${f} = ?`,
    answer: decAnswer(n * k, P),
    hint: msg('item.fracToDecimal.hint'),
    solution,
  };
});

/** The last step of a fraction conversion: keep the raw fraction, or simplify it. */
function finish(skill: string, n: number, d: number): Message {
  const raw = fmtFrac(n, d);
  const [a, b] = reduce(n, d);
  if (a === n && b === d) return msg(`item.${skill}.step.keep`, { raw });
  return msg(`item.${skill}.step.simplify`, { raw, g: gcd(n, d), ans: fmtRational(n, d) });
}

const decimalToFrac = generator('decimalToFrac', (difficulty, rng): ItemBody => {
  let X: number;
  let P: number;
  if (difficulty === 1) {
    [X, P] = [randInt(rng, 1, 9), 1];
  } else if (difficulty === 2) {
    [X, P] = [draw(rng, 1, 99, (v) => v % 10 !== 0), 2];
  } else if (rng() < 0.5) {
    [X, P] = [draw(rng, 1, 999, (v) => v % 10 !== 0), 3];
  } else {
    [X, P] = [draw(rng, 101, 399, (v) => v % 10 !== 0), 2];
  }
  const x = fmtDec(X, P);
  const den = 10 ** P;
  return {
    params: { scaled: X, places: P },
    prompt: msg('item.decimalToFrac.prompt', { x }),
    expression: `${x} = ?`,
    answer: fracAnswer(X, den),
    hint: msg('item.decimalToFrac.hint'),
    solution: [
      msg('item.decimalToFrac.step1', { x, X, den, raw: fmtFrac(X, den) }),
      finish('decimalToFrac', X, den),
    ],
  };
});

/** A percentage in tenths of a per cent (so 12.5% is 125), by difficulty. */
function percentTenths(difficulty: 1 | 2 | 3, rng: Rng): number {
  if (difficulty === 1) return 10 * pick(rng, [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90]);
  if (difficulty === 2) return 10 * draw(rng, 1, 99, (v) => v % 10 !== 0 || rng() < 0.2);
  return pick(rng, [
    () => 10 * randInt(rng, 1, 9), // 1%–9%: 0.0x
    () => 10 * draw(rng, 101, 250, (v) => v % 100 !== 0), // over 100%
    () => pick(rng, [25, 75, 125, 175, 375, 625, 875]), // 2.5%, 7.5%, 12.5% …
  ])();
}

const percentConvert = generator('percentConvert', (difficulty, rng): ItemBody => {
  const variant = difficulty === 1 ? pick(rng, [0, 2, 3]) : randInt(rng, 0, 3);
  let answer: ExpectedAnswer;
  let prompt: Message;
  let expression: string;
  let solution: Message[];
  let params: Record<string, number>;
  if (variant === 3) {
    // fraction → percentage
    const d = pick(
      rng,
      difficulty === 3 ? [8, 40, 20, 25, 50] : difficulty === 2 ? [4, 5, 20, 25, 50] : [2, 4, 5, 10],
    );
    const n = draw(rng, 1, d - 1, (x) => gcd(x, d) === 1);
    const T = (1000 * n) / d; // tenths of a per cent: always whole for these denominators
    const f = fmtFrac(n, d);
    const dec = fmtDec(T, 3);
    const ans = fmtDec(T, 1);
    params = { variant, numerator: n, denominator: d };
    prompt = msg('item.percentConvert.prompt.fracToPercent', { f });
    expression = `${f} = ?%`;
    answer = pctAnswer(T, 1);
    solution = [
      msg('item.percentConvert.step.fracToDec', { f, dec }),
      msg('item.percentConvert.step.decToPercent', { x: dec, ans }),
    ];
  } else {
    let T = percentTenths(difficulty, rng);
    if (variant === 1 && T % 1000 === 0) T += 50; // a whole number is not a fraction answer
    const pc = fmtDec(T, 1);
    const dec = fmtDec(T, 3);
    params = { variant, tenths: T };
    if (variant === 0) {
      prompt = msg('item.percentConvert.prompt.toDecimal', { p: pc });
      expression = `${pc}% = ?`;
      answer = decAnswer(T, 3);
      solution = [msg('item.percentConvert.step.percentToDec', { p: pc, ans: dec })];
    } else if (variant === 1) {
      const raw = T % 10 === 0 ? fmtFrac(T / 10, 100) : fmtFrac(T, 1000);
      const [rn, rd] = T % 10 === 0 ? [T / 10, 100] : [T, 1000];
      prompt = msg('item.percentConvert.prompt.toFraction', { p: pc });
      expression = `${pc}% = ?`;
      answer = fracAnswer(T, 1000);
      solution = [
        msg('item.percentConvert.step.percentToFrac', { p: pc, raw }),
        finish('percentConvert', rn, rd),
      ];
    } else {
      prompt = msg('item.percentConvert.prompt.fromDecimal', { x: dec });
      expression = `${dec} = ?%`;
      answer = pctAnswer(T, 1);
      solution = [msg('item.percentConvert.step.decToPercent', { x: dec, ans: pc })];
    }
  }
  return { params, prompt, expression, answer, hint: msg(`item.percentConvert.hint`), solution };
});

/** An amount in [min, max] (as near as the step allows) of which p% is a whole number. */
function amountFor(rng: Rng, p: number, min: number, max: number): number {
  const step = 100 / gcd(p, 100);
  const lo = Math.max(1, Math.ceil(min / step));
  return step * randInt(rng, lo, Math.max(lo, Math.floor(max / step)));
}

function percentAndAmount(difficulty: 1 | 2 | 3, rng: Rng, maxP: number): [number, number] {
  if (difficulty === 1) {
    const p = pick(
      rng,
      [10, 20, 25, 50, 75].filter((x) => x <= maxP),
    );
    return [p, amountFor(rng, p, 10, 200)];
  }
  if (difficulty === 2) {
    const p = 5 * randInt(rng, 1, Math.floor(maxP / 5));
    return [p, amountFor(rng, p, 20, 500)];
  }
  return [randInt(rng, 1, maxP), randInt(rng, 50, 900)];
}

const percentOfAmount = generator('percentOfAmount', (difficulty, rng): ItemBody => {
  const [p, x] = percentAndAmount(difficulty, rng, difficulty === 3 ? 150 : 95);
  const px = p * x;
  const ans = fmtDec(px, 2);
  const q = { p, x, px, ans };
  return {
    params: { percent: p, amount: x },
    prompt: msg('item.percentOfAmount.prompt', q),
    answer: decAnswer(px, 2),
    hint: msg('item.percentOfAmount.hint'),
    solution: [
      msg('item.percentOfAmount.step1', q),
      msg('item.percentOfAmount.step2', q),
      msg('item.percentOfAmount.step3', q),
    ],
  };
});

const percentChange = generator('percentChange', (difficulty, rng): ItemBody => {
  const [p, x] =
    difficulty === 1
      ? ((): [number, number] => {
          const pp = pick(rng, [10, 50]);
          return [pp, 10 * randInt(rng, 2, 20)];
        })()
      : percentAndAmount(difficulty, rng, difficulty === 3 ? 99 : 50);
  const up = rng() < 0.5;
  const c = p * x; // hundredths
  const result = up ? x * 100 + c : x * 100 - c;
  const q = { p, x, c: fmtDec(c, 2), ans: fmtDec(result, 2) };
  return {
    params: { percent: p, amount: x, increase: up ? 1 : 0 },
    prompt: msg(up ? 'item.percentChange.prompt.up' : 'item.percentChange.prompt.down', q),
    answer: decAnswer(result, 2),
    hint: msg('item.percentChange.hint'),
    solution: [
      msg('item.percentChange.step1', q),
      msg(up ? 'item.percentChange.step2.up' : 'item.percentChange.step2.down', q),
    ],
  };
});

export const decimalGenerators: readonly ItemGenerator[] = [
  decPlaceValue,
  decCompare,
  decAddSub,
  decMult10,
  decMultiply,
  fracToDecimal,
  decimalToFrac,
];

export const percentGenerators: readonly ItemGenerator[] = [percentConvert, percentOfAmount, percentChange];
