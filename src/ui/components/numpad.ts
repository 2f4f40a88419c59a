import type { AnswerKind } from '../../core/types';

export type PadKey =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '-' | '.' | '/' | ' ' | 'back' | 'clear';

const DIGITS: PadKey[] = ['7', '8', '9', '4', '5', '6', '1', '2', '3'];

/** Keys offered for an answer type: only what that type can contain. */
export function padKeys(kind: AnswerKind | 'pin'): PadKey[] {
  switch (kind) {
    case 'pin':
      return [...DIGITS, 'clear', '0', 'back'];
    case 'integer':
      return [...DIGITS, '-', '0', 'back'];
    case 'decimal':
      return [...DIGITS, '-', '0', '.', 'back'];
    case 'fraction':
      return [...DIGITS, '-', '0', '/', ' ', 'back'];
    case 'choice':
      return [];
  }
}

export const MAX_INPUT = 24;

/** Apply one pad key to the current input. */
export function applyKey(value: string, key: PadKey, max = MAX_INPUT): string {
  if (key === 'back') return [...value].slice(0, -1).join('');
  if (key === 'clear') return '';
  if ([...value].length >= max) return value;
  return value + key;
}
