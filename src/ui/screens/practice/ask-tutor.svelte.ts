/**
 * "Ask Lantern" on one item (issue 13): runs one question at a time and keeps what is shown. The
 * reply arrives as the core's guarded events (core/tutor.ts: a sentence is shown only once every
 * guard passed it), so nothing shown is ever taken back. Stop ends it at once: the view stops
 * showing, and the signal tells the runtime to stop generating.
 */
import type { TutorAsk, TutorEvent } from '../../../core/tutor';
import type { Message } from '../../../core/types';

export type TutorLine =
  | { readonly kind: 'sentence'; readonly text: string }
  | { readonly kind: 'note'; readonly message: Message }
  | { readonly kind: 'steps'; readonly message: Message; readonly steps: readonly string[] };

export type AskFn = (ask: TutorAsk, signal: AbortSignal) => AsyncIterable<TutorEvent>;

export interface AskTutorDeps {
  readonly ask: AskFn;
  readonly describeError: (e: unknown) => string;
  /** For the "thinking… N seconds" progress line; the browser's clock by default. */
  readonly now?: () => number;
  readonly setInterval?: (f: () => void, ms: number) => unknown;
  readonly clearInterval?: (id: unknown) => void;
}

export class AskTutorState {
  lines = $state.raw<readonly TutorLine[]>([]);
  busy = $state(false);
  stopped = $state(false);
  error = $state<string | null>(null);
  /** Whole seconds since the question was asked, while the reply runs. */
  elapsed = $state(0);
  /** The free question being typed. */
  question = $state('');
  /** What was asked last (the view labels the reply with it). */
  asked = $state.raw<TutorAsk | null>(null);
  #deps: AskTutorDeps;
  #abort: AbortController | null = null;
  #timer: unknown;

  constructor(deps: AskTutorDeps) {
    this.#deps = deps;
  }

  /** Asks (stopping a reply still running); resolves when the reply has ended or was stopped. */
  async ask(ask: TutorAsk): Promise<void> {
    this.stop();
    const abort = new AbortController();
    this.#abort = abort;
    this.lines = [];
    this.error = null;
    this.stopped = false;
    this.busy = true;
    this.asked = ask;
    this.#tick();
    try {
      for await (const e of this.#deps.ask(ask, abort.signal)) {
        if (abort.signal.aborted) break;
        this.#show(e);
      }
    } catch (e) {
      if (!abort.signal.aborted) this.error = this.#deps.describeError(e);
    } finally {
      if (this.#abort === abort) this.#end();
    }
  }

  /** Sends the typed question; an empty one is not sent. */
  askFree(): Promise<void> {
    const question = this.question.trim();
    if (!question) return Promise.resolve();
    this.question = '';
    return this.ask({ kind: 'free', question });
  }

  /** Stops the reply at once (what was shown stays). */
  stop(): void {
    if (!this.#abort) return;
    this.#abort.abort();
    this.stopped = true;
    this.#end();
  }

  #show(e: TutorEvent): void {
    switch (e.type) {
      case 'sentence':
        this.lines = [...this.lines, { kind: 'sentence', text: e.text }];
        return;
      case 'withheld':
      case 'declined':
        this.lines = [...this.lines, { kind: 'note', message: e.message }];
        return;
      case 'replaced':
        // The reply contradicted the worked solution: the solution stands instead of it.
        this.lines = [{ kind: 'steps', message: e.message, steps: e.steps }];
        return;
      case 'done':
        if (e.stopped) this.stopped = true;
        return;
    }
  }

  #tick(): void {
    const now = this.#deps.now ?? (() => Date.now());
    const start = now();
    this.elapsed = 0;
    const every = this.#deps.setInterval ?? ((f: () => void, ms: number) => setInterval(f, ms));
    this.#timer = every(() => {
      this.elapsed = Math.floor((now() - start) / 1000);
    }, 1000);
  }

  #end(): void {
    this.#abort = null;
    this.busy = false;
    const clear =
      this.#deps.clearInterval ?? ((id: unknown) => clearInterval(id as ReturnType<typeof setInterval>));
    clear(this.#timer);
    this.#timer = undefined;
  }
}
