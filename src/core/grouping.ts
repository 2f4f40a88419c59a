/**
 * Grouping engine for the teacher's class view: learners grouped by mastery profile (learners
 * with no attempts apart), groups ordered and labelled, and per-group explanations (the weakest
 * and strongest skills against the class mean) as catalogue messages and sentences. The generic
 * clustering (k-means, silhouettes, the choice of k) is in kmeans.ts and re-exported here.
 * Pure and deterministic: randomness comes only from the injected/seeded Rng.
 */
import { ValidationError } from './errors';
import { groupingCatalogue, joinList } from './grouping-messages';
import { format } from './i18n';
import type { Locale } from './i18n';
import type { KCandidate } from './kmeans';
import { chooseK, countDistinct, meanRows, toMatrix } from './kmeans';
import type { LearnerId, Message, SkillId } from './types';

export {
  DEFAULT_MAX_ITER,
  DEFAULT_N_INIT,
  DEFAULT_TOL,
  distanceMatrix,
  kmeans,
  silhouette,
  silhouetteFromDistances,
  toMatrix,
} from './kmeans';
export type { KCandidate, KMeansOptions, KMeansResult, Matrix, Points } from './kmeans';

// ---------------------------------------------------------------------------------------------
// Grouping learners
// ---------------------------------------------------------------------------------------------

export interface GroupingInput {
  readonly learnerIds: readonly LearnerId[];
  readonly skillIds: readonly SkillId[];
  /** learners × skills, each in [0, 1]. */
  readonly mastery: readonly (readonly number[])[];
  /** Attempts per learner; learners with 0 go to the "not started yet" group. */
  readonly attempts: readonly number[];
  /**
   * learners × skills: has the learner answered this skill? Without it every skill counts as
   * practised. A skill most of a group has not practised is never called weak or strong for
   * it (its mastery there is the model's starting estimate, not evidence): it is listed in
   * `notPractised` instead.
   */
  readonly practised?: readonly (readonly boolean[])[];
}

export interface GroupingOptions {
  /** Teacher override; clamped to [1, number of distinct mastery profiles]. */
  readonly k?: number;
  /** Seed for k-means++; default DEFAULT_SEED. */
  readonly seed?: number;
  /** Upper bound for the automatic choice; default 6. */
  readonly maxK?: number;
  /**
   * Silhouettes are exact up to this many started learners; above it they are computed on a
   * seeded subsample of this size (the k-means partition itself always uses everyone). The exact
   * cost is O(n²·d) time and n² doubles of memory. Default DEFAULT_SILHOUETTE_SAMPLE.
   */
  readonly silhouetteSample?: number;
}

/** One bar pair of a group's chart. */
export interface SkillContrast {
  readonly skillId: SkillId;
  readonly centroid: number;
  readonly classMean: number;
}

export interface LearnerGroup {
  /** 'A', 'B', … for clusters (ordered by mean mastery, ascending); 'notStarted' for the extra group. */
  readonly id: string;
  readonly kind: 'cluster' | 'notStarted';
  /** Catalogue message for the group's name ("Group A" / "第A组", "Not started yet"). */
  readonly label: Message;
  /** Members, in input order. */
  readonly learnerIds: LearnerId[];
  /** Mean mastery per skill (aligned with GroupingResult.skillIds). */
  readonly centroid: number[];
  readonly meanMastery: number;
  /** Up to 3 skills furthest below the class mean (by at least MIN_CONTRAST), weakest first. */
  readonly weakest: SkillId[];
  /** Up to 3 skills furthest above the class mean (by at least MIN_CONTRAST), strongest first. */
  readonly strongest: SkillId[];
  /** Chart-ready: the weakest then the strongest skills. */
  readonly series: SkillContrast[];
  /**
   * Skills fewer than half of the group have practised while others in the class have, in
   * course order (up to {@link CONTRAST_SKILLS}): not weak, just not met yet.
   */
  readonly notPractised: SkillId[];
  /**
   * Summary sentence key and params. `weak`/`strong` hold raw skill ids (comma-joined) as a
   * fallback; the UI should render through describeGroup(), which substitutes translated names.
   */
  readonly summary: Message;
}

