/** Generators for the algebra strand (expressions and equations). */
import { pick, randInt, shuffle } from '../../core/rng';
import type { Difficulty, ItemGenerator, Message, Rng } from '../../core/types';
import {
  DIVIDE,
  MINUS,
  TIMES,
  choiceAnswer,
  draw,
  fmtInt,
  fmtLinear,
  fmtOperand,
  fmtRational,
  fmtTerm,
  fracAnswer,
  generator,
  intAnswer,
  msg,
  reduce,
  signed,
} from './util';
import type { ItemBody } from './util';

type Term = readonly [number, string];

// ---------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------

const LETTERS = ['n', 'x', 'y', 'a', 'm', 'k'];

/** "3 × 4 − 2 × (−5)" from terms and values: the substitution step. */
function substituted(terms: readonly Term[], values: Readonly<Record<string, number>>): string {
  let out = '';
  for (const [c, v] of terms) {
    const mag = Math.abs(c);
    const body =
      v === ''
        ? String(mag)
        : mag === 1
          ? fmtOperand(values[v] ?? 0)
          : `${mag} ${TIMES} ${fmtOperand(values[v] ?? 0)}`;
    if (out === '') out = c < 0 ? `${MINUS}${body}` : body;
    else out += c < 0 ? ` ${MINUS} ${body}` : ` + ${body}`;
  }
  return out;
}

const substitution = generator('substitution', (difficulty, rng): ItemBody => {
  const form = difficulty === 1 ? 0 : difficulty === 2 ? randInt(rng, 1, 3) : randInt(rng, 4, 6);
  const v = pick(rng, LETTERS);
  let expr: string;
  let assign: string;
  let sub: string;
  let work: string;
  let ans: number;
  let params: Record<string, number>;
  switch (form) {
    case 0: {
      const [a, b, val] = [randInt(rng, 2, 9), randInt(rng, 1, 20), randInt(rng, 1, 10)];
      ans = a * val + b;
      expr = `${a}${v} + ${b}`;
      assign = `${v} = ${val}`;
      sub = `${a} ${TIMES} ${val} + ${b}`;
      work = `${a * val} + ${b} = ${ans}`;
      params = { form, a, b, value: val };
      break;
    }
    case 1: {
      const [a, b, val] = [randInt(rng, 2, 9), randInt(rng, 1, 12), randInt(rng, 1, 12)];
      ans = a * (val + b);
      expr = `${a}(${v} + ${b})`;
      assign = `${v} = ${val}`;
      sub = `${a} ${TIMES} (${val} + ${b})`;
      work = `${a} ${TIMES} ${val + b} = ${ans}`;
      params = { form, a, b, value: val };
      break;
    }
    case 2: {
      const [a, val] = [randInt(rng, 2, 12), randInt(rng, 2, 12)];
      const b = randInt(rng, 1, a * val - 1);
      ans = a * val - b;
      expr = `${a}${v} ${MINUS} ${b}`;
      assign = `${v} = ${val}`;
      sub = `${a} ${TIMES} ${val} ${MINUS} ${b}`;
      work = `${a * val} ${MINUS} ${b} = ${ans}`;
      params = { form, a, b, value: val };
      break;
    }
    case 3: {
      const [b, val] = [randInt(rng, 1, 30), randInt(rng, 2, 12)];
      ans = val * val + b;
      expr = `${v}² + ${b}`;
      assign = `${v} = ${val}`;
      sub = `${val}² + ${b}`;
      work = `${val} ${TIMES} ${val} + ${b} = ${val * val} + ${b} = ${ans}`;
      params = { form, b, value: val };
      break;
    }
    case 4: {
      const terms: Term[] = [
        [randInt(rng, 2, 9), 'x'],
        [signed(rng, 2, 9), 'y'],
      ];
      const values = { x: signed(rng, 1, 9), y: signed(rng, 1, 9) };
      const prods = terms.map(([c, name]) => c * values[name as 'x' | 'y']);
      ans = (prods[0] ?? 0) + (prods[1] ?? 0);
      expr = fmtLinear(terms);
      assign = `x = ${fmtInt(values.x)}, y = ${fmtInt(values.y)}`;
      sub = substituted(terms, values);
      work = `${fmtLinear([
        [prods[0] ?? 0, ''],
        [prods[1] ?? 0, ''],
      ])} = ${fmtInt(ans)}`;
      params = { form, a: terms[0]?.[0] ?? 0, b: terms[1]?.[0] ?? 0, x: values.x, y: values.y };
      break;
    }
    case 5: {
      const [a, b] = [randInt(rng, 2, 5), randInt(rng, 1, 30)];
      const val = -randInt(rng, 1, 9);
      const sq = val * val;
      ans = a * sq - b;
      expr = `${a}${v}² ${MINUS} ${b}`;
      assign = `${v} = ${fmtInt(val)}`;
      sub = `${a} ${TIMES} (${fmtInt(val)})² ${MINUS} ${b}`;
      work = `${a} ${TIMES} ${sq} ${MINUS} ${b} = ${a * sq} ${MINUS} ${b} = ${fmtInt(ans)}`;
      params = { form, a, b, value: val };
      break;
    }
    default: {
      const [a, b] = [randInt(rng, 2, 9), randInt(rng, 1, 9)];
      const val = signed(rng, 1, 12);
      ans = a * (val - b);
      expr = `${a}(${v} ${MINUS} ${b})`;
      assign = `${v} = ${fmtInt(val)}`;
      sub = `${a} ${TIMES} (${fmtInt(val)} ${MINUS} ${b})`;
      work = `${a} ${TIMES} ${fmtOperand(val - b)} = ${fmtInt(ans)}`;
      params = { form, a, b, value: val };
      break;
    }
  }
  return {
    params,
    prompt: msg('item.substitution.prompt', { assign }),
    expression: expr,
    answer: intAnswer(ans),
    hint: msg('item.substitution.hint'),
    solution: [msg('item.substitution.step1', { sub }), msg('item.substitution.step2', { work })],
  };
});

