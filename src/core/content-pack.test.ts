import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { generateItem, parseItemId } from './items';
import {
  CONTENT_LIMITS,
  RICH_TEXT_KEY,
  packCatalogue,
  packGenerators,
  richTextOf,
  sanitiseContentPack,
  skillsOfPack,
} from './content-pack';
import { parseContentPack } from './content-pack-schema';
import { contentMessagesEn, contentMessagesZh } from './content-pack-messages';
import { samplePackDoc } from '../../tests/support/content-pack.sample';
import type { Skill } from './types';

const bundled: Skill[] = [
  { id: 'placeValue', nameKey: 'skill.placeValue.name', prerequisites: [], strand: 'number', band: 1 },
  {
    id: 'addCarry',
    nameKey: 'skill.addCarry.name',
    prerequisites: ['placeValue'],
    strand: 'number',
    band: 1,
  },
];
const opts = { bundled, strands: ['number', 'fractions'] };
const parse = (doc: unknown) => parseContentPack(typeof doc === 'string' ? doc : JSON.stringify(doc), opts);

function rejects(doc: unknown, key: string, params?: Record<string, unknown>): void {
  let err: unknown;
  try {
    parse(doc);
  } catch (e) {
    err = e;
  }
  expect(err, key).toBeInstanceOf(ValidationError);
  expect((err as ValidationError).messageKey).toBe(key);
  if (params) expect((err as ValidationError).params).toMatchObject(params);
  expect(contentMessagesEn[key], `catalogued: ${key}`).toBeDefined();
}

type Doc = ReturnType<typeof samplePackDoc> & { skills: Record<string, unknown>[] };
const edit = (f: (d: Doc) => void): Doc => {
  const d = samplePackDoc() as Doc;
  f(d);
  return d;
};
const item0 = (d: Doc) => (d.skills[0]!.items as Record<string, unknown>[])[0]!;

