/**
 * Upgrade harness. For every schema version N it builds a database exactly as a build at
 * version N left it — raw Dexie, that version's declarations (declareSchema(raw, N)), and a
 * frozen fixture of realistic rows written in that version's shape — then opens it with the
 * current LanternDB and reads everything back through the repositories. It does so straight
 * from N to the current version and step by step through every version in between.
 *
 * Adding version N+1: add its entry to SCHEMA_VERSIONS and MIGRATIONS, and a fixture here.
 * Never edit an old fixture: it is what real devices hold. If the upgrade reshapes data, update
 * the old fixtures' `verify` to expect the new shape; their `seed` stays as it was.
 */
import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { LanternDB, SCHEMA_VERSION_KEY } from './db';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, SCHEMA_VERSIONS, declareSchema } from './migrations';
import { AttemptRepo, LearnerRepo, LearnerStateRepo, ModelRepo, SettingsRepo } from './repositories';
import { ContentPackRepo } from './content-packs';
import { LrsRepo, OutboxRepo } from './outbox';
import { TutorQuestionRepo } from './tutor-questions';
import { LessonViewRepo } from './lesson-views';
import { skillsOfPack, type ContentPack } from '../core/content-pack';

type Row = Record<string, unknown>;

interface Fixture {
  /** Writes rows as a build at this version did, through raw tables only. */
  seed(raw: Dexie): Promise<void>;
  /** Checks, through the current repositories, that nothing seeded was lost or garbled. */
  verify(db: LanternDB): Promise<void>;
}

// ---- v1 fixture: two learners, one with a PIN, 60 + 5 attempts, states, settings, meta. ----

const T0 = 1_717_000_000_000;
// hashPin('2468', V1_SALT, 1000): few iterations keep the test fast; verification reads them.
const V1_PIN = {
  salt: '0f1e2d3c4b5a69788796a5b4c3d2e1f0',
  hash: '0a7da68c7a1655474d71bbc7eaaede2797e2d4404939fa03ddcc22d9892b8f64',
  iterations: 1000,
};
const V1_LEARNERS: Row[] = [
  {
    id: 'c0a8e5d2-1b7f-4c3e-9a61-5f2d8b7e4a10',
    nickname: 'Mei',
    avatar: 'panda',
    pin: V1_PIN,
    createdAt: T0,
    lastActiveAt: T0 + 59 * 60_000,
  },
  {
    id: '7e1f0b9c-3d2a-4f6e-8b5c-a4d3e2f1c0b9',
    nickname: 'Tomás',
    avatar: 'fox',
    createdAt: T0 + 1000,
    lastActiveAt: T0 + 90 * 60_000,
    locale: 'en',
  },
];
const SKILLS = ['add-within-20', 'sub-within-20', 'times-tables'];

function v1Attempts(learnerId: string, n: number, idPrefix: string, start: number): Row[] {
  return Array.from({ length: n }, (_, i) => {
    const skillId = SKILLS[i % SKILLS.length] as string;
    const difficulty = 1 + (i % 3);
    const seed = (i * 2654435761) >>> 0;
    return {
      id: `${idPrefix}-${String(i).padStart(4, '0')}-4a1b-8c2d-3e4f5a6b7c8d`,
      learnerId,
      itemId: `${skillId}~${difficulty}~${seed}`,
      skillId,
      difficulty,
      seed,
      params: { a: i % 10, b: (i * 3) % 10 },
      answer: String((i % 10) + ((i * 3) % 10)),
      correct: i % 4 !== 0,
      responseMs: 2000 + (i % 7) * 350,
      hintsUsed: i % 5 === 0 ? 1 : 0,
      solutionShown: i % 11 === 0,
      timestamp: start + i * 60_000,
      appVersion: '0.1.0',
    };
  });
}
const [MEI, TOMAS] = V1_LEARNERS.map((l) => l.id as string) as [string, string];
const V1_ATTEMPTS = [
  ...v1Attempts(MEI, 60, 'a0000001', T0),
  ...v1Attempts(TOMAS, 5, 'b0000002', T0 + 86 * 60_000),
];

function v1State(learnerId: string): Row {
  const mine = V1_ATTEMPTS.filter((a) => a.learnerId === learnerId);
  const practice: Record<string, { attempts: number; correct: number; lastPracticed: number }> = {};
  for (const a of mine) {
    const p = (practice[a.skillId as string] ??= { attempts: 0, correct: 0, lastPracticed: 0 });
    p.attempts += 1;
    p.correct += a.correct ? 1 : 0;
    p.lastPracticed = a.timestamp as number;
  }
  return {
    learnerId,
    model: { kind: 'elo', version: 1, ratings: Object.fromEntries(SKILLS.map((s, i) => [s, 1000 + i * 25])) },
    practice,
    attemptCount: mine.length,
    updatedAt: mine[mine.length - 1]?.timestamp,
  };
}
const V1_STATES = [v1State(MEI), v1State(TOMAS)];

