/**
 * Merge-import of a parsed backup (importBackup) and its merge rules for a learner and a model
 * present on both sides. Imported through backup.ts.
 */
import type { Table } from 'dexie';
import type { LearnerId } from '../core/types';
import { canonicalJson } from './backup-crypto';
import type { ImportOptions, ImportSummary, ParsedBackup } from './backup-format';
import { DEFAULT_CHUNK, cmp } from './backup-format';
import { validateRecords } from './backup-validate';
import type { LanternDB, LearnerRecord, ModelRecord } from './db';
import { guard } from './errors';

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
 * (including in rebuildState) writes nothing. Learners merge by id (mergeLearner), attempts,
 * tutor questions and lesson views by id (already-stored ids are skipped, so importing a file
 * twice changes nothing), model weights by learner (newerModel), and every learner who gained
 * attempts or is new gets their state rebuilt from their whole history.
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
  const { learners, attempts, models, settings, tutorQuestions, lessonViews } = validateRecords(
    parsed,
    'bytes',
  );
  const chunk = opts.chunkSize ?? DEFAULT_CHUNK;
  const now = opts.now ?? Date.now();
  const report = opts.onProgress ?? (() => undefined);

  const tables = [
    db.learners,
    db.attempts,
    db.learnerState,
    db.models,
    db.settings,
    db.tutorQuestions,
    db.lessonViews,
  ];
  return guard(() =>
    db.transaction('rw', tables, async () => {
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

      // Rows the learner made on some device: kept once, whichever file brought them first.
      const tutorQuestionsAdded = await addNew(db.tutorQuestions, tutorQuestions);
      const lessonViewsAdded = await addNew(db.lessonViews, lessonViews);

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
        tutorQuestionsAdded,
        lessonViewsAdded,
      };
    }),
  );
}

/** Adds the rows whose id is not stored yet (inside the caller's transaction); returns how many. */
async function addNew<R extends { readonly id: string }>(
  table: Table<R, string>,
  rows: readonly R[],
): Promise<number> {
  if (rows.length === 0) return 0;
  const found = await table.bulkGet(rows.map((r) => r.id));
  const fresh = rows.filter((_, i) => found[i] === undefined);
  if (fresh.length > 0) await table.bulkAdd(fresh);
  return fresh.length;
}
