/** Generators for the number strand: place value, the four operations, factors and multiples. */
import { pick, randInt } from '../../core/rng';
import type { ItemGenerator, Rng } from '../../core/types';
import { DIVIDE, MINUS, TIMES, draw, gcd, generator, intAnswer, lcm, msg, numberWithDigit } from './util';
import type { ItemBody } from './util';

const placeValue = generator('placeValue', (difficulty, rng): ItemBody => {
  const len = difficulty === 1 ? randInt(rng, 2, 3) : difficulty === 2 ? 4 : randInt(rng, 5, 7);
  const pos = randInt(rng, 0, len - 1);
  const digit = randInt(rng, 1, 9);
  const n = numberWithDigit(rng, len, pos, digit);
  const value = digit * 10 ** pos;
  const p = { n, d: digit, k: pos, value };
  return {
    params: { n, digit, pos, value },
    prompt: msg('item.placeValue.prompt', p),
    answer: intAnswer(value),
    hint: msg('item.placeValue.hint', p),
    solution:
      pos === 0
        ? [msg('item.placeValue.step1.ones', p)]
        : [msg('item.placeValue.step1', p), msg('item.placeValue.step2', p)],
  };
});

const rounding = generator('rounding', (difficulty, rng): ItemBody => {
  const unit =
    difficulty === 1 ? 10 : difficulty === 2 ? pick(rng, [10, 100]) : pick(rng, [100, 1000, 10000]);
  const [min, max] = difficulty === 1 ? [11, 999] : difficulty === 2 ? [101, 9999] : [1001, 999999];
  const n = draw(rng, Math.max(min, unit + 1), max, (x) => x % unit !== 0);
  const lo = Math.floor(n / unit) * unit;
  const hi = lo + unit;
  const mid = lo + unit / 2;
  const ans = n >= mid ? hi : lo;
  const p = { n, unit, lo, hi, mid, ans };
  return {
    params: { n, unit, answer: ans },
    prompt: msg('item.rounding.prompt', p),
    answer: intAnswer(ans),
    hint: msg('item.rounding.hint', p),
    solution: [
      msg('item.rounding.step1', p),
      msg(n >= mid ? 'item.rounding.step2.up' : 'item.rounding.step2.down', p),
    ],
  };
});

const addCarry = generator('addCarry', (difficulty, rng): ItemBody => {
  const [aMin, aMax, bMin, bMax] =
    difficulty === 1 ? [11, 89, 11, 89] : difficulty === 2 ? [100, 999, 10, 999] : [1000, 9999, 100, 9999];
  const a = draw(rng, aMin, aMax, (x) => x % 10 !== 0);
  const b = draw(rng, bMin, bMax, (x) => (a % 10) + (x % 10) >= 10);
  const sum = a + b;
  const os = (a % 10) + (b % 10);
  const p = { a, b, ao: a % 10, bo: b % 10, os, od: os % 10, sum };
  return {
    params: { a, b },
    prompt: msg('item.addCarry.prompt'),
    expression: `${a} + ${b} = ?`,
    answer: intAnswer(sum),
    hint: msg('item.addCarry.hint'),
    solution: [msg('item.addCarry.step1'), msg('item.addCarry.step2', p), msg('item.addCarry.step3', p)],
  };
});

const subBorrow = generator('subBorrow', (difficulty, rng): ItemBody => {
  let a: number;
  let bMin: number;
  if (difficulty === 1) {
    a = draw(rng, 20, 98, (x) => x % 10 < 9);
    bMin = 10;
  } else if (difficulty === 2) {
    a = draw(rng, 100, 998, (x) => x % 10 < 9);
    bMin = 10;
  } else {
    a = draw(rng, 1000, 9998, (x) => x % 10 < 9);
    if (rng() < 0.5) a -= (Math.floor(a / 10) % 10) * 10; // a zero in the tens makes the exchange harder
    bMin = 100;
  }
  const b = draw(rng, bMin, a - 1, (x) => x % 10 > a % 10);
  const diff = a - b;
  const p = { a, b, ao: a % 10, bo: b % 10, ao10: (a % 10) + 10, od: (a % 10) + 10 - (b % 10), diff };
  return {
    params: { a, b },
    prompt: msg('item.subBorrow.prompt'),
    expression: `${a} ${MINUS} ${b} = ?`,
    answer: intAnswer(diff),
    hint: msg('item.subBorrow.hint'),
    solution: [
      msg('item.subBorrow.step1', p),
      msg('item.subBorrow.step2', p),
      msg('item.subBorrow.step3', p),
    ],
  };
});