const collectTerms = generator('collectTerms', (difficulty, rng): ItemBody => {
  const v = pick(rng, LETTERS);
  const n = difficulty + 1;
  let coefs: number[];
  for (;;) {
    coefs = [];
    for (let i = 0; i < n; i++) {
      const mag = randInt(rng, difficulty === 3 ? 1 : 2, difficulty === 1 ? 9 : 12);
      const neg = i > 0 && (difficulty === 3 ? rng() < 0.5 : difficulty === 2 && i === n - 1);
      coefs.push(neg ? -mag : mag);
    }
    if (difficulty === 3 && rng() < 0.3) coefs[0] = -(coefs[0] ?? 1);
    const sum = coefs.reduce((s, c) => s + c, 0);
    if (sum !== 0 && (difficulty === 3 || sum > 0)) break;
  }
  const total = coefs.reduce((s, c) => s + c, 0);
  const terms: Term[] = coefs.map((c) => [c, v]);
  const work = `${fmtLinear(coefs.map((c) => [c, '']))} = ${fmtInt(total)}`;
  const params: Record<string, number> = {};
  coefs.forEach((c, i) => (params[`c${i + 1}`] = c));
  return {
    params,
    prompt: msg('item.collectTerms.prompt', { v }),
    expression: `${fmtLinear(terms)} = ?${v}`,
    answer: intAnswer(total),
    hint: msg('item.collectTerms.hint', { v }),
    solution: [
      msg('item.collectTerms.step1', { v, work }),
      msg('item.collectTerms.step2', { ans: fmtTerm(total, v) }),
    ],
  };
});

/** Combine like terms: variables in alphabetical order, then the constant. */
function combine(terms: readonly Term[]): Term[] {
  const sums = new Map<string, number>();
  for (const [c, v] of terms) sums.set(v, (sums.get(v) ?? 0) + c);
  const vars = [...sums.keys()].filter((v) => v !== '').sort();
  return [...vars.map((v): Term => [sums.get(v) ?? 0, v]), [sums.get('') ?? 0, '']];
}

