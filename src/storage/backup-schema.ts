/**
 * The shared parts of the backup schemas (valibot), and the attempt schema: the one check of
 * untrusted attempts, used by backup-records.ts for files and by AttemptRepo.bulkImport. Kept
 * apart from backup-records.ts so that bulkImport's lazy import of it loads only valibot and
 * backup-format.ts (repositories.ts is in the app's first load; this module never is).
 *
 * Issue convention, relied on by recordError (backup-records.ts): an issue inside a field
 * carries that field as the first key of its path; a record-level issue has no path and its
 * message names the field ('(record)' for a record that is not an object, else the first
 * unknown key). Every parse uses ABORT (abortEarly), so the first problem in schema order is the
 * one reported: the fields are listed in the order the checks have always run.
 */
import * as v from 'valibot';
import type { Attempt } from '../core/types';
import { BACKUP_LIMITS, FORBIDDEN_KEYS, MAX_TIME, isPlainObject } from './backup-format';

/** Parse config: stop at the first issue, so it is the one the checks have always reported. */
export const ABORT = { abortEarly: true } as const;

/** Message marking a size-limit issue (weights over maxModelBytes, a section over its limit). */
export const TOO_LARGE = 'tooLarge';
export const RECORD = '(record)';

// ---------------------------------------------------------------------------------------------
// Field schemas

export const text = (min: number, max: number) => v.pipe(v.string(), v.minLength(min), v.maxLength(max));
export const time = v.pipe(v.number(), v.finite(), v.minValue(0), v.maxValue(MAX_TIME));
export const int = (min: number, max: number) =>
  v.pipe(v.number(), v.integer(), v.minValue(min), v.maxValue(max));
export const id = text(1, BACKUP_LIMITS.maxIdChars);
export const count = int(0, 1_000_000_000);
export const version = text(1, BACKUP_LIMITS.maxVersionChars);
export const finiteNumber = v.pipe(v.number(), v.finite());

export function isKey(k: string): boolean {
  return k.length > 0 && k.length <= BACKUP_LIMITS.maxIdChars && !FORBIDDEN_KEYS.has(k);
}

export const plainObject = v.custom<Record<string, unknown>>(isPlainObject, RECORD);

/** A null-prototype copy of the fields `o` has as its own: what v.object then reads. */
export function ownFields(o: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of fields) if (Object.hasOwn(o, k)) out[k] = o[k];
  return out;
}

/**
 * A record: a non-array object whose keys are all in `allowed` (the first unknown key is the
 * issue's message), then `entries` checked in order, reading own properties only.
 */
export function record<const E extends v.ObjectEntries>(
  entries: E,
  allowed: readonly string[] = Object.keys(entries),
) {
  return v.pipe(
    plainObject,
    v.check(
      (o) => Object.keys(o).every((k) => allowed.includes(k)),
      (issue) => Object.keys(issue.input as object).find((k) => !allowed.includes(k)) ?? RECORD,
    ),
    v.transform((o) => ownFields(o, allowed)),
    v.object(entries),
  );
}

/**
 * An object of at most `max` entries whose keys are ids (no prototype-ish keys) and whose
 * values all pass `value`; outputs a fresh copy in key order.
 */
export function dictionary<T>(max: number, value: v.GenericSchema<unknown, T>) {
  return v.pipe(
    plainObject,
    v.check((o) => Object.keys(o).length <= max),
    v.rawTransform(({ dataset, addIssue, NEVER }) => {
      const out: Record<string, T> = {};
      for (const k of Object.keys(dataset.value)) {
        const r = isKey(k) ? v.safeParse(value, dataset.value[k], ABORT) : undefined;
        if (!r?.success) {
          addIssue();
          return NEVER;
        }
        out[k] = r.output;
      }
      return out;
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Attempts

export const attemptSchema = v.pipe(
  record({
    // params first: the order the checks have always run in.
    params: dictionary(BACKUP_LIMITS.maxParams, finiteNumber),
    id,
    learnerId: id,
    itemId: text(1, BACKUP_LIMITS.maxItemIdChars),
    skillId: id,
    difficulty: v.picklist([1, 2, 3]),
    seed: int(0, 0xffffffff),
    answer: text(0, BACKUP_LIMITS.maxAnswerChars),
    correct: v.boolean(),
    responseMs: time,
    hintsUsed: count,
    solutionShown: v.boolean(),
    timestamp: time,
    appVersion: version,
    // Optional (files from before the knowledge-tracing model have neither).
    predicted: v.optional(v.pipe(finiteNumber, v.minValue(0), v.maxValue(1))),
    predictedBy: v.optional(version),
    // Format v3 (issue 12), an imported question only: its partial credit, strictly between 0
    // and 1 (full credit is `correct`, none is no score), and its stable id.
    score: v.optional(v.pipe(finiteNumber, v.gtValue(0), v.ltValue(1))),
    questionKey: v.optional(text(1, BACKUP_LIMITS.maxQuestionKeyChars)),
  }),
  v.transform((a): Attempt => ({
    id: a.id,
    learnerId: a.learnerId,
    itemId: a.itemId,
    skillId: a.skillId,
    difficulty: a.difficulty,
    seed: a.seed,
    params: a.params,
    answer: a.answer,
    correct: a.correct,
    responseMs: a.responseMs,
    hintsUsed: a.hintsUsed,
    solutionShown: a.solutionShown,
    timestamp: a.timestamp,
    appVersion: a.appVersion,
    ...(a.predicted !== undefined ? { predicted: a.predicted } : {}),
    ...(a.predictedBy !== undefined ? { predictedBy: a.predictedBy } : {}),
    ...(a.score !== undefined ? { score: a.score } : {}),
    ...(a.questionKey !== undefined ? { questionKey: a.questionKey } : {}),
  })),
);

/** An attempt from untrusted data as a fresh copy with only the known fields, or undefined. */
export function readAttempt(x: unknown): Attempt | undefined {
  const r = v.safeParse(attemptSchema, x, ABORT);
  return r.success ? r.output : undefined;
}
