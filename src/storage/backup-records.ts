/**
 * Schemas (valibot) of the untrusted JSON records in a backup file: learners, attempts (from
 * backup-schema.ts), learner states, models, settings, tutor questions and lesson views (v4). Each schema's output is a fresh copy
 * holding only the known fields; a failure becomes 'backup.invalidRecord' naming the record and
 * field (recordError, after the issue convention in backup-schema.ts). Used by backup-validate.ts.
 */
import * as v from 'valibot';
import type { Attempt, SkillPractice } from '../core/types';
import type { ValidationError } from '../core/errors';
import type {
  LearnerRecord,
  LearnerStateRecord,
  LessonViewRecord,
  ModelRecord,
  TutorQuestionRecord,
} from './db';
import {
  LESSON_OPENED_WHYS,
  LESSON_VIEW_RECORD_VERSION,
  MODEL_RECORD_VERSION,
  TUTOR_ASK_KINDS,
  TUTOR_QUESTION_RECORD_VERSION,
} from './db';
import type { BackupSetting, Section } from './backup-format';
import {
  BACKUP_LIMITS,
  BACKUP_SETTING_KEYS,
  FORBIDDEN_KEYS,
  MAX_WEIGHTS_CHARS,
  fail,
  invalid,
} from './backup-format';
import { fromBase64 } from './backup-crypto';
import { NICKNAME_MAX } from './repositories';
import {
  ABORT,
  TOO_LARGE,
  attemptSchema,
  count,
  dictionary,
  finiteNumber,
  id,
  int,
  ownFields,
  plainObject,
  record,
  text,
  time,
} from './backup-schema';

export { attemptSchema };

type Issue = v.BaseIssue<unknown>;

/**
 * How models[].weights arrives: as base64 text from a file, or as the bytes of an already
 * parsed ParsedBackup (which importBackup checks again).
 */
export type WeightsForm = 'base64' | 'bytes';

const INVALID = Symbol('invalid');

/** A copy of a JSON value with bounded nesting, finite numbers and no prototype-ish keys. */
function copyJson(x: unknown, depth: number): unknown {
  if (x === null || typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isFinite(x) ? x : INVALID;
  if (typeof x !== 'object' || depth >= BACKUP_LIMITS.maxModelDepth) return INVALID;
  if (Array.isArray(x)) {
    const out: unknown[] = [];
    for (const y of x) {
      const c = copyJson(y, depth + 1);
      if (c === INVALID) return INVALID;
      out.push(c);
    }
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, y] of Object.entries(x)) {
    if (FORBIDDEN_KEYS.has(k)) return INVALID;
    const c = copyJson(y, depth + 1);
    if (c === INVALID) return INVALID;
    out[k] = c;
  }
  return out;
}

const jsonCopy = <T>() =>
  v.rawTransform<T, unknown>(({ dataset, addIssue, NEVER }) => {
    const c = copyJson(dataset.value, 0);
    if (c !== INVALID) return c;
    addIssue();
    return NEVER;
  });
const json = v.pipe(v.unknown(), jsonCopy());

// ---------------------------------------------------------------------------------------------
// Learners

const nickname = v.pipe(
  v.string(),
  v.maxLength(NICKNAME_MAX * 2),
  v.check((s) => s.trim() === s),
  v.check((s) => {
    const n = [...s].length;
    return n >= 1 && n <= NICKNAME_MAX;
  }),
);

const pin = v.pipe(
  plainObject,
  v.check((o) => Object.keys(o).length === 3),
  v.transform((o) => ownFields(o, ['salt', 'hash', 'iterations'])),
  v.object({
    salt: v.pipe(v.string(), v.regex(/^(?:[0-9a-f]{2}){8,64}$/)),
    hash: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/)),
    iterations: int(1, BACKUP_LIMITS.maxPinIterations),
  }),
);

