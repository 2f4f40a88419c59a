/**
 * The whole device's store at once: what is stored, learner by learner (for "Your data"), and
 * deleting the database. Reads go through one read transaction and the same error mapping as the
 * repositories (`guard`).
 */
import { Dexie } from 'dexie';
import type { LearnerId } from '../core/types';
import { LanternDB } from './db';
import { guard } from './errors';

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

export interface StoredSummary {
  readonly learners: readonly LearnerStorage[];
  /** Settings and meta rows, as JSON, approximately. */
  readonly settingsBytes: number;
  readonly settingsCount: number;
}

function jsonSize(v: unknown): number {
  return JSON.stringify(v)?.length ?? 0;
}

/** What is stored, learner by learner (oldest first). Reads everything once. */
export function readStoredSummary(db: LanternDB): Promise<StoredSummary> {
  return guard(() =>
    db.transaction(
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
    ),
  );
}

/**
 * Closes and deletes the whole database; the handle is unusable afterwards. The device settings
 * named in `keep` (not personal: the interface language) are written back into a fresh, empty
 * database, so the next start speaks the same language.
 */
export async function deleteDatabase(db: LanternDB, keep: readonly string[] = []): Promise<void> {
  const name = db.name;
  const kept = await guard(() => db.settings.bulkGet([...keep]));
  db.close();
  await guard(() => Dexie.delete(name));
  const rows = kept.filter((r) => r !== undefined);
  if (rows.length === 0) return;
  const fresh = new LanternDB(name);
  try {
    await guard(() => fresh.settings.bulkPut(rows));
  } finally {
    fresh.close();
  }
}
