/** Generators for the fractions strand. */
import { pick, randInt } from '../../core/rng';
import type { ItemGenerator, Message, Rng } from '../../core/types';
import {
  MINUS,
  TIMES,
  choiceAnswer,
  draw,
  fmtFrac,
  fmtRational,
  fracAnswer,
  gcd,
  generator,
  intAnswer,
  lcm,
  msg,
  reduce,
} from './util';
import type { ItemBody } from './util';

const fracEquivalent = generator('fracEquivalent', (difficulty, rng): ItemBody => {
  let n0: number; // the fraction the learner scales from
  let d0: number;
  let k: number;
  let simplify: Message | undefined;
  let missingDen = false;
  const extra: Record<string, number> = {};
  if (difficulty === 1) {
    d0 = randInt(rng, 2, 5);
    n0 = randInt(rng, 1, d0 - 1);
    k = randInt(rng, 2, 5);
  } else if (difficulty === 2) {
    d0 = randInt(rng, 2, 10);
    n0 = randInt(rng, 1, d0 - 1);
    k = randInt(rng, 2, 9);
    missingDen = rng() < 0.5;
  } else {
    // Start from a fraction that is not in lowest terms: simplify first, then scale.
    d0 = randInt(rng, 3, 12);
    n0 = draw(rng, 1, d0 - 1, (x) => gcd(x, d0) === 1);
    const k1 = randInt(rng, 2, 8);
    k = draw(rng, 2, 8, (x) => x !== k1);
    missingDen = rng() < 0.5;
    extra.k1 = k1;
    simplify = msg('item.fracEquivalent.step.simplify', {
      f1: fmtFrac(n0 * k1, d0 * k1),
      k1,
      f0: fmtFrac(n0, d0),
    });
  }
  const left = extra.k1 ? fmtFrac(n0 * extra.k1, d0 * extra.k1) : fmtFrac(n0, d0);
  const p = { n1: n0, d1: d0, n2: n0 * k, d2: d0 * k, k };
  const solution = simplify ? [simplify] : [];
  if (missingDen) {
    solution.push(msg('item.fracEquivalent.step.num', p), msg('item.fracEquivalent.step.doDen', p));
  } else {
    solution.push(msg('item.fracEquivalent.step.den', p), msg('item.fracEquivalent.step.doNum', p));
  }
  return {
    params: { numerator: n0, denominator: d0, k, missingDen: missingDen ? 1 : 0, ...extra },
    prompt: msg('item.fracEquivalent.prompt'),
    expression: missingDen ? `${left} = ${n0 * k}/?` : `${left} = ?/${d0 * k}`,
    answer: intAnswer(missingDen ? d0 * k : n0 * k),
    hint: msg('item.fracEquivalent.hint'),
    solution,
  };
});

const fracSimplify = generator('fracSimplify', (difficulty, rng): ItemBody => {
  const [dMax, gMin, gMax] = difficulty === 1 ? [6, 2, 5] : difficulty === 2 ? [10, 2, 10] : [15, 6, 15];
  const d0 = randInt(rng, 2, dMax);
  const n0 =
    difficulty === 3 && rng() < 0.4
      ? draw(rng, d0 + 1, 3 * d0, (x) => gcd(x, d0) === 1)
      : draw(rng, 1, d0 - 1, (x) => gcd(x, d0) === 1);
  const g = randInt(rng, gMin, gMax);
  const n = n0 * g;
  const d = d0 * g;
  const p = { f: fmtFrac(n, d), n, d, g, n0, d0, ans: fmtFrac(n0, d0) };
  return {
    params: { numerator: n, denominator: d },
    prompt: msg('item.fracSimplify.prompt', p),
    answer: fracAnswer(n, d),
    hint: msg('item.fracSimplify.hint'),
    solution: [
      msg('item.fracSimplify.step1', p),
      msg('item.fracSimplify.step2', p),
      msg('item.fracSimplify.step3', p),
    ],
  };
});

/** `count` proper fractions with distinct values, denominators from `dens`. */
function distinctFractions(rng: Rng, count: number, dens: () => number): [number, number][] {
  const out: [number, number][] = [];
  while (out.length < count) {
    const d = dens();
    const n = randInt(rng, 1, d - 1);
    if (!out.some(([a, b]) => a * d === n * b)) out.push([n, d]);
  }
  return out;
}

