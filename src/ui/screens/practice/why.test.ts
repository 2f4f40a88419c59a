import { describe, expect, it } from 'vitest';
import { EloModel } from '../../../core/elo';
import { format, type Catalogue } from '../../../core/i18n';
import { emptySummary } from '../../../core/practice';
import { seededRng } from '../../../core/rng';
import { nextSelection } from '../../../core/selection';
import type { Selection, SelectionReason } from '../../../core/types';
import { mathsGraph } from '../../../content/maths';
import { mathsMessagesEn } from '../../../content/maths/messages.en';
import { mathsMessagesZh } from '../../../content/maths/messages.zh-CN';
import { uiMessagesEn } from '../../messages.en';
import { uiMessagesZh } from '../../messages.zh-CN';
import { whyOf, whyText } from './why';

const REASONS: readonly SelectionReason[] = [
  'placement',
  'new',
  'continue',
  'confirm',
  'easier',
  'prerequisite',
  'review',
  'practice',
  'focus',
];
const sel = (reason: SelectionReason, extra: Partial<Selection> = {}): Selection => ({
  skillId: 'rounding',
  difficulty: 2,
  predicted: 0.6,
  reason,
  ...extra,
});
const catalogues: [string, Catalogue][] = [
  ['en', { ...uiMessagesEn, ...mathsMessagesEn }],
  ['zh-CN', { ...uiMessagesZh, ...mathsMessagesZh }],
];

describe('why an item was chosen', () => {
  it.each(catalogues)('has a sentence for every reason in %s, with its facts filled in', (locale, cat) => {
    const t = (key: string, params?: Record<string, string | number>): string => {
      expect(cat[key], key).toBeTypeOf('string');
      return format(cat, { key, params }, locale);
    };
    for (const reason of REASONS) {
      const text = whyText(sel(reason), t);
      expect(text).not.toMatch(/[{}]/);
    }
    expect(whyText(sel('review', { recall: 0.734 }), t)).toContain('73');
    expect(whyText(sel('placement', { placement: { index: 3, max: 12 } }), t)).toContain('3');
    const skill = t('skill.placeValue.name');
    expect(whyText(sel('prerequisite', { skillId: 'placeValue', stepFrom: 'rounding' }), t)).toContain(
      t('skill.rounding.name'),
    );
    expect(whyText(sel('focus', { skillId: 'placeValue', focusFor: 'rounding' }), t)).toContain(
      t('skill.rounding.name'),
    );
    expect(skill.length).toBeGreaterThan(0);
  });

  it('names the decision the policy actually took', () => {
    // A new learner: the policy's first decision is the placement check, and the sentence says so.
    const model = new EloModel(mathsGraph);
    const first = nextSelection(model, mathsGraph, emptySummary(), Date.UTC(2026, 0, 5), seededRng(1));
    expect(first.reason).toBe('placement');
    expect(whyOf(first)).toEqual({ key: 'practice.why.placement', params: { n: 1 } });
    // With a focus, the check is skipped and the focus is named.
    const focused = nextSelection(model, mathsGraph, emptySummary(), Date.UTC(2026, 0, 5), seededRng(1), {
      focus: ['placeValue'],
    });
    expect(focused.reason).toBe('focus');
    expect(whyOf(focused).key).toBe('practice.why.focus');
  });

  it('falls back to "keep going" for a reason saved by an older version', () => {
    expect(whyOf({ ...sel('new'), reason: 'frontier' as SelectionReason }).key).toBe('practice.why.continue');
  });
});
