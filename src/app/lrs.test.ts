import 'fake-indexeddb/auto';
import xapiValidation from '@learninglocker/xapi-validation';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import { SITTING_IDLE_MS } from '../core/sitting';
import { statementId } from '../core/xapi-void';
import { ValidationError } from '../core/errors';
import { seededRng } from '../core/rng';
import { LanternDB } from '../storage/db';
import { Lantern } from './lantern';
import type { LrsForm } from './lrs';
import { expectedAnswer } from '../core/item-answer';

const validate = ((xapiValidation as unknown as { default?: unknown }).default ?? xapiValidation) as (
  s: unknown,
) => unknown[];

const PAGE = 'http://127.0.0.1:5501';
const LRS = 'http://127.0.0.1:5591';

/**
 * An LRS in memory with xAPI's rules: a batch is all or nothing; an id already stored with the
 * same content is accepted again without a second copy, with other content it is a 409; an
 * invalid statement (xapi-validation) a 400. `cutReply` stores the batch, then drops the answer.
 */
class FakeLrs {
  readonly stored = new Map<string, string>();
  readonly order: string[] = [];
  requests = 0;
  status: number | null = null;
  cutReply = false;
  down = false;
  auth: string[] = [];

  /** When each id was stored: the order GET follows (`since` is exclusive, `more` pages). */
  readonly storedAt = new Map<string, string>();

  #get(url: URL): Response {
    const since = url.searchParams.get('since') ?? '';
    // Like real LRSs, pages may be shorter than asked: the client must follow `more`.
    const limit = Math.min(5, Number(url.searchParams.get('limit') ?? 100));
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const verb = url.searchParams.get('verb');
    const all = this.order.filter(
      (id) =>
        this.storedAt.get(id)! > since &&
        (!verb || (JSON.parse(this.stored.get(id)!) as { verb: { id: string } }).verb.id === verb),
    );
    const page = all.slice(from, from + limit).map((id) => ({
      ...(JSON.parse(this.stored.get(id)!) as object),
      stored: this.storedAt.get(id),
    }));
    const more =
      from + limit < all.length
        ? `/xAPI/statements?since=${since}&verb=${verb ?? ''}&limit=${limit}&cursor=${from + limit}`
        : '';
    return new Response(JSON.stringify({ statements: page, more }), { status: 200 });
  }

  fetch = async (url: string, init: RequestInit): Promise<Response> => {
    this.requests += 1;
    if (init.method === 'GET') {
      const u = new URL(url);
      expect(u.origin + u.pathname).toBe(`${LRS}/xAPI/statements`);
      const auth = String((init.headers as Record<string, string>).Authorization);
      if (auth !== `Basic ${btoa('teacher-read:read secret')}`) return new Response('{}', { status: 401 });
      return this.#get(u);
    }
    expect(url).toBe(`${LRS}/xAPI/statements`);
    this.auth.push(String((init.headers as Record<string, string>).Authorization));
    if (this.down) throw new TypeError('Failed to fetch');
    if (this.status !== null) return new Response('{}', { status: this.status });
    const batch = JSON.parse(String(init.body)) as { id: string }[];
    for (const [i, s] of batch.entries()) {
      const warnings = validate(s);
      if (warnings.length > 0) return new Response(JSON.stringify({ warnings, at: i }), { status: 400 });
      const prev = this.stored.get(s.id);
      if (prev !== undefined && prev !== JSON.stringify(s)) {
        return new Response(JSON.stringify({ message: `${s.id} is conflicting` }), { status: 409 });
      }
    }
    for (const s of batch) {
      if (!this.stored.has(s.id)) {
        this.order.push(s.id);
        this.storedAt.set(s.id, new Date(Date.UTC(2026, 10, 1) + this.order.length * 1000).toISOString());
      }
      this.stored.set(s.id, JSON.stringify(s));
    }
    if (this.cutReply) {
      this.cutReply = false;
      throw new TypeError('network error: the connection closed');
    }
    return new Response(JSON.stringify(batch.map((s) => s.id)), { status: 200 });
  };

  statements(): Record<string, unknown>[] {
    return this.order.map((id) => JSON.parse(this.stored.get(id)!) as Record<string, unknown>);
  }
}

let n = 0;
const opened: Lantern[] = [];
afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

