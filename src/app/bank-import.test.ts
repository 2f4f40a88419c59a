import 'fake-indexeddb/auto';
import { JSDOM } from 'jsdom';
import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { bankId } from '../core/gift-bank';
import type { ContentPack } from '../core/content-pack';
import { LanternDB } from '../storage/db';
import { ContentPackRepo } from '../storage/content-packs';
import { ContentService } from './content';
import { createSanitiser } from './sanitise';
import { testLanterns } from './test-utils';

/**
 * A teacher's GIFT bank from file to practice, through the app's own services on fake-indexeddb:
 * the dry run writes nothing, the import is all or nothing, the learner is served the bank's
 * questions (here through a teacher's focus), partial credit and the question's key are recorded
 * on the attempt, and re-importing the bank keeps the same skill and question ids.
 */
const sanitise = createSanitiser(new JSDOM('').window);
const enc = new TextEncoder();

const GIFT = `// A small bank, as Moodle exports it
$CATEGORY: $course$/top/Capitals

::Q1:: The capital of France is {=Paris ~London ~Rome#Rome is in Italy}

::Q2:: Which are prime? {~%50%2 ~%50%3 ~%-100%4}

::Q3:: The sun is a star. {T####The sun is our nearest star.}

::Q4:: Write an essay about Paris. {}

$CATEGORY: $course$/top/Numbers

::Q5:: What is 2 + 2? {#4}

Lesson\\: numbers are for counting.
`;

const { make, closeAll } = testLanterns('bank-import');
afterEach(closeAll);

function serviceFor(dbName: string, clock: { t: number }): ContentService {
  return new ContentService(new ContentPackRepo(new LanternDB(dbName)), sanitise, () => clock.t);
}

describe('importing a GIFT bank', () => {
  it('shows a dry run, stores all or nothing, and the learner practises it with partial credit', async () => {
    const clock = { t: Date.UTC(2026, 11, 3, 9) };
    const lantern = make(clock);
    const dbName = 'bank-import-0';
    const service = serviceFor(dbName, clock);

    const file = await service.readBank(enc.encode(GIFT), 'Capitals quiz.gift');
    expect(file.title).toBe('Capitals quiz');
    expect(file.lang).toBe('en');
    expect(file.plan.questions).toHaveLength(4);
    expect(file.plan.rejected.map((r) => [r.line, r.reason.key])).toEqual([[10, 'gift.essay']]);
    // The dry run wrote nothing.
    expect(await service.packs()).toEqual([]);

    // A write that fails inside the transaction leaves nothing behind.
    const placement = { numbers: { prerequisites: [] } };
    await expect(
      service.importBank(
        file.plan,
        { title: file.title, lang: 'en', placement },
        {
          beforeCommit: () => {
            throw new Error('disk full');
          },
        },
      ),
    ).rejects.toThrow();
    expect(await service.packs()).toEqual([]);

    const skillIds = file.plan.skills.map((s) => `${bankId('Capitals quiz')}:${s.id}`);
    const r = await service.importBank(file.plan, {
      title: file.title,
      lang: 'en',
      placement: { [file.plan.skills[1]!.id]: { prerequisites: [skillIds[0]!] } },
    });
    expect(r).toMatchObject({ version: 1, skills: 2, items: 4, replaced: false });
    const [pack] = (await service.packs()) as ContentPack[];
    expect(pack!.skills.map((s) => [s.id, s.prerequisites, s.lang])).toEqual([
      [skillIds[0], [], 'en'],
      [skillIds[1], [skillIds[0]], 'en'],
    ]);
    expect(pack!.skills[1]!.lessons).toEqual([{ en: 'Lesson: numbers are for counting.' }]);

    // The course now has the bank's skills; a teacher's focus serves them.
    await lantern.loadCourse();
    expect(lantern.graph.byId.has(skillIds[0]!)).toBe(true);
    const ana = await lantern.createLearner({ nickname: 'Ana', avatar: 'owl' });
    const teacher = await lantern.teacher();
    await teacher.assignFocus([ana.id], [skillIds[0]!]);
    const session = await lantern.openSession(ana.id);
    const seen = new Map<string, number>();
    for (let i = 0; i < 40 && seen.size < 3; i++) {
      const { item } = session.next();
      if (item.skillId !== skillIds[0]) {
        await session.revealSolution();
        continue;
      }
      expect(item.questionKey).toMatch(/^g[0-9a-f]{14}$/);
      seen.set(item.answer.kind, (seen.get(item.answer.kind) ?? 0) + 1);
      if (item.answer.kind === 'multiple') {
        // One of two right choices: half the marks, recorded as not correct with its score.
        const res = await session.submit('0', 'en');
        expect(res).toMatchObject({ status: 'incorrect', score: 0.5, correctAnswer: '2, 3' });
        if (!('attempt' in res)) throw new Error('not recorded');
        // As stored (looked up by id: the test's clock stands still, so the order of attempts with
        // the same time says nothing).
        const a = (await lantern.attemptsOf(ana.id)).find((x) => x.id === res.attempt.id);
        expect(a).toMatchObject({ correct: false, score: 0.5, questionKey: item.questionKey, answer: '0' });
      } else if (item.answer.kind === 'single') {
        const res = await session.submit('2', 'en');
        expect(res).toMatchObject({ status: 'incorrect', correctAnswer: 'Paris' });
        if (!('attempt' in res)) throw new Error('not recorded');
        expect(res.feedback?.[0]?.params?.en).toBe('Rome is in Italy');
        expect(res.attempt.score).toBeUndefined();
      } else if (item.answer.kind === 'truefalse') {
        expect((await session.submit('maybe', 'en')).status).toBe('malformed');
        const res = await session.submit('true', 'en');
        expect(res).toMatchObject({ status: 'correct' });
        if (!('attempt' in res)) throw new Error('not recorded');
        // The general feedback follows any answer.
        expect(res.feedback?.map((m) => m.params?.en)).toEqual(['The sun is our nearest star.']);
      }
    }
    expect([...seen.keys()].sort()).toEqual(['multiple', 'single', 'truefalse']);

    // Re-importing the same bank (same name) replaces it: same skill ids and question keys.
    const again = await service.readBank(
      enc.encode(GIFT.replace('Rome is in Italy', 'Rome is a city in Italy')),
      'x.gift',
    );
    const r2 = await service.importBank(again.plan, { title: 'Capitals quiz', lang: 'en', placement: {} });
    expect(r2).toMatchObject({ version: 2, replaced: true });
    const [pack2] = (await service.packs()) as ContentPack[];
    expect(pack2!.skills.map((s) => s.id)).toEqual(skillIds);
    expect(pack2!.skills.flatMap((s) => s.items.map((it) => it.key))).toEqual(
      pack!.skills.flatMap((s) => s.items.map((it) => it.key)),
    );
  });

  it('refuses a bank with no name, a file with no question, and a placement that makes a cycle', async () => {
    const clock = { t: 0 };
    const service = serviceFor('bank-import-1', clock);
    const file = await service.readBank(enc.encode(GIFT), 'b.gift');
    const key = async (p: Promise<unknown>) => {
      try {
        await p;
        return 'stored';
      } catch (e) {
        return e instanceof ValidationError ? e.messageKey : String(e);
      }
    };
    expect(await key(service.importBank(file.plan, { title: '  ', lang: 'en', placement: {} }))).toBe(
      'bank.noTitle',
    );
    const essays = await service.readBank(enc.encode('Write an essay. {}\n'), 'e.gift');
    expect(await key(service.importBank(essays.plan, { title: 'E', lang: 'en', placement: {} }))).toBe(
      'bank.noQuestions',
    );
    const [a, b] = file.plan.skills.map((s) => `${bankId('B')}:${s.id}`);
    const cycle = {
      [file.plan.skills[0]!.id]: { prerequisites: [b!] },
      [file.plan.skills[1]!.id]: { prerequisites: [a!] },
    };
    expect(await key(service.importBank(file.plan, { title: 'B', lang: 'en', placement: cycle }))).toMatch(
      /graph/i,
    );
    expect(await service.packs()).toEqual([]);
    // A binary file is refused with a reason before any dry run.
    expect(await key(service.readBank(new Uint8Array([0x50, 0x4b, 0, 0, 1]), 'q.gift'))).toBe('gift.binary');
  });

  it('guesses Chinese for a bank written in Chinese', async () => {
    const service = serviceFor('bank-import-2', { t: 0 });
    const file = await service.readBank(enc.encode('法国的首都是哪里？{=巴黎 ~伦敦}\n'), '地理.gift');
    expect(file.lang).toBe('zh-CN');
    expect(bankId('地理')).toMatch(/^bank-[0-9a-f]{8}$/);
  });
});

