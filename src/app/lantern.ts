import { ValidationError } from '../core/errors';
import type { Catalogue, Locale } from '../core/i18n';
import { LOCALES } from '../core/i18n';
import type {
  Attempt,
  Difficulty,
  LearnerId,
  Message,
  PracticeSummary,
  SkillId,
  SkillPractice,
} from '../core/types';
import { mathsCourse, mathsGraph } from '../content/maths';
import type { Course } from '../content/maths';
import type { ContentPack } from '../core/content-pack';
import { richMessage } from '../core/content-pack';
import type { ItemCalibration } from '../core/item-calibration';
import type { SkillGraph } from '../core/types';
import { courseWithPacks } from './content';
import { LanternDB } from '../storage/db';
import { StorageError } from '../storage/errors';
import type { LearnerRecord } from '../storage/db';
import { AVATAR_EMOJI as STORED_AVATAR_EMOJI, AVATARS, StaleStateError } from '../storage/repositories';
import { createRepositories, type Repositories } from '../storage/repository-set';
import type { ModelCodecs } from '../core/model-codec';
import type { ContentService } from './content';
import type { DataService, DataServiceOptions } from './data';
import { learnerModels, restoreOrReplay } from './models';
import type { AppParts } from './parts';
import type { TeacherService } from './teacher';
import type { TutorService } from './tutor/tutor-service';
import type { LessonOpenedWhy, LessonViewRecord, TutorQuestionRecord } from '../storage/db';
import type { TutorModelSetting, TutorSpeedSetting } from '../storage/repositories';
import { PracticeSession, type StoredLearnerState } from './session';
import { openTabChannel, type TabChannel, type TabEvent } from './tabs';
import { TableModel } from '../core/table-model';
import { Sittings, trailingSitting, type EndedSitting } from '../core/sitting';
import { statementId } from '../core/xapi-void';
import type { LangMap } from '../core/xapi';
import { mathsMessagesEn } from '../content/maths/messages.en';
import { mathsMessagesZh } from '../content/maths/messages.zh-CN';
import type { NewOutboxEntry } from '../storage/outbox';
import type { LrsService, LrsServiceOptions } from './lrs';
import type { StatementFactory } from './lrs-statements';
import { redoSummary } from '../core/placement';
import { KtClient } from './kt-client';
import { installEncryption } from '../storage/encryption';
import { DeviceLock } from './device-lock';
import { ADULT_PASSPHRASE_MIN, AdultGate, passphraseLength } from './adult';
import { LearnerPrefs } from './learner-prefs';

export const AVATAR_IDS: readonly string[] = AVATARS;
export const AVATAR_EMOJI: Readonly<Record<string, string>> = STORED_AVATAR_EMOJI;

/** What the picker shows; never includes the PIN hash. */
export interface LearnerSummary {
  readonly id: LearnerId;
  readonly nickname: string;
  readonly avatar: string;
  readonly hasPin: boolean;
  readonly createdAt: number;
  readonly lastActiveAt: number | null;
}

/** lastActiveAt starts at createdAt in storage; until a first answer the learner has not practised. */
function summarise(l: LearnerRecord): LearnerSummary {
  return {
    id: l.id,
    nickname: l.nickname,
    avatar: l.avatar,
    hasPin: !!l.pin,
    createdAt: l.createdAt,
    lastActiveAt: l.lastActiveAt > l.createdAt ? l.lastActiveAt : null,
  };
}

function practiceFromRecord(r: Readonly<Record<string, SkillPractice>> | undefined): PracticeSummary {
  return new Map(Object.entries(r ?? {}));
}

function practiceToRecord(p: PracticeSummary): Record<string, SkillPractice> {
  return Object.fromEntries(p);
}

/**
 * Composition root: wires the course, the learner model and storage for the UI.
 * The UI talks only to this class and to PracticeSession.
 */
