/**
 * Reading a teacher's question bank file (issue 12): a GIFT file from Moodle, for the dry run the
 * teacher sees before anything is stored. A lazy chunk (the GIFT parser and `marked` come with
 * it), loaded by ContentService.readBank.
 */
import { guessBankLanguage } from '../core/gift-bank';
import type { GiftPlan } from '../core/gift';
import type { Locale } from '../core/i18n';
import { decodeGiftBytes, readGift } from './gift-read';
import { decodeSheetBytes, readSheet } from './sheet-read';
import { looksLikeSheet } from '../core/sheet';
import type { Sanitise } from './sanitise';

export interface BankFile {
  /** The dry run: what will be imported, what will not and why. */
  readonly plan: GiftPlan;
  /** A name for the bank, from the file's name (the teacher may change it). */
  readonly title: string;
  /** The language the questions seem to be written in (the teacher may change it). */
  readonly lang: Locale;
}

/** The file's name without its folder and extension, as a bank's name. */
export function titleFromFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.replace(/\.[^.]{1,5}$/, '').trim() || base;
}

/**
 * Reads the bytes of a GIFT file or a spreadsheet saved as CSV (`.csv`, `.tsv`, or a `.txt` whose
 * header names a type and a question column: Excel's "Unicode text"). Throws ValidationError
 * (gift.*, sheet.*) for a file that cannot be read.
 */
export function readBankFile(bytes: Uint8Array, fileName: string, sanitise: Sanitise): BankFile {
  const title = titleFromFileName(fileName);
  const opts = { defaultSkill: title };
  if (/\.(csv|tsv)$/i.test(fileName)) return sheetFile(decodeSheetBytes(bytes).text, title, sanitise);
  if (/\.txt$/i.test(fileName)) {
    let text: string | null = null;
    try {
      text = decodeSheetBytes(bytes).text;
    } catch {
      // Not a spreadsheet's encoding: read it as GIFT, which says what is wrong.
    }
    if (text !== null && looksLikeSheet(text)) return sheetFile(text, title, sanitise);
  }
  const plan = readGift(decodeGiftBytes(bytes), sanitise, opts);
  return { plan, title, lang: guessBankLanguage(plan) };
}

function sheetFile(text: string, title: string, sanitise: Sanitise): BankFile {
  const plan = readSheet(text, sanitise, { defaultSkill: title });
  // A bank whose rows all name one language is in that language; else the text tells.
  const langs = new Set(plan.questions.map((q) => q.lang));
  const only = langs.size === 1 ? [...langs][0] : undefined;
  return { plan, title, lang: only ?? guessBankLanguage(plan) };
}
