// The GIFT export (issue 12, deliverable 7) on files nobody here wrote: every file of
// ../shared/datasets/gift that imports is exported, and the export imported again, with the
// app's real sanitiser (DOMPurify over jsdom) and Markdown renderer. Without the corpora this
// suite is skipped with a message, as lab/gift-corpora.datasets.test.ts is.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readGift } from '../src/app/gift-read';
import { ValidationError } from '../src/core/errors';
import type { GiftPlan } from '../src/core/gift';
import { giftBankOfPlan } from '../src/core/gift-export';
import { comparable, expectedTypes, readWithParsers, roundTrip } from '../tests/support/gift-export-rig';
import { nodeSanitiser } from './lib/node-sanitiser';

const root = fileURLToPath(new URL('../../shared/datasets/gift/', import.meta.url));
const present = existsSync(root);
if (!present) {
  console.warn(`GIFT export corpus tests skipped: ${root} not found (see shared/datasets/gift/README.md)`);
}

const sanitise = present ? nodeSanitiser() : (s: string) => s;
const read = (text: string): GiftPlan => readGift(text, sanitise);
const files = (dir: string): string[] =>
  present
    ? readdirSync(root + dir)
        .filter((f) => f.endsWith('.gift'))
        .sort()
        .map((f) => `${dir}/${f}`)
    : [];

/** The file's plan, or null when it cannot be a GIFT file at all (a malformed corpus file). */
function planOf(path: string): GiftPlan | null {
  try {
    return read(readFileSync(root + path, 'utf8'));
  } catch (e) {
    if (e instanceof ValidationError) return null;
    throw e;
  }
}

const all = [
  ...files('gift-parser-ide/pass'),
  ...files('gift-parser-ide/error'),
  ...files('gift-parser-ide/incremental'),
  ...files('gift-pegjs'),
];
/**
 * Files that do not survive yet because of an importer bug (found by this export, reported in
 * src/core/gift-export.test.ts, "importer bugs"): `it.fails` turns red once it is fixed.
 */
const KNOWN_BUGS: ReadonlySet<string> = new Set<string>([
  // None left: {TRUE#…#…} feedbacks (swapped on import) were fixed in core/gift.ts.
]);

describe.skipIf(!present)('GIFT export of both parsers’ corpora (../shared/datasets/gift)', () => {
  const check = (path: string) => {
    const first = planOf(path);
    if (first === null || first.questions.length + first.lessons.length === 0) return;
    const rt = roundTrip(first, read);
    // Everything that was imported comes back, and nothing is refused.
    expect(rt.again.rejected).toEqual([]);
    expect(comparable(rt.again, { withKeys: false })).toEqual(comparable(first, { withKeys: false }));
    // Idempotent: the export of the re-import is the same text, and keys no longer change.
    expect(rt.textAgain).toBe(rt.text);
    expect(comparable(read(rt.textAgain))).toEqual(comparable(rt.again));
    // Both open-source parsers read the exported file with no error, with the same types.
    const parsed = readWithParsers(rt.text);
    const types = expectedTypes(giftBankOfPlan(first));
    expect(parsed.ideErrors).toEqual([]);
    expect(parsed.pegjs).toEqual(types);
    expect(parsed.ide).toEqual(types);
  };
  const title = '%s: import → export → import keeps the questions; both parsers read the export';
  it.each(all.filter((f) => !KNOWN_BUGS.has(f)))(title, check);
  if (KNOWN_BUGS.size > 0) it.fails.each([...KNOWN_BUGS])(title, check);

  it('totals, and the keys the first export changes (the source’s format, Markdown, the sanitiser)', () => {
    const plans = all
      .map(planOf)
      .filter((p): p is GiftPlan => p !== null && p.questions.length + p.lessons.length > 0);
    const keys = (p: GiftPlan) => comparable(p).flatMap((s) => s.items.map((q) => q.key));
    let changed = 0;
    for (const p of plans) {
      const again = keys(roundTrip(p, read).again);
      changed += keys(p).filter((k, i) => again[i] !== k).length;
    }
    expect({
      files: plans.length,
      questions: plans.reduce((n, p) => n + p.questions.length, 0),
      lessons: plans.reduce((n, p) => n + p.lessons.length, 0),
      changed,
    }).toEqual({ files: 87, questions: 193, lessons: 10, changed: 23 });
  });
});
