import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EloModel } from './elo';
import { ValidationError } from './errors';
import { buildGraph } from './graph';
import { emptySummary, recordInSummary } from './practice';
import { seededRng } from './rng';
import { pickDifficulty, reviewInterval, REVIEW_MAX_MS, REVIEW_MIN_MS, selectNextItem } from './selection';
import type {
  Attempt,
  Difficulty,
  LearnerModel,
  PracticeSummary,
  Selection,
  Skill,
  SkillGraph,
  SkillId,
} from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = 1_700_000_000_000;

const sk = (id: string, prerequisites: string[] = [], band = 1): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band,
});

/** A model with fixed mastery per skill; predictions around it (±0.1 per difficulty level). */
class FakeModel implements LearnerModel {
  readonly name = 'fake';
  masteryCalls = 0;
  predictCalls = 0;
  constructor(
    readonly m: Map<SkillId, number>,
    readonly p: Map<SkillId, readonly [number, number, number]> = new Map(),
  ) {}
  mastery(id: SkillId): number {
    this.masteryCalls += 1;
    return this.m.get(id) ?? 0.5;
  }
  predict(item: { skillId: SkillId; difficulty: Difficulty }): number {
    this.predictCalls += 1;
    const fixed = this.p.get(item.skillId);
    if (fixed) return fixed[item.difficulty - 1]!;
    const m = this.m.get(item.skillId) ?? 0.5;
    return Math.min(0.99, Math.max(0.01, m + 0.1 * (2 - item.difficulty)));
  }
  update(): void {}
}

const practised = (entries: Record<string, { attempts: number; lastPracticed: number }>): PracticeSummary =>
  new Map(Object.entries(entries).map(([id, p]) => [id, { ...p, correct: p.attempts }]));

function attempt(skillId: string, difficulty: Difficulty, correct: boolean, timestamp: number): Attempt {
  return {
    id: `${skillId}-${timestamp}`,
    learnerId: 'l',
    itemId: `${skillId}~${difficulty}~0`,
    skillId,
    difficulty,
    seed: 0,
    params: {},
    answer: '',
    correct,
    responseMs: 1000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp,
    appVersion: 'test',
  };
}

afterEach(() => vi.restoreAllMocks());

describe('reviewInterval', () => {
  it('grows with mastery and with practice, within bounds', () => {
    expect(reviewInterval(0.8, 5) / DAY).toBeCloseTo(4.12, 2);
    expect(reviewInterval(0.9, 15) / DAY).toBeCloseTo(7.58, 2);
    expect(reviewInterval(0, 0)).toBe(REVIEW_MIN_MS);
    expect(reviewInterval(1, 1e9)).toBe(REVIEW_MAX_MS);
    expect(reviewInterval(Number.NaN, Number.NaN)).toBe(REVIEW_MIN_MS);
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.nat({ max: 1000 }),
        fc.nat({ max: 1000 }),
        (m1, m2, a1, a2) => {
          const [lo, hi] = m1 <= m2 ? [m1, m2] : [m2, m1];
          const [fa, ma] = a1 <= a2 ? [a1, a2] : [a2, a1];
          expect(reviewInterval(lo, fa)).toBeLessThanOrEqual(reviewInterval(hi, fa));
          expect(reviewInterval(lo, fa)).toBeLessThanOrEqual(reviewInterval(lo, ma));
          expect(reviewInterval(lo, fa)).toBeGreaterThanOrEqual(REVIEW_MIN_MS);
          expect(reviewInterval(hi, ma)).toBeLessThanOrEqual(REVIEW_MAX_MS);
        },
      ),
    );
  });
});

describe('pickDifficulty', () => {
  const pick = (p: [number, number, number], target?: [number, number]) =>
    pickDifficulty(new FakeModel(new Map(), new Map([['s', p]])), 's', T0, target).difficulty;
  it('prefers a prediction inside the band, the harder one on ties', () => {
    expect(pick([0.95, 0.8, 0.6])).toBe(2);
    expect(pick([0.8, 0.75, 0.5])).toBe(2); // both 1 and 2 inside: harder
    expect(pick([0.8, 0.75, 0.72])).toBe(3);
    expect(pick([0.6, 0.4, 0.2])).toBe(1); // all below: closest
    expect(pick([0.99, 0.97, 0.9])).toBe(3); // all above: closest
    expect(pick([0.875, 0.375, 0.1], [0.5, 0.75])).toBe(2); // equal distance 0.125: harder
  });
  it('returns the prediction it chose', () => {
    const r = pickDifficulty(new FakeModel(new Map(), new Map([['s', [0.9, 0.8, 0.6]]])), 's', T0);
    expect(r).toEqual({ difficulty: 2, predicted: 0.8, distance: 0 });
  });
});

