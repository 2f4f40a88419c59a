import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import { ValidationError } from '../core/errors';
import { seededRng } from '../core/rng';
import { LanternDB } from '../storage/db';
import { Lantern } from './lantern';
import { csvField, STUCK_MIN_ATTEMPTS } from './teacher';
import { wrongAnswer } from './test-utils';
import { expectedAnswer } from '../core/item-answer';

let n = 0;
const opened: Lantern[] = [];
const DAY = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 10, 1, 9);

/** The database each test Lantern was built over (Lantern itself never hands it out). */
const DBS = new WeakMap<Lantern, LanternDB>();
function dbOf(l: Lantern): LanternDB {
  const db = DBS.get(l);
  if (!db) throw new Error('not a test Lantern');
  return db;
}

function makeLantern(clock: { t: number } = { t: START }) {
  const rng = seededRng(11);
  let id = 0;
  const k = n++;
  const db = new LanternDB(`lantern-teacher-test-${k}`);
  const lantern = new Lantern(db, {
    now: () => (clock.t += 4_000),
    random: rng,
    newId: () => `id-${k}-${id++}`,
    appVersion: 'test',
    passphraseIterations: 1000,
  });
  DBS.set(lantern, db);
  opened.push(lantern);
  return lantern;
}

afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

async function practise(app: Lantern, learnerId: string, count: number, right: (i: number) => boolean) {
  const s = await app.openSession(learnerId);
  for (let i = 0; i < count; i++) {
    const { item } = s.next();
    const r = await s.submit(
      right(i) ? formatAnswer(expectedAnswer(item.answer), 'en') : wrongAnswer(item),
      'en',
    );
    expect(r.status).toBe(right(i) ? 'correct' : 'incorrect');
  }
  return s;
}

describe('AdultGate: the adult passphrase (was the teacher passphrase)', () => {
  it('is set once, verified, and a learner PIN does not open it', async () => {
    const app = makeLantern();
    const t = app.adult;
    await app.createLearner({ nickname: 'Mei', avatar: 'fox', pin: '1234' });
    expect(await t.isSet()).toBe(false);
    expect(await t.verify('anything')).toBe(false);
    await expect(t.set('short')).rejects.toMatchObject({
      messageKey: 'adult.passphraseTooShort',
    });
    await t.set('correct horse');
    expect(await t.isSet()).toBe(true);
    expect(await t.verify('correct horse')).toBe(true);
    expect(await t.verify('1234')).toBe(false);
    expect(await t.verify('correct hors')).toBe(false);
    await expect(t.set('another one')).rejects.toBeInstanceOf(ValidationError);
    expect(await t.verify('correct horse')).toBe(true);
    // Only a hash is stored.
    const row = await dbOf(app).settings.get('teacher.passphrase');
    expect(JSON.stringify(row)).not.toContain('correct horse');
  });

  it('is set by the adult who creates the first learner, checked before anything is stored', async () => {
    const app = makeLantern();
    await expect(
      app.createLearner({ nickname: 'Mei', avatar: 'fox', adultPassphrase: 'short' }),
    ).rejects.toMatchObject({ messageKey: 'adult.passphraseTooShort' });
    expect(await app.listLearners()).toEqual([]);
    expect(await app.adult.isSet()).toBe(false);
    await app.createLearner({ nickname: 'Mei', avatar: 'fox', adultPassphrase: 'lantern grown-up' });
    expect(await app.adult.verify('lantern grown-up')).toBe(true);
    // A later learner cannot replace it.
    await app.createLearner({ nickname: 'Bo', avatar: 'owl', adultPassphrase: 'a child typed this' });
    expect(await app.adult.verify('lantern grown-up')).toBe(true);
    expect(await app.adult.verify('a child typed this')).toBe(false);
  });

  it('lets an adult rename a learner, change the picture and reset a forgotten PIN', async () => {
    const app = makeLantern();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox', pin: '1234' });
    const edited = await app.updateLearner(mei.id, { nickname: 'Meimei', avatar: 'owl', pin: '9876' });
    expect(edited).toMatchObject({ nickname: 'Meimei', avatar: 'owl', hasPin: true });
    expect(await app.verifyPin(mei.id, '1234')).toBe(false);
    expect(await app.verifyPin(mei.id, '9876')).toBe(true);
    expect(await app.updateLearner(mei.id, { pin: null })).toMatchObject({ hasPin: false });
  });
});

