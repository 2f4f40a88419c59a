import { describe, expect, it } from 'vitest';
import { EloModel } from './elo';
import { buildGraph } from './graph';
import { nextPlacementProbe, PLACEMENT_MAX, probeSkills, PROBE_ITEMS, redoSummary } from './placement';
import { emptySummary, recordInSummary } from './practice';
import { seededRng } from './rng';
import { nextSelection } from './selection';
import type { Attempt, PracticeSummary, Selection, Skill, SkillGraph, SkillId } from './types';

const T0 = 1_700_000_000_000;
const MIN = 60_000;

const sk = (id: string, prerequisites: string[], band: number): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand: 'test',
  band,
});

/**
 * Five bands. Probes (most ancestors per band): n1 (tie with m1, earlier), p2, p3, p4, p5.
 *
 *   n1 ─ n2 ─┐
 *     └─ p2 ─┴─ p3 ─ p4 ─┐
 *   m1 ─┘└──────── y4    p5
 *   x3 ──────────────────┘
 */
const g = buildGraph([
  sk('n1', [], 1),
  sk('m1', [], 1),
  sk('n2', ['n1'], 2),
  sk('p2', ['n1', 'm1'], 2),
  sk('p3', ['n2', 'p2'], 3),
  sk('x3', [], 3),
  sk('p4', ['p3'], 4),
  sk('y4', ['m1'], 4),
  sk('p5', ['p4', 'x3'], 5),
]);
const bandOf = (graph: SkillGraph, id: SkillId) => graph.byId.get(id)!.band;