export class Lantern {
  /** The bundled course plus installed content packs (app/content.ts); see loadCourse. */
  course: Course = mathsCourse;
  graph: SkillGraph = mathsGraph;
  /** The packs' skill names per locale, for the UI's catalogue (plain text). */
  courseText: Readonly<Record<Locale, Catalogue>> = { en: {}, 'zh-CN': {} };
  readonly appVersion: string;
  #db: LanternDB;
  #repos: Repositories;
  #models: ModelCodecs;
  /** Goals of learners with a session open here, kept in step with the settings row. */
  readonly #goals = new Map<LearnerId, SkillId | null>();
  #parts: AppParts;
  #backupOptions: DataServiceOptions;
  #data: Promise<DataService> | undefined;
  #teacher: Promise<TeacherService> | undefined;
  #content: Promise<ContentService> | undefined;
  #tutor: Promise<TutorService> | undefined;
  #tutorWorker: (() => Worker) | undefined;
  #now: () => number;
  #random: () => number;
  #newId: () => string;
  /** The knowledge-tracing worker's client; absent in Node tests (Elo only). */
  readonly kt: KtClient | undefined;
  /** Encryption at rest (app/device-lock.ts); absent in most Node tests. */
  readonly deviceLock: DeviceLock | undefined;
  /** Other tabs of this app (app/tabs.ts); absent in most Node tests. */
  #tabs: TabChannel | undefined;
  /** The adult passphrase that guards every adult action (app/adult.ts). */
  readonly adult: AdultGate;
  /** xAPI to a Learning Record Store (issue 14): the service, a lazy chunk loaded only with an LRS. */
  #lrs: Promise<LrsService> | undefined;
  #lrsOptions: Partial<LrsServiceOptions>;
  /** The statement builder while an LRS is configured (null: none); re-read when settings change. */
  #statements: Promise<StatementFactory | null> | undefined;
  /** Each learner's sitting: the answers since their session began (for "session completed"). */
  readonly #sittings = new Sittings();
  /** A learner's own choices: the daily goal and the feedback sounds (app/learner-prefs.ts). */
  readonly prefs: LearnerPrefs;

