import type { LrsService } from '../../../app/lrs';
import type { Message } from '../../../core/types';
import { pullMessage } from './lrs';

/** Where the class view finds the LRS: the composition root (Lantern). */
export interface ClassPullSource {
  /** The configured LRS's origin, or null (reads the setting only: no LRS chunk is loaded). */
  lrsOrigin(): Promise<string | null>;
  lrs(): Promise<Pick<LrsService, 'canPull' | 'pullClass'>>;
}

export interface ClassPullDeps {
  readonly describe: (e: unknown) => string;
  readonly t: (key: string | Message, params?: Record<string, string | number>) => string;
  /** After a pull: the class and the picker's list are read again. */
  readonly pulled: () => Promise<void>;
}

/**
 * "Get the class from the school's record store" in the class view (issue 14): the same pull as
 * the data page's LRS section, offered only on a device with an LRS and the class's read
 * credentials (a teacher's device); the outcome or the problem in plain words.
 */
export class ClassPullState {
  /** The LRS's origin once this device may pull the class; null: no button. */
  origin = $state<string | null>(null);
  pulling = $state(false);
  done = $state<string | null>(null);
  error = $state<string | null>(null);
  readonly #source: ClassPullSource;
  readonly #deps: ClassPullDeps;

  constructor(source: ClassPullSource, deps: ClassPullDeps) {
    this.#source = source;
    this.#deps = deps;
  }

  /** Whether this device may pull: an LRS configured and read credentials saved. */
  async check(): Promise<void> {
    try {
      const origin = await this.#source.lrsOrigin();
      if (origin === null) return;
      if (await (await this.#source.lrs()).canPull()) this.origin = origin;
    } catch {
      // No button then: class files still work.
    }
  }

  async pull(): Promise<void> {
    this.pulling = true;
    this.done = null;
    this.error = null;
    try {
      const r = await (await this.#source.lrs()).pullClass();
      this.done = this.#deps.t(pullMessage(r));
      await this.#deps.pulled();
    } catch (e) {
      this.error = this.#deps.describe(e);
    } finally {
      this.pulling = false;
    }
  }
}
