/**
 * Field-by-field validators of the untrusted JSON records in a backup file (learners, attempts,
 * learner states, models, settings). Each returns a fresh copy holding only the known fields, or
 * throws 'backup.invalidRecord' naming the record and field. Used by backup-validate.ts.
 */
import type { Attempt, Difficulty, SkillPractice } from '../core/types';
import type { LearnerRecord, LearnerStateRecord, ModelRecord } from './db';
import { MODEL_RECORD_VERSION } from './db';
import type { BackupSetting, BackupSettingKey, Section } from './backup-format';
import {
  BACKUP_LIMITS,
  BACKUP_SETTING_KEYS,
  FORBIDDEN_KEYS,
  MAX_TIME,
  MAX_WEIGHTS_CHARS,
  fail,
  invalid,
  isPlainObject,
  own,
} from './backup-format';
import { fromBase64 } from './backup-crypto';
import type { PinHash } from './pin';
import { NICKNAME_MAX } from './repositories';

/**
 * How models[].weights arrives: as base64 text from a file, or as the bytes of an already
 * parsed ParsedBackup (which importBackup checks again).
 */
export type WeightsForm = 'base64' | 'bytes';

export function isText(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}
export function isTime(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME;
}
function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}
function isId(v: unknown): v is string {
  return isText(v, 1, BACKUP_LIMITS.maxIdChars);
}
function isKey(k: string): boolean {
  return k.length > 0 && k.length <= BACKUP_LIMITS.maxIdChars && !FORBIDDEN_KEYS.has(k);
}

/** Field-by-field reader for one record: each check names the field that failed. */
function reader(section: Section, index: number, v: unknown, allowed: readonly string[]) {
  if (!isPlainObject(v)) throw invalid(section, index, '(record)');
  for (const k of Object.keys(v)) if (!allowed.includes(k)) throw invalid(section, index, k);
  return <T>(field: string, ok: (x: unknown) => x is T): T => {
    const x = own(v, field);
    if (!ok(x)) throw invalid(section, index, field);
    return x;
  };
}

const LEARNER_FIELDS = ['id', 'nickname', 'avatar', 'pin', 'createdAt', 'lastActiveAt', 'locale'] as const;

function isNickname(v: unknown): v is string {
  if (typeof v !== 'string' || v.length > NICKNAME_MAX * 2) return false;
  const n = [...v].length;
  return v.trim() === v && n >= 1 && n <= NICKNAME_MAX;
}
// Not limited to AVATARS: a newer Lantern may add pictures; the UI falls back for unknown ids.
const isAvatar = (v: unknown): v is string => typeof v === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(v);
const isLocale = (v: unknown): v is string | null | undefined =>
  v === undefined ||
  v === null ||
  (typeof v === 'string' && /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/.test(v));

function isPin(v: unknown): v is PinHash | undefined {
  if (v === undefined) return true;
  if (!isPlainObject(v) || Object.keys(v).length !== 3) return false;
  const salt = own(v, 'salt');
  const hash = own(v, 'hash');
  return (
    typeof salt === 'string' &&
    /^(?:[0-9a-f]{2}){8,64}$/.test(salt) &&
    typeof hash === 'string' &&
    /^[0-9a-f]{64}$/.test(hash) &&
    isInt(own(v, 'iterations'), 1, BACKUP_LIMITS.maxPinIterations)
  );
}

export function validateLearner(v: unknown, i: number): LearnerRecord {
  const get = reader('learners', i, v, LEARNER_FIELDS);
  const id = get('id', isId);
  const nickname = get('nickname', isNickname);
  const avatar = get('avatar', isAvatar);
  const pin = get('pin', isPin);
  const createdAt = get('createdAt', isTime);
  const lastActiveAt = get('lastActiveAt', isTime);
  const locale = get('locale', isLocale);
  return {
    id,
    nickname,
    avatar,
    ...(pin ? { pin: { salt: pin.salt, hash: pin.hash, iterations: pin.iterations } } : {}),
    createdAt,
    lastActiveAt,
    ...(locale !== undefined ? { locale } : {}),
  };
}

