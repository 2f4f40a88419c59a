/**
 * The page's side of the tutor worker (tutor-worker.ts): a `TutorRuntime` (core/tutor.ts) over
 * postMessage. Starts the worker and loads the model on first use, with a timeout: wllama's
 * `loadModel` can hang without an error (a refused worker, a wasm that never compiles), and a
 * child must get a clear message instead of a spinner. A stop (the signal) ends the reply at once
 * on this side and tells the worker to stop generating.
 */
import { ValidationError } from '../../core/errors';
import type { TutorPrompt, TutorRuntime } from '../../core/tutor';
import type { FromTutorWorker, ToTutorWorker } from './tutor-protocol';

export interface TutorClientOptions {
  /** The model's file name in the OPFS folder. */
  readonly file: string;
  /** Context length asked for (prompt + reply). */
  readonly nCtx: number;
  /** Give up loading after this long (ms). */
  readonly loadTimeoutMs: number;
}

export class TutorClient implements TutorRuntime {
  readonly #factory: () => Worker;
  readonly #opts: TutorClientOptions;
  #worker: Worker | null = null;
  #loading: Promise<number> | undefined;
  #next = 0;
  readonly #handlers = new Map<number, (m: FromTutorWorker) => void>();
  #onLoad: ((m: FromTutorWorker) => void) | undefined;

  constructor(factory: () => Worker, opts: TutorClientOptions) {
    this.#factory = factory;
    this.#opts = opts;
  }

  /**
   * Starts the worker and loads the model (once); resolves with the load time in ms.
   * @throws ValidationError 'tutorApp.loadTimeout' or 'tutorApp.loadFailed' (the worker is stopped,
   * and the next call tries again)
   */
  load(): Promise<number> {
    this.#loading ??= this.#load().catch((e: unknown) => {
      this.dispose();
      throw e;
    });
    return this.#loading;
  }

  #load(): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let w: Worker;
      try {
        w = this.#factory();
      } catch (e) {
        reject(new ValidationError('tutorApp.loadFailed', {}, e instanceof Error ? e.message : String(e)));
        return;
      }
      this.#worker = w;
      const timer = setTimeout(() => {
        this.#onLoad = undefined;
        reject(
          new ValidationError('tutorApp.loadTimeout', {
            seconds: Math.round(this.#opts.loadTimeoutMs / 1000),
          }),
        );
      }, this.#opts.loadTimeoutMs);
      this.#onLoad = (m) => {
        if (m.type !== 'loaded' && m.type !== 'load-failed') return;
        clearTimeout(timer);
        this.#onLoad = undefined;
        if (m.type === 'loaded') resolve(m.ms);
        else reject(new ValidationError('tutorApp.loadFailed', {}, `${m.reason}: ${m.message}`));
      };
      w.onmessage = (e: MessageEvent<FromTutorWorker>) => this.#receive(e.data);
      w.onerror = (e) => {
        e.preventDefault();
        clearTimeout(timer);
        this.#onLoad = undefined;
        reject(
          new ValidationError('tutorApp.loadFailed', {}, e.message || 'the tutor worker failed to start'),
        );
      };
      w.postMessage({ type: 'load', file: this.#opts.file, nCtx: this.#opts.nCtx } satisfies ToTutorWorker);
    });
  }

  #receive(m: FromTutorWorker): void {
    if (m.type === 'loaded' || m.type === 'load-failed') this.#onLoad?.(m);
    else this.#handlers.get(m.id)?.(m);
  }

  /**
   * Streams the reply's text pieces; ends at once when `signal` aborts. The runtime sometimes fails
   * inside llama.cpp's own worker (seen in Chromium: a RangeError from its message loop, about one
   * run in three of the e2e). A failure before any text is shown stops that worker and tries once
   * more with a fresh one (the model loads again); a second failure, or one after text was shown,
   * reaches the child as a clear error.
   */
  async *generate(
    prompt: TutorPrompt,
    opts: { maxTokens: number; signal: AbortSignal },
  ): AsyncIterable<string> {
    for (let attempt = 0; ; attempt++) {
      let shown = false;
      try {
        for await (const piece of this.#generateOnce(prompt, opts)) {
          shown = true;
          yield piece;
        }
        return;
      } catch (e) {
        if (shown || attempt >= 1 || opts.signal.aborted) throw e;
        this.dispose();
      }
    }
  }

  async *#generateOnce(
    prompt: TutorPrompt,
    opts: { maxTokens: number; signal: AbortSignal },
  ): AsyncIterable<string> {
    const { signal } = opts;
    if (signal.aborted) return;
    await this.load();
    if (signal.aborted) return;
    const w = this.#worker;
    if (!w) throw new ValidationError('tutorApp.loadFailed');
    const id = ++this.#next;
    const pieces: string[] = [];
    let ended = false;
    let failure: string | undefined;
    let wake: (() => void) | undefined;
    this.#handlers.set(id, (m) => {
      if (m.type === 'piece') pieces.push(m.text);
      else if (m.type === 'end') ended = true;
      else if (m.type === 'failed') {
        ended = true;
        failure = m.message;
      }
      wake?.();
    });
    const onAbort = (): void => wake?.();
    signal.addEventListener('abort', onAbort);
    w.postMessage({
      type: 'generate',
      id,
      system: prompt.system,
      user: prompt.user,
      maxTokens: opts.maxTokens,
    } satisfies ToTutorWorker);
    try {
      for (;;) {
        if (signal.aborted) return;
        const piece = pieces.shift();
        if (piece !== undefined) {
          yield piece;
          continue;
        }
        if (ended) break;
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
      if (failure !== undefined) throw new ValidationError('tutorApp.generateFailed', {}, failure);
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.#handlers.delete(id);
      // Stopped by the child, or the consumer stopped reading: the worker stops generating.
      if (!ended) this.#worker?.postMessage({ type: 'abort', id } satisfies ToTutorWorker);
    }
  }

  /** Stops the worker (the model is deleted, or another is installed). */
  dispose(): void {
    this.#worker?.terminate();
    this.#worker = null;
    this.#loading = undefined;
    this.#onLoad = undefined;
    for (const h of this.#handlers.values()) h({ type: 'failed', id: -1, message: 'the tutor was stopped' });
    this.#handlers.clear();
  }
}
