import 'fake-indexeddb/auto';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DBCore, DBCoreMutateRequest } from 'dexie';
import { LanternDB } from './db';
import type { LearnerRecord } from './db';
import {
  type DeviceKeyring,
  ENCRYPTION_META_KEY,
  SEALED_FIELD,
  changeDevicePassphrase,
  checkDevice,
  disableEncryption,
  enableEncryption,
  installEncryption,
  loadCipher,
  openRow,
  readEncryptionMeta,
  sealRow,
  unlockDevice,
} from './encryption';
import type * as Encryption from './encryption';
import { StorageError } from './errors';
import { AttemptRepo, LearnerRepo, LearnerStateRepo, ModelRepo, SettingsRepo } from './repositories';
import { LrsRepo, OutboxRepo } from './outbox';
import { counterIds, makeAttempt, stateAfter, steppingClock } from './test-utils';

const PASS = 'correct horse battery';
const ITER = 1000;
let n = 0;
const open: LanternDB[] = [];

afterEach(async () => {
  for (const db of open.splice(0)) await db.delete();
});

function newDb(name = `enc-${process.pid}-${++n}`): { db: LanternDB; ring: DeviceKeyring; name: string } {
  const db = new LanternDB(name);
  const ring = installEncryption(db);
  open.push(db);
  return { db, ring, name };
}

/** Another connection to the same database, as a worker or a reloaded page would open it. */
function reopen(name: string, key?: Uint8Array | null): { db: LanternDB; ring: DeviceKeyring } {
  const db = new LanternDB(name);
  const ring = installEncryption(db, key);
  open.push(db);
  return { db, ring };
}

const WEIGHTS = new Float32Array([0.25, -1.5, 3.75, 42]).buffer;

/** A device with two learners (one with a PIN), attempts, states, a model and settings. */
async function fill(db: LanternDB) {
  const learners = new LearnerRepo(db, {
    newId: counterIds('learner'),
    now: steppingClock(),
    pinIterations: 1000,
  });
  const attempts = new AttemptRepo(db);
  const zeb = await learners.create({ nickname: 'Zebulon', avatar: 'owl', pin: '4321' });
  const mei = await learners.create({ nickname: '美丽', avatar: 'cat', locale: 'zh-CN' });
  let s;
  const answers = ['8675309', '31415/9265'];
  for (let i = 0; i < 2; i++) {
    const a = makeAttempt({
      id: `att-z-${i}`,
      learnerId: zeb.id,
      answer: answers[i]!,
      params: { a: 777001, b: 777002 },
      timestamp: 1_700_000_100_000 + i,
      correct: i === 0,
    });
    s = stateAfter(s, a);
    await attempts.record(a, s);
  }
  const m = makeAttempt({
    id: 'att-m-0',
    learnerId: mei.id,
    answer: '99887766',
    timestamp: 1_700_000_200_000,
  });
  await attempts.record(m, stateAfter(undefined, m));
  await new ModelRepo(db).put({
    learnerId: zeb.id,
    descriptor: { format: 'lantern-kt-net', secretLayer: 'hidden-dimension-xyzzy' },
    weights: WEIGHTS.slice(0),
    trainedAt: 1_700_000_300_000,
    attemptCount: 2,
    metrics: { before: 0.61, after: 0.52, backend: 'cpu' },
  });
  await new SettingsRepo(db).set('locale', 'en');
  // An xAPI statement for the LRS (issue 14) and the LRS connection with its secret.
  await new OutboxRepo(db).enqueue(
    [
      {
        id: 'stmt-z-0',
        learnerId: zeb.id,
        kind: 'answered',
        statement: { id: 'stmt-z-0', result: { response: 'outbox-response-4242' } },
      },
    ],
    1_700_000_400_000,
  );
  await new LrsRepo(db).set('config', {
    endpoint: 'https://lrs.hidden-school.example/xapi/',
    secret: 'lrs-secret-qwerty',
  });
  return { zeb, mei };
}

