/**
 * Knowledge-tracing sequences: the DKVMN chunking protocol, and the metrics every KT model in
 * Lantern is scored with (the app's own calibration view uses them too). The parsers for the
 * literature's dataset files never ship: they are in lab/kt-datasets.ts.
 * Pure TypeScript: no I/O, no clock, no randomness.
 */

/** One learner's interactions in order. Ids are the dataset's own (numbered from 1). */
export interface KtSequence {
  readonly skills: readonly number[];
  /** Item (problem) ids, where the data has them (AKT format). */
  readonly items?: readonly number[];
  readonly correct: readonly (0 | 1)[];
  /** Epoch ms of each interaction, where the data has them (none of the benchmark files do). */
  readonly timestamps?: readonly number[];
  /** Response time of each interaction in ms, where the data has it. */
  readonly responseMs?: readonly number[];
  /** Hints used in each interaction, where the data has them. */
  readonly hints?: readonly number[];
  /**
   * Extra per-interaction features known before the answer (course context, e.g. prerequisite
   * readiness; see core/kt-course.ts), flattened [length × E]. Absent in the benchmark files.
   */
  readonly context?: Float32Array;
}

/** The DKVMN protocol's sequence length: longer sequences become consecutive chunks. */
export const KT_CHUNK_LENGTH = 200;

/** Splits every sequence longer than `length` into consecutive chunks (never truncates). */
export function chunkSequences(seqs: readonly KtSequence[], length = KT_CHUNK_LENGTH): KtSequence[] {
  const out: KtSequence[] = [];
  for (const s of seqs) {
    if (s.skills.length <= length) {
      out.push(s);
      continue;
    }
    for (let a = 0; a < s.skills.length; a += length) {
      const b = Math.min(a + length, s.skills.length);
      out.push(sliceSequence(s, a, b));
    }
  }
  return out;
}

/** Interactions [a, b) of one sequence, with every per-interaction field. */
export function sliceSequence(s: KtSequence, a: number, b: number): KtSequence {
  const width = s.context ? s.context.length / s.skills.length : 0;
  return {
    skills: s.skills.slice(a, b),
    correct: s.correct.slice(a, b),
    ...(s.items ? { items: s.items.slice(a, b) } : {}),
    ...(s.timestamps ? { timestamps: s.timestamps.slice(a, b) } : {}),
    ...(s.responseMs ? { responseMs: s.responseMs.slice(a, b) } : {}),
    ...(s.hints ? { hints: s.hints.slice(a, b) } : {}),
    ...(s.context ? { context: s.context.slice(a * width, b * width) } : {}),
  };
}

export function countInteractions(seqs: readonly KtSequence[]): number {
  let n = 0;
  for (const s of seqs) n += s.skills.length;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Metrics. Labels are 0/1, predictions are probabilities; both flat and the same length.

type Nums = ArrayLike<number>;

function checkSame(labels: Nums, preds: Nums): void {
  if (labels.length !== preds.length) {
    throw new RangeError(`${labels.length} labels but ${preds.length} predictions`);
  }
}

/**
 * Area under the ROC curve, pooled over all given interactions. Ties are counted as half
 * (average ranks), so a constant predictor scores exactly 0.5. NaN if only one class occurs.
 */
export function auc(labels: Nums, preds: Nums): number {
  checkSame(labels, preds);
  const n = labels.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (preds[a] as number) - (preds[b] as number));
  let rankSumPos = 0;
  let nPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    const v = preds[order[i] as number] as number;
    while (j + 1 < n && preds[order[j + 1] as number] === v) j++;
    const avgRank = (i + j) / 2 + 1; // 1-based average rank of the tie group
    for (let k = i; k <= j; k++) {
      if (labels[order[k] as number] === 1) {
        rankSumPos += avgRank;
        nPos++;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

/** Share of predictions on the right side of 0.5 (0.5 itself counts as "correct"). */
export function accuracy(labels: Nums, preds: Nums): number {
  checkSame(labels, preds);
  let hit = 0;
  for (let i = 0; i < labels.length; i++) {
    if (((preds[i] as number) >= 0.5 ? 1 : 0) === labels[i]) hit++;
  }
  return hit / labels.length;
}

const EPS = 1e-7;

/** Mean binary cross-entropy (natural log), predictions clipped to [1e-7, 1 − 1e-7]. */
export function logLoss(labels: Nums, preds: Nums): number {
  checkSame(labels, preds);
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPS, Math.max(EPS, preds[i] as number));
    s -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return s / labels.length;
}

export function rmse(labels: Nums, preds: Nums): number {
  checkSame(labels, preds);
  let s = 0;
  for (let i = 0; i < labels.length; i++) {
    const d = (preds[i] as number) - (labels[i] as number);
    s += d * d;
  }
  return Math.sqrt(s / labels.length);
}

export interface KtMetrics {
  readonly auc: number;
  readonly accuracy: number;
  readonly logLoss: number;
  readonly rmse: number;
  readonly n: number;
}

export function ktMetrics(labels: Nums, preds: Nums): KtMetrics {
  return {
    auc: auc(labels, preds),
    accuracy: accuracy(labels, preds),
    logLoss: logLoss(labels, preds),
    rmse: rmse(labels, preds),
    n: labels.length,
  };
}

/** All labels of `seqs`, flattened in order (the order every predictor must follow). */
export function flatLabels(seqs: readonly KtSequence[]): Float64Array {
  const out = new Float64Array(countInteractions(seqs));
  let k = 0;
  for (const s of seqs) for (const c of s.correct) out[k++] = c;
  return out;
}
