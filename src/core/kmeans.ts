/**
 * Domain-free clustering: k-means (k-means++ seeding, Lloyd iterations, empty-cluster repair,
 * seeded restarts), exact silhouette scoring, and the automatic choice of k by silhouette. It
 * knows nothing of learners or skills; grouping.ts builds the teacher's class groups on it.
 * Pure and deterministic: randomness comes only from the injected/seeded Rng.
 *
 * Hot loops work on one flat Float64Array (row-major, n × d) rather than arrays of arrays.
 */
import { seededRng, shuffle } from './rng';
import type { Rng } from './types';

// ---------------------------------------------------------------------------------------------
// Flat matrices
// ---------------------------------------------------------------------------------------------

/** Row-major n × d matrix. */
export interface Matrix {
  readonly data: Float64Array;
  readonly n: number;
  readonly d: number;
}

export type Points = readonly (Float64Array | readonly number[])[];

/** Copy rows into one flat Float64Array. Throws RangeError on ragged rows. */
export function toMatrix(points: Points): Matrix {
  const n = points.length;
  const d = n === 0 ? 0 : (points[0] as ArrayLike<number>).length;
  const data = new Float64Array(n * d);
  for (let i = 0; i < n; i++) {
    const row = points[i] as ArrayLike<number>;
    if (row.length !== d) throw new RangeError(`row ${i} has ${row.length} values, expected ${d}`);
    for (let j = 0; j < d; j++) data[i * d + j] = row[j] as number;
  }
  return { data, n, d };
}

export function meanRows(m: Matrix, rows: readonly number[]): number[] {
  const out = new Array<number>(m.d).fill(0);
  for (const r of rows) {
    for (let t = 0; t < m.d; t++) out[t] = (out[t] as number) + (m.data[r * m.d + t] as number);
  }
  return rows.length === 0 ? out : out.map((v) => v / rows.length);
}

// ---------------------------------------------------------------------------------------------
// k-means
// ---------------------------------------------------------------------------------------------

export interface KMeansOptions {
  /** Lloyd iterations per restart (≥ 0). Default 100. */
  readonly maxIter?: number;
  /** Stop a restart when the total squared centroid movement of an iteration is ≤ tol. Default 1e-6. */
  readonly tol?: number;
  /** Restarts (each with its own k-means++ seeding from the same rng stream); the lowest inertia wins. Default 4. */
  readonly nInit?: number;
  /**
   * Debug hook: called after each Lloyd iteration (assignment + repair + centroid update) with the
   * inertia of the current assignment against the updated centroids. Non-increasing within a run.
   */
  readonly onIteration?: (info: {
    readonly run: number;
    readonly iteration: number;
    readonly inertia: number;
  }) => void;
}

export interface KMeansResult {
  /** Cluster index in [0, k) per point. Every cluster is non-empty. */
  readonly assignments: Int32Array;
  readonly centroids: number[][];
  /** Sum of squared Euclidean distances from each point to its assigned centroid. */
  readonly inertia: number;
  /** Lloyd iterations run by the winning restart. */
  readonly iterations: number;
}

export interface FlatKMeans {
  readonly assignments: Int32Array;
  readonly centroids: Float64Array;
  readonly inertia: number;
  readonly iterations: number;
}

export const DEFAULT_MAX_ITER = 100;
export const DEFAULT_TOL = 1e-6;
export const DEFAULT_N_INIT = 4;

/**
 * k-means with k-means++ seeding and `nInit` restarts, all drawn from `rng` in order, so the
 * result is a pure function of (points, k, rng state, options). Requires 1 ≤ k ≤ n.
 * Ties (equidistant centroids, equal inertia) go to the lowest index / earliest restart.
 */
export function kmeans(points: Points, k: number, rng: Rng, opts: KMeansOptions = {}): KMeansResult {
  const m = toMatrix(points);
  const r = kmeansFlat(m, k, rng, opts);
  const centroids: number[][] = [];
  for (let c = 0; c < k; c++) centroids.push(Array.from(r.centroids.subarray(c * m.d, (c + 1) * m.d)));
  return { assignments: r.assignments, centroids, inertia: r.inertia, iterations: r.iterations };
}