const v1Fixture: Fixture = {
  async seed(raw) {
    await raw.transaction('rw', raw.tables, async () => {
      await raw.table('learners').bulkAdd(V1_LEARNERS);
      await raw.table('attempts').bulkAdd(V1_ATTEMPTS);
      await raw.table('learnerState').bulkAdd(V1_STATES);
      await raw.table('settings').bulkAdd([
        { key: 'locale', value: 'zh-CN' },
        { key: 'lastLearnerId', value: TOMAS },
      ]);
      await raw.table('meta').bulkAdd([
        { key: 'createdAt', value: T0 - 5000 },
        { key: SCHEMA_VERSION_KEY, value: 1 },
      ]);
    });
  },
  async verify(db) {
    const learners = new LearnerRepo(db);
    const attempts = new AttemptRepo(db);
    const states = new LearnerStateRepo(db);
    const settings = new SettingsRepo(db);
    expect(await learners.list()).toEqual([V1_LEARNERS[1], V1_LEARNERS[0]]);
    expect(await learners.verifyPin(MEI, '2468')).toBe(true);
    expect(await learners.verifyPin(MEI, '8642')).toBe(false);
    expect(await attempts.listForLearner(MEI)).toEqual(V1_ATTEMPTS.filter((a) => a.learnerId === MEI));
    expect(await attempts.listForLearner(TOMAS)).toEqual(V1_ATTEMPTS.filter((a) => a.learnerId === TOMAS));
    expect(await attempts.listForSkill(MEI, 'times-tables')).toHaveLength(20);
    expect(await states.get(MEI)).toEqual(V1_STATES[0]);
    expect(await states.get(TOMAS)).toEqual(V1_STATES[1]);
    expect(await settings.get('locale')).toBe('zh-CN');
    expect(await settings.get('lastLearnerId')).toBe(TOMAS);
    expect(await db.meta.get('createdAt')).toEqual({ key: 'createdAt', value: T0 - 5000 });
    // Practice continues from the stored state, without replaying the history.
    const prev = await states.get(MEI);
    const next = {
      ...(V1_ATTEMPTS[0] as object),
      id: 'after-upgrade',
      learnerId: MEI,
      timestamp: T0 + 10 ** 8,
    };
    await attempts.record(next as never, {
      model: prev?.model,
      practice: prev?.practice ?? {},
      attemptCount: 61,
    });
    expect(await attempts.count(MEI)).toBe(61);
    expect((await learners.list())[0]?.id).toBe(MEI);
  },
};

// ---- v2 fixture: the v1 rows plus a fine-tuned model for Mei (weights as raw bytes). ----

const V2_WEIGHTS = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) & 255).buffer;
const V2_MODEL: Row = {
  learnerId: MEI,
  recordVersion: 1,
  descriptor: { format: 'lantern-kt-net', formatVersion: 1, config: { dModel: 64 }, weightSpecs: [] },
  weights: V2_WEIGHTS,
  trainedAt: T0 + 60 * 60_000,
  attemptCount: 60,
  metrics: { lossBefore: 0.61, lossAfter: 0.55, heldOut: 12, seconds: 0.4, backend: 'wasm' },
};

const v2Fixture: Fixture = {
  async seed(raw) {
    await v1Fixture.seed(raw);
    await raw.table('meta').put({ key: SCHEMA_VERSION_KEY, value: 2 });
    await raw.table('models').add(V2_MODEL);
  },
  async verify(db) {
    await v1Fixture.verify(db);
    const models = new ModelRepo(db);
    const mei = await models.get(MEI);
    expect(mei).toEqual(V2_MODEL);
    expect(new Uint8Array(mei!.weights)).toEqual(new Uint8Array(V2_WEIGHTS));
    expect(await models.get(TOMAS)).toBeUndefined();
    // Deleting a learner takes their model with them.
    await new LearnerRepo(db).delete(MEI);
    expect(await models.get(MEI)).toBeUndefined();
  },
};

// ---- v3 fixture: the v2 rows plus an installed content pack. ----

