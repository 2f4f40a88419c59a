/**
 * Validation of a parsed backup document: the format-version check, the upgrades
 * (v1 → v2 → v3 → v4), the top-level fields, and the record sets (sizes, duplicate ids, records
 * that name a learner not in the file). The per-record field checks are in backup-records.ts.
 */
import * as v from 'valibot';
import type { Attempt } from '../core/types';
import type {
  LearnerRecord,
  LearnerStateRecord,
  LessonViewRecord,
  ModelRecord,
  TutorQuestionRecord,
} from './db';
import type { BackupSetting, ParsedBackup, Section } from './backup-format';
import { BACKUP_LIMITS, KINDS, fail, invalid, isPlainObject, own } from './backup-format';
import type { WeightsForm } from './backup-records';
import {
  learnerSchema,
  lessonViewSchema,
  modelSchemas,
  recordError,
  settingSchema,
  stateSchema,
  tutorQuestionSchema,
} from './backup-records';
import { ABORT, TOO_LARGE, attemptSchema, record, text, time } from './backup-schema';

const NEWER = 'newer';

export function checkVersion(x: unknown, current: number): number {
  const r = v.safeParse(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(current, NEWER)), x, ABORT);
  if (r.success) return r.output;
  if (r.issues[0].message !== NEWER) throw fail('backup.wrongFormat');
  throw fail('backup.newerVersion', { version: x as number, supported: current });
}

/** A version-1 document: it never had a `models` member. */
const V1_DOCUMENT = v.looseObject({ models: v.exactOptional(v.never()) });

/** The top-level members format v4 added (issues 12 and 13); a v3 document has neither. */
const V4_MEMBERS = ['tutorQuestions', 'lessonViews'] as const;

/** Attempt fields format v3 added (issue 12: imported questions); a v2 attempt has neither. */
const V3_ATTEMPT_FIELDS: readonly string[] = ['score', 'questionKey'];

/**
 * The first attempt of a version-2 document naming a field only v3 has: the v2 reader refused
 * it as an unknown field, so it is refused the same way (its first such key, in the record's key
 * order). Anything else wrong with the attempts is left to validateDocument.
 */
function v3FieldInV2(doc: Record<string, unknown>): { index: number; field: string } | undefined {
  const attempts = own(doc, 'attempts');
  if (!Array.isArray(attempts)) return undefined;
  for (const [index, a] of attempts.entries()) {
    if (!isPlainObject(a)) continue;
    const field = Object.keys(a).find((k) => V3_ATTEMPT_FIELDS.includes(k));
    if (field !== undefined) return { index, field };
  }
  return undefined;
}

/**
 * Turns a checksum-verified document of version v into version v + 1 (docs/file-format.md).
 * A shipped step never changes; each has a fixture test with a real file of its version.
 */
export const UPGRADES: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {
  // v1 → v2: v1 files carry no model weights. A v1 file naming `models` was never valid.
  1: (doc) => {
    if (!v.is(V1_DOCUMENT, doc)) throw invalid('file', 0, 'models');
    return { ...doc, formatVersion: 2, models: [] };
  },
  // v2 → v3: v3 attempts may carry `score` and `questionKey`; a v2 file has none to convert. A v2
  // file naming either was never valid.
  2: (doc) => {
    const found = v3FieldInV2(doc);
    if (found) throw invalid('attempts', found.index, found.field);
    return { ...doc, formatVersion: 3 };
  },
  // v3 → v4: v4 files carry what the learners asked the tutor and the lesson cards they opened;
  // a v3 file has none. A v3 file naming either member was never valid (the v3 reader refused an
  // unknown top-level member).
  3: (doc) => {
    const found = V4_MEMBERS.find((k) => Object.hasOwn(doc, k));
    if (found) throw invalid('file', 0, found);
    return { ...doc, formatVersion: 4, tutorQuestions: [], lessonViews: [] };
  },
};

const TOP_FIELDS: readonly string[] = [
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
  'tutorQuestions',
  'lessonViews',
];

/** The top-level fields validateDocument reads itself, in the order they are checked. */
const HEADER = record(
  {
    exportedAt: time,
    appVersion: text(1, BACKUP_LIMITS.maxVersionChars),
    deviceId: v.optional(text(1, BACKUP_LIMITS.maxIdChars)),
    kind: v.picklist(KINDS),
  },
  TOP_FIELDS,
);

/** What the file's kind demands of its records (checked last). */
const KIND_RULES = v.pipe(
  v.object({ kind: v.picklist(KINDS), learners: v.array(v.unknown()), models: v.array(v.unknown()) }),
  v.check((d) => d.kind !== 'learner' || d.learners.length === 1, 'kind'),
  // A class file is the teacher's overview and never carries weights (docs/file-format.md).
  v.check((d) => d.kind !== 'class' || d.models.length === 0, 'models'),
);

type ValidatedBody = Omit<ParsedBackup, 'fileVersion' | 'encrypted'>;

export function validateDocument(doc: Record<string, unknown>): ValidatedBody {
  const header = v.safeParse(HEADER, doc, ABORT);
  if (!header.success) throw recordError('file', 0, header.issues[0]);
  const { exportedAt, appVersion, deviceId, kind } = header.output;
  const rawSettings = own(doc, 'settings') ?? [];
  const body = validateRecords(
    {
      learners: own(doc, 'learners'),
      attempts: own(doc, 'attempts'),
      learnerState: own(doc, 'learnerState'),
      models: own(doc, 'models'),
      settings: rawSettings,
      tutorQuestions: own(doc, 'tutorQuestions'),
      lessonViews: own(doc, 'lessonViews'),
    },
    'base64',
  );
  const rules = v.safeParse(KIND_RULES, { kind, learners: body.learners, models: body.models }, ABORT);
  if (!rules.success) throw invalid('file', 0, rules.issues[0].message);
  return {
    kind,
    exportedAt,
    appVersion,
    ...(deviceId !== undefined ? { deviceId } : {}),
    ...body,
  };
}

