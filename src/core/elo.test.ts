import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ELO_PARAMS, EloModel, sigmoid, type EloState } from './elo';
import { ValidationError } from './errors';
import { buildGraph } from './graph';
import { learnerMessagesEn, learnerMessagesZh } from './learner-messages';
import { placeholders } from './i18n';
import type { Attempt, Difficulty, Skill } from './types';

const DAY = 86_400_000;
const T0 = 1_700_000_000_000;

const sk = (id: string, prerequisites: string[] = []): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band: 1,
});
const graph = buildGraph([sk('a'), sk('b'), sk('c', ['a', 'b'])]);

let counter = 0;
function attempt(
  skillId: string,
  difficulty: Difficulty,
  correct: boolean,
  timestamp: number,
  extra: Partial<Attempt> = {},
): Attempt {
  counter += 1;
  return {
    id: `att-${counter}`,
    learnerId: 'learner',
    itemId: `${skillId}~${difficulty}~0`,
    skillId,
    difficulty,
    seed: 0,
    params: {},
    answer: '',
    correct,
    responseMs: 4000,
    hintsUsed: 0,
    solutionShown: false,
    timestamp,
    appVersion: 'test',
    ...extra,
  };
}

/** The golden sequence: [skill, difficulty, correct, hints, solutionShown]. */
const GOLDEN: [string, Difficulty, boolean, number, boolean][] = [
  ['a', 2, true, 0, false],
  ['a', 2, true, 0, false],
  ['a', 3, false, 0, false],
  ['a', 1, true, 1, false],
  ['b', 2, false, 0, false],
  ['b', 2, true, 0, true],
  ['c', 2, true, 0, false],
  ['c', 3, true, 2, false],
];

function golden(): EloModel {
  const m = new EloModel(graph);
  GOLDEN.forEach(([s, d, c, h, sol], i) =>
    m.update(attempt(s, d, c, T0 + i * 60_000, { hintsUsed: h, solutionShown: sol })),
  );
  return m;
}

