import { describe, expect, it } from 'vitest';
import { mergeCatalogues, placeholders } from '../core/i18n';
import { catalogueFor } from './catalogues';

describe('interface catalogues', () => {
  const en = catalogueFor('en');
  const zh = catalogueFor('zh-CN');
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
});
