import { describe, expect, it } from 'vitest';
import { firstAnswerTable } from './first-answers';

describe('firstAnswerTable (smoke size)', () => {
  it('puts every served answer in one group, and its levels add up to the group', () => {
    const rows = firstAnswerTable('irt', 1, 2, 150);
    const all = rows.filter((r) => r.level === 'all');
    // every answer of both learners, once
    expect(all.reduce((a, r) => a + r.answers, 0)).toBe(2 * 150);
    for (const g of all) {
      const levels = rows.filter((r) => r.group === g.group && r.level !== 'all');
      expect(levels.reduce((a, r) => a + r.answers, 0)).toBe(g.answers);
      for (const r of [g, ...levels]) {
        for (const x of [r.predicted, r.observed, r.truth]) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThanOrEqual(1);
        }
      }
    }
    // a new learner meets new skills: the first group is there
    expect(all.map((r) => r.group)).toContain('first, cold');
    // since 2026-12-05 a skill never practised and not credited starts at level 1
    expect(rows.filter((r) => r.group === 'first, cold' && r.level !== 'all').map((r) => r.level)).toEqual([
      1,
    ]);
  });
});