describe('TeacherService: class data, groups, focus, CSV', () => {
  it('summarises every learner and separates strong from weak learners', async () => {
    const clock = { t: START };
    const app = makeLantern(clock);
    const t = await app.teacher();
    const a = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const b = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });
    const c = await app.createLearner({ nickname: '小明', avatar: 'cat' });
    await practise(app, a.id, 20, () => true);
    await practise(app, b.id, 20, () => false);
    const data = await t.classData(clock.t);
    expect(data.skillIds).toEqual([...app.graph.order]);
    const [ra, rb, rc] = data.learners.sort((x, y) => x.nickname.localeCompare(y.nickname));
    expect(ra).toMatchObject({ nickname: 'Ana', attempts: 20, correct: 20, notPractisedLately: false });
    expect(rb).toMatchObject({ nickname: 'Bo', attempts: 20, correct: 0, notPractisedLately: false });
    expect(rc).toMatchObject({
      nickname: '小明',
      attempts: 0,
      lastPractised: null,
      notPractisedLately: true,
    });
    expect(ra!.studyMs).toBeGreaterThan(0);
    // Bo answered placeValue wrong ≥ 8 times: stuck on it; Ana is not stuck.
    expect(rb!.stuck).toContain('placeValue');
    expect(ra!.stuck).toEqual([]);
    const pv = data.skillIds.indexOf('placeValue');
    expect(ra!.mastery[pv]).toBeGreaterThan(0.8);
    expect(rb!.mastery[pv]).toBeLessThan(0.5);
    expect(ra!.practised[pv]).toBe(true);
    expect(rc!.practised[pv]).toBe(false);

    const g = await t.groups(undefined, data);
    const groupOf = (id: string) => g.groups.find((x) => x.learnerIds.includes(id))?.id;
    expect(groupOf(a.id)).not.toBe(groupOf(b.id));
    expect(groupOf(c.id)).toBe('notStarted');
    // Not practised lately: after 8 days everyone is.
    const later = await t.classData(clock.t + 8 * DAY);
    expect(later.learners.every((l) => l.notPractisedLately)).toBe(true);
    // Stuck counts only the last 14 days.
    const much = await t.classData(clock.t + 15 * DAY);
    expect(much.learners.find((l) => l.id === b.id)!.stuck).toEqual([]);
    expect(STUCK_MIN_ATTEMPTS).toBe(8);
  });

  it('stores focus skills, drops mastered ones, and the selection policy prefers them', async () => {
    const app = makeLantern();
    const t = await app.teacher();
    const a = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const b = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });
    // Ana misses the placement check's three probes (so she starts at the beginning), then
    // answers right until placeValue is mastered.
    const sa = await practise(app, a.id, 3, () => false);
    expect(sa.model.mastered('placeValue')).toBe(false);
    for (let i = 0; i < 30 && !sa.model.mastered('placeValue'); i++) {
      const { item } = sa.next();
      await sa.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    }
    expect(sa.model.mastered('placeValue')).toBe(true);
    expect(sa.model.mastered('rounding')).toBe(false);
    await expect(t.assignFocus([a.id], ['nope'])).rejects.toMatchObject({
      messageKey: 'teacher.unknownSkill',
    });
    await expect(t.assignFocus([a.id], ['rounding'], '2026-13-40')).rejects.toMatchObject({
      messageKey: 'teacher.badDue',
    });
    await t.assignFocus([a.id, b.id], ['rounding', 'placeValue'], '2026-12-10');
    // Ana has mastered placeValue: only rounding is left for her.
    expect(await t.focusFor(a.id)).toEqual(['rounding']);
    // The teacher sees the progress along each focus's path, reached or not, and the due date.
    const row = (await t.classData()).learners.find((l) => l.id === a.id)!;
    expect(row.focusDue).toBe('2026-12-10');
    const pv = row.focusProgress.find((f) => f.skillId === 'placeValue')!;
    expect(pv).toMatchObject({
      reached: true,
      done: 1,
      total: 1,
      next: null,
      nextAnswers: null,
      goalAnswers: null,
    });
    const r = row.focusProgress.find((f) => f.skillId === 'rounding')!;
    expect(r).toMatchObject({ reached: false, done: 1, total: 2, next: 'rounding' });
    expect(r.nextAnswers!.low).toBeLessThanOrEqual(r.nextAnswers!.high);
    // One step left: the whole way is that step, so there is no second forecast of it.
    expect(r.goalAnswers).toBeNull();
    expect(await t.focusFor(b.id)).toEqual(['rounding', 'placeValue']);
    const s = await app.openSession(a.id);
    const picks = Array.from({ length: 3 }, () => s.next());
    expect(picks.every((p) => p.item.skillId === 'rounding' && p.selection.reason === 'focus')).toBe(true);
    // A locked focus skill boosts its nearest unlocked prerequisite (Bo: only placeValue is open).
    await t.assignFocus([b.id], ['addCarry']);
    // A teacher's focus is a placement by hand: Bo, new, skips the placement check.
    const sb = await app.openSession(b.id);
    const next = sb.next();
    expect(next.item.skillId).toBe('placeValue');
    expect(next.selection).toMatchObject({ reason: 'focus', focusFor: 'addCarry' });
    // Several steps left: a range for the whole way too, capped at 60 answers a step.
    const far = (await t.classData()).learners.find((l) => l.id === b.id)!.focusProgress[0]!;
    expect(far.total - far.done).toBeGreaterThan(1);
    expect(far.goalAnswers!.low).toBeLessThanOrEqual(far.goalAnswers!.high);
    expect(far.goalAnswers!.max).toBe(60 * (far.total - far.done));
    expect(far.goalAnswers!.low).toBeGreaterThanOrEqual(far.nextAnswers!.low);
    await t.clearFocus([a.id, b.id]);
    const cleared = (await t.classData()).learners.find((l) => l.id === a.id)!;
    expect(cleared.focusProgress).toEqual([]);
    expect(cleared.focusDue).toBeNull();
    expect(await t.focusFor(a.id)).toEqual([]);
    expect((await t.classData()).learners.every((l) => l.focus.length === 0)).toBe(true);
  });

  it('writes an RFC 4180 CSV with a BOM', async () => {
    const app = makeLantern();
    const t = await app.teacher();
    const a = await app.createLearner({ nickname: 'Li, "Mei"', avatar: 'fox' });
    await app.createLearner({ nickname: '=SUM(A1)', avatar: 'owl' });
    await practise(app, a.id, 3, () => true);
    const data = await t.classData();
    const csv = t.classCsv(data, {
      skillName: (id) => `skill ${id}`,
      headers: ['Name', 'Attempts', 'Correct', 'Accuracy %', 'Minutes', 'Last practised'],
    });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      [
        'Name',
        'Attempts',
        'Correct',
        'Accuracy %',
        'Minutes',
        'Last practised',
        ...app.graph.order.map((id) => `skill ${id}`),
      ].join(','),
    );
    const mei = lines.find((l) => l.startsWith('"Li'))!;
    expect(mei.startsWith('"Li, ""Mei""",3,3,100,')).toBe(true);
    expect(lines.some((l) => l.startsWith("'=SUM(A1),0,0,,0,,"))).toBe(true);
    expect(lines[3]).toBe('');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField(5)).toBe('5');
  });
});