  constructor(
    db: LanternDB,
    opts: {
      now?: () => number;
      random?: () => number;
      newId?: () => string;
      appVersion?: string;
      kt?: KtClient;
      tabs?: TabChannel;
      /** The device passphrase (encryption at rest); absent when the database has no keyring. */
      deviceLock?: DeviceLock;
      /** PBKDF2 iterations for a new adult passphrase; only tests lower it. */
      passphraseIterations?: number;
      /** Backup file key derivation; only tests lower it. */
      backup?: DataServiceOptions;
      /** The LRS service's platform (fetch, timers, origins); only tests set it. */
      lrs?: Partial<LrsServiceOptions>;
      /** Starts a tutor worker (issue 13); absent in Node tests. */
      tutorWorker?: () => Worker;
    } = {},
  ) {
    this.#db = db;
    this.deviceLock = opts.deviceLock;
    this.kt = opts.kt;
    this.#tabs = opts.tabs;
    // Attempts another tab stored for a learner open here: this tab's model worker re-reads them.
    this.#tabs?.subscribe((e) => {
      if (e.type === 'attempt') this.kt?.historyChanged(e.learnerId);
    });
    this.#now = opts.now ?? (() => Date.now());
    this.#random = opts.random ?? (() => Math.random());
    this.#newId = opts.newId ?? (() => crypto.randomUUID());
    this.appVersion = opts.appVersion ?? '0.0.0';
    this.#repos = createRepositories(db, { newId: this.#newId, now: this.#now });
    this.#models = learnerModels;
    this.#backupOptions = opts.backup ?? {};
    this.#lrsOptions = opts.lrs ?? {};
    this.#tutorWorker = opts.tutorWorker;
    this.#parts = {
      db,
      repos: this.#repos,
      models: this.#models,
      kt: this.kt,
      appVersion: this.appVersion,
      now: () => this.#now(),
      graph: () => this.graph,
      generators: () => this.course.generators,
      stopTutor: () => void this.#tutor?.then((t) => t.stop()),
      refreshCourse: async () => {
        await this.loadCourse();
        return this.graph;
      },
    };
    this.adult = new AdultGate(this.#repos.settings, { iterations: opts.passphraseIterations });
    this.prefs = new LearnerPrefs(this.#repos.settings);
  }

  async listLearners(): Promise<LearnerSummary[]> {
    return (await this.#repos.learners.list()).map(summarise);
  }

  /**
   * Creates a learner. The adult who creates a device's first learner sets the adult passphrase
   * with it (`adultPassphrase`, asked for by the create screen while
   * `firstLearnerSetsAdultPassphrase()`); it is checked before the learner is stored, so a refused
   * passphrase leaves nothing half done. Without one, the adult screens ask an adult to set it.
   * @throws ValidationError from the learner's fields, or 'adult.passphraseTooShort'
   */
  async createLearner(input: {
    nickname: string;
    avatar: string;
    pin?: string;
    adultPassphrase?: string;
  }): Promise<LearnerSummary> {
    const adult = input.adultPassphrase;
    if (adult !== undefined && passphraseLength(adult) < ADULT_PASSPHRASE_MIN) {
      throw new ValidationError('adult.passphraseTooShort', { min: ADULT_PASSPHRASE_MIN });
    }
    const created = summarise(
      await this.#repos.learners.create({
        nickname: input.nickname,
        avatar: input.avatar,
        pin: input.pin || undefined,
      }),
    );
    if (adult !== undefined && !(await this.adult.isSet())) await this.adult.set(adult);
    return created;
  }

  /** Whether creating a learner now also sets the adult passphrase (the device's first learner). */
  async firstLearnerSetsAdultPassphrase(): Promise<boolean> {
    return !(await this.adult.isSet()) && (await this.#repos.learners.list()).length === 0;
  }

  /**
   * An adult edits a learner: nickname, picture, and a forgotten PIN (a new one, or null to
   * remove it). Callers are behind the adult gate.
   */
  async updateLearner(
    id: LearnerId,
    patch: { nickname?: string; avatar?: string; pin?: string | null },
  ): Promise<LearnerSummary> {
    return summarise(await this.#repos.learners.update(id, patch));
  }

  verifyPin(id: LearnerId, pin: string): Promise<boolean> {
    return this.#repos.learners.verifyPin(id, pin);
  }

  async deleteLearner(id: LearnerId): Promise<void> {
    // Their statements already sent to an LRS are voided in the same transaction (storage/outbox.ts).
    await this.#repos.learners.delete(id);
    this.#sittings.forget(id);
    this.#tabs?.post({ type: 'learner-deleted', learnerId: id });
    void this.#lrs?.then((s) => s.kick());
  }

  /** What other tabs of this app report (attempts recorded, learners deleted); returns the unsubscribe. */
  onOtherTab(listener: (e: TabEvent) => void): () => void {
    return this.#tabs?.subscribe(listener) ?? (() => undefined);
  }

  /** The learner's stored state as a live model: the one path from a stored row to a model. */
  async #storedState(learnerId: LearnerId): Promise<StoredLearnerState> {
    const state = await this.#repos.states.get(learnerId);
    const { model } = await restoreOrReplay(this.#models, this.graph, state?.model, () =>
      this.#repos.attempts.listForLearner(learnerId),
    );
    return { model, practice: practiceFromRecord(state?.practice), count: state?.attemptCount ?? 0 };
  }

  /** Re-reads the installed content packs into `course`, `graph` and `courseText`. */
  async loadCourse(): Promise<Readonly<Record<Locale, Catalogue>>> {
    // Validated and sanitised when installed (app/content.ts), stored as such.
    const packs = (await this.#repos.contentPacks.list()).map((r) => r.pack as ContentPack);
    const loaded = courseWithPacks(packs, await this.#itemLevels(packs));
    this.course = loaded.course;
    this.graph = loaded.graph;
    this.courseText = loaded.text;
    const lessons = new Map<SkillId, readonly Message[]>();
    for (const p of loaded.packs) {
      for (const sk of p.skills) if (sk.lessons?.length) lessons.set(sk.id, sk.lessons.map(richMessage));
    }
    this.#lessons = lessons;
    return loaded.text;
  }

  #lessons: ReadonlyMap<SkillId, readonly Message[]> = new Map();

  /**
   * A skill's lesson cards (issue 12: a GIFT description, a spreadsheet's lesson row), as rich
   * text; empty for a skill without any. A learner sees them before the skill's first item and may
   * reopen them.
   */
  lessonsOf(skillId: SkillId): readonly Message[] {
    return this.#lessons.get(skillId) ?? [];
  }

  /**
   * Imported questions calibrate themselves (issue 12): every learner's answers on the banks'
   * skills (this device's and those merged from class files) estimate each question's difficulty
   * against its placed level (core/item-calibration.ts, loaded only when a bank is installed), and
   * the generators serve it at the level the data says. Undefined when no bank is installed.
   */
  async #itemLevels(
    packs: readonly ContentPack[],
  ): Promise<((key: string, placed: Difficulty) => Difficulty) | undefined> {
    const placed = new Map<string, Difficulty>();
    const skills: SkillId[] = [];
    for (const p of packs) {
      for (const s of p.skills) {
        let banked = false;
        for (const it of s.items) {
          if (it.key === undefined) continue;
          placed.set(it.key, it.difficulty);
          banked = true;
        }
        if (banked) skills.push(s.id);
      }
    }
    if (placed.size === 0) return undefined;
    const [{ calibrateItems, effectiveLevel }, learners] = await Promise.all([
      import('../core/item-calibration'),
      this.#repos.learners.list(),
    ]);
    const attempts = await this.#repos.attempts.listForSkills(
      learners.map((l) => l.id),
      skills,
    );
    const calibration = calibrateItems(attempts, placed);
    this.itemCalibration = calibration;
    return (key, level) => effectiveLevel(key, level, calibration);
  }

  /** The imported questions' calibration as of the last `loadCourse` (null: no bank installed). */
  itemCalibration: ItemCalibration | null = null;

  /** Load the learner's saved model state (no replay of the history) and start a session. */
  async openSession(learnerId: LearnerId): Promise<PracticeSession> {
    await this.loadCourse();
    const { model, practice, count } = await this.#storedState(learnerId);
    const graph = this.graph;
    // Teacher-assigned focus (app/teacher.ts): preferred until mastered, read as the model moves.
    const assigned = ((await this.#repos.settings.get('teacher.focus')) ?? {})[learnerId] ?? [];
    const focusSkills = assigned.filter((id) => graph.byId.has(id));
    this.#goals.set(learnerId, await this.goalOf(learnerId));
    // A teacher asked for the placement check again (app/teacher.ts): it reads the practice since.
    const redoAt = ((await this.#repos.settings.get('placement.redo')) ?? {})[learnerId];
    const placementPractice =
      redoAt === undefined
        ? undefined
        : redoSummary(graph, await this.#repos.attempts.listForLearner(learnerId, { since: redoAt }), redoAt);
    const nickname = (await this.#repos.learners.get(learnerId))?.nickname ?? '';
    // The sitting goes on across re-opening; a fresh tab (a reload) resumes the one on disk.
    const resumed = this.#sittings.has(learnerId) ? [] : await this.#unendedSitting(learnerId);
    this.#sittings.open(learnerId, this.#now(), resumed);
    const session: PracticeSession = new PracticeSession(
      {
        graph,
        generators: this.course.generators,
        now: this.#now,
        rng: this.#random,
        newId: this.#newId,
        appVersion: this.appVersion,
        models: this.#models,
        store: {
          persist: async (attempt, m, p, n) => {
            // With an LRS: the answer's statements, written in the attempt's own transaction.
            const factory = await this.#statementFactory();
            const skill = attempt.skillId;
            const outbox: NewOutboxEntry[] =
              factory?.forAnswer({ id: learnerId, nickname }, attempt, {
                ...(m.mastered(skill) && !session.model.mastered(skill)
                  ? { mastered: { mastery: m.mastery(skill) } }
                  : {}),
                // The placement check's own reading (a teacher's redo counts from then on).
                practiceBefore: session.placementPractice,
                practiceAfter: session.placementAfter(attempt, p),
              }) ?? [];
            await this.#repos.attempts.record(
              attempt,
              { model: m.snapshot(), practice: practiceToRecord(p), attemptCount: n },
              outbox,
            );
            this.#tabs?.post({ type: 'attempt', learnerId, attemptCount: n });
            // Sending never holds up the answer: a nudge, not awaited.
            if (outbox.length > 0) void this.#lrs?.then((s) => s.kick());
          },
          // Another tab wrote first: re-read what it stored and rebase (app/session.ts).
          isStale: (e) => e instanceof StaleStateError,
          reload: async () =>
            (await this.#repos.learners.get(learnerId)) ? this.#storedState(learnerId) : null,
        },
        focus: () => focusSkills.filter((id) => !session.model.mastered(id)),
        // The learner's own goal, read live: setting it on the progress screen takes effect at once.
        goal: () => this.#goals.get(learnerId) ?? undefined,
        // The network's predictions once its worker has them; Elo until then (or for good).
        selectionModel: (m) => new TableModel(m, this.kt?.tableFor(learnerId)),
        onRecorded: (a) => {
          this.kt?.attempt(a);
          // After a long idle gap, the sitting before this answer is over (ended at its last).
          const ended = this.#sittings.record(a);
          if (ended) this.#queueSession(learnerId, ended);
        },
        ...(placementPractice !== undefined ? { placementPractice } : {}),
      },
      learnerId,
      model,
      practice,
      count,
    );
    this.kt?.open(learnerId, graph.skills);
    return session;
  }

  /**
   * The learner stopped practising for real (left practice so its summary shows, switched learner
   * or signed out): the model fine-tunes, and the sitting is completed (core/sitting.ts).
   */
  endSession(learnerId: LearnerId): void {
    this.kt?.train(learnerId, 'session-end');
    const ended = this.#sittings.end(learnerId, this.#now());
    if (ended) this.#queueSession(learnerId, ended);
  }

  /**
   * The tab was hidden (maybe only for a moment): the model fine-tunes on what was done, and the
   * sitting goes on. A sitting whose tab is never shown again is completed by the next answer
   * after the idle gap, here or in the tab that resumes it.
   */
  pauseSession(learnerId: LearnerId): void {
    this.kt?.train(learnerId, 'session-end');
  }

  /**
   * With an LRS: "session completed", queued. Its id derives from the sitting's last answer, so
   * the same sitting completed twice (two paths, two tabs, a resumed sitting) is one statement.
   */
  #queueSession(learnerId: LearnerId, sitting: EndedSitting): void {
    const queue = async (): Promise<void> => {
      const factory = await this.#statementFactory();
      if (!factory) return;
      const nickname = (await this.#repos.learners.get(learnerId))?.nickname ?? '';
      const { attempts, startedAt, endedAt } = sitting;
      const e = factory.forSession({ id: learnerId, nickname }, attempts, startedAt, endedAt);
      if (!e || (await this.#repos.outbox.enqueue([e], this.#now())) === 0) return;
      void this.#lrs?.then((s) => s.kick());
    };
    void queue().catch(() => undefined);
  }

  /**
   * With an LRS, in a tab that holds no sitting for the learner (a reload, a closed tab): the
   * answers of their last sitting not completed yet, from disk, so it is completed once, whole.
   */
  async #unendedSitting(learnerId: LearnerId): Promise<Attempt[]> {
    try {
      if (!(await this.#statementFactory())) return [];
      const recent = (
        await this.#repos.attempts.listForLearner(learnerId, { order: 'desc', limit: 500 })
      ).reverse();
      const chain = trailingSitting(recent, () => false); // by time alone, then by what is stored
      const ids = chain.flatMap((a) => [statementId('answered', a.id), statementId('session', a.id)]);
      const stored = await this.#repos.outbox.existing(ids);
      return trailingSitting(
        chain,
        (a) => stored.has(statementId('session', a.id)),
        (a) => stored.has(statementId('answered', a.id)),
      );
    } catch {
      return []; // a nicety: practice never fails for it
    }
  }

  /** The statement builder while an LRS is configured; null without one (nothing is queued). */
  #statementFactory(): Promise<StatementFactory | null> {
    this.#statements ??= this.#repos.lrs
      .get('config')
      .then((c) => (c ? this.lrs().then((s) => s.factory()) : null))
      .catch(() => {
        // Never in an answer's way: try again with the next one.
        this.#statements = undefined;
        return null;
      });
    return this.#statements;
  }

  /** A skill's name in English and Chinese, for statements (the course's, or a content pack's). */
  #skillNames(skillId: SkillId): LangMap {
    const key = `skill.${skillId}.name`;
    const en = this.courseText.en[key] ?? mathsMessagesEn[key] ?? skillId;
    return { en, 'zh-CN': this.courseText['zh-CN'][key] ?? mathsMessagesZh[key] ?? en };
  }

  /**
   * The school's Learning Record Store (issue 14): settings, sending, status, exports. A lazy
   * chunk, built once; a device without an LRS loads it only when an adult opens its settings.
   */
  lrs(): Promise<LrsService> {
    this.#lrs ??= import('./lrs').then(
      (m) =>
        new m.LrsService(this.#parts, {
          names: (id) => this.#skillNames(id),
          pageOrigin: typeof location === 'undefined' ? 'http://localhost' : location.origin,
          ...this.#lrsOptions,
          onConfigChanged: () => {
            this.#statements = undefined;
          },
        }),
    );
    return this.#lrs;
  }

  /**
   * The origin of the school's LRS when one is configured (answers are then sent there), else
   * null. Reads the setting only: the LRS chunk is not loaded for this.
   */
  async lrsOrigin(): Promise<string | null> {
    const config = await this.#repos.lrs.get('config').catch(() => undefined);
    const endpoint =
      typeof config === 'object' && config !== null && 'endpoint' in config ? config.endpoint : undefined;
    if (typeof endpoint !== 'string') return null;
    try {
      return new URL(endpoint).origin;
    } catch {
      return null;
    }
  }

  /**
   * At start-up (once the device is unlocked): with an LRS configured, start sending what waits.
   * Without one nothing is loaded and nothing is sent.
   */
  async startLrs(): Promise<void> {
    const config = await this.#repos.lrs.get('config').catch(() => undefined);
    if (config) (await this.lrs()).start();
  }

  /** The learner's own goal skill (core/path.ts), or null; an unknown skill reads as none. */
  async goalOf(learnerId: LearnerId): Promise<SkillId | null> {
    const goal = ((await this.#repos.settings.get('learner.goal')) ?? {})[learnerId];
    return goal !== undefined && this.graph.byId.has(goal) ? goal : null;
  }

  /** Set (or with null, clear) the learner's goal; an open session serves it from its next item. */
  async setGoal(learnerId: LearnerId, goal: SkillId | null): Promise<void> {
    if (goal !== null && !this.graph.byId.has(goal)) {
      throw new ValidationError('progress.goalUnknown', { skill: goal });
    }
    const map = { ...((await this.#repos.settings.get('learner.goal')) ?? {}) };
    if (goal === null) delete map[learnerId];
    else map[learnerId] = goal;
    await this.#repos.settings.set('learner.goal', map);
    this.#goals.set(learnerId, goal);
  }

  /**
   * Every attempt of a learner, oldest first (for the progress charts); with `since` (epoch ms),
   * only those from then on, read through the timestamp index (today's, for the daily goal).
   */
  attemptsOf(learnerId: LearnerId, since?: number): Promise<Attempt[]> {
    return this.#repos.attempts.listForLearner(learnerId, since === undefined ? {} : { since });
  }

  async getLocale(): Promise<Locale | null> {
    const v = await this.#repos.settings.get('locale');
    return LOCALES.includes(v as Locale) ? (v as Locale) : null;
  }

  setLocale(l: Locale): Promise<void> {
    return this.#repos.settings.set('locale', l);
  }

  async storageEstimate(): Promise<{ used: number; quota: number } | null> {
    if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
    const e = await navigator.storage.estimate();
    return { used: e.usage ?? 0, quota: e.quota ?? 0 };
  }

  /** A message a person can act on, for any error the layers below throw. */
  describeError(e: unknown, t: (key: string, params?: Record<string, string | number>) => string): string {
    if (e instanceof ValidationError) return t(e.messageKey, { ...e.params });
    if (e instanceof StorageError) return t(e.messageKey);
    return e instanceof Error ? e.message : String(e);
  }

  /** "Your data": the storage report, backups, restore, delete everything (a lazy chunk, built once). */
  data(): Promise<DataService> {
    this.#data ??= import('./data').then((m) => new m.DataService(this.#parts, this.#backupOptions));
    return this.#data;
  }

  /** The class view's service (a lazy chunk, built once). */
  teacher(): Promise<TeacherService> {
    this.#teacher ??= import('./teacher').then((m) => new m.TeacherService(this.#parts));
    return this.#teacher;
  }

  /** Content packs: import and remove, with the HTML sanitiser (a lazy chunk), built once. */
  content(): Promise<ContentService> {
    this.#content ??= Promise.all([import('./content'), import('./sanitise')]).then(
      ([c, s]) => new c.ContentService(this.#repos.contentPacks, s.sanitiseHtml, () => this.#now()),
    );
    return this.#content;
  }

  /**
   * The optional tutor's installed model, or null (read from settings: the tutor chunk is not
   * loaded for this). With none, no tutor code or text reaches the child.
   */
  async tutorModel(): Promise<TutorModelSetting | null> {
    return (await this.#repos.settings.get('tutor.model').catch(() => undefined)) ?? null;
  }

  /** The speed of the tutor's last reply (Settings, for an adult), or null. */
  async tutorSpeed(): Promise<TutorSpeedSetting | null> {
    return (await this.#repos.settings.get('tutor.speed').catch(() => undefined)) ?? null;
  }

  /** A learner opened a skill's lesson card (issue 12): kept for the teacher's learner page. */
  async lessonOpened(learnerId: LearnerId, skillId: SkillId, why: LessonOpenedWhy): Promise<void> {
    await this.#repos.lessonViews.add({ id: this.#newId(), learnerId, skillId, why, openedAt: this.#now() });
  }

  /** The lesson cards a learner opened, newest first (the teacher's learner page). */
  lessonViewsOf(learnerId: LearnerId): Promise<LessonViewRecord[]> {
    return this.#repos.lessonViews.listForLearner(learnerId);
  }

  /** What a learner asked the tutor, newest first (the teacher's learner page). */
  tutorQuestionsOf(learnerId: LearnerId): Promise<TutorQuestionRecord[]> {
    return this.#repos.tutorQuestions.listForLearner(learnerId);
  }

  /** The optional tutor (issue 13): install, ask, remove (a lazy chunk, built once). */
  tutor(): Promise<TutorService> {
    this.#tutor ??= import('./tutor/tutor-service').then((m) => {
      const newWorker = this.#tutorWorker;
      if (!newWorker) throw new ValidationError('tutorApp.unavailable');
      return new m.TutorService(this.#parts, { newWorker });
    });
    return this.#tutor;
  }

  /** The same clock the sessions use, for services that stamp records. */
  now(): number {
    return this.#now();
  }

  close(): void {
    void this.#lrs?.then((l) => l.stop());
    this.#tabs?.close();
    this.deviceLock?.close();
    this.#db.close();
  }
}

export function createLantern(): Lantern {
  const db = new LanternDB();
  let kt: KtClient | undefined;
  // Before the first read: sealed rows stay unreadable until the device passphrase is given.
  // Turning encryption on or off (here or in another tab) first stops the model worker, which
  // writes with its own copy of the key; the next one starts with the new state.
  const deviceLock = new DeviceLock(db, installEncryption(db), { beforeSwitch: () => kt?.stop() });
  if (typeof Worker !== 'undefined') {
    kt = new KtClient(
      () => {
        const w = new Worker(new URL('./kt-worker.ts', import.meta.url), { type: 'module' });
        // The worker's own LanternDB needs the data key (storage/encryption.ts): sent first,
        // by postMessage only (null: the device is not encrypted).
        w.postMessage({ type: 'device-key', key: deviceLock.keyForWorker() ?? null });
        return w;
      },
      db.name,
      // Locked, or not yet checked: no key to give a worker, so none starts.
      () => deviceLock.keyForWorker() !== undefined,
    );
  }
  // The tutor's worker hosts wllama, which starts its own worker from a blob: URL; this worker's
  // CSP is its own response's, not the page's (SECURITY.md, "The tutor").
  const tutorWorker =
    typeof Worker === 'undefined'
      ? undefined
      : () => new Worker(new URL('./tutor/tutor-worker.ts', import.meta.url), { type: 'module' });
  return new Lantern(db, {
    appVersion: __APP_VERSION__,
    kt,
    tabs: openTabChannel(db.name),
    deviceLock,
    tutorWorker,
  });
}

export type { Catalogue };
/** A question a learner asked the tutor (the teacher's learner page). */
export type TutorQuestion = TutorQuestionRecord;
/** A lesson card a learner opened, as the learner page shows it. */
export type LessonView = LessonViewRecord;