function factPair(difficulty: 1 | 2 | 3, rng: Rng): [number, number] {
  if (difficulty === 1) return [pick(rng, [2, 5, 10]), randInt(rng, 1, 10)];
  if (difficulty === 2) return [pick(rng, [3, 4, 6, 7, 8, 9]), randInt(rng, 2, 10)];
  return [randInt(rng, 6, 12), randInt(rng, 6, 12)];
}

const multFacts = generator('multFacts', (difficulty, rng): ItemBody => {
  const [a, b] = factPair(difficulty, rng);
  const product = a * b;
  const seq = Array.from({ length: b }, (_, i) => a * (i + 1)).join(', ');
  const p = { a, b, seq, product };
  return {
    params: { a, b },
    prompt: msg('item.multFacts.prompt'),
    expression: `${a} ${TIMES} ${b} = ?`,
    answer: intAnswer(product),
    hint: msg('item.multFacts.hint', p),
    solution: [msg('item.multFacts.step1', p), msg('item.multFacts.step2', p)],
  };
});

const divFacts = generator('divFacts', (difficulty, rng): ItemBody => {
  const [a, q] = factPair(difficulty, rng);
  const n = a * q;
  const p = { n, a, q };
  return {
    params: { n, divisor: a },
    prompt: msg('item.divFacts.prompt'),
    expression: `${n} ${DIVIDE} ${a} = ?`,
    answer: intAnswer(q),
    hint: msg('item.divFacts.hint', p),
    solution: [msg('item.divFacts.step1', p), msg('item.divFacts.step2', p)],
  };
});

const multMultiDigit = generator('multMultiDigit', (difficulty, rng): ItemBody => {
  let a: number;
  let b: number;
  let split: number; // the factor we partition into tens (and hundreds) plus ones
  if (difficulty === 1) {
    a = draw(rng, 12, 99, (x) => x % 10 !== 0);
    b = randInt(rng, 3, 9);
    split = a;
  } else if (difficulty === 2) {
    a = draw(rng, 21, 99, (x) => x % 10 !== 0);
    b = randInt(rng, 11, 19);
    split = b;
  } else {
    a = randInt(rng, 101, 999);
    b = draw(rng, 21, 99, (x) => x % 10 !== 0);
    split = b;
  }
  const other = split === a ? b : a;
  const st = split - (split % 10);
  const so = split % 10;
  const p = { x: split, y: other, xt: st, xo: so, p1: other * st, p2: other * so, product: a * b };
  return {
    params: { a, b },
    prompt: msg('item.multMultiDigit.prompt'),
    expression: `${a} ${TIMES} ${b} = ?`,
    answer: intAnswer(a * b),
    hint: msg('item.multMultiDigit.hint', p),
    solution: [
      msg('item.multMultiDigit.step1', p),
      msg('item.multMultiDigit.step2', p),
      msg('item.multMultiDigit.step3', p),
      msg('item.multMultiDigit.step4', p),
    ],
  };
});

const longDivision = generator('longDivision', (difficulty, rng): ItemBody => {
  let d: number;
  let q: number;
  if (difficulty === 1) {
    d = randInt(rng, 2, 5);
    q = draw(rng, 11, Math.floor(99 / d), (x) => x % 10 !== 0);
  } else if (difficulty === 2) {
    d = randInt(rng, 3, 9);
    q = draw(rng, Math.ceil(100 / d), Math.floor(999 / d), (x) => x % 10 !== 0);
  } else {
    d = randInt(rng, 11, 25);
    q = draw(rng, 12, 99, (x) => x % 10 !== 0);
  }
  const n = d * q;
  const q1 = q - (q % 10);
  const q2 = q % 10;
  const p = { n, d, q, n1: d * q1, n2: d * q2, q1, q2 };
  return {
    params: { n, divisor: d },
    prompt: msg('item.longDivision.prompt'),
    expression: `${n} ${DIVIDE} ${d} = ?`,
    answer: intAnswer(q),
    hint: msg('item.longDivision.hint', p),
    solution: [
      msg('item.longDivision.step1', p),
      msg('item.longDivision.step2', p),
      msg('item.longDivision.step3', p),
    ],
  };
});

function factors(n: number): string {
  const out: number[] = [];
  for (let i = 1; i <= n; i++) if (n % i === 0) out.push(i);
  return out.join(', ');
}

