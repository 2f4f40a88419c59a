/**
 * The e2e practice driver's answers, checked against the real checker for every bundled
 * generator at every level: the wrong answer it types must be marked wrong (never refused as
 * malformed, which leaves no verdict on screen and times the e2e out), the right one right.
 * A CI run once failed because 0.137 + 7 printed as 7.1370000000000005 (17 digits, "too long").
 */
import { describe, expect, it } from 'vitest';
import { checkAnswer, formatAnswer } from '../../src/core/answer';
import { expectedAnswer } from '../../src/core/item-answer';
import { generateItem } from '../../src/core/items';
import { DIFFICULTIES } from '../../src/core/types';
import { mathsCourse } from '../../src/content/maths';
import { wrongAnswer } from '../e2e/practice-driver';

describe('the e2e practice driver', () => {
  it('types a wrong answer the checker marks wrong and a right one it marks right, on every generator', () => {
    let checked = 0;
    const failures: string[] = [];
    for (const [skillId, gen] of mathsCourse.generators) {
      for (const level of DIFFICULTIES) {
        for (let seed = 0; seed < 300; seed++) {
          const item = generateItem(gen, level, seed);
          if (item.answer.kind === 'choice') continue; // tapped by index, not typed
          const expected = expectedAnswer(item.answer);
          const wrong = checkAnswer(expected, wrongAnswer(item), 'en').status;
          const right = checkAnswer(expected, formatAnswer(expected, 'en'), 'en').status;
          if (wrong !== 'incorrect' || right !== 'correct') {
            failures.push(`${skillId} L${level} seed ${seed}: wrong→${wrong}, right→${right}`);
          }
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
