/**
 * Backup, restore and class merge: one versioned file format (docs/file-format.md).
 *
 *   exportBackup(db, opts)   → JSON text, plain or passphrase-encrypted
 *   parseBackup(text, opts)  → ParsedBackup, fully validated; nothing is written
 *   importBackup(db, parsed) → merges in one transaction; all or nothing
 *
 * Everything parseBackup rejects is a ValidationError whose messageKey is in
 * backup-messages.ts: a file is input the person chose, and the message tells them what to do.
 * Database failures during export/import are StorageErrors, as everywhere in this layer.
 *
 * This module is the entry point the rest of the app imports from. The parts live beside it:
 * backup-format.ts (names, versions, types, limits), backup-envelope.ts (the passphrase
 * envelope), backup-validate.ts and backup-records.ts (checks of untrusted records, the format
 * upgrades), backup-merge.ts (importBackup) and backup-crypto.ts (bytes: hashing, base64, AES).
 */
import { ValidationError } from '../core/errors';
import type { Attempt } from '../core/types';
import { KDF_ITERATIONS, NestingTooDeepError, canonicalJson, sha256Hex, toBase64 } from './backup-crypto';
import { decrypt, encrypt } from './backup-envelope';
import type {
  BackupDocument,
  BackupKind,
  BackupModel,
  BackupSetting,
  BackupSettingKey,
  ExportOptions,
  ParseOptions,
  ParsedBackup,
} from './backup-format';
import {
  BACKUP_FORMAT_NAME,
  BACKUP_FORMAT_VERSION,
  BACKUP_LIMITS,
  BACKUP_SETTING_KEYS,
  DEFAULT_CHUNK,
  ENCRYPTED_FORMAT_NAME,
  MIN_PASSPHRASE_CHARS,
  cmp,
  fail,
  invalid,
  isPlainObject,
  own,
} from './backup-format';
import { UPGRADES, checkVersion, validateDocument } from './backup-validate';
import type {
  LanternDB,
  LearnerRecord,
  LearnerStateRecord,
  LessonViewRecord,
  ModelRecord,
  TutorQuestionRecord,
} from './db';
import { MODEL_RECORD_VERSION } from './db';
import { StorageError, guard } from './errors';

export {
  BACKUP_FORMAT_NAME,
  BACKUP_FORMAT_VERSION,
  BACKUP_LIMITS,
  BACKUP_SETTING_KEYS,
  ENCRYPTED_FORMAT_NAME,
  ENCRYPTED_FORMAT_VERSION,
} from './backup-format';
export type {
  BackupDocument,
  BackupKind,
  BackupModel,
  BackupProgress,
  BackupSetting,
  BackupSettingKey,
  EncryptedBackupDocument,
  ExportOptions,
  ImportOptions,
  ImportSummary,
  ParseOptions,
  ParsedBackup,
  ProgressListener,
  RebuildState,
} from './backup-format';
export { importBackup, mergeLearner, newerModel } from './backup-merge';

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Writes a backup of some or all learners: their profiles (PIN hashes included, so the lock
 * travels with the learner), every attempt, their current state, what they asked the tutor and
 * the lesson cards they opened, and (except in a 'class' file, which is for the teacher's
 * overview) their fine-tuned model weights. All reads happen in one
 * read transaction, so a lesson finishing in another tab cannot leave the file half-updated.
 * The file is re-read with parseBackup before it is returned: a file this returns always restores.
 *
 * @throws ValidationError('backup.passphraseTooShort'); StorageError ('learner.notFound' for an
 *   unknown id, 'corrupt' if stored data cannot be written in the format, or any storage failure).
 */