export const learnerSchema = v.pipe(
  record({
    id,
    nickname,
    // Not limited to AVATARS: a newer Lantern may add pictures; the UI falls back for unknown ids.
    avatar: v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]{0,31}$/)),
    pin: v.optional(pin),
    createdAt: time,
    lastActiveAt: time,
    locale: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,4}$/)))),
  }),
  v.transform((l): LearnerRecord => ({
    id: l.id,
    nickname: l.nickname,
    avatar: l.avatar,
    ...(l.pin ? { pin: { salt: l.pin.salt, hash: l.pin.hash, iterations: l.pin.iterations } } : {}),
    createdAt: l.createdAt,
    lastActiveAt: l.lastActiveAt,
    ...(l.locale !== undefined ? { locale: l.locale } : {}),
  })),
);

// ---------------------------------------------------------------------------------------------
// Learner states

const skillPractice = v.pipe(
  plainObject,
  v.check((o) => Object.keys(o).length === 3),
  v.transform((o) => ownFields(o, ['attempts', 'correct', 'lastPracticed'])),
  v.object({ attempts: count, correct: count, lastPracticed: time }),
  v.check((p) => p.correct <= p.attempts),
  v.transform((p): SkillPractice => ({
    attempts: p.attempts,
    correct: p.correct,
    lastPracticed: p.lastPracticed,
  })),
);

export const stateSchema = v.pipe(
  record({
    learnerId: id,
    model: json,
    practice: dictionary(BACKUP_LIMITS.maxPracticeSkills, skillPractice),
    attemptCount: count,
    updatedAt: time,
  }),
  v.transform((s): LearnerStateRecord => ({
    learnerId: s.learnerId,
    model: s.model,
    practice: s.practice,
    attemptCount: s.attemptCount,
    updatedAt: s.updatedAt,
  })),
);

// ---------------------------------------------------------------------------------------------
// Models

/**
 * The weights as a fresh ArrayBuffer of 1 to maxModelBytes bytes: strict base64 from a file, or
 * the bytes of a parsed backup. A TOO_LARGE issue for well-formed weights over the limit.
 */
function weights(form: WeightsForm) {
  return v.rawTransform<unknown, ArrayBuffer>(({ dataset, addIssue, NEVER }) => {
    const x = dataset.value;
    let size: number;
    let buffer: () => ArrayBuffer;
    if (form === 'base64') {
      if (typeof x !== 'string') return (addIssue(), NEVER);
      // Checked before decoding: a hostile file must not make the device decode 200 MB first.
      if (x.length > MAX_WEIGHTS_CHARS) {
        return (addIssue(/^[A-Za-z0-9+/]*={0,2}$/.test(x) ? { message: TOO_LARGE } : undefined), NEVER);
      }
      const bytes = fromBase64(x);
      if (!bytes) return (addIssue(), NEVER);
      size = bytes.length;
      buffer = () => bytes.buffer as ArrayBuffer;
    } else {
      if (!(x instanceof ArrayBuffer) && Object.prototype.toString.call(x) !== '[object ArrayBuffer]') {
        return (addIssue(), NEVER);
      }
      const b = x as ArrayBuffer;
      size = b.byteLength;
      buffer = () => b.slice(0);
    }
    if (size === 0) return (addIssue(), NEVER);
    if (size > BACKUP_LIMITS.maxModelBytes) return (addIssue({ message: TOO_LARGE }), NEVER);
    return buffer();
  });
}

function modelSchema(form: WeightsForm) {
  return v.pipe(
    record({
      learnerId: id,
      recordVersion: v.literal(MODEL_RECORD_VERSION),
      descriptor: v.pipe(plainObject, jsonCopy()),
      weights: v.pipe(v.unknown(), weights(form)),
      // metrics before trainedAt and attemptCount: the order the checks have always run in.
      metrics: dictionary(
        BACKUP_LIMITS.maxModelMetrics,
        v.union([finiteNumber, text(0, BACKUP_LIMITS.maxMetricChars)]),
      ),
      trainedAt: time,
      attemptCount: count,
    }),
    v.transform((m): ModelRecord => ({
      learnerId: m.learnerId,
      recordVersion: m.recordVersion,
      descriptor: m.descriptor,
      weights: m.weights,
      trainedAt: m.trainedAt,
      attemptCount: m.attemptCount,
      metrics: m.metrics,
    })),
  );
}

