import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ValidationError } from '../core/errors';
import { placeholders } from '../core/i18n';
import type { Attempt } from '../core/types';
import type { ParsedBackup, RebuildState } from './backup';
import {
  BACKUP_FORMAT_NAME,
  BACKUP_FORMAT_VERSION,
  BACKUP_LIMITS,
  exportBackup,
  importBackup,
  looksLikeBackup,
  mergeLearner,
  newerModel,
  parseBackup,
} from './backup';
import { canonicalJson, fromBase64, sha256Hex, toBase64 } from './backup-crypto';
import { encrypt } from './backup-envelope';
import { backupMessagesEn, backupMessagesZh } from './backup-messages';
import { UPGRADES } from './backup-validate';
import type { LearnerRecord, ModelRecord } from './db';
import { LanternDB } from './db';
import { checkDevice, enableEncryption, installEncryption } from './encryption';
import { StorageError } from './errors';
import { BACKUP_V1_FILE } from './fixtures/backup-v1';
import { BACKUP_V2_FILE } from './fixtures/backup-v2';
import { BACKUP_V3_FILE } from './fixtures/backup-v3';
import { LessonViewRepo } from './lesson-views';
import { TutorQuestionRepo } from './tutor-questions';
import type { NextLearnerState } from './repositories';
import { AttemptRepo, LearnerRepo, LearnerStateRepo, ModelRepo, SettingsRepo } from './repositories';
import { counterIds, freshDb, makeAttempt, stateAfter, steppingClock } from './test-utils';

const T_STATE = 1_750_000_000_000;
const EXPORTED_AT = 1_760_000_000_000;
const FAST = { iterations: 1000 } as const;
const FAST_PARSE = { minIterations: 1000 } as const;
const PASS = 'correct horse battery';

const opened: LanternDB[] = [];
afterEach(async () => {
  vi.restoreAllMocks();
  for (const d of opened.splice(0)) await d.delete();
});

function newDb(): LanternDB {
  const d = freshDb('backup-test');
  opened.push(d);
  return d;
}

/** Deterministic stand-in for the learner model: fold stateAfter over the sorted history. */
const fakeRebuild: RebuildState = (_id, history) =>
  history.reduce<NextLearnerState | undefined>((s, a) => stateAfter(s, a), undefined) as NextLearnerState;

const importOpts = { mode: 'merge', rebuildState: fakeRebuild, now: T_STATE } as const;

/** A model row with the weights as base64: toEqual does not look inside ArrayBuffers. */
function comparable(m: ModelRecord) {
  return { ...m, weights: toBase64(new Uint8Array(m.weights)) };
}

async function dump(d: LanternDB) {
  return {
    learners: await d.learners.toArray(),
    attempts: await d.attempts.toArray(),
    learnerState: await d.learnerState.toArray(),
    models: (await d.models.toArray()).map(comparable),
    settings: await d.settings.toArray(),
    tutorQuestions: await d.tutorQuestions.toArray(),
    lessonViews: await d.lessonViews.toArray(),
    meta: await d.meta.toArray(),
  };
}

/** A fine-tuned model row as KtEngine writes it (small, deterministic weight bytes). */
function modelRow(
  learnerId: string,
  trainedAt: number,
  seed = 1,
  bytes = 96,
): Omit<ModelRecord, 'recordVersion'> {
  const weights = new Uint8Array(bytes).map((_, i) => (i * 37 + seed * 101) % 256);
  return {
    learnerId,
    descriptor: {
      format: 'lantern-kt-net',
      formatVersion: 1,
      config: { dModel: 4, decays: [0.5, 0.9], dropout: 0.2 },
      weightSpecs: [{ name: 'skillEmb', shape: [bytes / 4], dtype: 'float32' }],
      meta: { version: `test-${seed}` },
    },
    weights: weights.buffer,
    trainedAt,
    attemptCount: 12,
    metrics: {
      lossBefore: 0.61,
      lossAfter: 0.58,
      heldOut: 10,
      seconds: 1.5,
      backend: 'cpu',
      reason: 'session',
    },
  };
}

async function records(d: LanternDB) {
  const { meta: _meta, ...rest } = await dump(d);
  return rest;
}

/** A device with two learners (one PIN-locked), their histories and device settings; with `withModel`, Ana has fine-tuned weights. */
async function sourceDevice(attemptsEach = 12, withModel = false) {
  const d = newDb();
  const learners = new LearnerRepo(d, {
    newId: counterIds('learner'),
    now: steppingClock(),
    pinIterations: 1000,
  });
  const attempts = new AttemptRepo(d, { now: () => T_STATE });
  const ana = await learners.create({ nickname: 'Ana', avatar: 'fox', pin: '0420' });
  const ben = await learners.create({ nickname: '小明', avatar: 'panda', locale: 'zh-CN' });
  for (const [l, prefix] of [
    [ana, 'a'],
    [ben, 'b'],
  ] as const) {
    let s: NextLearnerState | undefined;
    for (let i = 0; i < attemptsEach; i++) {
      const a = makeAttempt({
        id: `${prefix}-${String(i).padStart(3, '0')}`,
        learnerId: l.id,
        skillId: i % 2 ? 'add-within-20' : 'sub-within-20',
        difficulty: ((i % 3) + 1) as 1 | 2 | 3,
        timestamp: 1_700_000_000_000 + Math.floor(i / 3) * 1000, // ties on purpose
        correct: i % 4 !== 0,
        params: { a: i, b: 20 - i },
      });
      s = stateAfter(s, a);
      await attempts.record(a, s);
    }
  }
  const settings = new SettingsRepo(d);
  await settings.set('locale', 'zh-CN');
  await settings.set('lastLearnerId', ben.id);
  if (withModel) await new ModelRepo(d).put(modelRow(ana.id, T_STATE + 500));
  return { db: d, ana, ben, learners, attempts };
}

async function errorOf(p: Promise<unknown>): Promise<ValidationError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ValidationError);
  return e as ValidationError;
}

async function keyOf(p: Promise<unknown>): Promise<string> {
  return (await errorOf(p)).messageKey;
}

/** Re-signs an edited document, the way a deliberate editor could. */
async function resign(doc: Record<string, unknown>): Promise<string> {
  const { checksum: _c, ...payload } = doc;
  return JSON.stringify({ ...payload, checksum: await sha256Hex(canonicalJson(payload, 5000)) });
}

async function plainExport(d: LanternDB, extra: Partial<Parameters<typeof exportBackup>[1]> = {}) {
  return exportBackup(d, { now: EXPORTED_AT, appVersion: '0.1.0', ...extra });
}

describe('canonical JSON and crypto helpers', () => {
  it('sorts keys, drops undefined members and matches a golden SHA-256', async () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x', undefined], c: undefined, é: { z: 0, y: -1.5 } })).toBe(
      '{"a":[true,null,"x",null],"b":1,"é":{"y":-1.5,"z":0}}',
    );
    expect(await sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(() => canonicalJson({ x: Infinity })).toThrow(TypeError);
  });

  it('base64 round-trips and rejects non-canonical text', () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) % 256);
    const b64 = toBase64(bytes);
    expect(b64).toBe(Buffer.from(bytes).toString('base64'));
    expect(fromBase64(b64)).toEqual(bytes);
    for (const bad of ['abc', 'ab=c', 'a b=', '@@@@', 'AAA==', 'A===', 'AB=C', 'AAAAA', '=AAA']) {
      expect(fromBase64(bad)).toBeUndefined();
    }
    // Megabytes (an encrypted backup, model weights) decode rather than overflow the regex stack.
    const big = new Uint8Array(9_000_001).map((_, i) => i % 251);
    expect(Buffer.from(fromBase64(toBase64(big)) ?? []).equals(big)).toBe(true);
  });
});