export interface GroupingResult {
  readonly skillIds: SkillId[];
  /** Clusters 'A', 'B', … then, if any learner has no attempts, the 'notStarted' group. */
  readonly groups: LearnerGroup[];
  /** Number of clusters among started learners (0 when nobody has started). */
  readonly k: number;
  /** What the automatic choice would be (null when nobody has started). */
  readonly recommendedK: number | null;
  /** The teacher's k, if given (before clamping). */
  readonly requestedK: number | null;
  /** The requested k when it had to be clamped; otherwise null. */
  readonly adjustedFrom: number | null;
  /** Mean silhouette of the returned partition; null when undefined (k < 2 or k > n − 1). */
  readonly silhouette: number | null;
  /** null when silhouettes are exact; otherwise the subsample size they were computed on. */
  readonly silhouetteSampleSize: number | null;
  /** Scores of every k tried automatically (2..min(maxK, n − 1, distinct profiles)). */
  readonly candidates: KCandidate[];
  /** Why this k: 'group.kChosen' | 'group.kSingle' | 'group.kAdjusted', or null. */
  readonly kReason: Message | null;
  /** Mean mastery per skill over started learners. */
  readonly classMean: number[];
  /** k-means inertia of the returned partition (0 for k ≤ 1 groups of identical learners). */
  readonly inertia: number;
  readonly seed: number;
}

export const DEFAULT_SEED = 0x4c414e;
export const DEFAULT_MAX_K = 6;
/** Exact silhouettes up to 1,000 learners (8 MB distance matrix, ~50 ms in Node for 100 skills). */
export const DEFAULT_SILHOUETTE_SAMPLE = 1000;
/** A skill is called weak/strong for a group only if its centroid differs from the class mean by at least this. */
export const MIN_CONTRAST = 0.05;
/** How many weakest/strongest skills to name. */
export const CONTRAST_SKILLS = 3;

function validate(input: GroupingInput, opts: GroupingOptions): void {
  const { learnerIds, skillIds, mastery, attempts } = input;
  const bad = (detail: string): never => {
    throw new ValidationError('group.error.badInput', {}, detail);
  };
  if (mastery.length !== learnerIds.length) bad('mastery must have one row per learner');
  if (attempts.length !== learnerIds.length) bad('attempts must have one entry per learner');
  if (new Set(learnerIds).size !== learnerIds.length) bad('learner ids must be unique');
  if (new Set(skillIds).size !== skillIds.length) bad('skill ids must be unique');
  for (let i = 0; i < mastery.length; i++) {
    const row = mastery[i] as readonly number[];
    if (row.length !== skillIds.length) bad(`mastery row ${i} must have one value per skill`);
    for (const v of row) if (!(v >= 0 && v <= 1)) bad(`mastery row ${i} has a value outside [0, 1]: ${v}`);
    const a = attempts[i] as number;
    if (!(a >= 0) || !Number.isFinite(a)) bad(`attempts[${i}] must be a non-negative number`);
  }
  if (opts.k !== undefined && !Number.isInteger(opts.k)) {
    throw new ValidationError('group.error.badK', { k: String(opts.k) });
  }
  if (opts.maxK !== undefined && (!Number.isInteger(opts.maxK) || opts.maxK < 1)) {
    throw new ValidationError(
      'group.error.badK',
      { k: String(opts.maxK) },
      'maxK must be a positive integer',
    );
  }
  const sample = opts.silhouetteSample;
  if (sample !== undefined && (!Number.isInteger(sample) || sample < 2)) {
    throw new RangeError('silhouetteSample must be an integer ≥ 2');
  }
}

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return xs.length === 0 ? 0 : s / xs.length;
}

function groupLetter(i: number): string {
  // A..Z, then AA, AB, … (k is at most the number of learners).
  let s = '';
  let x = i;
  do {
    s = String.fromCharCode(65 + (x % 26)) + s;
    x = Math.floor(x / 26) - 1;
  } while (x >= 0);
  return s;
}

