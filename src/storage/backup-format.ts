/**
 * The backup file format (docs/file-format.md): format names and versions, the document and
 * option types, the hard limits, the catalogued errors a rejected file raises, and small helpers
 * shared by the export, parse, validate and merge modules. Imported through backup.ts.
 */
import { ValidationError } from '../core/errors';
import type { Attempt, LearnerId } from '../core/types';
import type {
  LearnerRecord,
  LearnerStateRecord,
  LessonViewRecord,
  ModelRecord,
  TutorQuestionRecord,
} from './db';
import type { NextLearnerState } from './repositories';

export const BACKUP_FORMAT_NAME = 'lantern-backup';
export const BACKUP_FORMAT_VERSION = 4;
export const ENCRYPTED_FORMAT_NAME = 'lantern-backup-encrypted';
export const ENCRYPTED_FORMAT_VERSION = 1;

/** 'learner': one learner's own backup; 'device': every learner plus device settings; 'class': a set of learners for a teacher. */
export type BackupKind = 'learner' | 'device' | 'class';
export const KINDS: readonly BackupKind[] = ['learner', 'device', 'class'];
export const ENCRYPTED_FORMAT_FIELDS: readonly string[] = [
  'formatName',
  'formatVersion',
  'kdf',
  'cipher',
  'ciphertext',
];

/** Hard limits checked before anything else is done with a file. */
export const BACKUP_LIMITS = {
  /** UTF-16 code units of the whole text (≈ 200 MB); the UI should check File.size first. */
  maxTextChars: 200 * 1024 * 1024,
  maxLearners: 10_000,
  maxAttempts: 2_000_000,
  /**
   * v4: rows of tutorQuestions and of lessonViews. A learner asks the tutor or opens a lesson card
   * far less often than they answer, so a quarter of maxAttempts each is ample.
   */
  maxTutorQuestions: 500_000,
  maxLessonViews: 500_000,
  maxSettings: 32,
  maxIdChars: 128,
  maxItemIdChars: 256,
  maxAnswerChars: 1_000,
  /** v3: an imported question's stable id on an attempt (attempts[].questionKey). */
  maxQuestionKeyChars: 64,
  /** v4: a typed question to the tutor (tutorQuestions[].question), as TutorQuestionRepo keeps it. */
  maxTutorQuestionChars: 500,
  maxVersionChars: 64,
  maxParams: 64,
  maxPracticeSkills: 10_000,
  /** Nesting of a learner-model snapshot (learnerState.model) and of a model descriptor. */
  maxModelDepth: 32,
  maxPinIterations: 10_000_000,
  /** Decoded bytes of one learner's knowledge-tracing weights (models[].weights). */
  maxModelBytes: 8 * 1024 * 1024,
  /** Keys in models[].metrics, and characters of a string metric. */
  maxModelMetrics: 64,
  maxMetricChars: 256,
} as const;

/** Base64 characters of maxModelBytes: longer text cannot decode within the limit. */
export const MAX_WEIGHTS_CHARS = Math.ceil(BACKUP_LIMITS.maxModelBytes / 3) * 4;

/** Latest possible epoch ms (the ECMAScript Date range). */
export const MAX_TIME = 8.64e15;
export const MIN_PASSPHRASE_CHARS = 8;
export const DEFAULT_CHUNK = 2_000;

/** Keys that could reach a prototype if some consumer copied the data naively. Never accepted. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Device settings a 'device' backup carries (SettingsSchema keys whose values are strings). */
export const BACKUP_SETTING_KEYS = ['locale', 'lastLearnerId'] as const;
export type BackupSettingKey = (typeof BACKUP_SETTING_KEYS)[number];
export interface BackupSetting {
  readonly key: BackupSettingKey;
  readonly value: string;
}

/** A ModelRecord as the file holds it: the weight bytes as standard base64. */
export interface BackupModel extends Omit<ModelRecord, 'weights'> {
  readonly weights: string;
}

/** Format v4, exactly as written (docs/file-format.md). */
export interface BackupDocument {
  readonly formatName: typeof BACKUP_FORMAT_NAME;
  readonly formatVersion: typeof BACKUP_FORMAT_VERSION;
  /** Epoch ms. */
  readonly exportedAt: number;
  readonly appVersion: string;
  readonly deviceId?: string;
  readonly kind: BackupKind;
  readonly checksum: string;
  readonly learners: readonly LearnerRecord[];
  readonly learnerState: readonly LearnerStateRecord[];
  /** v2: the learners' fine-tuned knowledge-tracing models, at most one each; always empty in a 'class' file. */
  readonly models: readonly BackupModel[];
  readonly settings?: readonly BackupSetting[];
  /** v3: an attempt at an imported question may carry `score` (partial credit) and `questionKey`. */
  readonly attempts: readonly Attempt[];
  /** v4: what the learners asked the optional tutor (issue 13). */
  readonly tutorQuestions: readonly TutorQuestionRecord[];
  /** v4: the lesson cards the learners opened (issue 12). */
  readonly lessonViews: readonly LessonViewRecord[];
}

