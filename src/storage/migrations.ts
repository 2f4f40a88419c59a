import type { Dexie } from 'dexie';

/**
 * One entry per schema version, oldest first. Documented in ARCHITECTURE.md and used by the
 * upgrade tests. A shipped version is frozen: never edit its `stores`, add a new version.
 */
export interface SchemaVersion {
  readonly version: number;
  /** Dexie store specs: primary key first, then indexes. `null` deletes a store. */
  readonly stores: Readonly<Record<string, string | null>>;
  /** What changed in this version and why. */
  readonly summary: string;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    summary:
      'Initial schema: learners, attempts (append-only log), learnerState (model snapshot kept in step ' +
      'with every attempt), device settings and database meta.',
    stores: {
      // lastActiveAt: picker order (most recent first).
      learners: 'id, lastActiveAt',
      // [learnerId+timestamp]: a learner's history in time order (charts, exports, replays).
      // [learnerId+skillId]: one skill's history for a learner (progress detail).
      attempts: 'id, learnerId, [learnerId+timestamp], [learnerId+skillId]',
      learnerState: 'learnerId',
      settings: 'key',
      meta: 'key',
    },
  },
  {
    version: 2,
    summary:
      "models: each learner's fine-tuned knowledge-tracing weights (issue 3), one row per learner, " +
      'replaced whole by a single put so a closed tab never leaves half a model.',
    stores: {
      models: 'learnerId',
    },
  },
  {
    version: 3,
    summary:
      'contentPacks: teacher-imported content packs (issue 5), one row per pack id holding the ' +
      'validated, DOMPurify-sanitised pack; a re-import replaces the row by a single put.',
    stores: {
      contentPacks: 'id',
    },
  },
  {
    version: 4,
    summary:
      'outbox: xAPI statements for a Learning Record Store (issue 14), one row per statement id (a v5 ' +
      "UUID of the attempt's id), written in the same transaction as the attempt; [status+queuedAt] " +
      'gives the sender the oldest pending ones, learnerId the ones to void when a learner is deleted. ' +
      "lrs: the LRS connection (endpoint, key, secret) and the sender's state, one row per key. " +
      'Nothing to transform: statements for older attempts are built by the sender, from a start date ' +
      'an adult chooses (an upgrade cannot read sealed rows).',
    stores: {
      outbox: 'id, learnerId, [status+queuedAt]',
      lrs: 'key',
    },
  },
  {
    version: 5,
    summary:
      'tutorQuestions: what a learner asked the optional tutor (issue 13): the ask kind, the item, ' +
      "the free question typed (if any) and when, one row per question, kept with the learner's " +
      'data (sealed on an encrypted device, in backups from format 4, deleted with the learner). ' +
      "[learnerId+askedAt] lists a learner's questions in time order for the teacher. " +
      'lessonViews: a lesson card a learner opened (issue 12): the skill, why (first time, ' +
      'reopened, recommended after a wrong answer) and when, one row per opening, kept like the ' +
      "questions; [learnerId+openedAt] lists a learner's openings for the teacher.",
    stores: {
      tutorQuestions: 'id, learnerId, [learnerId+askedAt]',
      lessonViews: 'id, learnerId, [learnerId+openedAt]',
    },
  },
];

export const CURRENT_SCHEMA_VERSION: number = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1]?.version ?? 0;

function storesOf(version: number): Readonly<Record<string, string | null>> {
  const v = SCHEMA_VERSIONS.find((s) => s.version === version);
  if (!v) throw new RangeError(`no schema version ${version}`);
  return v.stores;
}

/** Declares one version on a Dexie instance (its stores and, from v2 on, its `.upgrade()`). */
export type Migration = (db: Dexie) => void;

/** v1 creates everything; there is no data to transform. */
const v1: Migration = (db) => {
  db.version(1).stores(storesOf(1));
};

/*
 * Pattern for the next version (copy, uncomment, register in MIGRATIONS, add a SCHEMA_VERSIONS
 * entry and a fixture in migrations.test.ts — the test fails until every version has one):
 *
 * const v2: Migration = (db) => {
 *   db.version(2)
 *     .stores(storesOf(2))
 *     .upgrade(async (tx) => {
 *       // Use tx.table('name'), never typed tables or repositories: they describe the
 *       // *current* shape, and this code must keep working on v1 data forever.
 *       // Await only Dexie promises here: awaiting fetch/crypto commits the transaction early.
 *       await tx.table('learners').toCollection().modify((l: Record<string, unknown>) => {
 *         if (!('locale' in l)) l.locale = null;
 *       });
 *     });
 * };
 *
 * Versions whose upgrade has run everywhere may eventually be dropped from MIGRATIONS, but
 * only together with their fixtures, and never the version that first created a store.
 */

/**
 * v2 adds the models store. Nothing to transform: learners without a row use the shipped base
 * model until their first fine-tuning.
 */
const v2: Migration = (db) => {
  db.version(2).stores(storesOf(2));
};

/** v3 adds the contentPacks store. Nothing to transform: a device starts with no packs. */
const v3: Migration = (db) => {
  db.version(3).stores(storesOf(3));
};

/**
 * v4 adds the outbox and lrs stores. Nothing to transform: a device starts with no LRS, and
 * statements for attempts from before one was configured are built by the sender (the rows are
 * sealed on an encrypted device, which is locked while the database opens).
 */
const v4: Migration = (db) => {
  db.version(4).stores(storesOf(4));
};

/**
 * v5 adds the tutorQuestions and lessonViews stores. Nothing to transform: no learner has asked
 * the tutor or opened a lesson card yet.
 */
const v5: Migration = (db) => {
  db.version(5).stores(storesOf(5));
};

/** Index i declares version i + 1. */
export const MIGRATIONS: readonly Migration[] = [v1, v2, v3, v4, v5];

/**
 * Declares every version up to `upTo` on `db`. LanternDB uses the latest; the upgrade tests use
 * older ones on a raw `new Dexie(name)` to build a database exactly as an old build left it.
 */
export function declareSchema(db: Dexie, upTo: number = CURRENT_SCHEMA_VERSION): void {
  if (upTo < 1 || upTo > MIGRATIONS.length) throw new RangeError(`no schema version ${upTo}`);
  for (const m of MIGRATIONS.slice(0, upTo)) m(db);
}
