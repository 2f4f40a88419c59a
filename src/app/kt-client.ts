/**
 * The page's side of the knowledge-tracing worker. Starts it on first use, forwards what the
 * learner does, and keeps the latest prediction table per learner for the selection policy.
 * If the worker cannot start (no backend works, the model file is missing) the table simply
 * never arrives and the app goes on with its simple estimator.
 */
import type { PredictionTable } from '../core/table-model';
import type { Attempt, LearnerId, Skill } from '../core/types';
import type { FromWorker, ToWorker, TrainReason } from './kt-protocol';
import { KT_PROTOCOL } from './kt-protocol';

export type WorkerFactory = () => Worker;

export class KtClient {
  readonly #factory: WorkerFactory;
  readonly #dbName: string;
  readonly #listeners = new Set<(m: FromWorker) => void>();
  #worker: Worker | null = null;
  #table: PredictionTable | undefined;
  #failed = false;
  /** The learner last opened: a worker started again after stop() opens them first. */
  #lastOpen: Extract<ToWorker, { type: 'open' }> | undefined;

  readonly #canStart: () => boolean;

  /**
   * `canStart`: whether a worker may start now (false while the device is locked: the worker
   * would have no key). Until it may, messages are dropped; the learner last opened is
   * remembered and re-opened by the first worker that starts.
   */
  constructor(factory: WorkerFactory, dbName: string, canStart: () => boolean = () => true) {
    this.#factory = factory;
    this.#dbName = dbName;
    this.#canStart = canStart;
  }

  /** Every message from the worker (UI state subscribes here). Returns the unsubscribe. */
  subscribe(listener: (m: FromWorker) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The newest predictions for this learner, if the model has made any. */
  tableFor(learnerId: LearnerId): PredictionTable | undefined {
    return this.#table?.learnerId === learnerId ? this.#table : undefined;
  }

  open(learnerId: LearnerId, skills: readonly Skill[]): void {
    if (this.#table?.learnerId !== learnerId) this.#table = undefined;
    const open = { type: 'open', learnerId, skills } as const;
    this.#lastOpen = open;
    this.#post(open);
  }

  attempt(attempt: Attempt): void {
    this.#post({ type: 'attempt', attempt });
  }

  /** Another tab stored attempts for this learner (no-op until the worker runs). */
  historyChanged(learnerId: LearnerId): void {
    if (this.#worker) this.#worker.postMessage({ type: 'history-changed', learnerId } satisfies ToWorker);
  }

  train(learnerId: LearnerId, reason: TrainReason): void {
    this.#post({ type: 'train', learnerId, reason });
  }

  /**
   * Stops the worker (before everything is deleted, or before a backup is imported: a run
   * finishing afterwards must not write its weights over the imported ones). A run in progress
   * is abandoned, its learner's stored weights untouched. The next message starts a new worker,
   * which first re-opens the learner that was open (reading the history and weights afresh).
   */
  stop(): void {
    if (!this.#worker) return;
    this.#worker.terminate();
    this.#worker = null;
    this.#table = undefined;
    this.#emit({ type: 'stopped' });
  }

  #post(m: ToWorker): void {
    const fresh = this.#worker === null;
    const w = this.#start();
    if (!w) return;
    // A worker started again after stop(): it re-opens the learner before anything else.
    if (fresh && this.#lastOpen && m !== this.#lastOpen) w.postMessage(this.#lastOpen);
    w.postMessage(m);
  }

  #start(): Worker | null {
    if (this.#worker || this.#failed || !this.#canStart()) return this.#worker;
    try {
      const w = this.#factory();
      w.onmessage = (e: MessageEvent<FromWorker>) => this.#receive(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        this.#fail(e.message || 'worker failed to start');
      };
      w.postMessage({ type: 'init', protocol: KT_PROTOCOL, dbName: this.#dbName } satisfies ToWorker);
      this.#worker = w;
    } catch (e) {
      this.#fail(e instanceof Error ? e.message : String(e));
    }
    return this.#worker;
  }

  #fail(message: string): void {
    this.#failed = true;
    this.#worker?.terminate();
    this.#worker = null;
    this.#table = undefined;
    this.#emit({ type: 'error', where: 'worker', message });
  }

  #receive(m: FromWorker): void {
    if (m.type === 'predictions') this.#table = m.table;
    if (m.type === 'error' && m.where === 'init') this.#fail(m.message);
    this.#emit(m);
  }

  #emit(m: FromWorker): void {
    for (const l of this.#listeners) l(m);
  }
}