export const modelSchemas: Readonly<Record<WeightsForm, ReturnType<typeof modelSchema>>> = {
  base64: modelSchema('base64'),
  bytes: modelSchema('bytes'),
};

// ---------------------------------------------------------------------------------------------
// Settings

export const settingSchema = v.pipe(
  record({ key: v.picklist(BACKUP_SETTING_KEYS), value: id }),
  v.transform((s): BackupSetting => ({ key: s.key, value: s.value })),
);

// ---------------------------------------------------------------------------------------------
// Tutor questions and lesson views (format v4)

export const tutorQuestionSchema = v.pipe(
  record({
    id,
    recordVersion: v.literal(TUTOR_QUESTION_RECORD_VERSION),
    learnerId: id,
    askedAt: time,
    kind: v.picklist(TUTOR_ASK_KINDS),
    itemId: text(1, BACKUP_LIMITS.maxItemIdChars),
    // As TutorQuestionRepo keeps it (cut to 500 characters); an empty one is stored as typed.
    question: v.optional(text(0, BACKUP_LIMITS.maxTutorQuestionChars)),
  }),
  v.transform((q): TutorQuestionRecord => ({
    id: q.id,
    recordVersion: q.recordVersion,
    learnerId: q.learnerId,
    askedAt: q.askedAt,
    kind: q.kind,
    itemId: q.itemId,
    ...(q.question !== undefined ? { question: q.question } : {}),
  })),
);

export const lessonViewSchema = v.pipe(
  record({
    id,
    recordVersion: v.literal(LESSON_VIEW_RECORD_VERSION),
    learnerId: id,
    skillId: id,
    why: v.picklist(LESSON_OPENED_WHYS),
    openedAt: time,
  }),
  v.transform((l): LessonViewRecord => ({
    id: l.id,
    recordVersion: l.recordVersion,
    learnerId: l.learnerId,
    skillId: l.skillId,
    why: l.why,
    openedAt: l.openedAt,
  })),
);

// ---------------------------------------------------------------------------------------------
// Errors

/**
 * The ValidationError for the first issue of record `index` in `section`, whose own path
 * starts at `depth` (0 for a record parsed on its own).
 */
export function recordError(section: Section, index: number, issue: Issue, depth = 0): ValidationError {
  const key = issue.path?.[depth]?.key;
  const field = typeof key === 'string' ? key : issue.message;
  if (field === 'weights' && issue.message === TOO_LARGE) {
    return fail(
      'backup.modelTooLarge',
      { index, number: index + 1, limitMb: BACKUP_LIMITS.maxModelBytes / 1024 / 1024 },
      `models[${index}].weights`,
    );
  }
  return invalid(section, index, field);
}

function parseRecord<S extends v.GenericSchema>(
  schema: S,
  section: Section,
  index: number,
  input: unknown,
): v.InferOutput<S> {
  const r = v.safeParse(schema, input, ABORT);
  if (r.success) return r.output;
  throw recordError(section, index, r.issues[0]);
}

export function validateLearner(x: unknown, i: number): LearnerRecord {
  return parseRecord(learnerSchema, 'learners', i, x);
}
export function validateAttempt(x: unknown, i: number): Attempt {
  return parseRecord(attemptSchema, 'attempts', i, x);
}
export function validateState(x: unknown, i: number): LearnerStateRecord {
  return parseRecord(stateSchema, 'learnerState', i, x);
}
export function validateModel(x: unknown, i: number, form: WeightsForm): ModelRecord {
  return parseRecord(modelSchemas[form], 'models', i, x);
}
export function validateSetting(x: unknown, i: number): BackupSetting {
  return parseRecord(settingSchema, 'settings', i, x);
}
