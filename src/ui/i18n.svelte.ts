import { format, mergeCatalogues, negotiateLocale, type Catalogue, type Locale } from '../core/i18n';
import type { Message } from '../core/types';
import { catalogueFor } from './catalogues';

/** The interface language. One instance, shared through context by App.svelte. */
export class I18n {
  #locale = $state<Locale>('en');
  /** Names of content packs' skills (Lantern.courseText), under the app's own catalogue. */
  courseText = $state.raw<Readonly<Partial<Record<Locale, Catalogue>>>>({});
  /** Strings loaded with a lazy screen (the adult screens' catalogues), per locale. */
  #loaded = $state.raw<Readonly<Record<Locale, Catalogue>> | null>(null);
  readonly catalogue: Catalogue = $derived({
    ...this.courseText[this.#locale],
    ...this.#withLoaded(this.#locale),
  });

  constructor(initial?: Locale) {
    this.#locale = initial ?? negotiateLocale(typeof navigator === 'undefined' ? [] : navigator.languages);
  }

  #merged: Partial<Record<Locale, Catalogue>> = {};
  #withLoaded(locale: Locale): Catalogue {
    const loaded = this.#loaded;
    if (!loaded) return catalogueFor(locale);
    let c = this.#merged[locale];
    if (!c) {
      // A key both in the first load and in a lazy catalogue throws: one must not silently win.
      c = mergeCatalogues({ firstLoad: catalogueFor(locale), lazy: loaded[locale] });
      this.#merged[locale] = c;
    }
    return c;
  }

  /** Add a lazy screen's strings (once; later calls with the same catalogues change nothing). */
  add(catalogues: Readonly<Record<Locale, Catalogue>>): void {
    if (this.#loaded === catalogues) return;
    this.#merged = {};
    this.#loaded = catalogues;
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