let counter = 0;
function attempt(skillId: string, correct: boolean, timestamp = T0 + counter * MIN): Attempt {
  counter += 1;
  return {
    id: `p-${counter}`,
    learnerId: 'l',
    itemId: `${skillId}~3~0`,
    skillId,
    difficulty: 3,
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

const answer = (pr: PracticeSummary, skillId: string, correct: boolean) =>
  recordInSummary(pr, attempt(skillId, correct));

/** Runs the whole check for a learner who knows every band up to `level`; returns the probes asked. */
function runCheck(
  graph: SkillGraph,
  level: number,
): { asked: SkillId[]; indices: number[]; pr: PracticeSummary } {
  let pr = emptySummary();
  const asked: SkillId[] = [];
  const indices: number[] = [];
  for (let step = nextPlacementProbe(graph, pr); step; step = nextPlacementProbe(graph, pr)) {
    asked.push(step.skillId);
    indices.push(step.index);
    pr = answer(pr, step.skillId, bandOf(graph, step.skillId) <= level);
    if (asked.length > 100) throw new Error('the check does not end');
  }
  return { asked, indices, pr };
}

describe('probeSkills', () => {
  it('picks, per band, the skill that builds on the most others', () => {
    expect([...probeSkills(g)].sort(([a], [b]) => a - b)).toEqual([
      [1, 'n1'],
      [2, 'p2'],
      [3, 'p3'],
      [4, 'p4'],
      [5, 'p5'],
    ]);
  });

  it('breaks ties by the topological order', () => {
    const swapped = buildGraph([sk('m1', [], 1), sk('n1', [], 1), sk('top', ['n1'], 2)]);
    expect(probeSkills(swapped).get(1)).toBe('m1');
  });
});

describe('nextPlacementProbe', () => {
  it('asks level-3 probes, PROBE_ITEMS per known band, within PLACEMENT_MAX', () => {
    expect(PLACEMENT_MAX).toBe(12);
    expect(PROBE_ITEMS).toBe(2);
  });

  it('starts in the middle band', () => {
    expect(nextPlacementProbe(g, emptySummary())).toEqual({ skillId: 'p3', index: 1 });
  });

  it('moves up after right answers, a band counting as known after PROBE_ITEMS of them', () => {
    let pr = answer(emptySummary(), 'p3', true);
    expect(nextPlacementProbe(g, pr)).toEqual({ skillId: 'p3', index: 2 }); // one right is not enough
    pr = answer(pr, 'p3', true);
    expect(nextPlacementProbe(g, pr)).toEqual({ skillId: 'p4', index: 3 });
    pr = answer(answer(pr, 'p4', true), 'p4', true);
    expect(nextPlacementProbe(g, pr)).toEqual({ skillId: 'p5', index: 5 });
    pr = answer(answer(pr, 'p5', true), 'p5', true);
    expect(nextPlacementProbe(g, pr)).toBeNull(); // the top band is known: over after 6 items
  });

  it('moves down after a wrong answer, even after a right one on the same probe', () => {
    let pr = answer(emptySummary(), 'p3', false);
    expect(nextPlacementProbe(g, pr)).toEqual({ skillId: 'n1', index: 2 });
    pr = answer(answer(pr, 'n1', true), 'n1', true);
    expect(nextPlacementProbe(g, pr)).toEqual({ skillId: 'p2', index: 4 });
    pr = answer(pr, 'p2', false);
    expect(nextPlacementProbe(g, pr)).toBeNull(); // band 1 known, band 2 not: the frontier

    const slip = answer(answer(emptySummary(), 'p3', true), 'p3', false);
    expect(nextPlacementProbe(g, slip)).toEqual({ skillId: 'n1', index: 3 });
  });

  it('ends after one wrong answer on the lowest probe', () => {
    const pr = answer(answer(emptySummary(), 'p3', false), 'n1', false);
    expect(nextPlacementProbe(g, pr)).toBeNull();
  });

  it('finds every learner level by binary search in at most 2·⌈log₂(bands + 1)⌉ items', () => {
    for (let level = 0; level <= 5; level++) {
      const { asked, indices, pr } = runCheck(g, level);
      expect(asked.length).toBeGreaterThan(0);
      expect(asked.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(5 + 1)));
      expect(indices).toEqual(asked.map((_, i) => i + 1));
      // what the check established: every band up to `level` known, the next one not
      const known = [...pr].filter(([, p]) => p.correct === p.attempts && p.attempts >= PROBE_ITEMS);
      const unknown = [...pr].filter(([, p]) => p.correct < p.attempts);
      const highestKnown = Math.max(0, ...known.map(([id]) => bandOf(g, id)));
      const lowestUnknown = Math.min(6, ...unknown.map(([id]) => bandOf(g, id)));
      expect([highestKnown, lowestUnknown]).toEqual([level, level + 1]);
    }
  });

  it('never asks more than PLACEMENT_MAX items', () => {
    // 200 bands, one skill each: closing the search would take 8 probes × 2 items
    const chain = buildGraph(
      Array.from({ length: 200 }, (_, i) => sk(`c${i}`, i === 0 ? [] : [`c${i - 1}`], i + 1)),
    );
    const { asked, indices } = runCheck(chain, 200);
    expect(asked.length).toBe(PLACEMENT_MAX);
    expect(indices.at(-1)).toBe(PLACEMENT_MAX);
    // counted from the summary: 11 answers leave one more, 12 end the check
    const p = (attempts: number): PracticeSummary =>
      new Map([['c0', { attempts, correct: attempts, lastPracticed: T0 }]]);
    expect(nextPlacementProbe(chain, p(PLACEMENT_MAX - 1))?.index).toBe(PLACEMENT_MAX);
    expect(nextPlacementProbe(chain, p(PLACEMENT_MAX))).toBeNull();
  });

  it('stops as soon as anything but a probe was practised', () => {
    expect(nextPlacementProbe(g, answer(emptySummary(), 'n2', true))).toBeNull();
    const midway = answer(emptySummary(), 'p3', true);
    expect(nextPlacementProbe(g, midway)).not.toBeNull();
    expect(nextPlacementProbe(g, answer(midway, 'x3', false))).toBeNull();
  });

  it('ends when answers contradict each other (a lower band wrong, a higher one right)', () => {
    const pr: PracticeSummary = new Map([
      ['p2', { attempts: 1, correct: 0, lastPracticed: T0 }],
      ['p4', { attempts: 2, correct: 2, lastPracticed: T0 }],
    ]);
    expect(nextPlacementProbe(g, pr)).toBeNull();
  });

  it('keeps no state: the same summary, in any order, gives the same next probe', () => {
    const entries: [SkillId, { attempts: number; correct: number; lastPracticed: number }][] = [
      ['p3', { attempts: 2, correct: 2, lastPracticed: T0 }],
      ['p4', { attempts: 1, correct: 1, lastPracticed: T0 + 1 }],
    ];
    const forward = nextPlacementProbe(g, new Map(entries));
    expect(forward).toEqual({ skillId: 'p4', index: 4 });
    expect(nextPlacementProbe(g, new Map([...entries].reverse()))).toEqual(forward);
  });

  it('can be skipped, and is never due on a course with fewer than two bands', () => {
    expect(nextPlacementProbe(g, emptySummary(), { skip: true })).toBeNull();
    expect(nextPlacementProbe(g, emptySummary(), { skip: false })).not.toBeNull();
    const oneBand = buildGraph([sk('a', [], 2), sk('b', ['a'], 2), sk('c', ['b'], 2)]);
    expect(nextPlacementProbe(oneBand, emptySummary())).toBeNull();
    expect(nextPlacementProbe({ skills: [], byId: new Map(), order: [] }, emptySummary())).toBeNull();
  });
});

describe('the placement check with the Elo model', () => {
  /** nextSelection until the check is over, answering right iff the skill's band ≤ level. */
  function place(level: number) {
    const model = new EloModel(g);
    let pr = emptySummary();
    const rng = seededRng(5);
    const placement: Selection[] = [];
    let t = T0;
    for (;;) {
      const s = nextSelection(model, g, pr, t, rng);
      if (s.reason !== 'placement') return { model, pr, placement, next: s, t };
      expect(s.difficulty).toBe(3);
      expect(s.predicted).toBe(model.predict({ skillId: s.skillId, difficulty: 3 }, t));
      placement.push(s);
      const a = attempt(s.skillId, bandOf(g, s.skillId) <= level, t);
      model.update(a);
      pr = recordInSummary(pr, a);
      t += MIN;
    }
  }

  it('starts a learner who knows band 3 at their frontier, confirming rather than teaching', () => {
    const { model, placement, next } = place(3);
    expect(placement.map((s) => s.skillId)).toEqual(['p3', 'p3', 'p4']);
    expect(placement.map((s) => s.placement)).toEqual([
      { index: 1, max: PLACEMENT_MAX },
      { index: 2, max: PLACEMENT_MAX },
      { index: 3, max: PLACEMENT_MAX },
    ]);
    // the first right answer on p3 credited everything it builds on, and nothing else
    for (const id of ['n1', 'm1', 'n2', 'p2']) expect(model.mastery(id)).toBeCloseTo(0.72, 12);
    for (const id of ['x3', 'y4', 'p5']) expect(model.stability(id)).toBeUndefined();
    // so practice starts with a level-3 item that can confirm a root, not a level-2 lesson
    expect(next).toMatchObject({ difficulty: 3, reason: 'confirm' });
    expect(['n1', 'm1']).toContain(next.skillId);
    expect(next.predicted).toBeCloseTo(0.72, 3);
  });

  it('starts a learner who knows nothing at the roots, with nothing credited', () => {
    const { model, placement, next } = place(0);
    expect(placement.map((s) => s.skillId)).toEqual(['p3', 'n1']);
    for (const id of ['m1', 'n2', 'p2']) expect(model.stability(id)).toBeUndefined();
    // n1, begun (and failed) during the check, continues at the level the model now fits: one
    // wrong level-3 answer takes θ from 0.4 to 0.4 − 1.2·σ(0.4 − 0.9) + 0.05 ≈ 0, so level 1
    // (σ(0.9) ≈ 0.71) is the one in the target band
    expect(next).toMatchObject({ skillId: 'n1', difficulty: 1, reason: 'continue' });
  });
});

describe('redoSummary (a teacher asks the check again)', () => {
  it('counts only answers since the redo on probe skills, so the check starts over and is not ended by other practice', () => {
    const probes = new Set(probeSkills(g).values());
    const other = g.order.find((id) => !probes.has(id))!;
    const probe = [...probes][0]!;
    const at = T0 + 1000 * MIN;
    const history = [
      attempt(probe, false, at - MIN), // before the redo: not counted
      attempt(other, true, at + MIN), // since, but not a probe (a resumed item): not counted
      attempt(probe, true, at + 2 * MIN),
    ];
    const s = redoSummary(g, history, at);
    expect([...s.keys()]).toEqual([probe]);
    expect(s.get(probe)).toMatchObject({ attempts: 1, correct: 1 });
    // The whole history would have ended the check; the redo's summary does not.
    const whole = history.reduce((pr, a) => recordInSummary(pr, a), emptySummary());
    expect(nextPlacementProbe(g, whole)).toBeNull();
    expect(nextPlacementProbe(g, redoSummary(g, history, at))).not.toBeNull();
    expect(nextPlacementProbe(g, redoSummary(g, [], at))).toMatchObject({ index: 1 });
  });
});
