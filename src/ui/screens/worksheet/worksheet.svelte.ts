import type { TeacherService } from '../../../app/teacher';
import type { Locale } from '../../../core/i18n';
import type { Message, SkillId } from '../../../core/types';
import { randomWorksheetSeed, type Worksheet } from '../../../core/worksheet';
import { DEFAULT_COUNT, messageOf, specOf, type WorksheetForm } from './worksheet';

export interface WorksheetStateDeps {
  /** The interface language: the sheet's language until the teacher picks another. */
  readonly locale: Locale;
  /** Randomness for a fresh seed (the screen passes Math.random). */
  readonly random: () => number;
  readonly describe: (e: unknown) => string;
}

/**
 * The worksheet screen's state: the form, and the sheet it describes, derived (the same form
 * always shows the same sheet; nothing is stored). The service makes the sheet with the
 * course's generators (app/teacher.ts `worksheet`).
 */
export class WorksheetState {
  /** The skills a sheet can be made for, in course order; null until read. */
  skills = $state.raw<readonly SkillId[] | null>(null);
  form = $state<WorksheetForm>({ skillId: '', level: '1', count: String(DEFAULT_COUNT), seed: '' });
  /** The language printed on the sheet, independent of the interface language. */
  sheetLocale = $state<Locale>('en');
  loadError = $state<string | null>(null);
  readonly result: { readonly sheet: Worksheet } | { readonly error: Message } | null;

  readonly #service: TeacherService;
  readonly #deps: WorksheetStateDeps;

  constructor(service: TeacherService, deps: WorksheetStateDeps) {
    this.#service = service;
    this.#deps = deps;
    this.sheetLocale = deps.locale;
    this.form.seed = String(randomWorksheetSeed(deps.random));
    this.result = $derived.by(() => {
      if (this.form.skillId === '') return null;
      const read = specOf(this.form);
      if ('error' in read) return read;
      try {
        return { sheet: service.worksheet(read.spec) };
      } catch (e) {
        return { error: messageOf(e) };
      }
    });
  }

  async load(): Promise<void> {
    try {
      const skills = await this.#service.worksheetSkills();
      this.skills = skills;
      if (!skills.includes(this.form.skillId)) this.form.skillId = skills[0] ?? '';
    } catch (e) {
      this.loadError = this.#deps.describe(e);
    }
  }

  newSeed(): void {
    this.form.seed = String(randomWorksheetSeed(this.#deps.random));
  }
}
