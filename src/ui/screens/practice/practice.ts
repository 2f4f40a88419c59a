import type { AnswerKind } from '../../../core/types';

/**
 * The soft keyboard to ask for. Fractions need "/" and a space, which numeric
 * keyboards lack, so they get the text keyboard (and the on-screen pad).
 */
export function answerInputMode(kind: AnswerKind): 'decimal' | 'text' {
  return kind === 'fraction' ? 'text' : 'decimal';
}