/** Everything a reader of this database gets through the repositories. */
async function snapshot(db: LanternDB) {
  const learners = await new LearnerRepo(db).list();
  const ids = learners.map((l) => l.id).sort();
  const attempts = new AttemptRepo(db);
  const out: Record<string, unknown> = { learners: [...learners].sort((a, b) => (a.id < b.id ? -1 : 1)) };
  for (const id of ids) {
    out[`attempts:${id}`] = await attempts.listForLearner(id);
    out[`skill:${id}`] = await attempts.listForSkill(id, 'add-within-20');
    out[`count:${id}`] = await attempts.count(id);
    out[`state:${id}`] = await new LearnerStateRepo(db).get(id);
    const model = await new ModelRepo(db).get(id);
    out[`model:${id}`] = model && { ...model, weights: Array.from(new Float32Array(model.weights)) };
  }
  out.skills = await attempts.listForSkills(ids, ['add-within-20', 'times-tables']);
  out.locale = await new SettingsRepo(db).get('locale');
  const outbox = new OutboxRepo(db);
  out.outbox = [...(await outbox.pending(100)), ...(await outbox.list('sent'))];
  out.outboxCounts = await outbox.counts();
  out.lrs = await new LrsRepo(db).get('config');
  return out;
}

/** Every value of every store, read with plain IndexedDB (no Dexie), bytes as Latin-1 text. */
async function rawDump(name: string): Promise<string> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = indexedDB.open(name);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const parts: string[] = [];
  for (const store of Array.from(idb.objectStoreNames)) {
    const values = await new Promise<unknown[]>((resolve, reject) => {
      const out: unknown[] = [];
      const req = idb.transaction(store).objectStore(store).openCursor();
      req.onsuccess = () => {
        const c = req.result;
        if (!c) return resolve(out);
        out.push(c.value);
        c.continue();
      };
      req.onerror = () => reject(req.error);
    });
    parts.push(
      store +
        JSON.stringify(values, (_k, v: unknown) => {
          if (v instanceof ArrayBuffer) return new TextDecoder('latin1').decode(v);
          if (ArrayBuffer.isView(v)) return new TextDecoder('latin1').decode(v);
          return v;
        }),
    );
  }
  idb.close();
  return parts.join('\n');
}

const SECRETS = [
  'Zebulon',
  '美丽',
  '8675309',
  '31415/9265',
  '99887766',
  '777001',
  'xyzzy',
  '"hash"',
  '"avatar"',
  'outbox-response-4242',
  'lrs-secret-qwerty',
  'hidden-school',
];

async function storageErrorCode(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => 'no error',
    (x: unknown) => x,
  );
  return e instanceof StorageError ? e.code : `not a StorageError: ${String(e)}`;
}

/** A database whose disk fills up (below the sealing middleware) when `disk.failing`: learnerState puts fail. */
function withFailingDisk() {
  const name = `enc-${process.pid}-${++n}`;
  const db = new LanternDB(name);
  open.push(db);
  const disk = { failing: false };
  db.use({
    stack: 'dbcore',
    name: 'FailingDisk',
    level: -20,
    create: (down: DBCore): DBCore => ({
      ...down,
      table(t: string) {
        const table = down.table(t);
        return {
          ...table,
          mutate(req: DBCoreMutateRequest) {
            if (disk.failing && req.type === 'put' && t === 'learnerState') {
              return Promise.reject(new DOMException('disk full', 'QuotaExceededError'));
            }
            return table.mutate(req);
          },
        };
      },
    }),
  });
  return { db, name, ring: installEncryption(db), disk };
}

describe('sealRow/openRow', () => {
  const key = new Uint8Array(32).fill(7);
  beforeAll(() => loadCipher());

  it('keeps the indexed fields in clear and everything else in one sealed blob', () => {
    const a = makeAttempt({ id: 'a1', learnerId: 'l1', answer: '8675309' });
    const sealed = sealRow(key, 'attempts', a) as Record<string, unknown>;
    expect(Object.keys(sealed).sort()).toEqual(
      [SEALED_FIELD, 'id', 'learnerId', 'skillId', 'timestamp'].sort(),
    );
    expect(openRow(key, 'attempts', sealed)).toEqual(a);
    // A fresh nonce per value: the same row never seals to the same bytes.
    const again = sealRow(key, 'attempts', a) as Record<string, { c: Uint8Array }>;
    expect(again[SEALED_FIELD]!.c).not.toEqual(
      (sealed as Record<string, { c: Uint8Array }>)[SEALED_FIELD]!.c,
    );
  });

  it('refuses another key, a tampered blob and a blob moved to another learner', () => {
    const a = makeAttempt({ id: 'a1', learnerId: 'l1' });
    const sealed = sealRow(key, 'attempts', a) as Record<string, unknown>;
    expect(() => openRow(new Uint8Array(32).fill(8), 'attempts', sealed)).toThrow(StorageError);
    const blob = sealed[SEALED_FIELD] as { v: number; n: Uint8Array; c: Uint8Array };
    const c = blob.c.slice();
    c[3] = (c[3] ?? 0) ^ 1;
    expect(() => openRow(key, 'attempts', { ...sealed, [SEALED_FIELD]: { ...blob, c } })).toThrow(
      StorageError,
    );
    expect(() => openRow(key, 'attempts', { ...sealed, learnerId: 'l2' })).toThrow(StorageError);
    expect(() => openRow(null, 'attempts', sealed)).toThrow(StorageError);
  });
});

