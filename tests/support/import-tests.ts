/**
 * What the import tests share: the app's sanitiser over jsdom, the message key a read refuses
 * with (src/app/gift-read.test.ts, src/app/sheet-read.test.ts), and the invariants every fuzz run
 * must keep (gift-fuzz.test.ts, sheet-fuzz.test.ts).
 */
import { JSDOM } from 'jsdom';
import { expect } from 'vitest';
import { ValidationError } from '../../src/core/errors';
import { createSanitiser, type Sanitise } from '../../src/app/sanitise';

/** The app's own sanitiser (DOMPurify) over jsdom: what the CLI uses too. */
export function jsdomSanitiser(): Sanitise {
  return createSanitiser(new JSDOM('').window);
}

/** The message key of the ValidationError `f` throws, or 'none' (anything else is rethrown). */
export function keyOf(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.messageKey;
    throw e;
  }
  return 'none';
}

/** The counts a fuzz run (runGiftFuzz, runSheetFuzz) reports. */
interface FuzzRun {
  readonly firstFailures: readonly string[];
  readonly uncaught: number;
  readonly violations: number;
  readonly planned: number;
  readonly refusedFiles: number;
  readonly questions: number;
  readonly rejected: number;
}

/**
 * No failure of `cases`, every case planned or refused whole, and the mutations reaching both
 * sides (more than `questions` questions and `rejected` refusals), or the fuzzer proves nothing.
 */
export function expectSoundFuzzRun(
  r: FuzzRun,
  cases: number,
  atLeast: { readonly questions: number; readonly rejected: number },
): void {
  expect(r.firstFailures).toEqual([]);
  expect(r.uncaught).toBe(0);
  expect(r.violations).toBe(0);
  expect(r.planned + r.refusedFiles).toBe(cases);
  expect(r.questions).toBeGreaterThan(atLeast.questions);
  expect(r.rejected).toBeGreaterThan(atLeast.rejected);
}
