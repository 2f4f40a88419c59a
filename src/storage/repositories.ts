/**
 * Repositories: the storage layer's public API. Plain data in, plain data out.
 *
 * Callers must pass plain objects. Svelte `$state` values are proxies that IndexedDB cannot
 * store (DataCloneError), so take `$state.snapshot(x)` first. Every input is copied with
 * structuredClone on the way in, so a caller mutating its object later never changes what
 * was written, and a proxy fails here, loudly, instead of deep inside a transaction.
 */
import { ValidationError } from '../core/errors';
import type { Attempt, LearnerId, SkillId, SkillPractice } from '../core/types';
import type { LanternDB, LearnerRecord, LearnerStateRecord, ModelRecord } from './db';
import { MODEL_RECORD_VERSION } from './db';
import { StorageError, guard } from './errors';
import { addNewEntries, voidSentOf, type NewOutboxEntry } from './outbox';
import { PIN_ITERATIONS, hashPin, isValidPin, verifyPin } from './pin';

/** Avatar ids a learner can pick; stored as-is. Order is the picker's order. */
export const AVATARS = [
  'fox',
  'owl',
  'cat',
  'panda',
  'frog',
  'lion',
  'rabbit',
  'turtle',
  'whale',
  'bee',
  'tiger',
  'penguin',
] as const;
export type AvatarId = (typeof AVATARS)[number];

/** Display emoji per avatar id (language-neutral, so it can live outside the catalogues). */
export const AVATAR_EMOJI: Readonly<Record<AvatarId, string>> = {
  fox: '🦊',
  owl: '🦉',
  cat: '🐱',
  panda: '🐼',
  frog: '🐸',
  lion: '🦁',
  rabbit: '🐰',
  turtle: '🐢',
  whale: '🐳',
  bee: '🐝',
  tiger: '🐯',
  penguin: '🐧',
};

export const NICKNAME_MAX = 24;

export interface RepoOptions {
  /** Id source; default crypto.randomUUID. */
  readonly newId?: () => string;
  /** Clock (epoch ms); default Date.now. */
  readonly now?: () => number;
  /** PBKDF2 iterations for new PINs; lowered only in tests. */
  readonly pinIterations?: number;
}

const defaultNewId = (): string => globalThis.crypto.randomUUID();
const defaultNow = (): number => Date.now();

/** Copies caller data so nothing shared (or proxied) reaches IndexedDB. */
function plain<T>(value: T): T {
  try {
    return structuredClone(value);
  } catch (e) {
    throw new TypeError('Storage accepts plain data only; pass $state.snapshot(value) for Svelte state.', {
      cause: e,
    });
  }
}

function normaliseNickname(raw: unknown): string {
  const nickname = typeof raw === 'string' ? raw.trim() : '';
  if (nickname.length === 0) throw new ValidationError('learner.nicknameRequired');
  // Count code points, not UTF-16 units, so an emoji or a CJK extension character counts once.
  if ([...nickname].length > NICKNAME_MAX) {
    throw new ValidationError('learner.nicknameTooLong', { max: NICKNAME_MAX });
  }
  return nickname;
}

function checkAvatar(avatar: unknown): AvatarId {
  if (typeof avatar !== 'string' || !(AVATARS as readonly string[]).includes(avatar)) {
    throw new ValidationError('learner.avatarRequired');
  }
  return avatar as AvatarId;
}

function checkPin(pin: unknown): string {
  if (!isValidPin(pin)) throw new ValidationError('learner.pinFormat');
  return pin;
}

function learnerNotFound(id: LearnerId): StorageError {
  return new StorageError('notFound', { messageKey: 'learner.notFound', detail: `learner ${id} not found` });
}

export interface NewLearner {
  readonly nickname: string;
  readonly avatar: string;
  /** Exactly 4 digits, or absent/undefined for no PIN. */
  readonly pin?: string;
  readonly locale?: string | null;
}

export interface LearnerPatch {
  readonly nickname?: string;
  readonly avatar?: string;
  /** A new 4-digit PIN, or null to remove it. */
  readonly pin?: string | null;
  readonly locale?: string | null;
}

export class LearnerRepo {
  readonly #db: LanternDB;
  readonly #newId: () => string;
  readonly #now: () => number;
  readonly #pinIterations: number;

  constructor(db: LanternDB, opts: RepoOptions = {}) {
    this.#db = db;
    this.#newId = opts.newId ?? defaultNewId;
    this.#now = opts.now ?? defaultNow;
    this.#pinIterations = opts.pinIterations ?? PIN_ITERATIONS;
  }

