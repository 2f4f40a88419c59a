/** Generators for the negative-numbers strand. */
import { pick, randInt } from '../../core/rng';
import type { ItemGenerator, Message } from '../../core/types';
import {
  DIVIDE,
  MINUS,
  TIMES,
  choiceAnswer,
  fmtInt,
  fmtOperand,
  generator,
  intAnswer,
  msg,
  signed,
} from './util';
import type { ItemBody } from './util';

// ---------------------------------------------------------------------------------------------
// Negative numbers
// ---------------------------------------------------------------------------------------------

const negOrder = generator('negOrder', (difficulty, rng): ItemBody => {
  const [count, lo, hi, minNeg] =
    difficulty === 1 ? [3, -10, 10, 1] : difficulty === 2 ? [4, -20, 20, 2] : [4, -99, 30, 3];
  const values: number[] = [];
  while (values.length < count) {
    const needNeg = values.filter((v) => v < 0).length < minNeg;
    const v = needNeg ? randInt(rng, lo, -1) : randInt(rng, lo, hi);
    // 0–3 would read as an option index to the answer checker.
    if (!values.includes(v) && !(v >= 0 && v <= 3)) values.push(v);
  }
  const largest = rng() < 0.5;
  const best = largest ? Math.max(...values) : Math.min(...values);
  const strings = values.map(fmtInt);
  const correct = fmtInt(best);
  const sorted = [...values]
    .sort((a, b) => a - b)
    .map(fmtInt)
    .join(', ');
  const which = largest ? 'largest' : 'smallest';
  const params: Record<string, number> = { largest: largest ? 1 : 0 };
  values.forEach((v, i) => (params[`x${i + 1}`] = v));
  return {
    params,
    prompt: msg(`item.negOrder.prompt.${which}`),
    answer: choiceAnswer(
      rng,
      correct,
      strings.filter((s) => s !== correct),
      count,
    ),
    hint: msg('item.negOrder.hint'),
    solution: [
      msg('item.negOrder.step1', { list: sorted }),
      msg(`item.negOrder.step2.${which}`, { ans: correct }),
    ],
  };
});

const negAddSub = generator('negAddSub', (difficulty, rng): ItemBody => {
  let a: number;
  let b: number;
  let add: boolean;
  if (difficulty === 1) {
    if (rng() < 0.5) {
      a = randInt(rng, 1, 10);
      b = randInt(rng, a + 1, 15);
      add = false;
    } else {
      a = -randInt(rng, 1, 10);
      b = randInt(rng, 1, 10);
      add = true;
    }
  } else if (difficulty === 2) {
    a = signed(rng, 1, 20);
    b = randInt(rng, 1, 20);
    add = rng() < 0.5;
  } else {
    a = signed(rng, 1, 50);
    b = signed(rng, 1, 50);
    add = rng() < 0.5;
  }
  const op = add ? '+' : MINUS;
  const effective = add ? b : -b;
  const ans = a + effective;
  const solution: Message[] = [];
  if (b < 0) {
    const rewritten = `${fmtInt(a)} ${add ? MINUS : '+'} ${-b}`;
    solution.push(
      msg(add ? 'item.negAddSub.step.addNeg' : 'item.negAddSub.step.subNeg', {
        b: fmtInt(b),
        nb: -b,
        rewritten,
      }),
    );
  }
  solution.push(
    msg(effective > 0 ? 'item.negAddSub.step.right' : 'item.negAddSub.step.left', {
      a: fmtInt(a),
      n: Math.abs(effective),
      ans: fmtInt(ans),
    }),
  );
  return {
    params: { a, b, add: add ? 1 : 0 },
    prompt: msg('item.negAddSub.prompt'),
    expression: `${fmtInt(a)} ${op} ${fmtOperand(b)} = ?`,
    answer: intAnswer(ans),
    hint: msg('item.negAddSub.hint'),
    solution,
  };
});

const negMultDiv = generator('negMultDiv', (difficulty, rng): ItemBody => {
  const max = difficulty === 3 ? 12 : 10;
  const mul = difficulty === 1 || rng() < 0.5;
  let x = randInt(rng, 2, max);
  let y = randInt(rng, 2, max);
  // Signs: at least one negative; level 3 often both.
  const signs =
    difficulty === 1
      ? pick(rng, [
          [-1, 1],
          [1, -1],
        ])
      : pick(rng, [
          [-1, 1],
          [1, -1],
          [-1, -1],
        ]);
  x *= signs[0] ?? 1;
  y *= signs[1] ?? 1;
  let a: number;
  let b: number;
  let ans: number;
  if (mul) {
    [a, b, ans] = [x, y, x * y];
  } else {
    [a, b, ans] = [x * y, y, x]; // (x·y) ÷ y = x, exact
  }
  const op = mul ? TIMES : DIVIDE;
  const same = a < 0 === b < 0;
  const p = { x: Math.abs(a), y: Math.abs(b), op, m: Math.abs(ans), ans: fmtInt(ans) };
  return {
    params: { a, b, multiply: mul ? 1 : 0 },
    prompt: msg('item.negMultDiv.prompt'),
    expression: `${fmtInt(a)} ${op} ${fmtOperand(b)} = ?`,
    answer: intAnswer(ans),
    hint: msg('item.negMultDiv.hint'),
    solution: [
      msg('item.negMultDiv.step1', p),
      msg(same ? 'item.negMultDiv.step2.same' : 'item.negMultDiv.step2.diff', p),
    ],
  };
});

export const negativeGenerators: readonly ItemGenerator[] = [negOrder, negAddSub, negMultDiv];