describe('TeacherService: merging class files from tablets', () => {
  it('imports several files, twice without duplicates, and rejects a damaged one untouched', async () => {
    const tablet1 = makeLantern();
    const tablet2 = makeLantern({ t: START + DAY });
    const teacher = makeLantern({ t: START + 2 * DAY });
    const a = await tablet1.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const b = await tablet2.createLearner({ nickname: 'Bo', avatar: 'owl' });
    await practise(tablet1, a.id, 12, () => true);
    await practise(tablet2, b.id, 9, (i) => i % 3 === 0);
    const f1 = await (await tablet1.teacher()).exportClassFile();
    const f2 = await (await tablet2.teacher()).exportClassFile();
    const t = await teacher.teacher();
    const first = await t.importClassFiles([
      { name: 'one.json', text: f1 },
      { name: 'two.json', text: f2 },
      { name: 'bad.json', text: f1.slice(0, f1.length / 2) },
    ]);
    expect(first.map((r) => r.ok)).toEqual([true, true, false]);
    expect(first[0]!.summary).toMatchObject({ learnersAdded: 1, attemptsAdded: 12 });
    expect((first[2]!.error as ValidationError).messageKey).toBe('backup.truncated');
    const before = await t.classData();
    expect(before.learners.map((l) => [l.nickname, l.attempts]).sort()).toEqual([
      ['Ana', 12],
      ['Bo', 9],
    ]);
    const again = await t.importClassFiles([
      { name: 'one.json', text: f1 },
      { name: 'two.json', text: f2 },
    ]);
    expect(again.map((r) => r.summary?.attemptsAdded)).toEqual([0, 0]);
    const after = await t.classData();
    expect(after.learners.map((l) => [l.nickname, l.attempts]).sort()).toEqual([
      ['Ana', 12],
      ['Bo', 9],
    ]);
    // The rebuilt state matches the tablet's own model.
    const onTablet = await (await tablet1.teacher()).classData();
    expect(after.learners.find((l) => l.id === a.id)!.mastery).toEqual(onTablet.learners[0]!.mastery);
    // The imported learner can keep practising on the teacher's device.
    const s = await teacher.openSession(a.id);
    expect(s.attemptCount).toBe(12);
  });

  it('locks a class file with a passphrase: unreadable, refused without it or with a wrong one', async () => {
    const tablet = makeLantern();
    const teacher = makeLantern({ t: START + DAY });
    const a = await tablet.createLearner({ nickname: 'Anneliese', avatar: 'fox', pin: '4321' });
    await practise(tablet, a.id, 5, () => true);
    const locked = await (await tablet.teacher()).exportClassFile('usb stick 2026');
    expect(JSON.parse(locked)).toMatchObject({ formatName: 'lantern-backup-encrypted' });
    for (const secret of ['Anneliese', 'nickname', 'pinHash', 'placeValue']) {
      expect(locked).not.toContain(secret);
    }
    await expect((await tablet.teacher()).exportClassFile('short')).rejects.toMatchObject({
      messageKey: 'backup.passphraseTooShort',
    });
    const t = await teacher.teacher();
    const none = await t.importClassFiles([{ name: 'c.json', text: locked }]);
    expect((none[0]!.error as ValidationError).messageKey).toBe('backup.encryptedNeedsPassphrase');
    const wrong = await t.importClassFiles([{ name: 'c.json', text: locked }], 'not the passphrase');
    expect((wrong[0]!.error as ValidationError).messageKey).toBe('backup.wrongPassphrase');
    expect((await t.classData()).learners).toEqual([]);
    const right = await t.importClassFiles([{ name: 'c.json', text: locked }], 'usb stick 2026');
    expect(right[0]!.summary).toMatchObject({ learnersAdded: 1, attemptsAdded: 5 });
    // An unlocked file still imports when a passphrase is typed for others.
    const open = await (await tablet.teacher()).exportClassFile();
    const mixed = await t.importClassFiles([{ name: 'open.json', text: open }], 'usb stick 2026');
    expect(mixed[0]!.ok).toBe(true);
  });
});