export function kmeansFlat(m: Matrix, k: number, rng: Rng, opts: KMeansOptions): FlatKMeans {
  const maxIter = opts.maxIter ?? DEFAULT_MAX_ITER;
  const tol = opts.tol ?? DEFAULT_TOL;
  const nInit = opts.nInit ?? DEFAULT_N_INIT;
  if (!Number.isInteger(k) || k < 1 || k > m.n) {
    throw new RangeError(`k must be an integer in [1, ${m.n}]; got ${k}`);
  }
  if (!Number.isInteger(maxIter) || maxIter < 0) {
    throw new RangeError(`maxIter must be a non-negative integer`);
  }
  if (!Number.isInteger(nInit) || nInit < 1) throw new RangeError(`nInit must be a positive integer`);
  if (!(tol >= 0)) throw new RangeError(`tol must be ≥ 0`);
  let best: FlatKMeans | undefined;
  for (let run = 0; run < nInit; run++) {
    const init = kmeansPlusPlus(m, k, rng);
    const r = lloyd(m, k, init, maxIter, tol, run, opts.onIteration);
    if (best === undefined || r.inertia < best.inertia) best = r;
  }
  return best as FlatKMeans;
}

/**
 * Squared distance between the d values at a[ai..] and b[bj..]. Four accumulators: about 1.4×
 * faster in V8 than the naive loop (measured), and the hot path of everything below.
 */
function sqDistAt(a: Float64Array, ai: number, b: Float64Array, bj: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 3 < d; t += 4) {
    const x0 = (a[ai + t] as number) - (b[bj + t] as number);
    const x1 = (a[ai + t + 1] as number) - (b[bj + t + 1] as number);
    const x2 = (a[ai + t + 2] as number) - (b[bj + t + 2] as number);
    const x3 = (a[ai + t + 3] as number) - (b[bj + t + 3] as number);
    s0 += x0 * x0;
    s1 += x1 * x1;
    s2 += x2 * x2;
    s3 += x3 * x3;
  }
  for (; t < d; t++) {
    const x = (a[ai + t] as number) - (b[bj + t] as number);
    s0 += x * x;
  }
  return s0 + s1 + (s2 + s3);
}

/** Squared distance between row i of `a` and row j of `b` (both with row length d). */
function sqDist(a: Float64Array, i: number, b: Float64Array, j: number, d: number): number {
  return sqDistAt(a, i * d, b, j * d, d);
}

/** k-means++ (Arthur & Vassilvitskii 2007): first centre uniform, then ∝ D². */
function kmeansPlusPlus(m: Matrix, k: number, rng: Rng): Float64Array {
  const { data, n, d } = m;
  const centres = new Float64Array(k * d);
  const minD = new Float64Array(n);
  let idx = Math.min(n - 1, Math.floor(rng() * n));
  centres.set(data.subarray(idx * d, (idx + 1) * d), 0);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const v = sqDist(data, i, centres, 0, d);
    minD[i] = v;
    total += v;
  }
  for (let c = 1; c < k; c++) {
    if (total > 0) {
      const target = rng() * total;
      let acc = 0;
      idx = -1;
      for (let i = 0; i < n; i++) {
        const v = minD[i] as number;
        if (v <= 0) continue;
        acc += v;
        idx = i;
        if (acc > target) break;
      }
    } else {
      // Every point coincides with a chosen centre (k > number of distinct points): any point
      // will do; empty-cluster repair sorts out the assignment.
      idx = Math.min(n - 1, Math.floor(rng() * n));
    }
    centres.set(data.subarray(idx * d, (idx + 1) * d), c * d);
    total = 0;
    for (let i = 0; i < n; i++) {
      const v = sqDist(data, i, centres, c, d);
      if (v < (minD[i] as number)) minD[i] = v;
      total += minD[i] as number;
    }
  }
  return centres;
}