const ATTEMPT_FIELDS = [
  'id',
  'learnerId',
  'itemId',
  'skillId',
  'difficulty',
  'seed',
  'params',
  'answer',
  'correct',
  'responseMs',
  'hintsUsed',
  'solutionShown',
  'timestamp',
  'appVersion',
  'predicted',
  'predictedBy',
] as const;

const isDifficulty = (v: unknown): v is Difficulty => v === 1 || v === 2 || v === 3;
const isBool = (v: unknown): v is boolean => typeof v === 'boolean';
const isSeed = (v: unknown): v is number => isInt(v, 0, 0xffffffff);
const isCount = (v: unknown): v is number => isInt(v, 0, 1_000_000_000);
const isDuration = (v: unknown): v is number =>
  typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= MAX_TIME;
const isAnswer = (v: unknown): v is string => isText(v, 0, BACKUP_LIMITS.maxAnswerChars);
const isItemId = (v: unknown): v is string => isText(v, 1, BACKUP_LIMITS.maxItemIdChars);
const isVersion = (v: unknown): v is string => isText(v, 1, BACKUP_LIMITS.maxVersionChars);

function isParams(v: unknown): v is Record<string, number> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length > BACKUP_LIMITS.maxParams) return false;
  return keys.every((k) => isKey(k) && typeof v[k] === 'number' && Number.isFinite(v[k]));
}

export function validateAttempt(v: unknown, i: number): Attempt {
  const get = reader('attempts', i, v, ATTEMPT_FIELDS);
  const params = get('params', isParams);
  const copy: Record<string, number> = {};
  for (const k of Object.keys(params)) copy[k] = params[k] as number;
  return {
    id: get('id', isId),
    learnerId: get('learnerId', isId),
    itemId: get('itemId', isItemId),
    skillId: get('skillId', isId),
    difficulty: get('difficulty', isDifficulty),
    seed: get('seed', isSeed),
    params: copy,
    answer: get('answer', isAnswer),
    correct: get('correct', isBool),
    responseMs: get('responseMs', isDuration),
    hintsUsed: get('hintsUsed', isCount),
    solutionShown: get('solutionShown', isBool),
    timestamp: get('timestamp', isTime),
    appVersion: get('appVersion', isVersion),
    // Optional (files from before the knowledge-tracing model have neither).
    ...(own(v as Record<string, unknown>, 'predicted') !== undefined
      ? { predicted: get('predicted', isProbability) }
      : {}),
    ...(own(v as Record<string, unknown>, 'predictedBy') !== undefined
      ? { predictedBy: get('predictedBy', isVersion) }
      : {}),
  };
}

function isProbability(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 && v <= 1;
}

const STATE_FIELDS = ['learnerId', 'model', 'practice', 'attemptCount', 'updatedAt'] as const;

export function validateState(v: unknown, i: number): LearnerStateRecord {
  const get = reader('learnerState', i, v, STATE_FIELDS);
  const learnerId = get('learnerId', isId);
  const model = copyJson(own(v as Record<string, unknown>, 'model'), 0);
  if (model === INVALID) throw invalid('learnerState', i, 'model');
  const rawPractice = get('practice', isPlainObject);
  const keys = Object.keys(rawPractice);
  if (keys.length > BACKUP_LIMITS.maxPracticeSkills) throw invalid('learnerState', i, 'practice');
  const practice: Record<string, SkillPractice> = {};
  for (const k of keys) {
    const p = rawPractice[k];
    if (!isKey(k) || !isPlainObject(p) || Object.keys(p).length !== 3) {
      throw invalid('learnerState', i, 'practice');
    }
    const attempts = own(p, 'attempts');
    const correct = own(p, 'correct');
    const lastPracticed = own(p, 'lastPracticed');
    if (!isCount(attempts) || !isInt(correct, 0, attempts) || !isTime(lastPracticed)) {
      throw invalid('learnerState', i, 'practice');
    }
    practice[k] = { attempts, correct, lastPracticed };
  }
  return {
    learnerId,
    model,
    practice,
    attemptCount: get('attemptCount', isCount),
    updatedAt: get('updatedAt', isTime),
  };
}

const MODEL_FIELDS = [
  'learnerId',
  'recordVersion',
  'descriptor',
  'weights',
  'trainedAt',
  'attemptCount',
  'metrics',
] as const;