  /** @throws ValidationError ('learner.nicknameRequired' | 'learner.nicknameTooLong' | 'learner.avatarRequired' | 'learner.pinFormat') */
  async create(input: NewLearner): Promise<LearnerRecord> {
    const nickname = normaliseNickname(input.nickname);
    const avatar = checkAvatar(input.avatar);
    const pin = input.pin === undefined ? undefined : checkPin(input.pin);
    // Hash before the transaction: awaiting WebCrypto inside it would commit it early.
    const pinHash = pin === undefined ? undefined : await hashPin(pin, undefined, this.#pinIterations);
    const now = this.#now();
    const record: LearnerRecord = {
      id: this.#newId(),
      nickname,
      avatar,
      ...(pinHash ? { pin: pinHash } : {}),
      createdAt: now,
      lastActiveAt: now,
      ...(input.locale !== undefined ? { locale: input.locale } : {}),
    };
    await guard(() => this.#db.learners.add(record));
    return plain(record);
  }

  /** Every learner on the device, most recently active first. */
  async list(): Promise<LearnerRecord[]> {
    return guard(() => this.#db.learners.orderBy('lastActiveAt').reverse().toArray());
  }

  async get(id: LearnerId): Promise<LearnerRecord | undefined> {
    return guard(() => this.#db.learners.get(id));
  }

  async count(): Promise<number> {
    return guard(() => this.#db.learners.count());
  }

  /**
   * Changes nickname, avatar, PIN (null removes it) or locale.
   * @throws ValidationError as create(); StorageError('notFound')
   */
  async update(id: LearnerId, patch: LearnerPatch): Promise<LearnerRecord> {
    const changes: { -readonly [K in keyof LearnerRecord]?: LearnerRecord[K] } = {};
    if (patch.nickname !== undefined) changes.nickname = normaliseNickname(patch.nickname);
    if (patch.avatar !== undefined) changes.avatar = checkAvatar(patch.avatar);
    if (patch.locale !== undefined) changes.locale = patch.locale;
    if (patch.pin !== undefined && patch.pin !== null) {
      changes.pin = await hashPin(checkPin(patch.pin), undefined, this.#pinIterations);
    }
    return guard(() =>
      this.#db.transaction('rw', this.#db.learners, async () => {
        const current = await this.#db.learners.get(id);
        if (!current) throw learnerNotFound(id);
        const next: LearnerRecord = { ...current, ...changes };
        if (patch.pin === null) delete (next as { pin?: unknown }).pin;
        await this.#db.learners.put(next);
        return next;
      }),
    );
  }

  rename(id: LearnerId, nickname: string): Promise<LearnerRecord> {
    return this.update(id, { nickname });
  }

  setAvatar(id: LearnerId, avatar: string): Promise<LearnerRecord> {
    return this.update(id, { avatar });
  }

  /** Marks the learner active now (e.g. when their profile is opened), moving them up the list. */
  async touch(id: LearnerId, at: number = this.#now()): Promise<void> {
    await guard(() =>
      this.#db.transaction('rw', this.#db.learners, async () => {
        const current = await this.#db.learners.get(id);
        if (!current) throw learnerNotFound(id);
        if (at > current.lastActiveAt) await this.#db.learners.put({ ...current, lastActiveAt: at });
      }),
    );
  }

  /**
   * True when `pin` opens this learner's profile. A learner without a PIN always opens.
   * @throws StorageError('notFound')
   */
  async verifyPin(id: LearnerId, pin: string): Promise<boolean> {
    const learner = await this.get(id);
    if (!learner) throw learnerNotFound(id);
    if (!learner.pin) return true;
    if (!isValidPin(pin)) return false;
    return verifyPin(pin, learner.pin);
  }

  /**
   * Deletes the learner, all their attempts, their state and model in one transaction (and forgets
   * them as the device's last learner). Deleting an unknown id is a no-op. Their xAPI statements
   * still waiting are dropped; those already sent to the LRS are voided by statements queued in
   * the same transaction (storage/outbox.ts).
   */
  async delete(id: LearnerId): Promise<void> {
    const db = this.#db;
    const now = this.#now();
    await guard(() =>
      db.transaction(
        'rw',
        [
          db.learners,
          db.attempts,
          db.learnerState,
          db.models,
          db.settings,
          db.outbox,
          db.tutorQuestions,
          db.lessonViews,
        ],
        async () => {
          await voidSentOf(db, id, now);
          await db.attempts.where('learnerId').equals(id).delete();
          await db.tutorQuestions.where('learnerId').equals(id).delete();
          await db.lessonViews.where('learnerId').equals(id).delete();
          await db.learnerState.delete(id);
          await db.models.delete(id);
          await db.learners.delete(id);
          const last = await db.settings.get('lastLearnerId');
          if (last?.value === id) await db.settings.delete('lastLearnerId');
        },
      ),
    );
  }
}

/** The learner's state after an attempt, computed by the caller (the learner model). */
export interface NextLearnerState {
  /** The learner model's versioned JSON snapshot. */
  readonly model: unknown;
  readonly practice: Readonly<Record<SkillId, SkillPractice>>;
  /** Attempts folded into this state: must be the stored count + 1. */
  readonly attemptCount: number;
}

export interface ListOptions {
  /** Only attempts with timestamp >= since (epoch ms). */
  readonly since?: number;
  readonly limit?: number;
  /** 'asc' (default) = oldest first; 'desc' = newest first (with `limit`: the latest N). */
  readonly order?: 'asc' | 'desc';
}

export interface ImportResult {
  readonly added: number;
  /** Already stored (or repeated within the batch), so left untouched. */
  readonly skipped: number;
}

/**
 * Refuses an attempt whose timestamp is not finite: NaN is no IndexedDB key, so the row would be
 * stored but missing from the [learnerId+timestamp] index (history would silently lose it). The
 * attempt is the app's own (typed), so nothing else is checked; rows from files are checked in
 * full by bulkImport.
 */
function checkTimestamp(a: Attempt): Attempt {
  if (!Number.isFinite(a.timestamp)) {
    throw new StorageError('corrupt', { detail: `attempt ${a.id}: timestamp ${a.timestamp}` });
  }
  return a;
}

/**
 * `record` refused a write because the learner's stored state moved on since the caller read
 * it: another tab practised as this learner (optimistic concurrency). Nothing was written.
 * The caller re-reads the stored state, applies its attempt to that and records again
 * (PracticeSession does, app/session.ts); this error reaches a person only if that keeps failing.
 */
export class StaleStateError extends StorageError {
  /** The attempt count stored when the write was refused. */
  readonly storedCount: number;
  constructor(learnerId: LearnerId, storedCount: number, sent: number) {
    super('conflict', {
      messageKey: 'error.staleState',
      detail: `learner ${learnerId}: state has ${storedCount} attempts, caller sent ${sent}`,
    });
    this.name = 'StaleStateError';
    this.storedCount = storedCount;
  }
}

/** Attempts oldest first, ties by id: a stable order whatever order the index returned. */
const oldestFirst = (x: Attempt, y: Attempt): number =>
  x.timestamp - y.timestamp || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);

export class AttemptRepo {
  readonly #db: LanternDB;
  readonly #now: () => number;