function explain(
  id: string,
  members: LearnerId[],
  centroid: number[],
  classMean: readonly number[],
  skillIds: readonly SkillId[],
  practisedShare: readonly number[],
): LearnerGroup {
  const delta = centroid.map((c, t) => c - (classMean[t] as number));
  // Only skills most of the group has practised can be weak or strong for it.
  const order = skillIds.map((_, t) => t).filter((t) => (practisedShare[t] as number) >= 0.5);
  const notPractised = skillIds
    .filter((_, t) => (practisedShare[t] as number) < 0.5)
    .slice(0, CONTRAST_SKILLS) as SkillId[];
  const weakIdx = order
    .filter((t) => (delta[t] as number) <= -MIN_CONTRAST)
    .sort((a, b) => (delta[a] as number) - (delta[b] as number) || a - b)
    .slice(0, CONTRAST_SKILLS);
  const strongIdx = order
    .filter((t) => (delta[t] as number) >= MIN_CONTRAST)
    .sort((a, b) => (delta[b] as number) - (delta[a] as number) || a - b)
    .slice(0, CONTRAST_SKILLS);
  const weakest = weakIdx.map((t) => skillIds[t] as SkillId);
  const strongest = strongIdx.map((t) => skillIds[t] as SkillId);
  const series = [...weakIdx, ...strongIdx].map((t) => ({
    skillId: skillIds[t] as SkillId,
    centroid: centroid[t] as number,
    classMean: classMean[t] as number,
  }));
  const key =
    weakest.length && strongest.length
      ? 'group.summary.both'
      : weakest.length
        ? 'group.summary.weak'
        : strongest.length
          ? 'group.summary.strong'
          : 'group.summary.even';
  return {
    id,
    kind: 'cluster',
    label: { key: 'group.label', params: { group: id } },
    learnerIds: members,
    centroid,
    meanMastery: mean(centroid),
    weakest,
    strongest,
    series,
    notPractised,
    summary: { key, params: { group: id, weak: weakest.join(', '), strong: strongest.join(', ') } },
  };
}

/**
 * Group learners by mastery profile. Learners with no attempts form a separate 'notStarted'
 * group and are not fed to k-means. Without `opts.k`, k is the candidate in
 * 2..min(maxK, n − 1, distinct profiles) with the highest mean silhouette (lowest k on ties);
 * if that range is empty (n ≤ 2 or all learners identical) k = min(distinct profiles, maxK).
 *
 * Deterministic and independent of input order: learners are clustered in a canonical order
 * (sorted by id), and groups are ordered by mean mastery ascending (ties: smallest member id).
 */
