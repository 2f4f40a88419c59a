import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { checkAnswer, formatAnswer } from '../core/answer';
import { generateItem, parseItemId } from '../core/items';
import type { Lantern } from './lantern';
import { testLanterns, wrongAnswer } from './test-utils';
import { expectedAnswer } from '../core/item-answer';

/**
 * The teacher's page about one learner (issue 11) and printable worksheets, through the service:
 * the report's figures are the learner's real answers, compared with the whole device's.
 */
const START = Date.UTC(2026, 10, 2, 9); // a Monday, 09:00 UTC
const lanterns = testLanterns('lantern-learner-report', 5);
const makeLantern = (clock: { t: number }) => lanterns.make(clock);

afterEach(() => lanterns.closeAll());

describe('TeacherService.learnerReport', () => {
  it('reports what the learner did: answers, help, sessions and speed against the class', async () => {
    const clock = { t: START };
    const app = makeLantern(clock);
    const ana = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const bo = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });

    // Ana: 4 answers 6 s each (one after a hint, one where she shows the solution); then a
    // second session on Wednesday evening.
    type Session = Awaited<ReturnType<Lantern['openSession']>>;
    async function answerOne(s: Session, ms: number, o: { hint?: boolean; solution?: boolean } = {}) {
      const { item } = s.next();
      clock.t += ms;
      if (o.hint) s.hint();
      if (o.solution) await s.revealSolution();
      else await s.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    }
    let s = await app.openSession(ana.id);
    await answerOne(s, 6_000);
    await answerOne(s, 6_000, { hint: true });
    await answerOne(s, 6_000, { solution: true });
    await answerOne(s, 6_000);
    clock.t = START + 2 * 86_400_000 + 9 * 3_600_000; // Wednesday 18:00 UTC
    s = await app.openSession(ana.id);
    await answerOne(s, 20_000);

    // Bo answers slowly, with hints.
    const b = await app.openSession(bo.id);
    for (let i = 0; i < 3; i++) await answerOne(b, 60_000, { hint: true });

    const t = await app.teacher();
    const r = await t.learnerReport(ana.id, 0, clock.t);
    expect(r).not.toBeNull();
    const h = r!.habits;
    const attempts = await app.attemptsOf(ana.id);
    expect(h.answers).toBe(attempts.length);
    expect(h.answers).toBe(5);
    expect(h.correct).toBe(4);
    expect(h.help).toMatchObject({ withHint: 1, withSolution: 1, answers: 5 });
    expect(h.classHelp).toMatchObject({ withHint: 4, withSolution: 1, answers: 8 });
    expect(h.classLearners).toBe(2);
    expect(h.rhythm.sessions).toBe(2);
    expect(h.rhythm.byPartOfDay.map((p) => p.sessions)).toEqual([1, 0, 1, 0]);
    expect(h.recent.map((a) => a.id)).toEqual(attempts.map((a) => a.id).reverse());
    // Every answer on the by-skill table, and the speed is the median of the real response times.
    expect(h.bySkill.reduce((k, x) => k + x.answers, 0)).toBe(5);
    for (const row of h.bySkill) {
      const mine = attempts.filter((a) => a.skillId === row.skillId).map((a) => a.responseMs);
      expect(mine.length).toBe(row.answers);
      expect(Math.min(...mine)).toBeLessThanOrEqual(row.medianMs!);
      expect(Math.max(...mine)).toBeGreaterThanOrEqual(row.medianMs!);
    }
    expect(h.medianMs).toBe(6_000);
    expect(h.classMedianMs).toBe(13_000); // Ana's 6, 6, 6, 6, 20 s and Bo's 60, 60, 60 s
    expect(r!.learner).toEqual({ id: ana.id, nickname: 'Ana', avatar: 'fox' });
    expect(r!.skills.length).toBe(app.graph.order.length);
    expect(r!.focus).toEqual([]);
  });

  it('shows the teacher’s focus with its progress and due date, and forecasts skills being learned', async () => {
    const clock = { t: START };
    const app = makeLantern(clock);
    const cy = await app.createLearner({ nickname: 'Cy', avatar: 'cat' });
    const s = await app.openSession(cy.id);
    for (let i = 0; i < 8; i++) {
      clock.t += 5_000;
      const { item } = s.next();
      await s.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    }
    const t = await app.teacher();
    await t.assignFocus([cy.id], ['rounding'], '2030-01-15');
    const r = (await t.learnerReport(cy.id, 0, clock.t))!;
    expect(r.focus.map((f) => f.skillId)).toEqual(['rounding']);
    expect(r.focusDue).toBe('2030-01-15');
    for (const f of r.forecasts) {
      expect(r.skills.find((m) => m.skillId === f.skillId)?.state).toBe('learning');
      expect(f.low).toBeLessThanOrEqual(f.median);
      expect(f.median).toBeLessThanOrEqual(f.high);
    }
    // One skill, one forecast: the focus card's next step says what the forecast table says
    // (the walk-through saw "1–7" and "1 (1–4)" for the same skill on the same page).
    // Past the placement check: some more answers, a few wrong, so skills are being learned.
    const more = await app.openSession(cy.id);
    for (let i = 0; i < 20; i++) {
      clock.t += 5_000;
      const { item } = more.next();
      const a = expectedAnswer(item.answer);
      await more.submit(i % 3 === 0 ? wrongAnswer(item) : formatAnswer(a, 'en'), 'en');
    }
    await t.clearFocus([cy.id]);
    const learning = (await t.learnerReport(cy.id, 0, clock.t))!.forecasts[0]!;
    await t.assignFocus([cy.id], [learning.skillId]);
    const again = (await t.learnerReport(cy.id, 0, clock.t))!;
    const focus = again.focus[0]!;
    expect(focus.next).toBe(learning.skillId);
    const row = again.forecasts.find((f) => f.skillId === learning.skillId)!;
    expect(focus.nextAnswers).toEqual({ low: row.low, high: row.high, max: row.maxAnswers });
  });

  it('is null for a learner not on this device', async () => {
    const app = makeLantern({ t: START });
    expect(await (await app.teacher()).learnerReport('nobody', 0)).toBeNull();
  });
});

describe('TeacherService.worksheet', () => {
  it('makes a sheet with the course’s generators; the same spec gives the same sheet', async () => {
    const app = makeLantern({ t: START });
    const t = await app.teacher();
    const skills = await t.worksheetSkills();
    expect(skills).toEqual([...app.graph.order]);
    const spec = { skillId: 'fracSimplify', level: 2 as const, count: 8, seed: 31 };
    const sheet = t.worksheet(spec);
    expect(t.worksheet(spec)).toEqual(sheet);
    expect(sheet.items).toHaveLength(8);
    for (const it of sheet.items) {
      const { skillId, difficulty, seed } = parseItemId(it.itemId);
      const item = generateItem(app.course.generators.get(skillId)!, difficulty, seed);
      expect(checkAnswer(expectedAnswer(item.answer), it.answer, 'en').status).toBe('correct');
    }
    expect(() => t.worksheet({ ...spec, skillId: 'nope' })).toThrow(/teacher.unknownSkill/);
  });
});
