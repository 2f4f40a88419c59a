import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import {
  describeGroup,
  distanceMatrix,
  groupLearners,
  groupMessage,
  notPractisedMessage,
  kmeans,
  MIN_CONTRAST,
  silhouette,
  silhouetteFromDistances,
  toMatrix,
} from './grouping';
import type { GroupingInput, GroupingResult } from './grouping';
import { groupingMessagesEn, groupingMessagesZh, joinList } from './grouping-messages';
import { format, placeholders } from './i18n';
import { seededRng, shuffle } from './rng';
import type { Rng } from './types';

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

function gaussian(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

const SKILLS = ['fractions', 'decimals', 'place-value', 'times-tables'];

/** Three well-separated blobs of learners: ids say which blob (low-, mid-, high-…). */
function threeBlobs(perBlob = 8, seed = 5): GroupingInput {
  const rng = seededRng(seed);
  const centres: Record<string, number[]> = {
    low: [0.15, 0.2, 0.25, 0.1],
    mid: [0.55, 0.5, 0.2, 0.85],
    high: [0.9, 0.85, 0.9, 0.9],
  };
  const learnerIds: string[] = [];
  const mastery: number[][] = [];
  for (const [name, c] of Object.entries(centres)) {
    for (let i = 0; i < perBlob; i++) {
      learnerIds.push(`${name}-${i}`);
      mastery.push(c.map((x) => Math.min(1, Math.max(0, x + 0.03 * gaussian(rng)))));
    }
  }
  return { learnerIds, skillIds: SKILLS, mastery, attempts: learnerIds.map(() => 10) };
}

function cls(mastery: number[][], attempts?: number[]): GroupingInput {
  return {
    learnerIds: mastery.map((_, i) => `L${i}`),
    skillIds: (mastery[0] ?? []).map((_, s) => `s${s}`),
    mastery,
    attempts: attempts ?? mastery.map(() => 5),
  };
}

function permute(input: GroupingInput, seed: number): GroupingInput {
  const order = shuffle(
    seededRng(seed),
    input.learnerIds.map((_, i) => i),
  );
  return {
    learnerIds: order.map((i) => input.learnerIds[i] as string),
    skillIds: input.skillIds,
    mastery: order.map((i) => input.mastery[i] as number[]),
    attempts: order.map((i) => input.attempts[i] as number),
  };
}

/** Group label → sorted member ids. */
function partition(r: GroupingResult): Record<string, string[]> {
  return Object.fromEntries(r.groups.map((g) => [g.id, [...g.learnerIds].sort()]));
}

function sqErr(points: number[][], assignments: Int32Array, centroids: number[][]): number {
  let s = 0;
  points.forEach((p, i) => {
    const c = centroids[assignments[i] as number] as number[];
    p.forEach((x, t) => (s += (x - (c[t] as number)) ** 2));
  });
  return s;
}

// Small 2-D dataset for the golden test: three visible clumps plus an in-between point.
const GOLDEN = [
  [0.1, 0.1],
  [0.2, 0.15],
  [0.15, 0.25],
  [0.8, 0.2],
  [0.85, 0.1],
  [0.9, 0.25],
  [0.5, 0.9],
  [0.45, 0.8],
  [0.55, 0.85],
  [0.5, 0.5],
];

// ---------------------------------------------------------------------------------------------
// k-means
// ---------------------------------------------------------------------------------------------

describe('kmeans', () => {
  it('golden: pinned assignments and inertia for a fixed seed', () => {
    const r = kmeans(GOLDEN, 3, seededRng(1));
    expect(Array.from(r.assignments)).toEqual([1, 1, 1, 2, 2, 2, 0, 0, 0, 0]);
    expect(r.inertia).toBeCloseTo(0.1352083333, 9);
    expect(r.iterations).toBe(2);
    expect(r.centroids.map((c) => c.map((x) => Math.round(x * 1e4) / 1e4))).toEqual([
      [0.5, 0.7625],
      [0.15, 0.1667],
      [0.85, 0.1833],
    ]);
  });

  it('is deterministic for a seed and accepts Float64Array rows', () => {
    const a = kmeans(GOLDEN, 3, seededRng(99));
    const b = kmeans(
      GOLDEN.map((p) => Float64Array.from(p)),
      3,
      seededRng(99),
    );
    expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
    expect(b.centroids).toEqual(a.centroids);
    expect(b.inertia).toBe(a.inertia);
    expect(b.iterations).toBe(a.iterations);
  });

  it('recovers three separated blobs exactly', () => {
    const input = threeBlobs();
    const r = kmeans(input.mastery as number[][], 3, seededRng(3));
    const byBlob = new Map<string, Set<number>>();
    input.learnerIds.forEach((id, i) => {
      const blob = id.split('-')[0] as string;
      byBlob.set(blob, (byBlob.get(blob) ?? new Set()).add(r.assignments[i] as number));
    });
    expect([...byBlob.values()].map((s) => s.size)).toEqual([1, 1, 1]);
    expect(new Set([...byBlob.values()].map((s) => [...s][0])).size).toBe(3);
  });

  it('returns the inertia of its assignment against its centroids', () => {
    const r = kmeans(GOLDEN, 4, seededRng(8));
    expect(r.inertia).toBeCloseTo(sqErr(GOLDEN, r.assignments, r.centroids), 12);
  });

  it('repairs empty clusters: k up to n always gives k non-empty clusters, even with duplicates', () => {
    const pts = [[0], [0], [0], [0], [1], [1]];
    for (let k = 1; k <= pts.length; k++) {
      const r = kmeans(pts, k, seededRng(k));
      expect(new Set(r.assignments).size).toBe(k);
    }
  });

  it('rejects k outside [1, n] and bad options', () => {
    expect(() => kmeans(GOLDEN, 0, seededRng(1))).toThrow(RangeError);
    expect(() => kmeans(GOLDEN, 11, seededRng(1))).toThrow(RangeError);
    expect(() => kmeans(GOLDEN, 2.5, seededRng(1))).toThrow(RangeError);
    expect(() => kmeans([[1, 2], [3]], 1, seededRng(1))).toThrow(RangeError);
    expect(() => kmeans(GOLDEN, 2, seededRng(1), { nInit: 0 })).toThrow(RangeError);
  });

  it('inertia is non-increasing across Lloyd iterations (debug hook)', () => {
    const input = threeBlobs(10, 11);
    const seen: { run: number; iteration: number; inertia: number }[] = [];
    kmeans(input.mastery as number[][], 5, seededRng(2), { nInit: 3, onIteration: (x) => seen.push(x) });
    expect(seen.length).toBeGreaterThan(3);
    for (let i = 1; i < seen.length; i++) {
      const [prev, cur] = [seen[i - 1], seen[i]] as [(typeof seen)[0], (typeof seen)[0]];
      if (prev.run === cur.run) {
        expect(cur.iteration).toBe(prev.iteration + 1);
        expect(cur.inertia).toBeLessThanOrEqual(prev.inertia + 1e-12);
      }
    }
  });

  it('inertia is non-increasing in maxIter (same seed, 0..n iterations)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 2 }), {
          minLength: 3,
          maxLength: 40,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (pts, kRaw, seed) => {
          const k = Math.min(kRaw, pts.length);
          let prev = Infinity;
          for (let maxIter = 0; maxIter <= 8; maxIter++) {
            const r = kmeans(pts, k, seededRng(seed), { nInit: 1, maxIter });
            expect(r.inertia).toBeLessThanOrEqual(prev + 1e-9);
            prev = r.inertia;
          }
        },
      ),
    );
  });

  it('property: assignments in range, clusters non-empty, inertia consistent', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }).chain((d) =>
          fc.array(fc.array(fc.constantFrom(0, 0.25, 0.5, 0.75, 1), { minLength: d, maxLength: d }), {
            minLength: 1,
            maxLength: 30,
          }),
        ),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (pts, kRaw, seed) => {
          const k = Math.min(kRaw, pts.length);
          const r = kmeans(pts, k, seededRng(seed));
          expect(r.assignments.length).toBe(pts.length);
          for (const a of r.assignments) expect(a >= 0 && a < k).toBe(true);
          expect(new Set(r.assignments).size).toBe(k);
          expect(r.centroids).toHaveLength(k);
          expect(r.inertia).toBeGreaterThanOrEqual(0);
          expect(r.inertia).toBeCloseTo(sqErr(pts, r.assignments, r.centroids), 9);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Silhouette
// ---------------------------------------------------------------------------------------------

describe('silhouette', () => {
  it('matches a hand computation', () => {
    // Points 0, 1 | 10, 12. s(0) = (mean(10,12) − 1)/11 = 10/11; s(1) = (10 − 1)/10 = 0.9;
    // s(10) = (mean(10,9) − 2)/9.5 = 7.5/9.5; s(12) = (mean(12,11) − 2)/11.5 = 9.5/11.5.
    const expected = (10 / 11 + 0.9 + 7.5 / 9.5 + 9.5 / 11.5) / 4;
    expect(silhouette([[0], [1], [10], [12]], Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(expected, 12);
  });

  it('scores singletons 0 and is null when undefined (one cluster, or every point alone)', () => {
    // [0] alone: 0; [5]: a = 1, b = 5 → 0.8; [6]: a = 1, b = 6 → 5/6.
    expect(silhouette([[0], [5], [6]], Int32Array.from([0, 1, 1]), 2)).toBeCloseTo((0.8 + 5 / 6) / 3, 12);
    expect(silhouette([[0], [5], [6]], Int32Array.from([0, 0, 0]), 1)).toBeNull();
    expect(silhouette([[0], [5], [6]], Int32Array.from([1, 1, 1]), 3)).toBeNull();
    expect(silhouette([[0], [5], [6]], Int32Array.from([0, 1, 2]), 3)).toBeNull();
  });

  it('is near 1 for a clean partition and negative for a crossed one', () => {
    const pts = [[0], [0.01], [10], [10.01]];
    expect(silhouette(pts, Int32Array.from([0, 0, 1, 1]), 2)).toBeGreaterThan(0.99);
    // For [0]: a = 10, b = mean(0.01, 10.01) = 5.01 → ≈ −0.5, and likewise for the others.
    expect(silhouette(pts, Int32Array.from([0, 1, 0, 1]), 2)).toBeCloseTo(-0.4995, 4);
  });

  it('rejects out-of-range assignments', () => {
    expect(() => silhouette([[0], [1]], Int32Array.from([0, 2]), 2)).toThrow(RangeError);
    expect(() => silhouette([[0], [1]], Int32Array.from([0]), 2)).toThrow(RangeError);
  });

  it('property: in [−1, 1] (or null) for any partition; matrix version agrees', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(0, 0.1, 0.5, 0.9, 1), { minLength: 2, maxLength: 2 }), {
          minLength: 1,
          maxLength: 25,
        }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 0, max: 2 ** 31 }),
        (pts, k, seed) => {
          const rng = seededRng(seed);
          const labels = Int32Array.from(pts, () => Math.floor(rng() * k));
          const s = silhouette(pts, labels, k);
          if (s !== null) {
            expect(s).toBeGreaterThanOrEqual(-1);
            expect(s).toBeLessThanOrEqual(1);
          }
          const m = toMatrix(pts);
          expect(silhouetteFromDistances(distanceMatrix(m), m.n, labels, k)).toBe(s);
        },
      ),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// groupLearners
// ---------------------------------------------------------------------------------------------

describe('groupLearners', () => {
  it('golden: pinned groups for a small class and a fixed seed', () => {
    const input = cls([
      [0.1, 0.2, 0.1],
      [0.9, 0.8, 0.9],
      [0.2, 0.1, 0.2],
      [0.5, 0.9, 0.1],
      [0.85, 0.95, 0.8],
      [0.6, 0.8, 0.2],
      [0.15, 0.15, 0.3],
      [0.5, 0.85, 0.15],
    ]);
    const r = groupLearners(input, { seed: 42 });
    expect(r.k).toBe(3);
    expect(r.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6]);
    expect(partition(r)).toEqual({
      A: ['L0', 'L2', 'L6'],
      B: ['L3', 'L5', 'L7'],
      C: ['L1', 'L4'],
    });
    expect(r.groups.map((g) => g.weakest)).toEqual([['s1', 's0', 's2'], ['s2'], []]);
    expect(r.groups.map((g) => g.strongest)).toEqual([[], ['s1', 's0'], ['s2', 's0', 's1']]);
    expect(r.silhouette).toBeCloseTo(Math.max(...r.candidates.map((c) => c.silhouette ?? -1)), 12);
    expect(r.kReason).toEqual({
      key: 'group.kChosen',
      params: { k: 3, score: (r.silhouette as number).toFixed(2) },
    });
  });

  it('three separated blobs: chooses k = 3 and recovers them perfectly', () => {
    const r = groupLearners(threeBlobs());
    expect(r.k).toBe(3);
    expect(r.recommendedK).toBe(3);
    expect(r.adjustedFrom).toBeNull();
    expect(r.silhouetteSampleSize).toBeNull();
    const best = r.candidates.reduce((a, b) => ((b.silhouette ?? -1) > (a.silhouette ?? -1) ? b : a));
    expect(best.k).toBe(3);
    // Ordered by mean mastery: low, mid, high.
    expect(r.groups.map((g) => g.id)).toEqual(['A', 'B', 'C']);
    expect(r.groups.map((g) => new Set(g.learnerIds.map((id) => id.split('-')[0])))).toEqual([
      new Set(['low']),
      new Set(['mid']),
      new Set(['high']),
    ]);
    expect(r.groups.every((g) => g.learnerIds.length === 8)).toBe(true);
    expect(r.silhouette).toBeGreaterThan(0.8);
  });

  it('is deterministic, and the seed is reported', () => {
    const a = groupLearners(threeBlobs(), { seed: 9 });
    const b = groupLearners(threeBlobs(), { seed: 9 });
    expect(b).toEqual(a);
    expect(a.seed).toBe(9);
  });

  it('permuting the input gives the same partition with the same labels', () => {
    const input = threeBlobs(6, 21);
    const base = groupLearners(input, { seed: 4 });
    for (let s = 0; s < 5; s++) {
      const r = groupLearners(permute(input, s), { seed: 4 });
      expect(partition(r)).toEqual(partition(base));
      expect(r.candidates).toEqual(base.candidates);
      expect(r.groups.map((g) => g.centroid)).toEqual(base.groups.map((g) => g.centroid));
    }
  });

  it('a teacher override equal to the automatic k reproduces the automatic partition', () => {
    const auto = groupLearners(threeBlobs(), { seed: 3 });
    const forced = groupLearners(threeBlobs(), { seed: 3, k: auto.k });
    expect(partition(forced)).toEqual(partition(auto));
    expect(forced.requestedK).toBe(3);
    expect(forced.adjustedFrom).toBeNull();
    expect(forced.kReason).toBeNull();
  });

  it('honours an override within range (and above maxK), still reporting the recommendation', () => {
    const two = groupLearners(threeBlobs(), { k: 2 });
    expect(two.k).toBe(2);
    expect(two.recommendedK).toBe(3);
    expect(two.groups).toHaveLength(2);
    const eight = groupLearners(threeBlobs(), { k: 8 });
    expect(eight.k).toBe(8);
    expect(eight.groups.map((g) => g.id)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H']);
    expect(eight.silhouette).not.toBeNull();
  });

  it('never calls a skill weak (or strong) for a group that has not practised it; says so apart', () => {
    // Two clear groups. The low group never practised "decimals" (its mastery there is only the
    // model's starting estimate, far below the class); it did practise "fractions", and is weak there.
    const learnerIds = ['l1', 'l2', 'l3', 'h1', 'h2', 'h3'];
    const mastery = [
      [0.2, 0.1, 0.5, 0.5],
      [0.22, 0.1, 0.5, 0.5],
      [0.18, 0.1, 0.5, 0.5],
      [0.9, 0.9, 0.5, 0.5],
      [0.88, 0.92, 0.5, 0.5],
      [0.92, 0.88, 0.5, 0.5],
    ];
    const practised = learnerIds.map((id) =>
      SKILLS.map((skill) => id.startsWith('h') || skill !== 'decimals'),
    );
    const base = { learnerIds, skillIds: SKILLS, mastery, attempts: learnerIds.map(() => 10) };
    const without = groupLearners(base, { k: 2 });
    const low0 = without.groups[0]!;
    expect(low0.weakest).toContain('decimals'); // the defect: cited as weak with no answers there
    const r = groupLearners({ ...base, practised }, { k: 2 });
    const [low, high] = r.groups;
    expect(low!.learnerIds).toEqual(['l1', 'l2', 'l3']);
    expect(low!.weakest).toEqual(['fractions']);
    expect(low!.series.map((x) => x.skillId)).toEqual(['fractions']);
    expect(low!.notPractised).toEqual(['decimals']);
    expect(high!.notPractised).toEqual([]);
    expect(high!.strongest).toEqual(['decimals', 'fractions']);
    const name = (id: string): string => id.toUpperCase();
    expect(describeGroup(low!, name, 'en')).toBe('Group A: needs work on FRACTIONS.');
    const np = notPractisedMessage(low!, name, 'en')!;
    expect(format(groupingMessagesEn, np, 'en')).toBe('Not practised yet by most of this group: DECIMALS.');
    expect(format(groupingMessagesZh, notPractisedMessage(low!, name, 'zh-CN')!, 'zh-CN')).toBe(
      '这一组大多数人还没练过：DECIMALS。',
    );
    expect(notPractisedMessage(high!, name, 'en')).toBeNull();
  });

  it('orders groups by mean mastery ascending', () => {
    const r = groupLearners(threeBlobs(), { k: 5 });
    const means = r.groups.map((g) => g.meanMastery);
    expect([...means].sort((x, y) => x - y)).toEqual(means);
  });

  describe('degenerate cases', () => {
    it('0 learners: empty result', () => {
      const r = groupLearners({ learnerIds: [], skillIds: ['a'], mastery: [], attempts: [] });
      expect(r.groups).toEqual([]);
      expect(r.k).toBe(0);
      expect(r.recommendedK).toBeNull();
      expect(r.silhouette).toBeNull();
      expect(r.candidates).toEqual([]);
      expect(r.kReason).toBeNull();
    });

    it('1 learner: one group, silhouette null', () => {
      const r = groupLearners(cls([[0.3, 0.7]]));
      expect(r.k).toBe(1);
      expect(partition(r)).toEqual({ A: ['L0'] });
      expect(r.silhouette).toBeNull();
      expect(r.kReason).toEqual({ key: 'group.kSingle' });
      // A single group is the class mean: nothing stands out.
      expect(r.groups[0]?.summary.key).toBe('group.summary.even');
    });

    it('2 different learners: two groups (silhouette undefined); 2 identical: one group', () => {
      const two = groupLearners(cls([[0.2], [0.8]]));
      expect(two.k).toBe(2);
      expect(partition(two)).toEqual({ A: ['L0'], B: ['L1'] });
      expect(two.silhouette).toBeNull();
      expect(two.candidates).toEqual([]);
      const same = groupLearners(cls([[0.4], [0.4]]));
      expect(same.k).toBe(1);
      expect(partition(same)).toEqual({ A: ['L0', 'L1'] });
      // Teacher asks for 2 of 2 identical learners: clamped and reported.
      const asked = groupLearners(cls([[0.4], [0.4]]), { k: 2 });
      expect(asked.k).toBe(1);
      expect(asked.adjustedFrom).toBe(2);
      expect(asked.kReason).toEqual({ key: 'group.kAdjusted', params: { requested: 2, k: 1 } });
    });

    it('more clusters requested than learners (or distinct profiles): clamped, reported', () => {
      const r = groupLearners(cls([[0.1], [0.5], [0.9]]), { k: 10 });
      expect(r.k).toBe(3);
      expect(r.adjustedFrom).toBe(10);
      expect(r.groups.map((g) => g.learnerIds)).toEqual([['L0'], ['L1'], ['L2']]);
      expect(r.silhouette).toBeNull(); // k = n: undefined
      const dup = groupLearners(cls([[0.1], [0.1], [0.1], [0.9]]), { k: 4 });
      expect(dup.k).toBe(2);
      expect(dup.adjustedFrom).toBe(4);
      expect(partition(dup)).toEqual({ A: ['L0', 'L1', 'L2'], B: ['L3'] });
    });

    it('k below 1 is clamped to 1; non-integer k is rejected', () => {
      const r = groupLearners(threeBlobs(), { k: 0 });
      expect(r.k).toBe(1);
      expect(r.adjustedFrom).toBe(0);
      expect(r.groups).toHaveLength(1);
      expect(groupLearners(threeBlobs(), { k: -3 }).adjustedFrom).toBe(-3);
      expect(() => groupLearners(threeBlobs(), { k: 2.5 })).toThrow(ValidationError);
      expect(() => groupLearners(threeBlobs(), { k: Number.NaN })).toThrow(ValidationError);
      expect(() => groupLearners(threeBlobs(), { maxK: 0 })).toThrow(ValidationError);
    });

    it('all learners identical: one group, silhouette null, no candidates', () => {
      const r = groupLearners(cls(Array.from({ length: 7 }, () => [0.5, 0.25, 1])));
      expect(r.k).toBe(1);
      expect(r.groups).toHaveLength(1);
      expect(r.groups[0]?.learnerIds).toHaveLength(7);
      expect(r.silhouette).toBeNull();
      expect(r.candidates).toEqual([]);
      expect(r.inertia).toBe(0);
    });

    it('learners with no attempts form a separate group and do not move the clusters', () => {
      const base = threeBlobs();
      const withNew: GroupingInput = {
        learnerIds: ['new-1', ...base.learnerIds, 'new-2'],
        skillIds: base.skillIds,
        mastery: [[0.5, 0.5, 0.5, 0.5], ...base.mastery, [0.5, 0.5, 0.5, 0.5]],
        attempts: [0, ...base.attempts, 0],
      };
      const a = groupLearners(base);
      const b = groupLearners(withNew);
      expect(b.k).toBe(a.k);
      expect(b.groups.slice(0, -1)).toEqual(a.groups);
      expect(b.classMean).toEqual(a.classMean);
      const last = b.groups[b.groups.length - 1];
      expect(last).toMatchObject({
        id: 'notStarted',
        kind: 'notStarted',
        learnerIds: ['new-1', 'new-2'],
        weakest: [],
        strongest: [],
        series: [],
        summary: { key: 'group.notStarted', params: { count: 2 } },
      });
    });

    it('nobody has started: only the not-started group', () => {
      const r = groupLearners(cls([[0.5], [0.5]], [0, 0]), { k: 3 });
      expect(r.k).toBe(0);
      expect(r.groups.map((g) => g.id)).toEqual(['notStarted']);
      expect(r.recommendedK).toBeNull();
      expect(r.adjustedFrom).toBe(3);
    });

    it('rejects inconsistent input with a ValidationError', () => {
      const ok = cls([[0.1], [0.2]]);
      const bad: GroupingInput[] = [
        { ...ok, attempts: [1] },
        { ...ok, mastery: [[0.1]] },
        { ...ok, learnerIds: ['x', 'x'] },
        { ...ok, mastery: [[0.1], [1.2]] },
        { ...ok, mastery: [[0.1], [Number.NaN]] },
        { ...ok, mastery: [[0.1], [0.2, 0.3]] },
        { ...ok, attempts: [1, -1] },
        {
          ...ok,
          skillIds: ['s0', 's0'],
          mastery: [
            [0.1, 0.1],
            [0.2, 0.2],
          ],
        },
      ];
      for (const input of bad) {
        expect(() => groupLearners(input)).toThrow(ValidationError);
      }
      try {
        groupLearners(bad[0] as GroupingInput);
      } catch (e) {
        expect((e as ValidationError).messageKey).toBe('group.error.badInput');
      }
    });
  });

  describe('explanations', () => {
    it('names the weakest and strongest skills relative to the class mean, chart-ready', () => {
      const r = groupLearners(threeBlobs(), { seed: 1 });
      const mid = r.groups[1];
      if (!mid) throw new Error('expected a middle group');
      // mid blob: times-tables far above the class mean, place-value far below.
      expect(mid.strongest[0]).toBe('times-tables');
      expect(mid.weakest[0]).toBe('place-value');
      expect(mid.series.map((p) => p.skillId)).toEqual([...mid.weakest, ...mid.strongest]);
      for (const p of mid.series) {
        const t = r.skillIds.indexOf(p.skillId);
        expect(p.centroid).toBe(mid.centroid[t]);
        expect(p.classMean).toBe(r.classMean[t]);
        expect(Math.abs(p.centroid - p.classMean)).toBeGreaterThanOrEqual(MIN_CONTRAST);
      }
      expect(mid.weakest.length + mid.strongest.length).toBeLessThanOrEqual(6);
      expect(r.groups[0]?.summary.key).toBe('group.summary.weak');
      expect(r.groups[2]?.summary.key).toBe('group.summary.strong');
      expect(mid.summary.key).toBe('group.summary.both');
      expect(mid.label).toEqual({ key: 'group.label', params: { group: 'B' } });
    });

    it('describeGroup builds the sentence in each locale with translated, joined skill names', () => {
      const r = groupLearners(threeBlobs(), { seed: 1 });
      const names: Record<string, [string, string]> = {
        fractions: ['fractions', '分数'],
        decimals: ['decimals', '小数'],
        'place-value': ['place value', '位值'],
        'times-tables': ['times tables', '乘法表'],
      };
      const en = (id: string) => names[id]?.[0] ?? id;
      const zh = (id: string) => names[id]?.[1] ?? id;
      const [low, mid] = r.groups as [GroupingResult['groups'][0], GroupingResult['groups'][0]];
      expect(describeGroup(mid, en, 'en')).toBe(
        `Group B: needs work on ${joinList(mid.weakest.map(en), 'en')}; strong in ${joinList(mid.strongest.map(en), 'en')}.`,
      );
      expect(describeGroup(mid, zh, 'zh-CN')).toBe(
        `B 组：需要加强${joinList(mid.weakest.map(zh), 'zh-CN')}；擅长${joinList(mid.strongest.map(zh), 'zh-CN')}。`,
      );
      expect(low.weakest).toEqual(['times-tables', 'fractions', 'decimals']);
      expect(describeGroup(low, en, 'en')).toBe(
        'Group A: needs work on times tables, fractions, and decimals.',
      );
      expect(describeGroup(low, zh, 'zh-CN')).toBe('A 组：需要加强乘法表、分数和小数。');
      expect(groupMessage(low, en, 'en')).toEqual({
        key: 'group.summary.weak',
        params: { group: 'A', weak: 'times tables, fractions, and decimals', strong: '' },
      });
    });

    it('describes the not-started group', () => {
      const r = groupLearners(cls([[0.5], [0.2]], [0, 3]));
      const ns = r.groups[1];
      if (!ns) throw new Error('expected a not-started group');
      expect(describeGroup(ns, (id) => id, 'en')).toBe(
        'Not started yet (1): no answers recorded, so these learners are not grouped.',
      );
      expect(describeGroup(ns, (id) => id, 'zh-CN')).toBe('还没开始（1 名学生）：还没有答题记录，暂不分组。');
    });
  });

  it('subsamples silhouettes above silhouetteSample (seeded, reported) and still groups everyone', () => {
    const input = threeBlobs(20, 2);
    const r = groupLearners(input, { silhouetteSample: 15 });
    expect(r.silhouetteSampleSize).toBe(15);
    expect(r.k).toBe(3);
    expect(r.groups.flatMap((g) => g.learnerIds).sort()).toEqual([...input.learnerIds].sort());
    expect(groupLearners(input, { silhouetteSample: 15 })).toEqual(r);
    expect(() => groupLearners(input, { silhouetteSample: 1 })).toThrow(RangeError);
  });

  describe('properties', () => {
    const arbInput = fc
      .record({
        n: fc.integer({ min: 0, max: 24 }),
        d: fc.integer({ min: 1, max: 4 }),
      })
      .chain(({ n, d }) =>
        fc.record({
          mastery: fc.array(fc.array(fc.constantFrom(0, 0.2, 0.5, 0.7, 1), { minLength: d, maxLength: d }), {
            minLength: n,
            maxLength: n,
          }),
          attempts: fc.array(fc.constantFrom(0, 1, 4, 9), { minLength: n, maxLength: n }),
          d: fc.constant(d),
        }),
      )
      .map(({ mastery, attempts, d }): GroupingInput => ({
        learnerIds: mastery.map((_, i) => `id${(i * 7919) % 1000}`),
        skillIds: Array.from({ length: d }, (_, s) => `s${s}`),
        mastery,
        attempts,
      }));
    const arbOpts = fc.record(
      {
        k: fc.integer({ min: -1, max: 30 }),
        seed: fc.integer({ min: 0, max: 2 ** 31 }),
        maxK: fc.integer({ min: 1, max: 8 }),
      },
      { requiredKeys: ['seed'] },
    );

    it('groups partition the learners; labels, ordering, ranges and k are consistent', () => {
      fc.assert(
        fc.property(arbInput, arbOpts, (input, opts) => {
          const r = groupLearners(input, opts);
          const members = r.groups.flatMap((g) => g.learnerIds);
          expect([...members].sort()).toEqual([...input.learnerIds].sort());
          expect(r.groups.every((g) => g.learnerIds.length > 0)).toBe(true);
          const clusters = r.groups.filter((g) => g.kind === 'cluster');
          expect(clusters).toHaveLength(r.k);
          clusters.forEach((g, i) => expect(g.id).toBe(String.fromCharCode(65 + i)));
          for (let i = 1; i < clusters.length; i++) {
            expect(clusters[i]?.meanMastery).toBeGreaterThanOrEqual(clusters[i - 1]?.meanMastery as number);
          }
          const started = input.attempts.filter((a) => a > 0).length;
          expect(r.k).toBeLessThanOrEqual(started);
          if (started > 0) expect(r.k).toBeGreaterThanOrEqual(1);
          if (opts.k === undefined && started > 0) {
            expect(r.k).toBeLessThanOrEqual(Math.max(opts.maxK ?? 6, 1));
          }
          for (const s of [r.silhouette, ...r.candidates.map((c) => c.silhouette)]) {
            if (s !== null) {
              expect(s).toBeGreaterThanOrEqual(-1);
              expect(s).toBeLessThanOrEqual(1);
            }
          }
          for (const g of r.groups) {
            expect(g.weakest.length).toBeLessThanOrEqual(3);
            expect(g.strongest.length).toBeLessThanOrEqual(3);
            expect(g.centroid).toHaveLength(input.skillIds.length);
          }
        }),
      );
    });

    it('input order does not matter', () => {
      fc.assert(
        fc.property(arbInput, arbOpts, fc.integer(), (input, opts, permSeed) => {
          const a = groupLearners(input, opts);
          const b = groupLearners(permute(input, permSeed), opts);
          expect(partition(b)).toEqual(partition(a));
          expect(b.candidates).toEqual(a.candidates);
          expect(b.silhouette).toBe(a.silhouette);
        }),
        { numRuns: 60 },
      );
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

describe('grouping messages', () => {
  it('joinList matches Intl.ListFormat for both locales', () => {
    const lists = [[], ['a'], ['a', 'b'], ['a', 'b', 'c'], ['fractions', 'decimals', 'place value', 'ratio']];
    for (const locale of ['en', 'zh-CN'] as const) {
      const intl = new Intl.ListFormat(locale, { type: 'conjunction' });
      for (const l of lists) expect(joinList(l, locale)).toBe(intl.format(l));
    }
    expect(joinList(['fractions', 'decimals'], 'en')).toBe('fractions and decimals');
    expect(joinList(['分数', '小数'], 'zh-CN')).toBe('分数和小数');
  });

  it('en and zh-CN catalogues have the same keys and placeholders', () => {
    expect(Object.keys(groupingMessagesZh).sort()).toEqual(Object.keys(groupingMessagesEn).sort());
    for (const [key, en] of Object.entries(groupingMessagesEn)) {
      expect(placeholders(groupingMessagesZh[key] as string), key).toEqual(placeholders(en));
    }
  });

  it('every message the engine emits exists and is fully filled in both locales', () => {
    const results = [
      groupLearners(threeBlobs()),
      groupLearners(cls([[0.1], [0.2]], [0, 1])),
      groupLearners(cls([[0.1], [0.1]]), { k: 5 }),
    ];
    const msgs = results.flatMap((r) => [
      ...(r.kReason ? [r.kReason] : []),
      ...r.groups.flatMap((g) => [g.label, groupMessage(g, (id) => id, 'en')]),
    ]);
    const keys = new Set(msgs.map((m) => m.key));
    expect(keys).toEqual(
      new Set([
        'group.kChosen',
        'group.kSingle',
        'group.kAdjusted',
        'group.label',
        'group.notStartedLabel',
        'group.notStarted',
        'group.summary.weak',
        'group.summary.both',
        'group.summary.strong',
        'group.summary.even',
      ]),
    );
    for (const cat of [groupingMessagesEn, groupingMessagesZh]) {
      for (const m of msgs) {
        expect(cat[m.key], m.key).toBeDefined();
        expect(format(cat, m)).not.toMatch(/\{\w+\}/);
      }
    }
  });
});