/**
 * Assign each point to its nearest centroid (lowest index on ties), recording the squared
 * distance in `dist`. Returns how many labels changed.
 */
function assign(m: Matrix, C: Float64Array, k: number, labels: Int32Array, dist: Float64Array): number {
  const { data, n, d } = m;
  let changed = 0;
  for (let i = 0; i < n; i++) {
    let bestC = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const s = sqDistAt(data, i * d, C, c * d, d);
      if (s < bestD) {
        bestD = s;
        bestC = c;
      }
    }
    if (labels[i] !== bestC) changed++;
    labels[i] = bestC;
    dist[i] = bestD;
  }
  return changed;
}

/**
 * Empty-cluster repair: each empty cluster takes the point farthest from its current centroid
 * (among clusters that can spare a point), and its centroid is moved onto that point. This
 * never increases the inertia. Fills `counts` (cluster sizes); returns how many points moved.
 */
function repairEmpty(
  m: Matrix,
  C: Float64Array,
  k: number,
  labels: Int32Array,
  dist: Float64Array,
  counts: Int32Array,
): number {
  const { data, n, d } = m;
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    const c = labels[i] as number;
    counts[c] = (counts[c] as number) + 1;
  }
  let moved = 0;
  for (let c = 0; c < k; c++) {
    if ((counts[c] as number) > 0) continue;
    let far = -1;
    let farD = -1;
    for (let i = 0; i < n; i++) {
      if ((counts[labels[i] as number] as number) > 1 && (dist[i] as number) > farD) {
        farD = dist[i] as number;
        far = i;
      }
    }
    if (far < 0) break; // cannot happen when k ≤ n
    const from = labels[far] as number;
    counts[from] = (counts[from] as number) - 1;
    labels[far] = c;
    counts[c] = 1;
    dist[far] = 0;
    C.set(data.subarray(far * d, (far + 1) * d), c * d);
    moved++;
  }
  return moved;
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] as number;
  return s;
}

/**
 * Lloyd iterations from the given centres (mutated in place). Each iteration: assign, repair
 * empty clusters, and — unless no label changed, in which case the centroids are already the
 * means of the assignment and we have converged — move centroids to the means. Stops early when
 * the total squared centroid movement is ≤ tol. The returned labels are nearest-centroid labels
 * for the returned centroids (up to a final empty-cluster repair, which only lowers the inertia).
 */
function lloyd(
  m: Matrix,
  k: number,
  C: Float64Array,
  maxIter: number,
  tol: number,
  run: number,
  onIteration: KMeansOptions['onIteration'],
): FlatKMeans {
  const { data, n, d } = m;
  const labels = new Int32Array(n).fill(-1);
  const dist = new Float64Array(n);
  const counts = new Int32Array(k);
  const sums = new Float64Array(k * d);
  let iterations = 0;
  let fresh = false; // labels are nearest-centroid labels for the current C
  for (let it = 1; it <= maxIter; it++) {
    const changed = assign(m, C, k, labels, dist) + repairEmpty(m, C, k, labels, dist, counts);
    iterations = it;
    if (changed === 0) {
      onIteration?.({ run, iteration: it, inertia: sum(dist) });
      fresh = true;
      break;
    }
    // Update step: centroids become the means of their members.
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const base = (labels[i] as number) * d;
      const row = i * d;
      for (let t = 0; t < d; t++) sums[base + t] = (sums[base + t] as number) + (data[row + t] as number);
    }
    let shift = 0;
    for (let c = 0; c < k; c++) {
      const cnt = counts[c] as number;
      for (let t = 0; t < d; t++) {
        const j = c * d + t;
        const v = (sums[j] as number) / cnt;
        const diff = v - (C[j] as number);
        shift += diff * diff;
        C[j] = v;
      }
    }
    if (onIteration) {
      let cost = 0;
      for (let i = 0; i < n; i++) cost += sqDist(data, i, C, labels[i] as number, d);
      onIteration({ run, iteration: it, inertia: cost });
    }
    if (shift <= tol) break;
  }
  if (!fresh) {
    // Final assignment so that labels are the nearest centroids of the returned centroids.
    assign(m, C, k, labels, dist);
    repairEmpty(m, C, k, labels, dist, counts);
  }
  return { assignments: labels, centroids: C, inertia: sum(dist), iterations };
}