export async function exportBackup(db: LanternDB, opts: ExportOptions): Promise<string> {
  if (opts.passphrase !== undefined && [...opts.passphrase.normalize('NFC')].length < MIN_PASSPHRASE_CHARS) {
    throw fail('backup.passphraseTooShort', { min: MIN_PASSPHRASE_CHARS });
  }
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const kind: BackupKind =
    opts.kind ??
    (opts.learnerIds === undefined ? 'device' : opts.learnerIds.length === 1 ? 'learner' : 'class');
  const report = opts.onProgress ?? (() => undefined);
  if (kind === 'learner' && opts.learnerIds?.length !== 1) {
    throw new TypeError("kind 'learner' needs exactly one id in learnerIds");
  }

  const tables = [
    db.learners,
    db.attempts,
    db.learnerState,
    db.models,
    db.settings,
    db.tutorQuestions,
    db.lessonViews,
  ];
  const read = await guard(() =>
    db.transaction('r', tables, async () => {
      let learners: LearnerRecord[];
      if (opts.learnerIds === undefined) {
        learners = await db.learners.toArray();
      } else {
        const ids = [...new Set(opts.learnerIds)];
        const found = await db.learners.bulkGet(ids);
        learners = found.map((l, i) => {
          if (!l) {
            throw new StorageError('notFound', {
              messageKey: 'learner.notFound',
              detail: `learner ${ids[i]} not found`,
            });
          }
          return l;
        });
      }
      learners.sort((a, b) => cmp(a.id, b.id));
      const ids = learners.map((l) => l.id);
      const counts = await Promise.all(ids.map((id) => db.attempts.where('learnerId').equals(id).count()));
      const total = counts.reduce((s, n) => s + n, 0);
      const attempts: Attempt[] = [];
      report({ phase: 'read', done: 0, total });
      for (const id of ids) {
        // Keyset pages over [learnerId+timestamp]. Each page restarts at the last timestamp
        // seen and skips the rows already taken there (ties are ordered by id in the index,
        // and a read transaction sees a fixed snapshot). A plain range + limit is a single
        // getAll(); Dexie's .and() filter would walk a cursor row by row, ~25x slower.
        let fromTs = -Infinity;
        let seenAtTs = 0;
        for (;;) {
          const rows = await db.attempts
            .where('[learnerId+timestamp]')
            .between([id, fromTs], [id, Infinity], true, true)
            .limit(chunk + seenAtTs)
            .toArray();
          for (let i = seenAtTs; i < rows.length; i++) attempts.push(rows[i] as Attempt);
          report({ phase: 'read', done: attempts.length, total });
          const last = rows[rows.length - 1];
          if (rows.length < chunk + seenAtTs || !last) break;
          fromTs = last.timestamp;
          seenAtTs = 0;
          for (const r of rows) if (r.timestamp === fromTs) seenAtTs++;
        }
      }
      const learnerState = (await db.learnerState.bulkGet(ids)).filter(
        (s): s is LearnerStateRecord => s !== undefined,
      );
      // A class file is the teacher's overview: weights would only make it heavy. A row of a
      // record format this build does not know is skipped, as ModelRepo.get ignores it.
      const models: BackupModel[] =
        kind === 'class'
          ? []
          : (await db.models.bulkGet(ids))
              .filter((m): m is ModelRecord => m?.recordVersion === MODEL_RECORD_VERSION)
              .map((m) => ({
                learnerId: m.learnerId,
                recordVersion: m.recordVersion,
                descriptor: m.descriptor,
                weights: toBase64(new Uint8Array(m.weights)),
                trainedAt: m.trainedAt,
                attemptCount: m.attemptCount,
                metrics: m.metrics,
              }));
      const settings: BackupSetting[] = [];
      if (kind === 'device') {
        const rows = await db.settings.bulkGet([...BACKUP_SETTING_KEYS]);
        for (const row of rows) {
          if (row && typeof row.value === 'string') {
            settings.push({ key: row.key as BackupSettingKey, value: row.value });
          }
        }
      }
      // Few rows per learner (one per question asked or card opened): one query each, grouped
      // by learner and in time order (ties by id), as the attempts are.
      const tutorQuestions: TutorQuestionRecord[] = [];
      const lessonViews: LessonViewRecord[] = [];
      for (const id of ids) {
        tutorQuestions.push(
          ...(await db.tutorQuestions
            .where('[learnerId+askedAt]')
            .between([id, -Infinity], [id, Infinity], true, true)
            .toArray()),
        );
        lessonViews.push(
          ...(await db.lessonViews
            .where('[learnerId+openedAt]')
            .between([id, -Infinity], [id, Infinity], true, true)
            .toArray()),
        );
      }
      return { learners, attempts, learnerState, models, settings, tutorQuestions, lessonViews };
    }),
  );
  const { learners, attempts, learnerState, models, settings, tutorQuestions, lessonViews } = read;

  const payload: Omit<BackupDocument, 'checksum'> = {
    formatName: BACKUP_FORMAT_NAME,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: opts.now,
    appVersion: opts.appVersion,
    ...(opts.deviceId !== undefined ? { deviceId: opts.deviceId } : {}),
    kind,
    learners,
    learnerState,
    models,
    ...(kind === 'device' ? { settings } : {}),
    attempts,
    tutorQuestions,
    lessonViews,
  };
  const checksum = await sha256Hex(canonicalJson(payload));
  // Header fields first, so a person (or looksLikeBackup) can recognise the file from its start.
  const {
    learners: l,
    learnerState: s,
    models: m,
    settings: st,
    attempts: a,
    tutorQuestions: tq,
    lessonViews: lv,
    ...header
  } = payload;
  const doc = {
    ...header,
    checksum,
    learners: l,
    learnerState: s,
    models: m,
    ...(st ? { settings: st } : {}),
    attempts: a,
    tutorQuestions: tq,
    lessonViews: lv,
  };
  const text = JSON.stringify(doc);

  try {
    await parseBackup(text);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new StorageError('corrupt', {
      messageKey: 'backup.exportFailed',
      detail: `stored data does not fit the backup format (${e.message})`,
      cause: e,
    });
  }
  if (opts.passphrase === undefined) return text;
  return encrypt(text, opts.passphrase, opts.iterations ?? KDF_ITERATIONS);
}