describe('encryption at rest', () => {
  it('round-trips every record type through the repositories, and the raw database shows none of it', async () => {
    const { db, ring, name } = newDb();
    // Until start-up has read the meta row, nothing is written (it could be a locked device).
    expect(await storageErrorCode(new LearnerRepo(db).create({ nickname: 'Early', avatar: 'fox' }))).toBe(
      'unavailable',
    );
    expect(await checkDevice(db, ring)).toBe('off');
    await fill(db);
    const before = await snapshot(db);
    const rawBefore = await rawDump(name);
    // The check below can fail: in clear, the raw database shows every secret.
    for (const s of SECRETS) expect(rawBefore).toContain(s);

    await enableEncryption(db, ring, PASS, { iterations: ITER });
    expect(ring.mode).toBe('open');
    expect(await snapshot(db)).toEqual(before);

    const raw = await rawDump(name);
    for (const s of SECRETS) expect(raw).not.toContain(s);
    expect(raw).not.toMatch(/"version":1/); // no readable model JSON
    // What stays in clear, by design (SECURITY.md): keys, indexed fields, settings, meta.
    expect(raw).toContain('att-z-0');
    expect(raw).toContain('add-within-20');
    expect(raw).toContain('"locale","value":"en"');

    // New writes are sealed too.
    const learners = new LearnerRepo(db, { pinIterations: 1000 });
    await learners.create({ nickname: 'Quintessa', avatar: 'fox' });
    expect(await rawDump(name)).not.toContain('Quintessa');
    expect((await learners.list()).map((l) => l.nickname)).toContain('Quintessa');
  });

  it('asks for the passphrase on the next start, refuses a wrong one and opens with the right one', async () => {
    const { db, ring, name } = newDb();
    await checkDevice(db, ring);
    await fill(db);
    const before = await snapshot(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    db.close();

    const next = reopen(name);
    expect(await checkDevice(next.db, next.ring)).toBe('locked');
    expect(await storageErrorCode(new LearnerRepo(next.db).list())).toBe('unavailable');
    // Locked: nothing can be written in clear beside the sealed rows.
    expect(await storageErrorCode(new LearnerRepo(next.db).create({ nickname: 'Eve', avatar: 'fox' }))).toBe(
      'unavailable',
    );
    expect(await unlockDevice(next.db, next.ring, 'correct horse battery!')).toBe(false);
    expect(await unlockDevice(next.db, next.ring, 'wrong')).toBe(false);
    expect(next.ring.mode).toBe('locked');
    expect(await unlockDevice(next.db, next.ring, PASS)).toBe(true);
    expect(await snapshot(next.db)).toEqual(before);
  });

  it('lets a second instance (a worker) read and write with the posted key bytes', async () => {
    const { db, ring, name } = newDb();
    await checkDevice(db, ring);
    const { zeb } = await fill(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    const bytes = ring.keyBytes();
    expect(bytes).toHaveLength(32);

    const worker = reopen(name, bytes);
    expect((await new AttemptRepo(worker.db).listForLearner(zeb.id)).map((a) => a.answer)).toEqual([
      '8675309',
      '31415/9265',
    ]);
    await new ModelRepo(worker.db).put({
      learnerId: zeb.id,
      descriptor: { note: 'retrained-plugh' },
      weights: WEIGHTS.slice(0),
      trainedAt: 2,
      attemptCount: 2,
      metrics: {},
    });
    expect((await new ModelRepo(db).get(zeb.id))?.descriptor).toEqual({ note: 'retrained-plugh' });
    expect(await rawDump(name)).not.toContain('plugh');

    // Without the key a worker reads nothing (it does not get half-rows).
    const keyless = reopen(name);
    expect(await storageErrorCode(new AttemptRepo(keyless.db).listForLearner(zeb.id))).toBe('unavailable');
  });

  it('turns off with the passphrase, keeping every row, and refuses a wrong one', async () => {
    const { db, ring, name } = newDb();
    await checkDevice(db, ring);
    await fill(db);
    const before = await snapshot(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    expect(await disableEncryption(db, ring, 'not it at all')).toBe(false);
    expect(ring.mode).toBe('open');
    expect(await rawDump(name)).not.toContain('Zebulon');

    expect(await disableEncryption(db, ring, PASS)).toBe(true);
    expect(ring.mode).toBe('clear');
    expect(await readEncryptionMeta(db)).toBeUndefined();
    expect(await rawDump(name)).toContain('Zebulon');
    expect(await rawDump(name)).not.toContain(SEALED_FIELD);
    expect(await snapshot(db)).toEqual(before);

    // And a fresh start after that needs no passphrase.
    db.close();
    const next = reopen(name);
    expect(await checkDevice(next.db, next.ring)).toBe('off');
    expect(await snapshot(next.db)).toEqual(before);
  });

  it('changes the passphrase by re-wrapping the key only', async () => {
    const { db, ring, name } = newDb();
    await checkDevice(db, ring);
    await fill(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    const rawBefore = await rawDump(name);
    expect(
      await changeDevicePassphrase(db, 'wrong passphrase', 'new passphrase 2', { iterations: ITER }),
    ).toBe(false);
    expect(await changeDevicePassphrase(db, PASS, 'new passphrase 2', { iterations: ITER })).toBe(true);
    const rawAfter = await rawDump(name);
    const rows = (dump: string) => dump.split('\n').filter((l) => !l.startsWith('meta'));
    expect(rows(rawAfter)).toEqual(rows(rawBefore));
    db.close();
    const next = reopen(name);
    await checkDevice(next.db, next.ring);
    expect(await unlockDevice(next.db, next.ring, PASS)).toBe(false);
    expect(await unlockDevice(next.db, next.ring, 'new passphrase 2')).toBe(true);
    expect((await new LearnerRepo(next.db).list()).map((l: LearnerRecord) => l.nickname).sort()).toEqual([
      'Zebulon',
      '美丽',
    ]);
  });

  it('leaves everything as it was when enabling fails half-way', async () => {
    const { db, name, ring, disk } = withFailingDisk();
    await checkDevice(db, ring);
    await fill(db);
    const before = await snapshot(db);
    const rawBefore = await rawDump(name);
    disk.failing = true;
    await expect(enableEncryption(db, ring, PASS, { iterations: ITER })).rejects.toThrow();
    disk.failing = false;
    expect(ring.mode).toBe('clear');
    expect(await readEncryptionMeta(db)).toBeUndefined();
    expect(await rawDump(name)).toEqual(rawBefore);
    expect(await snapshot(db)).toEqual(before);
    // And the device still works in clear, and can be encrypted afterwards.
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    expect(await snapshot(db)).toEqual(before);
    expect((await db.meta.get(ENCRYPTION_META_KEY))?.value).toBeTruthy();
  });

  it('leaves everything encrypted and readable when turning off fails half-way', async () => {
    const { db, name, ring, disk } = withFailingDisk();
    await checkDevice(db, ring);
    await fill(db);
    const before = await snapshot(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    const rawBefore = await rawDump(name);
    disk.failing = true;
    await expect(disableEncryption(db, ring, PASS)).rejects.toThrow();
    disk.failing = false;
    expect(ring.mode).toBe('open');
    expect(await readEncryptionMeta(db)).toBeDefined();
    expect(await rawDump(name)).toEqual(rawBefore);
    expect(await snapshot(db)).toEqual(before);
    db.close();
    const next = reopen(name);
    await checkDevice(next.db, next.ring);
    expect(await unlockDevice(next.db, next.ring, PASS)).toBe(true);
    expect(await snapshot(next.db)).toEqual(before);
  });

  it('refuses to enable twice', async () => {
    const { db, ring } = newDb();
    await checkDevice(db, ring);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    expect(await storageErrorCode(enableEncryption(db, ring, PASS, { iterations: ITER }))).toBe('conflict');
  });
});

/**
 * The cipher is a lazily loaded chunk (kept out of the first page load). Each test imports a fresh
 * copy of this module, as a page or a worker starts, and counts when @noble/ciphers is evaluated.
 */
describe('the lazily loaded cipher', () => {
  let evaluated = 0;
  let failNext = false;

  async function freshModule(): Promise<typeof Encryption> {
    vi.resetModules();
    evaluated = 0;
    vi.doMock('@noble/ciphers/chacha.js', async (importOriginal) => {
      if (failNext) {
        failNext = false;
        throw new TypeError('Failed to fetch dynamically imported module');
      }
      evaluated += 1;
      return importOriginal();
    });
    return import('./encryption');
  }

  afterEach(() => {
    vi.doUnmock('@noble/ciphers/chacha.js');
    vi.resetModules();
  });

  /** An encrypted database made with this file's (loaded) module, closed; its contents. */
  async function encryptedDevice() {
    const { db, ring, name } = newDb();
    await checkDevice(db, ring);
    await fill(db);
    const before = await snapshot(db);
    await enableEncryption(db, ring, PASS, { iterations: ITER });
    const bytes = ring.keyBytes()!;
    db.close();
    return { name, before, bytes };
  }

  it('is not loaded by a device that never turned encryption on', async () => {
    const enc = await freshModule();
    const fresh = new LanternDB(`enc-${process.pid}-${++n}`);
    open.push(fresh);
    const ring = enc.installEncryption(fresh);
    expect(await enc.checkDevice(fresh, ring)).toBe('off');
    await fill(fresh);
    await snapshot(fresh);
    expect(enc.cipherLoaded()).toBe(false);
    expect(evaluated).toBe(0);
  });

  it('unlocks then reads on a fresh start, loading the cipher once before the key is used', async () => {
    const { name, before, bytes } = await encryptedDevice();
    const enc = await freshModule();
    expect(enc.cipherLoaded()).toBe(false);
    // Nothing may use a key before the cipher is there: a clear internal error, never a bad row.
    const row = { id: 'l1', lastActiveAt: 1, nickname: 'x' };
    expect(() => enc.sealRow(bytes, 'learners', row)).toThrow(/cipher is not loaded/);
    expect(() => new enc.DeviceKeyring().setKey(bytes)).toThrow(/cipher is not loaded/);

    const db = new LanternDB(name);
    open.push(db);
    const ring = enc.installEncryption(db);
    // Straight to unlock (no checkDevice, whose early start of the load could hide a missing await).
    expect(await enc.unlockDevice(db, ring, 'not the passphrase')).toBe(false);
    expect(await enc.unlockDevice(db, ring, PASS)).toBe(true);
    expect(await snapshot(db)).toEqual(before);
    expect(evaluated).toBe(1);
    await enc.loadCipher();
    expect(evaluated).toBe(1);
  });

  it('lets a worker install its key only after loadCipher()', async () => {
    const { name, before, bytes } = await encryptedDevice();
    const enc = await freshModule();
    const db = new LanternDB(name);
    open.push(db);
    expect(() => enc.installEncryption(db, bytes)).toThrow(/cipher is not loaded/);
    const worker = new LanternDB(name);
    open.push(worker);
    await enc.loadCipher();
    enc.installEncryption(worker, bytes);
    expect(await snapshot(worker)).toEqual(before);
  });

  it('turns encryption on, changes the passphrase and turns it off from a fresh start', async () => {
    const enc = await freshModule();
    const name = `enc-${process.pid}-${++n}`;
    const db = new LanternDB(name);
    open.push(db);
    const ring = enc.installEncryption(db);
    expect(await enc.checkDevice(db, ring)).toBe('off');
    await fill(db);
    const before = await snapshot(db);
    await enc.enableEncryption(db, ring, PASS, { iterations: ITER });
    expect(await rawDump(name)).not.toContain('Zebulon');
    db.close();

    for (const step of ['change', 'disable'] as const) {
      const e = await freshModule();
      const again = new LanternDB(name);
      open.push(again);
      const r = e.installEncryption(again);
      if (step === 'change') {
        expect(await e.changeDevicePassphrase(again, PASS, 'new passphrase 2', { iterations: ITER })).toBe(
          true,
        );
      } else {
        // Without unlocking first: disabling alone must load the cipher before opening rows.
        expect(await e.disableEncryption(again, r, 'new passphrase 2')).toBe(true);
        expect(await snapshot(again)).toEqual(before);
        expect(await rawDump(name)).toContain('Zebulon');
      }
      again.close();
    }
  });

  it('reports a cipher that cannot be loaded (offline, not cached) and tries again next time', async () => {
    const { name, before } = await encryptedDevice();
    const enc = await freshModule();
    failNext = true;
    const db = new LanternDB(name);
    open.push(db);
    const ring = enc.installEncryption(db);
    const e = await enc.unlockDevice(db, ring, PASS).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'StorageError', code: 'unavailable' });
    expect(ring.mode).not.toBe('open');
    expect(await enc.unlockDevice(db, ring, PASS)).toBe(true);
    expect(await snapshot(db)).toEqual(before);
  });
});