  constructor(db: LanternDB, opts: Pick<RepoOptions, 'now'> = {}) {
    this.#db = db;
    this.#now = opts.now ?? defaultNow;
  }

  /**
   * Stores an attempt and the learner's resulting state in one transaction, and resolves only
   * after it commits: once this resolves the answer survives a crash or a closed tab, so the
   * UI may show feedback. Also moves the learner's lastActiveAt forward.
   *
   * Idempotent on `attempt.id`: re-recording a stored id changes nothing (no double count).
   *
   * `outbox`: the attempt's xAPI statements when an LRS is configured (core/xapi.ts), written in
   * the same transaction, so an answer is never stored without them nor sent without being stored.
   *
   * @throws StorageError 'notFound' (learner deleted, e.g. in another tab), StaleStateError
   *   (code 'conflict': the stored state moved on since the caller read it — another tab
   *   practised as this learner; re-read the state, rebase, record again), 'quota',
   *   'unavailable'. Nothing is written when it throws.
   */
  async record(
    attempt: Attempt,
    next: NextLearnerState,
    outbox: readonly NewOutboxEntry[] = [],
  ): Promise<void> {
    const a = checkTimestamp(plain(attempt));
    const n = plain(next);
    const entries = plain(outbox);
    const db = this.#db;
    const updatedAt = this.#now();
    await guard(() =>
      db.transaction('rw', [db.attempts, db.learnerState, db.learners, db.outbox], async () => {
        const [existing, learner, prev] = await Promise.all([
          db.attempts.get(a.id),
          db.learners.get(a.learnerId),
          db.learnerState.get(a.learnerId),
        ]);
        if (existing) return;
        if (!learner) throw learnerNotFound(a.learnerId);
        const expected = (prev?.attemptCount ?? 0) + 1;
        if (n.attemptCount !== expected) throw new StaleStateError(a.learnerId, expected - 1, n.attemptCount);
        await db.attempts.add(a);
        const state: LearnerStateRecord = {
          learnerId: a.learnerId,
          model: n.model,
          practice: n.practice,
          attemptCount: n.attemptCount,
          updatedAt,
        };
        await db.learnerState.put(state);
        await addNewEntries(db, entries, updatedAt);
        if (a.timestamp > learner.lastActiveAt) {
          await db.learners.put({ ...learner, lastActiveAt: a.timestamp });
        }
      }),
    );
  }

