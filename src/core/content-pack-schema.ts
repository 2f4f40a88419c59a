/**
 * Reading a content pack file (issue 5): the valibot schemas of the format (docs/file-format.md,
 * "Content packs") and `parseContentPack`. Kept apart from content-pack.ts (types, limits and the
 * helpers the course uses on every start) so that valibot loads only with the teacher's import.
 *
 * The first problem found is the one reported, in the order a reader meets it: the header, then
 * each object's keys before its values (the first unknown key in the file's order), then the
 * values in the order of the format; count limits before the items they count. The schemas run
 * with `abortEarly`, each object as "keys first" (see `keysFirst`), and an array's size is checked
 * before its items. The first valibot issue is turned into a ValidationError by `problemOf`: its
 * message is a marker (a `content.*` key, with a `#variant` where one key has several readings)
 * and its path gives `where`.
 */
import * as v from 'valibot';
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
  type ParseContentOptions,
} from './content-pack';
import type { Skill } from './types';

const PACK_ID = /^[a-z][a-z0-9-]{1,47}$/;
const LOCAL_ID = /^[a-z0-9][a-z0-9-]{0,47}$/;
// Names and titles are shown as plain text; control characters have no place in them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const BIG = 1e12;

/** Issue markers: a `content.*` message key, with `#…` telling apart readings of one key. */
const M = {
  notJson: 'content.notJson',
  tooLarge: 'content.tooLarge',
  wrongFormat: 'content.wrongFormat',
  newerVersion: 'content.newerVersion',
  unknownField: 'content.unknownField',
  badId: 'content.badId',
  badVersion: 'content.badVersion',
  badText: 'content.badText',
  nameTooLong: 'content.textTooLong#name',
  richTooLong: 'content.textTooLong#rich',
  noSkills: 'content.noSkills',
  tooManySkills: 'content.tooMany#skills',
  duplicateSkill: 'content.duplicateSkill',
  badStrand: 'content.badStrand',
  badBand: 'content.badBand',
  badPrereq: 'content.badPrereq',
  missingPrereq: 'content.missingPrereq',
  noItems: 'content.noItems',
  tooManySkillItems: 'content.tooMany#skillItems',
  tooManyItems: 'content.tooMany#items',
  badItem: 'content.badItem',
  badDifficulty: 'content.badDifficulty',
  badAnswer: 'content.badAnswer',
} as const;

function isObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === 'object' && !Array.isArray(x);
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n += 1;
  return n;
}

const OPTIONAL_TYPES: ReadonlySet<string> = new Set(['optional', 'nullish', 'exact_optional']);

/**
 * A strict object whose keys are checked before any of its values: the first key outside
 * `entries`, in the file's order (`content.unknownField`), then each entry in order. A missing
 * required key reads as `undefined`, so its own schema reports it (a missing prompt is a
 * `badText`, not a missing key). Literal entries stay in the key step, so the result can be an
 * option of `v.variant` (the answer kinds). The input must already be an object (not an array).
 */
function keysFirst<const E extends v.ObjectEntries>(entries: E) {
  const keys: Record<string, v.GenericSchema> = {};
  const missing: Record<string, undefined> = {};
  for (const [k, s] of Object.entries(entries)) {
    keys[k] = s.type === 'literal' ? s : v.optional(v.unknown());
    if (!OPTIONAL_TYPES.has(s.type)) missing[k] = undefined;
  }
  // The two assertions name, for the type checker, what the loop above built from `entries`;
  // the data itself is only ever checked.
  const keyStep = v.strictObject(keys as KeyStep<E>, M.unknownField);
  type Read = v.InferInput<v.StrictObjectSchema<E, undefined>>;
  const fill = v.transform<v.InferOutput<typeof keyStep>, Read>((o) => ({ ...missing, ...o }) as Read);
  return v.pipe(keyStep, fill, v.strictObject(entries));
}

/** The key step of `keysFirst`: literals as they are, any other entry accepted as it is. */
type KeyStep<E extends v.ObjectEntries> = {
  [K in keyof E]: E[K] extends v.LiteralSchema<v.Literal, infer _>
    ? E[K]
    : v.OptionalSchema<v.UnknownSchema, undefined>;
};

/** A JSON object (not an array, `notObject` otherwise) read with `keysFirst`. */
function objectOf<const E extends v.ObjectEntries>(entries: E, notObject: string) {
  return v.pipe(v.custom<Record<string, unknown>>(isObject, notObject), keysFirst(entries));
}

/** An integer in [min, max]. */
function int(min: number, max: number, message: string) {
  return v.pipe(v.number(message), v.integer(message), v.minValue(min, message), v.maxValue(max, message));
}