const V3_PACK: Row = {
  id: 'shapes',
  recordVersion: 1,
  version: 2,
  pack: {
    format: 'lantern-content',
    formatVersion: 1,
    id: 'shapes',
    version: 2,
    title: { en: 'Shapes', 'zh-CN': '图形' },
    skills: [
      {
        id: 'shapes:sides',
        name: { en: 'Counting sides' },
        strand: 'number',
        band: 1,
        prerequisites: ['placeValue'],
        items: [
          {
            difficulty: 1,
            prompt: { en: 'How many sides has a <b>triangle</b>?' },
            answer: { kind: 'integer', value: 3 },
          },
        ],
      },
    ],
  },
  importedAt: T0 + 2 * 60 * 60_000,
};

const v3Fixture: Fixture = {
  async seed(raw) {
    await v2Fixture.seed(raw);
    await raw.table('meta').put({ key: SCHEMA_VERSION_KEY, value: 3 });
    await raw.table('contentPacks').add(V3_PACK);
  },
  async verify(db) {
    const packs = new ContentPackRepo(db);
    expect(await packs.list()).toEqual([V3_PACK]);
    await v2Fixture.verify(db);
    // The stored pack still reads as course skills.
    const [row] = await packs.list();
    expect(skillsOfPack(row!.pack as ContentPack)[0]?.prerequisites).toEqual(['placeValue']);
    // Removing the pack leaves learners and their answers alone.
    await packs.remove('shapes');
    expect(await packs.list()).toEqual([]);
    expect(await new AttemptRepo(db).count(TOMAS)).toBe(5);
  },
};

// ---- v4 fixture: the v3 rows plus an LRS, a sent, a pending and a quarantined statement. ----

const V4_ACTOR = { objectType: 'Agent', account: { homePage: 'https://school.example/lantern', name: MEI } };
function v4Statement(id: string, attemptIndex: number): Row {
  const a = V1_ATTEMPTS[attemptIndex] as Row;
  return {
    id,
    actor: V4_ACTOR,
    verb: { id: 'http://adlnet.gov/expapi/verbs/answered', display: { en: 'answered', 'zh-CN': '回答了' } },
    object: { objectType: 'Activity', id: `https://school.example/lantern/item/${a.itemId as string}` },
    result: { success: a.correct, response: a.answer, duration: 'PT2S' },
    timestamp: new Date(a.timestamp as number).toISOString(),
    version: '1.0.3',
  };
}
const V4_OUTBOX: Row[] = [
  ['5b0e2c1a-0d4e-5f6a-8b7c-9d0e1f2a3b4c', 'sent', 57],
  ['6c1f3d2b-1e5f-5a7b-9c8d-0e1f2a3b4c5d', 'pending', 58],
  ['7d2a4e3c-2f6a-5b8c-8d9e-1f2a3b4c5d6e', 'quarantined', 59],
].map(([id, status, i], k) => ({
  id,
  recordVersion: 1,
  learnerId: MEI,
  status,
  queuedAt: T0 + 3 * 60 * 60_000 + k,
  kind: 'answered',
  statement: v4Statement(id as string, i as number),
  ...(status === 'sent' ? { sentAt: T0 + 4 * 60 * 60_000 } : {}),
  ...(status === 'quarantined' ? { problem: '409: conflicting' } : {}),
}));
const V4_LRS: Row[] = [
  {
    key: 'config',
    value: {
      version: 1,
      endpoint: 'https://lrs.school.example/xapi/',
      key: 'tablet-7',
      secret: 's3cret-write-only',
      base: 'https://school.example/lantern',
      nicknames: false,
      since: T0,
      configuredAt: T0 + 3 * 60 * 60_000,
    },
  },
  { key: 'state', value: { lastSentAt: T0 + 4 * 60 * 60_000, failures: 0 } },
];

const v4Fixture: Fixture = {
  async seed(raw) {
    await v3Fixture.seed(raw);
    await raw.table('meta').put({ key: SCHEMA_VERSION_KEY, value: 4 });
    await raw.table('outbox').bulkAdd(V4_OUTBOX);
    await raw.table('lrs').bulkAdd(V4_LRS);
  },
  async verify(db) {
    const outbox = new OutboxRepo(db);
    const lrs = new LrsRepo(db);
    expect(await lrs.get('config')).toEqual(V4_LRS[0]?.value);
    expect(await lrs.get('state')).toEqual(V4_LRS[1]?.value);
    expect(await outbox.counts()).toEqual({ pending: 1, sent: 1, quarantined: 1 });
    expect(await outbox.pending(10)).toEqual([V4_OUTBOX[1]]);
    expect(await outbox.list('quarantined')).toEqual([V4_OUTBOX[2]]);
    // Deleting Mei (inside v3's checks, through v2's) voids what was sent and drops the rest.
    await v3Fixture.verify(db);
    const left = await outbox.forLearner(MEI);
    expect(left).toHaveLength(1);
    expect(left[0]).toMatchObject({
      kind: 'voided',
      status: 'pending',
      statement: { verb: { id: 'http://adlnet.gov/expapi/verbs/voided' }, object: { id: V4_OUTBOX[0]?.id } },
    });
  },
};

