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
 */
import { ValidationError } from '../core/errors';
import type { Attempt, Difficulty, LearnerId, SkillPractice } from '../core/types';
import {
  IV_BYTES,
  KDF_ITERATIONS,
  MAX_KDF_ITERATIONS,
  MIN_KDF_ITERATIONS,
  NestingTooDeepError,
  SALT_BYTES,
  TAG_BYTES,
  canonicalJson,
  fromBase64,
  open,
  randomBytes,
  seal,
  sha256Hex,
  toBase64,
} from './backup-crypto';
import type { LanternDB, LearnerRecord, LearnerStateRecord, ModelRecord } from './db';
import { MODEL_RECORD_VERSION } from './db';
import { StorageError, guard } from './errors';
import type { PinHash } from './pin';
import type { NextLearnerState } from './repositories';
import { NICKNAME_MAX } from './repositories';

export const BACKUP_FORMAT_NAME = 'lantern-backup';
export const BACKUP_FORMAT_VERSION = 2;
export const ENCRYPTED_FORMAT_NAME = 'lantern-backup-encrypted';
export const ENCRYPTED_FORMAT_VERSION = 1;

/** 'learner': one learner's own backup; 'device': every learner plus device settings; 'class': a set of learners for a teacher. */
export type BackupKind = 'learner' | 'device' | 'class';
const KINDS: readonly BackupKind[] = ['learner', 'device', 'class'];
const ENCRYPTED_FORMAT_FIELDS: readonly string[] = [
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
  maxSettings: 32,
  maxIdChars: 128,
  maxItemIdChars: 256,
  maxAnswerChars: 1_000,
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
const MAX_WEIGHTS_CHARS = Math.ceil(BACKUP_LIMITS.maxModelBytes / 3) * 4;

/** Latest possible epoch ms (the ECMAScript Date range). */
const MAX_TIME = 8.64e15;
const MIN_PASSPHRASE_CHARS = 8;
const DEFAULT_CHUNK = 2_000;

/** Keys that could reach a prototype if some consumer copied the data naively. Never accepted. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

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

/** Format v2, exactly as written (docs/file-format.md). */
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
  readonly attempts: readonly Attempt[];
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
}

// ---------------------------------------------------------------------------------------------
// Errors

type Section = 'file' | 'learners' | 'attempts' | 'learnerState' | 'models' | 'settings';

function fail(key: string, params: Record<string, string | number> = {}, detail?: string): ValidationError {
  return new ValidationError(key, params, detail ? `${key}: ${detail}` : key);
}