/**
 * An array whose size is checked (`limits`) before its items are read with `item`: a 13-step
 * solution is `badItem` whatever its steps hold.
 */
function sizedArray<const I extends v.GenericSchema>(
  notArray: string,
  limits: readonly v.GenericValidation<unknown[]>[],
  item: I,
) {
  return v.pipe(v.pipe(v.array(v.unknown(), notArray), ...limits), v.array(item));
}

/** One language of a text: trimmed, non-empty, at most `max` long (code points when `plain`). */
function textOf(max: number, plain: boolean) {
  return plain
    ? v.pipe(
        v.string(M.badText),
        v.trim(),
        v.minLength(1, M.badText),
        v.check((s) => codePoints(s) <= max, M.nameTooLong),
        v.check((s) => !CONTROL.test(s), M.badText),
      )
    : v.pipe(v.string(M.badText), v.trim(), v.minLength(1, M.badText), v.maxLength(max, M.richTooLong));
}

/** A LocalText: `en` and/or `zh-CN`, at least one. */
function localText(max: number, plain: boolean) {
  const text = textOf(max, plain);
  return v.pipe(
    objectOf({ en: v.optional(text), 'zh-CN': v.optional(text) }, M.badText),
    v.check((t) => t.en !== undefined || t['zh-CN'] !== undefined, M.badText),
  );
}

const nameText = localText(CONTENT_LIMITS.nameChars, true);
const richText = localText(CONTENT_LIMITS.richChars, false);

const choiceText = v.pipe(
  v.string(M.badAnswer),
  v.check((c) => codePoints(c) <= CONTENT_LIMITS.choiceChars, M.badAnswer),
  v.trim(),
  v.minLength(1, M.badAnswer),
);

/** An answer: one of the kinds by `kind`, each with its own keys (docs/file-format.md). */
const answerSchema = v.variant(
  'kind',
  [
    keysFirst({
      kind: v.literal('integer'),
      value: int(-BIG, BIG, M.badAnswer),
      form: v.optional(v.picklist(['whole', 'percentage'], M.badAnswer)),
    }),
    keysFirst({
      kind: v.literal('decimal'),
      value: v.pipe(
        v.number(M.badAnswer),
        v.finite(M.badAnswer),
        v.minValue(-BIG, M.badAnswer),
        v.maxValue(BIG, M.badAnswer),
      ),
      tolerance: v.pipe(
        v.number(M.badAnswer),
        v.finite(M.badAnswer),
        v.minValue(0, M.badAnswer),
        v.maxValue(1, M.badAnswer),
      ),
      form: v.optional(v.picklist(['decimal', 'percentage'], M.badAnswer)),
    }),
    keysFirst({
      kind: v.literal('fraction'),
      numerator: int(-BIG, BIG, M.badAnswer),
      denominator: int(1, BIG, M.badAnswer),
      form: v.optional(v.picklist(['simplest', 'improper'], M.badAnswer)),
    }),
    v.pipe(
      keysFirst({
        kind: v.literal('choice'),
        choices: v.pipe(
          sizedArray(
            M.badAnswer,
            [v.minLength(2, M.badAnswer), v.maxLength(CONTENT_LIMITS.choices, M.badAnswer)],
            choiceText,
          ),
          v.check((cs) => new Set(cs).size === cs.length, M.badAnswer),
        ),
        correctIndex: int(0, CONTENT_LIMITS.choices - 1, M.badAnswer),
      }),
      v.check((a) => a.correctIndex < a.choices.length, M.badAnswer),
    ),
  ],
  M.badAnswer,
);

const itemSchema = objectOf(
  {
    difficulty: v.picklist([1, 2, 3], M.badDifficulty),
    prompt: richText,
    answer: answerSchema,
    hint: v.optional(richText),
    solution: v.optional(
      sizedArray(M.badItem, [v.maxLength(CONTENT_LIMITS.solutionSteps, M.badItem)], richText),
    ),
  },
  M.badItem,
);

/**
 * One skill of the pack. `local` holds the pack's skill ids (a prerequisite names one of them or
 * a bundled skill); `itemsLeft` is what the total item limit leaves after the skills before it.
 * Ids are namespaced later, once the pack's id is known.
 */
