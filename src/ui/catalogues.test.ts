import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeCatalogues, placeholders } from '../core/i18n';
import { adultCatalogues } from './adult-catalogues';
import { tutorCatalogues } from './tutor-catalogues';
import { tutorMessagesEn } from '../core/tutor-messages';
import { catalogueFor } from './catalogues';

describe('interface catalogues', () => {
  // Everything the app can show: the first load plus the adult screens' lazy catalogue (merged
  // the way I18n.add merges them, so a key in both would throw here).
  const en = mergeCatalogues({ first: catalogueFor('en'), adult: adultCatalogues.en });
  const zh = mergeCatalogues({ first: catalogueFor('zh-CN'), adult: adultCatalogues['zh-CN'] });
  it('English and Chinese have the same keys', () => {
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
  });
  it('every translation uses the same placeholders as the English (a name may repeat)', () => {
    const set = (t: string) => [...new Set(placeholders(t))];
    for (const [key, template] of Object.entries(en)) {
      expect(set(zh[key] ?? ''), key).toEqual(set(template));
    }
  });
  it('no translation is empty', () => {
    for (const c of [en, zh]) for (const [key, v] of Object.entries(c)) expect(v.trim(), key).not.toBe('');
  });
  it('refuses a key defined in two catalogues, naming both', () => {
    expect(() => mergeCatalogues({ a: { 'x.y': 'one' }, b: { 'x.y': 'two' } })).toThrow(
      'catalogue key "x.y" is in both a and b',
    );
  });

  it('every string a learner’s screen asks for is in the first load (adult strings load later)', () => {
    const first = catalogueFor('en');
    const learnerScreens = ['picker', 'create', 'pin', 'practice', 'progress', 'settings', 'unlock'];
    const files = [
      'src/ui/App.svelte',
      ...readdirSync('src/ui/components')
        .filter((f) => f.endsWith('.svelte'))
        .map((f) => join('src/ui/components', f)),
      ...learnerScreens.flatMap((d) =>
        readdirSync(join('src/ui/screens', d))
          .filter((f) => f.endsWith('.svelte'))
          .map((f) => join('src/ui/screens', d, f)),
      ),
    ];
    const missing: string[] = [];
    // The tutor's component loads with its own lazy catalogue, only when a model is installed.
    const lazy: Readonly<Record<string, Readonly<Record<string, string>>>> = {
      'src/ui/screens/practice/AskTutor.svelte': tutorCatalogues.en,
    };
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(/i18n\.t\('([\w.]+)'/g)) {
        if (first[m[1]!] === undefined && lazy[f]?.[m[1]!] === undefined) missing.push(`${f}: ${m[1]}`);
      }
    }
    expect(files.length).toBeGreaterThan(10);
    expect(missing).toEqual([]);
  });

  it('every note the tutor’s guards can show is in the catalogue the practice screen loads with it', () => {
    // The guards' events carry core/tutor-messages.ts keys, rendered by AskTutor.svelte; a key
    // missing here reaches the child as a bare "tutor.declined".
    for (const locale of ['en', 'zh-CN'] as const) {
      const missing = Object.keys(tutorMessagesEn).filter((k) => tutorCatalogues[locale][k] === undefined);
      expect(missing, locale).toEqual([]);
    }
  });
});
