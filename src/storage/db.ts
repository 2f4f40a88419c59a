import { Dexie, type Table } from 'dexie';
import type { Attempt, LearnerId, SkillId, SkillPractice } from '../core/types';
import { StorageError } from './errors';
import { CURRENT_SCHEMA_VERSION, declareSchema } from './migrations';
import type { PinHash } from './pin';

/** A learner profile on this device. */
export interface LearnerRecord {
  readonly id: LearnerId;
  readonly nickname: string;
  /** One of AVATARS (repositories.ts); the UI maps it to a picture. */
  readonly avatar: string;
  /** Present only when the learner chose a PIN. */
  readonly pin?: PinHash;
  /** Epoch ms. */
  readonly createdAt: number;
  /** Epoch ms; starts at createdAt so every learner is in the index (null keys are not indexed). */
  readonly lastActiveAt: number;
  /** UI language override for this learner; null/absent = device setting. */
  readonly locale?: string | null;
}

/**
 * The learner's state as of their latest attempt, written in the same transaction as that
 * attempt, so start-up reads one row instead of replaying the history.
 */
export interface LearnerStateRecord {
  readonly learnerId: LearnerId;
  /** The learner model's own versioned JSON snapshot (e.g. EloModel.toJSON()); opaque here. */
  readonly model: unknown;
  readonly practice: Readonly<Record<SkillId, SkillPractice>>;
  /** Number of attempts folded into `model` and `practice`. */
  readonly attemptCount: number;
  /** Epoch ms of the write. */
  readonly updatedAt: number;
}

/** Format of a ModelRecord (the row's own shape; the weights carry their own format too). */
export const MODEL_RECORD_VERSION = 1;

/**
 * A learner's fine-tuned knowledge-tracing model. Written whole, by one put, only after the new
 * weights beat the old ones on held-out attempts: a tab closed mid-training leaves the previous
 * row untouched.
 */
export interface ModelRecord {
  readonly learnerId: LearnerId;
  readonly recordVersion: number;
  /** The network's JSON descriptor (model/kt-net KtNetDescriptor); opaque to storage. */
  readonly descriptor: unknown;
  /** The weight bytes (tf.io encoding). */
  readonly weights: ArrayBuffer;
  /** Epoch ms when these weights were trained. */
  readonly trainedAt: number;
  /** Attempts in the history these weights were trained and checked on. */
  readonly attemptCount: number;
  /** What the training measured (held-out log loss before/after, seconds, backend…). */
  readonly metrics: Readonly<Record<string, number | string>>;
}

/**
 * Format of a ContentPackRecord row. 1: a pack file's items (generated-style answers). 2 (issue
 * 12): an imported question bank, whose items hold `QuestionAnswer`s, question keys, lesson cards
 * and a language. A version-1 row reads as it is; a build that knows only 1 skips version-2 rows
 * (it could not check their answers) instead of breaking practice. Pack files are still written
 * as 1, so an older build on the same device keeps them.
 */
export const CONTENT_PACK_RECORD_VERSION = 2;
export type ContentPackRecordVersion = 1 | 2;

/** A teacher-imported content pack (core/content-pack.ts), validated and sanitised before storage. */
export interface ContentPackRecord {
  /** The pack's id (its skills are namespaced `${id}:…`). */
  readonly id: string;
  readonly recordVersion: number;
  /** The pack's own revision. */
  readonly version: number;
  /** The ContentPack, rich text already sanitised; opaque to storage. */
  readonly pack: unknown;
  /** Epoch ms of the import. */
  readonly importedAt: number;
}

/** Format of an OutboxRecord row. */
export const OUTBOX_RECORD_VERSION = 1;

/** Where a statement is on its way to the Learning Record Store. */
export type OutboxStatus = 'pending' | 'sent' | 'quarantined';

/**
 * One xAPI statement for the LRS (issue 14; built by core/xapi.ts). Written in the same
 * transaction as the attempt it describes; sealed like the attempts on an encrypted device
 * (only the four indexed fields stay clear).
 */
export interface OutboxRecord {
  /** The statement's id (a v5 UUID derived from the attempt's id): a retry is never a duplicate. */
  readonly id: string;
  readonly recordVersion: number;
  readonly learnerId: LearnerId;
  readonly status: OutboxStatus;
  /** Epoch ms it was queued: sending order. */
  readonly queuedAt: number;
  /** 'answered' | 'mastered' | 'session' | 'placement' | 'voided' (core/xapi.ts StatementKind). */
  readonly kind: string;
  /** The xAPI statement, as sent; opaque to storage. */
  readonly statement: unknown;
  /** Epoch ms the LRS stored it. */
  readonly sentAt?: number;
  /** Why the LRS refused it (quarantined): its status and answer, for the adult. */
  readonly problem?: string;
}

/** Format of a LessonViewRecord row. */
export const LESSON_VIEW_RECORD_VERSION = 1;

