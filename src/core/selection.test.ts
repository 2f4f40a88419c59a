import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EloModel } from './elo';
import { ValidationError } from './errors';
import { buildGraph } from './graph';
import { PLACEMENT_MAX } from './placement';
import { emptySummary, recordInSummary } from './practice';
import { seededRng } from './rng';
import {
  DEFAULT_MAX_REPEAT,
  DEFAULT_RETENTION,
  DEFAULT_TARGET,
  nextSelection,
  pickDifficulty,
  selectNextItem,
  STEP_BACK,
  STEP_BACK_BELOW,
} from './selection';
import type {
  Attempt,
  Difficulty,
  LearnerModel,
  PracticeSummary,
  Selection,
  Skill,
  SkillEvidence,
  SkillGraph,
  SkillId,
} from './types';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = 1_700_000_000_000;

const sk = (id: string, prerequisites: string[] = [], band = 1): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band,
});

/** What the fake model says about one skill. */
interface FakeSkill {
  /** P(correct) at level 3 (default 0.5); levels 2 and 1 predict 0.1 and 0.2 more. */
  readonly mastery?: number;
  readonly mastered?: boolean;
  readonly attempts?: number;
  /** Predicted recall (default 1 once practised, undefined before). */
  readonly recall?: number;
  readonly wrongRun?: number;
  /** Fixed predictions for levels 1, 2, 3 instead. */
  readonly p?: readonly [number, number, number];
  /** Never answered but credited from a harder skill (the placement's rule). */
  readonly credited?: boolean;
}

/** A model whose evidence is set by hand, so that each policy rule can be exercised alone. */
class FakeModel implements LearnerModel {
  readonly name = 'fake';
  evidenceCalls = 0;
  predictCalls = 0;
  constructor(readonly skills: Readonly<Record<SkillId, FakeSkill>> = {}) {}
  #of(id: SkillId): FakeSkill {
    return this.skills[id] ?? {};
  }
  mastery(id: SkillId): number {
    return this.#of(id).mastery ?? 0.5;
  }
  mastered(id: SkillId): boolean {
    return this.#of(id).mastered ?? false;
  }
  evidence(id: SkillId): SkillEvidence {
    this.evidenceCalls += 1;
    const s = this.#of(id);
    const attempts = s.attempts ?? 0;
    return {
      mastery: this.mastery(id),
      mastered: this.mastered(id),
      recall: attempts > 0 ? (s.recall ?? 1) : undefined,
      attempts,
      wrongRun: s.wrongRun ?? 0,
      ...(s.credited ? { credited: true } : {}),
    };
  }
  predict(item: { skillId: SkillId; difficulty: Difficulty }): number {
    this.predictCalls += 1;
    const s = this.#of(item.skillId);
    if (s.p) return s.p[item.difficulty - 1]!;
    return Math.min(0.99, Math.max(0.01, this.mastery(item.skillId) + 0.1 * (3 - item.difficulty)));
  }
  update(): void {}
}

/** A skill mastered at some time and just practised (recall 1 unless given). */
const MASTERED: FakeSkill = { mastery: 0.9, mastered: true, attempts: 5 };

const practised = (entries: Record<string, number>): PracticeSummary =>
  new Map(
    Object.entries(entries).map(([id, attempts]) => [
      id,
      { attempts, correct: attempts, lastPracticed: T0 - HOUR },
    ]),
  );

let counter = 0;
function attempt(
  skillId: string,
  difficulty: Difficulty,
  correct: boolean,
  timestamp: number,
  hintsUsed = 0,
): Attempt {
  counter += 1;
  return {
    id: `${skillId}-${counter}`,
    learnerId: 'l',
    itemId: `${skillId}~${difficulty}~0`,
    skillId,
    difficulty,
    seed: 0,
    params: {},
    answer: '',
    correct,
    responseMs: 1000,
    hintsUsed,
    solutionShown: false,
    timestamp,
    appVersion: 'test',
  };
}

const select = (
  model: LearnerModel,
  g: SkillGraph,
  options: Parameters<typeof selectNextItem>[5] = {},
  pr: PracticeSummary = emptySummary(),
  seed = 1,
) => selectNextItem(model, g, pr, T0, seededRng(seed), options);

afterEach(() => vi.restoreAllMocks());