const hcf = generator('hcf', (difficulty, rng): ItemBody => {
  const [gMin, gMax, mMin, mMax] =
    difficulty === 1 ? [2, 5, 1, 6] : difficulty === 2 ? [2, 10, 2, 9] : [6, 20, 2, 12];
  const g = randInt(rng, gMin, gMax);
  const m = randInt(rng, mMin, mMax);
  const k = draw(rng, mMin, mMax, (x) => x !== m && gcd(x, m) === 1);
  const a = g * m;
  const b = g * k;
  const p = { a, b, fa: factors(a), fb: factors(b), g };
  return {
    params: { a, b },
    prompt: msg('item.hcf.prompt', p),
    answer: intAnswer(g),
    hint: msg('item.hcf.hint'),
    solution: [msg('item.hcf.step1', p), msg('item.hcf.step2', p), msg('item.hcf.step3', p)],
  };
});

const lcmGen = generator('lcm', (difficulty, rng): ItemBody => {
  const [min, max] = difficulty === 1 ? [2, 6] : difficulty === 2 ? [3, 12] : [6, 20];
  const a = randInt(rng, min, max);
  const b = draw(rng, min, max, (x) => x !== a && lcm(a, x) / Math.max(a, x) <= 12);
  const l = lcm(a, b);
  const big = Math.max(a, b);
  const small = Math.min(a, b);
  const list = Array.from({ length: l / big }, (_, i) => big * (i + 1)).join(', ');
  const p = { a, b, big, small, list, l };
  return {
    params: { a, b },
    prompt: msg('item.lcm.prompt', p),
    answer: intAnswer(l),
    hint: msg('item.lcm.hint'),
    solution: [msg('item.lcm.step1', p), msg('item.lcm.step2', p)],
  };
});

/** One worked reduction, e.g. "3 + 4 × 5" → work strings for each stage. */
interface Worked {
  readonly expression: string;
  readonly value: number;
  /** Per stage (brackets, ×÷, +−): the work shown, or undefined if the stage is empty. */
  readonly brackets?: string;
  readonly mulDiv?: string;
  readonly addSub?: string;
  readonly params: Record<string, number>;
}

const t = (x: number | string, op: string, y: number | string) => `${x} ${op} ${y}`;
const eq = (lhs: string, v: number | string) => `${lhs} = ${v}`;

function orderOpsForm(difficulty: 1 | 2 | 3, rng: Rng): Worked {
  const form =
    difficulty === 1 ? randInt(rng, 0, 1) : difficulty === 2 ? randInt(rng, 2, 3) : randInt(rng, 4, 7);
  switch (form) {
    case 0: {
      const a = randInt(rng, 1, 20);
      const b = randInt(rng, 2, 9);
      const c = randInt(rng, 2, 9);
      const v = a + b * c;
      return {
        expression: `${a} + ${b} ${TIMES} ${c}`,
        value: v,
        mulDiv: eq(t(b, TIMES, c), b * c),
        addSub: eq(t(a, '+', b * c), v),
        params: { form, a, b, c },
      };
    }
    case 1: {
      const a = randInt(rng, 2, 9);
      const b = randInt(rng, 2, 9);
      const c = randInt(rng, 1, a * b - 1);
      const v = a * b - c;
      return {
        expression: `${a} ${TIMES} ${b} ${MINUS} ${c}`,
        value: v,
        mulDiv: eq(t(a, TIMES, b), a * b),
        addSub: eq(t(a * b, MINUS, c), v),
        params: { form, a, b, c },
      };
    }
    case 2: {
      const b = randInt(rng, 2, 9);
      const c = randInt(rng, 2, 9);
      const a = randInt(rng, b * c + 1, b * c + 40);
      const d = randInt(rng, 1, 30);
      const v = a - b * c + d;
      return {
        expression: `${a} ${MINUS} ${b} ${TIMES} ${c} + ${d}`,
        value: v,
        mulDiv: eq(t(b, TIMES, c), b * c),
        addSub: eq(`${a} ${MINUS} ${b * c} + ${d}`, v),
        params: { form, a, b, c, d },
      };
    }
    case 3: {
      const c = randInt(rng, 2, 9);
      const q = randInt(rng, 2, 12);
      const b = c * q;
      const a = randInt(rng, 1, 50);
      const d = randInt(rng, 1, a + q - 1);
      const v = a + q - d;
      return {
        expression: `${a} + ${b} ${DIVIDE} ${c} ${MINUS} ${d}`,
        value: v,
        mulDiv: eq(t(b, DIVIDE, c), q),
        addSub: eq(`${a} + ${q} ${MINUS} ${d}`, v),
        params: { form, a, b, c, d },
      };
    }
    case 4: {
      const [a, b, c, d] = [
        randInt(rng, 2, 12),
        randInt(rng, 2, 12),
        randInt(rng, 2, 12),
        randInt(rng, 2, 12),
      ];
      const v = a * b + c * d;
      return {
        expression: `${a} ${TIMES} ${b} + ${c} ${TIMES} ${d}`,
        value: v,
        mulDiv: `${eq(t(a, TIMES, b), a * b)}, ${eq(t(c, TIMES, d), c * d)}`,
        addSub: eq(t(a * b, '+', c * d), v),
        params: { form, a, b, c, d },
      };
    }
    case 5: {
      const b = randInt(rng, 2, 12);
      const q = randInt(rng, 2, 12);
      const a = b * q;
      const c = randInt(rng, 2, 12);
      const d = randInt(rng, 2, 12);
      const v = q + c * d;
      return {
        expression: `${a} ${DIVIDE} ${b} + ${c} ${TIMES} ${d}`,
        value: v,
        mulDiv: `${eq(t(a, DIVIDE, b), q)}, ${eq(t(c, TIMES, d), c * d)}`,
        addSub: eq(t(q, '+', c * d), v),
        params: { form, a, b, c, d },
      };
    }
    case 6: {
      const d = randInt(rng, 2, 9);
      const q = randInt(rng, 2, 9);
      const c = d * q;
      const a = randInt(rng, 3, 12);
      const b = draw(rng, 3, 12, (x) => a * x > q);
      const v = a * b - q;
      return {
        expression: `${a} ${TIMES} ${b} ${MINUS} ${c} ${DIVIDE} ${d}`,
        value: v,
        mulDiv: `${eq(t(a, TIMES, b), a * b)}, ${eq(t(c, DIVIDE, d), q)}`,
        addSub: eq(t(a * b, MINUS, q), v),
        params: { form, a, b, c, d },
      };
    }
    default: {
      // ÷ and × have equal priority: left to right.
      const c = randInt(rng, 2, 9);
      const q = randInt(rng, 2, 9);
      const b = c * q;
      const d = randInt(rng, 2, 9);
      const a = randInt(rng, 1, 40);
      const v = a + q * d;
      return {
        expression: `${a} + ${b} ${DIVIDE} ${c} ${TIMES} ${d}`,
        value: v,
        mulDiv: `${eq(t(b, DIVIDE, c), q)}, ${eq(t(q, TIMES, d), q * d)}`,
        addSub: eq(t(a, '+', q * d), v),
        params: { form, a, b, c, d },
      };
    }
  }
}

