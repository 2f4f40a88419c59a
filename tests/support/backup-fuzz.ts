/**
 * Fuzzing harness for the backup format, shared by backup.fuzz.test.ts (fast) and
 * lab/bench/fuzz-import.bench.ts (≥ 10,000 cases). Never imported by the app.
 *
 * Cases: random strings, random JSON, and mutations of a small valid file — byte flips,
 * truncations, splices, field deletions, type swaps, huge numbers, deep nesting, prototype keys,
 * duplicated records, edited or damaged model weights, v1, v2 and v3 downgrades, a class file with
 * weights — both with the original checksum and re-signed (as a deliberate editor would), plus
 * mutations of an encrypted file. Every parse must resolve or reject with a catalogued
 * ValidationError; every accepted file is imported into a populated database (which holds
 * model weights, a tutor question and a lesson view too), with a failure injected in some, and
 * the database must then be either fully merged — models by the newer-trainedAt rule, tutor
 * questions and lesson views by id — or untouched.
 */
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { ValidationError } from '../../src/core/errors';
import type { Attempt } from '../../src/core/types';
import type { ParsedBackup, RebuildState } from '../../src/storage/backup';
import { exportBackup, importBackup, parseBackup } from '../../src/storage/backup';
import { canonicalJson, sha256Hex, toBase64 } from '../../src/storage/backup-crypto';
import { backupMessagesEn } from '../../src/storage/backup-messages';
import type { LanternDB, ModelRecord } from '../../src/storage/db';
import { MODEL_RECORD_VERSION } from '../../src/storage/db';
import type { NextLearnerState } from '../../src/storage/repositories';
import { AttemptRepo, LearnerRepo, ModelRepo, SettingsRepo } from '../../src/storage/repositories';
import { LessonViewRepo } from '../../src/storage/lesson-views';
import { TutorQuestionRepo } from '../../src/storage/tutor-questions';
import { counterIds, freshDb, makeAttempt, stateAfter, steppingClock } from '../../src/storage/test-utils';

export const FUZZ_PASSPHRASE = 'fuzzing passphrase';
const FUZZ_ITERATIONS = 1000;

/** Deterministic stand-in for the learner model. */
export const fuzzRebuild: RebuildState = (_id, history) =>
  history.reduce<NextLearnerState | undefined>((s, a) => stateAfter(s, a), undefined) as NextLearnerState;

type Path = readonly (string | number)[];

export interface FuzzBase {
  readonly text: string;
  readonly sealed: string;
  readonly doc: Record<string, unknown>;
  /** Every node of doc, for structural mutations. */
  readonly paths: readonly Path[];
}

/** When the base file's model was trained; the resident copy's model has the same time (a tie). */
export const FUZZ_TRAINED_AT = 1_755_000_000_000;

/** A model row as KtEngine writes it, with small deterministic weights. */
export function fuzzModel(
  learnerId: string,
  trainedAt: number,
  seed: number,
): Omit<ModelRecord, 'recordVersion'> {
  return {
    learnerId,
    descriptor: {
      format: 'lantern-kt-net',
      formatVersion: 1,
      config: { dModel: 4, slots: 2, decays: [0.5, 0.9], dropout: 0.2 },
      weightSpecs: [{ name: 'skillEmb', shape: [3, 4], dtype: 'float32' }],
    },
    weights: new Uint8Array(48).map((_, i) => (i * 29 + seed * 7) % 256).buffer,
    trainedAt,
    attemptCount: 5,
    metrics: {
      lossBefore: 0.69,
      lossAfter: 0.64,
      heldOut: 10,
      seconds: 0.4,
      backend: 'cpu',
      reason: 'session',
    },
  };
}

/**
 * A small, valid device backup: two learners (one with a PIN), 5 attempts each (one at an imported
 * question with partial credit: format v3's `score` and `questionKey`), settings, fine-tuned
 * model weights for the first learner, and (format v4) a question the first learner typed to the
 * tutor and a lesson card the second opened.
 */
