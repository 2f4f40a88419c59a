/**
 * Every repository over one database, built once by the composition root (app/lantern.ts) and
 * handed to the services that need them; nothing else constructs a repository.
 */
import { ContentPackRepo } from './content-packs';
import type { LanternDB } from './db';
import { LrsRepo, OutboxRepo } from './outbox';
import { TutorQuestionRepo } from './tutor-questions';
import { LessonViewRepo } from './lesson-views';
import {
  AttemptRepo,
  LearnerRepo,
  LearnerStateRepo,
  ModelRepo,
  SettingsRepo,
  type RepoOptions,
} from './repositories';

export interface Repositories {
  readonly learners: LearnerRepo;
  readonly attempts: AttemptRepo;
  readonly states: LearnerStateRepo;
  readonly models: ModelRepo;
  readonly settings: SettingsRepo;
  readonly contentPacks: ContentPackRepo;
  /** xAPI statements for a Learning Record Store (issue 14). */
  readonly outbox: OutboxRepo;
  /** The LRS connection and the sender's state. */
  readonly lrs: LrsRepo;
  /** What learners asked the optional tutor (issue 13). */
  readonly tutorQuestions: TutorQuestionRepo;
  readonly lessonViews: LessonViewRepo;
}

/** `opts` (ids, clock, PIN cost) are the learners'; the other repositories keep their defaults. */
export function createRepositories(db: LanternDB, opts: RepoOptions = {}): Repositories {
  return {
    learners: new LearnerRepo(db, opts),
    attempts: new AttemptRepo(db),
    states: new LearnerStateRepo(db),
    models: new ModelRepo(db),
    settings: new SettingsRepo(db),
    contentPacks: new ContentPackRepo(db),
    outbox: new OutboxRepo(db),
    lrs: new LrsRepo(db),
    tutorQuestions: new TutorQuestionRepo(db),
    lessonViews: new LessonViewRepo(db),
  };
}
