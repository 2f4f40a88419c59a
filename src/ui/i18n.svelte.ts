import { format, negotiateLocale, type Catalogue, type Locale } from '../core/i18n';
import type { Message } from '../core/types';
import { catalogueFor } from './catalogues';

/** The interface language. One instance, shared through context by App.svelte. */
export class I18n {
  #locale = $state<Locale>('en');
  /** Names of content packs' skills (Lantern.courseText), under the app's own catalogue. */
  courseText = $state.raw<Readonly<Partial<Record<Locale, Catalogue>>>>({});
  readonly catalogue: Catalogue = $derived({
    ...this.courseText[this.#locale],
    ...catalogueFor(this.#locale),
  });

  constructor(initial?: Locale) {
    this.#locale = initial ?? negotiateLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  }

  get locale(): Locale {
    return this.#locale;
  }

  set locale(l: Locale) {
    this.#locale = l;
    if (typeof document !== 'undefined') document.documentElement.lang = l;
  }

  /** Translate a key (with params) or a Message. */
  t = (key: string | Message, params?: Record<string, string | number>): string =>
    typeof key === 'string'
      ? format(this.catalogue, { key, params }, this.#locale)
      : format(this.catalogue, key, this.#locale);
}