function isMetrics(v: unknown): v is Record<string, number | string> {
  if (!isPlainObject(v)) return false;
  const keys = Object.keys(v);
  if (keys.length > BACKUP_LIMITS.maxModelMetrics) return false;
  return keys.every((k) => {
    const x = v[k];
    return (
      isKey(k) &&
      ((typeof x === 'number' && Number.isFinite(x)) || isText(x, 0, BACKUP_LIMITS.maxMetricChars))
    );
  });
}

/**
 * The weights as a fresh ArrayBuffer of 1 to maxModelBytes bytes: strict base64 from a file, or
 * the bytes of a parsed backup. `tooLarge` for well-formed weights over the limit.
 */
function readWeights(v: unknown, form: WeightsForm): ArrayBuffer | 'invalid' | 'tooLarge' {
  if (form === 'base64') {
    if (typeof v !== 'string') return 'invalid';
    // Checked before decoding: a hostile file must not make the device decode 200 MB first.
    if (v.length > MAX_WEIGHTS_CHARS) return /^[A-Za-z0-9+/]*={0,2}$/.test(v) ? 'tooLarge' : 'invalid';
    const bytes = fromBase64(v);
    if (!bytes || bytes.length === 0) return 'invalid';
    return bytes.length > BACKUP_LIMITS.maxModelBytes ? 'tooLarge' : bytes.buffer;
  }
  if (!(v instanceof ArrayBuffer) && Object.prototype.toString.call(v) !== '[object ArrayBuffer]') {
    return 'invalid';
  }
  const buffer = v as ArrayBuffer;
  if (buffer.byteLength === 0) return 'invalid';
  return buffer.byteLength > BACKUP_LIMITS.maxModelBytes ? 'tooLarge' : buffer.slice(0);
}

export function validateModel(v: unknown, i: number, form: WeightsForm): ModelRecord {
  const get = reader('models', i, v, MODEL_FIELDS);
  const learnerId = get('learnerId', isId);
  const recordVersion = get('recordVersion', (x): x is number => x === MODEL_RECORD_VERSION);
  const rawDescriptor = get('descriptor', isPlainObject);
  const descriptor = copyJson(rawDescriptor, 0);
  if (descriptor === INVALID) throw invalid('models', i, 'descriptor');
  const weights = readWeights(own(v as Record<string, unknown>, 'weights'), form);
  if (weights === 'invalid') throw invalid('models', i, 'weights');
  if (weights === 'tooLarge') {
    throw fail(
      'backup.modelTooLarge',
      { index: i, number: i + 1, limitMb: BACKUP_LIMITS.maxModelBytes / 1024 / 1024 },
      `models[${i}].weights`,
    );
  }
  const metrics = get('metrics', isMetrics);
  const metricsCopy: Record<string, number | string> = {};
  for (const k of Object.keys(metrics)) metricsCopy[k] = metrics[k] as number | string;
  return {
    learnerId,
    recordVersion,
    descriptor,
    weights,
    trainedAt: get('trainedAt', isTime),
    attemptCount: get('attemptCount', isCount),
    metrics: metricsCopy,
  };
}

const INVALID = Symbol('invalid');

/** A copy of a JSON value with bounded nesting, finite numbers and no prototype-ish keys. */
function copyJson(v: unknown, depth: number): unknown {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : INVALID;
  if (typeof v !== 'object' || depth >= BACKUP_LIMITS.maxModelDepth) return INVALID;
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) {
      const c = copyJson(x, depth + 1);
      if (c === INVALID) return INVALID;
      out.push(c);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (FORBIDDEN_KEYS.has(k)) return INVALID;
    const c = copyJson(x, depth + 1);
    if (c === INVALID) return INVALID;
    out[k] = c;
  }
  return out;
}

export function validateSetting(v: unknown, i: number): BackupSetting {
  const get = reader('settings', i, v, ['key', 'value']);
  const key = get('key', (k): k is BackupSettingKey =>
    (BACKUP_SETTING_KEYS as readonly unknown[]).includes(k),
  );
  const value = get('value', (x): x is string => isText(x, 1, BACKUP_LIMITS.maxIdChars));
  return { key, value };
}