function bracketsForm(difficulty: 1 | 2 | 3, rng: Rng): Worked {
  const form =
    difficulty === 1 ? randInt(rng, 0, 1) : difficulty === 2 ? randInt(rng, 2, 4) : randInt(rng, 5, 8);
  switch (form) {
    case 0: {
      const [a, b, c] = [randInt(rng, 1, 12), randInt(rng, 1, 12), randInt(rng, 2, 9)];
      return {
        expression: `(${a} + ${b}) ${TIMES} ${c}`,
        value: (a + b) * c,
        brackets: eq(t(a, '+', b), a + b),
        mulDiv: eq(t(a + b, TIMES, c), (a + b) * c),
        params: { form, a, b, c },
      };
    }
    case 1: {
      const a = randInt(rng, 2, 9);
      const b = randInt(rng, 3, 20);
      const c = randInt(rng, 1, b - 1);
      return {
        expression: `${a} ${TIMES} (${b} ${MINUS} ${c})`,
        value: a * (b - c),
        brackets: eq(t(b, MINUS, c), b - c),
        mulDiv: eq(t(a, TIMES, b - c), a * (b - c)),
        params: { form, a, b, c },
      };
    }
    case 2: {
      const c = randInt(rng, 2, 9);
      const q = randInt(rng, 2, 12);
      const a = randInt(rng, 1, c * q - 1);
      const b = c * q - a;
      return {
        expression: `(${a} + ${b}) ${DIVIDE} ${c}`,
        value: q,
        brackets: eq(t(a, '+', b), a + b),
        mulDiv: eq(t(a + b, DIVIDE, c), q),
        params: { form, a, b, c },
      };
    }
    case 3: {
      const b = randInt(rng, 5, 40);
      const c = randInt(rng, 5, 40);
      const a = randInt(rng, b + c + 1, b + c + 60);
      return {
        expression: `${a} ${MINUS} (${b} + ${c})`,
        value: a - b - c,
        brackets: eq(t(b, '+', c), b + c),
        addSub: eq(t(a, MINUS, b + c), a - b - c),
        params: { form, a, b, c },
      };
    }
    case 4: {
      const a = randInt(rng, 1, 30);
      const b = randInt(rng, 2, 9);
      const c = randInt(rng, 3, 15);
      const d = randInt(rng, 1, c - 1);
      const v = a + b * (c - d);
      return {
        expression: `${a} + ${b} ${TIMES} (${c} ${MINUS} ${d})`,
        value: v,
        brackets: eq(t(c, MINUS, d), c - d),
        mulDiv: eq(t(b, TIMES, c - d), b * (c - d)),
        addSub: eq(t(a, '+', b * (c - d)), v),
        params: { form, a, b, c, d },
      };
    }
    case 5: {
      const [a, b] = [randInt(rng, 2, 15), randInt(rng, 2, 15)];
      const c = randInt(rng, 4, 15);
      const d = randInt(rng, 1, c - 2);
      const v = (a + b) * (c - d);
      return {
        expression: `(${a} + ${b}) ${TIMES} (${c} ${MINUS} ${d})`,
        value: v,
        brackets: `${eq(t(a, '+', b), a + b)}, ${eq(t(c, MINUS, d), c - d)}`,
        mulDiv: eq(t(a + b, TIMES, c - d), v),
        params: { form, a, b, c, d },
      };
    }
    case 6: {
      const a = randInt(rng, 2, 9);
      const [b, c] = [randInt(rng, 2, 20), randInt(rng, 2, 20)];
      const d = randInt(rng, 1, a * (b + c) - 1);
      const v = a * (b + c) - d;
      return {
        expression: `${a} ${TIMES} (${b} + ${c}) ${MINUS} ${d}`,
        value: v,
        brackets: eq(t(b, '+', c), b + c),
        mulDiv: eq(t(a, TIMES, b + c), a * (b + c)),
        addSub: eq(t(a * (b + c), MINUS, d), v),
        params: { form, a, b, c, d },
      };
    }
    case 7: {
      const a = randInt(rng, 2, 9);
      const b = randInt(rng, 3, 12);
      const d = randInt(rng, 2, Math.min(9, a * b - 1));
      const q = randInt(rng, 1, Math.floor((a * b - 1) / d));
      const c = a * b - d * q;
      return {
        expression: `(${a} ${TIMES} ${b} ${MINUS} ${c}) ${DIVIDE} ${d}`,
        value: q,
        brackets: `${t(a, TIMES, b)} ${MINUS} ${c} = ${a * b} ${MINUS} ${c} = ${d * q}`,
        mulDiv: eq(t(d * q, DIVIDE, d), q),
        params: { form, a, b, c, d },
      };
    }
    default: {
      const c = randInt(rng, 3, 12);
      const d = randInt(rng, 1, c - 1);
      const b = randInt(rng, 2, 9);
      const a = randInt(rng, b * (c - d) + 1, b * (c - d) + 50);
      const v = a - b * (c - d);
      return {
        expression: `${a} ${MINUS} ${b} ${TIMES} (${c} ${MINUS} ${d})`,
        value: v,
        brackets: eq(t(c, MINUS, d), c - d),
        mulDiv: eq(t(b, TIMES, c - d), b * (c - d)),
        addSub: eq(t(a, MINUS, b * (c - d)), v),
        params: { form, a, b, c, d },
      };
    }
  }
}

