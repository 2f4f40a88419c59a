/** Pure logic of the "Your data" page: formatting the report, file checks, form rules. */
import type { Message } from '../../../core/types';
import type { ImportCounts, StorageReport } from '../../../app/data';
import { formatBytes } from '../settings/settings';

/** Files larger than this are refused before they are read (the backup format's own limit). */
export const MAX_FILE_MB = 200;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;
export const MIN_PASSPHRASE = 8;

/** A message when a chosen file is too big to read; null when it may be read. */
export function checkFileSize(bytes: number): Message | null {
  return bytes > MAX_FILE_BYTES ? { key: 'backup.tooLarge', params: { limitMb: MAX_FILE_MB } } : null;
}

/** Whether a backup file's text is the encrypted envelope (by its format name, the first field). */
export function isEncryptedBackup(text: string): boolean {
  return /^\s*\{\s*"formatName"\s*:\s*"lantern-backup-encrypted"/.test(text.slice(0, 256));
}

export interface ExportForm {
  /** '' for every learner. */
  learnerId: string;
  lock: boolean;
  passphrase: string;
  confirm: string;
}

export type ExportErrors = Partial<Record<'passphrase' | 'confirm', string>>;

export function validateExportForm(f: ExportForm): ExportErrors {
  if (!f.lock) return {};
  const errors: ExportErrors = {};
  if ([...f.passphrase.normalize('NFC')].length < MIN_PASSPHRASE) errors.passphrase = 'data.export.tooShort';
  if (f.confirm !== f.passphrase) errors.confirm = 'data.export.mismatch';
  return errors;
}

/** What exportFile is asked for, from a valid form. */
export function exportRequest(f: ExportForm): { learnerIds?: string[]; passphrase?: string } {
  return {
    ...(f.learnerId ? { learnerIds: [f.learnerId] } : {}),
    ...(f.lock ? { passphrase: f.passphrase } : {}),
  };
}

/** The typed confirmation matches the word (spaces around it and letter case do not matter). */
export function confirmWordMatches(typed: string, word: string): boolean {
  return typed.normalize('NFC').trim().toLocaleUpperCase() === word.normalize('NFC').toLocaleUpperCase();
}

/** One line per learner, then the totals, the size and the browser's quota. */
export function reportMessages(r: StorageReport): { learners: Message[]; summary: Message[] } {
  const learners = r.learners.map((l): Message => ({
    key:
      l.modelBytes > 0
        ? 'data.stored.learnerModel'
        : l.hasModelState && l.attempts > 0
          ? 'data.stored.learner'
          : 'data.stored.learnerNew',
    params: {
      name: l.nickname,
      attempts: l.attempts,
      size: formatBytes(l.approxBytes),
      modelSize: formatBytes(l.modelBytes),
    },
  }));
  const summary: Message[] = [
    {
      key: 'data.stored.totals',
      params: { learners: r.learners.length, attempts: r.totalAttempts, settings: r.settingsCount },
    },
    { key: 'data.stored.size', params: { size: formatBytes(r.approxBytes) } },
  ];
  if (r.estimate && r.estimate.quota > 0) {
    summary.push({
      key: 'data.stored.quota',
      params: { used: formatBytes(r.estimate.used), quota: formatBytes(r.estimate.quota) },
    });
  }
  return { learners, summary };
}

export function importDoneMessage(c: ImportCounts): Message {
  return {
    key: 'data.import.done',
    params: { learners: c.learnersAdded, attempts: c.attemptsAdded, skipped: c.attemptsSkipped },
  };
}
