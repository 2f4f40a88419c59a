/**
 * Pure helpers of the worksheet screen: reading the form into a worksheet spec, and the strings
 * of a sheet printed in a language other than the interface's.
 */
import { ValidationError } from '../../../core/errors';
import { format, type Catalogue, type Locale } from '../../../core/i18n';
import type { Difficulty, Message } from '../../../core/types';
import { worksheetMessagesEn, worksheetMessagesZh } from '../../../core/worksheet-messages';
import {
  parseWorksheetSeed,
  WORKSHEET_MAX_ITEMS,
  WORKSHEET_MAX_SEED,
  WORKSHEET_MIN_ITEMS,
  type WorksheetSpec,
} from '../../../core/worksheet';
import { catalogueFor } from '../../catalogues';
import { worksheetSheetMessagesEn, worksheetSheetMessagesZh } from './messages';

/** What the teacher typed and chose, as the form holds it. */
export interface WorksheetForm {
  skillId: string;
  level: '1' | '2' | '3';
  count: string;
  seed: string;
}

export const DEFAULT_COUNT = 10;

/** The spec the form describes, or the message saying what to fix. */
export function specOf(form: WorksheetForm): { spec: WorksheetSpec } | { error: Message } {
  const count = /^\s*\d{1,3}\s*$/.test(form.count) ? Number(form.count) : NaN;
  if (!(count >= WORKSHEET_MIN_ITEMS && count <= WORKSHEET_MAX_ITEMS)) {
    return {
      error: { key: 'worksheet.badCount', params: { min: WORKSHEET_MIN_ITEMS, max: WORKSHEET_MAX_ITEMS } },
    };
  }
  const seed = parseWorksheetSeed(form.seed);
  if (seed === null) return { error: { key: 'worksheet.badSeed', params: { max: WORKSHEET_MAX_SEED } } };
  const level: Difficulty = form.level === '1' ? 1 : form.level === '2' ? 2 : 3;
  return { spec: { skillId: form.skillId, level, count, seed } };
}

/** A ValidationError as the Message it carries; anything else is not ours to explain here. */
export function messageOf(e: unknown): Message {
  if (e instanceof ValidationError) return { key: e.messageKey, params: e.params };
  throw e;
}

const SHEET: Readonly<Record<Locale, readonly Catalogue[]>> = {
  en: [worksheetSheetMessagesEn, worksheetMessagesEn],
  'zh-CN': [worksheetSheetMessagesZh, worksheetMessagesZh],
};

/**
 * Everything a sheet in `locale` prints: the course's texts (items, skill names), content packs'
 * skill names (`courseText`) and the sheet's own words, whatever the interface language is.
 */
export function sheetCatalogue(locale: Locale, courseText: Catalogue = {}): Catalogue {
  return Object.assign({}, courseText, catalogueFor(locale), ...SHEET[locale]);
}

/** A translator for one catalogue and locale, shaped like `I18n.t`. */
export function translator(
  catalogue: Catalogue,
  locale: Locale,
): (key: string | Message, params?: Record<string, string | number>) => string {
  return (key, params) =>
    typeof key === 'string' ? format(catalogue, { key, params }, locale) : format(catalogue, key, locale);
}