function setup(
  start = Date.UTC(2026, 10, 1, 9),
  lrs = new FakeLrs(),
  idPrefix = '0',
  /** Another tab on the same device: the same database. */
  dbName = `lrs-app-test-${n++}`,
) {
  let t = start;
  let id = 0;
  const timers: number[] = [];
  let online = true;
  const app = new Lantern(new LanternDB(dbName), {
    now: () => (t += 4_000),
    random: seededRng(7),
    newId: () => `${idPrefix}0000000-0000-4000-8000-${String(id++).padStart(12, '0')}`,
    appVersion: 'test',
    backup: { kdfIterations: 1000, minKdfIterations: 1000 },
    lrs: {
      pageOrigin: PAGE,
      allowedOrigins: [LRS],
      sender: {
        fetch: lrs.fetch,
        rng: () => 0.5,
        // Timers are recorded, never fired: the tests run the sender themselves.
        setTimer: (_fn, ms) => {
          if (ms !== 30_000) timers.push(ms); // not the request timeout: the backoff's
          return () => undefined;
        },
        online: () => online,
        withLock: async (fn) => {
          await fn();
          return true;
        },
        batchSize: 8,
      },
    },
  });
  opened.push(app);
  return {
    app,
    dbName,
    lrs,
    timers,
    setOnline: (v: boolean) => (online = v),
    clock: { advance: (ms: number) => (t += ms), now: () => t },
  };
}

const FORM: LrsForm = {
  endpoint: `${LRS}/xAPI/`,
  key: 'tablet-7',
  secret: 'write-only secret',
  base: 'https://school.example/lantern',
  nicknames: false,
  since: '',
};

async function answer(app: Lantern, learnerId: string, count: number, wrongEvery = 4): Promise<void> {
  const session = await app.openSession(learnerId);
  for (let i = 0; i < count; i++) {
    const { item } = session.next();
    const right = formatAnswer(expectedAnswer(item.answer), 'en');
    const r = await session.submit(i % wrongEvery === wrongEvery - 1 ? `${right}9` : right, 'en');
    expect(['correct', 'incorrect']).toContain(r.status);
  }
}

describe('LRS settings', () => {
  it('allow the page’s own origin and the origins the build names; refuse others saying how', async () => {
    const { app } = setup();
    const lrs = await app.lrs();
    await expect(lrs.save({ ...FORM, endpoint: 'https://lrs.elsewhere.example/xapi' })).rejects.toMatchObject(
      {
        messageKey: 'lrs.endpointNotAllowed',
        params: { origin: 'https://lrs.elsewhere.example', allowed: `${PAGE}, ${LRS}` },
      },
    );
    await expect(lrs.save({ ...FORM, endpoint: 'ftp://x/' })).rejects.toBeInstanceOf(ValidationError);
    await expect(lrs.save({ ...FORM, secret: '' })).rejects.toMatchObject({
      messageKey: 'lrs.secretRequired',
    });
    await lrs.save({ ...FORM, endpoint: `${PAGE}/lrs/xAPI/statements` });
    expect((await lrs.config())?.endpoint).toBe(`${PAGE}/lrs/xAPI/`);
    // The form never gets the secret back; saving without one keeps it.
    await lrs.save({ ...FORM, secret: '' });
    expect(await lrs.settings()).toMatchObject({
      endpoint: `${LRS}/xAPI/`,
      hasSecret: true,
      key: 'tablet-7',
    });
    expect((await lrs.config())?.secret).toBe('write-only secret');
  });
});

