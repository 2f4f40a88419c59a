/**
 * xAPI 1.0.3 statements for Lantern's learning events (issue 14): an answered item, a skill
 * mastered, a practice session completed, the placement check done, and the voiding of a
 * statement already sent. Pure: the caller passes the attempt, the names and the clock.
 *
 * - Activity ids are IRIs under a configurable base (`XapiProfile.base`): the course, each
 *   skill, each item (`skill~level~seed`, so any item can be regenerated from its id), the
 *   placement check; extensions too. Names are given in English and Chinese (en, zh-CN).
 * - The actor is an `account` whose name is the learner's id: a random UUID made on the device,
 *   opaque and stable (backups and class files keep it). The nickname is added as the agent's
 *   `name` only when the school turns that on (`XapiProfile.nicknames`).
 * - A statement's id is a name-based UUID (v5) of the attempt's own id and the kind, so the same
 *   attempt always gives the same statement, on every device: a retry is never a duplicate, and
 *   a statement arriving both by class file and from the LRS is one record.
 */
import type { Attempt, LearnerId } from './types';
import { XAPI_VERSION, statementId, VOIDED, type XapiAgent } from './xapi-void';

export { XAPI_VERSION, statementId, voidingStatement, type StatementKind, type XapiAgent } from './xapi-void';

/** A language map: en and zh-CN for everything Lantern names. */
export type LangMap = Readonly<Record<string, string>>;

/** What a school chooses about its statements. */
export interface XapiProfile {
  /** Absolute http(s) IRI, no trailing slash, e.g. `https://school.example/lantern`. */
  readonly base: string;
  /** Put each learner's nickname in the statements (off unless the school turns it on). */
  readonly nicknames: boolean;
}

export const VERBS = {
  answered: {
    id: 'http://adlnet.gov/expapi/verbs/answered',
    display: { en: 'answered', 'zh-CN': '回答了' },
  },
  mastered: {
    id: 'http://adlnet.gov/expapi/verbs/mastered',
    display: { en: 'mastered', 'zh-CN': '掌握了' },
  },
  completed: {
    id: 'http://adlnet.gov/expapi/verbs/completed',
    display: { en: 'completed', 'zh-CN': '完成了' },
  },
  voided: VOIDED,
} as const;

const TYPES = {
  course: 'http://adlnet.gov/expapi/activities/course',
  objective: 'http://adlnet.gov/expapi/activities/objective',
  interaction: 'http://adlnet.gov/expapi/activities/cmi.interaction',
  assessment: 'http://adlnet.gov/expapi/activities/assessment',
  session: 'http://adlnet.gov/expapi/activities/attempt',
} as const;

export interface XapiActivity {
  readonly objectType: 'Activity';
  readonly id: string;
  readonly definition: {
    readonly type: string;
    readonly name: LangMap;
    readonly description?: LangMap;
    readonly interactionType?: 'fill-in';
  };
}