export function groupLearners(input: GroupingInput, opts: GroupingOptions = {}): GroupingResult {
  validate(input, opts);
  const seed = (opts.seed ?? DEFAULT_SEED) >>> 0;
  const maxK = opts.maxK ?? DEFAULT_MAX_K;
  const requestedK = opts.k ?? null;
  const skillIds = [...input.skillIds];

  // Canonical order: started learners sorted by id (code-unit order, not locale).
  const byId = (a: number, b: number): number => {
    const x = input.learnerIds[a] as string;
    const y = input.learnerIds[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  };
  const all = input.learnerIds.map((_, i) => i);
  const started = all.filter((i) => (input.attempts[i] as number) > 0).sort(byId);
  const notStarted = all.filter((i) => (input.attempts[i] as number) <= 0);

  const n = started.length;
  const m = toMatrix(started.map((i) => input.mastery[i] as readonly number[]));
  const classMean = meanRows(
    m,
    started.map((_, r) => r),
  );
  const distinct = countDistinct(m);

  // Candidate ks and their scores (kmeans.ts).
  const { candidates, recommendedK, sampleRows, run, score } = chooseK(m, {
    seed,
    maxK,
    silhouetteSample: opts.silhouetteSample ?? DEFAULT_SILHOUETTE_SAMPLE,
    distinct,
  });

  let k = recommendedK ?? 0;
  let adjustedFrom: number | null = null;
  if (requestedK !== null) {
    k = n === 0 ? 0 : Math.min(Math.max(requestedK, 1), distinct);
    if (k !== requestedK) adjustedFrom = requestedK;
  }

  // Final partition of the started learners (rows of m).
  let labels: Int32Array;
  let inertia = 0;
  if (k >= 1) {
    const r = run(k);
    labels = r.assignments;
    inertia = r.inertia;
  } else {
    labels = new Int32Array(0);
  }
  const chosen = candidates.find((c) => c.k === k);
  const sil = chosen ? chosen.silhouette : score(labels, k);

  // Build, order and label the clusters.
  const rowsByCluster: number[][] = Array.from({ length: k }, () => []);
  for (let r = 0; r < n; r++) (rowsByCluster[labels[r] as number] as number[]).push(r);
  const clusters = rowsByCluster.map((rows) => {
    const centroid = meanRows(m, rows);
    const members = rows.map((r) => started[r] as number).sort((a, b) => a - b); // input order
    const minId = rows.reduce(
      (acc, r) => {
        const id = input.learnerIds[started[r] as number] as string;
        return acc === null || id < acc ? id : acc;
      },
      null as string | null,
    );
    return { centroid, members, meanMastery: mean(centroid), minId: minId ?? '' };
  });
  clusters.sort(
    (a, b) => a.meanMastery - b.meanMastery || (a.minId < b.minId ? -1 : a.minId > b.minId ? 1 : 0),
  );
  const groups: LearnerGroup[] = clusters.map((c, g) =>
    explain(
      groupLetter(g),
      c.members.map((i) => input.learnerIds[i] as LearnerId),
      c.centroid,
      classMean,
      skillIds,
      skillIds.map((_, t) =>
        input.practised
          ? c.members.filter((i) => input.practised?.[i]?.[t] === true).length / c.members.length
          : 1,
      ),
    ),
  );

  if (notStarted.length > 0) {
    const ns = toMatrix([...notStarted].sort(byId).map((i) => input.mastery[i] as readonly number[])); // canonical sum order
    const centroid = meanRows(
      ns,
      notStarted.map((_, r) => r),
    );
    groups.push({
      id: 'notStarted',
      kind: 'notStarted',
      label: { key: 'group.notStartedLabel' },
      learnerIds: notStarted.map((i) => input.learnerIds[i] as LearnerId),
      centroid,
      meanMastery: mean(centroid),
      weakest: [],
      strongest: [],
      series: [],
      notPractised: [],
      summary: { key: 'group.notStarted', params: { count: notStarted.length } },
    });
  }

  let kReason: Message | null = null;
  if (adjustedFrom !== null && n > 0) {
    kReason = { key: 'group.kAdjusted', params: { requested: adjustedFrom, k } };
  } else if (requestedK === null && k === 1) kReason = { key: 'group.kSingle' };
  else if (requestedK === null && chosen && chosen.silhouette !== null) {
    kReason = { key: 'group.kChosen', params: { k, score: chosen.silhouette.toFixed(2) } };
  }

  return {
    skillIds,
    groups,
    k,
    recommendedK,
    requestedK,
    adjustedFrom,
    silhouette: sil,
    silhouetteSampleSize: sampleRows ? sampleRows.length : null,
    candidates,
    kReason,
    classMean,
    inertia,
    seed,
  };
}

// ---------------------------------------------------------------------------------------------
// Sentences
// ---------------------------------------------------------------------------------------------

/** The group's summary with translated, locale-joined skill names, ready for format(). */
export function groupMessage(
  group: LearnerGroup,
  skillName: (id: SkillId) => string,
  locale: Locale,
): Message {
  if (group.kind === 'notStarted') return group.summary;
  return {
    key: group.summary.key,
    params: {
      ...group.summary.params,
      weak: joinList(group.weakest.map(skillName), locale),
      strong: joinList(group.strongest.map(skillName), locale),
    },
  };
}

/**
 * The group's "not practised yet" sentence with translated names, or null when there is none:
 * "Most of this group has not practised rounding yet." Not a weakness, and never shown as one.
 */
export function notPractisedMessage(
  group: LearnerGroup,
  skillName: (id: SkillId) => string,
  locale: Locale,
): Message | null {
  if (group.notPractised.length === 0) return null;
  return {
    key: 'group.notPractised',
    params: { skills: joinList(group.notPractised.map(skillName), locale) },
  };
}

/** e.g. "Group B: needs fractions and decimals; strong in place value." / "第B组：需要加强分数和小数；擅长位值。" */
export function describeGroup(
  group: LearnerGroup,
  skillName: (id: SkillId) => string,
  locale: Locale,
): string {
  return format(groupingCatalogue(locale), groupMessage(group, skillName, locale), locale);
}