describe('sending to an LRS', () => {
  it('queues nothing without an LRS', async () => {
    const { app, lrs } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    await answer(app, mei.id, 3);
    expect((await (await app.lrs()).status()).counts).toEqual({ pending: 0, sent: 0, quarantined: 0 });
    expect(lrs.requests).toBe(0);
  });

  it('sends every answer exactly once, in batches, with an opaque actor; a cut reply is retried without a duplicate', async () => {
    const { app, lrs, timers } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save(FORM);
    service.stop(); // the tests run the sender by hand
    await answer(app, mei.id, 20);
    const queued = await service.status();
    expect(queued.counts.pending).toBeGreaterThanOrEqual(20);
    // The LRS stores the first batch but the reply never arrives.
    lrs.cutReply = true;
    await service.sendNow();
    let s = await service.status();
    expect(s.problem?.code).toBe('unreachable');
    expect(timers.at(-1)).toBe(3750); // 5 s base, first failure, rng 0.5 → 2.5 s + 1.25 s
    expect(lrs.stored.size).toBe(8);
    await service.sendNow();
    s = await service.status();
    expect(s.problem).toBeNull();
    expect(s.counts).toEqual({ pending: 0, sent: queued.counts.pending, quarantined: 0 });
    expect(lrs.stored.size).toBe(queued.counts.pending);
    const answered = lrs.statements().filter((x) => (x.verb as { id: string }).id.endsWith('/answered'));
    expect(answered).toHaveLength(20);
    expect(JSON.stringify(lrs.statements())).not.toContain('Mei');
    for (const st of lrs.statements()) expect(validate(st)).toEqual([]);
    expect(lrs.auth[0]).toBe(`Basic ${btoa('tablet-7:write-only secret')}`);
  });

  it('quarantines the one statement the LRS refuses and sends the rest of its batch', async () => {
    const { app, lrs } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save(FORM);
    service.stop();
    await answer(app, mei.id, 6);
    // Another device already sent one of these ids with other content: 409 for the batch.
    const pending = JSON.parse((await service.exportLearner(mei.id)).text) as { id: string }[];
    const victim = pending[2]!;
    lrs.stored.set(victim.id, JSON.stringify({ ...victim, other: true }));
    await service.sendNow();
    const s = await service.status();
    expect(s.counts.quarantined).toBe(1);
    expect(s.counts.pending).toBe(0);
    expect(s.problem).toBeNull();
    const q = await service.exportQuarantine();
    expect(q.count).toBe(1);
    expect(JSON.parse(q.text)).toEqual([
      { problem: expect.stringContaining('409') as string, statement: victim },
    ]);
    // The adult fixes the LRS and sends it again.
    lrs.stored.delete(victim.id);
    expect(await service.retryQuarantined()).toBe(1);
    await service.sendNow();
    expect((await service.status()).counts).toMatchObject({ pending: 0, quarantined: 0 });
  });

  it('keeps everything and backs off further on wrong credentials, offline waits', async () => {
    const { app, lrs, timers, setOnline, clock } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save(FORM);
    service.stop();
    await answer(app, mei.id, 3);
    const pending = (await service.status()).counts.pending;
    lrs.status = 401;
    await service.sendNow();
    await service.sendNow();
    const s = await service.status();
    expect(s.problem).toMatchObject({ code: 'unauthorised', status: 401 });
    expect(s.counts.pending).toBe(pending);
    expect(timers.slice(-2)).toEqual([3750, 7500]);
    // Offline: nothing is tried, and the status says it is waiting for a connection.
    const before = lrs.requests;
    lrs.status = null;
    clock.advance(1);
    setOnline(false);
    await service.sendNow();
    expect((await service.status()).problem?.code).toBe('offline');
    expect(lrs.requests).toBe(before);
    setOnline(true);
    await service.sendNow();
    expect((await service.status()).counts.pending).toBe(0);
  });

  it('sends older attempts from the adult’s start date, and a session completed', async () => {
    const { app, lrs, clock } = setup(new Date(2026, 10, 1, 9).getTime());
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    await answer(app, mei.id, 4); // 1 November
    clock.advance(3 * 86_400_000);
    await answer(app, mei.id, 5); // 4 November
    app.endSession(mei.id); // no LRS yet: nothing queued
    clock.advance(86_400_000);
    const service = await app.lrs();
    await service.save({ ...FORM, since: '2026-11-03' });
    service.stop();
    await service.sendNow();
    const verbs = () => lrs.statements().map((x) => (x.verb as { id: string }).id.split('/').pop());
    expect(verbs()).toEqual(Array(5).fill('answered'));
    await answer(app, mei.id, 2);
    app.endSession(mei.id);
    await new Promise((r) => setTimeout(r, 50));
    await service.sendNow();
    expect(verbs().slice(5)).toEqual(['answered', 'answered', 'completed']);
    const session = lrs.statements().at(-1) as { result: { score: { raw: number; max: number } } };
    expect(session.result.score.max).toBe(2);
  });

  it('voids what was sent when the learner is deleted; nicknames only when turned on', async () => {
    const { app, lrs } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save({ ...FORM, nicknames: true });
    service.stop();
    await answer(app, mei.id, 3);
    await service.sendNow();
    const sent = lrs.statements();
    expect((sent[0]?.actor as { name?: string }).name).toBe('Mei');
    await app.deleteLearner(mei.id);
    await service.sendNow();
    const voids = lrs.statements().slice(sent.length);
    expect(voids).toHaveLength(sent.length);
    expect(voids.map((v) => (v.object as { id: string }).id).sort()).toEqual(sent.map((x) => x.id).sort());
    for (const v of voids) {
      expect((v.verb as { id: string }).id).toBe('http://adlnet.gov/expapi/verbs/voided');
      expect(JSON.stringify(v)).not.toContain('Mei');
    }
  });

  it('exports a learner’s statements offline, valid xAPI, without an LRS', async () => {
    const { app } = setup();
    const mei = await app.createLearner({ nickname: 'Mei Lin', avatar: 'fox' });
    await answer(app, mei.id, 5);
    const { filename, text } = await (await app.lrs()).exportLearner(mei.id);
    expect(filename).toMatch(/^lantern-xapi-Mei-Lin-\d{4}-\d{2}-\d{2}\.json$/);
    const statements = JSON.parse(text) as unknown[];
    expect(statements).toHaveLength(5);
    for (const st of statements) expect(validate(st)).toEqual([]);
    expect(text).not.toContain('Mei Lin');
    expect(text).toContain(`${PAGE}/xapi/item/`);
  });
});