interface Records {
  readonly learners: readonly LearnerRecord[];
  readonly attempts: readonly Attempt[];
  readonly learnerState: readonly LearnerStateRecord[];
  readonly models: readonly ModelRecord[];
  readonly settings: readonly BackupSetting[];
  readonly tutorQuestions: readonly TutorQuestionRecord[];
  readonly lessonViews: readonly LessonViewRecord[];
}

const list = (max: number) => v.pipe(v.custom<unknown[]>(Array.isArray), v.maxLength(max, TOO_LARGE));

/** The record sets' shapes and sizes, all checked before any record is. */
const SECTIONS = v.object({
  learners: list(BACKUP_LIMITS.maxLearners),
  attempts: list(BACKUP_LIMITS.maxAttempts),
  learnerState: list(BACKUP_LIMITS.maxLearners),
  models: list(BACKUP_LIMITS.maxLearners),
  settings: list(BACKUP_LIMITS.maxSettings),
  tutorQuestions: list(BACKUP_LIMITS.maxTutorQuestions),
  lessonViews: list(BACKUP_LIMITS.maxLessonViews),
});

/** Where an issue of records(...) sits: section, record index, and the record's own issue. */
function sectionError(issue: v.BaseIssue<unknown>): never {
  const section = issue.path?.[0]?.key as Section;
  throw recordError(section, issue.path?.[1]?.key as number, issue, 2);
}

/** A check of an accepted record against the ones before it: returns the failing field, if any. */
function againstEarlier<T>(check: (x: T) => string | undefined) {
  return v.rawCheck<T>(({ dataset, addIssue }) => {
    const field = dataset.typed ? check(dataset.value) : undefined;
    if (field !== undefined) addIssue({ message: field });
  });
}

/**
 * The records of every section, each followed by the checks against the records before it
 * (duplicate ids, a learner not in the file). The sets are filled while parsing, so a schema
 * serves one parse; ABORT keeps each check to records already accepted.
 */
function records(form: WeightsForm) {
  const learnerIds = new Set<string>();
  const attemptIds = new Set<string>();
  const stateIds = new Set<string>();
  const modelIds = new Set<string>();
  const settingKeys = new Set<string>();
  const questionIds = new Set<string>();
  const viewIds = new Set<string>();
  return v.object({
    learners: v.pipe(
      v.array(learnerSchema),
      // Duplicate learner ids are looked for once every learner passed.
      v.rawCheck<LearnerRecord[]>(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const input = dataset.value;
        for (const [i, l] of input.entries()) {
          if (learnerIds.has(l.id)) {
            addIssue({ message: 'id', path: [{ type: 'array', origin: 'value', input, key: i, value: l }] });
            return;
          }
          learnerIds.add(l.id);
        }
      }),
    ),
    attempts: v.array(
      v.pipe(
        attemptSchema,
        againstEarlier<Attempt>((a) => {
          if (!learnerIds.has(a.learnerId)) return 'learnerId';
          if (attemptIds.has(a.id)) return 'id';
          attemptIds.add(a.id);
        }),
      ),
    ),
    learnerState: v.array(
      v.pipe(
        stateSchema,
        againstEarlier<LearnerStateRecord>((s) => {
          if (!learnerIds.has(s.learnerId) || stateIds.has(s.learnerId)) return 'learnerId';
          stateIds.add(s.learnerId);
        }),
      ),
    ),
    models: v.array(
      v.pipe(
        modelSchemas[form],
        againstEarlier<ModelRecord>((m) => {
          if (!learnerIds.has(m.learnerId) || modelIds.has(m.learnerId)) return 'learnerId';
          modelIds.add(m.learnerId);
        }),
      ),
    ),
    settings: v.array(
      v.pipe(
        settingSchema,
        againstEarlier<BackupSetting>((s) => {
          if (settingKeys.has(s.key)) return 'key';
          settingKeys.add(s.key);
        }),
      ),
    ),
    tutorQuestions: v.array(
      v.pipe(
        tutorQuestionSchema,
        againstEarlier<TutorQuestionRecord>((q) => {
          if (!learnerIds.has(q.learnerId)) return 'learnerId';
          if (questionIds.has(q.id)) return 'id';
          questionIds.add(q.id);
        }),
      ),
    ),
    lessonViews: v.array(
      v.pipe(
        lessonViewSchema,
        againstEarlier<LessonViewRecord>((l) => {
          if (!learnerIds.has(l.learnerId)) return 'learnerId';
          if (viewIds.has(l.id)) return 'id';
          viewIds.add(l.id);
        }),
      ),
    ),
  });
}

/** Checks every record and returns fresh copies holding only the known fields. */
export function validateRecords(
  input: {
    learners: unknown;
    attempts: unknown;
    learnerState: unknown;
    models: unknown;
    settings: unknown;
    tutorQuestions: unknown;
    lessonViews: unknown;
  },
  weights: WeightsForm,
): Records {
  const sections = v.safeParse(SECTIONS, input, ABORT);
  if (!sections.success) {
    const issue = sections.issues[0];
    const field = issue.path?.[0]?.key as Section;
    if (issue.message === TOO_LARGE) {
      throw fail('backup.tooLarge', { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 }, field);
    }
    throw invalid('file', 0, field);
  }
  const r = v.safeParse(records(weights), sections.output, ABORT);
  if (!r.success) sectionError(r.issues[0]);
  return r.output;
}
