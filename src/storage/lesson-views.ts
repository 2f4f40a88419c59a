/**
 * Lesson cards a learner opened (issue 12), for the teacher's learner page. On this device only,
 * with the learner's data: sealed on an encrypted device, in backups (format 4), deleted with the
 * learner (LearnerRepo.delete).
 */
import type { LearnerId, SkillId } from '../core/types';
import type { LanternDB, LessonOpenedWhy, LessonViewRecord } from './db';
import { LESSON_VIEW_RECORD_VERSION } from './db';
import { StorageError, guard } from './errors';

export interface NewLessonView {
  readonly id: string;
  readonly learnerId: LearnerId;
  readonly skillId: SkillId;
  readonly why: LessonOpenedWhy;
  readonly openedAt: number;
}

export class LessonViewRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  /** Stores one opening; refused for a learner not on this device (deleted meanwhile). */
  async add(v: NewLessonView): Promise<LessonViewRecord> {
    const db = this.#db;
    const row: LessonViewRecord = { ...v, recordVersion: LESSON_VIEW_RECORD_VERSION };
    await guard(() =>
      db.transaction('rw', [db.learners, db.lessonViews], async () => {
        if (!(await db.learners.get(v.learnerId))) {
          throw new StorageError('notFound', {
            messageKey: 'learner.notFound',
            detail: `learner ${v.learnerId} not found`,
          });
        }
        await db.lessonViews.put(row);
      }),
    );
    return row;
  }

  /** A learner's openings, newest first (at most `limit`). */
  listForLearner(learnerId: LearnerId, limit = 500): Promise<LessonViewRecord[]> {
    return guard(() =>
      this.#db.lessonViews
        .where('[learnerId+openedAt]')
        .between([learnerId, -Infinity], [learnerId, Infinity])
        .reverse()
        .limit(limit)
        .toArray(),
    );
  }
}