const simplifyExpr = generator('simplifyExpr', (difficulty, rng): ItemBody => {
  const v = pick(rng, ['x', 'a', 'n', 'm']);
  let terms: Term[];
  for (;;) {
    if (difficulty === 1) {
      terms = [
        [randInt(rng, 2, 9), v],
        [randInt(rng, 1, 9), ''],
        [randInt(rng, 2, 9), v],
        [randInt(rng, 1, 9), ''],
      ];
    } else if (difficulty === 2) {
      terms = [
        [randInt(rng, 2, 9), v],
        [signed(rng, 1, 9), ''],
        [signed(rng, 2, 9), v],
        [signed(rng, 1, 9), ''],
      ];
    } else {
      terms = shuffle<Term>(rng, [
        [signed(rng, 1, 9), 'x'],
        [signed(rng, 1, 9), 'y'],
        [signed(rng, 2, 9), 'x'],
        [signed(rng, 2, 9), 'y'],
        ...(rng() < 0.5 ? [[signed(rng, 1, 9), ''] as const] : []),
      ]);
    }
    const combined = combine(terms);
    const varsOk = combined.filter(([, name]) => name !== '').every(([c]) => c !== 0);
    const constOk = difficulty === 3 || (combined[combined.length - 1]?.[0] ?? 0) !== 0;
    if (varsOk && constOk) break;
  }
  const result = combine(terms);
  const correct = fmtLinear(result);
  const distractors: string[] = [];
  terms.forEach((_, i) => {
    const flipped = terms.map(([c, name], j): Term => [i === j ? -c : c, name]);
    distractors.push(fmtLinear(combine(flipped)));
  });
  const allSum = terms.reduce((s, [c]) => s + Math.abs(c), 0);
  distractors.push(fmtTerm(allSum, difficulty === 3 ? 'xy' : v));
  distractors.push(fmtLinear(result.map(([c, name], j): Term => [j === 0 ? c + 1 : c, name])));
  distractors.push(fmtLinear(result.map(([c, name], j): Term => [j === 0 ? c - 1 : c, name])));
  const order = ['x', 'y', v, ''];
  const grouped = [...terms].sort((p, q) => order.indexOf(p[1]) - order.indexOf(q[1]));
  const params: Record<string, number> = {};
  terms.forEach(([c], i) => (params[`c${i + 1}`] = c));
  return {
    params,
    prompt: msg('item.simplifyExpr.prompt'),
    expression: fmtLinear(terms),
    answer: choiceAnswer(rng, correct, distractors, 4),
    hint: msg('item.simplifyExpr.hint'),
    solution: [
      msg('item.simplifyExpr.step1', { grouped: fmtLinear(grouped) }),
      msg('item.simplifyExpr.step2', { ans: correct }),
    ],
  };
});

/** A term as a second operand: "(−5)", "(−3x)", "4x". */
function termOperand([c, v]: Term): string {
  const s = v === '' ? fmtInt(c) : fmtTerm(c, v);
  return c < 0 ? `(${s})` : s;
}

const expandBrackets = generator('expandBrackets', (difficulty, rng): ItemBody => {
  const v = pick(rng, ['x', 'a', 'n', 'y']);
  let k: number;
  let inner: Term[];
  if (difficulty === 1) {
    k = randInt(rng, 2, 9);
    inner = [
      [1, v],
      [randInt(rng, 1, 9), ''],
    ];
  } else if (difficulty === 2) {
    k = randInt(rng, 2, 9);
    inner = [
      [randInt(rng, 2, 6), v],
      [signed(rng, 1, 9), ''],
    ];
  } else {
    k = -randInt(rng, 2, 9);
    inner =
      rng() < 0.5
        ? [
            [randInt(rng, 2, 6), v],
            [signed(rng, 1, 9), ''],
          ]
        : [
            [randInt(rng, 2, 12), ''],
            [-randInt(rng, 2, 6), v],
          ];
  }
  const [t1, t2] = inner as [Term, Term];
  const result = inner.map(([c, name]): Term => [k * c, name]);
  const correct = fmtLinear(result);
  const distractors = [
    fmtLinear([[k * t1[0], t1[1]], t2]),
    fmtLinear([t1, [k * t2[0], t2[1]]]),
    fmtLinear([
      [k * t1[0], t1[1]],
      [-k * t2[0], t2[1]],
    ]),
    fmtLinear([
      [-k * t1[0], t1[1]],
      [k * t2[0], t2[1]],
    ]),
    fmtLinear([
      [k * t1[0], t1[1]],
      [t2[0] + k, t2[1]],
    ]),
  ];
  const e = `${fmtInt(k)}(${fmtLinear(inner)})`;
  const w1 = `${fmtInt(k)} ${TIMES} ${termOperand(t1)} = ${fmtLinear([result[0] as Term])}`;
  const w2 = `${fmtInt(k)} ${TIMES} ${termOperand(t2)} = ${fmtLinear([result[1] as Term])}`;
  return {
    params: { k, c1: t1[0], c2: t2[0], constantFirst: t1[1] === '' ? 1 : 0 },
    prompt: msg('item.expandBrackets.prompt'),
    expression: e,
    answer: choiceAnswer(rng, correct, distractors, 4),
    hint: msg('item.expandBrackets.hint'),
    solution: [
      msg('item.expandBrackets.step1', { k: fmtInt(k), w1, w2 }),
      msg('item.expandBrackets.step2', { e, ans: correct }),
    ],
  };
});