export async function makeFuzzBase(): Promise<FuzzBase> {
  const db = freshDb('fuzz-base');
  try {
    const learners = new LearnerRepo(db, {
      newId: counterIds('learner'),
      now: steppingClock(),
      pinIterations: 10,
    });
    const attempts = new AttemptRepo(db, { now: () => 1_750_000_000_000 });
    const a = await learners.create({ nickname: 'Ana', avatar: 'fox', pin: '1234' });
    const b = await learners.create({ nickname: '小明', avatar: 'owl', locale: 'zh-CN' });
    for (const l of [a, b]) {
      let s: NextLearnerState | undefined;
      for (let i = 0; i < 5; i++) {
        const at = makeAttempt({
          id: `${l.id}-${i}`,
          learnerId: l.id,
          timestamp: 1_700_000_000_000 + i * 1000,
          correct: i % 2 === 0,
          difficulty: ((i % 3) + 1) as 1 | 2 | 3,
          ...(l === b && i === 1 ? { score: 0.5, questionKey: 'g0123456789abcd' } : {}),
        });
        s = stateAfter(s, at);
        await attempts.record(at, s);
      }
    }
    await new SettingsRepo(db).set('locale', 'en');
    await new ModelRepo(db).put(fuzzModel(a.id, FUZZ_TRAINED_AT, 1));
    await new TutorQuestionRepo(db).add({
      id: 'tq-1',
      learnerId: a.id,
      askedAt: 1_700_000_002_500,
      kind: 'free',
      itemId: 'add-within-20~1~42',
      question: 'Why 15?',
    });
    await new LessonViewRepo(db).add({
      id: 'lv-1',
      learnerId: b.id,
      skillId: 'add-within-20',
      why: 'recommended',
      openedAt: 1_700_000_003_500,
    });
    const opts = { now: 1_760_000_000_000, appVersion: '0.1.0', deviceId: 'fuzz' };
    const text = await exportBackup(db, opts);
    const sealed = await exportBackup(db, {
      ...opts,
      passphrase: FUZZ_PASSPHRASE,
      iterations: FUZZ_ITERATIONS,
    });
    const doc = JSON.parse(text) as Record<string, unknown>;
    const paths: Path[] = [];
    const walk = (v: unknown, p: Path): void => {
      paths.push(p);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...p, i]));
      else if (v !== null && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) walk(x, [...p, k]);
      }
    };
    walk(doc, []);
    return { text, sealed, doc, paths };
  } finally {
    await db.delete();
  }
}

/** A generated input, before the async step of re-signing. */
export type FuzzCase =
  | { readonly kind: 'text'; readonly label: string; readonly text: string; readonly passphrase?: string }
  | { readonly kind: 'doc'; readonly label: string; readonly doc: unknown; readonly resign: boolean };

/** The fields of format v4's rows, for targeted edits. */
const V4_FIELDS: Readonly<Record<'tutorQuestions' | 'lessonViews', readonly string[]>> = {
  tutorQuestions: ['id', 'recordVersion', 'learnerId', 'askedAt', 'kind', 'itemId', 'question', 'extra'],
  lessonViews: ['id', 'recordVersion', 'learnerId', 'skillId', 'why', 'openedAt', 'extra'],
};

const HUGE = [1e308, -1e308, 2 ** 53 + 1, -0, 5e-324, 0x1_0000_0000, -1, 1e21, 8.64e15 + 1, 0.5];
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'];

function at<T>(xs: readonly T[], i: number): T {
  return xs[i % xs.length] as T;
}

