import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../core/errors';
import { LanternDB } from './db';
import { StorageError } from './errors';
import {
  AVATARS,
  AVATAR_EMOJI,
  AttemptRepo,
  LearnerRepo,
  LearnerStateRepo,
  SettingsRepo,
} from './repositories';
import { counterIds, freshDb, makeAttempt, stateAfter, steppingClock } from './test-utils';

let db: LanternDB | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await db?.delete();
  db = undefined;
});

function setup() {
  const db = openDb(freshDb());
  const learners = new LearnerRepo(db, {
    newId: counterIds('learner'),
    now: steppingClock(),
    pinIterations: 1000,
  });
  return {
    db,
    learners,
    attempts: new AttemptRepo(db),
    states: new LearnerStateRepo(db),
    settings: new SettingsRepo(db),
  };
}

async function validationKey(p: Promise<unknown>): Promise<[string, Record<string, unknown>]> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  const v = e as ValidationError;
  return [v.messageKey, { ...v.params }];
}

function openDb(d: LanternDB): LanternDB {
  db = d;
  return d;
}

describe('AVATARS', () => {
  it('has 12 unique ids, each with an emoji', () => {
    expect(AVATARS).toHaveLength(12);
    expect(new Set(AVATARS).size).toBe(12);
    for (const a of AVATARS) expect(AVATAR_EMOJI[a]).toBeTruthy();
  });
});