describe('the teacher’s device pulls the class', () => {
  it('gets every tablet’s answers by since/more, merges them by id, and names stay local', async () => {
    const tablet = setup();
    const mei = await tablet.app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const sending = await tablet.app.lrs();
    await sending.save(FORM);
    sending.stop();
    await answer(tablet.app, mei.id, 12);
    await sending.sendNow();

    const teacher = setup(Date.UTC(2026, 10, 2, 9), tablet.lrs, '1');
    const t = await teacher.app.lrs();
    await t.save(FORM);
    t.stop();
    await expect(t.pullClass()).rejects.toMatchObject({ messageKey: 'lrs.pullNotSetUp' });
    await t.saveReadCredentials('teacher-read', 'wrong');
    await expect(t.pullClass()).rejects.toMatchObject({ messageKey: 'lrs.pullRefused' });
    await t.saveReadCredentials('teacher-read', 'read secret');
    const before = tablet.lrs.requests;
    const first = await t.pullClass();
    expect(first).toMatchObject({ learnersAdded: 1, attemptsAdded: 12 });
    expect(tablet.lrs.requests - before).toBeGreaterThanOrEqual(1);
    const [placeholder] = await teacher.app.listLearners();
    expect(placeholder?.id).toBe(mei.id);
    expect(placeholder?.nickname).toMatch(/^#[0-9a-f]{6}$/);
    const mine = await tablet.app.attemptsOf(mei.id);
    const pulled = await teacher.app.attemptsOf(mei.id);
    expect(pulled.map((a) => a.id)).toEqual(mine.map((a) => a.id));
    expect(pulled.map((a) => [a.itemId, a.correct, a.answer])).toEqual(
      mine.map((a) => [a.itemId, a.correct, a.answer]),
    );

    // More answers on the tablet: the next pull asks only for what was stored since.
    await answer(tablet.app, mei.id, 3);
    await sending.sendNow();
    expect(await t.pullClass()).toMatchObject({ statements: 3, attemptsAdded: 3, learnersAdded: 0 });
    expect(await t.pullClass()).toMatchObject({ statements: 0, attemptsAdded: 0 });

    // The tablet's class file brings the nickname; its attempts are the same records.
    const file = await (await tablet.app.data()).exportFile({ learnerIds: [mei.id] });
    const merged = await (await teacher.app.data()).importFile(file.text);
    expect(merged).toMatchObject({ attemptsAdded: 0, learnersUpdated: 1 });
    expect((await teacher.app.listLearners())[0]?.nickname).toBe('Mei');
  });
});

describe('a session completed (issue 14: once per real session)', () => {
  type Statement = {
    id: string;
    object: { id: string };
    timestamp: string;
    result?: { score: { max: number } };
  };
  /** The "session completed" statements the LRS holds (not "placement completed"). */
  const completed = (lrs: FakeLrs) =>
    (lrs.statements() as Statement[]).filter((x) => x.object.id.endsWith('/course/maths/session'));
  /** endSession and an idle gap queue without being awaited (never in an answer's way). */
  const settle = () => new Promise((r) => setTimeout(r, 50));

  async function answerIn(session: Awaited<ReturnType<Lantern['openSession']>>, count: number) {
    for (let i = 0; i < count; i++) {
      const { item } = session.next();
      expect((await session.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en')).status).toBe(
        'correct',
      );
    }
  }

  it('is not queued when the tab is hidden, only when the learner leaves practice; once', async () => {
    const { app, lrs } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save(FORM);
    service.stop();
    const session = await app.openSession(mei.id);
    // A child who switches tabs every few answers.
    for (let i = 0; i < 4; i++) {
      await answerIn(session, 2);
      app.pauseSession(mei.id);
    }
    await settle();
    await service.sendNow();
    expect(completed(lrs)).toEqual([]);
    // Practice opened again in the same tab (another screen and back): the same sitting.
    await answerIn(await app.openSession(mei.id), 1);
    app.endSession(mei.id); // left practice: the summary shows
    app.endSession(mei.id); // …and switched learner: nothing more to complete
    await settle();
    await service.sendNow();
    expect(completed(lrs)).toHaveLength(1);
    expect(completed(lrs)[0]?.result?.score.max).toBe(9);
    const answered = (lrs.statements() as { verb: { id: string } }[]).filter((x) =>
      x.verb.id.endsWith('/answered'),
    );
    expect(answered).toHaveLength(9);
    expect((await service.status()).counts.pending).toBe(0);
  });

  it('of the sitting before an answer that comes after a long idle gap, timestamped at its last answer', async () => {
    const { app, lrs, clock } = setup();
    const mei = await app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await app.lrs();
    await service.save(FORM);
    service.stop();
    const session = await app.openSession(mei.id);
    await answerIn(session, 3);
    clock.advance(SITTING_IDLE_MS + 60_000); // the tablet lay on the desk, practice still open
    await answerIn(session, 2);
    await settle();
    await service.sendNow();
    const first = completed(lrs);
    expect(first).toHaveLength(1);
    expect(first[0]?.result?.score.max).toBe(3);
    const third = (await app.attemptsOf(mei.id))[2]!;
    expect(first[0]?.timestamp).toBe(new Date(third.timestamp).toISOString());
    expect(first[0]?.id).toBe(statementId('session', third.id));
    app.endSession(mei.id);
    await settle();
    await service.sendNow();
    expect(completed(lrs).map((x) => x.result?.score.max)).toEqual([3, 2]);
  });

  it('of a sitting a closed or reloaded tab never ended: the next tab resumes it and completes it whole, once', async () => {
    const one = setup();
    const mei = await one.app.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const service = await one.app.lrs();
    await service.save(FORM);
    service.stop();
    await answerIn(await one.app.openSession(mei.id), 3);
    one.app.pauseSession(mei.id); // the tab is hidden, then reloaded: nothing completed
    one.app.close();

    // The reloaded tab, a minute later: the sitting goes on and is completed whole.
    const two = setup(one.clock.now() + 60_000, one.lrs, '2', one.dbName);
    (await two.app.lrs()).stop();
    await answerIn(await two.app.openSession(mei.id), 2);
    two.app.endSession(mei.id);
    await settle();
    // Practising again after that, then the tab is closed without ending the sitting.
    await answerIn(await two.app.openSession(mei.id), 2);
    two.app.close();

    // Hours later, a new tab: the next answer completes the unended sitting at its last answer.
    const three = setup(two.clock.now() + 3 * 3_600_000, one.lrs, '3', one.dbName);
    const sending = await three.app.lrs();
    sending.stop();
    const session = await three.app.openSession(mei.id);
    await answerIn(session, 1);
    await settle();
    await sending.sendNow();
    const all = await three.app.attemptsOf(mei.id);
    expect(all).toHaveLength(8);
    expect(completed(one.lrs).map((x) => [x.result?.score.max, x.timestamp])).toEqual([
      [5, expect.any(String) as string],
      [2, new Date(all[6]!.timestamp).toISOString()],
    ]);
    expect(completed(one.lrs).map((x) => x.id)).toEqual([
      statementId('session', all[4]!.id),
      statementId('session', all[6]!.id),
    ]);
    // Ended again in the third tab: only its own answer; reopening finds nothing left to resume.
    three.app.endSession(mei.id);
    await settle();
    await sending.sendNow();
    await three.app.openSession(mei.id);
    three.app.endSession(mei.id);
    await settle();
    await sending.sendNow();
    expect(completed(one.lrs).map((x) => x.result?.score.max)).toEqual([5, 2, 1]);
    expect(new Set(one.lrs.order).size).toBe(one.lrs.order.length);
  });
});