function setAt(
  root: unknown,
  path: Path,
  value: unknown,
  mode: 'set' | 'delete' | 'proto',
  key = '',
): unknown {
  if (path.length === 0) return mode === 'delete' ? undefined : value;
  let parent = root as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  if (mode === 'delete') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (mode === 'proto') {
    // Into the node itself when it is an object, else into the object holding it.
    const node = parent[last];
    const target = node !== null && typeof node === 'object' ? node : parent;
    {
      // defineProperty: plain assignment to __proto__ would change the prototype instead.
      Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
  } else {
    parent[last] = value;
  }
  return root;
}

function nested(depth: number, leaf: unknown, arrays: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = arrays ? [v] : { d: v };
  return v;
}

/** Arbitrary fuzz cases around one valid base file. */
export function fuzzCaseArb(base: FuzzBase): fc.Arbitrary<FuzzCase> {
  const text = (label: string, t: string, passphrase?: string): FuzzCase => ({
    kind: 'text',
    label,
    text: t,
    ...(passphrase !== undefined ? { passphrase } : {}),
  });
  const doc = (label: string, mutate: (d: unknown) => unknown, resign: boolean): FuzzCase => ({
    kind: 'doc',
    label,
    doc: mutate(structuredClone(base.doc)),
    resign,
  });
  const pos = fc.nat();
  const pathIx = fc.nat();
  const L = base.text.length;
  const S = base.sealed.length;
  const anyChar = fc.string({ unit: 'binary', minLength: 1, maxLength: 1 });

  return fc.oneof(
    // Noise.
    fc.string({ unit: 'binary', maxLength: 200 }).map((t) => text('random string', t)),
    fc.json({ maxDepth: 4 }).map((t) => text('random json', t)),
    fc
      .record({ v: fc.jsonValue({ maxDepth: 3 }), version: fc.jsonValue({ maxDepth: 1 }), enc: fc.boolean() })
      .map(({ v, version, enc }) =>
        text(
          'random json with our name',
          JSON.stringify({
            ...(v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { v }),
            formatName: enc ? 'lantern-backup-encrypted' : 'lantern-backup',
            formatVersion: version,
          }),
          FUZZ_PASSPHRASE,
        ),
      ),
    // Text-level damage to the plain file.
    fc
      .tuple(pos, anyChar)
      .map(([p, c]) => text('byte flip', base.text.slice(0, p % L) + c + base.text.slice((p % L) + 1))),
    pos.map((p) => text('truncation', base.text.slice(0, p % L))),
    fc
      .tuple(pos, fc.nat(40), fc.string({ maxLength: 20 }))
      .map(([p, n, ins]) => text('splice', base.text.slice(0, p % L) + ins + base.text.slice((p % L) + n))),
    fc
      .tuple(
        fc.constantFrom('"responseMs":4200', '"hintsUsed":0', '"seed":42', '"formatVersion":1'),
        fc.constantFrom('1e999', '-1e999', '1e308', '9'.repeat(400)),
      )
      .map(([find, num]) =>
        text('huge number literal', base.text.replace(find, find.replace(/:.*/, `:${num}`))),
      ),
    fc
      .nat(200_000)
      .map((n) =>
        text(
          'deep nesting literal',
          base.text.replace('"answer":"15"', `"answer":${'['.repeat(n)}${']'.repeat(n)}`),
        ),
      ),
    // Structural edits, with the stale checksum and re-signed.
    fc
      .tuple(pathIx, fc.boolean())
      .map(([i, r]) => doc('field deletion', (d) => setAt(d, at(base.paths, i), undefined, 'delete'), r)),
    fc
      .tuple(pathIx, fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([i, v, r]) => doc('type swap', (d) => setAt(d, at(base.paths, i), v, 'set'), r)),
    fc
      .tuple(pathIx, fc.constantFrom(...HUGE), fc.boolean())
      .map(([i, v, r]) => doc('huge number', (d) => setAt(d, at(base.paths, i), v, 'set'), r)),
    fc
      .tuple(pathIx, fc.integer({ min: 1, max: 120 }), fc.boolean(), fc.boolean())
      .map(([i, n, arrays, r]) =>
        doc('deep nesting', (d) => setAt(d, at(base.paths, i), nested(n, 1, arrays), 'set'), r),
      ),
    fc
      .tuple(pathIx, fc.constantFrom(...PROTO_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([i, k, v, r]) => doc('prototype key', (d) => setAt(d, at(base.paths, i), v, 'proto', k), r)),
    fc
      .tuple(
        fc.constantFrom(
          'attempts',
          'learners',
          'learnerState',
          'models',
          'settings',
          'tutorQuestions',
          'lessonViews',
        ),
        fc.nat(),
        fc.boolean(),
      )
      .map(([section, i, r]) =>
        doc(
          'duplicate record',
          (d) => {
            const xs = (d as Record<string, unknown[]>)[section] ?? [];
            if (xs.length > 0) xs.push(structuredClone(at(xs, i)));
            return d;
          },
          r,
        ),
      ),
    fc
      .tuple(fc.nat(9), fc.integer({ min: 0, max: 4_000_000_000 }), fc.string({ maxLength: 30 }))
      .map(([i, n, s]) =>
        doc(
          'plausible edit',
          (d) => {
            const a = at((d as { attempts: Record<string, unknown>[] }).attempts, i);
            a.seed = n;
            a.answer = s;
            a.id = `${String(a.id)}-${s}`;
            return d;
          },
          true,
        ),
      ),
    // Model weights: a deliberate edit (newer or older than the resident's, other bytes), damaged
    // base64, other metrics; a class file that carries weights; a v1 file (with and without models).
    fc
      .tuple(
        fc.integer({ min: -3, max: 3 }),
        fc.uint8Array({ minLength: 1, maxLength: 64 }),
        fc.dictionary(
          fc.string({ minLength: 1, maxLength: 8 }),
          fc.oneof(fc.double(), fc.string({ maxLength: 8 })),
          {
            maxKeys: 4,
          },
        ),
        fc.boolean(),
      )
      .map(([dt, bytes, metrics, keepMetrics]) =>
        doc(
          'plausible model edit',
          (d) => {
            const m = at((d as { models: Record<string, unknown>[] }).models, 0);
            m.trainedAt = FUZZ_TRAINED_AT + dt;
            m.weights = toBase64(bytes);
            if (!keepMetrics) m.metrics = metrics;
            return d;
          },
          true,
        ),
      ),
    fc
      .tuple(
        fc.oneof(fc.string({ maxLength: 40 }), fc.base64String({ maxLength: 40 }), fc.constant('')),
        fc.boolean(),
      )
      .map(([w, r]) =>
        doc(
          'damaged weights',
          (d) => {
            at((d as { models: Record<string, unknown>[] }).models, 0).weights = w;
            return d;
          },
          r,
        ),
      ),
    fc.boolean().map((r) =>
      doc(
        'class file with weights',
        (d) => {
          (d as Record<string, unknown>).kind = 'class';
          return d;
        },
        r,
      ),
    ),
    fc.boolean().map((keepModels) =>
      doc(
        'v1 file',
        (d) => {
          const o = d as Record<string, unknown>;
          o.formatVersion = 1;
          if (!keepModels) delete o.models;
          return d;
        },
        true,
      ),
    ),
    // A v2 file: valid once the v3 attempt fields and the v4 members are gone, refused while
    // they are there.
    fc.boolean().map((strip) =>
      doc(
        'v2 file',
        (d) => {
          const o = d as Record<string, unknown>;
          o.formatVersion = 2;
          if (strip) {
            for (const a of o.attempts as Record<string, unknown>[]) {
              delete a.score;
              delete a.questionKey;
            }
            delete o.tutorQuestions;
            delete o.lessonViews;
          }
          return d;
        },
        true,
      ),
    ),
    // A v3 file: valid without the v4 members (tutorQuestions, lessonViews), refused with either.
    fc.constantFrom('both', 'tutorQuestions', 'lessonViews', 'neither').map((keep) =>
      doc(
        'v3 file',
        (d) => {
          const o = d as Record<string, unknown>;
          o.formatVersion = 3;
          if (keep !== 'both' && keep !== 'tutorQuestions') delete o.tutorQuestions;
          if (keep !== 'both' && keep !== 'lessonViews') delete o.lessonViews;
          return d;
        },
        true,
      ),
    ),
    // A tutor question or lesson view (format v4) edited: a field set to any JSON value, or to
    // another learner's id (one in the file, or not).
    fc
      .tuple(
        fc.constantFrom('tutorQuestions', 'lessonViews'),
        fc.nat(),
        fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constantFrom('learner-0001', 'learner-0002', 'resident')),
        fc.boolean(),
      )
      .map(([section, i, v, r]) =>
        doc(
          'v4 row edit',
          (d) => {
            const row = at((d as Record<string, Record<string, unknown>[]>)[section] ?? [{}], 0);
            row[at(V4_FIELDS[section], i)] = v;
            return d;
          },
          r,
        ),
      ),
    fc.constant(doc('valid', (d) => d, true)),
    // The encrypted file.
    fc
      .tuple(
        pos,
        fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/='.split('')),
      )
      .map(([p, c]) =>
        text(
          'encrypted flip',
          base.sealed.slice(0, p % S) + c + base.sealed.slice((p % S) + 1),
          FUZZ_PASSPHRASE,
        ),
      ),
    pos.map((p) => text('encrypted truncation', base.sealed.slice(0, p % S), FUZZ_PASSPHRASE)),
    fc
      .tuple(fc.constantFrom('iterations', 'salt', 'iv', 'name', 'hash'), fc.jsonValue({ maxDepth: 1 }))
      .map(([field, v]) => {
        const env = JSON.parse(base.sealed) as {
          kdf: Record<string, unknown>;
          cipher: Record<string, unknown>;
        };
        if (field === 'iv') env.cipher.iv = v;
        else env.kdf[field] = v;
        return text('encrypted header edit', JSON.stringify(env), FUZZ_PASSPHRASE);
      }),
    fc
      .constantFrom(FUZZ_PASSPHRASE, 'wrong passphrase', '')
      .map((p) => text('encrypted passphrase', base.sealed, p)),
  );
}

async function materialise(c: FuzzCase): Promise<{ text: string; passphrase?: string }> {
  if (c.kind === 'text') {
    return { text: c.text, ...(c.passphrase !== undefined ? { passphrase: c.passphrase } : {}) };
  }
  let text: string;
  try {
    text = JSON.stringify(c.doc) ?? '';
  } catch {
    return { text: '' };
  }
  if (!c.resign || c.doc === null || typeof c.doc !== 'object' || Array.isArray(c.doc)) return { text };
  const { checksum: _c, ...payload } = c.doc as Record<string, unknown>;
  try {
    const parsed = JSON.parse(text) as Record<string, unknown>;
    parsed.checksum = await sha256Hex(canonicalJson(payload, 400));
    return { text: JSON.stringify(parsed) };
  } catch {
    return { text }; // not canonicalisable (too deep, non-finite): keep the stale checksum
  }
}

export interface FuzzOutcome {
  readonly accepted: boolean;
  /** messageKey of the rejection. */
  readonly key?: string;
  /** params.section of a 'backup.invalidRecord' rejection. */
  readonly section?: string;
  readonly import?: 'merged' | 'rolledBack';
  /** Of a merged import: model rows written (new, or newer than the resident's). */
  readonly modelsWritten?: number;
  /** Of a merged import: tutor questions and lesson views added (new ids). */
  readonly rowsAdded?: number;
}

/** Thrown when an invariant breaks: the one thing the fuzzers must never see. */
export class FuzzFailure extends Error {
  override readonly name = 'FuzzFailure';
}

const KNOWN_KEYS = new Set(Object.keys(backupMessagesEn));

/** A model row with its weights as base64, so comparisons see the bytes. */
function comparable(m: ModelRecord) {
  return { ...m, weights: toBase64(new Uint8Array(m.weights)) };
}

async function dump(db: LanternDB) {
  return {
    learners: await db.learners.toArray(),
    attempts: await db.attempts.toArray(),
    learnerState: await db.learnerState.toArray(),
    models: (await db.models.toArray()).map(comparable),
    settings: await db.settings.toArray(),
    tutorQuestions: await db.tutorQuestions.toArray(),
    lessonViews: await db.lessonViews.toArray(),
  };
}

/**
 * A target that already holds data: its own learner (with model weights and a lesson view), and
 * an older copy of the base's first learner whose weights were trained at the same time as the
 * file's, with the file's tutor question already merged once.
 */
async function residentDb(parsedBase: ParsedBackup): Promise<LanternDB> {
  const db = freshDb('fuzz-target');
  const own = { id: 'resident', nickname: 'Res', avatar: 'cat', createdAt: 1, lastActiveAt: 2 };
  const ownAttempts = [0, 1, 2].map((i) =>
    makeAttempt({ id: `res-${i}`, learnerId: 'resident', timestamp: 10 + i }),
  );
  const copy = {
    ...(parsedBase.learners[0] as (typeof parsedBase.learners)[number]),
    nickname: 'Old',
    lastActiveAt: 0,
  };
  const copyAttempts = [parsedBase.attempts[0] as Attempt];
  await db.transaction(
    'rw',
    [db.learners, db.attempts, db.learnerState, db.models, db.settings, db.tutorQuestions, db.lessonViews],
    async () => {
      await db.learners.bulkAdd([own, copy]);
      await db.models.bulkAdd([
        { ...fuzzModel(own.id, 3, 5), recordVersion: MODEL_RECORD_VERSION },
        { ...fuzzModel(copy.id, FUZZ_TRAINED_AT, 9), recordVersion: MODEL_RECORD_VERSION },
      ]);
      await db.attempts.bulkAdd([...ownAttempts, ...copyAttempts]);
      await db.learnerState.bulkAdd([
        { learnerId: own.id, ...fuzzRebuild(own.id, ownAttempts), updatedAt: 5 },
        { learnerId: copy.id, ...fuzzRebuild(copy.id, copyAttempts), updatedAt: 5 },
      ]);
      await db.settings.put({ key: 'locale', value: 'zh-CN' });
      await db.tutorQuestions.bulkAdd(parsedBase.tutorQuestions.filter((q) => q.learnerId === copy.id));
      await db.lessonViews.add({
        id: 'res-lv',
        recordVersion: 1,
        learnerId: own.id,
        skillId: 'add-within-20',
        why: 'first',
        openedAt: 7,
      });
    },
  );
  return db;
}

function same(a: unknown, b: unknown): boolean {
  return canonicalJson(a, 1000) === canonicalJson(b, 1000);
}

/**
 * Runs one case: parse, and for an accepted file, import into a populated database (with a
 * failure injected when `inject` > 0: rebuildState throws on that call). Resolves the outcome;
 * rejects with FuzzFailure (or whatever escaped) when an invariant breaks.
 */
export async function runFuzzCase(
  c: FuzzCase,
  parsedBase: ParsedBackup,
  opts: { inject: number; importAccepted: boolean },
): Promise<FuzzOutcome> {
  const { text, passphrase } = await materialise(c);
  let parsed: ParsedBackup;
  try {
    parsed = await parseBackup(text, {
      ...(passphrase !== undefined ? { passphrase } : {}),
      minIterations: FUZZ_ITERATIONS,
    });
  } catch (e) {
    if (e instanceof ValidationError && KNOWN_KEYS.has(e.messageKey)) {
      const section = e.params.section;
      return { accepted: false, key: e.messageKey, ...(typeof section === 'string' ? { section } : {}) };
    }
    throw new FuzzFailure(`[${c.label}] parseBackup threw ${String(e)}`, { cause: e });
  }
  if (!opts.importAccepted) return { accepted: true };

  const db = await residentDb(parsedBase);
  try {
    const before = await dump(db);
    let calls = 0;
    const rebuild: RebuildState = (id, h) => {
      if (++calls === opts.inject) throw new Error('injected failure');
      return fuzzRebuild(id, h);
    };
    let summary;
    try {
      summary = await importBackup(db, parsed, {
        mode: 'merge',
        rebuildState: rebuild,
        now: 99,
        applySettings: true,
        chunkSize: 3,
      });
    } catch (e) {
      if (!(e instanceof Error && e.message === 'injected failure')) {
        throw new FuzzFailure(`[${c.label}] importBackup of an accepted file threw ${String(e)}`, {
          cause: e,
        });
      }
      if (!same(await dump(db), before)) {
        throw new FuzzFailure(`[${c.label}] failed import left partial data`);
      }
      return { accepted: true, import: 'rolledBack' };
    }
    const after = await dump(db);
    const learnerIds = new Set(after.learners.map((l) => l.id));
    const attemptIds = new Set(after.attempts.map((a) => a.id));
    const fail = (what: string): never => {
      throw new FuzzFailure(`[${c.label}] after import: ${what}`);
    };
    if (after.attempts.length !== before.attempts.length + summary.attemptsAdded) fail('attempt count');
    if (summary.attemptsAdded + summary.attemptsSkipped !== parsed.attempts.length) fail('summary');
    for (const a of after.attempts) if (!learnerIds.has(a.learnerId)) fail(`orphan attempt ${a.id}`);
    for (const a of parsed.attempts) if (!attemptIds.has(a.id)) fail(`lost attempt ${a.id}`);
    for (const l of parsed.learners) if (!learnerIds.has(l.id)) fail(`lost learner ${l.id}`);
    // Models: per learner, the newer by trainedAt (ties keep the resident's); others untouched.
    let written = 0;
    const modelOf = (rows: ReturnType<typeof comparable>[], id: string) =>
      rows.find((m) => m.learnerId === id);
    for (const l of learnerIds) {
      const incoming = parsed.models.find((m) => m.learnerId === l);
      const had = modelOf(before.models, l);
      const wins = incoming !== undefined && (!had || incoming.trainedAt > had.trainedAt);
      if (wins) written++;
      const want = incoming && wins ? comparable(incoming) : had;
      if (!same(modelOf(after.models, l) ?? null, want ?? null)) fail(`model of ${l} breaks the merge rule`);
    }
    if (after.models.length !== new Set(after.models.map((m) => m.learnerId)).size) {
      fail('two models for a learner');
    }
    if (summary.modelsWritten !== written) fail('modelsWritten');
    // Tutor questions and lesson views: merged by id, stored rows untouched, none orphaned.
    for (const [name, added, incoming, had, now] of [
      [
        'tutorQuestions',
        summary.tutorQuestionsAdded,
        parsed.tutorQuestions,
        before.tutorQuestions,
        after.tutorQuestions,
      ],
      ['lessonViews', summary.lessonViewsAdded, parsed.lessonViews, before.lessonViews, after.lessonViews],
    ] as const) {
      const stored = new Set(had.map((r) => r.id));
      if (added !== incoming.filter((r) => !stored.has(r.id)).length) fail(`${name} added`);
      if (now.length !== had.length + added) fail(`${name} count`);
      for (const r of had) {
        if (!same(now.find((x) => x.id === r.id) ?? null, r)) fail(`${name} row ${r.id} changed`);
      }
      for (const r of incoming) {
        const got = now.find((x) => x.id === r.id);
        if (!got) fail(`lost ${name} row ${r.id}`);
        if (!stored.has(r.id) && !same(got, r)) fail(`${name} row ${r.id} not as in the file`);
      }
      for (const r of now) if (!learnerIds.has(r.learnerId)) fail(`orphan ${name} row ${r.id}`);
    }
    for (const id of learnerIds) {
      const history = after.attempts
        .filter((a) => a.learnerId === id)
        .sort((x, y) => x.timestamp - y.timestamp || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
      const state = after.learnerState.find((s) => s.learnerId === id);
      if (history.length === 0) continue;
      if (!state) fail(`no state for ${id}`);
      const { learnerId: _l, updatedAt: _u, ...rest } = state as NonNullable<typeof state>;
      if (!same(rest, fuzzRebuild(id, history))) fail(`state of ${id} is not the rebuild of its history`);
    }
    if (!parsed.learners.some((l) => l.id === 'resident')) {
      const keep = (xs: readonly { learnerId?: string; id?: string }[]) =>
        xs.filter((x) => (x.learnerId ?? x.id) === 'resident');
      if (!same(keep(after.learners), keep(before.learners))) fail('resident learner changed');
      if (!same(keep(after.learnerState), keep(before.learnerState))) fail('resident state changed');
    }
    return {
      accepted: true,
      import: 'merged',
      modelsWritten: summary.modelsWritten,
      rowsAdded: summary.tutorQuestionsAdded + summary.lessonViewsAdded,
    };
  } finally {
    await db.delete();
  }
}
