import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import type { Lantern } from './lantern';
import { testLanterns, wrongAnswer } from './test-utils';
import { expectedAnswer } from '../core/item-answer';
import { probeSkills } from '../core/placement';
import { mathsGraph } from '../content/maths';

/**
 * A teacher asks for a learner's placement check again (issue 10): the next session starts with
 * it, it reads only the answers since, and its right answers credit what the probes build on.
 */
const START = Date.UTC(2026, 10, 2, 9);
const lanterns = testLanterns('lantern-placement-redo');
const makeLantern = (clock: { t: number }) => lanterns.make(clock);

afterEach(() => lanterns.closeAll());

type Session = Awaited<ReturnType<Lantern['openSession']>>;

async function answer(s: Session, clock: { t: number }, right: boolean) {
  const c = s.next();
  clock.t += 10_000;
  const r = await s.submit(
    right ? formatAnswer(expectedAnswer(c.item.answer), 'en') : wrongAnswer(c.item),
    'en',
  );
  expect(r.status).toBe(right ? 'correct' : 'incorrect');
  return c.selection;
}

describe('redoing the placement check', () => {
  it('starts the next session with the check again, and a right answer credits what it builds on', async () => {
    const clock = { t: START };
    const app = makeLantern(clock);
    const ana = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });

    // The first check: every probe wrong, so Ana starts at the beginning; then some practice.
    let s = await app.openSession(ana.id);
    const first: string[] = [];
    for (let i = 0; i < 20; i++) {
      const sel = await answer(s, clock, false);
      first.push(sel.reason);
      if (sel.reason !== 'placement') break;
    }
    expect(first[0]).toBe('placement');
    expect(first.at(-1)).not.toBe('placement');
    for (let i = 0; i < 4; i++) await answer(s, clock, true);
    expect(s.next().selection.reason).not.toBe('placement');

    const teacher = await app.teacher();
    expect((await teacher.learnerReport(ana.id, 0, clock.t))!.placementRedo).toBeNull();
    const before = (await teacher.learnerReport(ana.id, 0, clock.t))!.skills;

    clock.t += 60_000;
    await teacher.redoPlacement([ana.id], clock.t);
    expect((await teacher.learnerReport(ana.id, 0, clock.t))!.placementRedo).toEqual({
      at: clock.t,
      state: 'pending',
    });

    // The next session asks the check from its first question, counting only the answers since.
    s = await app.openSession(ana.id);
    expect(s.placementPractice.size).toBe(0);
    const again: { reason: string; index?: number; skill: string }[] = [];
    for (let i = 0; i < 12; i++) {
      const sel = await answer(s, clock, true);
      again.push({ reason: sel.reason, index: sel.placement?.index, skill: sel.skillId });
      if (sel.reason !== 'placement') break;
    }
    expect(again[0]).toMatchObject({ reason: 'placement', index: 1 });
    // What the check read is its own answers: the answers on probe skills since the redo (the
    // probes, and the first item after the check when it is on a probe skill), nothing before.
    const probes = new Set(probeSkills(mathsGraph).values());
    expect(again.filter((a) => a.reason === 'placement').every((a) => probes.has(a.skill))).toBe(true);
    expect([...s.placementPractice.values()].reduce((n, p) => n + p.attempts, 0)).toBe(
      again.filter((a) => probes.has(a.skill)).length,
    );
    expect(again.at(-1)!.reason).not.toBe('placement');
    const report = (await teacher.learnerReport(ana.id, 0, clock.t))!;
    expect(report.placementRedo!.state).toBe('done');
    // All right: skills below the probes that Ana never answered are now credited (mastery up).
    const answered = new Set((await app.attemptsOf(ana.id)).map((a) => a.skillId));
    const credited = report.skills.filter(
      (m) =>
        !answered.has(m.skillId) && m.mastery > before.find((b) => b.skillId === m.skillId)!.mastery + 0.2,
    );
    expect(credited.length).toBeGreaterThan(0);
  });

  it('is skipped while a focus is assigned, and the report says so', async () => {
    const clock = { t: START };
    const app = makeLantern(clock);
    const bo = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });
    const teacher = await app.teacher();
    const graph = app.graph;
    await teacher.assignFocus([bo.id], [graph.order[3]!]);
    await teacher.redoPlacement([bo.id], clock.t);
    const s = await app.openSession(bo.id);
    expect(s.next().selection.reason).not.toBe('placement');
    expect((await teacher.learnerReport(bo.id, 0, clock.t))!.placementRedo!.state).toBe('skipped');
  });
});