  /** A learner's attempts in timestamp order (ties by id), via the [learnerId+timestamp] index. */
  async listForLearner(learnerId: LearnerId, opts: ListOptions = {}): Promise<Attempt[]> {
    const db = this.#db;
    return guard(() => {
      let c = db.attempts
        .where('[learnerId+timestamp]')
        .between([learnerId, opts.since ?? -Infinity], [learnerId, Infinity], true, true);
      if (opts.order === 'desc') c = c.reverse();
      if (opts.limit !== undefined) c = c.limit(opts.limit);
      return c.toArray();
    });
  }

  /** A learner's attempts on one skill, oldest first (ties by id), via the [learnerId+skillId] index. */
  async listForSkill(learnerId: LearnerId, skillId: SkillId): Promise<Attempt[]> {
    return guard(async () => {
      const rows = await this.#db.attempts
        .where('[learnerId+skillId]')
        .equals([learnerId, skillId])
        .toArray();
      return rows.sort(oldestFirst);
    });
  }

  /**
   * Every attempt of these learners on these skills, oldest first (ties by id): one read-only
   * transaction, each pair's rows fetched with `equals` on the [learnerId+skillId] index, all at
   * once. A loop of `listForSkill` waited for one transaction per pair; one `anyOf` over all the
   * pairs walks a cursor and was slower still (the imported questions' calibration reads a whole
   * class's answers on a bank's skills at each session start: lab/bench/bank-read.ts,
   * BENCHMARKS.md).
   */
  async listForSkills(learnerIds: readonly LearnerId[], skillIds: readonly SkillId[]): Promise<Attempt[]> {
    if (learnerIds.length === 0 || skillIds.length === 0) return [];
    return guard(async () => {
      const db = this.#db;
      const pairs = learnerIds.flatMap((l) => skillIds.map((s) => [l, s]));
      const lists = await db.transaction('r', db.attempts, () =>
        Promise.all(pairs.map((p) => db.attempts.where('[learnerId+skillId]').equals(p).toArray())),
      );
      return lists.flat().sort(oldestFirst);
    });
  }

  async count(learnerId: LearnerId): Promise<number> {
    return guard(() => this.#db.attempts.where('learnerId').equals(learnerId).count());
  }

  /**
   * Adds attempts from another device or an export, skipping ids already stored, in one
   * transaction. Does not touch learnerState: after a merge the caller rebuilds the model
   * from the history and saves it with LearnerStateRepo.put.
   * @throws StorageError('corrupt') if any row fails the backup file's attempt schema
   *   (backup-records.ts; nothing is written).
   */
  async bulkImport(attempts: readonly Attempt[]): Promise<ImportResult> {
    // The backup's attempt schema, loaded on first use: valibot stays out of the first load.
    const { readAttempt } = await import('./backup-schema');
    const rows = plain(attempts).map((raw, i) => {
      const a = readAttempt(raw);
      if (!a) throw new StorageError('corrupt', { detail: `malformed attempt (row ${i})` });
      return a;
    });
    const unique = new Map<string, Attempt>();
    for (const a of rows) if (!unique.has(a.id)) unique.set(a.id, a);
    const db = this.#db;
    return guard(() =>
      db.transaction('rw', db.attempts, async () => {
        const ids = [...unique.keys()];
        const found = await db.attempts.bulkGet(ids);
        const fresh = ids.filter((_, i) => found[i] === undefined).map((id) => unique.get(id) as Attempt);
        if (fresh.length > 0) await db.attempts.bulkAdd(fresh);
        return { added: fresh.length, skipped: attempts.length - fresh.length };
      }),
    );
  }
}

export class LearnerStateRepo {
  readonly #db: LanternDB;
  readonly #now: () => number;

  constructor(db: LanternDB, opts: Pick<RepoOptions, 'now'> = {}) {
    this.#db = db;
    this.#now = opts.now ?? defaultNow;
  }

