import { describe, expect, it } from 'vitest';
import { mathsGraph } from '../../src/content/maths/index';
import { buildGraph } from '../../src/core/graph';
import type { Difficulty, SkillId } from '../../src/core/types';
import { seededRng } from '../../src/core/rng';
import { createLearner, DAY_MS, type SimLearner } from './families';
import { oraclePolicy } from './policies';
import { oracleReviewPolicy, runReach, targetsMet } from './reach';
import {
  ITEM_MS,
  itemTime,
  POST_TEST_AT,
  postTest,
  RETENTION_DAYS,
  runLearner,
  START,
  summarise,
  type PolicyMetrics,
} from './run';

describe('what the hidden-state references reach (learn:reach)', () => {
  it('without review it is the bench oracle, figure for figure; reviews change the run', () => {
    const { fixed, rows } = runReach(['irt'], [1], 3, [{ rule: 'weakest' }, { every: 3, rule: 'weakest' }]);
    const bench = (policy: 'fixed' | 'oracle') =>
      summarise(
        'irt',
        1,
        policy,
        [0, 1, 2].map((i) => runLearner('irt', policy, mathsGraph, 1, i)),
      );
    expect(fixed).toEqual([bench('fixed')]);
    expect(rows[0]!.metrics).toEqual(bench('oracle'));
    expect(rows[1]!.metrics).not.toEqual(rows[0]!.metrics);
  });

  it('every k-th item before the post-test reviews the mastered skill the 30-day test would lose most', () => {
    // a, b, c are roots; a and b are truly mastered, b will be recalled worse in 30 days; c is open.
    const graph = buildGraph(
      ['a', 'b', 'c'].map((id) => ({ id, nameKey: id, strand: 'number', band: 1, prerequisites: [] })),
    );
    const later = RETENTION_DAYS * DAY_MS;
    const learner: SimLearner = {
      p: (s: SkillId, _l: Difficulty, t: number) =>
        s === 'c' ? 0.7 : t >= later ? (s === 'a' ? 0.6 : 0.4) : 0.9,
      mastered: (s: SkillId) => s !== 'c',
      answer: () => true,
    };
    const policy = oracleReviewPolicy(graph, learner, { every: 3, rule: 'weakest' });
    const picks: string[] = [];
    for (let i = 0; i < 6; i++) {
      const c = policy.choose(0);
      picks.push(`${c.skill}${c.level}`);
      policy.observe(c, true, 0);
    }
    // the oracle's own choice is the open skill at its desirable level; items 3 and 6 are reviews
    expect(picks).toEqual(['c3', 'c3', 'b3', 'c3', 'c3', 'b3']);
    // after the post-test, no more reviews
    for (let i = 6; i < POST_TEST_AT; i++) policy.observe({ skill: 'c', level: 1 }, true, 0);
    const after = [0, 1, 2].map(() => {
      const c = policy.choose(0);
      policy.observe(c, true, 0);
      return c.skill;
    });
    expect(after).toEqual(['c', 'c', 'c']);
  });

  it('the gain rule reviews the skill whose review raises the 30-day test most, and only in the last items', () => {
    const learner = createLearner('memory', mathsGraph, seededRng(5), START);
    // Half a course later: practise the first ten skills on day 10 so several are truly mastered.
    const t = START + 10 * DAY_MS;
    for (const id of mathsGraph.order.slice(0, 10)) {
      for (let i = 0; i < 6; i++) learner.answer(id, 1, t, () => 0);
    }
    const mastered = mathsGraph.order.filter((id) => learner.mastered(id, t + DAY_MS));
    expect(mastered.length).toBeGreaterThan(2);
    // What each review would bring, by brute force on copies.
    const test30 = itemTime(POST_TEST_AT - 1) + ITEM_MS + RETENTION_DAYS * DAY_MS;
    const gainOf = (id: SkillId): number => {
      const pc = learner.p(id, 3, t + DAY_MS + ITEM_MS);
      const right = learner.clone!();
      right.answer(id, 3, t + DAY_MS + ITEM_MS, () => 0);
      const wrong = learner.clone!();
      wrong.answer(id, 3, t + DAY_MS + ITEM_MS, () => 0.999);
      return pc * postTest(right, mathsGraph, test30) + (1 - pc) * postTest(wrong, mathsGraph, test30);
    };
    const best = [...mastered].sort((x, y) => gainOf(y) - gainOf(x))[0];
    const policy = oracleReviewPolicy(mathsGraph, learner, { last: 2, rule: 'gain' });
    for (let i = 0; i < POST_TEST_AT - 3; i++) policy.observe({ skill: 'x', level: 1 }, true, 0);
    // the third item before the post-test is the oracle's own (new learning, not a mastered skill)
    const own = policy.choose(t + DAY_MS);
    expect(own).toEqual(oraclePolicy(mathsGraph, learner).choose(t + DAY_MS));
    expect(mastered).not.toContain(own.skill);
    policy.observe(own, true, 0);
    const before = learner.clone!();
    const c = policy.choose(t + DAY_MS);
    expect(c).toEqual({ skill: best, level: 3 });
    // choosing does not touch the learner (the lookahead works on copies)
    expect(postTest(learner, mathsGraph, test30)).toBe(postTest(before, mathsGraph, test30));
  });

  it('checks the targets against the fixed sequence at their boundaries', () => {
    const m = (median: number | null, post600: number, post30: number, never: number) =>
      ({ medianToMastery: median, post600, post30, never, learners: 100 }) as PolicyMetrics;
    const f = m(1000, 0.7, 0.6, 0);
    expect(targetsMet(m(700, 0.75, 0.68, 1), f)).toEqual({
      answers: true,
      post600: true,
      post30: true,
      never: true,
    });
    expect(targetsMet(m(701, 0.7499, 0.6799, 2), f)).toEqual({
      answers: false,
      post600: false,
      post30: false,
      never: false,
    });
    // a fixed sequence that never finishes is beaten by any finite median, never by "never"
    expect(targetsMet(m(2900, 0, 0, 0), m(null, 0, 0, 0)).answers).toBe(true);
    expect(targetsMet(m(null, 0, 0, 0), m(null, 0, 0, 0)).answers).toBe(false);
  });
});