function skillSchema(
  local: ReadonlySet<string>,
  bundled: ReadonlySet<string>,
  strands: readonly string[],
  itemsLeft: number,
) {
  return keysFirst({
    id: v.string(M.badId),
    name: nameText,
    strand: v.picklist(strands, M.badStrand),
    band: int(1, CONTENT_LIMITS.band, M.badBand),
    prerequisites: v.nullish(
      sizedArray(
        M.badPrereq,
        [v.maxLength(CONTENT_LIMITS.prerequisites, M.badPrereq)],
        v.pipe(
          v.string(M.badPrereq),
          v.minLength(1, M.badPrereq),
          v.maxLength(128, M.badPrereq),
          v.check((p) => local.has(p) || bundled.has(p), M.missingPrereq),
        ),
      ),
      [],
    ),
    items: sizedArray(
      M.noItems,
      [
        v.minLength(1, M.noItems),
        v.maxLength(CONTENT_LIMITS.itemsPerSkill, M.tooManySkillItems),
        v.maxLength(itemsLeft, M.tooManyItems),
      ],
      itemSchema,
    ),
  });
}

/** A skill with a valid local id (the first pass over the skills). */
function hasLocalId(s: unknown): s is Record<string, unknown> & { id: string } {
  return isObject(s) && typeof s.id === 'string' && LOCAL_ID.test(s.id);
}

/** The whole file, from its text. */
function packSchema(opts: ParseContentOptions) {
  const bundled = new Set(opts.bundled.map((s) => s.id));
  const skills = v.pipe(
    v.array(v.unknown(), M.noSkills),
    v.minLength(1, M.noSkills),
    v.maxLength(CONTENT_LIMITS.skills, M.tooManySkills),
    // First pass, so prerequisites can name skills later in the file: every local id is valid
    // and unique (the first skill that is not reports `badId` or `duplicateSkill`).
    v.checkItems(
      (s, i, all) => hasLocalId(s) && all.findIndex((t) => hasLocalId(t) && t.id === s.id) === i,
      (issue) => (hasLocalId(issue.input) ? M.duplicateSkill : M.badId),
    ),
    v.lazy((input) => {
      const raw = Array.isArray(input) ? input.filter(hasLocalId) : [];
      const local = new Set(raw.map((s) => s.id));
      let before = 0;
      return v.tuple(
        raw.map((s) => {
          const left = CONTENT_LIMITS.items - before;
          before += Array.isArray(s.items) ? s.items.length : 0;
          return skillSchema(local, bundled, opts.strands, left);
        }),
      );
    }),
  );
  return v.pipe(
    v.string(M.notJson),
    v.maxLength(CONTENT_LIMITS.textChars, M.tooLarge),
    v.parseJson(undefined, M.notJson),
    v.custom<Record<string, unknown>>(isObject, M.wrongFormat),
    v.check((d) => d.format === CONTENT_FORMAT, M.wrongFormat),
    v.check(
      (d) => !(typeof d.formatVersion === 'number' && d.formatVersion > CONTENT_FORMAT_VERSION),
      M.newerVersion,
    ),
    v.check((d) => d.formatVersion === CONTENT_FORMAT_VERSION, M.wrongFormat),
    keysFirst({
      format: v.literal(CONTENT_FORMAT),
      formatVersion: v.literal(CONTENT_FORMAT_VERSION),
      id: v.pipe(v.string(M.badId), v.regex(PACK_ID, M.badId)),
      version: int(1, 1_000_000, M.badVersion),
      title: nameText,
      skills,
    }),
  );
}

type Issue = v.InferIssue<ReturnType<typeof packSchema>>;
type Params = Record<string, string | number>;

/** `where` of a path: `pack`, `pack.title`, `skills[0].items[2].answer`… */
function whereOf(keys: readonly (string | number)[]): string {
  if (keys.length === 0) return 'pack';
  const s = keys.map((k, i) => (typeof k === 'number' ? `[${k}]` : i === 0 ? k : `.${k}`)).join('');
  return keys[0] === 'skills' ? s : `pack.${s}`;
}

/** The keys of the path up to (`keep`) or before the last `key`; the whole path without it. */
function upTo(keys: readonly (string | number)[], key: string, keep: boolean): (string | number)[] {
  const i = keys.lastIndexOf(key);
  return i < 0 ? [...keys] : keys.slice(0, keep ? i + 1 : i);
}

