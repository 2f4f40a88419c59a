import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { freshDb } from '../storage/test-utils';
import { isSafeRichText, runContentFuzz } from '../../tests/support/content-fuzz';

/**
 * The Node tier of the content-import fuzzer: 400 cases on a fixed seed through parse → sanitise
 * → install (fake-indexeddb), a third with a failure injected inside the transaction. Node has no
 * DOM for DOMPurify, so this tier sanitises with a strict regex stand-in (allow-listed bare tags
 * kept, every other `<` escaped); the same cases run with the real DOMPurify in Chromium in
 * tests/e2e/content.e2e.ts and, ≥ 10,000 of them, in `npm run bench` (fuzz-content).
 */
const standIn = (html: string): string =>
  html
    .replace(/<[^>]*>?/g, (m) => (/^<\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>$/.test(m) ? m : ''))
    .replace(/</g, '&lt;');

describe('content import fuzz (Node tier)', () => {
  const db = freshDb('content-fuzz');
  afterAll(async () => db.delete());

  it('the stand-in sanitiser is a safe fixed point', () => {
    for (const s of ['<b onclick=x>a</b>', '<<script>>', 'a<b', '<img src=x onerror=y>']) {
      expect(isSafeRichText(standIn(s))).toBe(true);
      expect(standIn(standIn(s))).toBe(standIn(s));
    }
    expect(isSafeRichText('<b>x</b><img src=x>')).toBe(false);
    expect(isSafeRichText('<b class="x">x</b>')).toBe(false);
  });

  it('400 random and mutated files: only catalogued rejections, all-or-nothing installs', async () => {
    const r = await runContentFuzz({ db, sanitise: standIn }, 400, 5150, () => performance.now());
    expect(r.firstFailures).toEqual([]);
    expect(r.uncaught).toBe(0);
    expect(r.rejected + r.installed + r.rolledBack).toBe(400);
    // The generator must reach both sides, or the fuzzer proves nothing.
    expect(r.installed).toBeGreaterThan(20);
    expect(r.rolledBack).toBeGreaterThan(20);
    expect(r.rejected).toBeGreaterThan(150);
    for (const k of [
      'content.notJson',
      'content.wrongFormat',
      'content.unknownField',
      'content.olderVersion',
    ]) {
      expect(Object.keys(r.byKey)).toContain(k);
    }
    expect(Object.keys(r.byKey).some((k) => k === 'content.missingPrereq' || k === 'content.cycle')).toBe(
      true,
    );
  });
});
