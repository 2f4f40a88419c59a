// Bundled by scripts/bench.mjs (`--only=fuzz-content`) and by tests/e2e/content.e2e.ts, and run
// inside Chromium at the app's origin: the content-pack import fuzzer with the real DOMPurify and
// the real IndexedDB. Default 10,000 cases; every third has a failure injected mid-transaction.
import { createSanitiser } from '../../src/app/sanitise';
import { isSafeRichText, runContentFuzz } from '../../tests/support/content-fuzz';
import { LanternDB } from '../../src/storage/db';

async function run(cases = 10_000, seed = 20_261_123): Promise<Record<string, unknown>[]> {
  const db = new LanternDB(`fuzz-content-${seed}-${cases}`);
  try {
    const sanitise = createSanitiser(window);
    const r = await runContentFuzz({ db, sanitise }, cases, seed, () => performance.now());
    const { byKey, byLabel, firstFailures, ...main } = r;
    return [
      { bench: 'fuzz-content', ...main, seed },
      { bench: 'fuzz-content.byKey', ...byKey },
      { bench: 'fuzz-content.byCase', ...byLabel },
      ...(firstFailures.length > 0 ? [{ bench: 'fuzz-content.failures', firstFailures }] : []),
    ];
  } finally {
    await db.delete();
  }
}

(globalThis as unknown as { __bench: unknown }).__bench = {
  run,
  sanitise: (html: string) => createSanitiser(window)(html),
  isSafe: isSafeRichText,
};
