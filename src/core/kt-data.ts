/**
 * Knowledge-tracing benchmark data: parsers for the two literature text formats, the DKVMN
 * chunking protocol, and the metrics every KT model in Lantern is scored with.
 * Pure TypeScript: no I/O (callers pass file text), no clock, no randomness.
 */
import { ValidationError } from './errors';

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

export type KtFormat = 'dkvmn' | 'akt';

/** The DKVMN protocol's sequence length: longer sequences become consecutive chunks. */
export const KT_CHUNK_LENGTH = 200;

function lines(text: string): string[] {
  const out = text.split(/\r?\n/).map((l) => l.trim());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Comma-separated integers; a trailing comma (or blank field) is ignored. */
function ints(line: string, lineNo: number): number[] {
  const out: number[] = [];
  for (const field of line.split(',')) {
    const f = field.trim();
    if (f === '') continue;
    const v = Number(f);
    if (!Number.isInteger(v)) {
      throw new ValidationError(
        'kt.data.notInteger',
        { line: lineNo },
        `line ${lineNo}: "${f}" is not an integer`,
      );
    }
    out.push(v);
  }
  return out;
}

function responses(line: string, lineNo: number): (0 | 1)[] {
  return ints(line, lineNo).map((v) => {
    if (v !== 0 && v !== 1) {
      throw new ValidationError(
        'kt.data.notBinary',
        { line: lineNo },
        `line ${lineNo}: response ${v} is not 0/1`,
      );
    }
    return v;
  });
}

function checkLengths(a: number, b: number, lineNo: number): void {
  if (a !== b) {
    throw new ValidationError(
      'kt.data.lengthMismatch',
      { line: lineNo },
      `line ${lineNo}: ${a} ids but ${b} responses`,
    );
  }
}

/** DKVMN/DKT "3 lines per student": length, skill ids, responses. */
export function parseDkvmn(text: string): KtSequence[] {
  const ls = lines(text);
  if (ls.length % 3 !== 0) {
    throw new ValidationError(
      'kt.data.lineCount',
      { lines: ls.length },
      `${ls.length} lines is not a multiple of 3`,
    );
  }
  const out: KtSequence[] = [];
  for (let i = 0; i < ls.length; i += 3) {
    const skills = ints(ls[i + 1] ?? '', i + 2);
    const correct = responses(ls[i + 2] ?? '', i + 3);
    checkLengths(skills.length, correct.length, i + 3);
    if (skills.length > 0) out.push({ skills, correct });
  }
  return out;
}

/** AKT "4 lines per student": row,student id; problem ids; skill ids; responses. */
export function parseAkt(text: string): KtSequence[] {
  const ls = lines(text);
  if (ls.length % 4 !== 0) {
    throw new ValidationError(
      'kt.data.lineCount',
      { lines: ls.length },
      `${ls.length} lines is not a multiple of 4`,
    );
  }
  const out: KtSequence[] = [];
  for (let i = 0; i < ls.length; i += 4) {
    const items = ints(ls[i + 1] ?? '', i + 2);
    const skills = ints(ls[i + 2] ?? '', i + 3);
    const correct = responses(ls[i + 3] ?? '', i + 4);
    checkLengths(items.length, correct.length, i + 4);
    checkLengths(skills.length, correct.length, i + 4);
    if (skills.length > 0) out.push({ skills, items, correct });
  }
  return out;
}

/**
 * Guesses the format from the first record: a DKVMN record starts with a lone length, an AKT
 * record with "row,student". Throws when neither fits.
 */
export function detectKtFormat(text: string): KtFormat {
  const ls = lines(text);
  const first = ints(ls[0] ?? '', 1);
  if (first.length === 1 && ls.length % 3 === 0) return 'dkvmn';
  if (first.length === 2 && ls.length % 4 === 0) return 'akt';
  throw new ValidationError(
    'kt.data.unknownFormat',
    {},
    'neither the 3-line (DKVMN) nor the 4-line (AKT) format',
  );
}

export function parseKt(text: string, format: KtFormat = detectKtFormat(text)): KtSequence[] {
  return format === 'dkvmn' ? parseDkvmn(text) : parseAkt(text);
}

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