// ---------------------------------------------------------------------------------------------
// Silhouette
// ---------------------------------------------------------------------------------------------

/** Full symmetric n × n matrix of Euclidean distances (n² doubles: 8 MB at n = 1000). */
export function distanceMatrix(m: Matrix): Float64Array {
  const { data, n, d } = m;
  const D = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const v = Math.sqrt(sqDist(data, i, data, j, d));
      D[i * n + j] = v;
      D[j * n + i] = v;
    }
  }
  return D;
}

/**
 * Mean silhouette (Rousseeuw 1987) from a precomputed distance matrix; O(n²) per call, so one
 * matrix serves every candidate k. Points alone in their cluster score 0. Returns null when the
 * silhouette is undefined: fewer than 2 or more than n − 1 non-empty clusters.
 */
export function silhouetteFromDistances(
  D: Float64Array,
  n: number,
  assignments: Int32Array,
  k: number,
): number | null {
  const size = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignments[i] as number;
    size[c] = (size[c] as number) + 1;
  }
  let nonEmpty = 0;
  for (let c = 0; c < k; c++) if ((size[c] as number) > 0) nonEmpty++;
  if (nonEmpty < 2 || nonEmpty > n - 1) return null;
  const sums = new Float64Array(k);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const own = assignments[i] as number;
    const ownSize = size[own] as number;
    if (ownSize <= 1) continue; // s(i) = 0
    sums.fill(0);
    const row = i * n;
    for (let j = 0; j < n; j++) {
      const c = assignments[j] as number;
      sums[c] = (sums[c] as number) + (D[row + j] as number);
    }
    const a = (sums[own] as number) / (ownSize - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      const sc = size[c] as number;
      if (c === own || sc === 0) continue;
      const mean = (sums[c] as number) / sc;
      if (mean < b) b = mean;
    }
    const denom = Math.max(a, b);
    if (denom > 0) total += (b - a) / denom;
  }
  return total / n;
}

/** Exact mean silhouette of a partition (Euclidean). See silhouetteFromDistances for null. */
export function silhouette(points: Points | Matrix, assignments: Int32Array, k: number): number | null {
  const m = isMatrix(points) ? points : toMatrix(points);
  if (assignments.length !== m.n) throw new RangeError('one assignment per point is required');
  for (let i = 0; i < m.n; i++) {
    const a = assignments[i] as number;
    if (a < 0 || a >= k) throw new RangeError(`assignment ${a} out of range [0, ${k})`);
  }
  return silhouetteFromDistances(distanceMatrix(m), m.n, assignments, k);
}

function isMatrix(x: Points | Matrix): x is Matrix {
  return !Array.isArray(x) && (x as Matrix).data instanceof Float64Array;
}

// ---------------------------------------------------------------------------------------------
// Choosing k
// ---------------------------------------------------------------------------------------------

export interface KCandidate {
  readonly k: number;
  readonly silhouette: number | null;
  readonly inertia: number;
}

/** The rng for a given k is independent of which other ks were tried, so an override reproduces the automatic partition. */
export function rngForK(seed: number, k: number): Rng {
  return seededRng((seed ^ Math.imul(k, 0x9e3779b1)) >>> 0);
}