/** The ValidationError of the first issue (see the module comment). */
function problemOf(issue: Issue, opts: ParseContentOptions): ValidationError {
  const path = issue.path ?? [];
  const keys = path.map((p) => (typeof p.key === 'number' ? p.key : String(p.key)));
  // The skill (raw, id already checked) the issue is in, for messages that name it.
  const skill = (): string => {
    const p = path[1];
    return p && isObject(p.value) && typeof p.value.id === 'string' ? p.value.id : '';
  };
  const last = keys[keys.length - 1];
  const text = (): string => whereOf(last === 'en' || last === 'zh-CN' ? keys.slice(0, -1) : keys);
  const marker = issue.message;
  const params = (): Params => {
    switch (marker) {
      case M.tooLarge:
        return { max: Math.round(CONTENT_LIMITS.textChars / 1024) };
      case M.newerVersion:
        return {
          version: String(isObject(issue.input) ? issue.input.formatVersion : ''),
          supported: CONTENT_FORMAT_VERSION,
        };
      case M.unknownField:
        return { where: whereOf(keys.slice(0, -1)), field: String(last) };
      case M.badId:
        return { where: `${whereOf(upTo(keys, 'id', false))}.id` };
      case M.badText:
        return { where: text() };
      case M.nameTooLong:
        return { where: text(), max: CONTENT_LIMITS.nameChars };
      case M.richTooLong:
        return { where: text(), max: CONTENT_LIMITS.richChars };
      case M.tooManySkills:
        return { what: 'skills', max: CONTENT_LIMITS.skills };
      case M.duplicateSkill:
        return { skill: hasLocalId(issue.input) ? issue.input.id : '' };
      case M.badStrand:
        return { where: whereOf(upTo(keys, 'strand', false)), strands: opts.strands.join(', ') };
      case M.badBand:
        return { where: whereOf(upTo(keys, 'band', false)), max: CONTENT_LIMITS.band };
      case M.badPrereq:
        return { where: whereOf(upTo(keys, 'prerequisites', false)) };
      case M.missingPrereq:
        return { skill: skill(), prerequisite: String(issue.input) };
      case M.noItems:
        return { skill: skill() };
      case M.tooManySkillItems:
        return { what: whereOf(keys), max: CONTENT_LIMITS.itemsPerSkill };
      case M.tooManyItems:
        return { what: 'items', max: CONTENT_LIMITS.items };
      case M.badItem:
        return { where: whereOf(keys) };
      case M.badDifficulty:
        return { where: whereOf(upTo(keys, 'difficulty', false)) };
      case M.badAnswer:
        return { where: whereOf(upTo(keys, 'answer', true)) };
      default:
        return {};
    }
  };
  return new ValidationError(marker.split('#')[0]!, params());
}

type ReadPack = v.InferOutput<ReturnType<typeof packSchema>>;
type ReadSkill = ReadPack['skills'][number];

/** Namespaces the pack's skill ids (`${pack.id}:${localId}`), in ids and prerequisites. */
function namespaced(doc: ReadPack): ContentPack {
  const local = new Set(doc.skills.map((s) => s.id));
  const skill = (s: ReadSkill): PackSkill => ({
    id: packSkillId(doc.id, s.id),
    name: s.name satisfies LocalText,
    strand: s.strand,
    band: s.band,
    prerequisites: s.prerequisites.map((p) => (local.has(p) ? packSkillId(doc.id, p) : p)),
    items: s.items satisfies readonly PackItem[],
  });
  return {
    format: doc.format,
    formatVersion: doc.formatVersion,
    id: doc.id,
    version: doc.version,
    title: doc.title,
    skills: doc.skills.map(skill),
  };
}

/**
 * Reads and validates a content pack file. Throws ValidationError (`content.*`); never returns
 * part of a pack. Prerequisites are resolved (a pack-local id first, then a bundled id) and the
 * whole course, bundled + pack skills, is checked with buildGraph: missing skills and cycles are
 * rejected.
 */
export function parseContentPack(text: unknown, opts: ParseContentOptions): ContentPack {
  const r = v.safeParse(packSchema(opts), text, { abortEarly: true });
  if (!r.success) throw problemOf(r.issues[0], opts);
  const pack = namespaced(r.output);
  checkGraph(pack, opts.bundled);
  return pack;
}

/** buildGraph over bundled + pack skills; its errors become content-pack messages. */
function checkGraph(pack: ContentPack, bundled: readonly Skill[]): void {
  try {
    buildGraph([...bundled, ...skillsOfPack(pack)]);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    if (e.messageKey === 'error.graphCycle') {
      throw new ValidationError('content.cycle', { cycle: String(e.params.cycle ?? '') });
    }
    if (e.messageKey === 'error.graphMissingPrereq') {
      throw new ValidationError('content.missingPrereq', {
        skill: String(e.params.skill ?? ''),
        prerequisite: String(e.params.prerequisite ?? ''),
      });
    }
    throw new ValidationError('content.duplicateSkill', { skill: String(e.params.skill ?? '') });
  }
}