// ---------------------------------------------------------------------------------------------
// Equations
// ---------------------------------------------------------------------------------------------

/** "3x + 5", "−2x", "7": one side of a linear equation. */
function side(coef: number, constant: number, v: string): string {
  return fmtLinear([
    [coef, v],
    [constant, ''],
  ]);
}

/**
 * Worked steps for p·v + r = q·v + s (p ≠ q): move the variable to one side, move the
 * constant to the other, then divide. Returns the steps and the solution as a fraction.
 */
function solveLinear(
  v: string,
  p: number,
  r: number,
  q: number,
  s: number,
): { steps: Message[]; num: number; den: number } {
  const steps: Message[] = [];
  if (q !== 0) {
    const m = Math.min(p, q);
    p -= m;
    q -= m;
    const t = fmtTerm(Math.abs(m), v);
    steps.push(
      msg(m > 0 ? 'item.eq.subVar' : 'item.eq.addVar', { t, eq: `${side(p, r, v)} = ${side(q, s, v)}` }),
    );
  }
  // Now exactly one side has the variable; make it the left for the remaining reasoning.
  const left = p !== 0;
  const e = left ? p : q;
  const c = left ? r : s; // constant beside the variable
  let k = left ? s : r; // constant on the other side
  if (c !== 0) {
    k -= c;
    const eq = left ? `${fmtTerm(e, v)} = ${fmtInt(k)}` : `${fmtInt(k)} = ${fmtTerm(e, v)}`;
    steps.push(msg(c > 0 ? 'item.eq.sub' : 'item.eq.add', { n: Math.abs(c), eq }));
  }
  if (e !== 1) steps.push(msg('item.eq.div', { n: fmtInt(e), eq: `${v} = ${fmtRational(k, e)}` }));
  return { steps, num: k, den: e };
}

function equationItem(
  skill: string,
  v: string,
  equation: string,
  steps: Message[],
  num: number,
  den: number,
  params: Record<string, number>,
): ItemBody {
  return {
    params,
    // A fractional solution is asked for in its simplest form, in so many words.
    prompt: msg(reduce(num, den)[1] === 1 ? `item.${skill}.prompt` : `item.${skill}.prompt.fraction`, { v }),
    expression: equation,
    answer: fracAnswer(num, den),
    hint: msg(`item.${skill}.hint`, { v }),
    solution: steps,
  };
}

const eqOneStep = generator('eqOneStep', (difficulty, rng): ItemBody => {
  const v = pick(rng, ['x', 'n', 'y', 'a']);
  const form = difficulty === 1 ? randInt(rng, 0, 1) : randInt(rng, 0, 3);
  const neg = difficulty === 3;
  const x = neg ? signed(rng, 1, 20) : randInt(rng, difficulty === 1 ? 1 : 2, difficulty === 1 ? 20 : 30);
  if (form === 3) {
    // v ÷ a = b
    const a = neg ? signed(rng, 2, 9) : randInt(rng, 2, 9);
    const b = neg ? signed(rng, 1, 12) : randInt(rng, 1, 12);
    const val = a * b;
    const steps = [msg('item.eq.mul', { n: fmtInt(a), eq: `${v} = ${fmtInt(val)}` })];
    return equationItem('eqOneStep', v, `${v} ${DIVIDE} ${fmtOperand(a)} = ${fmtInt(b)}`, steps, val, 1, {
      form,
      a,
      b,
    });
  }
  let p = 1;
  let r = 0;
  if (form === 0) r = randInt(rng, 1, neg ? 30 : 20);
  if (form === 1) r = -randInt(rng, 1, neg ? 30 : 20);
  if (form === 2) p = neg ? signed(rng, 2, 12) : randInt(rng, 2, difficulty === 1 ? 9 : 12);
  const s = p * x + r;
  const { steps, num, den } = solveLinear(v, p, r, 0, s);
  return equationItem('eqOneStep', v, `${side(p, r, v)} = ${fmtInt(s)}`, steps, num, den, { form, p, r, s });
});