describe('selectNextItem', () => {
  const chain = buildGraph([sk('a'), sk('b', ['a']), sk('c', ['b'])]);

  it('rejects a graph without skills', () => {
    const empty: SkillGraph = { skills: [], byId: new Map(), order: [] };
    expect(() => selectNextItem(new FakeModel(new Map()), empty, emptySummary(), T0, seededRng(1))).toThrow(
      ValidationError,
    );
    try {
      selectNextItem(new FakeModel(new Map()), empty, emptySummary(), T0, seededRng(1));
    } catch (e) {
      expect((e as ValidationError).messageKey).toBe('error.selectionEmptyGraph');
    }
  });

  it('starts a new learner on a root at the easiest level', () => {
    const s = selectNextItem(new EloModel(chain), chain, emptySummary(), T0, seededRng(1));
    expect(s).toEqual({
      skillId: 'a',
      difficulty: 1,
      predicted: expect.closeTo(0.731, 3),
      reason: 'frontier',
    });
  });

  it('never calls Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    expect(() => selectNextItem(new EloModel(chain), chain, emptySummary(), T0, seededRng(1))).not.toThrow();
  });

  it('moves to the next skill once the prerequisite is mastered', () => {
    const m = new FakeModel(new Map([['a', 0.9]]));
    const s = selectNextItem(
      m,
      chain,
      practised({ a: { attempts: 10, lastPracticed: T0 - HOUR } }),
      T0,
      seededRng(1),
    );
    expect(s.skillId).toBe('b');
    expect(s.reason).toBe('frontier');
  });

  it('prefers lower bands among frontier skills', () => {
    const g = buildGraph([sk('hard', [], 3), sk('easy', [], 1)]);
    for (let seed = 0; seed < 20; seed++) {
      expect(selectNextItem(new FakeModel(new Map()), g, emptySummary(), T0, seededRng(seed)).skillId).toBe(
        'easy',
      );
    }
  });

  it('picks a mastered skill that is due for review over the frontier', () => {
    const m = new FakeModel(new Map([['a', 0.9]]));
    const due = selectNextItem(
      m,
      chain,
      practised({ a: { attempts: 10, lastPracticed: T0 - 30 * DAY } }),
      T0,
      seededRng(1),
    );
    expect(due).toMatchObject({ skillId: 'a', reason: 'review' });
    const interval = reviewInterval(0.9, 10);
    const justDue = practised({ a: { attempts: 10, lastPracticed: T0 - interval } });
    expect(selectNextItem(m, chain, justDue, T0, seededRng(1)).skillId).toBe('a');
    const notYet = practised({ a: { attempts: 10, lastPracticed: T0 - interval + 1 } });
    expect(selectNextItem(m, chain, notYet, T0, seededRng(1))).toMatchObject({
      skillId: 'b',
      reason: 'frontier',
    });
  });

  it('labels a mastered skill practised for want of anything else as practice', () => {
    const g = buildGraph([sk('a')]);
    const m = new FakeModel(new Map([['a', 0.95]]));
    const s = selectNextItem(
      m,
      g,
      practised({ a: { attempts: 5, lastPracticed: T0 - HOUR } }),
      T0,
      seededRng(1),
    );
    expect(s).toMatchObject({ skillId: 'a', reason: 'practice' });
  });

  it('targets difficulty with the model’s predictions', () => {
    const g = buildGraph([sk('a')]);
    const m = new FakeModel(new Map([['a', 0.5]]), new Map([['a', [0.97, 0.9, 0.78] as const]]));
    expect(selectNextItem(m, g, emptySummary(), T0, seededRng(1))).toMatchObject({
      difficulty: 3,
      predicted: 0.78,
    });
  });

  it('does not repeat a skill more than three times in a row when there is an alternative', () => {
    const g = buildGraph([sk('a'), sk('b')]);
    const m = new FakeModel(new Map([['b', 0.95]]));
    const pr = practised({ b: { attempts: 5, lastPracticed: T0 - HOUR } });
    expect(selectNextItem(m, g, pr, T0, seededRng(1), { recent: ['a', 'a'] }).skillId).toBe('a');
    expect(selectNextItem(m, g, pr, T0, seededRng(1), { recent: ['b', 'a', 'a', 'a'] }).skillId).toBe('b');
    // no alternative: repeat
    const single = buildGraph([sk('a')]);
    expect(selectNextItem(m, single, pr, T0, seededRng(1), { recent: ['a', 'a', 'a', 'a'] }).skillId).toBe(
      'a',
    );
    // a tighter limit
    expect(selectNextItem(m, g, pr, T0, seededRng(1), { recent: ['a'], maxRepeat: 1 }).skillId).toBe('b');
  });

  it('never selects one skill more than three times running in a simulated session', () => {
    // two roots, so there is always an alternative
    const g = buildGraph([sk('a'), sk('b'), sk('c', ['a'])]);
    const model = new EloModel(g);
    let pr = emptySummary();
    const rng = seededRng(7);
    const picks: SkillId[] = [];
    for (let i = 0; i < 300; i++) {
      const s = selectNextItem(model, g, pr, T0 + i * 20_000, rng, { recent: picks.slice(-4) });
      const a = attempt(s.skillId, s.difficulty, rng() < 0.8, T0 + i * 20_000);
      model.update(a);
      pr = recordInSummary(pr, a);
      picks.push(s.skillId);
    }
    let run = 1;
    for (let i = 1; i < picks.length; i++) {
      run = picks[i] === picks[i - 1] ? run + 1 : 1;
      expect(run).toBeLessThanOrEqual(3);
    }
    expect(new Set(picks)).toEqual(new Set(['a', 'b', 'c']));
  });

  it('is deterministic for a fixed seed and breaks ties with the rng', () => {
    const g = buildGraph([sk('x'), sk('y'), sk('z')]);
    const run = (seed: number): Selection[] => {
      const model = new EloModel(g);
      let pr = emptySummary();
      const rng = seededRng(seed);
      const out: Selection[] = [];
      for (let i = 0; i < 50; i++) {
        const s = selectNextItem(model, g, pr, T0 + i * 10_000, rng, {
          recent: out.slice(-4).map((x) => x.skillId),
        });
        const a = attempt(s.skillId, s.difficulty, i % 3 !== 0, T0 + i * 10_000);
        model.update(a);
        pr = recordInSummary(pr, a);
        out.push(s);
      }
      return out;
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    // 20 equal roots: topological rank costs 0.015 per step, jitter is up to 0.05, so the first
    // few are all possible and later ones are not
    const roots = buildGraph(Array.from({ length: 20 }, (_, i) => sk(`r${i}`)));
    const firsts = new Set<SkillId>();
    for (let seed = 0; seed < 100; seed++) {
      firsts.add(selectNextItem(new EloModel(roots), roots, emptySummary(), T0, seededRng(seed)).skillId);
    }
    expect(firsts.size).toBeGreaterThan(1);
    for (const id of firsts) expect(Number(id.slice(1))).toBeLessThan(4);
  });

  it('boosts an unlocked focus skill', () => {
    const g = buildGraph([sk('a'), sk('b', [], 4)]);
    const s = selectNextItem(new FakeModel(new Map()), g, emptySummary(), T0, seededRng(1), { focus: ['b'] });
    expect(s).toMatchObject({ skillId: 'b', reason: 'focus' });
    // The focus skill itself: nothing to explain beyond "your teacher's focus".
    expect(s.focusFor).toBeUndefined();
  });

  it('boosts the nearest unmastered unlocked prerequisite of a locked focus skill', () => {
    // r1 → m1 → f, r2 → f; r1 mastered, m1 and r2 not. m1 and r2 are both unlocked and one step away.
    const g = buildGraph([
      sk('r1'),
      sk('other'),
      sk('r2', [], 2),
      sk('m1', ['r1'], 2),
      sk('deep', ['m1'], 2),
      sk('f', ['deep', 'r2'], 3),
    ]);
    const m = new FakeModel(new Map([['r1', 0.9]]));
    const pr = practised({ r1: { attempts: 5, lastPracticed: T0 - HOUR } });
    const s = selectNextItem(m, g, pr, T0, seededRng(1), { focus: ['f'] });
    expect(s).toMatchObject({ skillId: 'r2', reason: 'focus' });
    // A prerequisite is not the focus: it says which focus skill it prepares for (walk-through).
    expect(s.focusFor).toBe('f');
    // with r2 mastered, the walk goes on through deep (locked) to m1
    const m2 = new FakeModel(
      new Map([
        ['r1', 0.9],
        ['r2', 0.9],
      ]),
    );
    const s2 = selectNextItem(m2, g, pr, T0, seededRng(1), { focus: ['f'] });
    expect(s2).toMatchObject({ skillId: 'm1', reason: 'focus', focusFor: 'f' });
    // unknown focus ids are ignored
    expect(selectNextItem(m, g, pr, T0, seededRng(1), { focus: ['nope'] }).reason).not.toBe('focus');
  });

  it('asks the model about each skill at most once per difficulty and never reads the history', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const g = buildGraph(ids.map((id, i) => sk(id, i === 0 ? [] : [`s${Math.floor(i / 2)}`])));
    const m = new FakeModel(new Map(ids.slice(0, 20).map((id) => [id, 0.9])));
    selectNextItem(m, g, emptySummary(), T0, seededRng(3));
    expect(m.masteryCalls).toBeLessThanOrEqual(40);
    expect(m.predictCalls).toBeLessThanOrEqual(3 * 40);
  });

  // ---- property: prerequisites are respected over random DAGs and random mastery ----

  const dagArb = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.tuple(
      fc.tuple(
        ...Array.from({ length: n }, (_, i) =>
          fc.subarray(
            Array.from({ length: i }, (_, j) => j),
            { maxLength: Math.min(3, i) },
          ),
        ),
      ),
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: n, maxLength: n }),
      fc.array(fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }), {
        minLength: n,
        maxLength: n,
      }),
      fc.integer(),
    ),
  );

  it('never picks a locked skill, and picks an unmastered one when one is unlocked (property)', () => {
    fc.assert(
      fc.property(dagArb, ([prereqs, mastery, bands, daysAgo, seed]) => {
        const skills = prereqs.map((ps, i) =>
          sk(
            `k${i}`,
            ps.map((j) => `k${j}`),
            bands[i],
          ),
        );
        const g = buildGraph(skills);
        const m = new FakeModel(new Map(skills.map((s, i) => [s.id, mastery[i]!])));
        const pr: PracticeSummary = new Map(
          skills.flatMap((s, i) => {
            const d = daysAgo[i];
            return d === undefined
              ? []
              : [[s.id, { attempts: 3, correct: 2, lastPracticed: T0 - d * DAY }] as const];
          }),
        );
        const mastered = (id: SkillId) => (m.m.get(id) ?? 0) >= 0.8;
        const unlocked = (id: SkillId) => g.byId.get(id)!.prerequisites.every(mastered);
        const s = selectNextItem(m, g, pr, T0, seededRng(seed));
        expect(g.byId.has(s.skillId)).toBe(true);
        expect(unlocked(s.skillId)).toBe(true);
        expect([1, 2, 3]).toContain(s.difficulty);
        expect(s.predicted).toBeGreaterThan(0);
        expect(s.predicted).toBeLessThan(1);
        if (s.reason !== 'review' && g.order.some((id) => unlocked(id) && !mastered(id))) {
          expect(mastered(s.skillId)).toBe(false);
          expect(s.reason).toBe('frontier');
        }
        if (s.reason === 'review') {
          const p = pr.get(s.skillId)!;
          expect(T0 - p.lastPracticed).toBeGreaterThanOrEqual(
            reviewInterval(m.m.get(s.skillId)!, p.attempts),
          );
        }
      }),
      { numRuns: 300 },
    );
  });
});
