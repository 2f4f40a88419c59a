import { describe, expect, it } from 'vitest';
import { mathsCourse } from '../content/maths';
import { bankFromPlan, bankId, bankSkillId } from './gift-bank';
import { planGiftImport } from './gift';

const plan = planGiftImport(
  `$CATEGORY: $course$/top/Capitals\n\n::Q1:: Capital of France? {=Paris ~Rome}\n\n::Q2:: The sun is a star. {T}\n\n$CATEGORY: $course$/top/Facts\n\nFacts are true things.\n\n::Q3:: 2 + 2? {#4}\n`,
  { sanitise: (h) => h, markdown: (m) => m },
);

describe('a bank from a plan', () => {
  it('keeps the teacher’s levels and placement, and namespaces its skills', () => {
    const q2 = plan.questions.find((q) => q.name === 'Q2')!;
    const pack = bankFromPlan(plan, {
      title: 'Geo',
      lang: 'en',
      version: 1,
      bundled: mathsCourse.skills,
      placement: { facts: { prerequisites: [bankSkillId('Geo', 'capitals'), 'placeValue'] } },
      levels: { [q2.key]: 3 },
    });
    expect(pack.id).toBe(bankId('Geo'));
    expect(pack.skills.map((s) => s.id)).toEqual(['bank-geo:capitals', 'bank-geo:facts']);
    const [capitals, facts] = pack.skills;
    expect(capitals!.items.map((it) => [it.name, it.difficulty])).toEqual([
      ['Q1', 1],
      ['Q2', 3],
    ]);
    expect(facts!.prerequisites).toEqual(['bank-geo:capitals', 'placeValue']);
    // One more than its highest prerequisite's band (placeValue is band 1; capitals 1).
    expect(facts!.band).toBe(2);
    expect(facts!.lessons).toEqual([{ en: 'Facts are true things.' }]);
    expect(facts!.items[0]!.answer.kind).toBe('number');
  });

  it('drops a prerequisite that is neither bundled nor in the bank', () => {
    const pack = bankFromPlan(plan, {
      title: 'Geo',
      lang: 'zh-CN',
      version: 2,
      bundled: mathsCourse.skills,
      placement: { capitals: { prerequisites: ['nowhere', 'bank-other:x'] } },
    });
    expect(pack.skills[0]!.prerequisites).toEqual([]);
    expect(pack.skills[0]!.name).toEqual({ 'zh-CN': 'Capitals' });
  });
});
