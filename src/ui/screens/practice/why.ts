/**
 * The sentence under an item saying why it was chosen: one message per decision the selection
 * policy takes (core/selection.ts), with the facts behind it (the recall that made a review due,
 * the skill a step back helps with, the teacher's focus). A reason saved by an older version
 * (an item restored after an update) falls back to the plain "keep going".
 */
import type { Selection } from '../../../core/types';

export interface WhyMessage {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

const skillName = (id: string): string => `skill.${id}.name`;

/** The message key and parameters; skill parameters are message keys the caller translates. */
export function whyOf(selection: Selection): WhyMessage & { readonly skillParam?: string } {
  switch (selection.reason) {
    case 'placement':
      return { key: 'practice.why.placement', params: { n: selection.placement?.index ?? 1 } };
    case 'review':
      return selection.recall === undefined
        ? { key: 'practice.why.reviewDue' }
        : { key: 'practice.why.review', params: { percent: Math.round(100 * selection.recall) } };
    case 'prerequisite':
      return selection.stepFrom === undefined
        ? { key: 'practice.why.easier' }
        : { key: 'practice.why.prerequisite', skillParam: skillName(selection.stepFrom) };
    case 'focus':
      if (selection.focusBy === 'learner') {
        return selection.focusFor === undefined
          ? { key: 'practice.why.goal' }
          : { key: 'practice.why.goalPrereq', skillParam: skillName(selection.focusFor) };
      }
      return selection.focusFor === undefined
        ? { key: 'practice.why.focus' }
        : { key: 'practice.why.focusPrereq', skillParam: skillName(selection.focusFor) };
    case 'new':
    case 'continue':
    case 'confirm':
    case 'easier':
    case 'practice':
      return { key: `practice.why.${selection.reason}` };
    default:
      return { key: 'practice.why.continue' };
  }
}

/** The translated sentence. */
export function whyText(
  selection: Selection,
  t: (key: string, params?: Record<string, string | number>) => string,
): string {
  const w = whyOf(selection);
  const params: Record<string, string | number> = { ...w.params };
  if (w.skillParam !== undefined) params.skill = t(w.skillParam);
  return t(w.key, params);
}