describe('EloModel', () => {
  it('is named elo and starts every root at the prior', () => {
    const m = new EloModel(graph);
    expect(m.name).toBe('elo');
    expect(m.theta('a')).toBe(0);
    expect(m.predict({ skillId: 'a', difficulty: 2 }, T0)).toBe(0.5);
    expect(m.predict({ skillId: 'a', difficulty: 1 }, T0)).toBeCloseTo(sigmoid(1), 15);
    expect(m.predict({ skillId: 'a', difficulty: 3 }, T0)).toBeCloseTo(sigmoid(-1), 15);
    expect(m.mastery('a')).toBe(0.5);
  });

  it('reproduces a golden sequence exactly', () => {
    const m = new EloModel(graph);
    const thetas: number[] = [];
    GOLDEN.forEach(([s, d, c, h, sol], i) => {
      m.update(attempt(s, d, c, T0 + i * 60_000, { hintsUsed: h, solutionShown: sol }));
      thetas.push(m.theta(s));
    });
    const expected = [
      0.5, // 0 + 1·(1 − 0.5)
      0.8595625417125194, // K = 1/1.05
      0.4368823361889699, // incorrect at difficulty 3
      0.34299416313913944, // correct with one hint: y = 0.7 < P ≈ 0.81, so θ drops a little
      -0.5,
      -0.8595625417125194, // solution shown: counts as incorrect even though marked correct
      -0.4795535901701713, // cold start: mean(a, b) − 1 = −1.258…, then a correct answer
      -0.27526297715026526, // two hints: y = 0.4
    ];
    thetas.forEach((t, i) => expect(t).toBeCloseTo(expected[i]!, 12));
    expect(m.k('a')).toBeCloseTo(1 / 1.2, 15);
    expect(m.mastery('a')).toBeCloseTo(0.5849176571203308, 12);
    expect(m.mastery('b')).toBeCloseTo(0.29743075133088503, 12);
    expect(m.predict({ skillId: 'a', difficulty: 3 }, T0 + 7 * DAY)).toBeCloseTo(0.3117538611884731, 12);
    expect(m.mastery('c', T0 + 14 * DAY + 7 * 60_000)).toBeCloseTo(0.4747057133857999, 12);
    expect(m.toJSON()).toEqual({
      version: 1,
      skills: {
        a: { theta: expect.closeTo(0.34299416313913944, 12), n: 4, last: T0 + 3 * 60_000 },
        b: { theta: expect.closeTo(-0.8595625417125194, 12), n: 2, last: T0 + 5 * 60_000 },
        c: { theta: expect.closeTo(-0.27526297715026526, 12), n: 2, last: T0 + 7 * 60_000 },
      },
    });
  });

  it('gives partial credit for hints and none for a shown solution', () => {
    const m = new EloModel(graph);
    const o = (correct: boolean, hintsUsed: number, solutionShown = false) =>
      m.outcome({ correct, hintsUsed, solutionShown });
    expect(o(true, 0)).toBe(1);
    expect(o(true, 1)).toBeCloseTo(0.7, 15);
    expect(o(true, 2)).toBe(0.4);
    expect(o(true, 5)).toBe(0.4);
    expect(o(false, 0)).toBe(0);
    expect(o(false, 3)).toBe(0);
    expect(o(true, 0, true)).toBe(0);
  });

  it('shrinks K with practice down to the floor', () => {
    const m = new EloModel(graph);
    const ks: number[] = [m.k('a')];
    for (let i = 0; i < 200; i++) {
      m.update(attempt('a', 2, i % 2 === 0, T0 + i));
      ks.push(m.k('a'));
    }
    expect(ks[0]).toBe(1);
    for (let i = 1; i < ks.length; i++) expect(ks[i]!).toBeLessThanOrEqual(ks[i - 1]!);
    expect(ks[20]).toBeCloseTo(0.5, 15);
    expect(ks.at(-1)).toBe(DEFAULT_ELO_PARAMS.kMin);
  });

  it('decays predictions towards the prior without touching the stored ability', () => {
    const m = new EloModel(graph);
    for (let i = 0; i < 10; i++) m.update(attempt('a', 2, true, T0 + i * 1000));
    const last = T0 + 9000;
    const theta = m.theta('a');
    const fresh = m.predict({ skillId: 'a', difficulty: 2 }, last);
    expect(fresh).toBeCloseTo(sigmoid(theta), 15);
    expect(m.mastery('a')).toBe(fresh);
    expect(m.mastery('a', last)).toBe(fresh);
    const tau = DEFAULT_ELO_PARAMS.tauMs;
    expect(m.effectiveTheta('a', last + tau)).toBeCloseTo(theta / Math.E, 12);
    const week = m.predict({ skillId: 'a', difficulty: 2 }, last + 7 * DAY);
    const month = m.predict({ skillId: 'a', difficulty: 2 }, last + 30 * DAY);
    const year = m.predict({ skillId: 'a', difficulty: 2 }, last + 365 * DAY);
    expect(week).toBeLessThan(fresh);
    expect(month).toBeLessThan(week);
    expect(year).toBeCloseTo(0.5, 6);
    // a clock earlier than the last practice does not extrapolate
    expect(m.predict({ skillId: 'a', difficulty: 2 }, last - DAY)).toBe(fresh);
    // predictions are pure
    expect(m.theta('a')).toBe(theta);
    expect(m.mastery('a')).toBe(fresh);
  });

  it('cold-starts an unseen skill from its practised prerequisites, capped below mastery', () => {
    const m = new EloModel(graph);
    expect(m.theta('c')).toBe(0); // no prerequisite practised: global prior
    m.update(attempt('a', 2, false, T0));
    expect(m.theta('c')).toBeCloseTo(-0.5 - 1, 15); // only a practised
    for (let i = 0; i < 60; i++) {
      m.update(attempt('a', 3, true, T0 + i));
      m.update(attempt('b', 3, true, T0 + i));
    }
    expect(m.theta('a')).toBeGreaterThan(2.5);
    expect(m.theta('c')).toBe(DEFAULT_ELO_PARAMS.coldMax);
    expect(m.mastery('c')).toBeLessThan(0.8);
    expect(m.attempts('c')).toBe(0);
    // unknown skills (e.g. from an older course) are tracked from the prior
    m.update(attempt('zz', 2, true, T0));
    expect(m.theta('zz')).toBe(0.5);
  });

  it('keeps invariants over random histories', () => {
    const attemptArb = fc.record({
      skill: fc.constantFrom('a', 'b', 'c'),
      difficulty: fc.constantFrom<Difficulty>(1, 2, 3),
      correct: fc.boolean(),
      hints: fc.nat({ max: 3 }),
      solution: fc.boolean(),
      gap: fc.nat({ max: 30 * DAY }),
    });
    fc.assert(
      fc.property(fc.array(attemptArb, { maxLength: 60 }), fc.nat({ max: 400 * DAY }), (xs, later) => {
        const m = new EloModel(graph);
        let t = T0;
        for (const x of xs) {
          t += x.gap;
          const a = attempt(x.skill, x.difficulty, x.correct, t, {
            hintsUsed: x.hints,
            solutionShown: x.solution,
          });
          const before = m.theta(x.skill);
          const kBefore = m.k(x.skill);
          m.update(a);
          const after = m.theta(x.skill);
          if (x.correct && x.hints === 0 && !x.solution) expect(after).toBeGreaterThanOrEqual(before);
          if (!x.correct || x.solution) expect(after).toBeLessThanOrEqual(before);
          expect(m.k(x.skill)).toBeLessThanOrEqual(kBefore);
        }
        for (const s of ['a', 'b', 'c']) {
          for (const d of [1, 2, 3] as const) {
            const p = m.predict({ skillId: s, difficulty: d }, t + later);
            expect(p).toBeGreaterThan(0);
            expect(p).toBeLessThan(1);
          }
          const p1 = m.predict({ skillId: s, difficulty: 1 }, t + later);
          const p3 = m.predict({ skillId: s, difficulty: 3 }, t + later);
          expect(p1).toBeGreaterThan(p3);
          expect(m.mastery(s)).toBeGreaterThan(0);
          expect(m.mastery(s)).toBeLessThan(1);
        }
      }),
    );
  });

  it('round-trips through toJSON/fromState (and JSON text) with identical predictions', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.constantFrom<Difficulty>(1, 2, 3), fc.boolean()),
          {
            maxLength: 40,
          },
        ),
        fc.nat({ max: 100 * DAY }),
        (xs, later) => {
          const m = new EloModel(graph);
          xs.forEach(([s, d, c], i) => m.update(attempt(s, d, c, T0 + i * 3_600_000)));
          const copy = EloModel.fromState(graph, JSON.parse(JSON.stringify(m.toJSON())) as EloState);
          const now = T0 + xs.length * 3_600_000 + later;
          for (const s of ['a', 'b', 'c']) {
            expect(copy.mastery(s)).toBe(m.mastery(s));
            for (const d of [1, 2, 3] as const) {
              expect(copy.predict({ skillId: s, difficulty: d }, now)).toBe(
                m.predict({ skillId: s, difficulty: d }, now),
              );
            }
          }
          expect(copy.toJSON()).toEqual(m.toJSON());
          // the copy is independent
          copy.update(attempt('a', 2, true, now));
          expect(m.attempts('a')).toBe(xs.filter(([s]) => s === 'a').length);
        },
      ),
    );
  });

  it('rejects unknown versions and malformed snapshots with a ValidationError', () => {
    const thrown = (state: unknown): ValidationError => {
      try {
        EloModel.fromState(graph, state as EloState);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return e as ValidationError;
      }
      throw new Error('expected a ValidationError');
    };
    expect(thrown({ version: 2, skills: {} }).messageKey).toBe('error.modelVersion');
    expect(thrown({ version: 2, skills: {} }).params).toEqual({ version: '2' });
    expect(thrown({ skills: {} }).messageKey).toBe('error.modelVersion');
    expect(thrown(null).messageKey).toBe('error.modelVersion');
    expect(thrown({ version: 1 }).messageKey).toBe('error.modelState');
    const bad = thrown({ version: 1, skills: { a: { theta: 'x', n: 1, last: 0 } } });
    expect(bad.messageKey).toBe('error.modelState');
    expect(bad.params).toEqual({ skill: 'a' });
    expect(thrown({ version: 1, skills: { a: { theta: 0, n: -1, last: 0 } } }).messageKey).toBe(
      'error.modelState',
    );
    expect(EloModel.fromState(graph, { version: 1, skills: {} }).toJSON()).toEqual({
      version: 1,
      skills: {},
    });
  });

  it('reproduces golden() from its own snapshot', () => {
    const m = golden();
    const copy = EloModel.fromState(graph, m.toJSON());
    expect(copy.predict({ skillId: 'c', difficulty: 1 }, T0 + DAY)).toBe(
      m.predict({ skillId: 'c', difficulty: 1 }, T0 + DAY),
    );
  });

  it('has catalogue entries for its errors in both languages', () => {
    expect(Object.keys(learnerMessagesZh).sort()).toEqual(Object.keys(learnerMessagesEn).sort());
    for (const [key, en] of Object.entries(learnerMessagesEn)) {
      expect(placeholders(learnerMessagesZh[key]!)).toEqual(placeholders(en));
    }
  });
});