describe('parseContentPack', () => {
  it('reads a valid pack: namespaced skills, resolved prerequisites, items', () => {
    const p = parse(samplePackDoc());
    expect(p.id).toBe('shapes');
    expect(p.skills.map((s) => s.id)).toEqual(['shapes:sides', 'shapes:angles']);
    expect(p.skills[1]!.prerequisites).toEqual(['shapes:sides', 'addCarry']);
    expect(p.skills[0]!.items).toHaveLength(3);
    expect(p.skills[0]!.items[2]!.answer).toEqual({
      kind: 'choice',
      choices: ['hexagon', 'octagon', 'pentagon'],
      correctIndex: 1,
    });
    expect(skillsOfPack(p)[0]).toEqual({
      id: 'shapes:sides',
      nameKey: 'skill.shapes:sides.name',
      prerequisites: ['placeValue'],
      strand: 'number',
      band: 1,
    });
    expect(packCatalogue([p], 'zh-CN')['skill.shapes:sides.name']).toBe('数边');
    expect(packCatalogue([p], 'zh-CN')['skill.shapes:angles.name']).toBe('Angles in a triangle');
  });

  it('rejects what is not a content file', () => {
    rejects('not json', 'content.notJson');
    rejects('{"format":"lantern-content"', 'content.notJson');
    rejects('42', 'content.wrongFormat');
    expect(() => parseContentPack(42, opts)).toThrow(
      expect.objectContaining({ messageKey: 'content.notJson' }),
    );
    rejects([], 'content.wrongFormat');
    rejects({ ...samplePackDoc(), format: 'lantern-backup' }, 'content.wrongFormat');
    rejects({ ...samplePackDoc(), formatVersion: 0 }, 'content.wrongFormat');
    rejects({ ...samplePackDoc(), formatVersion: 2 }, 'content.newerVersion', { version: '2', supported: 1 });
    rejects('x'.repeat(CONTENT_LIMITS.textChars + 1), 'content.tooLarge');
  });

  it('rejects each invalid field with its own message', () => {
    rejects({ ...samplePackDoc(), extra: 1 }, 'content.unknownField', { field: 'extra' });
    rejects(
      JSON.parse(JSON.stringify(samplePackDoc()).replace('"title"', '"__proto__":{},"title"')),
      'content.unknownField',
      { field: '__proto__' },
    );
    rejects({ ...samplePackDoc(), id: 'Shapes!' }, 'content.badId');
    rejects({ ...samplePackDoc(), id: 'a' }, 'content.badId');
    rejects({ ...samplePackDoc(), version: 1.5 }, 'content.badVersion');
    rejects({ ...samplePackDoc(), title: {} }, 'content.badText');
    rejects({ ...samplePackDoc(), title: { fr: 'Formes' } }, 'content.unknownField');
    rejects({ ...samplePackDoc(), title: { en: 'x'.repeat(61) } }, 'content.textTooLong');
    rejects({ ...samplePackDoc(), title: { en: 'a\u0000b' } }, 'content.badText');
    rejects({ ...samplePackDoc(), skills: [] }, 'content.noSkills');
    rejects(
      edit((d) => (d.skills[0]!.id = 'place:value')),
      'content.badId',
    );
    rejects(
      edit((d) => (d.skills[1]!.id = 'sides')),
      'content.duplicateSkill',
    );
    rejects(
      edit((d) => (d.skills[0]!.strand = 'geometry')),
      'content.badStrand',
    );
    rejects(
      edit((d) => (d.skills[0]!.band = 0)),
      'content.badBand',
    );
    rejects(
      edit((d) => (d.skills[0]!.prerequisites = 'placeValue')),
      'content.badPrereq',
    );
    rejects(
      edit((d) => (d.skills[0]!.items = [])),
      'content.noItems',
    );
    rejects(
      edit((d) => (item0(d).difficulty = 4)),
      'content.badDifficulty',
    );
    rejects(
      edit((d) => (item0(d).prompt = 'text')),
      'content.badText',
    );
    rejects(
      edit((d) => (item0(d).prompt = { en: '   ' })),
      'content.badText',
    );
    rejects(
      edit((d) => (item0(d).prompt = { en: 'x'.repeat(CONTENT_LIMITS.richChars + 1) })),
      'content.textTooLong',
    );
    rejects(
      edit((d) => (item0(d).solution = 'step')),
      'content.badItem',
    );
    rejects(
      edit((d) => (item0(d).onclick = 'x')),
      'content.unknownField',
    );
  });

  it('rejects invalid answers of every kind', () => {
    const bad = [
      { kind: 'integer', value: 1.5 },
      { kind: 'integer', value: 1e13 },
      { kind: 'decimal', value: 1, tolerance: -1 },
      { kind: 'decimal', value: 1 },
      { kind: 'fraction', numerator: 1, denominator: 0 },
      { kind: 'choice', choices: ['a'], correctIndex: 0 },
      { kind: 'choice', choices: ['a', 'a'], correctIndex: 0 },
      { kind: 'choice', choices: ['a', 'b'], correctIndex: 2 },
      { kind: 'choice', choices: ['a', 'x'.repeat(41)], correctIndex: 0 },
      { kind: 'text', value: 'x' },
      { kind: 'integer', value: 3, extra: true },
      null,
    ];
    for (const a of bad) {
      rejects(
        edit((d) => (item0(d).answer = a)),
        a && 'extra' in a ? 'content.unknownField' : 'content.badAnswer',
      );
    }
  });

  it('rejects missing prerequisites and cycles, naming the skills', () => {
    rejects(
      edit((d) => (d.skills[0]!.prerequisites = ['nope'])),
      'content.missingPrereq',
      {
        skill: 'sides',
        prerequisite: 'nope',
      },
    );
    rejects(
      edit((d) => (d.skills[0]!.prerequisites = ['angles'])),
      'content.cycle',
      {
        cycle: expect.stringMatching(
          /^shapes:(sides|angles) → shapes:(sides|angles) → shapes:(sides|angles)$/,
        ),
      },
    );
    rejects(
      edit((d) => (d.skills[0]!.prerequisites = ['sides'])),
      'content.cycle',
    );
  });

  it('enforces the count limits', () => {
    const many = (n: number) =>
      Array.from({ length: n }, () => structuredClone(item0(samplePackDoc() as Doc)));
    rejects(
      edit((d) => (d.skills[0]!.items = many(CONTENT_LIMITS.itemsPerSkill + 1))),
      'content.tooMany',
    );
    const skills = Array.from({ length: CONTENT_LIMITS.skills + 1 }, (_, i) => ({
      ...(samplePackDoc() as Doc).skills[0],
      id: `s${i}`,
    }));
    rejects({ ...samplePackDoc(), skills }, 'content.tooMany', { what: 'skills' });
    const big = Array.from({ length: 11 }, (_, i) => ({
      ...(samplePackDoc() as Doc).skills[0],
      id: `s${i}`,
      items: many(200),
    }));
    rejects({ ...samplePackDoc(), skills: big }, 'content.tooMany', { what: 'items' });
  });

  it('every message exists in English and Chinese with the same placeholders', () => {
    expect(Object.keys(contentMessagesZh).sort()).toEqual(Object.keys(contentMessagesEn).sort());
  });
});

