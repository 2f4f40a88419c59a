/**
 * Content packs (issue 5): a teacher's JSON file that adds skills with fixed items to the course.
 * Format: docs/file-format.md, "Content packs". Pure: no DOM. Rich text (prompts, hints, solution
 * steps) is checked here only for type and length; it is sanitised with DOMPurify at the app
 * boundary (app/sanitise.ts) through `sanitiseContentPack`, before it is stored, and again when
 * it is rendered (ui/components/RichText.svelte).
 *
 * Every rejection is a ValidationError with a `content.*` key (content-pack-messages.ts); nothing
 * else escapes `parseContentPack`.
 */
import { ValidationError } from './errors';
import { buildGraph } from './graph';
import type { Locale } from './i18n';
import type { Difficulty, ExpectedAnswer, ItemGenerator, Message, Rng, Skill, SkillId } from './types';

export const CONTENT_FORMAT = 'lantern-content';
export const CONTENT_FORMAT_VERSION = 1;

/** Limits, checked before and while reading. */
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
  readonly answer: ExpectedAnswer;
  readonly hint?: LocalText;
  readonly solution?: readonly LocalText[];
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

const PACK_ID = /^[a-z][a-z0-9-]{1,47}$/;
const LOCAL_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
const LOCALES: readonly Locale[] = ['en', 'zh-CN'];