describe('LearnerRepo.create', () => {
  it('stores a trimmed nickname, avatar, timestamps and no PIN', async () => {
    const { learners } = setup();
    const l = await learners.create({ nickname: '  Mei  ', avatar: 'panda' });
    expect(l).toEqual({
      id: 'learner-0001',
      nickname: 'Mei',
      avatar: 'panda',
      createdAt: 1_700_000_000_000,
      lastActiveAt: 1_700_000_000_000,
    });
    expect(await learners.get(l.id)).toEqual(l);
  });

  it('uses crypto.randomUUID when no id function is injected', async () => {
    const l = await new LearnerRepo(openDb(freshDb())).create({ nickname: 'Ana', avatar: 'fox' });
    expect(l.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it.each([
    ['', 'learner.nicknameRequired', {}],
    ['    ', 'learner.nicknameRequired', {}],
    ['x'.repeat(25), 'learner.nicknameTooLong', { max: 24 }],
  ])('rejects nickname %j with %s', async (nickname, key, params) => {
    const { learners } = setup();
    expect(await validationKey(learners.create({ nickname, avatar: 'owl' }))).toEqual([key, params]);
    expect(await learners.list()).toEqual([]);
  });

  it('counts characters, not UTF-16 units: 24 emoji or CJK characters fit', async () => {
    const { learners } = setup();
    await expect(learners.create({ nickname: '🦊'.repeat(24), avatar: 'fox' })).resolves.toBeTruthy();
    await expect(learners.create({ nickname: '𠀀'.repeat(24), avatar: 'fox' })).resolves.toBeTruthy();
    expect((await validationKey(learners.create({ nickname: '😀'.repeat(25), avatar: 'fox' })))[0]).toBe(
      'learner.nicknameTooLong',
    );
  });

  it('rejects an avatar outside the fixed set', async () => {
    const { learners } = setup();
    expect((await validationKey(learners.create({ nickname: 'Jo', avatar: 'dragon' })))[0]).toBe(
      'learner.avatarRequired',
    );
    expect((await validationKey(learners.create({ nickname: 'Jo', avatar: '' })))[0]).toBe(
      'learner.avatarRequired',
    );
  });

  it.each(['123', '12345', 'abcd', '12 4', '', '١٢٣٤'])('rejects PIN %j', async (pin) => {
    const { learners } = setup();
    expect((await validationKey(learners.create({ nickname: 'Jo', avatar: 'cat', pin })))[0]).toBe(
      'learner.pinFormat',
    );
    expect(await learners.list()).toEqual([]);
  });

  it('stores a PIN only as a salted PBKDF2 hash', async () => {
    const { db, learners } = setup();
    const l = await learners.create({ nickname: 'Sam', avatar: 'owl', pin: '4321' });
    expect(l.pin).toEqual({
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      iterations: 1000,
    });
    expect(JSON.stringify(await db.learners.toArray())).not.toContain('4321');
  });

  it('rejects a Svelte-style proxy with a hint to snapshot, and copies plain input', async () => {
    const { learners, settings } = setup();
    const proxied = new Proxy({ a: 1 }, {});
    await expect(settings.set('locale', proxied as unknown as string)).rejects.toThrow(/\$state\.snapshot/);
    const input = { nickname: 'Lea', avatar: 'bee' };
    const l = await learners.create(input);
    input.nickname = 'changed';
    expect((await learners.get(l.id))?.nickname).toBe('Lea');
  });
});

describe('LearnerRepo.list/update/touch', () => {
  it('lists most recently active first', async () => {
    const { learners, attempts } = setup();
    const a = await learners.create({ nickname: 'A', avatar: 'fox' });
    const b = await learners.create({ nickname: 'B', avatar: 'owl' });
    const c = await learners.create({ nickname: 'C', avatar: 'cat' });
    expect((await learners.list()).map((l) => l.nickname)).toEqual(['C', 'B', 'A']);
    await learners.touch(a.id);
    expect((await learners.list()).map((l) => l.nickname)).toEqual(['A', 'C', 'B']);
    // Recording an attempt also moves the learner up.
    const at = makeAttempt({ id: 'x1', learnerId: b.id, timestamp: 1_800_000_000_000 });
    await attempts.record(at, stateAfter(undefined, at));
    expect((await learners.list()).map((l) => l.id)).toEqual([b.id, a.id, c.id]);
  });

  it('renames, changes avatar, sets and removes the PIN, with the same validation', async () => {
    const { learners } = setup();
    const l = await learners.create({ nickname: 'Kim', avatar: 'frog' });
    expect((await learners.rename(l.id, ' Kimi ')).nickname).toBe('Kimi');
    expect((await learners.setAvatar(l.id, 'whale')).avatar).toBe('whale');
    expect((await validationKey(learners.rename(l.id, ' ')))[0]).toBe('learner.nicknameRequired');
    expect((await validationKey(learners.setAvatar(l.id, 'unicorn')))[0]).toBe('learner.avatarRequired');
    await learners.update(l.id, { pin: '2580' });
    expect(await learners.verifyPin(l.id, '2580')).toBe(true);
    expect(await learners.verifyPin(l.id, '0000')).toBe(false);
    const cleared = await learners.update(l.id, { pin: null });
    expect(cleared.pin).toBeUndefined();
    expect('pin' in ((await learners.get(l.id)) ?? {})).toBe(false);
    expect(await learners.get(l.id)).toMatchObject({ nickname: 'Kimi', avatar: 'whale' });
  });

  it('reports an unknown learner as notFound with the learner message', async () => {
    const { learners } = setup();
    await expect(learners.rename('nope', 'X')).rejects.toMatchObject({
      code: 'notFound',
      messageKey: 'learner.notFound',
    });
    await expect(learners.verifyPin('nope', '1234')).rejects.toBeInstanceOf(StorageError);
    await expect(learners.touch('nope')).rejects.toMatchObject({ code: 'notFound' });
  });
});

describe('LearnerRepo.verifyPin', () => {
  it('accepts the right PIN, rejects wrong or malformed ones; no PIN always opens', async () => {
    const { learners } = setup();
    const locked = await learners.create({ nickname: 'Locked', avatar: 'lion', pin: '1357' });
    const open = await learners.create({ nickname: 'Open', avatar: 'tiger' });
    expect(await learners.verifyPin(locked.id, '1357')).toBe(true);
    expect(await learners.verifyPin(locked.id, '1358')).toBe(false);
    expect(await learners.verifyPin(locked.id, '')).toBe(false);
    expect(await learners.verifyPin(locked.id, '13579')).toBe(false);
    expect(await learners.verifyPin(open.id, '')).toBe(true);
  });

  it('works with the default 100k iterations', async () => {
    const learners = new LearnerRepo(openDb(freshDb()));
    const l = await learners.create({ nickname: 'Real', avatar: 'owl', pin: '8642' });
    expect(l.pin?.iterations).toBe(100_000);
    expect(await learners.verifyPin(l.id, '8642')).toBe(true);
    expect(await learners.verifyPin(l.id, '8641')).toBe(false);
  });
});

describe('LearnerRepo.delete', () => {
  it('removes the learner, their attempts and state, and nobody else’s', async () => {
    const { learners, attempts, states, settings } = setup();
    const a = await learners.create({ nickname: 'A', avatar: 'fox' });
    const b = await learners.create({ nickname: 'B', avatar: 'owl' });
    for (const l of [a, b]) {
      let s;
      for (let i = 0; i < 5; i++) {
        const at = makeAttempt({ id: `${l.id}-${i}`, learnerId: l.id, timestamp: 1_700_000_100_000 + i });
        s = stateAfter(s, at);
        await attempts.record(at, s);
      }
    }
    await settings.set('lastLearnerId', a.id);
    await learners.delete(a.id);
    expect(await learners.get(a.id)).toBeUndefined();
    expect(await attempts.count(a.id)).toBe(0);
    expect(await states.get(a.id)).toBeUndefined();
    expect(await settings.get('lastLearnerId')).toBeUndefined();
    expect(await attempts.count(b.id)).toBe(5);
    expect((await states.get(b.id))?.attemptCount).toBe(5);
    expect((await learners.list()).map((l) => l.id)).toEqual([b.id]);
    await expect(learners.delete(a.id)).resolves.toBeUndefined();
  });

  it('is all-or-nothing: a failure after the attempts are deleted leaves everything in place', async () => {
    const { db, learners, attempts, states } = setup();
    const a = await learners.create({ nickname: 'A', avatar: 'fox' });
    const at = makeAttempt({ id: 'only', learnerId: a.id });
    await attempts.record(at, stateAfter(undefined, at));
    vi.spyOn(db.learners, 'delete').mockImplementation(() => {
      throw new Error('disk on fire');
    });
    await expect(learners.delete(a.id)).rejects.toThrow('disk on fire');
    vi.restoreAllMocks();
    expect(await learners.get(a.id)).toBeTruthy();
    expect(await attempts.count(a.id)).toBe(1);
    expect(await states.get(a.id)).toBeTruthy();
  });
});

describe('SettingsRepo', () => {
  it('gets, sets, overwrites and deletes typed keys', async () => {
    const { settings } = setup();
    expect(await settings.get('locale')).toBeUndefined();
    await settings.set('locale', 'zh-CN');
    await settings.set('locale', 'en');
    await settings.set('lastLearnerId', 'learner-0001');
    expect(await settings.get('locale')).toBe('en');
    expect(await settings.get('lastLearnerId')).toBe('learner-0001');
    await settings.delete('locale');
    expect(await settings.get('locale')).toBeUndefined();
  });
});

describe('LanternDB', () => {
  it('writes a createdAt meta row when the database is first created', async () => {
    const db = openDb(new LanternDB(`meta-${process.pid}`, { now: () => 123 }));
    await db.open();
    expect(await db.meta.get('createdAt')).toEqual({ key: 'createdAt', value: 123 });
  });
});