describe('constants', () => {
  it('match the documented policy', () => {
    expect(DEFAULT_TARGET).toEqual([0.55, 0.75]);
    expect(DEFAULT_RETENTION).toBe(0.9);
    expect(DEFAULT_MAX_REPEAT).toBe(3);
    expect(STEP_BACK).toBe(3);
    expect(STEP_BACK_BELOW).toBe(0.7);
  });
});

describe('pickDifficulty', () => {
  const pick = (p: [number, number, number], target?: [number, number]) =>
    pickDifficulty(new FakeModel({ s: { p } }), 's', T0, target).difficulty;
  it('prefers a prediction inside the band, the harder one on ties', () => {
    expect(pick([0.95, 0.8, 0.6])).toBe(3);
    expect(pick([0.95, 0.7, 0.4])).toBe(2);
    expect(pick([0.7, 0.6, 0.3])).toBe(2); // both 1 and 2 inside: harder
    expect(pick([0.8, 0.75, 0.72])).toBe(3);
    expect(pick([0.5, 0.4, 0.2])).toBe(1); // all below: closest
    expect(pick([0.99, 0.97, 0.9])).toBe(3); // all above: closest
    expect(pick([0.875, 0.375, 0.1], [0.5, 0.75])).toBe(2); // equal distance 0.125: harder
  });
  it('returns the prediction it chose', () => {
    const r = pickDifficulty(new FakeModel({ s: { p: [0.9, 0.7, 0.4] } }), 's', T0);
    expect(r).toEqual({ difficulty: 2, predicted: 0.7, distance: 0 });
  });
});

