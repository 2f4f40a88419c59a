/**
 * Teacher-imported content packs (issue 5). The pack is validated and sanitised by the app
 * (app/content.ts) before it reaches this repository; here it is one row per pack id, written by
 * one put inside one transaction, so an import is all or nothing and a re-import of the same id
 * replaces the old row atomically.
 */
import { ValidationError } from '../core/errors';
import type { ContentPackRecord, ContentPackRecordVersion, LanternDB } from './db';
import { CONTENT_PACK_RECORD_VERSION } from './db';
import { guard } from './errors';

export interface InstallOptions {
  /** Epoch ms stamped on the row. */
  readonly now: number;
  /** Called inside the transaction after the write (tests and the fuzzer inject failures here). */
  readonly beforeCommit?: () => void;
}

export class ContentPackRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  /**
   * Adds the pack, or replaces the stored pack with the same id when `version` is equal or newer.
   * @throws ValidationError('content.olderVersion') when the device holds a newer version;
   *   StorageError ('quota', 'unavailable'…). Nothing is written when it throws.
   */
  async install(
    row: {
      readonly id: string;
      readonly version: number;
      readonly pack: unknown;
      /** 2 for an imported question bank; 1 (a pack file) when absent. */
      readonly recordVersion?: ContentPackRecordVersion;
    },
    opts: InstallOptions,
  ): Promise<'added' | 'replaced'> {
    const record: ContentPackRecord = structuredClone({
      id: row.id,
      recordVersion: row.recordVersion ?? 1,
      version: row.version,
      pack: row.pack,
      importedAt: opts.now,
    });
    const db = this.#db;
    return guard(() =>
      db.transaction('rw', db.contentPacks, async () => {
        const old = await db.contentPacks.get(record.id);
        if (old && readable(old) && old.version > record.version) {
          throw new ValidationError('content.olderVersion', {
            installed: old.version,
            version: record.version,
          });
        }
        await db.contentPacks.put(record);
        opts.beforeCommit?.();
        return old ? 'replaced' : 'added';
      }),
    );
  }

  /** Installed packs of a record format this build reads (1 and 2), by id. */
  async list(): Promise<ContentPackRecord[]> {
    const rows = await guard(() => this.#db.contentPacks.toArray());
    return rows.filter(readable);
  }

  /** Removes a pack (its skills leave the course; learners' attempts on them are kept). */
  async remove(id: string): Promise<void> {
    await guard(() => this.#db.contentPacks.delete(id));
  }
}

/** A row this build can read: record format 1 (pack files) or 2 (question banks). */
function readable(r: ContentPackRecord): boolean {
  return (
    Number.isInteger(r.recordVersion) &&
    r.recordVersion >= 1 &&
    r.recordVersion <= CONTENT_PACK_RECORD_VERSION
  );
}