describe('exportBackup', () => {
  it('writes a self-describing file: header first, PIN hashes, settings, checksum over canonical JSON', async () => {
    const { db, ana } = await sourceDevice(4);
    const text = await plainExport(db, { deviceId: 'tablet-7' });
    expect(text.startsWith('{"formatName":"lantern-backup","formatVersion":4,')).toBe(true);
    expect(looksLikeBackup(text)).toBe(true);
    const doc = JSON.parse(text) as Record<string, unknown> & {
      learners: LearnerRecord[];
      attempts: Attempt[];
    };
    expect(doc).toMatchObject({
      formatName: BACKUP_FORMAT_NAME,
      formatVersion: BACKUP_FORMAT_VERSION,
      exportedAt: EXPORTED_AT,
      appVersion: '0.1.0',
      deviceId: 'tablet-7',
      kind: 'device',
    });
    expect(doc.learners.find((l) => l.id === ana.id)?.pin).toEqual(ana.pin);
    expect(doc.settings).toEqual([
      { key: 'locale', value: 'zh-CN' },
      { key: 'lastLearnerId', value: 'learner-0002' },
    ]);
    const { checksum, ...payload } = doc;
    expect(checksum).toBe(await sha256Hex(canonicalJson(payload)));
    expect(doc.attempts).toHaveLength(8);
    // Format v4's members come last, present even when empty.
    expect(Object.keys(doc).slice(-3)).toEqual(['attempts', 'tutorQuestions', 'lessonViews']);
    expect([doc.tutorQuestions, doc.lessonViews]).toEqual([[], []]);
  });

  it('exports chosen learners only; kind follows the selection; settings only for a device', async () => {
    const { db, ana, ben } = await sourceDevice(3);
    const one = await parseBackup(await plainExport(db, { learnerIds: [ben.id] }));
    expect(one.kind).toBe('learner');
    expect(one.learners.map((l) => l.id)).toEqual([ben.id]);
    expect(new Set(one.attempts.map((a) => a.learnerId))).toEqual(new Set([ben.id]));
    expect(one.settings).toEqual([]);
    const both = await parseBackup(await plainExport(db, { learnerIds: [ben.id, ana.id] }));
    expect(both.kind).toBe('class');
    await expect(plainExport(db, { learnerIds: ['nobody'] })).rejects.toMatchObject({
      code: 'notFound',
      messageKey: 'learner.notFound',
    });
  });

  it('pages through attempts in (timestamp, id) order even when a page ends inside a run of equal timestamps', async () => {
    const { db } = await sourceDevice(20);
    const progress: number[] = [];
    const parsed = await parseBackup(
      await plainExport(db, { chunkSize: 2, onProgress: (p) => p.phase === 'read' && progress.push(p.done) }),
    );
    const stored = await db.attempts.toArray();
    expect(parsed.attempts).toHaveLength(stored.length);
    expect(new Set(parsed.attempts.map((a) => a.id)).size).toBe(stored.length);
    for (const id of ['learner-0001', 'learner-0002']) {
      const mine = parsed.attempts.filter((a) => a.learnerId === id);
      const sorted = [...mine].sort((x, y) => x.timestamp - y.timestamp || (x.id < y.id ? -1 : 1));
      expect(mine).toEqual(sorted);
    }
    expect(progress[0]).toBe(0);
    expect(progress.at(-1)).toBe(40);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('refuses a short passphrase', async () => {
    const { db } = await sourceDevice(1);
    expect(await keyOf(plainExport(db, { passphrase: 'short' }))).toBe('backup.passphraseTooShort');
  });
});

describe('round trip', () => {
  it('export → import into a fresh database gives identical records', async () => {
    const { db } = await sourceDevice();
    const parsed = await parseBackup(await plainExport(db));
    expect(parsed).toMatchObject({ fileVersion: 4, encrypted: false, kind: 'device' });
    const target = newDb();
    const phases = new Set<string>();
    const summary = await importBackup(target, parsed, {
      ...importOpts,
      applySettings: true,
      chunkSize: 5,
      onProgress: (p) => phases.add(p.phase),
    });
    expect(summary).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: 24,
      attemptsSkipped: 0,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    expect(await records(target)).toEqual(await records(db));
    expect([...phases]).toEqual(['learners', 'attempts', 'rebuild']);
  });

  it('encrypted: PBKDF2 600k by default, random salt and IV, and the same records back', async () => {
    const { db } = await sourceDevice(3);
    const text = await plainExport(db, { passphrase: PASS });
    const env = JSON.parse(text) as {
      formatName: string;
      kdf: { name: string; hash: string; iterations: number; salt: string };
      cipher: { name: string; iv: string };
      ciphertext: string;
    };
    expect(env.formatName).toBe('lantern-backup-encrypted');
    expect(env.kdf).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(fromBase64(env.kdf.salt)).toHaveLength(16);
    expect(fromBase64(env.cipher.iv)).toHaveLength(12);
    // No plaintext field survives (quoted keys cannot occur inside base64, unlike a short
    // nickname such as "Ana", which random ciphertext contains now and then).
    expect(text).not.toMatch(/"(nickname|learnerId|attempts|answer)"/);
    const parsed = await parseBackup(text, { passphrase: PASS });
    expect(parsed.encrypted).toBe(true);
    const target = newDb();
    await importBackup(target, parsed, { ...importOpts, applySettings: true });
    expect(await records(target)).toEqual(await records(db));
    const again = JSON.parse(await plainExport(db, { passphrase: PASS, ...FAST })) as typeof env;
    expect(again.kdf.salt).not.toBe(env.kdf.salt);
    expect(again.cipher.iv).not.toBe(env.cipher.iv);
  });

  it('a passphrase typed in another Unicode normalisation form still opens the file', async () => {
    const { db } = await sourceDevice(1);
    const text = await plainExport(db, { passphrase: 'cafe\u0301-lantern', ...FAST });
    await expect(parseBackup(text, { passphrase: 'caf\u00e9-lantern', ...FAST_PARSE })).resolves.toBeTruthy();
  });
});

describe('parseBackup rejects, with a specific message', () => {
  it('an encrypted file without a passphrase, a wrong passphrase, or a weakened KDF', async () => {
    const { db } = await sourceDevice(2);
    const text = await plainExport(db, { passphrase: PASS, ...FAST });
    expect(await keyOf(parseBackup(text))).toBe('backup.encryptedNeedsPassphrase');
    expect(await keyOf(parseBackup(text, { passphrase: 'wrong passphrase', ...FAST_PARSE }))).toBe(
      'backup.wrongPassphrase',
    );
    // 1,000 iterations is below the production floor: a crafted downgrade file is refused.
    expect(await keyOf(parseBackup(text, { passphrase: PASS }))).toBe('backup.weakEncryption');
  });

  it('a tampered ciphertext or header (flipped byte, swapped iteration count) reads as wrong passphrase; nothing is written', async () => {
    const { db } = await sourceDevice(2);
    const text = await plainExport(db, { passphrase: PASS, ...FAST });
    const env = JSON.parse(text) as { ciphertext: string; kdf: { iterations: number } };
    const ct = fromBase64(env.ciphertext) as Uint8Array<ArrayBuffer>;
    const target = newDb();
    const before = await dump(target);
    for (const at of [0, 40, ct.length - 1]) {
      const flipped = ct.slice();
      flipped[at] = (flipped[at] ?? 0) ^ 0x01;
      const bad = JSON.stringify({ ...env, ciphertext: toBase64(flipped) });
      expect(await keyOf(parseBackup(bad, { passphrase: PASS, ...FAST_PARSE }))).toBe(
        'backup.wrongPassphrase',
      );
    }
    const header = JSON.stringify({ ...env, kdf: { ...env.kdf, iterations: 1001 } });
    expect(await keyOf(parseBackup(header, { passphrase: PASS, ...FAST_PARSE }))).toBe(
      'backup.wrongPassphrase',
    );
    expect(await dump(target)).toEqual(before);
  });

  it('a truncated file, plain or encrypted', async () => {
    const { db } = await sourceDevice(3);
    const plain = await plainExport(db);
    const sealed = await plainExport(db, { passphrase: PASS, ...FAST });
    for (const text of [plain, sealed]) {
      for (const n of [60, Math.floor(text.length / 2), text.length - 1]) {
        expect(await keyOf(parseBackup(text.slice(0, n), { passphrase: PASS, ...FAST_PARSE }))).toBe(
          'backup.truncated',
        );
      }
    }
    const env = JSON.parse(sealed) as { ciphertext: string };
    const short = JSON.stringify({ ...env, ciphertext: env.ciphertext.slice(0, 8) });
    expect(await keyOf(parseBackup(short, { passphrase: PASS, ...FAST_PARSE }))).toBe('backup.truncated');
  });

  it('not JSON, or JSON that is not a Lantern backup', async () => {
    for (const t of ['', 'hello', '{"a":', '\u0000\u0001']) {
      expect(await keyOf(parseBackup(t))).toBe('backup.notJson');
    }
    for (const t of ['[]', '42', 'null', '"lantern-backup"', '{}', '{"formatName":"anki"}']) {
      expect(await keyOf(parseBackup(t))).toBe('backup.wrongFormat');
    }
  });

  it('an unknown or older version is the wrong format; a newer one asks to update Lantern', async () => {
    const { db } = await sourceDevice(1);
    const doc = JSON.parse(await plainExport(db)) as Record<string, unknown>;
    for (const v of [0, -1, 1.5, '1', null]) {
      expect(await keyOf(parseBackup(await resign({ ...doc, formatVersion: v })))).toBe('backup.wrongFormat');
    }
    // Refused before the checksum: a newer file may hash or shape its records differently.
    const e = await errorOf(parseBackup(JSON.stringify({ ...doc, formatVersion: 5, somethingNew: true })));
    expect(e.messageKey).toBe('backup.newerVersion');
    expect(e.params).toEqual({ version: 5, supported: 4 });
    const sealed = JSON.parse(await plainExport(db, { passphrase: PASS, ...FAST })) as Record<
      string,
      unknown
    >;
    expect(await keyOf(parseBackup(JSON.stringify({ ...sealed, formatVersion: 9 })))).toBe(
      'backup.newerVersion',
    );
  });

  it('a checksum mismatch: an edited value, a missing checksum, or a number JSON makes infinite', async () => {
    const { db } = await sourceDevice(2);
    const text = await plainExport(db);
    expect(await keyOf(parseBackup(text.replace('"hintsUsed":0', '"hintsUsed":1')))).toBe('backup.checksum');
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(await keyOf(parseBackup(JSON.stringify({ ...doc, checksum: undefined })))).toBe('backup.checksum');
    expect(await keyOf(parseBackup(JSON.stringify({ ...doc, checksum: 'ABC' })))).toBe('backup.checksum');
    expect(await keyOf(parseBackup(text.replace('"responseMs":4200', '"responseMs":1e999')))).toBe(
      'backup.checksum',
    );
  });

  it('too many attempts, before hashing anything', async () => {
    const doc = { formatName: 'lantern-backup', formatVersion: 1, checksum: '0'.repeat(64), learners: [] };
    const attempts = new Array<number>(2_000_001).fill(0);
    expect(await keyOf(parseBackup(JSON.stringify({ ...doc, attempts })))).toBe('backup.tooLarge');
  });

  // Each case edits a valid document and re-signs it (as a deliberate editor could), so the
  // record checks — not the checksum — must catch it.
  type Doc = { learners: Record<string, unknown>[]; attempts: Record<string, unknown>[] } & Record<
    string,
    unknown
  > & { learnerState: Record<string, unknown>[]; models: Record<string, unknown>[] };
  const cases: [string, (d: Doc) => void, { section: string; index: number; field: string }][] = [
    [
      'difficulty 4',
      (d) => void (d.attempts[1]!.difficulty = 4),
      { section: 'attempts', index: 1, field: 'difficulty' },
    ],
    [
      'correct as a string',
      (d) => void (d.attempts[0]!.correct = 'yes'),
      { section: 'attempts', index: 0, field: 'correct' },
    ],
    [
      'missing timestamp',
      (d) => void delete d.attempts[2]!.timestamp,
      { section: 'attempts', index: 2, field: 'timestamp' },
    ],
    ['empty id', (d) => void (d.attempts[0]!.id = ''), { section: 'attempts', index: 0, field: 'id' }],
    [
      'duplicate attempt id',
      (d) => void (d.attempts[3]!.id = d.attempts[0]!.id),
      { section: 'attempts', index: 3, field: 'id' },
    ],
    [
      'learner not in file',
      (d) => void (d.attempts[1]!.learnerId = 'ghost'),
      { section: 'attempts', index: 1, field: 'learnerId' },
    ],
    [
      'negative hints',
      (d) => void (d.attempts[0]!.hintsUsed = -1),
      { section: 'attempts', index: 0, field: 'hintsUsed' },
    ],
    [
      'fractional seed',
      (d) => void (d.attempts[0]!.seed = 1.5),
      { section: 'attempts', index: 0, field: 'seed' },
    ],
    [
      'huge timestamp',
      (d) => void (d.attempts[0]!.timestamp = 1e300),
      { section: 'attempts', index: 0, field: 'timestamp' },
    ],
    [
      'param as string',
      (d) => void (d.attempts[0]!.params = { a: '1' }),
      { section: 'attempts', index: 0, field: 'params' },
    ],
    [
      'answer too long',
      (d) => void (d.attempts[0]!.answer = 'x'.repeat(1001)),
      { section: 'attempts', index: 0, field: 'answer' },
    ],
    [
      'unknown field',
      (d) => void (d.attempts[0]!.extra = 1),
      { section: 'attempts', index: 0, field: 'extra' },
    ],
    // Format v3: an imported question's partial credit and key.
    [
      'score 0 (no credit is no score)',
      (d) => void (d.attempts[0]!.score = 0),
      { section: 'attempts', index: 0, field: 'score' },
    ],
    [
      'score 1 (full credit is `correct`)',
      (d) => void (d.attempts[1]!.score = 1),
      { section: 'attempts', index: 1, field: 'score' },
    ],
    [
      'score as a string',
      (d) => void (d.attempts[0]!.score = '0.5'),
      { section: 'attempts', index: 0, field: 'score' },
    ],
    [
      'questionKey empty',
      (d) => void (d.attempts[2]!.questionKey = ''),
      { section: 'attempts', index: 2, field: 'questionKey' },
    ],
    [
      'questionKey too long',
      (d) => void (d.attempts[0]!.questionKey = 'g'.repeat(65)),
      { section: 'attempts', index: 0, field: 'questionKey' },
    ],
    [
      'questionKey a number',
      (d) => void (d.attempts[0]!.questionKey = 12345),
      { section: 'attempts', index: 0, field: 'questionKey' },
    ],
    [
      'attempt is an array',
      (d) => void (d.attempts[0] = [] as never),
      { section: 'attempts', index: 0, field: '(record)' },
    ],
    [
      'nickname too long',
      (d) => void (d.learners[0]!.nickname = 'n'.repeat(25)),
      { section: 'learners', index: 0, field: 'nickname' },
    ],
    [
      'nickname blank',
      (d) => void (d.learners[1]!.nickname = '  '),
      { section: 'learners', index: 1, field: 'nickname' },
    ],
    [
      'bad PIN hash',
      (d) => void (d.learners[0]!.pin = { salt: 'zz', hash: '00', iterations: 1 }),
      { section: 'learners', index: 0, field: 'pin' },
    ],
    [
      'duplicate learner',
      (d) => void (d.learners[1]!.id = d.learners[0]!.id),
      { section: 'learners', index: 1, field: 'id' },
    ],
    [
      'state for unknown learner',
      (d) => void (d.learnerState[0]!.learnerId = 'ghost'),
      { section: 'learnerState', index: 0, field: 'learnerId' },
    ],
    [
      'practice correct > attempts',
      (d) => void (d.learnerState[0]!.practice = { s: { attempts: 1, correct: 2, lastPracticed: 0 } }),
      { section: 'learnerState', index: 0, field: 'practice' },
    ],
    [
      'model nested too deep',
      (d) => void (d.learnerState[0]!.model = nest(40)),
      { section: 'learnerState', index: 0, field: 'model' },
    ],
    [
      'any value nested absurdly deep',
      (d) => void (d.learnerState[0]!.model = nest(1000)),
      { section: 'file', index: 0, field: 'nesting' },
    ],
    [
      'unknown setting',
      (d) => void (d.settings = [{ key: 'admin', value: 'yes' }]),
      { section: 'settings', index: 0, field: 'key' },
    ],
    ['unknown top-level field', (d) => void (d.extra = 1), { section: 'file', index: 0, field: 'extra' }],
    ['kind not a kind', (d) => void (d.kind = 'everything'), { section: 'file', index: 0, field: 'kind' }],
    [
      'attempts not an array',
      (d) => void (d.attempts = {} as never),
      { section: 'file', index: 0, field: 'attempts' },
    ],
    // Format v2: models.
    [
      'model of a learner not in the file',
      (d) => void (d.models[0]!.learnerId = 'ghost'),
      { section: 'models', index: 0, field: 'learnerId' },
    ],
    [
      'two models for one learner',
      (d) => void d.models.push({ ...d.models[0]!, trainedAt: 1 }),
      { section: 'models', index: 1, field: 'learnerId' },
    ],
    [
      'unknown model record version',
      (d) => void (d.models[0]!.recordVersion = 2),
      { section: 'models', index: 0, field: 'recordVersion' },
    ],
    [
      'descriptor not an object',
      (d) => void (d.models[0]!.descriptor = [1, 2]),
      { section: 'models', index: 0, field: 'descriptor' },
    ],
    [
      'descriptor nested too deep',
      (d) => void (d.models[0]!.descriptor = nest(40)),
      { section: 'models', index: 0, field: 'descriptor' },
    ],
    [
      'weights not base64',
      (d) => void (d.models[0]!.weights = 'not base64!'),
      { section: 'models', index: 0, field: 'weights' },
    ],
    [
      'weights without padding',
      (d) => void (d.models[0]!.weights = 'AAA'),
      { section: 'models', index: 0, field: 'weights' },
    ],
    [
      'weights empty',
      (d) => void (d.models[0]!.weights = ''),
      { section: 'models', index: 0, field: 'weights' },
    ],
    [
      'weights as an array of bytes',
      (d) => void (d.models[0]!.weights = [1, 2, 3]),
      { section: 'models', index: 0, field: 'weights' },
    ],
    [
      'metrics nested',
      (d) => void (d.models[0]!.metrics = { loss: { before: 1 } }),
      { section: 'models', index: 0, field: 'metrics' },
    ],
    [
      'metric text too long',
      (d) => void (d.models[0]!.metrics = { reason: 'x'.repeat(257) }),
      { section: 'models', index: 0, field: 'metrics' },
    ],
    [
      'too many metrics',
      (d) =>
        void (d.models[0]!.metrics = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`m${i}`, i]))),
      { section: 'models', index: 0, field: 'metrics' },
    ],
    [
      'negative trainedAt',
      (d) => void (d.models[0]!.trainedAt = -1),
      { section: 'models', index: 0, field: 'trainedAt' },
    ],
    [
      'fractional attemptCount',
      (d) => void (d.models[0]!.attemptCount = 1.5),
      { section: 'models', index: 0, field: 'attemptCount' },
    ],
    [
      'unknown model field',
      (d) => void (d.models[0]!.optimiser = 'adam'),
      { section: 'models', index: 0, field: 'optimiser' },
    ],
    [
      'model is a string',
      (d) => void (d.models[0] = 'weights' as never),
      { section: 'models', index: 0, field: '(record)' },
    ],
    [
      'models missing',
      (d) => void delete (d as Record<string, unknown>).models,
      { section: 'file', index: 0, field: 'models' },
    ],
    [
      'models not an array',
      (d) => void (d.models = {} as never),
      { section: 'file', index: 0, field: 'models' },
    ],
    [
      'a class file carrying weights',
      (d) => void (d.kind = 'class'),
      { section: 'file', index: 0, field: 'models' },
    ],
  ];

  it.each(cases)('an invalid record: %s', async (_name, edit, where) => {
    const { db } = await sourceDevice(3, true);
    const doc = JSON.parse(await plainExport(db)) as Doc;
    edit(doc);
    const e = await errorOf(parseBackup(await resign(doc)));
    expect(e.messageKey).toBe('backup.invalidRecord');
    expect(e.params).toEqual({ ...where, number: where.index + 1 });
  });

  it('prototype-pollution keys anywhere (record, params, model, practice, descriptor, metrics)', async () => {
    const { db } = await sourceDevice(2, true);
    const text = await plainExport(db);
    const edits: [string, string, string][] = [
      ['"answer":', '"__proto__":{"polluted":1},"answer":', 'attempts'],
      ['"params":{', '"params":{"__proto__":1,', 'attempts'],
      ['"model":{', '"model":{"constructor":{"prototype":{"polluted":1}},', 'learnerState'],
      [
        '"practice":{',
        '"practice":{"__proto__":{"attempts":1,"correct":1,"lastPracticed":1},',
        'learnerState',
      ],
      ['"nickname":', '"prototype":1,"nickname":', 'learners'],
      ['"descriptor":{', '"descriptor":{"__proto__":{"polluted":1},', 'models'],
      ['"config":{', '"config":{"constructor":{"prototype":{"polluted":1}},', 'models'],
      ['"metrics":{', '"metrics":{"__proto__":1,', 'models'],
    ];
    for (const [find, replace, section] of edits) {
      const doc = JSON.parse(text.replace(find, replace)) as Record<string, unknown>;
      const e = await errorOf(parseBackup(await resign(doc)));
      expect(e.messageKey).toBe('backup.invalidRecord');
      expect(e.params.section).toBe(section);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

function nest(depth: number): unknown {
  let v: unknown = 0;
  for (let i = 0; i < depth; i++) v = { v };
  return v;
}

describe('format v1 files (upgrade to v2)', () => {
  type V1Doc = Record<string, unknown> & { learners: LearnerRecord[]; attempts: Attempt[] };
  const v1 = JSON.parse(BACKUP_V1_FILE) as V1Doc;

  it('a real v1 file (fixture) still imports: it reads as v2 with no models', async () => {
    expect(v1.formatVersion).toBe(1);
    expect(v1).not.toHaveProperty('models');
    const parsed = await parseBackup(BACKUP_V1_FILE);
    expect(parsed).toMatchObject({ fileVersion: 1, encrypted: false, kind: 'device', deviceId: 'tablet-3' });
    expect(parsed.models).toEqual([]);
    expect(parsed.learners).toEqual(v1.learners);
    expect(parsed.attempts).toEqual(v1.attempts);
    expect(parsed.settings).toEqual(v1.settings);

    const target = newDb();
    expect(await importBackup(target, parsed, { ...importOpts, applySettings: true })).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: 10,
      attemptsSkipped: 0,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    expect(await target.learners.toArray()).toEqual([...v1.learners].sort(byId));
    expect(await target.attempts.toArray()).toEqual([...v1.attempts].sort(byId));
    expect(await target.models.count()).toBe(0);
    expect(await new SettingsRepo(target).get('locale')).toBe('zh-CN');

    // Written again, it is a file of the current version with the same records.
    const again = await parseBackup(await plainExport(target));
    expect(again).toMatchObject({ fileVersion: BACKUP_FORMAT_VERSION, models: [] });
    expect(again.learners).toEqual(parsed.learners);
    expect(again.attempts).toEqual(parsed.attempts);
  });

  it('a v1 file is checked against its own checksum, and one naming `models` is refused', async () => {
    expect(await keyOf(parseBackup(BACKUP_V1_FILE.replace('"answer":"7"', '"answer":"8"')))).toBe(
      'backup.checksum',
    );
    const e = await errorOf(parseBackup(await resign({ ...v1, models: [] })));
    expect(e.messageKey).toBe('backup.invalidRecord');
    expect(e.params).toMatchObject({ section: 'file', field: 'models' });
  });
});

describe('format v2 files (upgrade to v3)', () => {
  type V2Doc = Record<string, unknown> & {
    learners: LearnerRecord[];
    attempts: Record<string, unknown>[];
    models: Record<string, unknown>[];
  };
  const v2 = (): V2Doc => JSON.parse(BACKUP_V2_FILE) as V2Doc;

  it('a real v2 file (fixture) restores: checksum verified, every record read back through the repositories', async () => {
    const doc = v2();
    expect(doc.formatVersion).toBe(2);
    expect(await keyOf(parseBackup(BACKUP_V2_FILE.replace('"answer":"29/21"', '"answer":"29/22"')))).toBe(
      'backup.checksum',
    );
    const parsed = await parseBackup(BACKUP_V2_FILE);
    expect(parsed).toMatchObject({ fileVersion: 2, encrypted: false, kind: 'device', deviceId: 'tablet-7' });
    expect(parsed.learners).toEqual(doc.learners);
    expect(parsed.attempts).toEqual(doc.attempts);
    expect(parsed.settings).toEqual(doc.settings);
    expect(parsed.models).toHaveLength(1);

    const target = newDb();
    expect(await importBackup(target, parsed, { ...importOpts, applySettings: true })).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: 12,
      attemptsSkipped: 0,
      modelsWritten: 1,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const learners = new LearnerRepo(target);
    const attempts = new AttemptRepo(target);
    const states = new LearnerStateRepo(target);
    const byTime = (a: Record<string, unknown>, b: Record<string, unknown>) =>
      (a.timestamp as number) - (b.timestamp as number);
    for (const l of doc.learners) {
      expect(await learners.get(l.id)).toEqual(l);
      const mine = doc.attempts.filter((a) => a.learnerId === l.id).sort(byTime);
      expect(await attempts.listForLearner(l.id)).toEqual(mine);
      expect((await states.get(l.id))?.attemptCount).toBe(mine.length);
    }
    // The PIN lock travelled with its learner, and works here.
    const lucia = doc.learners.find((l) => l.nickname === 'Lucía') as LearnerRecord;
    expect(await learners.verifyPin(lucia.id, '2468')).toBe(true);
    expect(await learners.verifyPin(lucia.id, '1357')).toBe(false);
    expect(doc.learners.map((l) => l.nickname)).toContain('王芳');
    const model = (await new ModelRepo(target).get(lucia.id)) as ModelRecord;
    const { weights, ...rest } = doc.models[0] as Record<string, unknown> & { weights: string };
    expect(comparable(model)).toEqual({ ...rest, weights });
    expect(new Uint8Array(model.weights)).toEqual(fromBase64(weights));
    expect(await new SettingsRepo(target).get('locale')).toBe('zh-CN');

    // Written again, it is a file of the current version with the same records.
    const again = await parseBackup(await plainExport(target));
    expect(again.fileVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(again.learners).toEqual(parsed.learners);
    expect(again.attempts).toEqual(parsed.attempts);
    expect(again.models.map(comparable)).toEqual(parsed.models.map(comparable));
  });

  it('v1 → v2 → v3 step by step gives what the straight upgrade gives', async () => {
    const up1 = UPGRADES[1]!;
    const up2 = UPGRADES[2]!;
    const { checksum: _c, ...v1 } = JSON.parse(BACKUP_V1_FILE) as Record<string, unknown>;
    const asV2 = up1(v1);
    expect(asV2).toEqual({ ...v1, formatVersion: 2, models: [] });
    const asV3 = up2(asV2);
    expect(asV3).toEqual({ ...asV2, formatVersion: 3 });
    const { checksum: _c2, ...fixtureV2 } = v2();
    expect(up2(fixtureV2)).toEqual({ ...fixtureV2, formatVersion: 3 });

    // Each step, written out as a file of its version, reads as the same records.
    const straight = await parseBackup(BACKUP_V1_FILE);
    const viaV2 = await parseBackup(await resign(asV2));
    const viaV3 = await parseBackup(await resign(asV3));
    expect([straight.fileVersion, viaV2.fileVersion, viaV3.fileVersion]).toEqual([1, 2, 3]);
    const body = ({ fileVersion: _v, ...b }: ParsedBackup) => b;
    expect(body(viaV2)).toEqual(body(straight));
    expect(body(viaV3)).toEqual(body(straight));
  });

  it('a v2 (or v1) file claiming `score` or `questionKey` is refused as an invalid record', async () => {
    for (const [field, value] of [
      ['score', 0.5],
      ['questionKey', 'g0123456789abcd'],
    ] as const) {
      const doc = v2();
      doc.attempts[3] = { ...doc.attempts[3], [field]: value };
      const e = await errorOf(parseBackup(await resign(doc)));
      expect(e.messageKey).toBe('backup.invalidRecord');
      expect(e.params).toEqual({ section: 'attempts', index: 3, number: 4, field });
      // The same attempt in a v3 file is fine.
      const v3 = await parseBackup(await resign({ ...doc, formatVersion: 3 }));
      expect(v3.attempts[3]).toMatchObject({ [field]: value });
    }
    const v1 = JSON.parse(BACKUP_V1_FILE) as V2Doc;
    v1.attempts[0] = { ...v1.attempts[0], score: 0.25 };
    const e = await errorOf(parseBackup(await resign(v1)));
    expect(e.params).toEqual({ section: 'attempts', index: 0, number: 1, field: 'score' });
  });
});

describe('format v3 files (upgrade to v4)', () => {
  type V3Doc = Record<string, unknown> & {
    learners: LearnerRecord[];
    learnerState: Record<string, unknown>[];
    attempts: Attempt[];
    models: Record<string, unknown>[];
    settings: Record<string, unknown>[];
  };
  const v3 = (): V3Doc => JSON.parse(BACKUP_V3_FILE) as V3Doc;
  const body = ({ fileVersion: _v, ...b }: ParsedBackup) => b;

  it('a real v3 file (fixture) restores: checksum verified, every record read back through the repositories', async () => {
    const doc = v3();
    expect(doc.formatVersion).toBe(3);
    expect(doc).not.toHaveProperty('tutorQuestions');
    expect(doc).not.toHaveProperty('lessonViews');
    expect(
      await keyOf(parseBackup(BACKUP_V3_FILE.replace('"deviceId":"tablet-7"', '"deviceId":"tablet-8"'))),
    ).toBe('backup.checksum');
    const parsed = await parseBackup(BACKUP_V3_FILE);
    expect(parsed).toMatchObject({ fileVersion: 3, encrypted: false, kind: 'device', deviceId: 'tablet-7' });
    expect(parsed.learners).toEqual(doc.learners);
    expect(parsed.attempts).toEqual(doc.attempts);
    expect(parsed.learnerState).toEqual(doc.learnerState);
    expect(parsed.settings).toEqual(doc.settings);
    expect(parsed.models).toHaveLength(1);
    expect([parsed.tutorQuestions, parsed.lessonViews]).toEqual([[], []]);
    // The fixture holds what v3 added: attempts at imported questions, some with partial credit.
    const scored = doc.attempts.filter((a) => a.score !== undefined);
    expect(scored.length).toBeGreaterThan(0);
    expect(scored.every((a) => a.score! > 0 && a.score! < 1 && a.questionKey !== undefined)).toBe(true);
    expect(doc.attempts.filter((a) => a.questionKey !== undefined).length).toBeGreaterThan(scored.length);

    const target = newDb();
    expect(await importBackup(target, parsed, { ...importOpts, applySettings: true })).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: doc.attempts.length,
      attemptsSkipped: 0,
      modelsWritten: 1,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const learners = new LearnerRepo(target);
    const attempts = new AttemptRepo(target);
    const states = new LearnerStateRepo(target);
    for (const l of doc.learners) {
      expect(await learners.get(l.id)).toEqual(l);
      const mine = doc.attempts.filter((a) => a.learnerId === l.id);
      expect(await attempts.listForLearner(l.id)).toEqual(mine);
      expect((await states.get(l.id))?.attemptCount).toBe(mine.length);
    }
    expect(await target.attempts.bulkGet(scored.map((a) => a.id))).toEqual(scored);
    // The PIN lock travelled with its learner, and works here.
    const lucia = doc.learners.find((l) => l.nickname === 'Lucía') as LearnerRecord;
    expect(await learners.verifyPin(lucia.id, '2468')).toBe(true);
    expect(doc.learners.map((l) => l.nickname)).toContain('王芳');
    const model = (await new ModelRepo(target).get(lucia.id)) as ModelRecord;
    const { weights, ...rest } = doc.models[0] as Record<string, unknown> & { weights: string };
    expect(comparable(model)).toEqual({ ...rest, weights });
    expect(await new SettingsRepo(target).get('locale')).toBe('zh-CN');
    expect(await target.tutorQuestions.count()).toBe(0);
    expect(await target.lessonViews.count()).toBe(0);

    // Written again, it is a file of the current version with the same records.
    const again = await parseBackup(await plainExport(target));
    expect(again.fileVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(again.learners).toEqual(parsed.learners);
    expect(again.attempts).toEqual(parsed.attempts);
    expect(again.models.map(comparable)).toEqual(parsed.models.map(comparable));
  });

  it('v1 → v2 → v3 → v4 step by step gives what the straight upgrade gives', async () => {
    const [up1, up2, up3] = [UPGRADES[1]!, UPGRADES[2]!, UPGRADES[3]!];
    const { checksum: _c, ...v1 } = JSON.parse(BACKUP_V1_FILE) as Record<string, unknown>;
    const asV2 = up1(v1);
    const asV3 = up2(asV2);
    const asV4 = up3(asV3);
    expect(asV4).toEqual({ ...asV3, formatVersion: 4, tutorQuestions: [], lessonViews: [] });
    const { checksum: _c3, ...fixtureV3 } = v3();
    expect(up3(fixtureV3)).toEqual({ ...fixtureV3, formatVersion: 4, tutorQuestions: [], lessonViews: [] });

    // Each step, written out as a file of its version, reads as the same records.
    const straight = await parseBackup(BACKUP_V1_FILE);
    const steps = [
      straight,
      ...(await Promise.all([asV2, asV3, asV4].map(async (d) => parseBackup(await resign(d))))),
    ];
    expect(steps.map((p) => p.fileVersion)).toEqual([1, 2, 3, 4]);
    for (const p of steps) expect(body(p)).toEqual(body(straight));

    // The v2 and v3 fixtures too: straight, or upgraded a step at a time and re-signed.
    const { checksum: _c2, ...fixtureV2 } = JSON.parse(BACKUP_V2_FILE) as Record<string, unknown>;
    for (const [text, stepped] of [
      [BACKUP_V2_FILE, up3(up2(fixtureV2))],
      [BACKUP_V3_FILE, up3(fixtureV3)],
    ] as const) {
      const direct = await parseBackup(text);
      const viaV4 = await parseBackup(await resign(stepped));
      expect(viaV4.fileVersion).toBe(4);
      expect(body(viaV4)).toEqual(body(direct));
    }
  });

  it('a v3 (or older) file naming `tutorQuestions` or `lessonViews` is refused as an invalid record', async () => {
    const question = {
      id: 'tq-1',
      recordVersion: 1,
      learnerId: v3().learners[0]!.id,
      askedAt: 1_778_000_000_000,
      kind: 'why-wrong',
      itemId: 'divFacts~3~1580370125',
    };
    for (const [member, value] of [
      ['tutorQuestions', []],
      ['tutorQuestions', [question]],
      ['lessonViews', []],
    ] as const) {
      const e = await errorOf(parseBackup(await resign({ ...v3(), [member]: value })));
      expect(e.messageKey).toBe('backup.invalidRecord');
      expect(e.params).toEqual({ section: 'file', index: 0, number: 1, field: member });
    }
    const { checksum: _c, ...v1 } = JSON.parse(BACKUP_V1_FILE) as Record<string, unknown>;
    const e = await errorOf(parseBackup(await resign({ ...v1, lessonViews: [] })));
    expect(e.params).toMatchObject({ section: 'file', field: 'lessonViews' });
    // The same members in a v4 file are fine.
    const v4 = await parseBackup(
      await resign({ ...v3(), formatVersion: 4, tutorQuestions: [question], lessonViews: [] }),
    );
    expect(v4.tutorQuestions).toEqual([question]);
  });

  it('a v5 file, plain or inside an encrypted envelope, is refused as made by a newer Lantern', async () => {
    const doc = { ...v3(), formatVersion: 5, tutorQuestions: [], lessonViews: [] };
    for (const text of [JSON.stringify(doc), await resign(doc)]) {
      const e = await errorOf(parseBackup(text));
      expect(e.messageKey).toBe('backup.newerVersion');
      expect(e.params).toEqual({ version: 5, supported: 4 });
    }
    const sealed = await encrypt(await resign(doc), PASS, 1000);
    const e = await errorOf(parseBackup(sealed, { passphrase: PASS, ...FAST_PARSE }));
    expect(e.messageKey).toBe('backup.newerVersion');
    expect(backupMessagesEn['backup.newerVersion']).toMatch(/newer version of Lantern/);
  });
});

describe('tutor questions and lesson views (format v4)', () => {
  const T_ASK = 1_700_000_500_000;

  /** Ana asked the tutor twice (once typing a question) and opened two lesson cards; Ben asked once and opened one. */
  async function withNotes() {
    const dev = await sourceDevice(3);
    const questions = new TutorQuestionRepo(dev.db);
    const views = new LessonViewRepo(dev.db);
    const { ana, ben } = dev;
    const asked = [
      // Added out of time order, and with a tie: the file keeps each learner's in (time, id) order.
      await questions.add({
        id: 'tq-3',
        learnerId: ana.id,
        askedAt: T_ASK + 2000,
        kind: 'free',
        itemId: 'sub-within-20~2~42',
        question: '为什么要借位？ Why do I borrow?',
      }),
      await questions.add({
        id: 'tq-1',
        learnerId: ana.id,
        askedAt: T_ASK,
        kind: 'why-wrong',
        itemId: 'add-within-20~1~42',
      }),
      await questions.add({
        id: 'tq-2',
        learnerId: ben.id,
        askedAt: T_ASK,
        kind: 'explain-step',
        itemId: 'add-within-20~3~7',
      }),
    ];
    const opened = [
      await views.add({
        id: 'lv-2',
        learnerId: ana.id,
        skillId: 'sub-within-20',
        why: 'recommended',
        openedAt: T_ASK + 5,
      }),
      await views.add({
        id: 'lv-1',
        learnerId: ana.id,
        skillId: 'add-within-20',
        why: 'first',
        openedAt: T_ASK + 5,
      }),
      await views.add({
        id: 'lv-3',
        learnerId: ben.id,
        skillId: 'add-within-20',
        why: 'reopened',
        openedAt: T_ASK,
      }),
    ];
    return { ...dev, asked, opened };
  }

  const byId = <T extends { id: string }>(rows: readonly T[], ...ids: string[]) =>
    ids.map((id) => rows.find((r) => r.id === id));

  it('export → parse → restore gives the same rows, in time order by learner', async () => {
    const { db, ana, ben, asked, opened } = await withNotes();
    const text = await plainExport(db);
    const doc = JSON.parse(text) as {
      formatVersion: number;
      tutorQuestions: unknown[];
      lessonViews: unknown[];
    };
    expect(doc.formatVersion).toBe(4);
    // Learners in id order (Ana, then Ben), each one's rows by time, ties by id.
    const wantQ = byId(asked, 'tq-1', 'tq-3', 'tq-2');
    const wantV = byId(opened, 'lv-1', 'lv-2', 'lv-3');
    expect(doc.tutorQuestions).toEqual(wantQ);
    expect(doc.lessonViews).toEqual(wantV);
    const parsed = await parseBackup(text);
    expect(parsed.tutorQuestions).toEqual(wantQ);
    expect(parsed.lessonViews).toEqual(wantV);

    const target = newDb();
    const summary = await importBackup(target, parsed, { ...importOpts, applySettings: true });
    expect(summary).toMatchObject({ learnersAdded: 2, tutorQuestionsAdded: 3, lessonViewsAdded: 3 });
    expect(await records(target)).toEqual(await records(db));
    for (const l of [ana, ben]) {
      expect(await new TutorQuestionRepo(target).listForLearner(l.id)).toEqual(
        await new TutorQuestionRepo(db).listForLearner(l.id),
      );
      expect(await new LessonViewRepo(target).listForLearner(l.id)).toEqual(
        await new LessonViewRepo(db).listForLearner(l.id),
      );
    }
  });

  it('an encrypted v4 backup round-trips them too, and the typed question is not readable in the file', async () => {
    const { db } = await withNotes();
    const text = await plainExport(db, { passphrase: PASS, ...FAST });
    expect(text).not.toMatch(/借位|borrow|"tutorQuestions"|"lessonViews"/);
    const parsed = await parseBackup(text, { passphrase: PASS, ...FAST_PARSE });
    expect(parsed).toMatchObject({ fileVersion: 4, encrypted: true });
    expect(parsed.tutorQuestions).toHaveLength(3);
    const target = newDb();
    await importBackup(target, parsed, { ...importOpts, applySettings: true });
    expect(await records(target)).toEqual(await records(db));
  });

  it("a learner's own backup carries only that learner's rows", async () => {
    const { db, ben } = await withNotes();
    const parsed = await parseBackup(await plainExport(db, { learnerIds: [ben.id] }));
    expect(parsed.kind).toBe('learner');
    expect(parsed.tutorQuestions.map((q) => q.id)).toEqual(['tq-2']);
    expect(parsed.lessonViews.map((v) => v.id)).toEqual(['lv-3']);
  });

  it("a teacher's class file carries them; merging it adds them once, and a second merge adds nothing", async () => {
    const { db, ana, ben, asked } = await withNotes();
    const text = await plainExport(db, { learnerIds: [ana.id, ben.id], kind: 'class' });
    const parsed = await parseBackup(text);
    expect(parsed).toMatchObject({ kind: 'class', models: [] });
    expect(parsed.tutorQuestions).toHaveLength(3);
    expect(parsed.lessonViews).toHaveLength(3);
    const target = newDb();
    // The teacher's tablet already has Ana and one of her questions from an earlier merge.
    await target.learners.add({ ...ana, lastActiveAt: 0 });
    await target.tutorQuestions.add(asked[1]!);
    const first = await importBackup(target, parsed, importOpts);
    expect(first).toMatchObject({ learnersAdded: 1, tutorQuestionsAdded: 2, lessonViewsAdded: 3 });
    expect(await records(target)).toMatchObject({
      tutorQuestions: (await records(db)).tutorQuestions,
      lessonViews: (await records(db)).lessonViews,
    });
    const after1 = await dump(target);
    const second = await importBackup(target, await parseBackup(text), { ...importOpts, now: T_STATE + 1 });
    expect(second).toMatchObject({ attemptsAdded: 0, tutorQuestionsAdded: 0, lessonViewsAdded: 0 });
    expect(await dump(target)).toEqual(after1);
  });

  it('a failure writing them leaves the database exactly as before', async () => {
    const { db } = await withNotes();
    const parsed = await parseBackup(await plainExport(db));
    const target = newDb();
    const before = await dump(target);
    vi.spyOn(target.lessonViews, 'bulkAdd').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(importBackup(target, parsed, importOpts)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await dump(target)).toEqual(before);
  });

  type Doc = Record<string, unknown> & {
    tutorQuestions: Record<string, unknown>[];
    lessonViews: Record<string, unknown>[];
  };
  const cases: [string, (d: Doc) => void, { section: string; index: number; field: string }][] = [
    [
      'a question for a learner not in the file',
      (d) => (d.tutorQuestions[1]!.learnerId = 'nobody'),
      { section: 'tutorQuestions', index: 1, field: 'learnerId' },
    ],
    [
      'a lesson view for a learner not in the file',
      (d) => (d.lessonViews[2]!.learnerId = 'nobody'),
      { section: 'lessonViews', index: 2, field: 'learnerId' },
    ],
    [
      'a duplicate question id',
      (d) => (d.tutorQuestions[2]!.id = 'tq-1'),
      { section: 'tutorQuestions', index: 2, field: 'id' },
    ],
    [
      'a duplicate lesson view id',
      (d) => d.lessonViews.push({ ...d.lessonViews[0] }),
      { section: 'lessonViews', index: 3, field: 'id' },
    ],
    [
      'an unknown ask kind',
      (d) => (d.tutorQuestions[0]!.kind = 'chat'),
      { section: 'tutorQuestions', index: 0, field: 'kind' },
    ],
    [
      'an unknown reason for opening',
      (d) => (d.lessonViews[0]!.why = 'bored'),
      { section: 'lessonViews', index: 0, field: 'why' },
    ],
    [
      'a question over 500 characters',
      (d) => (d.tutorQuestions[1]!.question = 'x'.repeat(501)),
      { section: 'tutorQuestions', index: 1, field: 'question' },
    ],
    [
      'a question that is not text',
      (d) => (d.tutorQuestions[1]!.question = 42),
      { section: 'tutorQuestions', index: 1, field: 'question' },
    ],
    [
      'an empty item id',
      (d) => (d.tutorQuestions[0]!.itemId = ''),
      { section: 'tutorQuestions', index: 0, field: 'itemId' },
    ],
    [
      'a negative time',
      (d) => (d.tutorQuestions[0]!.askedAt = -1),
      { section: 'tutorQuestions', index: 0, field: 'askedAt' },
    ],
    [
      'a time past the Date range',
      (d) => (d.lessonViews[1]!.openedAt = 8.64e15 + 1),
      { section: 'lessonViews', index: 1, field: 'openedAt' },
    ],
    [
      'a record version this build does not know',
      (d) => (d.lessonViews[0]!.recordVersion = 2),
      { section: 'lessonViews', index: 0, field: 'recordVersion' },
    ],
    [
      'an unknown field',
      (d) => (d.tutorQuestions[0]!.answer = 'secret'),
      { section: 'tutorQuestions', index: 0, field: 'answer' },
    ],
    [
      'a record that is not an object',
      (d) => (d.lessonViews[0] = ['lv-1'] as never),
      { section: 'lessonViews', index: 0, field: '(record)' },
    ],
    [
      'a missing skill',
      (d) => delete d.lessonViews[0]!.skillId,
      { section: 'lessonViews', index: 0, field: 'skillId' },
    ],
    [
      'a member that is not a list',
      (d) => (d.tutorQuestions = {} as never),
      { section: 'file', index: 0, field: 'tutorQuestions' },
    ],
    [
      'a v4 file without the member',
      (d) => delete (d as Record<string, unknown>).lessonViews,
      { section: 'file', index: 0, field: 'lessonViews' },
    ],
  ];
  it.each(cases)('refuses %s, naming the record and field', async (_name, edit, where) => {
    const { db } = await withNotes();
    const doc = JSON.parse(await plainExport(db)) as Doc;
    edit(doc);
    const e = await errorOf(parseBackup(await resign(doc)));
    expect(e.messageKey).toBe('backup.invalidRecord');
    expect(e.params).toEqual({ ...where, number: where.index + 1 });
  });

  it("a learner's backup naming another learner of this device is refused", async () => {
    const { db, ana, ben } = await withNotes();
    const doc = JSON.parse(await plainExport(db, { learnerIds: [ben.id] })) as Doc;
    doc.lessonViews.push({
      id: 'lv-9',
      recordVersion: 1,
      learnerId: ana.id,
      skillId: 'x',
      why: 'first',
      openedAt: 1,
    });
    const e = await errorOf(parseBackup(await resign(doc)));
    expect(e.params).toMatchObject({ section: 'lessonViews', index: 1, field: 'learnerId' });
  });

  it('a question of exactly 500 characters and each kind and reason are accepted', async () => {
    const { db } = await withNotes();
    const doc = JSON.parse(await plainExport(db)) as Doc;
    doc.tutorQuestions[1]!.question = '问'.repeat(500);
    const parsed = await parseBackup(await resign(doc));
    expect(parsed.tutorQuestions[1]!.question).toHaveLength(500);
    expect(new Set(parsed.tutorQuestions.map((q) => q.kind))).toEqual(
      new Set(['free', 'why-wrong', 'explain-step']),
    );
    expect(new Set(parsed.lessonViews.map((v) => v.why))).toEqual(
      new Set(['first', 'recommended', 'reopened']),
    );
  });

  it('too many tutor questions or lesson views, before hashing anything', async () => {
    const doc = { formatName: 'lantern-backup', formatVersion: 4, checksum: '0'.repeat(64), learners: [] };
    expect(BACKUP_LIMITS.maxTutorQuestions).toBe(500_000);
    for (const member of ['tutorQuestions', 'lessonViews']) {
      const rows = new Array<number>(500_001).fill(0);
      expect(await keyOf(parseBackup(JSON.stringify({ ...doc, [member]: rows })))).toBe('backup.tooLarge');
    }
  });

  it('on an encrypted device: the rows are read for the backup, and a restore onto one seals them', async () => {
    const sealedDb = (name: string) => {
      const d = new LanternDB(name);
      opened.push(d);
      return { d, ring: installEncryption(d) };
    };
    const src = sealedDb(`backup-sealed-src-${process.pid}`);
    await checkDevice(src.d, src.ring);
    await enableEncryption(src.d, src.ring, PASS, { iterations: 1000 });
    const ana = await new LearnerRepo(src.d, { pinIterations: 1000 }).create({
      nickname: 'Ana',
      avatar: 'fox',
    });
    const q = await new TutorQuestionRepo(src.d).add({
      id: 'tq-s',
      learnerId: ana.id,
      askedAt: T_ASK,
      kind: 'free',
      itemId: 'add-within-20~1~42',
      question: 'plugh xyzzy',
    });
    const view = await new LessonViewRepo(src.d).add({
      id: 'lv-s',
      learnerId: ana.id,
      skillId: 'add-within-20',
      why: 'first',
      openedAt: T_ASK,
    });
    const parsed = await parseBackup(await plainExport(src.d));
    expect([parsed.tutorQuestions, parsed.lessonViews]).toEqual([[q], [view]]);

    const dst = sealedDb(`backup-sealed-dst-${process.pid}`);
    await checkDevice(dst.d, dst.ring);
    await enableEncryption(dst.d, dst.ring, PASS, { iterations: 1000 });
    expect(await importBackup(dst.d, parsed, importOpts)).toMatchObject({
      tutorQuestionsAdded: 1,
      lessonViewsAdded: 1,
    });
    expect(await new TutorQuestionRepo(dst.d).listForLearner(ana.id)).toEqual([q]);
    expect(await new LessonViewRepo(dst.d).listForLearner(ana.id)).toEqual([view]);
    // Stored sealed: a connection without the key sees no question text.
    const raw = new LanternDB(`backup-sealed-dst-${process.pid}`);
    const rows = JSON.stringify(await raw.tutorQuestions.toArray());
    raw.close();
    expect(rows).toContain('tq-s');
    expect(rows).not.toContain('plugh');
  });

  it('deleting a learner deletes their rows, so the next backup has none of them', async () => {
    const { db, ana, learners } = await withNotes();
    await learners.delete(ana.id);
    const parsed = await parseBackup(await plainExport(db));
    expect(parsed.tutorQuestions.map((q) => q.id)).toEqual(['tq-2']);
    expect(parsed.lessonViews.map((v) => v.id)).toEqual(['lv-3']);
  });
});

describe('partial credit and question keys (format v3)', () => {
  /** Ana answered two imported questions: one with partial credit, one fully right. */
  async function withImported() {
    const dev = await sourceDevice(3);
    const base = { learnerId: dev.ana.id, skillId: 'gift-capitals', difficulty: 2 as const, seed: 0 };
    const partial = makeAttempt({
      ...base,
      id: 'a-gift-1',
      itemId: 'gift-capitals~2~0',
      answer: 'Nazereth',
      correct: false,
      score: 0.75,
      questionKey: 'g0123456789abcd',
      params: {},
      timestamp: 1_700_000_100_000,
    });
    const full = makeAttempt({
      ...base,
      id: 'a-gift-2',
      itemId: 'gift-capitals~2~0',
      answer: 'Nazareth',
      questionKey: 'g0123456789abcd',
      params: {},
      timestamp: 1_700_000_200_000,
    });
    let s = (await new LearnerStateRepo(dev.db).get(dev.ana.id)) as NextLearnerState;
    for (const a of [partial, full]) {
      s = stateAfter(s, a);
      await dev.attempts.record(a, s);
    }
    return { ...dev, partial, full };
  }

  it('export → parse → restore gives the same attempts, score and key included', async () => {
    const { db, ana, partial, full } = await withImported();
    const text = await plainExport(db);
    const doc = JSON.parse(text) as { formatVersion: number; attempts: Attempt[] };
    expect(doc.formatVersion).toBe(BACKUP_FORMAT_VERSION);
    expect(doc.attempts.filter((a) => a.questionKey)).toEqual([partial, full]);
    const parsed = await parseBackup(text);
    expect(parsed.attempts.find((a) => a.id === partial.id)).toEqual(partial);
    const target = newDb();
    await importBackup(target, parsed, { ...importOpts, applySettings: true });
    expect(await records(target)).toEqual(await records(db));
    const back = await new AttemptRepo(target).listForLearner(ana.id);
    expect(back.filter((a) => a.questionKey !== undefined)).toEqual([partial, full]);
    expect(back.find((a) => a.id === full.id)).not.toHaveProperty('score');
  });

  it('an encrypted v3 backup round-trips them too', async () => {
    const { db, partial } = await withImported();
    const text = await plainExport(db, { passphrase: PASS, ...FAST });
    expect(text).not.toContain('g0123456789abcd');
    const parsed = await parseBackup(text, { passphrase: PASS, ...FAST_PARSE });
    expect(parsed).toMatchObject({ fileVersion: BACKUP_FORMAT_VERSION, encrypted: true });
    expect(parsed.attempts.find((a) => a.id === partial.id)).toEqual(partial);
    const target = newDb();
    await importBackup(target, parsed, { ...importOpts, applySettings: true });
    expect(await records(target)).toEqual(await records(db));
  });

  it("a teacher's class file carries them, and merging it keeps them (and adds nothing twice)", async () => {
    const { db, ana, ben, partial, full } = await withImported();
    const text = await plainExport(db, { learnerIds: [ana.id, ben.id], kind: 'class' });
    const parsed = await parseBackup(text);
    expect(parsed.kind).toBe('class');
    const target = newDb();
    // The teacher's tablet already knows Ana from an earlier merge.
    await target.learners.add({ ...ana, lastActiveAt: 0 });
    const summary = await importBackup(target, parsed, importOpts);
    expect(summary).toMatchObject({ learnersAdded: 1, attemptsAdded: 8, attemptsSkipped: 0 });
    expect(await target.attempts.bulkGet([partial.id, full.id])).toEqual([partial, full]);
    const second = await importBackup(target, await parseBackup(text), importOpts);
    expect(second).toMatchObject({ attemptsAdded: 0, attemptsSkipped: 8 });
  });

  it('a key of 64 characters and a score just inside (0, 1) are accepted', async () => {
    const { db } = await withImported();
    const doc = JSON.parse(await plainExport(db)) as { attempts: Record<string, unknown>[] };
    doc.attempts[0] = { ...doc.attempts[0], score: Number.MIN_VALUE, questionKey: 'k'.repeat(64) };
    doc.attempts[1] = { ...doc.attempts[1], score: 1 - Number.EPSILON };
    const parsed = await parseBackup(await resign(doc as Record<string, unknown>));
    expect(parsed.attempts[0]).toMatchObject({ score: Number.MIN_VALUE, questionKey: 'k'.repeat(64) });
    expect(parsed.attempts[1]).toMatchObject({ score: 1 - Number.EPSILON });
  });
});

describe('model weights (format v2)', () => {
  it("a learner's fine-tuned weights round-trip byte for byte, plain and encrypted", async () => {
    const { db, ana, ben } = await sourceDevice(4, true);
    const stored = (await db.models.get(ana.id)) as ModelRecord;
    const text = await plainExport(db);
    const doc = JSON.parse(text) as { models: Record<string, unknown>[] };
    expect(doc.models).toEqual([
      {
        ...modelRow(ana.id, T_STATE + 500),
        recordVersion: 1,
        weights: toBase64(new Uint8Array(stored.weights)),
      },
    ]);
    for (const [file, opts] of [
      [text, {}],
      [await plainExport(db, { passphrase: PASS, ...FAST }), { passphrase: PASS, ...FAST_PARSE }],
    ] as const) {
      const parsed = await parseBackup(file, opts);
      expect(parsed.models.map(comparable)).toEqual([comparable(stored)]);
      const target = newDb();
      const summary = await importBackup(target, parsed, { ...importOpts, applySettings: true });
      expect(summary.modelsWritten).toBe(1);
      expect(await records(target)).toEqual(await records(db));
      const back = (await new ModelRepo(target).get(ana.id)) as ModelRecord;
      expect(new Uint8Array(back.weights)).toEqual(new Uint8Array(stored.weights));
    }
    // One learner's file carries that learner's weights only.
    expect((await parseBackup(await plainExport(db, { learnerIds: [ben.id] }))).models).toEqual([]);
    expect((await parseBackup(await plainExport(db, { learnerIds: [ana.id] }))).models).toHaveLength(1);
  });

  it('a class file carries no weights, and importing one leaves the stored weights alone', async () => {
    const { db, ana, ben } = await sourceDevice(2, true);
    const text = await plainExport(db, { learnerIds: [ana.id, ben.id] });
    const doc = JSON.parse(text) as { kind: string; models: unknown[] };
    expect(doc).toMatchObject({ kind: 'class', models: [] });
    const target = newDb();
    await target.learners.add({ ...ana, lastActiveAt: 0 });
    await new ModelRepo(target).put(modelRow(ana.id, 5, 9));
    const before = (await target.models.toArray()).map(comparable);
    const summary = await importBackup(target, await parseBackup(text), importOpts);
    expect(summary.modelsWritten).toBe(0);
    expect((await target.models.toArray()).map(comparable)).toEqual(before);
  });

  it('merge: the weights trained later win whole; equal or older ones keep this device’s', async () => {
    const fileWith = async (trainedAt: number, seed: number) => {
      const d = newDb();
      await d.learners.add({ id: 'kid', nickname: 'Kid', avatar: 'owl', createdAt: 1, lastActiveAt: 2 });
      await new ModelRepo(d).put(modelRow('kid', trainedAt, seed));
      return parseBackup(await plainExport(d, { learnerIds: ['kid'] }));
    };
    const target = newDb();
    await target.learners.add({ id: 'kid', nickname: 'Kid', avatar: 'owl', createdAt: 1, lastActiveAt: 2 });
    await new ModelRepo(target).put(modelRow('kid', 1000, 1));
    const stored = async () => comparable((await target.models.get('kid')) as ModelRecord);
    const local = await stored();

    for (const [trainedAt, seed] of [
      [999, 2],
      [1000, 3],
    ] as const) {
      expect((await importBackup(target, await fileWith(trainedAt, seed), importOpts)).modelsWritten).toBe(0);
      expect(await stored()).toEqual(local);
    }
    const newer = await fileWith(1001, 4);
    expect((await importBackup(target, newer, importOpts)).modelsWritten).toBe(1);
    expect(await stored()).toEqual(comparable(newer.models[0]!));
    expect(await stored()).not.toEqual(local);

    const m = { ...modelRow('x', 10), recordVersion: 1 };
    expect(newerModel(undefined, m)).toBe(true);
    expect(newerModel(m, { ...m, trainedAt: 11 })).toBe(true);
    expect(newerModel(m, { ...m, trainedAt: 10 })).toBe(false);
    expect(newerModel({ ...m, trainedAt: 11 }, m)).toBe(false);
  });

  it('weights over the limit are refused with their own message; weights at the limit are accepted', async () => {
    const { db } = await sourceDevice(1, true);
    const doc = JSON.parse(await plainExport(db)) as { models: Record<string, unknown>[] } & Record<
      string,
      unknown
    >;
    const limit = BACKUP_LIMITS.maxModelBytes;
    expect(limit).toBe(8 * 1024 * 1024);
    const withBytes = (n: number) => {
      doc.models[0]!.weights = toBase64(new Uint8Array(n).fill(7));
      return resign(doc);
    };
    for (const n of [limit + 1, limit + 300]) {
      const e = await errorOf(parseBackup(await withBytes(n)));
      expect(e.messageKey).toBe('backup.modelTooLarge');
      expect(e.params).toEqual({ index: 0, number: 1, limitMb: 8 });
    }
    const parsed = await parseBackup(await withBytes(limit));
    expect(parsed.models[0]!.weights.byteLength).toBe(limit);
  });

  it('importBackup re-checks the models of a hand-built ParsedBackup, and a failed model write writes nothing', async () => {
    const { db } = await sourceDevice(3, true);
    const parsed = await parseBackup(await plainExport(db));
    const target = newDb();
    const before = await dump(target);
    const model = parsed.models[0]!;
    for (const models of [
      [{ ...model, learnerId: 'ghost' }],
      [model, model],
      [{ ...model, weights: 'AAAA' }],
      [{ ...model, weights: new ArrayBuffer(BACKUP_LIMITS.maxModelBytes + 1) }],
      [{ ...model, metrics: { nested: {} } }],
    ]) {
      const forged = { ...parsed, models } as unknown as ParsedBackup;
      expect(['backup.invalidRecord', 'backup.modelTooLarge']).toContain(
        await keyOf(importBackup(target, forged, importOpts)),
      );
      expect(await dump(target)).toEqual(before);
    }
    vi.spyOn(target.models, 'bulkPut').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(importBackup(target, parsed, importOpts)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await dump(target)).toEqual(before);
  });
});

describe('importBackup merge', () => {
  it('importing the same file twice adds nothing the second time', async () => {
    const { db } = await sourceDevice(5);
    const parsed = await parseBackup(await plainExport(db));
    const target = newDb();
    expect(await importBackup(target, parsed, importOpts)).toEqual({
      learnersAdded: 2,
      learnersUpdated: 0,
      attemptsAdded: 10,
      attemptsSkipped: 0,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const after1 = await dump(target);
    expect(await importBackup(target, parsed, { ...importOpts, now: T_STATE + 1 })).toEqual({
      learnersAdded: 0,
      learnersUpdated: 0,
      attemptsAdded: 0,
      attemptsSkipped: 10,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    expect(await dump(target)).toEqual(after1); // not even updatedAt moved
  });

  it('two overlapping files (same learner, two tablets) merge with nothing lost and nothing doubled', async () => {
    const { db, ana } = await sourceDevice(10);
    const first = await parseBackup(await plainExport(db, { learnerIds: [ana.id] }));
    // Ana keeps practising on this tablet and renames herself; the second file overlaps the first.
    const attempts = new AttemptRepo(db, { now: () => T_STATE });
    let s = fakeRebuild(ana.id, await attempts.listForLearner(ana.id));
    for (let i = 0; i < 5; i++) {
      const a = makeAttempt({ id: `a-late-${i}`, learnerId: ana.id, timestamp: 1_800_000_000_000 + i });
      s = stateAfter(s, a);
      await attempts.record(a, s);
    }
    await new LearnerRepo(db).rename(ana.id, 'Ana B');
    const second = await parseBackup(await plainExport(db, { learnerIds: [ana.id] }));

    const target = newDb();
    expect(await importBackup(target, second, importOpts)).toMatchObject({
      learnersAdded: 1,
      attemptsAdded: 15,
    });
    expect(await importBackup(target, first, importOpts)).toEqual({
      learnersAdded: 0,
      learnersUpdated: 0, // the older profile does not overwrite the newer one
      attemptsAdded: 0,
      attemptsSkipped: 10,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const got = await records(target);
    const want = await records(db);
    expect(got.attempts).toEqual(want.attempts.filter((a) => a.learnerId === ana.id));
    expect(got.learners).toEqual(want.learners.filter((l) => l.id === ana.id));
    expect(got.learnerState).toEqual(want.learnerState.filter((x) => x.learnerId === ana.id));
    expect(got.learners[0]?.nickname).toBe('Ana B');
  });

  it('files from two devices with disjoint attempts for the same learner union, and state is rebuilt from the union', async () => {
    const make = async (prefix: string, start: number, lastActiveAt: number, nickname: string) => {
      const d = newDb();
      await d.learners.add({ id: 'kid', nickname, avatar: 'owl', createdAt: start, lastActiveAt });
      const rows = Array.from({ length: 6 }, (_, i) =>
        makeAttempt({
          id: `${prefix}-${i}`,
          learnerId: 'kid',
          timestamp: start + i * 2000,
          correct: i % 2 === 0,
        }),
      );
      await d.attempts.bulkAdd(rows);
      await d.learnerState.put({ learnerId: 'kid', ...fakeRebuild('kid', rows), updatedAt: T_STATE });
      return parseBackup(await plainExport(d, { learnerIds: ['kid'] }));
    };
    const home = await make('home', 1_700_000_000_000, 1_700_000_010_000, 'Kid at home');
    const school = await make('school', 1_700_000_001_000, 1_700_000_020_000, 'Kid at school');
    const target = newDb();
    await importBackup(target, home, importOpts);
    expect(await importBackup(target, school, importOpts)).toEqual({
      learnersAdded: 0,
      learnersUpdated: 1,
      attemptsAdded: 6,
      attemptsSkipped: 0,
      modelsWritten: 0,
      tutorQuestionsAdded: 0,
      lessonViewsAdded: 0,
    });
    const union = [...home.attempts, ...school.attempts].sort((x, y) => x.timestamp - y.timestamp);
    expect(await target.attempts.orderBy('[learnerId+timestamp]').toArray()).toEqual(union);
    expect(await target.learnerState.get('kid')).toEqual({
      learnerId: 'kid',
      ...fakeRebuild('kid', union),
      updatedAt: T_STATE,
    });
    expect(await target.learners.get('kid')).toEqual({
      id: 'kid',
      nickname: 'Kid at school',
      avatar: 'owl',
      createdAt: 1_700_000_000_000,
      lastActiveAt: 1_700_000_020_000,
    });
  });

  it("leaves the target's other learners exactly as they were", async () => {
    const { db } = await sourceDevice(4);
    const parsed = await parseBackup(await plainExport(db));
    const target = newDb();
    const learners = new LearnerRepo(target, { newId: () => 'teacher-own', pinIterations: 1000 });
    const own = await learners.create({ nickname: 'Zoe', avatar: 'bee', pin: '1111' });
    const a = makeAttempt({ id: 'zoe-1', learnerId: own.id });
    await new AttemptRepo(target, { now: () => 1 }).record(a, stateAfter(undefined, a));
    await new SettingsRepo(target).set('locale', 'en');
    const before = await dump(target);
    await importBackup(target, parsed, importOpts); // applySettings defaults to false
    const after = await dump(target);
    expect(after.learners.filter((l) => l.id === own.id)).toEqual(before.learners);
    expect(after.attempts.filter((x) => x.learnerId === own.id)).toEqual(before.attempts);
    expect(after.learnerState.filter((x) => x.learnerId === own.id)).toEqual(before.learnerState);
    expect(after.settings).toEqual(before.settings);
    expect(after.learners).toHaveLength(3);
  });

  it('mergeLearner: the more recently active profile wins; dates widen', () => {
    const local: LearnerRecord = { id: 'x', nickname: 'Old', avatar: 'cat', createdAt: 5, lastActiveAt: 10 };
    const pin = { salt: '00'.repeat(16), hash: '11'.repeat(32), iterations: 1000 };
    const incoming: LearnerRecord = {
      id: 'x',
      nickname: 'New',
      avatar: 'fox',
      pin,
      createdAt: 3,
      lastActiveAt: 20,
    };
    expect(mergeLearner(local, incoming)).toEqual({ ...incoming, createdAt: 3, lastActiveAt: 20 });
    expect(mergeLearner(incoming, local)).toEqual({ ...incoming, createdAt: 3, lastActiveAt: 20 });
    expect(mergeLearner(local, { ...incoming, lastActiveAt: 10 })).toEqual({ ...local, createdAt: 3 });
  });
});

describe('importBackup is all or nothing', () => {
  async function prepared() {
    const { db } = await sourceDevice(6);
    const parsed = await parseBackup(await plainExport(db));
    const target = newDb();
    await new LearnerRepo(target, { newId: () => 'resident' }).create({ nickname: 'Res', avatar: 'cat' });
    // An older copy of one learner is already here, so the import also updates a learner.
    const ana = parsed.learners[0] as LearnerRecord;
    await target.learners.add({ ...ana, nickname: 'Old Ana', lastActiveAt: 0 });
    await target.attempts.add(parsed.attempts[0] as Attempt);
    return { parsed, target, before: await dump(target) };
  }

  it('a write failing mid-import (second attempt batch) leaves the database exactly as before', async () => {
    const { parsed, target, before } = await prepared();
    const real = target.attempts.bulkAdd.bind(target.attempts);
    let calls = 0;
    vi.spyOn(target.attempts, 'bulkAdd').mockImplementation(((rows: readonly Attempt[]) => {
      calls += 1;
      if (calls === 2) throw new Error('simulated crash mid-import');
      return real(rows as Attempt[]);
    }) as typeof target.attempts.bulkAdd);
    await expect(importBackup(target, parsed, { ...importOpts, chunkSize: 4 })).rejects.toThrow(
      'simulated crash',
    );
    expect(calls).toBe(2);
    vi.restoreAllMocks();
    expect(await dump(target)).toEqual(before);
  });

  it('a quota error while writing state surfaces as StorageError and writes nothing', async () => {
    const { parsed, target, before } = await prepared();
    vi.spyOn(target.learnerState, 'put').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    await expect(importBackup(target, parsed, importOpts)).rejects.toMatchObject({ code: 'quota' });
    vi.restoreAllMocks();
    expect(await dump(target)).toEqual(before);
  });

  it('rebuildState throwing, or miscounting, writes nothing', async () => {
    const { parsed, target, before } = await prepared();
    let n = 0;
    const flaky: RebuildState = (id, h) => {
      if (++n === 2) throw new Error('model exploded');
      return fakeRebuild(id, h);
    };
    await expect(importBackup(target, parsed, { ...importOpts, rebuildState: flaky })).rejects.toThrow(
      'model exploded',
    );
    expect(await dump(target)).toEqual(before);
    const miscount: RebuildState = (id, h) => ({ ...fakeRebuild(id, h), attemptCount: 1 });
    await expect(importBackup(target, parsed, { ...importOpts, rebuildState: miscount })).rejects.toThrow(
      TypeError,
    );
    expect(await dump(target)).toEqual(before);
  });

  it('re-validates a hand-built ParsedBackup before touching the database', async () => {
    const { parsed, target, before } = await prepared();
    const forged = {
      ...parsed,
      attempts: [...parsed.attempts, { ...parsed.attempts[0], id: 'forged', difficulty: 7 }],
    } as unknown as ParsedBackup;
    expect(await keyOf(importBackup(target, forged, importOpts))).toBe('backup.invalidRecord');
    expect(await dump(target)).toEqual(before);
  });

  it('storage errors during export are StorageErrors', async () => {
    const { db } = await sourceDevice(1);
    vi.spyOn(db.learnerState, 'bulkGet').mockImplementation(() => {
      throw new DOMException('gone', 'InvalidStateError');
    });
    await expect(plainExport(db)).rejects.toBeInstanceOf(StorageError);
  });
});

describe('property: any history survives export → import exactly', () => {
  const attemptArb = fc.record({
    skillId: fc.constantFrom('add-within-20', 'sub-within-20', 'times-tables', '分数'),
    difficulty: fc.constantFrom(1, 2, 3) as fc.Arbitrary<1 | 2 | 3>,
    seed: fc.integer({ min: 0, max: 0xffffffff }),
    a: fc.integer({ min: -1000, max: 1000 }),
    answer: fc.string({ maxLength: 12 }),
    correct: fc.boolean(),
    responseMs: fc.double({ min: 0, max: 1e7, noNaN: true }),
    hintsUsed: fc.nat(5),
    solutionShown: fc.boolean(),
    // Few distinct timestamps, so ties (ordered by id) are common.
    timestamp: fc.integer({ min: 0, max: 20 }).map((t) => 1_700_000_000_000 + t * 1000),
  });
  const learnerArb = fc.record({
    nickname: fc.string({ minLength: 1, maxLength: 24 }).map((s) => s.trim() || 'x'),
    avatar: fc.constantFrom('fox', 'owl', 'cat'),
    pin: fc.boolean(),
    locale: fc.constantFrom(undefined, null, 'en', 'zh-CN'),
    createdAt: fc.integer({ min: 0, max: 2e12 }),
    attempts: fc.array(attemptArb, { maxLength: 25 }),
    // Fine-tuned weights: any bytes, any metrics the engine could write.
    model: fc.option(
      fc.record({
        weights: fc.uint8Array({ minLength: 1, maxLength: 300 }),
        trainedAt: fc.integer({ min: 0, max: 2e12 }),
        attemptCount: fc.nat(100),
        loss: fc.double({ min: 0, max: 10, noNaN: true }),
        reason: fc.string({ maxLength: 20 }),
      }),
      { nil: undefined },
    ),
  });

  it('records, model weights (byte for byte) and rebuilt state are identical', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(learnerArb, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 7 }),
        async (spec, chunkSize) => {
          const src = newDb();
          const target = newDb();
          try {
            let n = 0;
            for (const [li, l] of spec.entries()) {
              const id = `L${li}`;
              const rows: Attempt[] = l.attempts.map((a) =>
                makeAttempt({
                  id: `att-${String(++n).padStart(4, '0')}`,
                  learnerId: id,
                  skillId: a.skillId,
                  difficulty: a.difficulty,
                  seed: a.seed,
                  itemId: `${a.skillId}~${a.difficulty}~${a.seed}`,
                  params: { a: a.a },
                  answer: a.answer,
                  correct: a.correct,
                  responseMs: a.responseMs,
                  hintsUsed: a.hintsUsed,
                  solutionShown: a.solutionShown,
                  timestamp: a.timestamp,
                }),
              );
              const nickname = [...l.nickname].slice(0, 24).join('').trim() || 'x';
              await src.learners.add({
                id,
                nickname,
                avatar: l.avatar,
                ...(l.pin ? { pin: { salt: 'ab'.repeat(16), hash: 'cd'.repeat(32), iterations: 1000 } } : {}),
                createdAt: l.createdAt,
                lastActiveAt: l.createdAt + 1,
                ...(l.locale !== undefined ? { locale: l.locale } : {}),
              });
              await src.attempts.bulkAdd(rows);
              if (l.model) {
                await src.models.put({
                  learnerId: id,
                  recordVersion: 1,
                  descriptor: { format: 'lantern-kt-net', formatVersion: 1, config: { dModel: li + 1 } },
                  weights: l.model.weights.slice().buffer,
                  trainedAt: l.model.trainedAt,
                  attemptCount: l.model.attemptCount,
                  metrics: { lossAfter: l.model.loss, reason: l.model.reason },
                });
              }
              if (rows.length > 0) {
                const sorted = await src.attempts
                  .where('[learnerId+timestamp]')
                  .between([id, -Infinity], [id, Infinity])
                  .toArray();
                await src.learnerState.put({ learnerId: id, ...fakeRebuild(id, sorted), updatedAt: T_STATE });
              }
            }
            const parsed = await parseBackup(await plainExport(src, { chunkSize }));
            await importBackup(target, parsed, { ...importOpts, chunkSize });
            expect(await records(target)).toEqual(await records(src));
            expect(await target.models.count()).toBe(spec.filter((l) => l.model).length);
          } finally {
            await src.delete();
            await target.delete();
            opened.splice(opened.indexOf(src), 1);
            opened.splice(opened.indexOf(target), 1);
          }
        },
      ),
      { numRuns: 40, seed: 20240607 },
    );
  });
});

describe('backup messages', () => {
  it('en and zh-CN have the same keys and placeholders, and cover every key the code uses', async () => {
    expect(Object.keys(backupMessagesZh).sort()).toEqual(Object.keys(backupMessagesEn).sort());
    for (const [k, en] of Object.entries(backupMessagesEn)) {
      expect(placeholders(backupMessagesZh[k] ?? ''), k).toEqual(placeholders(en));
    }
    const { readFile } = await import('node:fs/promises');
    const src = await readFile(new URL('./backup.ts', import.meta.url), 'utf8');
    const used = new Set([...src.matchAll(/'(backup\.[A-Za-z]+)'/g)].map((m) => m[1]));
    for (const k of used) expect(backupMessagesEn, String(k)).toHaveProperty([k as string]);
    expect(placeholders(backupMessagesEn['backup.invalidRecord'] ?? '')).toEqual([
      'field',
      'number',
      'section',
    ]);
  });
});
