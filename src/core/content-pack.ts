/**
 * Content packs (issue 5): a teacher's JSON file that adds skills with fixed items to the course.
 * Format: docs/file-format.md, "Content packs". Pure: no DOM. This module holds the types, the
 * limits and what the course needs on every start (generators, catalogue); reading a file is
 * `parseContentPack` in content-pack-schema.ts (valibot), loaded only with the teacher's import.
 * Rich text (prompts, hints, solution steps) is checked there only for type and length; it is
 * sanitised with DOMPurify at the app boundary (app/sanitise.ts) through `sanitiseContentPack`,
 * before it is stored, and again when it is rendered (ui/components/RichText.svelte).
 *
 * Every rejection is a ValidationError with a `content.*` key (content-pack-messages.ts); nothing
 * else escapes `parseContentPack`.
 */
import { ValidationError } from './errors';
import type { Locale } from './i18n';
import type { Difficulty, ItemAnswer, ItemGenerator, Message, Rng, Skill, SkillId } from './types';

export const CONTENT_FORMAT = 'lantern-content';
export const CONTENT_FORMAT_VERSION = 1;

/** Limits, checked before and while reading (content-pack-schema.ts). */
export const CONTENT_LIMITS = {
  /** UTF-16 code units of the whole file. */
  textChars: 2 * 1024 * 1024,
  skills: 50,
  itemsPerSkill: 200,
  items: 2000,
  /** Characters of one rich text, per locale (before sanitising). */
  richChars: 4000,
  /** Code points of a name or title. */
  nameChars: 60,
  solutionSteps: 12,
  prerequisites: 12,
  choices: 8,
  choiceChars: 40,
  band: 12,
} as const;

/** A text in one or both of Lantern's languages; at least one is present. */
export type LocalText = Readonly<Partial<Record<Locale, string>>>;

export interface PackItem {
  readonly difficulty: Difficulty;
  /** Limited rich text (HTML subset, sanitised before storage). */
  readonly prompt: LocalText;
  /**
   * A pack file's items have an `ExpectedAnswer`; a teacher's imported bank (GIFT or a
   * spreadsheet, issue 12) stores `QuestionAnswer`s, with the fields below.
   */
  readonly answer: ItemAnswer;
  readonly hint?: LocalText;
  readonly solution?: readonly LocalText[];
  /** An imported question's stable id from its content (core/gift.ts `questionKey`). */
  readonly key?: string;
  /** An imported question's name (`::name::`), plain text. */
  readonly name?: string;
  /** An imported question's general feedback, shown after any answer. */
  readonly explanation?: LocalText;
}

export interface PackSkill {
  /** Namespaced: `${pack.id}:${localId}`, so it never collides with a bundled skill. */
  readonly id: SkillId;
  readonly name: LocalText;
  readonly strand: string;
  readonly band: number;
  /** Bundled skill ids and namespaced ids of this pack's skills. */
  readonly prerequisites: readonly SkillId[];
  readonly items: readonly PackItem[];
  /** Short lesson cards (rich text), e.g. from a GIFT description. */
  readonly lessons?: readonly LocalText[];
  /**
   * The one language an imported bank is written in: it shows in that language in both
   * interfaces, marked as such. Absent: the pack's texts follow the interface.
   */
  readonly lang?: Locale;
}

export interface ContentPack {
  readonly format: typeof CONTENT_FORMAT;
  readonly formatVersion: typeof CONTENT_FORMAT_VERSION;
  readonly id: string;
  /** The pack's own revision (a positive integer); re-importing replaces an equal or older one. */
  readonly version: number;
  readonly title: LocalText;
  readonly skills: readonly PackSkill[];
}

export interface ParseContentOptions {
  /** The bundled course's skills (prerequisites may name them). */
  readonly bundled: readonly Skill[];
  /** Strands a pack skill may use (the map groups by strand). */
  readonly strands: readonly string[];
}

/** Message key of an item's rich text; params hold the (sanitised) HTML per locale (`en`, `zh`). */
export const RICH_TEXT_KEY = 'content.richText';

const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

function fail(key: string, params: Record<string, string | number> = {}): never {
  throw new ValidationError(key, params);
}

/** The namespaced id of a pack's skill. Bundled ids never contain ':'. */
export function packSkillId(packId: string, localId: string): SkillId {
  return `${packId}:${localId}`;
}

/**
 * Every rich text of the pack passed through `sanitise` (DOMPurify at the app boundary). A text
 * that sanitises to nothing visible (e.g. only a `<script>`) rejects the pack: `content.emptyText`.
 * Returns a new pack; the input is not changed.
 */
