/**
 * What learners asked the optional tutor (issue 13), for the teacher's learner page. On this
 * device only, with the learner's data: sealed on an encrypted device, in backups (format 4),
 * deleted with the learner (LearnerRepo.delete).
 */
import type { LearnerId } from '../core/types';
import type { LanternDB, TutorAskKind, TutorQuestionRecord } from './db';
import { TUTOR_QUESTION_RECORD_VERSION } from './db';
import { StorageError, guard } from './errors';

/** Characters of a typed question kept (the tutor's own box allows fewer). */
export const MAX_TUTOR_QUESTION_CHARS = 500;

export interface NewTutorQuestion {
  readonly id: string;
  readonly learnerId: LearnerId;
  readonly askedAt: number;
  readonly kind: TutorAskKind;
  readonly itemId: string;
  readonly question?: string;
}

export class TutorQuestionRepo {
  readonly #db: LanternDB;

  constructor(db: LanternDB) {
    this.#db = db;
  }

  /** Stores one question; refused for a learner not on this device (deleted meanwhile). */
  async add(q: NewTutorQuestion): Promise<TutorQuestionRecord> {
    const db = this.#db;
    const row: TutorQuestionRecord = {
      id: q.id,
      recordVersion: TUTOR_QUESTION_RECORD_VERSION,
      learnerId: q.learnerId,
      askedAt: q.askedAt,
      kind: q.kind,
      itemId: q.itemId,
      ...(q.question !== undefined ? { question: q.question.slice(0, MAX_TUTOR_QUESTION_CHARS) } : {}),
    };
    await guard(() =>
      db.transaction('rw', [db.learners, db.tutorQuestions], async () => {
        if (!(await db.learners.get(q.learnerId))) {
          throw new StorageError('notFound', {
            messageKey: 'learner.notFound',
            detail: `learner ${q.learnerId} not found`,
          });
        }
        await db.tutorQuestions.put(row);
      }),
    );
    return row;
  }

  /** A learner's questions, newest first (at most `limit`). */
  listForLearner(learnerId: LearnerId, limit = 200): Promise<TutorQuestionRecord[]> {
    return guard(() =>
      this.#db.tutorQuestions
        .where('[learnerId+askedAt]')
        .between([learnerId, -Infinity], [learnerId, Infinity])
        .reverse()
        .limit(limit)
        .toArray(),
    );
  }
}
