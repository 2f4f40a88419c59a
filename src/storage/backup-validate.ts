/**
 * Validation of a parsed backup document: the format-version check, the v1 → v2 upgrade, the
 * top-level fields, and the record sets (sizes, duplicate ids, records that name a learner not
 * in the file). The per-record field checks are in backup-records.ts.
 */
import type { Attempt } from '../core/types';
import type { LearnerRecord, LearnerStateRecord, ModelRecord } from './db';
import type { BackupKind, BackupSetting, ParsedBackup, Section } from './backup-format';
import { BACKUP_LIMITS, KINDS, fail, invalid, own } from './backup-format';
import type { WeightsForm } from './backup-records';
import {
  isText,
  isTime,
  validateAttempt,
  validateLearner,
  validateModel,
  validateSetting,
  validateState,
} from './backup-records';

export function checkVersion(v: unknown, current: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw fail('backup.wrongFormat');
  if (v > current) throw fail('backup.newerVersion', { version: v, supported: current });
  return v;
}

/**
 * Turns a checksum-verified document of version v into version v + 1 (docs/file-format.md).
 * A shipped step never changes; each has a fixture test with a real file of its version.
 */
export const UPGRADES: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {
  // v1 → v2: v1 files carry no model weights. A v1 file naming `models` was never valid.
  1: (doc) => {
    if (Object.hasOwn(doc, 'models')) throw invalid('file', 0, 'models');
    return { ...doc, formatVersion: 2, models: [] };
  },
};

const TOP_FIELDS: ReadonlySet<string> = new Set([
  'formatName',
  'formatVersion',
  'exportedAt',
  'appVersion',
  'deviceId',
  'kind',
  'checksum',
  'learners',
  'learnerState',
  'models',
  'settings',
  'attempts',
]);

type ValidatedBody = Omit<ParsedBackup, 'fileVersion' | 'encrypted'>;

export function validateDocument(doc: Record<string, unknown>): ValidatedBody {
  for (const k of Object.keys(doc)) if (!TOP_FIELDS.has(k)) throw invalid('file', 0, k);
  const exportedAt = own(doc, 'exportedAt');
  if (!isTime(exportedAt)) throw invalid('file', 0, 'exportedAt');
  const appVersion = own(doc, 'appVersion');
  if (!isText(appVersion, 1, BACKUP_LIMITS.maxVersionChars)) throw invalid('file', 0, 'appVersion');
  const deviceId = own(doc, 'deviceId');
  if (deviceId !== undefined && !isText(deviceId, 1, BACKUP_LIMITS.maxIdChars)) {
    throw invalid('file', 0, 'deviceId');
  }
  const kind = own(doc, 'kind');
  if (!KINDS.includes(kind as BackupKind)) throw invalid('file', 0, 'kind');
  const rawSettings = own(doc, 'settings') ?? [];
  const body = validateRecords(
    {
      learners: own(doc, 'learners'),
      attempts: own(doc, 'attempts'),
      learnerState: own(doc, 'learnerState'),
      models: own(doc, 'models'),
      settings: rawSettings,
    },
    'base64',
  );
  if (kind === 'learner' && body.learners.length !== 1) throw invalid('file', 0, 'kind');
  // A class file is the teacher's overview and never carries weights (docs/file-format.md).
  if (kind === 'class' && body.models.length > 0) throw invalid('file', 0, 'models');
  return {
    kind: kind as BackupKind,
    exportedAt: exportedAt as number,
    appVersion: appVersion as string,
    ...(deviceId !== undefined ? { deviceId: deviceId as string } : {}),
    ...body,
  };
}

interface Records {
  readonly learners: readonly LearnerRecord[];
  readonly attempts: readonly Attempt[];
  readonly learnerState: readonly LearnerStateRecord[];
  readonly models: readonly ModelRecord[];
  readonly settings: readonly BackupSetting[];
}

/** Checks every record and returns fresh copies holding only the known fields. */
export function validateRecords(
  input: {
    learners: unknown;
    attempts: unknown;
    learnerState: unknown;
    models: unknown;
    settings: unknown;
  },
  weights: WeightsForm,
): Records {
  const arr = (v: unknown, field: Section, max: number): unknown[] => {
    if (!Array.isArray(v)) throw invalid('file', 0, field);
    if (v.length > max) {
      throw fail('backup.tooLarge', { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 }, field);
    }
    return v;
  };
  const rawLearners = arr(input.learners, 'learners', BACKUP_LIMITS.maxLearners);
  const rawAttempts = arr(input.attempts, 'attempts', BACKUP_LIMITS.maxAttempts);
  const rawStates = arr(input.learnerState, 'learnerState', BACKUP_LIMITS.maxLearners);
  const rawModels = arr(input.models, 'models', BACKUP_LIMITS.maxLearners);
  const rawSettings = arr(input.settings, 'settings', BACKUP_LIMITS.maxSettings);

  const learners = rawLearners.map((v, i) => validateLearner(v, i));
  const learnerIds = new Set<string>();
  learners.forEach((l, i) => {
    if (learnerIds.has(l.id)) throw invalid('learners', i, 'id');
    learnerIds.add(l.id);
  });
  const attemptIds = new Set<string>();
  const attempts = rawAttempts.map((v, i) => {
    const a = validateAttempt(v, i);
    if (!learnerIds.has(a.learnerId)) throw invalid('attempts', i, 'learnerId');
    if (attemptIds.has(a.id)) throw invalid('attempts', i, 'id');
    attemptIds.add(a.id);
    return a;
  });
  const stateIds = new Set<string>();
  const learnerState = rawStates.map((v, i) => {
    const s = validateState(v, i);
    if (!learnerIds.has(s.learnerId) || stateIds.has(s.learnerId)) {
      throw invalid('learnerState', i, 'learnerId');
    }
    stateIds.add(s.learnerId);
    return s;
  });
  const modelIds = new Set<string>();
  const models = rawModels.map((v, i) => {
    const m = validateModel(v, i, weights);
    if (!learnerIds.has(m.learnerId) || modelIds.has(m.learnerId)) throw invalid('models', i, 'learnerId');
    modelIds.add(m.learnerId);
    return m;
  });
  const settingKeys = new Set<string>();
  const settings = rawSettings.map((v, i) => {
    const s = validateSetting(v, i);
    if (settingKeys.has(s.key)) throw invalid('settings', i, 'key');
    settingKeys.add(s.key);
    return s;
  });
  return { learners, attempts, learnerState, models, settings };
}
