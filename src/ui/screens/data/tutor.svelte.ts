/**
 * The data page's tutor section (issue 13): the installed model, installing one from a file,
 * deleting it. The service (app/tutor/tutor-service.ts) does the checks and the copy.
 */
import type { InstalledModel, TutorSpeed } from '../../../app/tutor/tutor-service';

/** What the section needs of the tutor service. */
export interface TutorAdmin {
  model(): Promise<InstalledModel | null>;
  speed(): Promise<TutorSpeed | null>;
  install(
    file: File,
    onProgress?: (phase: 'copy' | 'load', done: number, total: number) => void,
  ): Promise<InstalledModel>;
  remove(): Promise<void>;
}

export class TutorSectionState {
  model = $state.raw<InstalledModel | null>(null);
  speed = $state.raw<TutorSpeed | null>(null);
  loaded = $state(false);
  busy = $state(false);
  phase = $state<'copy' | 'load' | null>(null);
  percent = $state(0);
  error = $state<string | null>(null);
  deleted = $state(false);
  #admin: () => TutorAdmin;
  #describe: (e: unknown) => string;

  constructor(admin: () => TutorAdmin, describeError: (e: unknown) => string) {
    this.#admin = admin;
    this.#describe = describeError;
  }

  async load(): Promise<void> {
    try {
      [this.model, this.speed] = await Promise.all([this.#admin().model(), this.#admin().speed()]);
    } catch (e) {
      this.error = this.#describe(e);
    }
    this.loaded = true;
  }

  async install(file: File): Promise<void> {
    this.busy = true;
    this.error = null;
    this.deleted = false;
    this.phase = 'copy';
    this.percent = 0;
    try {
      this.model = await this.#admin().install(file, (phase, done, total) => {
        this.phase = phase;
        this.percent = total > 0 ? Math.floor((done / total) * 100) : 0;
      });
      this.speed = null;
    } catch (e) {
      this.error = this.#describe(e);
    } finally {
      this.busy = false;
      this.phase = null;
    }
  }

  async remove(): Promise<void> {
    this.busy = true;
    this.error = null;
    try {
      await this.#admin().remove();
      this.model = null;
      this.speed = null;
      this.deleted = true;
    } catch (e) {
      this.error = this.#describe(e);
    } finally {
      this.busy = false;
    }
  }
}
