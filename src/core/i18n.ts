import type { Message } from './types';

export type Locale = 'en' | 'zh-CN';
export const LOCALES: readonly Locale[] = ['en', 'zh-CN'];
export type Catalogue = Readonly<Record<string, string>>;

/** Pick a supported locale from browser preferences (e.g. navigator.languages). */
export function negotiateLocale(preferred: readonly string[]): Locale {
  for (const tag of preferred) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('zh')) return 'zh-CN';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** `{name, plural, one {# day} other {# days}}`: the ICU plural subset the catalogues use. */
const PLURAL = /\{(\w+), plural,((?:\s*[\w=]+\s*\{[^{}]*\})+)\s*\}/g;
const PLURAL_OPTION = /([\w=]+)\s*\{([^{}]*)\}/g;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(locale: string, n: number): string {
  let rules = pluralRules.get(locale);
  if (!rules) {
    rules = new Intl.PluralRules(locale);
    pluralRules.set(locale, rules);
  }
  return rules.select(n);
}

/**
 * Fill `{name}` placeholders, and choose plural forms by the locale's rules
 * (`{n, plural, one {# answer} other {# answers}}`, `#` being the number; `=0 {…}` matches
 * exactly). Unknown keys render as the key itself so a missing translation is visible rather
 * than blank; tests assert there are none.
 */
export function format(catalogue: Catalogue, msg: Message, locale: string = 'en'): string {
  const template = catalogue[msg.key];
  if (template === undefined) return msg.key;
  const params = msg.params ?? {};
  const plural = template.replace(PLURAL, (whole, name: string, options: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    const n = Number(v);
    const forms = new Map<string, string>();
    for (const [, key = '', text = ''] of options.matchAll(PLURAL_OPTION)) forms.set(key, text);
    const form = forms.get(`=${n}`) ?? forms.get(pluralCategory(locale, n)) ?? forms.get('other') ?? whole;
    return form.replace(/#/g, String(v));
  });
  return plural.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : listSeparators(String(v), locale);
  });
}

/**
 * Parameters are data, not prose: a list in one (numbers of a worked step, skill names) comes
 * joined with ", ". Chinese separates the items of a list with the enumeration comma 、, never
 * an ASCII comma, so in a Chinese message the separator is swapped.
 */
function listSeparators(value: string, locale: string): string {
  return locale.startsWith('zh') ? value.replace(/, /g, '、') : value;
}

/** Placeholder names used by a template (plain and plural), for catalogue-consistency tests. */
export function placeholders(template: string): string[] {
  const flat = template.replace(PLURAL, (_whole, name: string) => `{${name}}`);
  return [...flat.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
}

/**
 * Merge catalogues, refusing a key that two of them define (object spread would let the later
 * one win silently). `parts` are named, so the error says which two.
 */
export function mergeCatalogues(parts: Readonly<Record<string, Catalogue>>): Catalogue {
  const out: Record<string, string> = {};
  const from: Record<string, string> = {};
  for (const [name, catalogue] of Object.entries(parts)) {
    for (const [key, text] of Object.entries(catalogue)) {
      if (key in out) throw new Error(`catalogue key "${key}" is in both ${from[key]} and ${name}`);
      out[key] = text;
      from[key] = name;
    }
  }
  return out;
}