describe('content pack rows by record format', () => {
  it('reads pack files (1) and question banks (2), and skips a newer format it could not check', async () => {
    const db = new LanternDB('bank-import-rows');
    const repo = new ContentPackRepo(db);
    await repo.install({ id: 'shapes', version: 1, pack: { id: 'shapes' } }, { now: 1 });
    await repo.install({ id: 'bank-a', version: 1, pack: { id: 'bank-a' }, recordVersion: 2 }, { now: 2 });
    await db.contentPacks.put({ id: 'later', recordVersion: 3, version: 1, pack: {}, importedAt: 3 });
    expect((await repo.list()).map((r) => [r.id, r.recordVersion])).toEqual([
      ['bank-a', 2],
      ['shapes', 1],
    ]);
    db.close();
  });
});

describe('an imported question is not served twice in a row', () => {
  it('when its skill has another question at that level, the next item is the other one', async () => {
    const clock = { t: Date.UTC(2026, 11, 3, 9) };
    // The second Lantern made in this file, so its database is 'bank-import-1' (the refusals test
    // stored nothing there).
    const lantern = make(clock);
    const service = serviceFor('bank-import-1', clock);
    const file = await service.readBank(
      enc.encode('::A:: The sun is a star. {T}\n\n::B:: The moon is a star. {F}\n'),
      'Sky.gift',
    );
    await service.importBank(file.plan, { title: 'Sky', lang: 'en', placement: {} });
    await lantern.loadCourse();
    const skill = `${bankId('Sky')}:${file.plan.skills[0]!.id}`;
    const ana = await lantern.createLearner({ nickname: 'Ana', avatar: 'owl' });
    await (await lantern.teacher()).assignFocus([ana.id], [skill]);
    const session = await lantern.openSession(ana.id);
    const keys: string[] = [];
    for (let i = 0; i < 30; i++) {
      clock.t += 20_000;
      const { item } = session.next();
      if (item.skillId === skill) keys.push(item.questionKey!);
      else keys.push('other');
      // Read the worked solution: the right answer is on screen before the next item.
      await session.revealSolution();
    }
    expect(keys.filter((k) => k !== 'other').length).toBeGreaterThan(10);
    for (let i = 1; i < keys.length; i++) {
      if (keys[i] !== 'other') expect(keys[i], `item ${i}`).not.toBe(keys[i - 1]);
    }
  });
});