function invalid(section: Section, index: number, field: string): ValidationError {
  return fail(
    'backup.invalidRecord',
    { section, index, number: index + 1, field },
    `${section}[${index}].${field}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Export

/**
 * Writes a backup of some or all learners: their profiles (PIN hashes included, so the lock
 * travels with the learner), every attempt, their current state and (except in a 'class' file,
 * which is for the teacher's overview) their fine-tuned model weights. All reads happen in one
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

  const { learners, attempts, learnerState, models, settings } = await guard(() =>
    db.transaction('r', [db.learners, db.attempts, db.learnerState, db.models, db.settings], async () => {
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
      return { learners, attempts, learnerState, models, settings };
    }),
  );

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
  };
  const checksum = await sha256Hex(canonicalJson(payload));
  // Header fields first, so a person (or looksLikeBackup) can recognise the file from its start.
  const { learners: l, learnerState: s, models: m, settings: st, attempts: a, ...header } = payload;
  const doc = {
    ...header,
    checksum,
    learners: l,
    learnerState: s,
    models: m,
    ...(st ? { settings: st } : {}),
    attempts: a,
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

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Additional authenticated data: the envelope's header, so its fields cannot be swapped. */
function envelopeAad(h: Omit<EncryptedBackupDocument, 'ciphertext'>): string {
  return canonicalJson({
    formatName: h.formatName,
    formatVersion: h.formatVersion,
    kdf: h.kdf,
    cipher: h.cipher,
  });
}

async function encrypt(text: string, passphrase: string, iterations: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: Omit<EncryptedBackupDocument, 'ciphertext'> = {
    formatName: ENCRYPTED_FORMAT_NAME,
    formatVersion: ENCRYPTED_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
  };
  const ct = await seal(new TextEncoder().encode(text), passphrase, {
    salt,
    iv,
    iterations,
    aad: envelopeAad(header),
  });
  const doc: EncryptedBackupDocument = { ...header, ciphertext: toBase64(ct) };
  return JSON.stringify(doc);
}

// ---------------------------------------------------------------------------------------------
// Parse

const HEAD = /^\s*\{\s*"formatName"\s*:\s*"lantern-backup(?:-encrypted)?"/;

/** True when the text starts the way every Lantern backup does (cheap sniff for file pickers). */
export function looksLikeBackup(text: string): boolean {
  return HEAD.test(text.slice(0, 256));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function own(o: Record<string, unknown>, k: string): unknown {
  return Object.hasOwn(o, k) ? o[k] : undefined;
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

function checkVersion(v: unknown, current: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw fail('backup.wrongFormat');
  if (v > current) throw fail('backup.newerVersion', { version: v, supported: current });
  return v;
}

async function decrypt(raw: Record<string, unknown>, opts: ParseOptions): Promise<string> {
  checkVersion(own(raw, 'formatVersion'), ENCRYPTED_FORMAT_VERSION);
  for (const k of Object.keys(raw)) {
    if (!ENCRYPTED_FORMAT_FIELDS.includes(k)) throw fail('backup.wrongFormat', {}, `unknown field ${k}`);
  }
  const kdf = own(raw, 'kdf');
  const cipher = own(raw, 'cipher');
  const ciphertext = own(raw, 'ciphertext');
  if (!isPlainObject(kdf) || !isPlainObject(cipher) || typeof ciphertext !== 'string') {
    throw fail('backup.wrongFormat');
  }
  const iterations = own(kdf, 'iterations');
  const saltText = own(kdf, 'salt');
  const ivText = own(cipher, 'iv');
  if (
    own(kdf, 'name') !== 'PBKDF2' ||
    own(kdf, 'hash') !== 'SHA-256' ||
    Object.keys(kdf).length !== 4 ||
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations > MAX_KDF_ITERATIONS ||
    typeof saltText !== 'string' ||
    own(cipher, 'name') !== 'AES-GCM' ||
    Object.keys(cipher).length !== 2 ||
    typeof ivText !== 'string'
  ) {
    throw fail('backup.wrongFormat');
  }
  const salt = fromBase64(saltText);
  const iv = fromBase64(ivText);
  const ct = fromBase64(ciphertext);
  if (salt?.length !== SALT_BYTES || iv?.length !== IV_BYTES) throw fail('backup.wrongFormat');
  if (!ct || ct.length < TAG_BYTES) throw fail('backup.truncated');
  if (opts.passphrase === undefined || opts.passphrase === '') throw fail('backup.encryptedNeedsPassphrase');
  if (iterations < (opts.minIterations ?? MIN_KDF_ITERATIONS)) {
    throw fail('backup.weakEncryption', { iterations, min: MIN_KDF_ITERATIONS });
  }
  const aad = envelopeAad({
    formatName: ENCRYPTED_FORMAT_NAME,
    formatVersion: ENCRYPTED_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: saltText },
    cipher: { name: 'AES-GCM', iv: ivText },
  });
  const pt = await open(ct, opts.passphrase, { salt, iv, iterations, aad });
  if (!pt) throw fail('backup.wrongPassphrase');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(pt);
  } catch {
    throw fail('backup.wrongFormat');
  }
}

/**
 * Turns a checksum-verified document of version v into version v + 1 (docs/file-format.md).
 * A shipped step never changes; each has a fixture test with a real file of its version.
 */
const UPGRADES: Readonly<Record<number, (doc: Record<string, unknown>) => Record<string, unknown>>> = {
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

type ValidatedBody = Omit<ParsedBackup, 'fileVersion' | 'encrypted'>;

function validateDocument(doc: Record<string, unknown>): ValidatedBody {
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

/**
 * How models[].weights arrives: as base64 text from a file, or as the bytes of an already
 * parsed ParsedBackup (which importBackup checks again).
 */
type WeightsForm = 'base64' | 'bytes';

/** Checks every record and returns fresh copies holding only the known fields. */
function validateRecords(
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

function isText(v: unknown, min: number, max: number): v is string {
  return typeof v === 'string' && v.length >= min && v.length <= max;
}
function isTime(v: unknown): v is number {
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

function validateLearner(v: unknown, i: number): LearnerRecord {
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

function validateAttempt(v: unknown, i: number): Attempt {
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

function validateState(v: unknown, i: number): LearnerStateRecord {
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

function validateModel(v: unknown, i: number, form: WeightsForm): ModelRecord {
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

function validateSetting(v: unknown, i: number): BackupSetting {
  const get = reader('settings', i, v, ['key', 'value']);
  const key = get('key', (k): k is BackupSettingKey =>
    (BACKUP_SETTING_KEYS as readonly unknown[]).includes(k),
  );
  const value = get('value', (x): x is string => isText(x, 1, BACKUP_LIMITS.maxIdChars));
  return { key, value };
}

// ---------------------------------------------------------------------------------------------
// Import

function sameLearner(a: LearnerRecord, b: LearnerRecord): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

/**
 * Merge rule for a learner on both sides: the profile (nickname, avatar, PIN, locale) of
 * whichever record was active more recently wins (ties keep this device's); createdAt is the
 * earlier and lastActiveAt the later of the two.
 */
export function mergeLearner(local: LearnerRecord, incoming: LearnerRecord): LearnerRecord {
  const newer = incoming.lastActiveAt > local.lastActiveAt ? incoming : local;
  return {
    id: local.id,
    nickname: newer.nickname,
    avatar: newer.avatar,
    ...(newer.pin ? { pin: newer.pin } : {}),
    createdAt: Math.min(local.createdAt, incoming.createdAt),
    lastActiveAt: Math.max(local.lastActiveAt, incoming.lastActiveAt),
    ...(newer.locale !== undefined ? { locale: newer.locale } : {}),
  };
}

/**
 * Merge rule for a learner's model on both sides: the weights trained later (by trainedAt) win
 * whole; ties keep this device's. Weights are never mixed: each row was validated on its own
 * device's held-out attempts.
 */
export function newerModel(local: ModelRecord | undefined, incoming: ModelRecord): boolean {
  return local === undefined || incoming.trainedAt > local.trainedAt;
}

/**
 * Merges a parsed backup into the database in ONE read-write transaction: a failure anywhere
 * (including in rebuildState) writes nothing. Learners merge by id (mergeLearner), attempts
 * by id (already-stored ids are skipped, so importing a file twice changes nothing), model
 * weights by learner (newerModel), and every learner who gained attempts or is new gets their
 * state rebuilt from their whole history.
 *
 * The records are validated again here, so a hand-built ParsedBackup cannot bypass the checks.
 * @throws ValidationError('backup.invalidRecord'); StorageError on any storage failure;
 *   TypeError if rebuildState returns a state whose attemptCount is not the history's length.
 */
export async function importBackup(
  db: LanternDB,
  parsed: ParsedBackup,
  opts: ImportOptions,
): Promise<ImportSummary> {
  if (opts.mode !== 'merge') throw new TypeError(`unknown import mode ${String(opts.mode)}`);
  const { learners, attempts, models, settings } = validateRecords(parsed, 'bytes');
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const now = opts.now ?? Date.now();
  const report = opts.onProgress ?? (() => undefined);

  return guard(() =>
    db.transaction('rw', [db.learners, db.attempts, db.learnerState, db.models, db.settings], async () => {
      // Only Dexie promises are awaited in here: awaiting anything else (WebCrypto, fetch,
      // a timer) would let IndexedDB auto-commit the transaction half-way.
      let learnersAdded = 0;
      let learnersUpdated = 0;
      const touched = new Set<LearnerId>();
      report({ phase: 'learners', done: 0, total: learners.length });
      const local = await db.learners.bulkGet(learners.map((l) => l.id));
      const toPut: LearnerRecord[] = [];
      learners.forEach((incoming, i) => {
        const mine = local[i];
        if (!mine) {
          toPut.push(incoming);
          touched.add(incoming.id);
          learnersAdded++;
          return;
        }
        const merged = mergeLearner(mine, incoming);
        if (!sameLearner(merged, mine)) {
          toPut.push(merged);
          learnersUpdated++;
        }
      });
      if (toPut.length > 0) await db.learners.bulkPut(toPut);

      // Every model's learner is in the file, so stored (or added) by now.
      const localModels = await db.models.bulkGet(models.map((m) => m.learnerId));
      const modelsToPut = models.filter((m, i) => newerModel(localModels[i], m));
      if (modelsToPut.length > 0) await db.models.bulkPut(modelsToPut);
      report({ phase: 'learners', done: learners.length, total: learners.length });

      let attemptsAdded = 0;
      report({ phase: 'attempts', done: 0, total: attempts.length });
      for (let start = 0; start < attempts.length; start += chunk) {
        const batch = attempts.slice(start, start + chunk);
        const found = await db.attempts.bulkGet(batch.map((a) => a.id));
        const fresh = batch.filter((_, i) => found[i] === undefined);
        if (fresh.length > 0) await db.attempts.bulkAdd(fresh);
        for (const a of fresh) touched.add(a.learnerId);
        attemptsAdded += fresh.length;
        report({ phase: 'attempts', done: Math.min(start + chunk, attempts.length), total: attempts.length });
      }

      const rebuild = [...touched].sort(cmp);
      let rebuilt = 0;
      report({ phase: 'rebuild', done: 0, total: rebuild.length });
      for (const id of rebuild) {
        // Index order is (timestamp, id): the same order AttemptRepo.listForLearner returns.
        const history = await db.attempts
          .where('[learnerId+timestamp]')
          .between([id, -Infinity], [id, Infinity], true, true)
          .toArray();
        if (history.length > 0) {
          const next = structuredClone(opts.rebuildState(id, history));
          if (next.attemptCount !== history.length) {
            throw new TypeError(
              `rebuildState(${id}) returned attemptCount ${next.attemptCount} for ${history.length} attempts`,
            );
          }
          await db.learnerState.put({
            learnerId: id,
            model: next.model,
            practice: next.practice,
            attemptCount: next.attemptCount,
            updatedAt: now,
          });
        }
        report({ phase: 'rebuild', done: ++rebuilt, total: rebuild.length });
      }

      if (opts.applySettings) {
        const inFile = new Set(learners.map((l) => l.id));
        for (const s of settings) {
          if (s.key === 'lastLearnerId' && !inFile.has(s.value)) continue;
          await db.settings.put({ key: s.key, value: s.value });
        }
      }
      return {
        learnersAdded,
        learnersUpdated,
        attemptsAdded,
        attemptsSkipped: attempts.length - attemptsAdded,
        modelsWritten: modelsToPut.length,
      };
    }),
  );
}
