/**
 * "Your data" (privacy, issue #5): what is stored on this device, backup and restore as a file,
 * and deleting everything. The UI's only way to these; it never touches Dexie or the backup module.
 */
import { Dexie } from 'dexie';
import { EloModel } from '../core/elo';
import { summaryFromAttempts } from '../core/practice';
import type { Attempt, LearnerId } from '../core/types';
import { exportBackup, importBackup, parseBackup } from '../storage/backup';
import type { NextLearnerState } from '../storage/repositories';
import type { Lantern } from './lantern';

export interface LearnerStorage {
  readonly id: LearnerId;
  readonly nickname: string;
  readonly attempts: number;
  readonly hasModelState: boolean;
  /** Bytes of the learner's fine-tuned model weights; 0 = none (the shipped base model is used). */
  readonly modelBytes: number;
  /** Approximate: the length of the records as JSON (UTF-16 code units ≈ bytes for ASCII). */
  readonly approxBytes: number;
}

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

function jsonSize(v: unknown): number {
  return JSON.stringify(v)?.length ?? 0;
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
  #lantern: Lantern;
  #opts: DataServiceOptions;

  constructor(lantern: Lantern, opts: DataServiceOptions = {}) {
    this.#lantern = lantern;
    this.#opts = opts;
  }

  /** What is stored, learner by learner, and what the browser reports. Reads everything once. */
  async storageReport(): Promise<StorageReport> {
    const db = this.#lantern.database;
    const { learners, settingsBytes, settingsCount } = await db.transaction(
      'r',
      [db.learners, db.attempts, db.learnerState, db.models, db.settings, db.meta],
      async () => {
        const rows = await db.learners.toArray();
        rows.sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
        const learners: LearnerStorage[] = [];
        for (const l of rows) {
          let attempts = 0;
          let bytes = jsonSize(l);
          await db.attempts
            .where('learnerId')
            .equals(l.id)
            .each((a) => {
              attempts += 1;
              bytes += jsonSize(a);
            });
          const state = await db.learnerState.get(l.id);
          if (state) bytes += jsonSize(state);
          const model = await db.models.get(l.id);
          const modelBytes = model ? model.weights.byteLength + jsonSize(model.descriptor) : 0;
          bytes += modelBytes;
          learners.push({
            id: l.id,
            nickname: l.nickname,
            attempts,
            hasModelState: state?.model !== undefined && state.model !== null,
            modelBytes,
            approxBytes: bytes,
          });
        }
        const settings = await db.settings.toArray();
        const meta = await db.meta.toArray();
        return {
          learners,
          settingsBytes: jsonSize(settings) + jsonSize(meta),
          settingsCount: settings.length,
        };
      },
    );
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
      if ((await this.#lantern.database.learners.count()) !== 1) return;
      await this.requestPersistence();
    } catch {
      // Persistence is a best effort; the learner was created either way.
    }
  }

  /** A backup file: every learner (with device settings), or the given ones; encrypted with a passphrase. */
  async exportFile(req: ExportRequest = {}): Promise<{ filename: string; text: string }> {
    const now = this.#lantern.now();
    const text = await exportBackup(this.#lantern.database, {
      ...(req.learnerIds ? { learnerIds: req.learnerIds } : {}),
      ...(req.passphrase !== undefined ? { passphrase: req.passphrase } : {}),
      ...(this.#opts.kdfIterations ? { iterations: this.#opts.kdfIterations } : {}),
      now,
      appVersion: this.#lantern.appVersion,
    });
    let nickname: string | undefined;
    if (req.learnerIds?.length === 1) {
      nickname = (await this.#lantern.database.learners.get(req.learnerIds[0]!))?.nickname;
    }
    return { filename: backupFileName(now, nickname), text };
  }

  /** The learner model replayed over a whole history: what a restored learner's state becomes. */
  rebuildState = (_learnerId: LearnerId, attempts: readonly Attempt[]): NextLearnerState => {
    const model = new EloModel(this.#lantern.graph);
    for (const a of attempts) model.update(a);
    return {
      model: model.toJSON(),
      practice: Object.fromEntries(summaryFromAttempts(attempts)),
      attemptCount: attempts.length,
    };
  };

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
    const db = this.#lantern.database;
    const empty = (await db.learners.count()) === 0;
    // The file may carry newer weights for a learner the model worker has open: stop it, so a
    // run finishing later cannot overwrite them; the next use re-reads what was imported.
    this.#lantern.kt?.stop();
    const s = await importBackup(db, parsed, {
      mode: 'merge',
      rebuildState: this.rebuildState,
      now: this.#lantern.now(),
      applySettings: empty,
    });
    return {
      learnersAdded: s.learnersAdded,
      learnersUpdated: s.learnersUpdated,
      attemptsAdded: s.attemptsAdded,
      attemptsSkipped: s.attemptsSkipped,
    };
  }

  /**
   * Deletes everything Lantern keeps in this browser: the database, the cached app files, the
   * service worker and the per-tab state. The Lantern instance is unusable afterwards: the page
   * must be reloaded.
   */
  async deleteEverything(): Promise<void> {
    // First the model worker: a training run finishing after the delete would write its
    // weights into a new, empty database.
    this.#lantern.kt?.stop();
    const db = this.#lantern.database;
    const name = db.name;
    db.close();
    await Dexie.delete(name);
    if (typeof caches !== 'undefined') {
      for (const key of await caches.keys()) await caches.delete(key);
    }
    if (typeof navigator !== 'undefined' && navigator.serviceWorker?.getRegistrations) {
      for (const r of await navigator.serviceWorker.getRegistrations()) await r.unregister();
    }
    if (typeof sessionStorage !== 'undefined') sessionStorage.clear();
    if (typeof localStorage !== 'undefined') localStorage.clear();
  }
}