describe('selectNextItem', () => {
  const chain = buildGraph([sk('a'), sk('b', ['a']), sk('c', ['b'])]);

  it('rejects a graph without skills', () => {
    const empty: SkillGraph = { skills: [], byId: new Map(), order: [] };
    expect(() => select(new FakeModel(), empty)).toThrow(ValidationError);
    try {
      select(new FakeModel(), empty);
    } catch (e) {
      expect((e as ValidationError).messageKey).toBe('error.selectionEmptyGraph');
    }
  });

  it('starts a new learner on a root at the easiest level', () => {
    // θ₀ = 0.4: P = σ(1.3) ≈ 0.79, σ(0.4) ≈ 0.60, σ(−0.5) ≈ 0.38. The band would pick level 2;
    // a skill never practised starts at level 1.
    expect(select(new EloModel(chain), chain)).toEqual({
      skillId: 'a',
      difficulty: 1,
      predicted: expect.closeTo(1 / (1 + Math.exp(-1.3)), 12),
      reason: 'new',
    });
  });

  it('never calls Math.random', () => {
    vi.spyOn(Math, 'random').mockImplementation(() => {
      throw new Error('Math.random called');
    });
    expect(() => select(new EloModel(chain), chain)).not.toThrow();
    const banded = buildGraph([sk('a'), sk('b', ['a'], 2)]);
    expect(() => nextSelection(new EloModel(banded), banded, emptySummary(), T0, seededRng(1))).not.toThrow();
  });

  describe('reasons', () => {
    it('new: a skill never practised, at level 1; continue: one being learned', () => {
      const g = buildGraph([sk('a')]);
      expect(select(new FakeModel(), g)).toEqual({
        skillId: 'a',
        difficulty: 1,
        predicted: 0.7,
        reason: 'new',
      });
      // Level 1 even where the model expects the hardest to fit (as it does from mastered
      // prerequisites): a new skill is not "confirmed" before it was ever practised.
      expect(select(new FakeModel({ a: { p: [0.95, 0.85, 0.7] } }), g)).toEqual({
        skillId: 'a',
        difficulty: 1,
        predicted: 0.95,
        reason: 'new',
      });
      expect(select(new FakeModel({ a: { attempts: 2 } }), g)).toEqual({
        skillId: 'a',
        difficulty: 2,
        predicted: 0.6,
        reason: 'continue',
      });
    });

    it('confirm: level 3 chosen for a skill not yet mastered, practised or not', () => {
      const g = buildGraph([sk('a')]);
      const p = [0.95, 0.85, 0.7] as const;
      expect(select(new FakeModel({ a: { p, attempts: 4 } }), g)).toEqual({
        skillId: 'a',
        difficulty: 3,
        predicted: 0.7,
        reason: 'confirm',
      });
      // a skill credited from a harder one: its first item can already confirm it
      expect(select(new FakeModel({ a: { p, credited: true } }), g)).toMatchObject({
        difficulty: 3,
        reason: 'confirm',
      });
      // level 3 for a mastered skill is practice, not a confirmation
      expect(select(new FakeModel({ a: { ...MASTERED, p } }), g).reason).toBe('practice');
    });

    it('review: a mastered skill whose recall fell below retention, with that recall', () => {
      const due = new FakeModel({ a: { ...MASTERED, recall: 0.85 } });
      expect(select(due, chain)).toEqual({
        skillId: 'a',
        difficulty: 3, // does mastery hold at the hardest level?
        predicted: 0.9,
        reason: 'review',
        recall: 0.85,
      });
      // exactly at retention, or above: not due, the frontier goes on
      expect(select(new FakeModel({ a: { ...MASTERED, recall: 0.9 } }), chain)).toMatchObject({
        skillId: 'b',
        reason: 'new',
      });
      expect(select(new FakeModel({ a: { ...MASTERED, recall: 0.95 } }), chain).recall).toBeUndefined();
      // a lower desired retention makes it due later
      expect(select(due, chain, { retention: 0.8 })).toMatchObject({ skillId: 'b', reason: 'new' });
    });

    it('review: at level 3 unless the model expects less than 50 % there', () => {
      const g = buildGraph([sk('a')]);
      const shaky = new FakeModel({ a: { ...MASTERED, recall: 0.5, p: [0.8, 0.62, 0.45] } });
      expect(select(shaky, g)).toEqual({
        skillId: 'a',
        difficulty: 2,
        predicted: 0.62,
        reason: 'review',
        recall: 0.5,
      });
      const holding = new FakeModel({ a: { ...MASTERED, recall: 0.5, p: [0.9, 0.8, 0.5] } });
      expect(select(holding, g)).toMatchObject({ difficulty: 3, predicted: 0.5, reason: 'review' });
    });

    it('review: the most forgotten first, ahead of the frontier', () => {
      const g = buildGraph([sk('a'), sk('b'), sk('new')]);
      const m = new FakeModel({ a: { ...MASTERED, recall: 0.8 }, b: { ...MASTERED, recall: 0.5 } });
      for (let seed = 0; seed < 10; seed++) {
        expect(select(m, g, {}, emptySummary(), seed)).toMatchObject({
          skillId: 'b',
          reason: 'review',
          recall: 0.5,
        });
      }
    });

    it('practice: a mastered skill at level 3 when nothing else is left, the least recalled first', () => {
      const g = buildGraph([sk('a'), sk('b')]);
      const m = new FakeModel({ a: { ...MASTERED, recall: 0.99 }, b: { ...MASTERED, recall: 0.92 } });
      const s = select(m, g);
      expect(s).toEqual({ skillId: 'b', difficulty: 3, predicted: 0.9, reason: 'practice' });
      expect('recall' in s).toBe(false);
    });

    it(`easier: one level down after ${STEP_BACK} wrong answers in a row`, () => {
      const g = buildGraph([sk('a')]);
      // level 2 fits ([0.7, 0.6, 0.5]); after three wrong answers level 1 is asked
      expect(select(new FakeModel({ a: { attempts: 5, wrongRun: 2 } }), g)).toMatchObject({
        difficulty: 2,
        reason: 'continue',
      });
      expect(select(new FakeModel({ a: { attempts: 5, wrongRun: 3 } }), g)).toEqual({
        skillId: 'a',
        difficulty: 1,
        predicted: 0.7,
        reason: 'easier',
      });
      expect(select(new FakeModel({ a: { attempts: 9, wrongRun: 7 } }), g)).toMatchObject({
        difficulty: 1,
        reason: 'easier',
      });
      // from level 3 it is level 2
      expect(select(new FakeModel({ a: { attempts: 5, wrongRun: 3, p: [0.95, 0.85, 0.7] } }), g)).toEqual({
        skillId: 'a',
        difficulty: 2,
        predicted: 0.85,
        reason: 'easier',
      });
    });

    it('prerequisite: back to the weakest prerequisite once already at level 1', () => {
      // a mastered but shaky at level 3 (0.6 < 0.7); b failed three times at level 1
      const g = buildGraph([sk('a'), sk('b', ['a'])]);
      const weak: FakeSkill = { ...MASTERED, p: [0.9, 0.8, 0.6] };
      const stuck: FakeSkill = { attempts: 6, wrongRun: 3, p: [0.5, 0.3, 0.1] };
      const m = new FakeModel({ a: weak, b: stuck });
      expect(select(m, g)).toEqual({
        skillId: 'a',
        difficulty: 3,
        predicted: 0.6,
        reason: 'prerequisite',
        stepFrom: 'b',
      });
      // not twice: a prerequisite practised within `recent` blocks the step back; b is then
      // asked at level 1 as usual — not 'easier', since level 1 is what it would have been anyway
      expect(select(m, g, { recent: ['a', 'b'] })).toEqual({
        skillId: 'b',
        difficulty: 1,
        predicted: 0.5,
        reason: 'continue',
      });
      // not when the prerequisite holds (0.7 is not below STEP_BACK_BELOW)
      const solid = new FakeModel({ a: { ...weak, p: [0.9, 0.8, STEP_BACK_BELOW] }, b: stuck });
      expect(select(solid, g)).toMatchObject({ skillId: 'b', difficulty: 1, reason: 'continue' });
      // not before the third wrong answer
      const two = new FakeModel({ a: weak, b: { ...stuck, wrongRun: 2 } });
      expect(select(two, g)).toMatchObject({ skillId: 'b', difficulty: 1, reason: 'continue' });
      // not when a harder level was still the fit: first one level easier
      const atTwo = new FakeModel({ a: weak, b: { ...stuck, p: [0.8, 0.6, 0.3] } });
      expect(select(atTwo, g)).toMatchObject({ skillId: 'b', difficulty: 1, reason: 'easier' });
      // a root has nothing to step back to: level 1 as usual, 'continue' (or 'new' if never practised)
      const root = new FakeModel({ a: { attempts: 6, wrongRun: 3, p: [0.5, 0.3, 0.1] } });
      expect(select(root, g)).toMatchObject({ skillId: 'a', difficulty: 1, reason: 'continue' });
      const rootNew = new FakeModel({ a: { attempts: 0, wrongRun: 3, p: [0.5, 0.3, 0.1] } });
      expect(select(rootNew, g)).toMatchObject({ skillId: 'a', difficulty: 1, reason: 'new' });
    });

    it('easier: only when the level was actually lowered', () => {
      const g = buildGraph([sk('a')]);
      for (const p of [
        [0.5, 0.3, 0.1],
        [0.7, 0.6, 0.5],
        [0.95, 0.85, 0.7],
        [0.99, 0.97, 0.9],
      ] as const) {
        for (const wrongRun of [STEP_BACK, STEP_BACK + 2]) {
          const m = new FakeModel({ a: { attempts: 6, wrongRun, p } });
          const fit = pickDifficulty(m, 'a', T0).difficulty;
          const s = select(m, g);
          if (s.reason === 'easier') expect(s.difficulty).toBeLessThan(fit);
          expect(s.reason === 'easier').toBe(fit > 1);
          expect(s.difficulty).toBe(Math.max(1, fit - 1));
        }
      }
    });

    it('prerequisite: never to a locked prerequisite, however weak', () => {
      // r → a → b ← c: a is flagged mastered but locked (r is not mastered); c is unlocked.
      // r sits in a higher band and fits badly, so b (stuck at level 1) is the frontier chosen.
      const g = buildGraph([sk('r', [], 3), sk('a', ['r']), sk('c'), sk('b', ['a', 'c'])]);
      const r: FakeSkill = { p: [0.5, 0.3, 0.1] };
      const lockedWeak: FakeSkill = { ...MASTERED, p: [0.6, 0.4, 0.2] };
      const stuck: FakeSkill = { attempts: 6, wrongRun: 3, p: [0.5, 0.3, 0.1] };
      for (let seed = 0; seed < 10; seed++) {
        // c is shaky (0.6): the step back goes to c, not to the weaker but locked a
        const m = new FakeModel({ r, a: lockedWeak, c: { ...MASTERED, p: [0.9, 0.8, 0.6] }, b: stuck });
        expect(select(m, g, {}, emptySummary(), seed)).toEqual({
          skillId: 'c',
          difficulty: 3,
          predicted: 0.6,
          reason: 'prerequisite',
          stepFrom: 'b',
        });
        // c holds: the only shaky prerequisite is locked, so there is no step back at all
        const solid = new FakeModel({ r, a: lockedWeak, c: { ...MASTERED, p: [0.9, 0.8, 0.8] }, b: stuck });
        expect(select(solid, g, {}, emptySummary(), seed)).toEqual({
          skillId: 'b',
          difficulty: 1,
          predicted: 0.5,
          reason: 'continue',
        });
      }
    });

    it('prerequisite: the weakest of several, blocked if any of them was just practised', () => {
      const g = buildGraph([sk('a'), sk('a2'), sk('b', ['a', 'a2'])]);
      const m = new FakeModel({
        a: { ...MASTERED, p: [0.9, 0.8, 0.65] },
        a2: { ...MASTERED, p: [0.8, 0.7, 0.5] },
        b: { attempts: 6, wrongRun: 4, p: [0.4, 0.2, 0.1] },
      });
      expect(select(m, g)).toMatchObject({
        skillId: 'a2',
        reason: 'prerequisite',
        stepFrom: 'b',
        difficulty: 2,
      });
      expect(select(m, g, { recent: ['a'] })).toMatchObject({
        skillId: 'b',
        difficulty: 1,
        reason: 'continue',
      });
    });

    it('prerequisite: with the Elo model, after a slip on a mastered skill', () => {
      const g = buildGraph([sk('a'), sk('b', ['a'])]);
      const m = new EloModel(g);
      let t = T0;
      while (!m.mastered('a')) m.update(attempt('a', 3, true, (t += MIN)));
      m.update(attempt('a', 3, false, (t += MIN)));
      m.update(attempt('a', 3, true, (t += MIN), 2));
      expect(m.mastered('a')).toBe(true); // hysteresis: still unlocks b
      expect(m.mastery('a')).toBeLessThan(STEP_BACK_BELOW);
      for (let i = 0; i < STEP_BACK; i++) m.update(attempt('b', 1, false, (t += MIN)));
      expect(pickDifficulty(m, 'b', t).difficulty).toBe(1);
      expect(selectNextItem(m, g, emptySummary(), t, seededRng(1))).toMatchObject({
        skillId: 'a',
        reason: 'prerequisite',
        stepFrom: 'b',
      });
    });
  });

  it('unlocks by the mastered flag, not by the mastery estimate', () => {
    // a estimated high but never confirmed: b stays locked
    const unconfirmed = new FakeModel({ a: { mastery: 0.95, attempts: 5 } });
    expect(select(unconfirmed, chain)).toMatchObject({ skillId: 'a', reason: 'confirm' });
    // a flagged but slipped to 0.65 (hysteresis): b is open
    const slipped = new FakeModel({ a: { ...MASTERED, mastery: 0.65 } });
    expect(select(slipped, chain)).toMatchObject({ skillId: 'b', reason: 'new' });
    // c needs b, which is not mastered, however well a is known
    for (let seed = 0; seed < 20; seed++) {
      expect(select(slipped, chain, {}, emptySummary(), seed).skillId).not.toBe('c');
    }
  });

  it('prefers lower bands among frontier skills', () => {
    const g = buildGraph([sk('hard', [], 3), sk('easy', [], 1)]);
    for (let seed = 0; seed < 20; seed++) {
      expect(select(new FakeModel(), g, {}, emptySummary(), seed).skillId).toBe('easy');
    }
  });

  it('prefers a skill already started (+0.2) over an untouched one', () => {
    const g = buildGraph([sk('a'), sk('b')]);
    for (let seed = 0; seed < 20; seed++) {
      expect(select(new FakeModel({ b: { attempts: 1 } }), g, {}, practised({ b: 1 }), seed)).toMatchObject({
        skillId: 'b',
        reason: 'continue',
      });
    }
  });

  it('targets difficulty with the model’s predictions', () => {
    const g = buildGraph([sk('a')]);
    const m = new FakeModel({ a: { p: [0.97, 0.9, 0.78], attempts: 1 } });
    expect(select(m, g)).toMatchObject({ difficulty: 3, predicted: 0.78 });
    expect(select(m, g, { target: [0.85, 0.95] })).toMatchObject({ difficulty: 2, predicted: 0.9 });
  });

  it('does not repeat a skill more than maxRepeat times in a row when there is an alternative', () => {
    const g = buildGraph([sk('a'), sk('b')]);
    const m = new FakeModel({ b: MASTERED });
    expect(select(m, g, { recent: ['a', 'a'] }).skillId).toBe('a');
    expect(select(m, g, { recent: ['b', 'a', 'a', 'a'] })).toMatchObject({
      skillId: 'b',
      reason: 'practice',
    });
    // no alternative: repeat
    const single = buildGraph([sk('a')]);
    expect(select(m, single, { recent: ['a', 'a', 'a', 'a'] }).skillId).toBe('a');
    // a tighter limit, and none at all
    expect(select(m, g, { recent: ['a'], maxRepeat: 1 }).skillId).toBe('b');
    expect(select(m, g, { recent: ['a', 'a', 'a', 'a'], maxRepeat: 0 }).skillId).toBe('a');
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
      if (s.skillId === 'c') expect(model.mastered('a')).toBe(true);
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
    // 20 equal roots: topological rank costs 0.015 per step, jitter is up to 0.05, so the first
    // few are all possible and later ones are not
    const roots = buildGraph(Array.from({ length: 20 }, (_, i) => sk(`r${i}`)));
    const firsts = new Set<SkillId>();
    for (let seed = 0; seed < 100; seed++) {
      firsts.add(select(new EloModel(roots), roots, {}, emptySummary(), seed).skillId);
    }
    expect(firsts.size).toBeGreaterThan(1);
    for (const id of firsts) expect(Number(id.slice(1))).toBeLessThan(4);
  });

  describe('focus', () => {
    it('boosts an unlocked focus skill', () => {
      const g = buildGraph([sk('a'), sk('b', [], 4)]);
      const s = select(new FakeModel(), g, { focus: ['b'] });
      expect(s).toMatchObject({ skillId: 'b', reason: 'focus' });
      // The focus skill itself: nothing to explain beyond "your teacher's focus".
      expect(s.focusFor).toBeUndefined();
    });

    it('names the focus over confirm, not over a step back; a mastered focus is done', () => {
      const g = buildGraph([sk('a'), sk('b')]);
      const confirm = new FakeModel({ b: { p: [0.95, 0.85, 0.7], attempts: 2 } });
      expect(select(confirm, g, { focus: ['b'] })).toEqual({
        skillId: 'b',
        difficulty: 3,
        predicted: 0.7,
        reason: 'focus',
      });
      // A focus (or goal) already mastered is done: it is no longer boosted, and a due review of
      // it says it is a review.
      const review = select(new FakeModel({ b: { ...MASTERED, recall: 0.5 } }), g, { focus: ['b'] });
      expect(review).toMatchObject({ skillId: 'b', reason: 'review', recall: 0.5 });
      const stuck = new FakeModel({ b: { attempts: 5, wrongRun: 3 } });
      expect(select(stuck, g, { focus: ['b'] })).toEqual({
        skillId: 'b',
        difficulty: 1,
        predicted: 0.7,
        reason: 'easier',
      });
      const chainStuck = new FakeModel({
        a: { ...MASTERED, p: [0.9, 0.8, 0.6] },
        b: { attempts: 6, wrongRun: 3, p: [0.5, 0.3, 0.1] },
      });
      expect(select(chainStuck, chain, { focus: ['b'] })).toEqual({
        skillId: 'a',
        difficulty: 3,
        predicted: 0.6,
        reason: 'prerequisite',
        stepFrom: 'b',
      });
    });

    it('boosts the nearest unmastered unlocked prerequisite of a locked focus skill', () => {
      // r1 → m1 → deep → f, r2 → f; r1 mastered, m1 and r2 not. r2 is one step away.
      const g = buildGraph([
        sk('r1'),
        sk('other'),
        sk('r2', [], 2),
        sk('m1', ['r1'], 2),
        sk('deep', ['m1'], 2),
        sk('f', ['deep', 'r2'], 3),
      ]);
      const m = new FakeModel({ r1: MASTERED });
      const pr = practised({ r1: 5 });
      const s = select(m, g, { focus: ['f'] }, pr);
      expect(s).toMatchObject({ skillId: 'r2', reason: 'focus' });
      // A prerequisite is not the focus: it says which focus skill it prepares for.
      expect(s.focusFor).toBe('f');
      // with r2 mastered, the walk goes on through deep (locked) to m1
      const m2 = new FakeModel({ r1: MASTERED, r2: MASTERED });
      expect(select(m2, g, { focus: ['f'] }, pr)).toMatchObject({
        skillId: 'm1',
        reason: 'focus',
        focusFor: 'f',
      });
      // unknown focus ids are ignored
      expect(select(m, g, { focus: ['nope'] }, pr).reason).not.toBe('focus');
    });
  });

  it('asks the model about each skill once (evidence) and a few predictions, never the history', () => {
    const ids = Array.from({ length: 40 }, (_, i) => `s${i}`);
    const g = buildGraph(ids.map((id, i) => sk(id, i === 0 ? [] : [`s${Math.floor(i / 2)}`])));
    const m = new FakeModel(Object.fromEntries(ids.slice(0, 20).map((id) => [id, MASTERED])));
    select(m, g, {}, emptySummary(), 3);
    expect(m.evidenceCalls).toBe(40);
    // three per unlocked skill to fit the level, one more for a mastered one (asked at level 3)
    expect(m.predictCalls).toBeLessThanOrEqual(4 * 40);
  });

  // ---- property: over random DAGs and random evidence, each reason holds exactly when its rule does ----

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
      fc.array(
        fc.record({
          mastery: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
          mastered: fc.boolean(),
          attempts: fc.nat({ max: 6 }),
          // mostly fresh, sometimes fading, so that every rule gets its turn
          recall: fc.oneof(
            { arbitrary: fc.constant(1), weight: 4 },
            { arbitrary: fc.double({ min: 0.3, max: 1, noNaN: true }), weight: 1 },
          ),
          wrongRun: fc.nat({ max: 5 }),
          band: fc.integer({ min: 1, max: 4 }),
          // read only for a skill never answered (the placement's credit)
          credited: fc.boolean(),
        }),
        { minLength: n, maxLength: n },
      ),
      fc.array(fc.nat({ max: n - 1 }), { maxLength: 2 }),
      fc.integer(),
    ),
  );

  it('never picks a locked skill, and gives the reason its rule gives (property)', () => {
    fc.assert(
      fc.property(dagArb, ([prereqs, ev, recentIdx, seed]) => {
        const skills = prereqs.map((ps, i) =>
          sk(
            `k${i}`,
            ps.map((j) => `k${j}`),
            ev[i]!.band,
          ),
        );
        const g = buildGraph(skills);
        const m = new FakeModel(
          Object.fromEntries(
            skills.map((s, i) => {
              const e = ev[i]!;
              // a mastered skill has been practised
              return [s.id, { ...e, attempts: e.mastered ? Math.max(1, e.attempts) : e.attempts }];
            }),
          ),
        );
        const recent = recentIdx.map((i) => `k${i}`);
        const s = selectNextItem(m, g, emptySummary(), T0, seededRng(seed), { recent });

        const isMastered = (id: SkillId) => m.mastered(id);
        const unlocked = (id: SkillId) => g.byId.get(id)!.prerequisites.every(isMastered);
        const reviewDue = (id: SkillId) => isMastered(id) && m.evidence(id).recall! < DEFAULT_RETENTION;
        const p3 = (id: SkillId) => m.predict({ skillId: id, difficulty: 3 });
        expect(g.byId.has(s.skillId)).toBe(true);
        expect([1, 2, 3]).toContain(s.difficulty);
        expect(s.predicted).toBe(m.predict({ skillId: s.skillId, difficulty: s.difficulty }));

        // A review, when due on an unlocked skill, outranks everything else (4+ against 3.25 at most).
        expect(s.reason === 'review').toBe(g.order.some((id) => unlocked(id) && reviewDue(id)));

        // Whatever the reason, a step back included: never a locked skill.
        expect(unlocked(s.skillId)).toBe(true);

        if (s.reason === 'prerequisite') {
          // A step back: to the weakest unlocked direct prerequisite (a mastered one, since
          // stepFrom is unlocked) of an unlocked, unmastered skill stuck at level 1, none of its
          // prerequisites just practised.
          const from = s.stepFrom!;
          const ps = g.byId.get(from)!.prerequisites;
          expect(unlocked(from)).toBe(true);
          expect(isMastered(from)).toBe(false);
          expect(m.evidence(from).wrongRun).toBeGreaterThanOrEqual(STEP_BACK);
          expect(pickDifficulty(m, from, T0).difficulty).toBe(1);
          expect(ps).toContain(s.skillId);
          expect(ps.some((q) => recent.includes(q))).toBe(false);
          expect(p3(s.skillId)).toBeLessThan(STEP_BACK_BELOW);
          for (const q of ps.filter(unlocked)) expect(p3(q)).toBeGreaterThanOrEqual(p3(s.skillId));
          return;
        }
        expect(s.stepFrom).toBeUndefined();
        const e = m.evidence(s.skillId);
        const fit = pickDifficulty(m, s.skillId, T0);
        if (e.mastered) {
          if (e.recall! < DEFAULT_RETENTION) {
            expect(s.reason).toBe('review');
            expect(s.recall).toBe(e.recall);
            expect(s.difficulty).toBe(p3(s.skillId) >= 0.5 ? 3 : fit.difficulty);
          } else {
            expect(s.reason).toBe('practice');
            expect(s.recall).toBeUndefined();
            expect(s.difficulty).toBe(3);
          }
          // extra practice only once nothing unlocked is left to learn
          if (s.reason === 'practice') {
            expect(g.order.some((id) => unlocked(id) && !isMastered(id))).toBe(false);
          }
          return;
        }
        expect(s.recall).toBeUndefined();
        // 'easier' exactly when the level was lowered: stuck, and a harder level was the fit
        if (e.wrongRun >= STEP_BACK && fit.difficulty > 1) {
          expect(s.reason).toBe('easier');
          expect(s.difficulty).toBe(fit.difficulty - 1);
        } else {
          if (e.wrongRun >= STEP_BACK) {
            // stuck at level 1 with nothing to step back to (no unlocked prerequisite below
            // STEP_BACK_BELOW, or one of them just practised): asked like any other
            const ps = g.byId.get(s.skillId)!.prerequisites;
            expect(
              ps.some((q) => recent.includes(q)) ||
                ps.filter(unlocked).every((q) => p3(q) >= STEP_BACK_BELOW),
            ).toBe(true);
          }
          expect(s.reason).not.toBe('easier');
          if (e.attempts === 0 && e.credited !== true) {
            // never practised, not credited: a new skill, at the easiest level
            expect(s.reason).toBe('new');
            expect(s.difficulty).toBe(1);
          } else {
            expect(s.difficulty).toBe(fit.difficulty);
            expect(s.reason).toBe(fit.difficulty === 3 ? 'confirm' : 'continue');
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('nextSelection', () => {
  const banded = buildGraph([sk('a'), sk('b', ['a'], 2), sk('c', ['b'], 3)]);

  it('starts a new learner with the placement check, at level 3', () => {
    const model = new EloModel(banded);
    expect(nextSelection(model, banded, emptySummary(), T0, seededRng(1))).toEqual({
      skillId: 'b',
      difficulty: 3,
      predicted: model.predict({ skillId: 'b', difficulty: 3 }, T0),
      reason: 'placement',
      placement: { index: 1, max: PLACEMENT_MAX },
    });
  });

  it('is selectNextItem when the check is skipped, over, or not due', () => {
    const model = new EloModel(banded);
    const plain = selectNextItem(model, banded, emptySummary(), T0, seededRng(1));
    expect(plain.reason).toBe('new');
    expect(nextSelection(model, banded, emptySummary(), T0, seededRng(1), { skipPlacement: true })).toEqual(
      plain,
    );
    // over: b wrong then a wrong
    let pr = emptySummary();
    for (const id of ['b', 'a']) {
      const a = attempt(id, 3, false, T0);
      model.update(a);
      pr = recordInSummary(pr, a);
    }
    expect(nextSelection(model, banded, pr, T0, seededRng(1))).toEqual(
      selectNextItem(model, banded, pr, T0, seededRng(1)),
    );
    expect(nextSelection(model, banded, pr, T0, seededRng(1)).reason).not.toBe('placement');
    // not due: a course with one band
    const flat = buildGraph([sk('a'), sk('b', ['a'])]);
    const fresh = new EloModel(flat);
    expect(nextSelection(fresh, flat, emptySummary(), T0, seededRng(1))).toEqual(
      selectNextItem(fresh, flat, emptySummary(), T0, seededRng(1)),
    );
  });

  it('passes the options on to selectNextItem after the check', () => {
    const g = buildGraph([sk('a'), sk('b', [], 1)]);
    const s = nextSelection(new FakeModel(), g, emptySummary(), T0, seededRng(1), { focus: ['b'] });
    expect(s).toMatchObject({ skillId: 'b', reason: 'focus' });
  });
});
