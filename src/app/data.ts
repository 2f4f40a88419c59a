/**
 * "Your data" (privacy, issue #5): what is stored on this device, backup and restore as a file,
 * and deleting everything. The UI reaches it through `Lantern.data()` (a lazy chunk); it never
 * touches Dexie or the backup module.
 */
import type { Attempt, LearnerId } from '../core/types';
import { exportBackup, importBackup, parseBackup } from '../storage/backup';
import { removeTutorFiles } from './tutor/tutor-files';
import { deleteDatabase, readStoredSummary, type LearnerStorage } from '../storage/device';
import type { NextLearnerState } from '../storage/repositories';
import { replayedState } from './models';
import type { AppParts } from './parts';

export type { LearnerStorage };

export interface StorageReport {
  readonly learners: readonly LearnerStorage[];
  readonly totalAttempts: number;
  readonly settingsCount: number;
  /** Every stored record as JSON, approximately. */
  readonly approxBytes: number;
  /** What the browser says this origin uses (includes the cached app files) and may use. */
  readonly estimate: { readonly used: number; readonly quota: number } | null;
  /** null when the browser has no StorageManager (then it cannot be requested either). */
  readonly persisted: boolean | null;
}

export interface ExportRequest {
  /** One learner, or every learner and the device settings when absent. */
  readonly learnerIds?: readonly LearnerId[];
  readonly passphrase?: string;
}

export interface ImportCounts {
  readonly learnersAdded: number;
  readonly learnersUpdated: number;
  readonly attemptsAdded: number;
  readonly attemptsSkipped: number;
}

export interface DataServiceOptions {
  /** PBKDF2 iterations for encrypted exports (default 600,000) — only tests lower them. */
  readonly kdfIterations?: number;
  /** Lowest PBKDF2 iterations accepted on import (default 100,000) — only tests lower it. */
  readonly minKdfIterations?: number;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

/** `lantern-backup-2026-11-22.json`, or `lantern-backup-Mei-2026-11-22.json` for one learner (local date). */
export function backupFileName(now: number, nickname?: string): string {
  const d = new Date(now);
  const date = `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
  const who = nickname
    ?.normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return who ? `lantern-backup-${who}-${date}.json` : `lantern-backup-${date}.json`;
}

function storageManager(): StorageManager | null {
  return typeof navigator !== 'undefined' && navigator.storage ? navigator.storage : null;
}

export class DataService {
  readonly #parts: AppParts;
  readonly #opts: DataServiceOptions;

  constructor(parts: AppParts, opts: DataServiceOptions = {}) {
    this.#parts = parts;
    this.#opts = opts;
  }

  /** What is stored, learner by learner, and what the browser reports. Reads everything once. */
  async storageReport(): Promise<StorageReport> {
    const { learners, settingsBytes, settingsCount } = await readStoredSummary(this.#parts.db);
    const sm = storageManager();
    let estimate: StorageReport['estimate'] = null;
    let persisted: boolean | null = null;
    if (sm?.estimate) {
      const e = await sm.estimate();
      estimate = { used: e.usage ?? 0, quota: e.quota ?? 0 };
    }
    if (sm?.persisted) persisted = await sm.persisted();
    return {
      learners,
      totalAttempts: learners.reduce((s, l) => s + l.attempts, 0),
      settingsCount,
      approxBytes: learners.reduce((s, l) => s + l.approxBytes, settingsBytes),
      estimate,
      persisted,
    };
  }

  /**
   * Asks the browser to keep this site's data when space runs low (it may say no, or ask the
   * person). Returns whether storage is persistent now; null if the browser cannot do it.
   */
  async requestPersistence(): Promise<boolean | null> {
    const sm = storageManager();
    if (!sm?.persist) return null;
    if (sm.persisted && (await sm.persisted())) return true;
    return sm.persist();
  }

  /**
   * The first real use of the device (the first learner created) is when Lantern asks for
   * persistent storage, once: asking on an empty device would be premature. Never throws.
   */
  async afterLearnerCreated(): Promise<void> {
    try {
      if ((await this.#parts.repos.learners.count()) !== 1) return;
      await this.requestPersistence();
    } catch {
      // Persistence is a best effort; the learner was created either way.
    }
  }

  /** A backup file: every learner (with device settings), or the given ones; encrypted with a passphrase. */
  async exportFile(req: ExportRequest = {}): Promise<{ filename: string; text: string }> {
    const now = this.#parts.now();
    const text = await exportBackup(this.#parts.db, {
      ...(req.learnerIds ? { learnerIds: req.learnerIds } : {}),
      ...(req.passphrase !== undefined ? { passphrase: req.passphrase } : {}),
      ...(this.#opts.kdfIterations ? { iterations: this.#opts.kdfIterations } : {}),
      now,
      appVersion: this.#parts.appVersion,
    });
    let nickname: string | undefined;
    if (req.learnerIds?.length === 1) {
      nickname = (await this.#parts.repos.learners.get(req.learnerIds[0]!))?.nickname;
    }
    return { filename: backupFileName(now, nickname), text };
  }

  /** The learner model replayed over a whole history: what a restored learner's state becomes. */
  rebuildState = (_learnerId: LearnerId, attempts: readonly Attempt[]): NextLearnerState =>
    replayedState(this.#parts.models, this.#parts.graph(), attempts);

  /**
   * Restores a backup file, merging it with what is here: nothing already stored is lost, and
   * importing the same file twice adds nothing. On a device with no learners, a whole-device
   * backup also restores the device settings (language).
   *
   * @throws ValidationError (the file: wrong passphrase, damaged, not a backup …; nothing written),
   *   StorageError (the database).
   */
  async importFile(text: string, passphrase?: string): Promise<ImportCounts> {
    const parsed = await parseBackup(text, {
      ...(passphrase ? { passphrase } : {}),
      ...(this.#opts.minKdfIterations ? { minIterations: this.#opts.minKdfIterations } : {}),
    });
    const empty = (await this.#parts.repos.learners.count()) === 0;
    // The file may carry newer weights for a learner the model worker has open: stop it, so a
    // run finishing later cannot overwrite them; the next use re-reads what was imported.
    this.#parts.kt?.stop();
    const s = await importBackup(this.#parts.db, parsed, {
      mode: 'merge',
      rebuildState: this.rebuildState,
      now: this.#parts.now(),
      applySettings: empty,
    });
    return {
      learnersAdded: s.learnersAdded,
      learnersUpdated: s.learnersUpdated,
      attemptsAdded: s.attemptsAdded,
      attemptsSkipped: s.attemptsSkipped,
    };
  }

  /** Statements for the school's LRS not sent yet (delete everything warns about them first). */
  async unsentStatements(): Promise<number> {
    return (await this.#parts.repos.outbox.counts()).pending;
  }

  /**
   * Deletes every learner, answer, model and setting Lantern keeps in this browser (the database
   * and the per-tab state). The installed app stays: its service worker and offline copy hold no
   * personal data, and a school tablet with no connection must still open Lantern afterwards to
   * restore a backup. The interface language is kept. The Lantern instance is unusable
   * afterwards: the page must be reloaded.
   */
  async deleteEverything(): Promise<void> {
    // First the model worker: a training run finishing after the delete would write its
    // weights into a new, empty database.
    this.#parts.kt?.stop();
    this.#parts.stopTutor();
    await deleteDatabase(this.#parts.db, ['locale']);
    // The tutor's model file (OPFS) and its cached runtime: no tutor is left either.
    await removeTutorFiles();
    if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
    if (typeof localStorage !== 'undefined') localStorage.clear();
  }
}
