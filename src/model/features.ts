/**
 * Feature encoding for the KT network (pure TS, no tfjs): turns sequences into the padded
 * integer/float arrays one training or prediction batch needs.
 *
 * Position t of a sequence becomes one token that holds what is known *before* answering t:
 * the skill (and item) being asked now, the previous interaction (skill × correctness), and
 * hand-made history features of the asked skill (counts, recency, streaks, time gap).
 * Nothing at position t depends on correctness at t or later (tests check this).
 */
import type { KtSequence } from '../core/kt-data';

export const FEATURE_NAMES = [
  'logAttempts', // log1p(prior attempts on this skill)
  'logCorrect', // log1p(prior correct on this skill)
  'logWrong', // log1p(prior wrong on this skill)
  'lastOutcome', // +1 / −1 for the last attempt on this skill, 0 if never practised
  'neverPractised', // 1 if no prior attempt on this skill
  'logStepsSince', // log1p(interactions since this skill was last practised)
  'logHoursSince', // log1p(hours since this skill was last practised): forgetting; 0 without timestamps
  'sameAsPrevious', // 1 if the previous interaction was on this skill
  'logStreakCorrect', // log1p(consecutive correct answers on this skill, most recent first)
  'logStreakWrong', // log1p(consecutive wrong answers on this skill)
  'position', // log1p(t) / 5
  'overallRate', // smoothed share correct so far, centred
  'prevLogSeconds', // log1p(response seconds of the previous interaction), 0 if unknown
  'prevLogHints', // log1p(hints used in the previous interaction), 0 if unknown
  'logRunLength', // log1p(length of the unbroken run of this skill just before t), 0 if none
  'logRunCorrect', // log1p(correct answers in that run)
] as const;
export const NUM_FEATURES = FEATURE_NAMES.length;

export interface EncodingSpec {
  /** Rows of the skill embedding; row 0 is reserved for "none". */
  readonly skillBuckets: number;
  /** Rows of the item-difficulty table; 0 = the data has no item ids. Row 0 reserved. */
  readonly itemBuckets: number;
  /** Width E of each sequence's `context` features, appended after the built-in ones (0 = none). */
  readonly contextFeatures?: number;
}

/** Features per token for a spec: the built-in history features plus the context ones. */
export function featureCount(spec: EncodingSpec): number {
  return NUM_FEATURES + (spec.contextFeatures ?? 0);
}

/** Caps that keep the tables small when a dataset has thousands of ids. */
export const MAX_SKILL_BUCKETS = 4096;
export const MAX_ITEM_BUCKETS = 32768;

/**
 * Row of an id in a table of `buckets` rows. Ids that fit map to themselves (so the common
 * case has no collisions); larger ids are hashed into 1..buckets−1.
 */