function compareRows(data: Float64Array, d: number, i: number, j: number): number {
  for (let t = 0; t < d; t++) {
    const x = data[i * d + t] as number;
    const y = data[j * d + t] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

export function countDistinct(m: Matrix): number {
  if (m.n === 0) return 0;
  const idx = Array.from({ length: m.n }, (_, i) => i).sort((i, j) => compareRows(m.data, m.d, i, j));
  let distinct = 1;
  for (let t = 1; t < idx.length; t++) {
    if (compareRows(m.data, m.d, idx[t - 1] as number, idx[t] as number) !== 0) distinct++;
  }
  return distinct;
}

/** The candidate runs and silhouette scores behind the automatic choice of k (chooseK). */
export interface KChoice {
  /** Scores of every k tried automatically (2..min(maxK, n − 1, distinct rows)). */
  readonly candidates: KCandidate[];
  /** The automatic choice (null when there are no rows). */
  readonly recommendedK: number | null;
  /** Rows of the seeded subsample the silhouettes are computed on; null when they are exact. */
  readonly sampleRows: number[] | null;
  /** k-means with k clusters, memoised; its rng is rngForK(seed, k), whatever else was run. */
  readonly run: (k: number) => FlatKMeans;
  /** Mean silhouette of a partition of the rows into k clusters (on the subsample, if any). */
  readonly score: (labels: Int32Array, k: number) => number | null;
}

export interface KChoiceOptions {
  readonly seed: number;
  /** Upper bound for the automatic choice. */
  readonly maxK: number;
  /** Silhouettes are exact up to this many rows; above it they use a seeded subsample of this size. */
  readonly silhouetteSample: number;
  /** Distinct rows of the matrix (countDistinct). */
  readonly distinct: number;
}

/**
 * Automatic choice of k for the rows of `m`: the candidate in 2..min(maxK, n − 1, distinct)
 * with the highest mean silhouette (lowest k on ties); if that range is empty (n ≤ 2 or all rows
 * identical) k = min(distinct, maxK).
 */
export function chooseK(m: Matrix, opts: KChoiceOptions): KChoice {
  const { seed, maxK, distinct } = opts;
  const { n, d } = m;

  // Candidate ks and their scores.
  const runs = new Map<number, FlatKMeans>();
  const run = (k: number): FlatKMeans => {
    let r = runs.get(k);
    if (r === undefined) {
      r = kmeansFlat(m, k, rngForK(seed, k), {});
      runs.set(k, r);
    }
    return r;
  };
  // Silhouette scoring: one distance matrix (of everyone, or of a seeded subsample) for all ks.
  const sampleSize = opts.silhouetteSample;
  const sampleRows =
    n > sampleSize
      ? shuffle(
          seededRng((seed ^ 0x51a0e77e) >>> 0),
          Array.from({ length: n }, (_, r) => r),
        )
          .slice(0, sampleSize)
          .sort((a, b) => a - b)
      : null;
  let D: Float64Array | undefined;
  const score = (labels: Int32Array, k: number): number | null => {
    if (k < 2 || k > n - 1) return null;
    D ??= distanceMatrix(
      sampleRows ? toMatrix(sampleRows.map((r) => m.data.subarray(r * d, (r + 1) * d))) : m,
    );
    if (!sampleRows) return silhouetteFromDistances(D, n, labels, k);
    return silhouetteFromDistances(
      D,
      sampleRows.length,
      Int32Array.from(sampleRows, (r) => labels[r] as number),
      k,
    );
  };
  const hiK = Math.min(maxK, n - 1, distinct);
  const candidates: KCandidate[] = [];
  for (let k = 2; k <= hiK; k++) {
    const r = run(k);
    candidates.push({ k, silhouette: score(r.assignments, k), inertia: r.inertia });
  }
  let recommendedK: number | null = null;
  if (n > 0) {
    if (candidates.length > 0) {
      let best = candidates[0] as KCandidate;
      for (const c of candidates) if ((c.silhouette ?? -Infinity) > (best.silhouette ?? -Infinity)) best = c;
      recommendedK = best.k;
    } else {
      recommendedK = Math.min(distinct, maxK);
    }
  }
  return { candidates, recommendedK, sampleRows, run, score };
}