export function sanitiseContentPack(pack: ContentPack, sanitise: (html: string) => string): ContentPack {
  const clean = (t: LocalText, where: string): LocalText => {
    const out: Partial<Record<Locale, string>> = {};
    for (const l of LOCALES) {
      const s = t[l];
      if (s === undefined) continue;
      const c = sanitise(s).trim();
      if (c.replace(/<[^>]*>/g, '').trim().length === 0) fail('content.emptyText', { where });
      out[l] = c;
    }
    return out;
  };
  return {
    ...pack,
    skills: pack.skills.map((s, i) => ({
      ...s,
      items: s.items.map((it, j) => {
        const w = `skills[${i}].items[${j}]`;
        return {
          ...it,
          prompt: clean(it.prompt, `${w}.prompt`),
          ...(it.hint ? { hint: clean(it.hint, `${w}.hint`) } : {}),
          ...(it.solution ? { solution: it.solution.map((st, k) => clean(st, `${w}.solution[${k}]`)) } : {}),
        };
      }),
    })),
  };
}

/** The pack's skills as course skills (`nameKey` = `skill.<id>.name`, see packCatalogue). */
export function skillsOfPack(pack: ContentPack): Skill[] {
  return pack.skills.map((s) => ({
    id: s.id,
    nameKey: `skill.${s.id}.name`,
    prerequisites: s.prerequisites,
    strand: s.strand,
    band: s.band,
  }));
}

/** A Message carrying rich text: rendered by RichText.svelte (sanitised again there). */
export function richMessage(t: LocalText): Message {
  return {
    key: RICH_TEXT_KEY,
    params: {
      ...(t.en !== undefined ? { en: t.en } : {}),
      ...(t['zh-CN'] !== undefined ? { zh: t['zh-CN'] } : {}),
    },
  };
}

/** A rich-text Message of HTML in no particular language (a teacher's feedback). */
export function htmlMessage(html: string): Message {
  return { key: RICH_TEXT_KEY, params: { en: html, zh: html } };
}

/** The HTML of a rich-text Message for a locale (falling back to the other language), or null. */
export function richTextOf(m: Message, locale: Locale): string | null {
  if (m.key !== RICH_TEXT_KEY) return null;
  const p = m.params ?? {};
  const v = locale === 'zh-CN' ? (p.zh ?? p.en) : (p.en ?? p.zh);
  return typeof v === 'string' ? v : '';
}

/**
 * One generator per pack skill: picks one of the skill's items for the difficulty (the closest
 * difficulty the skill has, when it has none at that level) from the rng, so an item id
 * `skill~difficulty~seed` regenerates exactly while the pack's version is unchanged.
 */
export function packGenerators(
  pack: ContentPack,
  /** An imported question's level once its answers have calibrated it (core/item-calibration.ts). */
  levelOf: (key: string, placed: Difficulty) => Difficulty = (_k, placed) => placed,
): ItemGenerator[] {
  return pack.skills.map((s) => {
    const levels = s.items.map((it) =>
      it.key !== undefined ? levelOf(it.key, it.difficulty) : it.difficulty,
    );
    return {
      skillId: s.id,
      generate(difficulty: Difficulty, rng: Rng) {
        const gap = Math.min(...levels.map((l) => Math.abs(l - difficulty)));
        const pool = s.items
          .map((it, index) => ({ it, index }))
          .filter(({ index }) => Math.abs(levels[index]! - difficulty) === gap);
        const { it, index } = pool[Math.min(pool.length - 1, Math.floor(rng() * pool.length))]!;
        return {
          params: { item: index },
          prompt: richMessage(it.prompt),
          answer: it.answer,
          hint: it.hint ? richMessage(it.hint) : { key: 'content.noHint' },
          solution: it.solution?.length ? it.solution.map(richMessage) : [{ key: 'content.noSolution' }],
          ...(it.key !== undefined ? { questionKey: it.key } : {}),
          ...(it.explanation ? { explanation: richMessage(it.explanation) } : {}),
          ...(s.lang !== undefined ? { lang: s.lang } : {}),
        };
      },
    };
  });
}

/** Catalogue entries for the packs' skill names (plain text), one language falling back to the other. */
export function packCatalogue(packs: readonly ContentPack[], locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of packs) {
    for (const s of p.skills) {
      const name = locale === 'zh-CN' ? (s.name['zh-CN'] ?? s.name.en) : (s.name.en ?? s.name['zh-CN']);
      out[`skill.${s.id}.name`] = name ?? s.id;
    }
  }
  return out;
}

/** A pack's title in a locale, falling back to the other language. */
export function packTitle(pack: Pick<ContentPack, 'title' | 'id'>, locale: Locale): string {
  const t = pack.title;
  return (locale === 'zh-CN' ? (t['zh-CN'] ?? t.en) : (t.en ?? t['zh-CN'])) ?? pack.id;
}
