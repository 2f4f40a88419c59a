import type { LearnerSummary } from '../../../app/lantern';
import type { Locale } from '../../../core/i18n';
import type { Message } from '../../../core/types';

/** "Last practised 3 Nov" / "Not started yet", as a message for the i18n layer. */
export function lastActiveLabel(l: Pick<LearnerSummary, 'lastActiveAt'>, locale: Locale): Message {
  if (!l.lastActiveAt) return { key: 'picker.never' };
  const date = new Date(l.lastActiveAt).toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  return { key: 'picker.lastActive', params: { date } };
}