const fracCompare = generator('fracCompare', (difficulty, rng): ItemBody => {
  let fracs: [number, number][];
  if (difficulty === 1) {
    const d = randInt(rng, 5, 12);
    fracs = distinctFractions(rng, 3, () => d);
  } else if (difficulty === 2) {
    const d0 = randInt(rng, 2, 5);
    fracs = distinctFractions(rng, 3, () => d0 * randInt(rng, 1, 4));
  } else {
    fracs = distinctFractions(rng, 4, () => pick(rng, [3, 4, 5, 6, 8, 10, 12]));
  }
  const largest = rng() < 0.5;
  const value = ([n, d]: [number, number]) => n / d;
  const best = fracs.reduce((x, y) => ((largest ? value(y) > value(x) : value(y) < value(x)) ? y : x));
  const strings = fracs.map(([n, d]) => fmtFrac(n, d));
  const correct = fmtFrac(best[0], best[1]);
  const L = fracs.reduce((acc, [, d]) => lcm(acc, d), 1);
  const list = fracs.map(([n, d]) => fmtFrac((n * L) / d, L)).join(', ');
  const sameDen = fracs.every(([, d]) => d === L);
  const params: Record<string, number> = { largest: largest ? 1 : 0 };
  fracs.forEach(([n, d], i) => {
    params[`n${i + 1}`] = n;
    params[`d${i + 1}`] = d;
  });
  const which = largest ? 'largest' : 'smallest';
  return {
    params,
    prompt: msg(`item.fracCompare.prompt.${which}`),
    answer: choiceAnswer(
      rng,
      correct,
      strings.filter((s) => s !== correct),
      strings.length,
    ),
    hint: msg('item.fracCompare.hint'),
    solution: [
      sameDen ? msg('item.fracCompare.step1.same', { d: L }) : msg('item.fracCompare.step1', { L, list }),
      msg(`item.fracCompare.step2.${which}`, { ans: correct }),
    ],
  };
});

const fracImproper = generator('fracImproper', (difficulty, rng): ItemBody => {
  const [wMin, wMax, dMin, dMax] =
    difficulty === 1 ? [1, 3, 2, 5] : difficulty === 2 ? [2, 6, 2, 10] : [4, 12, 3, 12];
  const w = randInt(rng, wMin, wMax);
  const d = randInt(rng, dMin, dMax);
  const n = draw(rng, 1, d - 1, (x) => gcd(x, d) === 1);
  const num = w * d + n;
  const mixed = `${w} ${n}/${d}`;
  const p = { mixed, w, n, d, wd: w * d, num, ans: fmtFrac(num, d) };
  return {
    params: { whole: w, numerator: n, denominator: d },
    prompt: msg('item.fracImproper.prompt', p),
    expression: `${mixed} = ?`,
    answer: fracAnswer(num, d, 'improper'),
    hint: msg('item.fracImproper.hint', p),
    solution: [msg('item.fracImproper.step1', p), msg('item.fracImproper.step2', p)],
  };
});

const fracOfAmount = generator('fracOfAmount', (difficulty, rng): ItemBody => {
  let n: number;
  let d: number;
  let k: number;
  if (difficulty === 1) {
    d = randInt(rng, 2, 5);
    n = 1;
    k = randInt(rng, 2, 10);
  } else if (difficulty === 2) {
    d = randInt(rng, 3, 10);
    n = draw(rng, 1, d - 1, (x) => gcd(x, d) === 1);
    k = randInt(rng, 2, 12);
  } else {
    d = randInt(rng, 3, 12);
    n = draw(rng, 2, d - 1, (x) => gcd(x, d) === 1);
    k = randInt(rng, 5, 25);
  }
  const x = d * k;
  const p = { f: fmtFrac(n, d), unit: fmtFrac(1, d), x, d, k, n, ans: n * k };
  return {
    params: { numerator: n, denominator: d, amount: x },
    prompt: msg('item.fracOfAmount.prompt', p),
    answer: intAnswer(n * k),
    hint: msg('item.fracOfAmount.hint', p),
    solution:
      n === 1
        ? [msg('item.fracOfAmount.step1', p)]
        : [msg('item.fracOfAmount.step1', p), msg('item.fracOfAmount.step2', p)],
  };
});

/** The last step of a fraction calculation: keep the raw result, or simplify it. */
function finish(skill: string, n: number, d: number): Message {
  const raw = fmtFrac(n, d);
  const [a, b] = reduce(n, d);
  return a === n && b === d
    ? msg(`item.${skill}.step.keep`, { raw })
    : msg(`item.${skill}.step.simplify`, { raw, ans: fmtRational(n, d) });
}

const fracAddSubLike = generator('fracAddSubLike', (difficulty, rng): ItemBody => {
  let d: number;
  let n1: number;
  let n2: number;
  let add: boolean;
  if (difficulty === 1) {
    add = true;
    d = randInt(rng, 3, 12);
    n1 = randInt(rng, 1, d - 2);
    n2 = randInt(rng, 1, d - 1 - n1);
  } else if (difficulty === 2) {
    add = rng() < 0.5;
    d = randInt(rng, 4, 12);
    if (add) {
      n1 = randInt(rng, 1, d - 1);
      n2 = randInt(rng, 1, d - n1);
    } else {
      n1 = randInt(rng, 2, d - 1);
      n2 = randInt(rng, 1, n1 - 1);
    }
  } else {
    add = rng() < 0.5;
    d = randInt(rng, 3, 12);
    if (add) {
      n1 = randInt(rng, 2, d - 1);
      n2 = randInt(rng, d - n1 + 1, d - 1);
    } else {
      n1 = randInt(rng, d + 1, 2 * d);
      n2 = randInt(rng, 1, d - 1);
    }
  }
  const r = add ? n1 + n2 : n1 - n2;
  const op = add ? '+' : MINUS;
  return {
    params: { n1, n2, denominator: d, add: add ? 1 : 0 },
    prompt: msg('item.fracAddSubLike.prompt'),
    expression: `${fmtFrac(n1, d)} ${op} ${fmtFrac(n2, d)} = ?`,
    answer: fracAnswer(r, d),
    hint: msg('item.fracAddSubLike.hint'),
    solution: [
      msg(add ? 'item.fracAddSubLike.step1.add' : 'item.fracAddSubLike.step1.sub', { n1, n2, r }),
      finish('fracAddSubLike', r, d),
    ],
  };
});

