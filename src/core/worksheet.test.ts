import { describe, expect, it } from 'vitest';
import { mathsCourse } from '../content/maths';
import { mathsMessagesEn } from '../content/maths/messages.en';
import { mathsMessagesZh } from '../content/maths/messages.zh-CN';
import { checkAnswer } from './answer';
import { packGenerators, type ContentPack } from './content-pack';
import { ValidationError } from './errors';
import { format } from './i18n';
import { generateItem, parseItemId } from './items';
import { seededRng } from './rng';
import type { Difficulty, ItemGenerator } from './types';
import {
  buildWorksheet,
  choiceLetter,
  parseWorksheetSeed,
  randomWorksheetSeed,
  WORKSHEET_MAX_ITEMS,
  WORKSHEET_MAX_SEED,
} from './worksheet';
import { expectedAnswer } from './item-answer';

/** The first two items of addCarry, level 2, seed 4021: pinned so a change to the seeding shows. */
const GOLDEN = [
  ['addCarry~2~495503904', '239 + 471 = ?', '710'],
  ['addCarry~2~1757299588', '369 + 666 = ?', '1035'],
];

function gen(skillId: string): ItemGenerator {
  const g = mathsCourse.generators.get(skillId);
  if (!g) throw new Error(skillId);
  return g;
}

describe('buildWorksheet', () => {
  it('the same skill, level, count and seed give the same sheet (golden first items)', () => {
    const spec = { skillId: 'addCarry', level: 2 as Difficulty, count: 12, seed: 4021 };
    const a = buildWorksheet(gen('addCarry'), spec);
    const b = buildWorksheet(gen('addCarry'), spec);
    expect(b).toEqual(a);
    expect(a.items).toHaveLength(12);
    expect(a.short).toBe(false);
    expect(a.items.map((i) => i.number)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    // Pinned: a change to the seeding would silently change every sheet printed before it.
    expect(a.items.slice(0, 2).map((i) => [i.itemId, i.expression, i.answer])).toEqual(GOLDEN);
  });

  it('different seeds give different sheets; a longer sheet starts with the shorter one', () => {
    const g = gen('multFacts');
    const one = buildWorksheet(g, { skillId: 'multFacts', level: 3, count: 10, seed: 1 });
    const two = buildWorksheet(g, { skillId: 'multFacts', level: 3, count: 10, seed: 2 });
    expect(two.items.map((i) => i.itemId)).not.toEqual(one.items.map((i) => i.itemId));
    const longer = buildWorksheet(g, { skillId: 'multFacts', level: 3, count: 20, seed: 1 });
    expect(longer.items.slice(0, 10)).toEqual(one.items);
  });

  it('every key answer is what the generator’s item accepts as correct, for every skill and level', () => {
    for (const [skillId, g] of mathsCourse.generators) {
      for (const level of [1, 2, 3] as const) {
        const sheet = buildWorksheet(g, { skillId, level, count: 6, seed: 77 });
        for (const it of sheet.items) {
          const { seed } = parseItemId(it.itemId);
          const item = generateItem(g, level, seed);
          // The item on the sheet is the generator's item for that id …
          expect(it.prompt, it.itemId).toEqual(item.prompt);
          expect(it.expression, it.itemId).toEqual(item.expression);
          // … and the key's answer is the one the answer checker marks correct.
          const written = item.answer.kind === 'choice' ? String(it.answer.charCodeAt(0) - 65) : it.answer;
          expect(
            checkAnswer(expectedAnswer(item.answer), written, 'en').status,
            `${it.itemId}: ${it.answer}`,
          ).toBe('correct');
          if (item.answer.kind === 'choice') {
            expect(it.choices).toEqual(item.answer.choices);
            expect(it.answer).toBe(
              `${choiceLetter(item.answer.correctIndex)} (${item.answer.choices[item.answer.correctIndex]})`,
            );
          }
        }
      }
    }
  });

  it('items on one sheet are distinct questions', () => {
    for (const [skillId, g] of mathsCourse.generators) {
      const sheet = buildWorksheet(g, { skillId, level: 1, count: 12, seed: 5 });
      const keys = sheet.items.map((i) => JSON.stringify([i.prompt, i.expression, i.choices]));
      expect(new Set(keys).size, skillId).toBe(keys.length);
    }
  });

  it('reads in both languages: every prompt has an English and a Chinese text', () => {
    for (const [skillId, g] of mathsCourse.generators) {
      const sheet = buildWorksheet(g, { skillId, level: 2, count: 4, seed: 9 });
      for (const it of sheet.items) {
        const en = format(mathsMessagesEn, it.prompt, 'en');
        const zh = format(mathsMessagesZh, it.prompt, 'zh-CN');
        expect(en, it.itemId).not.toBe(it.prompt.key);
        expect(zh, it.itemId).not.toBe(it.prompt.key);
        expect(zh).not.toBe(en);
        expect(`${en}${zh}`).not.toMatch(/\{\w+\}/); // every placeholder filled
      }
    }
  });

  it('a content pack skill with fewer items than asked gives the ones it has, and says so', () => {
    const pack: ContentPack = {
      format: 'lantern-content',
      formatVersion: 1,
      id: 'tiny',
      version: 1,
      title: { en: 'Tiny' },
      skills: [
        {
          id: 'tiny:s',
          name: { en: 'S' },
          strand: 'number',
          band: 1,
          prerequisites: [],
          items: [
            { difficulty: 1, prompt: { en: 'One plus one?' }, answer: { kind: 'integer', value: 2 } },
            { difficulty: 1, prompt: { en: 'Two plus two?' }, answer: { kind: 'integer', value: 4 } },
          ],
        },
      ],
    };
    const [g] = packGenerators(pack);
    const sheet = buildWorksheet(g!, { skillId: 'tiny:s', level: 1, count: 5, seed: 3 });
    expect(sheet.short).toBe(true);
    expect(sheet.items.map((i) => i.answer).sort()).toEqual(['2', '4']);
  });

  it('refuses a count or seed out of range', () => {
    const g = gen('rounding');
    const bad = (count: number, seed: number) => () =>
      buildWorksheet(g, { skillId: 'rounding', level: 1, count, seed });
    expect(bad(0, 1)).toThrow(ValidationError);
    expect(bad(WORKSHEET_MAX_ITEMS + 1, 1)).toThrow(/worksheet.badCount/);
    expect(bad(2.5, 1)).toThrow(/worksheet.badCount/);
    expect(bad(5, 0)).toThrow(/worksheet.badSeed/);
    expect(bad(5, WORKSHEET_MAX_SEED + 1)).toThrow(/worksheet.badSeed/);
  });
});

describe('worksheet seeds', () => {
  it('parses what a teacher types, and nothing else', () => {
    expect(parseWorksheetSeed(' 4021 ')).toBe(4021);
    expect(parseWorksheetSeed('999999')).toBe(999999);
    for (const t of ['', '0', '1000000', '-3', '4.5', 'abc', '1e3']) {
      expect(parseWorksheetSeed(t), t).toBeNull();
    }
  });
  it('draws fresh seeds in range from the injected rng', () => {
    const rng = seededRng(1);
    for (let i = 0; i < 200; i++) {
      const s = randomWorksheetSeed(rng);
      expect(s).toBeGreaterThanOrEqual(1);
      expect(s).toBeLessThanOrEqual(WORKSHEET_MAX_SEED);
      expect(parseWorksheetSeed(String(s))).toBe(s);
    }
    expect(randomWorksheetSeed(() => 0)).toBe(1);
    expect(randomWorksheetSeed(() => 0.9999999999)).toBe(WORKSHEET_MAX_SEED);
  });
});
