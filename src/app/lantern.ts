import { EloModel } from '../core/elo';
import { ValidationError } from '../core/errors';
import type { Catalogue, Locale } from '../core/i18n';
import { LOCALES } from '../core/i18n';
import type { Attempt, LearnerId, LearnerModel, PracticeSummary, SkillPractice } from '../core/types';
import { mathsCourse, mathsGraph } from '../content/maths';
import { LanternDB } from '../storage/db';
import { StorageError } from '../storage/errors';
import type { LearnerRecord } from '../storage/db';
import {
  AVATAR_EMOJI as STORED_AVATAR_EMOJI,
  AVATARS,
  AttemptRepo,
  LearnerRepo,
  LearnerStateRepo,
  SettingsRepo,
} from '../storage/repositories';
import { PracticeSession } from './session';
import { DEFAULT_MASTERY_THRESHOLD } from '../core/selection';

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

export interface AppClock {
  now(): number;
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
  readonly course = mathsCourse;
  readonly graph = mathsGraph;
  readonly appVersion: string;
  #db: LanternDB;
  #learners: LearnerRepo;
  #attempts: AttemptRepo;
  #states: LearnerStateRepo;
  #settings: SettingsRepo;
  #now: () => number;
  #random: () => number;
  #newId: () => string;

  constructor(
    db: LanternDB,
    opts: { now?: () => number; random?: () => number; newId?: () => string; appVersion?: string } = {},
  ) {
    this.#db = db;
    this.#now = opts.now ?? (() => Date.now());
    this.#random = opts.random ?? (() => Math.random());
    this.#newId = opts.newId ?? (() => crypto.randomUUID());
    this.appVersion = opts.appVersion ?? '0.0.0';
    this.#learners = new LearnerRepo(db, { newId: this.#newId, now: this.#now });
    this.#attempts = new AttemptRepo(db);
    this.#states = new LearnerStateRepo(db);
    this.#settings = new SettingsRepo(db);
  }

  async listLearners(): Promise<LearnerSummary[]> {
    return (await this.#learners.list()).map(summarise);
  }

  async createLearner(input: { nickname: string; avatar: string; pin?: string }): Promise<LearnerSummary> {
    return summarise(
      await this.#learners.create({
        nickname: input.nickname,
        avatar: input.avatar,
        pin: input.pin || undefined,
      }),
    );
  }

  verifyPin(id: LearnerId, pin: string): Promise<boolean> {
    return this.#learners.verifyPin(id, pin);
  }

  deleteLearner(id: LearnerId): Promise<void> {
    return this.#learners.delete(id);
  }

  /** Load the learner's saved model state (no replay of the history) and start a session. */
  async openSession(learnerId: LearnerId): Promise<PracticeSession> {
    const state = await this.#states.get(learnerId);
    const model = state?.model
      ? EloModel.fromState(this.graph, state.model as never)
      : new EloModel(this.graph);
    const practice = practiceFromRecord(state?.practice);
    const graph = this.graph;
    // Teacher-assigned focus (app/teacher.ts): preferred until mastered, read as the model moves.
    const assigned = ((await this.#settings.get('teacher.focus')) ?? {})[learnerId] ?? [];
    const focusSkills = assigned.filter((id) => graph.byId.has(id));
    const session: PracticeSession = new PracticeSession(
      {
        graph,
        generators: this.course.generators,
        now: this.#now,
        rng: this.#random,
        newId: this.#newId,
        appVersion: this.appVersion,
        cloneModel: (m) => EloModel.fromState(graph, (m as EloModel).toJSON()),
        persist: (attempt: Attempt, m: LearnerModel, p: PracticeSummary, count: number) =>
          this.#attempts.record(attempt, {
            model: (m as EloModel).toJSON(),
            practice: practiceToRecord(p),
            attemptCount: count,
          }),
        focus: () => focusSkills.filter((id) => session.model.mastery(id) < DEFAULT_MASTERY_THRESHOLD),
      },
      learnerId,
      model,
      practice,
      state?.attemptCount ?? 0,
    );
    return session;
  }

  /** Every attempt of a learner, oldest first (for the progress charts). */
  attemptsOf(learnerId: LearnerId): Promise<Attempt[]> {
    return this.#attempts.listForLearner(learnerId);
  }

  async getLocale(): Promise<Locale | null> {
    const v = await this.#settings.get('locale');
    return LOCALES.includes(v as Locale) ? (v as Locale) : null;
  }

  setLocale(l: Locale): Promise<void> {
    return this.#settings.set('locale', l);
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

  /** For the app layer's other services (src/app/*.ts) only; the UI never touches Dexie. */
  get database(): LanternDB {
    return this.#db;
  }

  /** The same clock the sessions use, for services that stamp records. */
  now(): number {
    return this.#now();
  }

  close(): void {
    this.#db.close();
  }
}

export function createLantern(): Lantern {
  return new Lantern(new LanternDB(), { appVersion: __APP_VERSION__ });
}

export type { Catalogue };