describe('sanitiseContentPack', () => {
  it('passes every rich text through the sanitiser, and rejects a text left empty', () => {
    const p = parse(samplePackDoc());
    const seen: string[] = [];
    const out = sanitiseContentPack(p, (h) => {
      seen.push(h);
      return `[${h}]`;
    });
    // 6 prompts (+1 zh), 4 hints, 3 solution steps.
    expect(seen).toHaveLength(14);
    expect(out.skills[0]!.items[0]!.prompt.en).toBe('[How many sides has a <b>triangle</b>?]');
    expect(p.skills[0]!.items[0]!.prompt.en).toBe('How many sides has a <b>triangle</b>?');
    expect(() => sanitiseContentPack(p, () => '<p> </p>')).toThrow(
      expect.objectContaining({ messageKey: 'content.emptyText' }),
    );
  });
});

describe('packGenerators', () => {
  const p = parse(samplePackDoc());
  const gens = new Map(packGenerators(p).map((g) => [g.skillId, g]));

  it('regenerates every item exactly from its id', () => {
    for (const g of gens.values()) {
      for (const d of [1, 2, 3] as const) {
        for (let seed = 0; seed < 50; seed++) {
          const item = generateItem(g, d, seed * 7919);
          const { skillId, difficulty, seed: s } = parseItemId(item.id);
          expect(generateItem(gens.get(skillId)!, difficulty, s)).toEqual(item);
        }
      }
    }
  });

  it('picks an item of the asked difficulty, else the closest, as rich-text messages', () => {
    const g = gens.get('shapes:sides')!;
    const item = generateItem(g, 2, 1);
    expect(item.answer).toEqual({ kind: 'integer', value: 6 });
    expect(item.prompt.key).toBe(RICH_TEXT_KEY);
    expect(richTextOf(item.prompt, 'zh-CN')).toBe('How many sides has a <i>hexagon</i>?');
    expect(item.solution).toEqual([{ key: 'content.noSolution' }]);
    const seen = new Set<number>();
    for (let s = 0; s < 40; s++) seen.add(generateItem(gens.get('shapes:angles')!, 2, s).params.item!);
    expect([...seen]).toEqual([0]);
    const first = generateItem(g, 1, 3);
    expect(richTextOf(first.prompt, 'zh-CN')).toBe('<b>三角形</b>有几条边？');
    expect(first.solution.map((m) => richTextOf(m, 'en'))).toEqual([
      'A triangle has 3 corners',
      'so it has <strong>3</strong> sides.',
    ]);
  });
});