export function bucketOf(id: number, buckets: number): number {
  if (id > 0 && id < buckets) return id;
  const h = Math.imul((id | 0) ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return 1 + (h % (buckets - 1));
}

/** Table sizes for a training set: big enough for its ids, capped (then hashed). */
export function specFor(seqs: readonly KtSequence[]): EncodingSpec {
  let maxSkill = 0;
  let maxItem = 0;
  let hasItems = false;
  for (const s of seqs) {
    for (const k of s.skills) maxSkill = Math.max(maxSkill, k);
    if (s.items) {
      hasItems = true;
      for (const i of s.items) maxItem = Math.max(maxItem, i);
    }
  }
  return {
    skillBuckets: Math.min(MAX_SKILL_BUCKETS, maxSkill + 1),
    itemBuckets: hasItems ? Math.min(MAX_ITEM_BUCKETS, maxItem + 1) : 0,
  };
}

/** One padded batch, row-major [batch, length]. */
export interface EncodedBatch {
  readonly batch: number;
  readonly length: number;
  readonly skill: Int32Array;
  readonly item: Int32Array;
  /** Previous interaction: 0 at the start, else skillRow + skillBuckets × correct. */
  readonly prev: Int32Array;
  /** [batch, length, featureCount(spec)]. */
  readonly features: Float32Array;
  readonly labels: Float32Array;
  /** 1 for real positions, 0 for padding. */
  readonly mask: Float32Array;
}

const HOUR_MS = 3_600_000;

/** Encodes sequences into one batch padded to `length` (default: the longest). */
export function encodeBatch(seqs: readonly KtSequence[], spec: EncodingSpec, length?: number): EncodedBatch {
  const B = seqs.length;
  const L = length ?? Math.max(1, ...seqs.map((s) => s.skills.length));
  const F = featureCount(spec);
  const E = spec.contextFeatures ?? 0;
  const skill = new Int32Array(B * L);
  const item = new Int32Array(B * L);
  const prev = new Int32Array(B * L);
  const features = new Float32Array(B * L * F);
  const labels = new Float32Array(B * L);
  const mask = new Float32Array(B * L);
  seqs.forEach((s, b) => {
    const n = s.skills.length;
    if (n > L) throw new RangeError(`sequence of ${n} does not fit a batch of length ${L}`);
    if (E > 0 && (!s.context || s.context.length !== n * E)) {
      throw new RangeError(`sequence needs ${n} × ${E} context features`);
    }
    const attempts = new Map<number, number>();
    const corrects = new Map<number, number>();
    const lastPos = new Map<number, number>();
    const lastOutcome = new Map<number, 0 | 1>();
    const streak = new Map<number, number>();
    let totalCorrect = 0;
    let runSkill = Number.NaN;
    let runLength = 0;
    let runCorrect = 0;
    for (let t = 0; t < n; t++) {
      const k = s.skills[t] as number;
      const row = b * L + t;
      const o = row * F;
      skill[row] = bucketOf(k, spec.skillBuckets);
      if (spec.itemBuckets > 0 && s.items) item[row] = bucketOf(s.items[t] as number, spec.itemBuckets);
      if (t > 0) {
        const pk = s.skills[t - 1] as number;
        prev[row] = bucketOf(pk, spec.skillBuckets) + spec.skillBuckets * (s.correct[t - 1] as number);
      }
      const nA = attempts.get(k) ?? 0;
      const nC = corrects.get(k) ?? 0;
      const st = streak.get(k) ?? 0;
      features[o] = Math.log1p(nA);
      features[o + 1] = Math.log1p(nC);
      features[o + 2] = Math.log1p(nA - nC);
      if (nA > 0) {
        const lp = lastPos.get(k) as number;
        features[o + 3] = lastOutcome.get(k) === 1 ? 1 : -1;
        features[o + 5] = Math.log1p(t - lp);
        if (s.timestamps) {
          const gap = Math.max(0, ((s.timestamps[t] as number) - (s.timestamps[lp] as number)) / HOUR_MS);
          features[o + 6] = Math.log1p(gap);
        }
      } else {
        features[o + 4] = 1;
      }
      features[o + 7] = t > 0 && s.skills[t - 1] === k ? 1 : 0;
      features[o + 8] = st > 0 ? Math.log1p(st) : 0;
      features[o + 9] = st < 0 ? Math.log1p(-st) : 0;
      features[o + 10] = Math.log1p(t) / 5;
      features[o + 11] = (totalCorrect + 1) / (t + 2) - 0.5;
      if (t > 0 && s.responseMs) {
        features[o + 12] = Math.log1p(Math.max(0, s.responseMs[t - 1] as number) / 1000);
      }
      if (t > 0 && s.hints) features[o + 13] = Math.log1p(Math.max(0, s.hints[t - 1] as number));
      if (runSkill === k) {
        features[o + 14] = Math.log1p(runLength);
        features[o + 15] = Math.log1p(runCorrect);
      }
      if (E > 0) features.set((s.context as Float32Array).subarray(t * E, (t + 1) * E), o + NUM_FEATURES);
      // Now "answer" t and update the history.
      const c = s.correct[t] as 0 | 1;
      if (runSkill === k) {
        runLength++;
        runCorrect += c;
      } else {
        runSkill = k;
        runLength = 1;
        runCorrect = c;
      }
      labels[row] = c;
      mask[row] = 1;
      attempts.set(k, nA + 1);
      corrects.set(k, nC + c);
      lastPos.set(k, t);
      lastOutcome.set(k, c);
      streak.set(k, c === 1 ? (st > 0 ? st + 1 : 1) : st < 0 ? st - 1 : -1);
      totalCorrect += c;
    }
  });
  return { batch: B, length: L, skill, item, prev, features, labels, mask };
}