/** Why a lesson card was opened (issue 12). */
export const LESSON_OPENED_WHYS = ['first', 'reopened', 'recommended'] as const;
export type LessonOpenedWhy = (typeof LESSON_OPENED_WHYS)[number];

/**
 * A lesson card a learner opened, for the teacher's learner page: before the skill's first item,
 * reopened by the learner, or from the suggestion after a wrong answer. Kept like the tutor's
 * questions: sealed on an encrypted device, in backups from format 4, deleted with the learner.
 */
export interface LessonViewRecord {
  readonly id: string;
  readonly recordVersion: number;
  readonly learnerId: LearnerId;
  readonly skillId: SkillId;
  readonly why: LessonOpenedWhy;
  /** Epoch ms. */
  readonly openedAt: number;
}

/** Format of a TutorQuestionRecord row. */
export const TUTOR_QUESTION_RECORD_VERSION = 1;

/** What a learner asked the tutor (issue 13): 'explain-step', 'why-wrong' or 'free'. */
export const TUTOR_ASK_KINDS = ['explain-step', 'why-wrong', 'free'] as const;
export type TutorAskKind = (typeof TUTOR_ASK_KINDS)[number];

/**
 * One question a learner asked the optional tutor, for the teacher's learner page. Kept on this
 * device with the learner's data: sealed on an encrypted device (only the id, learner id and
 * time stay clear), in backups from format 4, deleted with the learner.
 */
export interface TutorQuestionRecord {
  readonly id: string;
  readonly recordVersion: number;
  readonly learnerId: LearnerId;
  /** Epoch ms. */
  readonly askedAt: number;
  readonly kind: TutorAskKind;
  /** The item it was asked on (`skill~difficulty~seed`). */
  readonly itemId: string;
  /** The question typed, for a free question. */
  readonly question?: string;
}

/** A row of the `lrs` store: the connection ('config') and the sender's state ('state'). */
export interface LrsRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface SettingRecord {
  readonly key: string;
  readonly value: unknown;
}

export interface MetaRecord {
  readonly key: string;
  readonly value: unknown;
}

export const DEFAULT_DB_NAME = 'lantern';
/** meta row holding the highest schema version that has written to this database. */
export const SCHEMA_VERSION_KEY = 'schemaVersion';

export interface LanternDBOptions {
  /** Clock for the 'createdAt' meta row. */
  readonly now?: () => number;
  /** Passed to Dexie, e.g. { indexedDB, IDBKeyRange } from fake-indexeddb. */
  readonly dexie?: ConstructorParameters<typeof Dexie>[1];
}

/**
 * Lantern's IndexedDB database. The schema lives in migrations.ts, one function per version.
 * Repositories (repositories.ts) are the only intended way in.
 */
export class LanternDB extends Dexie {
  learners!: Table<LearnerRecord, string>;
  attempts!: Table<Attempt, string>;
  learnerState!: Table<LearnerStateRecord, string>;
  models!: Table<ModelRecord, string>;
  contentPacks!: Table<ContentPackRecord, string>;
  outbox!: Table<OutboxRecord, string>;
  lrs!: Table<LrsRecord, string>;
  tutorQuestions!: Table<TutorQuestionRecord, string>;
  lessonViews!: Table<LessonViewRecord, string>;
  settings!: Table<SettingRecord, string>;
  meta!: Table<MetaRecord, string>;

  constructor(name: string = DEFAULT_DB_NAME, opts: LanternDBOptions = {}) {
    // 'strict' makes Chrome flush to disk before `complete`, so a resolved record() really
    // is durable (Chrome's default became 'relaxed' in v121). Other browsers ignore it.
    super(name, { chromeTransactionDurability: 'strict', ...opts.dexie });
    declareSchema(this);
    const now = opts.now ?? (() => Date.now());
    // Runs once, when the database is first created (not on upgrades).
    this.on('populate', (tx) => {
      void tx.table('meta').add({ key: 'createdAt', value: now() });
    });
    // Dexie 4 happily opens a database a newer build has upgraded (it only needs the stores
    // it knows). An old cached tab writing old-shaped rows into newer data would corrupt it,
    // so every build records the schema it wrote, and refuses to open a newer one.
    this.on('ready', async (db) => {
      const meta = db.table<MetaRecord, string>('meta');
      const row = await meta.get(SCHEMA_VERSION_KEY);
      const stored = typeof row?.value === 'number' ? row.value : 0;
      if (stored > CURRENT_SCHEMA_VERSION) {
        throw new StorageError('conflict', {
          messageKey: 'error.newerVersion',
          detail: `database schema v${stored} is newer than this build's v${CURRENT_SCHEMA_VERSION}`,
        });
      }
      if (stored < CURRENT_SCHEMA_VERSION) {
        await meta.put({ key: SCHEMA_VERSION_KEY, value: CURRENT_SCHEMA_VERSION });
      }
    });
  }
}