function workedItem(skill: 'orderOps' | 'orderOpsBrackets', w: Worked): ItemBody {
  const solution = [];
  if (w.brackets) solution.push(msg(`item.${skill}.step.brackets`, { work: w.brackets }));
  if (w.mulDiv) solution.push(msg(`item.${skill}.step.mulDiv`, { work: w.mulDiv }));
  if (w.addSub) solution.push(msg(`item.${skill}.step.addSub`, { work: w.addSub }));
  return {
    params: w.params,
    prompt: msg(`item.${skill}.prompt`),
    expression: `${w.expression} = ?`,
    answer: intAnswer(w.value),
    hint: msg(`item.${skill}.hint`),
    solution,
  };
}

const orderOps = generator('orderOps', (difficulty, rng) =>
  workedItem('orderOps', orderOpsForm(difficulty, rng)),
);
const orderOpsBrackets = generator('orderOpsBrackets', (difficulty, rng) =>
  workedItem('orderOpsBrackets', bracketsForm(difficulty, rng)),
);

export const numberGenerators: readonly ItemGenerator[] = [
  placeValue,
  rounding,
  addCarry,
  subBorrow,
  multFacts,
  divFacts,
  multMultiDigit,
  longDivision,
  hcf,
  lcmGen,
  orderOps,
  orderOpsBrackets,
];