function fail(key: string, params: Record<string, string | number> = {}): never {
  throw new ValidationError(key, params);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Rejects any key outside `allowed` (and so `__proto__`, `constructor`…). */
function onlyKeys(o: Record<string, unknown>, allowed: readonly string[], where: string): void {
  for (const k of Object.keys(o)) {
    if (!allowed.includes(k)) fail('content.unknownField', { where, field: k });
  }
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

function localText(v: unknown, where: string, max: number, plain: boolean): LocalText {
  if (!isObject(v)) fail('content.badText', { where });
  onlyKeys(v, LOCALES, where);
  const out: Partial<Record<Locale, string>> = {};
  for (const l of LOCALES) {
    const s = v[l];
    if (s === undefined) continue;
    if (typeof s !== 'string') fail('content.badText', { where });
    const t = s.trim();
    if (t.length === 0) fail('content.badText', { where });
    if ((plain ? codePoints(t) : t.length) > max) fail('content.textTooLong', { where, max });
    // Names and titles are shown as plain text; control characters have no place in them.
    // eslint-disable-next-line no-control-regex
    if (plain && /[\u0000-\u001f\u007f]/.test(t)) fail('content.badText', { where });
    out[l] = t;
  }
  if (out.en === undefined && out['zh-CN'] === undefined) fail('content.badText', { where });
  return out;
}

function int(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

const BIG = 1e12;

/** An answer's optional `form`: absent, or one of the forms its kind allows. */
function formOf<F extends string>(v: unknown, allowed: readonly F[], bad: () => never): F | undefined {
  if (v === undefined) return undefined;
  return allowed.find((f) => f === v) ?? bad();
}

function answerOf(v: unknown, where: string): ExpectedAnswer {
  if (!isObject(v)) fail('content.badAnswer', { where });
  const bad = (): never => fail('content.badAnswer', { where });
  switch (v.kind) {
    case 'integer': {
      onlyKeys(v, ['kind', 'value', 'form'], where);
      if (!int(v.value, -BIG, BIG)) bad();
      const form = formOf(v.form, ['whole', 'percentage'] as const, bad);
      return { kind: 'integer', value: v.value as number, ...(form && { form }) };
    }
    case 'decimal': {
      onlyKeys(v, ['kind', 'value', 'tolerance', 'form'], where);
      const { value, tolerance } = v;
      if (typeof value !== 'number' || !Number.isFinite(value) || Math.abs(value) > BIG) bad();
      if (typeof tolerance !== 'number' || !Number.isFinite(tolerance) || tolerance < 0 || tolerance > 1) {
        bad();
      }
      const form = formOf(v.form, ['decimal', 'percentage'] as const, bad);
      return {
        kind: 'decimal',
        value: value as number,
        tolerance: tolerance as number,
        ...(form && { form }),
      };
    }
    case 'fraction': {
      onlyKeys(v, ['kind', 'numerator', 'denominator', 'form'], where);
      if (!int(v.numerator, -BIG, BIG) || !int(v.denominator, 1, BIG)) bad();
      const form = formOf(v.form, ['simplest', 'improper'] as const, bad);
      return {
        kind: 'fraction',
        numerator: v.numerator as number,
        denominator: v.denominator as number,
        ...(form && { form }),
      };
    }
    case 'choice': {
      onlyKeys(v, ['kind', 'choices', 'correctIndex'], where);
      const { choices, correctIndex } = v;
      if (!Array.isArray(choices) || choices.length < 2 || choices.length > CONTENT_LIMITS.choices) bad();
      const cs = (choices as unknown[]).map((c) => {
        if (typeof c !== 'string' || c.trim().length === 0 || codePoints(c) > CONTENT_LIMITS.choiceChars) {
          return bad();
        }
        return c.trim();
      });
      if (new Set(cs).size !== cs.length) bad();
      if (!int(correctIndex, 0, cs.length - 1)) bad();
      return { kind: 'choice', choices: cs, correctIndex: correctIndex as number };
    }
    default:
      return bad();
  }
}

function itemOf(v: unknown, where: string): PackItem {
  if (!isObject(v)) fail('content.badItem', { where });
  onlyKeys(v, ['difficulty', 'prompt', 'answer', 'hint', 'solution'], where);
  if (!(v.difficulty === 1 || v.difficulty === 2 || v.difficulty === 3)) {
    fail('content.badDifficulty', { where });
  }
  const rich = CONTENT_LIMITS.richChars;
  const prompt = localText(v.prompt, `${where}.prompt`, rich, false);
  const answer = answerOf(v.answer, `${where}.answer`);
  const hint = v.hint === undefined ? undefined : localText(v.hint, `${where}.hint`, rich, false);
  let solution: LocalText[] | undefined;
  if (v.solution !== undefined) {
    if (!Array.isArray(v.solution) || v.solution.length > CONTENT_LIMITS.solutionSteps) {
      fail('content.badItem', { where: `${where}.solution` });
    }
    solution = (v.solution as unknown[]).map((s, i) => localText(s, `${where}.solution[${i}]`, rich, false));
  }
  return {
    difficulty: v.difficulty,
    prompt,
    answer,
    ...(hint ? { hint } : {}),
    ...(solution ? { solution } : {}),
  };
}

/** The namespaced id of a pack's skill. Bundled ids never contain ':'. */
export function packSkillId(packId: string, localId: string): SkillId {
  return `${packId}:${localId}`;
}

/**
 * Reads and validates a content pack file. Throws ValidationError (`content.*`); never returns
 * part of a pack. Prerequisites are resolved (a pack-local id first, then a bundled id) and the
 * whole course, bundled + pack skills, is checked with buildGraph: missing skills and cycles are
 * rejected.
 */
export function parseContentPack(text: unknown, opts: ParseContentOptions): ContentPack {
  if (typeof text !== 'string') fail('content.notJson');
  if (text.length > CONTENT_LIMITS.textChars) {
    fail('content.tooLarge', { max: Math.round(CONTENT_LIMITS.textChars / 1024) });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    fail('content.notJson');
  }
  if (!isObject(doc) || doc.format !== CONTENT_FORMAT) fail('content.wrongFormat');
  if (typeof doc.formatVersion === 'number' && doc.formatVersion > CONTENT_FORMAT_VERSION) {
    fail('content.newerVersion', { version: String(doc.formatVersion), supported: CONTENT_FORMAT_VERSION });
  }
  if (doc.formatVersion !== CONTENT_FORMAT_VERSION) fail('content.wrongFormat');
  onlyKeys(doc, ['format', 'formatVersion', 'id', 'version', 'title', 'skills'], 'pack');
  if (typeof doc.id !== 'string' || !PACK_ID.test(doc.id)) fail('content.badId', { where: 'pack.id' });
  const packId = doc.id;
  if (!int(doc.version, 1, 1_000_000)) fail('content.badVersion');
  const title = localText(doc.title, 'pack.title', CONTENT_LIMITS.nameChars, true);
  if (!Array.isArray(doc.skills) || doc.skills.length === 0) fail('content.noSkills');
  if (doc.skills.length > CONTENT_LIMITS.skills) {
    fail('content.tooMany', { what: 'skills', max: CONTENT_LIMITS.skills });
  }

  // First pass: local ids, so prerequisites can name skills later in the file.
  const rawSkills = doc.skills as unknown[];
  const localIds = new Set<string>();
  rawSkills.forEach((s, i) => {
    if (isObject(s) && typeof s.id === 'string' && LOCAL_ID.test(s.id)) {
      if (localIds.has(s.id)) fail('content.duplicateSkill', { skill: s.id });
      localIds.add(s.id);
    } else {
      fail('content.badId', { where: `skills[${i}].id` });
    }
  });
  const bundled = new Set(opts.bundled.map((s) => s.id));
  let itemCount = 0;
  const skills: PackSkill[] = rawSkills.map((raw, i) => {
    const s = raw as Record<string, unknown>;
    const where = `skills[${i}]`;
    onlyKeys(s, ['id', 'name', 'strand', 'band', 'prerequisites', 'items'], where);
    const name = localText(s.name, `${where}.name`, CONTENT_LIMITS.nameChars, true);
    if (typeof s.strand !== 'string' || !opts.strands.includes(s.strand)) {
      fail('content.badStrand', { where, strands: opts.strands.join(', ') });
    }
    if (!int(s.band, 1, CONTENT_LIMITS.band)) fail('content.badBand', { where, max: CONTENT_LIMITS.band });
    const pre = s.prerequisites ?? [];
    if (!Array.isArray(pre) || pre.length > CONTENT_LIMITS.prerequisites) {
      fail('content.badPrereq', { where });
    }
    const prerequisites = (pre as unknown[]).map((p) => {
      if (typeof p !== 'string' || p.length === 0 || p.length > 128) fail('content.badPrereq', { where });
      if (localIds.has(p)) return packSkillId(packId, p);
      if (bundled.has(p)) return p;
      return fail('content.missingPrereq', { skill: s.id as string, prerequisite: p });
    });
    if (!Array.isArray(s.items) || s.items.length === 0) fail('content.noItems', { skill: s.id as string });
    if (s.items.length > CONTENT_LIMITS.itemsPerSkill) {
      fail('content.tooMany', { what: `${where}.items`, max: CONTENT_LIMITS.itemsPerSkill });
    }
    itemCount += s.items.length;
    if (itemCount > CONTENT_LIMITS.items) {
      fail('content.tooMany', { what: 'items', max: CONTENT_LIMITS.items });
    }
    const items = (s.items as unknown[]).map((it, j) => itemOf(it, `${where}.items[${j}]`));
    return {
      id: packSkillId(packId, s.id as string),
      name,
      strand: s.strand as string,
      band: s.band as number,
      prerequisites,
      items,
    };
  });
  const pack: ContentPack = {
    format: CONTENT_FORMAT,
    formatVersion: CONTENT_FORMAT_VERSION,
    id: packId,
    version: doc.version,
    title,
    skills,
  };
  checkGraph(pack, opts.bundled);
  return pack;
}

/** buildGraph over bundled + pack skills; its errors become content-pack messages. */
function checkGraph(pack: ContentPack, bundled: readonly Skill[]): void {
  try {
    buildGraph([...bundled, ...skillsOfPack(pack)]);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    if (e.messageKey === 'error.graphCycle') fail('content.cycle', { cycle: String(e.params.cycle ?? '') });
    if (e.messageKey === 'error.graphMissingPrereq') {
      fail('content.missingPrereq', {
        skill: String(e.params.skill ?? ''),
        prerequisite: String(e.params.prerequisite ?? ''),
      });
    }
    fail('content.duplicateSkill', { skill: String(e.params.skill ?? '') });
  }
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
export function packGenerators(pack: ContentPack): ItemGenerator[] {
  return pack.skills.map((s) => ({
    skillId: s.id,
    generate(difficulty: Difficulty, rng: Rng) {
      const gap = Math.min(...s.items.map((it) => Math.abs(it.difficulty - difficulty)));
      const pool = s.items
        .map((it, index) => ({ it, index }))
        .filter(({ it }) => Math.abs(it.difficulty - difficulty) === gap);
      const { it, index } = pool[Math.min(pool.length - 1, Math.floor(rng() * pool.length))]!;
      return {
        params: { item: index },
        prompt: richMessage(it.prompt),
        answer: it.answer,
        hint: it.hint ? richMessage(it.hint) : { key: 'content.noHint' },
        solution: it.solution?.length ? it.solution.map(richMessage) : [{ key: 'content.noSolution' }],
      };
    },
  }));
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
