/**
 * What the tutor is told about the item on screen (issue 13): the item, the correct answer, the
 * worked solution (for an imported question without one, the teacher's feedback) and the
 * learner's answer, as plain text in the interface language.
 */
import type { Current } from '../../../app/session';
import type { Locale } from '../../../core/i18n';
import { formatItemAnswer, htmlText } from '../../../core/item-answer';
import type { TutorItemContext } from '../../../core/tutor';
import type { Message } from '../../../core/types';

type Translate = (m: Message) => string;

/** A message as plain text: rich text (content packs, imported questions) loses its tags. */
function plain(t: Translate, m: Message): string {
  return htmlText(t(m));
}

export function tutorContext(
  current: Pick<Current, 'item' | 'answered'>,
  locale: Locale,
  t: Translate,
  learnerAnswer?: string,
): TutorItemContext {
  const { item } = current;
  const prompt = [plain(t, item.prompt), item.expression ?? ''].filter(Boolean).join(' ');
  const solution = item.solution.map((m) => plain(t, m));
  if (solution.length === 0 && item.explanation) solution.push(plain(t, item.explanation));
  const answer = learnerAnswer?.trim();
  return {
    locale,
    prompt,
    answer: item.answer,
    correctAnswer: formatItemAnswer(item.answer, locale),
    solution,
    answered: current.answered,
    ...(answer ? { learnerAnswer: answer } : {}),
  };
}
