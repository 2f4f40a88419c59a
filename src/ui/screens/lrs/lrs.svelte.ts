import type { LrsForm, LrsService, LrsStatus } from '../../../app/lrs';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
import type { Message } from '../../../core/types';
import { problemMessage, pullMessage, statusMessages } from './lrs';

export interface LrsStateDeps {
  readonly describe: (e: unknown) => string;
  readonly t: (key: string | Message, params?: Record<string, string | number>) => string;
  /** Formats an instant for the reader (their language and time zone). */
  readonly time: (ms: number) => string;
  readonly save: (filename: string, text: string) => void;
  /** After a pull added learners or answers (the picker's list is re-read). */
  readonly pulled?: () => Promise<void>;
}

/**
 * The LRS section's state (issue 14), over the service the composition root built
 * (Lantern.lrs()): the status line, the settings form, the quarantine and the export.
 */
export class LrsState {
  status = $state.raw<LrsStatus | null>(null);
  form = $state<Mutable<LrsForm>>({
    endpoint: '',
    key: '',
    secret: '',
    base: '',
    nicknames: false,
    since: '',
  });
  hasSecret = $state(false);
  busy = $state(false);
  sending = $state(false);
  error = $state<string | null>(null);
  done = $state<string | null>(null);
  exportLearner = $state('');
  readKey = $state('');
  readSecret = $state('');
  pulling = $state(false);
  pullDone = $state<string | null>(null);
  pullError = $state<string | null>(null);
  exportDone = $state<string | null>(null);
  exportError = $state<string | null>(null);

  readonly lines: Message[];
  readonly problem: Message | null;
  readonly #service: LrsService;
  readonly #deps: LrsStateDeps;

  constructor(service: LrsService, deps: LrsStateDeps) {
    this.#service = service;
    this.#deps = deps;
    this.lines = $derived(this.status ? statusMessages(this.status, deps.time) : []);
    this.problem = $derived(this.status ? problemMessage(this.status, deps.time) : null);
  }

  /** Reads the settings and the status; then keeps the status current. Returns the unsubscribe. */
  start(): () => void {
    void this.#loadSettings();
    void this.refresh();
    const off = this.#service.subscribe(() => void this.refresh());
    // Another tab may be the one sending: re-read now and then too.
    const timer = setInterval(() => void this.refresh(), 5000);
    return () => {
      off();
      clearInterval(timer);
    };
  }

  async #loadSettings(): Promise<void> {
    try {
      const s = await this.#service.settings();
      this.form = {
        endpoint: s.endpoint,
        key: s.key,
        secret: '',
        base: s.base,
        nicknames: s.nicknames,
        since: s.since,
      };
      this.hasSecret = s.hasSecret;
    } catch (e) {
      this.error = this.#deps.describe(e);
    }
  }

  async refresh(): Promise<void> {
    try {
      this.status = await this.#service.status();
    } catch (e) {
      this.error = this.#deps.describe(e);
    }
  }

  async save(): Promise<void> {
    await this.#run(async () => {
      await this.#service.save($state.snapshot(this.form));
      this.form.secret = '';
      this.hasSecret = true;
      return this.#deps.t('lrs.form.saved');
    });
  }

  async remove(): Promise<void> {
    await this.#run(async () => {
      await this.#service.remove();
      return this.#deps.t('lrs.form.removed');
    });
  }

  async sendNow(): Promise<void> {
    this.sending = true;
    try {
      await this.#service.sendNow();
    } catch (e) {
      this.error = this.#deps.describe(e);
    } finally {
      this.sending = false;
      await this.refresh();
    }
  }

  async exportQuarantine(): Promise<void> {
    await this.#run(async () => {
      const { filename, text } = await this.#service.exportQuarantine();
      this.#deps.save(filename, text);
      return this.#deps.t('lrs.export.done', { filename });
    });
  }

  async retryQuarantined(): Promise<void> {
    await this.#run(async () => {
      const n = await this.#service.retryQuarantined();
      return this.#deps.t('lrs.quarantine.retried', { n });
    });
  }

  async exportStatements(): Promise<void> {
    this.exportDone = null;
    this.exportError = null;
    if (!this.exportLearner) return;
    try {
      const { filename, text } = await this.#service.exportLearner(this.exportLearner);
      this.#deps.save(filename, text);
      this.exportDone = this.#deps.t('lrs.export.done', { filename });
    } catch (e) {
      this.exportError = this.#deps.describe(e);
    }
  }

  /** The teacher's device: save the read credentials (if typed) and pull the class. */
  async pull(): Promise<void> {
    this.pulling = true;
    this.pullDone = null;
    this.pullError = null;
    try {
      if (this.readKey.trim() !== '') await this.#service.saveReadCredentials(this.readKey, this.readSecret);
      const r = await this.#service.pullClass();
      this.readSecret = '';
      this.pullDone = this.#deps.t(pullMessage(r));
      await this.#deps.pulled?.();
    } catch (e) {
      this.pullError = this.#deps.describe(e);
    } finally {
      this.pulling = false;
    }
  }

  async #run(work: () => Promise<string>): Promise<void> {
    this.busy = true;
    this.error = null;
    this.done = null;
    try {
      this.done = await work();
    } catch (e) {
      this.error = this.#deps.describe(e);
    } finally {
      this.busy = false;
      await this.refresh();
    }
  }
}
