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

/**
 * Fill `{name}` placeholders. Unknown keys render as the key itself so a missing
 * translation is visible rather than blank; tests assert there are none.
 */
export function format(catalogue: Catalogue, msg: Message): string {
  const template = catalogue[msg.key];
  if (template === undefined) return msg.key;
  const params = msg.params ?? {};
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

/** Placeholder names used by a template, for catalogue-consistency tests. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
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