const eqTwoStep = generator('eqTwoStep', (difficulty, rng): ItemBody => {
  const v = pick(rng, ['x', 'n', 'y', 'a']);
  let p: number;
  let r: number;
  let s: number;
  let constantFirst = false;
  if (difficulty === 1) {
    p = randInt(rng, 2, 5);
    r = randInt(rng, 1, 10);
    s = p * randInt(rng, 1, 10) + r;
  } else if (difficulty === 2) {
    p = randInt(rng, 2, 9);
    r = signed(rng, 1, 20);
    s = p * randInt(rng, 1, 12) + r;
  } else {
    const variant = randInt(rng, 0, 2);
    if (variant === 0) {
      // negative solution
      p = randInt(rng, 2, 9);
      r = signed(rng, 1, 20);
      s = p * -randInt(rng, 1, 12) + r;
    } else if (variant === 1) {
      // fractional solution
      p = randInt(rng, 2, 9);
      r = signed(rng, 1, 20);
      const num = draw(rng, 1, 40, (n) => n % p !== 0);
      s = num + r;
    } else {
      // constant first, negative coefficient: 20 − 3x = 5
      p = -randInt(rng, 2, 9);
      r = randInt(rng, 10, 40);
      s = p * signed(rng, 1, 10) + r;
      constantFirst = true;
    }
  }
  const lhs = constantFirst
    ? fmtLinear([
        [r, ''],
        [p, v],
      ])
    : side(p, r, v);
  const { steps, num, den } = solveLinear(v, p, r, 0, s);
  return equationItem('eqTwoStep', v, `${lhs} = ${fmtInt(s)}`, steps, num, den, { p, r, s });
});

const eqBothSides = generator('eqBothSides', (difficulty: Difficulty, rng: Rng): ItemBody => {
  const v = pick(rng, ['x', 'n', 'y', 'a']);
  let p: number;
  let q: number;
  let r: number;
  let s: number;
  let x: number;
  const steps: Message[] = [];
  let lhs: string;
  let params: Record<string, number>;
  if (difficulty === 1) {
    q = randInt(rng, 1, 6);
    p = randInt(rng, q + 1, 9);
    x = randInt(rng, 1, 10);
    r = randInt(rng, 1, 15);
    s = (p - q) * x + r;
    lhs = side(p, r, v);
    params = { p, r, q, s };
  } else if (difficulty === 2) {
    p = randInt(rng, 1, 9);
    q = draw(rng, 1, 9, (n) => n !== p);
    x = randInt(rng, 1, 12);
    r = signed(rng, 1, 15);
    s = (p - q) * x + r;
    lhs = side(p, r, v);
    params = { p, r, q, s };
  } else {
    // k(v + b) = q·v + s, solution may be negative
    const k = randInt(rng, 2, 6);
    const b = signed(rng, 1, 9);
    q = draw(rng, -5, 9, (n) => n !== 0 && n !== k);
    x = signed(rng, 1, 10);
    p = k;
    r = k * b;
    s = (p - q) * x + r;
    lhs = `${k}(${side(1, b, v)})`;
    steps.push(msg('item.eq.expand', { eq: `${side(p, r, v)} = ${side(q, s, v)}` }));
    params = { k, b, q, s };
  }
  const solved = solveLinear(v, p, r, q, s);
  steps.push(...solved.steps);
  return equationItem('eqBothSides', v, `${lhs} = ${side(q, s, v)}`, steps, solved.num, solved.den, params);
});

export const algebraGenerators: readonly ItemGenerator[] = [
  substitution,
  collectTerms,
  simplifyExpr,
  expandBrackets,
  eqOneStep,
  eqTwoStep,
  eqBothSides,
];