// ---- v5 fixture: questions asked of the tutor (issue 13), by both learners. ----

const V5_QUESTIONS: Row[] = [
  {
    id: 'tq-0001',
    recordVersion: 1,
    learnerId: MEI,
    askedAt: T0 + 5 * 60 * 60_000,
    kind: 'free',
    itemId: 'add-within-20~1~12345',
    question: '为什么要进位？',
  },
  {
    id: 'tq-0002',
    recordVersion: 1,
    learnerId: TOMAS,
    askedAt: T0 + 5 * 60 * 60_000 + 1000,
    kind: 'explain-step',
    itemId: 'times-tables~2~999',
  },
  {
    id: 'tq-0003',
    recordVersion: 1,
    learnerId: TOMAS,
    askedAt: T0 + 5 * 60 * 60_000 + 2000,
    kind: 'why-wrong',
    itemId: 'times-tables~2~999',
  },
];

const V5_LESSONS: Row[] = [
  {
    id: 'lv-0001',
    recordVersion: 1,
    learnerId: MEI,
    skillId: 'shapes:sides',
    why: 'first',
    openedAt: T0 + 6 * 60 * 60_000,
  },
  {
    id: 'lv-0002',
    recordVersion: 1,
    learnerId: TOMAS,
    skillId: 'shapes:sides',
    why: 'recommended',
    openedAt: T0 + 6 * 60 * 60_000 + 1000,
  },
];

const v5Fixture: Fixture = {
  async seed(raw) {
    await v4Fixture.seed(raw);
    await raw.table('meta').put({ key: SCHEMA_VERSION_KEY, value: 5 });
    await raw.table('tutorQuestions').bulkAdd(V5_QUESTIONS);
    await raw.table('lessonViews').bulkAdd(V5_LESSONS);
  },
  async verify(db) {
    const lessons = new LessonViewRepo(db);
    expect(await lessons.listForLearner(MEI)).toEqual([V5_LESSONS[0]]);
    expect(await lessons.listForLearner(TOMAS)).toEqual([V5_LESSONS[1]]);
    const questions = new TutorQuestionRepo(db);
    expect(await questions.listForLearner(TOMAS)).toEqual([V5_QUESTIONS[2], V5_QUESTIONS[1]]);
    expect(await questions.listForLearner(MEI)).toEqual([V5_QUESTIONS[0]]);
    // Deleting Mei (inside v4's checks) deletes her questions too, and only hers.
    await v4Fixture.verify(db);
    expect(await questions.listForLearner(MEI)).toEqual([]);
    expect(await questions.listForLearner(TOMAS)).toHaveLength(2);
    expect(await lessons.listForLearner(MEI)).toEqual([]);
    expect(await lessons.listForLearner(TOMAS)).toEqual([V5_LESSONS[1]]);
  },
};

/** One fixture per schema version, keyed by version. */
const FIXTURES: Readonly<Record<number, Fixture>> = {
  1: v1Fixture,
  2: v2Fixture,
  3: v3Fixture,
  4: v4Fixture,
  5: v5Fixture,
};

// ---- harness ----

let n = 0;
const open: Dexie[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) await d.delete();
});

function dbName(): string {
  return `migration-${process.pid}-${++n}`;
}

/** A raw Dexie handle on `name` declaring only versions 1..version, as that build did. */
function rawAt(name: string, version: number): Dexie {
  const raw = new Dexie(name);
  declareSchema(raw, version);
  return raw;
}

async function buildAt(version: number): Promise<string> {
  const name = dbName();
  const raw = rawAt(name, version);
  await raw.open();
  expect(raw.verno).toBe(version);
  await (FIXTURES[version] as Fixture).seed(raw);
  raw.close();
  return name;
}

async function openCurrent(name: string): Promise<LanternDB> {
  const db = new LanternDB(name);
  open.push(db);
  await db.open();
  expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
  return db;
}