export interface XapiResult {
  readonly success?: boolean;
  readonly completion?: boolean;
  readonly response?: string;
  readonly duration?: string;
  readonly score?: {
    readonly raw: number;
    readonly min: number;
    readonly max: number;
    readonly scaled: number;
  };
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface XapiContext {
  readonly platform: string;
  readonly contextActivities?: {
    readonly parent?: readonly XapiActivity[];
    readonly grouping?: readonly XapiActivity[];
  };
  readonly extensions?: Readonly<Record<string, unknown>>;
}

export interface XapiStatement {
  readonly id: string;
  readonly actor: XapiAgent;
  readonly verb: { readonly id: string; readonly display: LangMap };
  readonly object: XapiActivity | { readonly objectType: 'StatementRef'; readonly id: string };
  readonly result?: XapiResult;
  readonly context?: XapiContext;
  readonly timestamp: string;
  readonly version: string;
}

/** The learner as the statements name them. */
export interface XapiLearner {
  readonly id: LearnerId;
  readonly nickname: string;
}

/** The course the statements are grouped under. */
export interface XapiCourse {
  readonly id: string;
  readonly name: LangMap;
}

export const DEFAULT_COURSE: XapiCourse = {
  id: 'maths',
  name: { en: 'Lantern maths', 'zh-CN': '灯笼数学' },
};

const PLATFORM = 'Lantern';

/** An IRI under the base; each segment percent-encoded (skill ids of content packs hold ':'). */
export function iri(profile: XapiProfile, ...segments: readonly string[]): string {
  return [profile.base, ...segments.map((s) => encodeURIComponent(s))].join('/');
}

function ext(profile: XapiProfile, name: string): string {
  return iri(profile, 'extensions', name);
}

export function actorOf(profile: XapiProfile, learner: XapiLearner): XapiAgent {
  return {
    objectType: 'Agent',
    ...(profile.nicknames && learner.nickname.trim() ? { name: learner.nickname } : {}),
    account: { homePage: profile.base, name: learner.id },
  };
}

export function courseActivity(profile: XapiProfile, course: XapiCourse = DEFAULT_COURSE): XapiActivity {
  return {
    objectType: 'Activity',
    id: iri(profile, 'course', course.id),
    definition: { type: TYPES.course, name: course.name },
  };
}

export function skillActivity(profile: XapiProfile, skillId: string, name: LangMap): XapiActivity {
  return {
    objectType: 'Activity',
    id: iri(profile, 'skill', skillId),
    definition: { type: TYPES.objective, name: withFallback(name, skillId) },
  };
}

function withFallback(name: LangMap, fallback: string): LangMap {
  const en = name.en ?? fallback;
  return { en, 'zh-CN': name['zh-CN'] ?? en };
}

function itemActivity(profile: XapiProfile, attempt: Attempt, skillName: LangMap): XapiActivity {
  const n = withFallback(skillName, attempt.skillId);
  return {
    objectType: 'Activity',
    id: iri(profile, 'item', attempt.itemId),
    definition: {
      type: TYPES.interaction,
      interactionType: 'fill-in',
      name: {
        en: `${n.en} — level ${attempt.difficulty}, item ${attempt.seed}`,
        'zh-CN': `${n['zh-CN']}——第${attempt.difficulty}级，第${attempt.seed}题`,
      },
    },
  };
}

/** ISO 8601 duration of `ms` milliseconds, to the hundredth of a second (xAPI's precision). */
export function isoDuration(ms: number): string {
  const cs = Math.max(0, Math.round(ms / 10));
  const h = Math.floor(cs / 360_000);
  const m = Math.floor((cs % 360_000) / 6000);
  const s = (cs % 6000) / 100;
  const sec = Number.isInteger(s) ? String(s) : s.toFixed(2).replace(/0$/, '');
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${sec}S`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

export interface AnsweredInput {
  readonly learner: XapiLearner;
  readonly attempt: Attempt;
  readonly skillName: LangMap;
  readonly course?: XapiCourse;
}

/** Partial credit as the attempt holds it: strictly between 0 and 1, else none (issue 12). */
function partialCredit(x: unknown): number | undefined {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && x < 1 ? x : undefined;
}

/** An imported question's key as the attempt holds it (1 to 64 characters), else none. */
function questionKeyOf(x: unknown): string | undefined {
  return typeof x === 'string' && x.length >= 1 && x.length <= 64 ? x : undefined;
}

/**
 * One answered item: success, the response as typed, the time taken (ISO 8601), hints and
 * whether the worked solution was shown, and, as a context extension, the chance of a right
 * answer the model gave before the answer (and which model gave it).
 *
 * An imported question (issue 12) answered with partial credit adds `result.score` (the credit
 * as `scaled`, and as `raw` on a 0..1 scale); `success` stays false, as `correct` means full
 * credit only. Its stable question key is a context extension: the activity id stays the item's
 * id, as for every item, so statements already sent keep their meaning.
 */
export function answeredStatement(profile: XapiProfile, input: AnsweredInput): XapiStatement {
  const { attempt: a, learner } = input;
  const predicted = a.predicted !== undefined && Number.isFinite(a.predicted) ? a.predicted : undefined;
  const score = partialCredit(a.score);
  const questionKey = questionKeyOf(a.questionKey);
  return {
    id: statementId('answered', a.id),
    actor: actorOf(profile, learner),
    verb: VERBS.answered,
    object: itemActivity(profile, a, input.skillName),
    result: {
      success: a.correct,
      ...(score !== undefined ? { score: { raw: score, min: 0, max: 1, scaled: score } } : {}),
      completion: true,
      ...(a.answer !== '' ? { response: a.answer } : {}),
      duration: isoDuration(a.responseMs),
      extensions: {
        [ext(profile, 'hints-used')]: a.hintsUsed,
        [ext(profile, 'solution-shown')]: a.solutionShown,
      },
    },
    context: {
      platform: PLATFORM,
      contextActivities: {
        parent: [skillActivity(profile, a.skillId, input.skillName)],
        grouping: [courseActivity(profile, input.course)],
      },
      extensions: {
        // The attempt's own id: a teacher's device that pulls the class rebuilds the very attempt
        // (class files and the LRS then merge by id: one record).
        [ext(profile, 'attempt-id')]: a.id,
        [ext(profile, 'difficulty')]: a.difficulty,
        [ext(profile, 'app-version')]: a.appVersion,
        ...(predicted !== undefined ? { [ext(profile, 'predicted-correct')]: predicted } : {}),
        ...(a.predictedBy ? { [ext(profile, 'predicted-by')]: a.predictedBy } : {}),
        ...(questionKey !== undefined ? { [ext(profile, 'question-key')]: questionKey } : {}),
      },
    },
    timestamp: isoTime(a.timestamp),
    version: XAPI_VERSION,
  };
}

export interface MasteredInput {
  readonly learner: XapiLearner;
  /** The answer that earned the mastered flag. */
  readonly attempt: Attempt;
  readonly skillName: LangMap;
  /** The model's mastery estimate after the answer (P(correct) at the hardest level). */
  readonly mastery?: number;
  readonly course?: XapiCourse;
}

/** The skill's mastered flag set by an answer (its id derives from that attempt's id). */
export function masteredStatement(profile: XapiProfile, input: MasteredInput): XapiStatement {
  const { attempt: a, learner } = input;
  const mastery = input.mastery !== undefined && Number.isFinite(input.mastery) ? input.mastery : undefined;
  return {
    id: statementId('mastered', a.id),
    actor: actorOf(profile, learner),
    verb: VERBS.mastered,
    object: skillActivity(profile, a.skillId, input.skillName),
    result: {
      success: true,
      completion: true,
      ...(mastery !== undefined ? { extensions: { [ext(profile, 'mastery')]: mastery } } : {}),
    },
    context: {
      platform: PLATFORM,
      contextActivities: { grouping: [courseActivity(profile, input.course)] },
    },
    timestamp: isoTime(a.timestamp),
    version: XAPI_VERSION,
  };
}

export interface SessionInput {
  readonly learner: XapiLearner;
  /** The session's attempts, oldest first (at least one: an empty session sends nothing). */
  readonly attempts: readonly Attempt[];
  /** Epoch ms the session began (its first item shown) and ended. */
  readonly startedAt: number;
  readonly endedAt: number;
  readonly course?: XapiCourse;
}

/**
 * A practice session completed: how many items, how many right, how long. Its id derives from
 * the session's last attempt, so ending the same session twice gives one statement.
 * @throws RangeError for a session without attempts
 */
export function sessionStatement(profile: XapiProfile, input: SessionInput): XapiStatement {
  const last = input.attempts[input.attempts.length - 1];
  if (!last) throw new RangeError('a session without attempts has no statement');
  const n = input.attempts.length;
  const right = input.attempts.filter((a) => a.correct).length;
  const course = input.course ?? DEFAULT_COURSE;
  return {
    id: statementId('session', last.id),
    actor: actorOf(profile, input.learner),
    verb: VERBS.completed,
    object: {
      objectType: 'Activity',
      id: iri(profile, 'course', course.id, 'session'),
      definition: {
        type: TYPES.session,
        name: {
          en: `${course.name.en ?? course.id}: practice session`,
          'zh-CN': `${course.name['zh-CN'] ?? course.id}：练习`,
        },
      },
    },
    result: {
      completion: true,
      duration: isoDuration(Math.max(0, input.endedAt - input.startedAt)),
      score: { raw: right, min: 0, max: n, scaled: right / n },
      extensions: { [ext(profile, 'items-answered')]: n },
    },
    context: {
      platform: PLATFORM,
      contextActivities: { grouping: [courseActivity(profile, course)] },
    },
    timestamp: isoTime(input.endedAt),
    version: XAPI_VERSION,
  };
}

export interface PlacementInput {
  readonly learner: XapiLearner;
  /** The answer that ended the placement check. */
  readonly attempt: Attempt;
  /** Items the check asked, and how many were right. */
  readonly answered: number;
  readonly correct: number;
  readonly course?: XapiCourse;
}

/** The placement check done. Its id derives from the attempt that ended it. */
export function placementStatement(profile: XapiProfile, input: PlacementInput): XapiStatement {
  const { attempt: last, answered: n, correct: right } = input;
  if (n < 1) throw new RangeError('a placement without attempts has no statement');
  const course = input.course ?? DEFAULT_COURSE;
  return {
    id: statementId('placement', last.id),
    actor: actorOf(profile, input.learner),
    verb: VERBS.completed,
    object: {
      objectType: 'Activity',
      id: iri(profile, 'course', course.id, 'placement'),
      definition: {
        type: TYPES.assessment,
        name: { en: 'Placement check', 'zh-CN': '起点测试' },
      },
    },
    result: {
      completion: true,
      score: { raw: right, min: 0, max: n, scaled: right / n },
    },
    context: {
      platform: PLATFORM,
      contextActivities: { grouping: [courseActivity(profile, course)] },
    },
    timestamp: isoTime(last.timestamp),
    version: XAPI_VERSION,
  };
}

/** Milliseconds of an ISO 8601 duration like `PT1H2M3.45S` (null when it is not one). */
export function parseIsoDuration(d: string): number | null {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(d);
  if (!m || d === 'PT') return null;
  return Math.round(((Number(m[1] ?? 0) * 60 + Number(m[2] ?? 0)) * 60 + Number(m[3] ?? 0)) * 1000);
}

const ITEM_ID = /^(.+)~([123])~(\d+)$/;

/**
 * The attempt an `answered` statement of Lantern's (under `base`) describes, rebuilt from it, or
 * null for any other statement (another app's, another school's base, one whose id is not the
 * attempt's own statement id). The item's parameters are not in the statement: the item is
 * regenerated from its id when needed, so they are left empty.
 */
export function attemptFromStatement(base: string, s: unknown): Attempt | null {
  if (s === null || typeof s !== 'object') return null;
  const st = s as Record<string, unknown>;
  const get = (o: unknown, k: string): unknown =>
    o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined;
  if (get(st.verb, 'id') !== VERBS.answered.id) return null;
  const objectId = get(st.object, 'id');
  const prefix = `${base}/item/`;
  if (typeof objectId !== 'string' || !objectId.startsWith(prefix)) return null;
  let itemId: string;
  try {
    itemId = decodeURIComponent(objectId.slice(prefix.length));
  } catch {
    return null;
  }
  const m = ITEM_ID.exec(itemId);
  const learnerId = get(get(st.actor, 'account'), 'name');
  const ctx = get(get(st.context, 'extensions'), `${base}/extensions/attempt-id`) as unknown;
  const extensions = (get(st.context, 'extensions') ?? {}) as Record<string, unknown>;
  const resultExt = (get(st.result, 'extensions') ?? {}) as Record<string, unknown>;
  const success = get(st.result, 'success');
  const duration = get(st.result, 'duration');
  const timestamp = typeof st.timestamp === 'string' ? Date.parse(st.timestamp) : NaN;
  if (!m || typeof learnerId !== 'string' || typeof ctx !== 'string' || typeof success !== 'boolean') {
    return null;
  }
  if (st.id !== statementId('answered', ctx) || !Number.isFinite(timestamp)) return null;
  const response = get(st.result, 'response');
  const predicted = extensions[`${base}/extensions/predicted-correct`];
  const predictedBy = extensions[`${base}/extensions/predicted-by`];
  const hints = resultExt[`${base}/extensions/hints-used`];
  const shown = resultExt[`${base}/extensions/solution-shown`];
  const version = extensions[`${base}/extensions/app-version`];
  const score = partialCredit(get(get(st.result, 'score'), 'scaled'));
  const questionKey = questionKeyOf(extensions[`${base}/extensions/question-key`]);
  return {
    id: ctx,
    learnerId,
    itemId,
    skillId: m[1] as string,
    difficulty: Number(m[2]) as 1 | 2 | 3,
    seed: Number(m[3]),
    params: {},
    answer: typeof response === 'string' ? response : '',
    correct: success,
    responseMs: typeof duration === 'string' ? (parseIsoDuration(duration) ?? 0) : 0,
    hintsUsed: typeof hints === 'number' && Number.isInteger(hints) && hints >= 0 ? hints : 0,
    solutionShown: shown === true,
    timestamp,
    appVersion: typeof version === 'string' ? version : 'lrs',
    ...(typeof predicted === 'number' && predicted >= 0 && predicted <= 1 ? { predicted } : {}),
    ...(typeof predictedBy === 'string' ? { predictedBy } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(questionKey !== undefined ? { questionKey } : {}),
  };
}
