import type { KtClient } from '../../app/kt-client';
import type { FromWorker, ModelInfo, TrainingReport } from '../../app/kt-protocol';
import type { BackendChoice } from '../../core/backend-choice';

/**
 * What the knowledge-tracing worker is doing, for Settings (backend and why), the progress
 * screen (model, last training) and the training indicator. Fed by the worker's messages.
 */
export class ModelState {
  /** 'off' until a learner is opened (the worker starts then); 'unavailable' if it could not start. */
  status = $state<'off' | 'ready' | 'unavailable'>('off');
  backend = $state.raw<BackendChoice | null>(null);
  timingsMs = $state.raw<Readonly<Record<string, number>>>({});
  info = $state.raw<ModelInfo | null>(null);
  /** 0…1 while a fine-tuning run is in progress, else null. */
  training = $state<number | null>(null);
  lastRun = $state.raw<TrainingReport | null>(null);
  /** How long the last prediction table took in the worker (ms). */
  predictionMs = $state<number | null>(null);
  error = $state<string | null>(null);
  readonly #client: KtClient | undefined;

  constructor(client: KtClient | undefined) {
    this.#client = client;
  }

  /** Subscribes to the worker; returns the unsubscribe (for an $effect). */
  start(): () => void {
    if (!this.#client) return () => {};
    return this.#client.subscribe((m) => this.receive(m));
  }

  receive(m: FromWorker): void {
    switch (m.type) {
      case 'ready':
        this.status = 'ready';
        this.backend = m.choice;
        this.timingsMs = m.timingsMs;
        break;
      case 'model':
        this.info = m.info;
        break;
      case 'predictions':
        this.predictionMs = m.ms;
        if (this.status === 'off') this.status = 'ready';
        break;
      case 'training':
        this.training = m.progress;
        break;
      case 'trained':
        this.training = null;
        this.lastRun = m.report;
        break;
      case 'stopped':
        this.training = null;
        break;
      case 'error':
        this.error = m.message;
        if (m.where === 'worker' || m.where === 'init') {
          this.status = 'unavailable';
          this.training = null;
        }
        break;
    }
  }
}
