/**
 * Printable worksheets (issue 11): N items of one skill at one level, made by the course's own
 * seeded generators, with their answer key. The sheet's seed alone fixes every item: item k's
 * seed is the k-th draw of `seededRng(sheet seed)` (skipping draws that would repeat an item
 * already on the sheet), so the same skill, level, count and seed always print the same sheet,
 * and each item can be regenerated from its id (`skill~level~seed`, core/items.ts).
 *
 * Pure: no clock, no Math.random (a fresh seed is drawn by the caller from an injected rng).
 */
import { formatAnswer } from './answer';
import { formatItemAnswer, htmlText } from './item-answer';
import { ValidationError } from './errors';
import { generateItem } from './items';
import { nextSeed, seededRng } from './rng';
import type { Difficulty, ItemGenerator, Message, Rng, SkillId } from './types';

export const WORKSHEET_MIN_ITEMS = 1;
export const WORKSHEET_MAX_ITEMS = 40;
/** Sheet seeds are short enough to read aloud and type back: 1 to 999 999. */
export const WORKSHEET_MAX_SEED = 999_999;
/** Draws tried per item before the sheet settles for fewer distinct items (a small content pack). */
const TRIES_PER_ITEM = 25;

export interface WorksheetSpec {
  readonly skillId: SkillId;
  readonly level: Difficulty;
  /** Items asked for, WORKSHEET_MIN_ITEMS..WORKSHEET_MAX_ITEMS. */
  readonly count: number;
  /** 1..WORKSHEET_MAX_SEED. */
  readonly seed: number;
}

export interface WorksheetItem {
  /** 1-based, as printed. */
  readonly number: number;
  /** `skill~level~seed`: regenerates this very item (core/items.ts). */
  readonly itemId: string;
  readonly prompt: Message;
  readonly expression?: string;
  /** For a multiple-choice item, its options in the printed order (labelled A, B, C…). */
  readonly choices?: readonly string[];
  /** The answer as the key prints it: the number in its required form, or the option's letter and text. */
  readonly answer: string;
}

export interface Worksheet {
  readonly spec: WorksheetSpec;
  readonly items: readonly WorksheetItem[];
  /** Fewer distinct items exist than were asked for (a content pack skill with few items). */
  readonly short: boolean;
}

/** A, B, C… for multiple-choice options (the same letters in English and Chinese worksheets). */
export function choiceLetter(index: number): string {
  return String.fromCharCode(65 + index);
}

/** A fresh sheet seed in 1..WORKSHEET_MAX_SEED. */
export function randomWorksheetSeed(rng: Rng): number {
  return 1 + Math.floor(rng() * WORKSHEET_MAX_SEED);
}

/** A typed seed ("  4021 " → 4021), or null when it is not a whole number in range. */
export function parseWorksheetSeed(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= WORKSHEET_MAX_SEED ? n : null;
}

/** @throws ValidationError 'worksheet.badCount' {min, max} | 'worksheet.badSeed' {max} */
export function checkWorksheetSpec(spec: WorksheetSpec): void {
  const { count, seed, level } = spec;
  if (!Number.isInteger(count) || count < WORKSHEET_MIN_ITEMS || count > WORKSHEET_MAX_ITEMS) {
    throw new ValidationError('worksheet.badCount', { min: WORKSHEET_MIN_ITEMS, max: WORKSHEET_MAX_ITEMS });
  }
  if (!Number.isInteger(seed) || seed < 1 || seed > WORKSHEET_MAX_SEED) {
    throw new ValidationError('worksheet.badSeed', { max: WORKSHEET_MAX_SEED });
  }
  if (level !== 1 && level !== 2 && level !== 3) throw new ValidationError('worksheet.badLevel');
}

/** What makes two items the same question on paper. */
function sameQuestionKey(
  prompt: Message,
  expression: string | undefined,
  choices: readonly string[] | undefined,
) {
  return JSON.stringify([prompt.key, prompt.params ?? {}, expression ?? '', choices ?? []]);
}

/**
 * The worksheet for a spec, from the skill's generator. Items are distinct questions; when the
 * generator cannot give `count` distinct ones (a content pack skill with few items), the sheet
 * holds the ones it has and says so (`short`).
 * @throws ValidationError from {@link checkWorksheetSpec}
 */
export function buildWorksheet(generator: ItemGenerator, spec: WorksheetSpec): Worksheet {
  checkWorksheetSpec(spec);
  const rng = seededRng(spec.seed);
  const seen = new Set<string>();
  const items: WorksheetItem[] = [];
  for (let tries = 0; items.length < spec.count && tries < spec.count * TRIES_PER_ITEM; tries++) {
    const item = generateItem(generator, spec.level, nextSeed(rng));
    const choices =
      item.answer.kind === 'choice'
        ? item.answer.choices
        : item.answer.kind === 'single' || item.answer.kind === 'multiple'
          ? item.answer.options.map((o) => htmlText(o.html))
          : undefined;
    const key = sameQuestionKey(item.prompt, item.expression, choices);
    if (seen.has(key)) continue;
    seen.add(key);
    const answer =
      item.answer.kind === 'choice'
        ? `${choiceLetter(item.answer.correctIndex)} (${formatAnswer(item.answer, 'en')})`
        : formatItemAnswer(item.answer, 'en');
    items.push({
      number: items.length + 1,
      itemId: item.id,
      prompt: item.prompt,
      ...(item.expression !== undefined ? { expression: item.expression } : {}),
      ...(choices !== undefined ? { choices } : {}),
      answer,
    });
  }
  return { spec, items, short: items.length < spec.count };
}
