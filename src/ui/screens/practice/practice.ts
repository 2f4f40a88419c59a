import type { ItemAnswer } from '../../../core/types';

type Kind = ItemAnswer['kind'];

/**
 * The soft keyboard to ask for. Fractions need "/" and a space, which numeric
 * keyboards lack, so they get the text keyboard (and the on-screen pad); an imported short
 * answer is words.
 */
export function answerInputMode(kind: Kind): 'decimal' | 'text' {
  return kind === 'fraction' || kind === 'text' ? 'text' : 'decimal';
}

/** Answered by tapping (choices, true/false, matching), not by typing: no text box, no number pad. */
export function answeredByChoosing(kind: Kind): boolean {
  return (
    kind === 'choice' ||
    kind === 'single' ||
    kind === 'multiple' ||
    kind === 'truefalse' ||
    kind === 'matching'
  );
}

/** Typed, but not a number: no number pad. */
export function typedWords(kind: Kind): boolean {
  return kind === 'text';
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
