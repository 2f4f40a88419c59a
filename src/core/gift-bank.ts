/**
 * A teacher's imported bank (GIFT or a spreadsheet, issue 12) as a content pack: the plan the dry
 * run showed, placed in the skill graph by the teacher, becomes one pack stored all or nothing
 * (storage/content-packs.ts), practised through the same generators as any pack. Pure.
 */
import { ValidationError } from './errors';
import { buildGraph } from './graph';
import {
  CONTENT_FORMAT,
  CONTENT_FORMAT_VERSION,
  CONTENT_LIMITS,
  packSkillId,
  skillsOfPack,
  type ContentPack,
  type LocalText,
  type PackItem,
  type PackSkill,
} from './content-pack';
import type { GiftPlan } from './gift';
import type { Locale } from './i18n';
import type { Difficulty, Skill, SkillId } from './types';

/** Where the teacher put one of the plan's skills. */
export interface SkillPlacement {
  /** Bundled skill ids, or namespaced ids of this bank's other skills (`bankSkillId`). */
  readonly prerequisites: readonly SkillId[];
}

export interface BankOptions {
  /** The bank's name as the teacher gave it (plain text); its id is derived from it. */
  readonly title: string;
  /** The one language the bank is written in. */
  readonly lang: Locale;
  /** The revision stored (the device's revision + 1 on a re-import, 1 for a new bank). */
  readonly version: number;
  /** By the plan's local skill id; a skill not named here has no prerequisites. */
  readonly placement: Readonly<Record<string, SkillPlacement>>;
  /** The bundled course's skills (prerequisites may name them). */
  readonly bundled: readonly Skill[];
  /** Levels the teacher set, by question key; the others start from their kind. */
  readonly levels?: Readonly<Record<string, Difficulty>>;
}

/** cyrb53-style 32-bit hash as 8 hex digits: ids for names with no Latin letters. */
function hash32(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

/**
 * The pack id of a bank named `title`: `bank-` and its Latin letters and digits, or a hash of the
 * name when it has none ("分数练习"). The same name gives the same id, so re-importing a bank
 * under its name replaces it and keeps its learners' history.
 */
export function bankId(title: string): string {
  const slug = title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 36)
    .replace(/-+$/, '');
  return `bank-${slug || hash32(title.trim())}`;
}

/** The namespaced id a plan's skill gets in the bank `title`. */
export function bankSkillId(title: string, localId: string): SkillId {
  return packSkillId(bankId(title), localId);
}

/**
 * A language guess for a bank: Chinese when most of its letters are CJK ideographs. The teacher
 * sees it in the preview and may change it.
 */
export function guessBankLanguage(plan: GiftPlan): Locale {
  let cjk = 0;
  let latin = 0;
  for (const q of plan.questions.slice(0, 200)) {
    const text = q.prompt.replace(/<[^>]*>/g, '');
    for (const ch of text) {
      if (/\p{Script=Han}/u.test(ch)) cjk += 1;
      else if (/[A-Za-z]/.test(ch)) latin += 1;
    }
  }
  // A Chinese sentence carries about one ideograph per word; English about five letters.
  return cjk * 3 > latin ? 'zh-CN' : 'en';
}

/**
 * The pack the plan becomes. Throws ValidationError when the placement does not make a valid
 * graph (`content.missingPrereq`, a cycle: `graph.*`), or when the plan holds no question.
 */
export function bankFromPlan(plan: GiftPlan, opts: BankOptions): ContentPack {
  const title = opts.title.trim();
  if (title === '') throw new ValidationError('bank.noTitle');
  if ([...title].length > CONTENT_LIMITS.nameChars) {
    throw new ValidationError('bank.titleTooLong', { max: CONTENT_LIMITS.nameChars });
  }
  if (plan.questions.length === 0) throw new ValidationError('bank.noQuestions');
  const id = bankId(title);
  const lang = opts.lang;
  const text = (html: string): LocalText => ({ [lang]: html });
  const ids = new Map(plan.skills.map((s) => [s.id, packSkillId(id, s.id)]));
  const bundledIds = new Set(opts.bundled.map((s) => s.id));
  const skills: PackSkill[] = [];
  for (const s of plan.skills) {
    const items: PackItem[] = plan.questions
      .filter((q) => q.skill === s.id)
      .map((q) => ({
        difficulty: opts.levels?.[q.key] ?? q.level,
        prompt: text(q.prompt),
        answer: q.answer,
        key: q.key,
        ...(q.name !== undefined ? { name: q.name } : {}),
        ...(q.explanation !== undefined ? { explanation: text(q.explanation) } : {}),
      }));
    // A category with only lesson cards has nothing to practise: it is not a skill of the course.
    if (items.length === 0) continue;
    const prerequisites = (opts.placement[s.id]?.prerequisites ?? []).filter(
      (p) => bundledIds.has(p) || [...ids.values()].includes(p),
    );
    const lessons = plan.lessons.filter((l) => l.skill === s.id).map((l) => text(l.html));
    skills.push({
      id: ids.get(s.id)!,
      name: { [lang]: s.name },
      strand: id,
      band: 1,
      prerequisites,
      items,
      ...(lessons.length > 0 ? { lessons } : {}),
      lang,
    });
  }
  // Prerequisites on lesson-only categories are dropped with them.
  const kept = new Set(skills.map((s) => s.id));
  const placed = skills.map((s) => ({
    ...s,
    prerequisites: s.prerequisites.filter((p) => bundledIds.has(p) || kept.has(p)),
  }));
  const pack: ContentPack = {
    format: CONTENT_FORMAT,
    formatVersion: CONTENT_FORMAT_VERSION,
    id,
    version: opts.version,
    title: { [lang]: title },
    skills: withBands(placed, opts.bundled),
  };
  // The same check as a pack file: the bank's skills and the course make one acyclic graph.
  buildGraph([...opts.bundled, ...skillsOfPack(pack)]);
  return pack;
}

/** Each skill's band: one more than its highest prerequisite's (for the map's layout). */
function withBands(skills: readonly PackSkill[], bundled: readonly Skill[]): PackSkill[] {
  const band = new Map<SkillId, number>(bundled.map((s) => [s.id, s.band]));
  const out = new Map<SkillId, PackSkill>();
  const visit = (s: PackSkill, depth: number): number => {
    const known = band.get(s.id);
    if (known !== undefined) return known;
    if (depth > skills.length) return 1; // a cycle: buildGraph reports it
    const b =
      1 +
      Math.max(
        0,
        ...s.prerequisites.map((p) => {
          const dep = skills.find((x) => x.id === p);
          return dep ? visit(dep, depth + 1) : (band.get(p) ?? 0);
        }),
      );
    band.set(s.id, b);
    return b;
  };
  for (const s of skills) out.set(s.id, { ...s, band: visit(s, 0) });
  return [...out.values()];
}