const fracAddSubUnlike = generator('fracAddSubUnlike', (difficulty, rng): ItemBody => {
  let d1: number;
  let d2: number;
  let add: boolean;
  if (difficulty === 1) {
    add = true;
    const base = randInt(rng, 2, 6);
    const big = base * randInt(rng, 2, 4);
    [d1, d2] = rng() < 0.5 ? [base, big] : [big, base];
  } else if (difficulty === 2) {
    add = rng() < 0.5;
    d1 = randInt(rng, 2, 6);
    d2 = draw(rng, 2, 7, (x) => x !== d1 && gcd(x, d1) === 1);
  } else {
    add = rng() < 0.5;
    d1 = randInt(rng, 3, 12);
    d2 = draw(rng, 3, 12, (x) => x !== d1 && x % d1 !== 0 && d1 % x !== 0 && lcm(x, d1) <= 60);
  }
  let n1 = randInt(rng, 1, d1 - 1);
  let n2 = draw(rng, 1, d2 - 1, (x) => add || x * d1 !== n1 * d2);
  if (!add && n1 * d2 < n2 * d1) {
    [n1, n2, d1, d2] = [n2, n1, d2, d1];
  }
  const L = lcm(d1, d2);
  const e1 = n1 * (L / d1);
  const e2 = n2 * (L / d2);
  const r = add ? e1 + e2 : e1 - e2;
  const op = add ? '+' : MINUS;
  const p = {
    L,
    f1: fmtFrac(n1, d1),
    f2: fmtFrac(n2, d2),
    e1: fmtFrac(e1, L),
    e2: fmtFrac(e2, L),
    op,
    raw: fmtFrac(r, L),
  };
  return {
    params: { n1, d1, n2, d2, add: add ? 1 : 0 },
    prompt: msg('item.fracAddSubUnlike.prompt'),
    expression: `${p.f1} ${op} ${p.f2} = ?`,
    answer: fracAnswer(r, L),
    hint: msg('item.fracAddSubUnlike.hint'),
    solution: [
      msg('item.fracAddSubUnlike.step1', p),
      msg('item.fracAddSubUnlike.step2', p),
      msg('item.fracAddSubUnlike.step3', p),
      finish('fracAddSubUnlike', r, L),
    ],
  };
});

const fracMultiply = generator('fracMultiply', (difficulty, rng): ItemBody => {
  let n1: number;
  let d1: number;
  const d2Max = difficulty === 2 ? 6 : difficulty === 3 ? 12 : 10;
  const d2 = randInt(rng, 2, d2Max);
  const n2 = randInt(rng, 1, d2 - 1);
  const whole = difficulty === 1;
  if (whole) {
    n1 = randInt(rng, 2, 9);
    d1 = 1;
  } else {
    d1 = randInt(rng, 2, d2Max);
    n1 = randInt(rng, 1, difficulty === 3 && rng() < 0.3 ? 2 * d1 : d1 - 1);
    if (n1 % d1 === 0) n1 += 1;
  }
  const n = n1 * n2;
  const d = d1 * d2;
  const f1 = whole ? String(n1) : fmtFrac(n1, d1);
  const f2 = fmtFrac(n2, d2);
  const solution: Message[] = [];
  if (whole) solution.push(msg('item.fracMultiply.step.whole', { w: n1 }));
  solution.push(
    msg('item.fracMultiply.step.num', { n1, n2, n }),
    msg('item.fracMultiply.step.den', { d1, d2, d }),
    finish('fracMultiply', n, d),
  );
  return {
    params: { n1, d1, n2, d2 },
    prompt: msg('item.fracMultiply.prompt'),
    expression: `${f1} ${TIMES} ${f2} = ?`,
    answer: fracAnswer(n, d),
    hint: msg('item.fracMultiply.hint'),
    solution,
  };
});

export const fractionGenerators: readonly ItemGenerator[] = [
  fracEquivalent,
  fracSimplify,
  fracCompare,
  fracImproper,
  fracOfAmount,
  fracAddSubLike,
  fracAddSubUnlike,
  fracMultiply,
];