  async get(learnerId: LearnerId): Promise<LearnerStateRecord | undefined> {
    return guard(() => this.#db.learnerState.get(learnerId));
  }

  /**
   * Replaces the state wholesale, e.g. after a model upgrade or a merge rebuilt it from the
   * history. Normal practice goes through AttemptRepo.record instead.
   * @throws StorageError('notFound')
   */
  async put(learnerId: LearnerId, state: NextLearnerState): Promise<void> {
    const s = plain(state);
    const db = this.#db;
    const updatedAt = this.#now();
    await guard(() =>
      db.transaction('rw', [db.learners, db.learnerState], async () => {
        if (!(await db.learners.get(learnerId))) throw learnerNotFound(learnerId);
        await db.learnerState.put({
          learnerId,
          model: s.model,
          practice: s.practice,
          attemptCount: s.attemptCount,
          updatedAt,
        });
      }),
    );
  }
}

/** Each learner's fine-tuned model weights (see ModelRecord). */
export class ModelRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  async get(learnerId: LearnerId): Promise<ModelRecord | undefined> {
    const row = await guard(() => this.#db.models.get(learnerId));
    // A row from a future record format is ignored (the base model is used), never misread.
    return row && row.recordVersion === MODEL_RECORD_VERSION ? row : undefined;
  }

  /**
   * Replaces the learner's model in one put (atomic: the old row stays until it commits).
   * @throws StorageError('notFound') for an unknown learner
   */
  async put(record: Omit<ModelRecord, 'recordVersion'>): Promise<void> {
    const db = this.#db;
    await guard(() =>
      db.transaction('rw', [db.learners, db.models], async () => {
        if (!(await db.learners.get(record.learnerId))) throw learnerNotFound(record.learnerId);
        await db.models.put({ ...record, recordVersion: MODEL_RECORD_VERSION });
      }),
    );
  }
}

/** The tutor's installed model (issue 13; app/tutor/tutor-service.ts), shown on the data page. */
export interface TutorModelSetting {
  /** The file's name in the OPFS folder `tutor/`. */
  readonly file: string;
  /** The model's own `general.name`, or the file's name. */
  readonly name: string;
  readonly architecture: string;
  readonly quantisation: string;
  readonly licence?: string;
  readonly parameterCount?: number;
  readonly contextLength?: number;
  readonly bytes: number;
  readonly sha256: string;
  readonly installedAt: number;
  /** Load time measured when it was installed (ms). */
  readonly loadMs: number;
}

/** The tutor's last reply that ran to its end: its speed, for the adult's Settings. */
export interface TutorSpeedSetting {
  readonly tokens: number;
  readonly ms: number;
  readonly tokensPerSecond: number;
  readonly at: number;
}

/** Device-wide settings and their value types. Add a key here before using it. */
export interface SettingsSchema {
  /** UI language chosen on this device (a core/i18n Locale). */
  locale: string;
  /** Learner selected last, to preselect in the picker. */
  lastLearnerId: LearnerId;
  /** The teacher passphrase's PBKDF2 hash (app/teacher.ts); never exported in backups. */
  'teacher.passphrase': { salt: string; hash: string; iterations: number };
  /** Teacher-assigned focus skills per learner (app/teacher.ts); never exported in backups. */
  'teacher.focus': Record<LearnerId, SkillId[]>;
  /** Teacher-set due date of each learner's focus, 'YYYY-MM-DD' (app/teacher.ts); not in backups. */
  'teacher.focusDue': Record<LearnerId, string>;
  /** Each learner's own goal skill (app/lantern.ts, core/path.ts); like focus, not in backups. */
  'learner.goal': Record<LearnerId, SkillId>;
  /**
   * When a teacher asked for a learner's placement check again (epoch ms; app/teacher.ts): the
   * check reads only the practice since then. Not in backups.
   */
  'placement.redo': Record<LearnerId, number>;
  /** Each learner's daily goal, questions a day (app/learner-prefs.ts, core/daily-goal.ts); not in backups. */
  'learner.dailyGoal': Record<LearnerId, number>;
  /** Whether each learner hears the feedback sounds (app/learner-prefs.ts); not in backups. */
  'learner.sound': Record<LearnerId, boolean>;
  /** The optional tutor's installed model (issue 13); device-wide, not in backups. */
  'tutor.model': TutorModelSetting;
  /** The speed of the tutor's last reply (issue 13); not in backups. */
  'tutor.speed': TutorSpeedSetting;
}
export type SettingKey = keyof SettingsSchema;

export class SettingsRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  async get<K extends SettingKey>(key: K): Promise<SettingsSchema[K] | undefined> {
    const row = await guard(() => this.#db.settings.get(key));
    return row?.value as SettingsSchema[K] | undefined;
  }

  async set<K extends SettingKey>(key: K, value: SettingsSchema[K]): Promise<void> {
    const v = plain(value);
    await guard(() => this.#db.settings.put({ key, value: v }));
  }

  async delete(key: SettingKey): Promise<void> {
    await guard(() => this.#db.settings.delete(key));
  }
}