export interface EncryptedBackupDocument {
  readonly formatName: typeof ENCRYPTED_FORMAT_NAME;
  readonly formatVersion: typeof ENCRYPTED_FORMAT_VERSION;
  readonly kdf: {
    readonly name: 'PBKDF2';
    readonly hash: 'SHA-256';
    readonly iterations: number;
    readonly salt: string;
  };
  readonly cipher: { readonly name: 'AES-GCM'; readonly iv: string };
  readonly ciphertext: string;
}

/** A file that passed every check, upgraded to the current format version. */
export interface ParsedBackup {
  /** The version the file was written in (before any upgrade). */
  readonly fileVersion: number;
  readonly encrypted: boolean;
  readonly kind: BackupKind;
  readonly exportedAt: number;
  readonly appVersion: string;
  readonly deviceId?: string;
  readonly learners: readonly LearnerRecord[];
  /** Grouped by learner, each learner's in (timestamp, id) order as exported. */
  readonly attempts: readonly Attempt[];
  /** The exporting device's snapshots. Informational: importBackup rebuilds state from attempts. */
  readonly learnerState: readonly LearnerStateRecord[];
  /** Fine-tuned model weights, at most one per learner in the file (empty for v1 and 'class' files). */
  readonly models: readonly ModelRecord[];
  readonly settings: readonly BackupSetting[];
  /** What the learners asked the tutor, grouped by learner, each learner's in time order (empty before v4). */
  readonly tutorQuestions: readonly TutorQuestionRecord[];
  /** The lesson cards the learners opened, grouped by learner, each learner's in time order (empty before v4). */
  readonly lessonViews: readonly LessonViewRecord[];
}

export interface BackupProgress {
  readonly phase: 'read' | 'learners' | 'attempts' | 'rebuild';
  readonly done: number;
  readonly total: number;
}
export type ProgressListener = (p: BackupProgress) => void;

export interface ExportOptions {
  /** Learners to include; default every learner on the device. */
  readonly learnerIds?: readonly LearnerId[];
  /** Default: 'device' when learnerIds is absent, 'learner' for one id, else 'class'. */
  readonly kind?: BackupKind;
  /** Encrypts the file (≥ 8 characters). */
  readonly passphrase?: string;
  /** PBKDF2 iterations; default 600,000. Only tests lower it. */
  readonly iterations?: number;
  /** Epoch ms written as exportedAt. */
  readonly now: number;
  readonly appVersion: string;
  readonly deviceId?: string;
  readonly onProgress?: ProgressListener;
  /** Attempts read per query; default 2,000. */
  readonly chunkSize?: number;
}

export interface ParseOptions {
  readonly passphrase?: string;
  /**
   * Refuse encrypted files declaring fewer PBKDF2 iterations (a crafted "downgrade" file would
   * make a passphrase guessable). Default 100,000. Only tests lower it.
   */
  readonly minIterations?: number;
}

/**
 * Rebuilds a learner's state from their whole history (the learner model replayed), e.g.
 * `(id, attempts) => { const m = new EloModel(graph); attempts.forEach((a) => m.update(a)); ... }`.
 * Must be synchronous: it runs inside the import transaction.
 */
export type RebuildState = (
  learnerId: LearnerId,
  attemptsSortedByTime: readonly Attempt[],
) => NextLearnerState;

export interface ImportOptions {
  readonly mode: 'merge';
  readonly rebuildState: RebuildState;
  /** Epoch ms stored as the rebuilt states' updatedAt; default Date.now(). */
  readonly now?: number;
  /** Also restore device settings from a 'device' backup. Default false (a teacher merging tablets wants none). */
  readonly applySettings?: boolean;
  readonly onProgress?: ProgressListener;
  /** Attempts written per bulk operation; default 2,000. */
  readonly chunkSize?: number;
}

export interface ImportSummary {
  readonly learnersAdded: number;
  /** Existing learners whose profile changed (the file's was newer). */
  readonly learnersUpdated: number;
  readonly attemptsAdded: number;
  /** Attempts whose id was already stored, so left untouched. */
  readonly attemptsSkipped: number;
  /** Model rows written: new to this device, or trained later than the one stored here. */
  readonly modelsWritten: number;
  /** Tutor questions and lesson views new to this device (by id; stored ones are left untouched). */
  readonly tutorQuestionsAdded: number;
  readonly lessonViewsAdded: number;
}

// ---------------------------------------------------------------------------------------------
// Errors

export type Section =
  | 'file'
  | 'learners'
  | 'attempts'
  | 'learnerState'
  | 'models'
  | 'settings'
  | 'tutorQuestions'
  | 'lessonViews';

export function fail(
  key: string,
  params: Record<string, string | number> = {},
  detail?: string,
): ValidationError {
  return new ValidationError(key, params, detail ? `${key}: ${detail}` : key);
}

export function invalid(section: Section, index: number, field: string): ValidationError {
  return fail(
    'backup.invalidRecord',
    { section, index, number: index + 1, field },
    `${section}[${index}].${field}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Shared helpers

export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
}
