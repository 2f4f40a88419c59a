/**
 * Messages between the app (main thread) and the knowledge-tracing worker. Plain data only
 * (structured clone). Versioned so a page and a worker from different builds refuse each other
 * instead of misreading (a service-worker update can briefly leave them out of step).
 */
import type { BackendChoice } from '../core/backend-choice';
import type { PredictionTable } from '../core/table-model';
import type { Attempt, LearnerId, Skill } from '../core/types';

export const KT_PROTOCOL = 1;

export type ToWorker =
  | {
      readonly type: 'init';
      readonly protocol: number;
      /** IndexedDB database the worker reads histories from and writes weights to. */
      readonly dbName: string;
      /** Skip the backend probe and use this one (tests, diagnostics). */
      readonly backend?: BackendChoice['backend'];
    }
  | {
      /** Start predicting for a learner over this course. */
      readonly type: 'open';
      readonly learnerId: LearnerId;
      readonly skills: readonly Skill[];
    }
  /** An attempt the app has just stored. */
  | { readonly type: 'attempt'; readonly attempt: Attempt }
  /** Another tab stored attempts for this learner: re-read the history. */
  | { readonly type: 'history-changed'; readonly learnerId: LearnerId }
  /** Fine-tune now (e.g. the practice session ended). */
  | { readonly type: 'train'; readonly learnerId: LearnerId; readonly reason: TrainReason };

export type TrainReason = 'session-end' | 'every-n';

/** A fine-tuning run, as shown to the learner and stored with the weights. */
export interface TrainingReport {
  readonly learnerId: LearnerId;
  readonly reason: TrainReason;
  readonly accepted: boolean;
  readonly outcome: 'improved' | 'not-better' | 'too-few' | 'failed';
  readonly lossBefore: number;
  readonly lossAfter: number;
  readonly heldOut: number;
  readonly trainedOn: number;
  readonly seconds: number;
  /** Epoch ms when the run finished. */
  readonly at: number;
}

export interface ModelInfo {
  readonly learnerId: LearnerId;
  readonly source: 'base' | 'personal';
  /** Epoch ms of the personal weights' training, if any. */
  readonly trainedAt: number | null;
  /**
   * The learner has stored weights that are not in use: they predicted the latest answers worse
   * than the shipped model, or could not be loaded. They stay stored until a run replaces them.
   */
  readonly setAside?: boolean;
  readonly baseVersion: string;
}

export type FromWorker =
  | {
      readonly type: 'ready';
      readonly protocol: number;
      readonly choice: BackendChoice;
      /** Median ms of the probe workload per backend that initialised. */
      readonly timingsMs: Readonly<Record<string, number>>;
    }
  | { readonly type: 'predictions'; readonly table: PredictionTable; readonly ms: number }
  | { readonly type: 'model'; readonly info: ModelInfo }
  | { readonly type: 'training'; readonly learnerId: LearnerId; readonly progress: number }
  | { readonly type: 'trained'; readonly report: TrainingReport }
  | { readonly type: 'error'; readonly where: string; readonly message: string }
  /** Not sent by a worker: KtClient emits it when it stops one (a run in progress is abandoned). */
  | { readonly type: 'stopped' };