// ---------------------------------------------------------------------------------------------
// Parse

const HEAD = /^\s*\{\s*"formatName"\s*:\s*"lantern-backup(?:-encrypted)?"/;

/** True when the text starts the way every Lantern backup does (cheap sniff for file pickers). */
export function looksLikeBackup(text: string): boolean {
  return HEAD.test(text.slice(0, 256));
}

/**
 * Reads and checks a backup file without writing anything: syntax, format name and version,
 * checksum (or passphrase and authentication tag), limits, and every record's shape.
 *
 * @throws ValidationError with messageKey 'backup.notJson' | 'backup.wrongFormat' |
 *   'backup.newerVersion' | 'backup.truncated' | 'backup.checksum' | 'backup.tooLarge' |
 *   'backup.modelTooLarge' ({index, number, limitMb}) |
 *   'backup.invalidRecord' ({section, index, number, field}) | 'backup.encryptedNeedsPassphrase' |
 *   'backup.wrongPassphrase' | 'backup.weakEncryption'. Nothing else, whatever the input.
 */
export async function parseBackup(text: string, opts: ParseOptions = {}): Promise<ParsedBackup> {
  const raw = parseJson(text);
  if (own(raw, 'formatName') === ENCRYPTED_FORMAT_NAME) {
    const inner = await decrypt(raw, opts);
    return parsePlain(parseJson(inner), true);
  }
  return parsePlain(raw, false);
}

function parseJson(text: unknown): Record<string, unknown> {
  if (typeof text !== 'string') throw fail('backup.notJson');
  if (text.length > BACKUP_LIMITS.maxTextChars) {
    throw fail('backup.tooLarge', { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 });
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    // A file that starts like ours but does not parse was cut short (or damaged) on its way here.
    throw fail(looksLikeBackup(text) ? 'backup.truncated' : 'backup.notJson');
  }
  if (!isPlainObject(v)) throw fail('backup.wrongFormat');
  return v;
}

async function parsePlain(raw: Record<string, unknown>, encrypted: boolean): Promise<ParsedBackup> {
  if (own(raw, 'formatName') !== BACKUP_FORMAT_NAME) throw fail('backup.wrongFormat');
  const fileVersion = checkVersion(own(raw, 'formatVersion'), BACKUP_FORMAT_VERSION);

  // Cheap size checks before hashing a possibly enormous payload.
  const learners = own(raw, 'learners');
  const attempts = own(raw, 'attempts');
  const models = own(raw, 'models');
  if (
    (Array.isArray(learners) && learners.length > BACKUP_LIMITS.maxLearners) ||
    (Array.isArray(models) && models.length > BACKUP_LIMITS.maxLearners)
  ) {
    throw fail(
      'backup.tooLarge',
      { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 },
      'too many learners or models',
    );
  }
  if (Array.isArray(attempts) && attempts.length > BACKUP_LIMITS.maxAttempts) {
    throw fail('backup.tooLarge', { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 }, 'too many attempts');
  }
  const questions = own(raw, 'tutorQuestions');
  const views = own(raw, 'lessonViews');
  if (
    (Array.isArray(questions) && questions.length > BACKUP_LIMITS.maxTutorQuestions) ||
    (Array.isArray(views) && views.length > BACKUP_LIMITS.maxLessonViews)
  ) {
    throw fail(
      'backup.tooLarge',
      { limitMb: BACKUP_LIMITS.maxTextChars / 1024 / 1024 },
      'too many tutor questions or lesson views',
    );
  }

  const checksum = own(raw, 'checksum');
  if (typeof checksum !== 'string' || !/^[0-9a-f]{64}$/.test(checksum)) throw fail('backup.checksum');
  const { checksum: _omit, ...payload } = raw;
  let canonical: string;
  try {
    canonical = canonicalJson(payload, 2 * BACKUP_LIMITS.maxModelDepth);
  } catch (e) {
    if (e instanceof NestingTooDeepError) throw invalid('file', 0, 'nesting');
    // 1e999 parses to Infinity, which no writer produces: the file was altered.
    throw fail('backup.checksum');
  }
  if ((await sha256Hex(canonical)) !== checksum) throw fail('backup.checksum');

  let doc = payload;
  for (let v = fileVersion; v < BACKUP_FORMAT_VERSION; v++) {
    const up = UPGRADES[v];
    if (!up) throw fail('backup.wrongFormat', {}, `no upgrade from format v${v}`);
    doc = up(doc);
  }
  return { ...validateDocument(doc), fileVersion, encrypted };
}
