import type { AnswerKind } from '../../../core/types';

/**
 * The soft keyboard to ask for. Fractions need "/" and a space, which numeric
 * keyboards lack, so they get the text keyboard (and the on-screen pad).
 */
export function answerInputMode(kind: AnswerKind): 'decimal' | 'text' {
  return kind === 'fraction' ? 'text' : 'decimal';
}

/**
 * The sound for a recorded question, if any: reaching today's goal, else a star, else a right
 * answer. A wrong answer or a worked solution makes no sound (unless it reached the goal).
 */
export function soundFor(
  feedback: { readonly kind: string; readonly mastered?: string } | null,
  goalReached: boolean,
): 'goal' | 'mastered' | 'correct' | null {
  if (goalReached) return 'goal';
  if (feedback?.kind !== 'correct') return null;
  return feedback.mastered !== undefined ? 'mastered' : 'correct';
}