/** The native IndexedDB schema, read without Dexie: store → { keyPath, indexes }. */
async function nativeSchema(
  name: string,
): Promise<Record<string, { keyPath: unknown; indexes: Record<string, unknown> }>> {
  const idb = await new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  try {
    const out: Record<string, { keyPath: unknown; indexes: Record<string, unknown> }> = {};
    const names = [...idb.objectStoreNames];
    if (names.length === 0) return out;
    const tx = idb.transaction(names, 'readonly');
    for (const s of names) {
      const store = tx.objectStore(s);
      const indexes: Record<string, unknown> = {};
      for (const i of [...store.indexNames]) indexes[i] = store.index(i).keyPath;
      out[s] = { keyPath: store.keyPath, indexes };
    }
    return out;
  } finally {
    idb.close();
  }
}

/** What a Dexie store spec should produce natively: '[a+b]' → keyPath ['a','b']. */
function expectedSchema(stores: Readonly<Record<string, string | null>>) {
  const keyPath = (spec: string) => (spec.startsWith('[') ? spec.slice(1, -1).split('+') : spec);
  const out: Record<string, { keyPath: unknown; indexes: Record<string, unknown> }> = {};
  for (const [store, spec] of Object.entries(stores)) {
    if (spec === null) continue;
    const [pk, ...idx] = spec.split(',').map((s) => s.trim());
    out[store] = {
      keyPath: keyPath(pk as string),
      indexes: Object.fromEntries(idx.map((i) => [i, keyPath(i)])),
    };
  }
  return out;
}

/** A version's cumulative schema: later specs of a store replace earlier ones; null drops it. */
function cumulativeStores(version: number): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const v of SCHEMA_VERSIONS.filter((s) => s.version <= version)) Object.assign(out, v.stores);
  return out;
}

describe('schema versions', () => {
  it('are 1..N, one migration and one fixture each', () => {
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual(SCHEMA_VERSIONS.map((_, i) => i + 1));
    expect(MIGRATIONS).toHaveLength(SCHEMA_VERSIONS.length);
    expect(CURRENT_SCHEMA_VERSION).toBe(SCHEMA_VERSIONS.length);
    for (const v of SCHEMA_VERSIONS) expect(FIXTURES[v.version], `fixture for v${v.version}`).toBeDefined();
  });

  it('creates the current schema from an empty database, natively as declared', async () => {
    const name = dbName();
    const db = await openCurrent(name);
    expect((await db.meta.get(SCHEMA_VERSION_KEY))?.value).toBe(CURRENT_SCHEMA_VERSION);
    db.close();
    expect(await nativeSchema(name)).toEqual(expectedSchema(cumulativeStores(CURRENT_SCHEMA_VERSION)));
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))('builds v%i natively as declared', async (version) => {
    const name = dbName();
    const raw = rawAt(name, version);
    open.push(raw);
    await raw.open();
    raw.close();
    expect(await nativeSchema(name)).toEqual(expectedSchema(cumulativeStores(version)));
  });
});

describe('upgrades keep every row', () => {
  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'from v%i straight to the current version',
    async (version) => {
      const name = await buildAt(version);
      const db = await openCurrent(name);
      await (FIXTURES[version] as Fixture).verify(db);
      expect((await db.meta.get(SCHEMA_VERSION_KEY))?.value).toBe(CURRENT_SCHEMA_VERSION);
    },
  );

  it.each(SCHEMA_VERSIONS.map((v) => v.version))(
    'from v%i step by step through every later version',
    async (version) => {
      const name = await buildAt(version);
      for (let next = version + 1; next <= CURRENT_SCHEMA_VERSION; next++) {
        const raw = rawAt(name, next);
        await raw.open();
        expect(raw.verno).toBe(next);
        raw.close();
      }
      const db = await openCurrent(name);
      await (FIXTURES[version] as Fixture).verify(db);
    },
  );

  it('notices a lost row (harness self-check)', async () => {
    const name = await buildAt(1);
    const db = await openCurrent(name);
    await db.attempts.delete(V1_ATTEMPTS[3]?.id as string);
    await expect(v1Fixture.verify(db)).rejects.toThrow();
  });

  it('refuses a database written by a newer build instead of writing old-shaped rows into it', async () => {
    const name = await buildAt(CURRENT_SCHEMA_VERSION);
    const raw = rawAt(name, CURRENT_SCHEMA_VERSION);
    await raw.table('meta').put({ key: SCHEMA_VERSION_KEY, value: CURRENT_SCHEMA_VERSION + 1 });
    raw.close();
    const db = new LanternDB(name);
    open.push(db);
    await expect(new SettingsRepo(db).get('locale')).rejects.toMatchObject({
      name: 'StorageError',
      code: 'conflict',
      messageKey: 'error.newerVersion',
    });
  });
});
