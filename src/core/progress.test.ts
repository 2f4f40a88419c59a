import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EloModel } from './elo';
import { buildGraph } from './graph';
import { summaryFromAttempts } from './practice';
import {
  countCrossings,
  dailySeries,
  dayIndexOf,
  dayKeyOf,
  localDayIndex,
  masteryBySkill,
  skillMapLayout,
  streak,
  STUDY_CAP_MS,
  studyMsOf,
  totals,
} from './progress';
import type { Attempt, Difficulty, LearnerModel, Skill, SkillEvidence, SkillId } from './types';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const sk = (id: string, prerequisites: string[] = [], strand = 'n', band = 1): Skill => ({
  id,
  nameKey: `skill.${id}.name`,
  prerequisites,
  strand,
  band,
});

let n = 0;
const at = (timestamp: number, extra: Partial<Attempt> = {}): Attempt => ({
  id: `a${++n}`,
  learnerId: 'l',
  itemId: 'a~1~0',
  skillId: 'a',
  difficulty: 1,
  seed: 0,
  params: {},
  answer: '1',
  correct: true,
  responseMs: 10_000,
  hintsUsed: 0,
  solutionShown: false,
  timestamp,
  appVersion: 'test',
  ...extra,
});

/** UTC ms of a wall-clock time in a zone `offset` minutes east of UTC. */
const local = (offset: number, y: number, mo: number, d: number, h = 0, mi = 0) =>
  Date.UTC(y, mo - 1, d, h, mi) - offset * MIN;

/** Fixed mastery per skill and a mastered flag set by hand (so the two can disagree, as with hysteresis). */
class FixedModel implements LearnerModel {
  readonly name = 'fixed';
  readonly predicted: Difficulty[] = [];
  constructor(
    readonly m: Record<string, number>,
    readonly flags: Record<string, boolean> = {},
  ) {}
  mastery(id: SkillId) {
    return this.m[id] ?? 0.5;
  }
  mastered(id: SkillId) {
    return this.flags[id] ?? false;
  }
  evidence(id: SkillId): SkillEvidence {
    return {
      mastery: this.mastery(id),
      mastered: this.mastered(id),
      recall: undefined,
      attempts: 0,
      wrongRun: 0,
    };
  }
  /** 100 % of mastery at level 1, 90 % at level 2, 80 % at level 3. */
  predict(item: { skillId: SkillId; difficulty: Difficulty }) {
    this.predicted.push(item.difficulty);
    return (this.m[item.skillId] ?? 0.5) * (1.1 - 0.1 * item.difficulty);
  }
  update() {}
}

describe('day keys', () => {
  it('maps timestamps to local days and back', () => {
    expect(dayKeyOf(0)).toBe('1970-01-01');
    expect(dayKeyOf(localDayIndex(local(480, 2024, 2, 29, 23, 59), 480))).toBe('2024-02-29');
    expect(dayKeyOf(localDayIndex(local(-300, 2024, 3, 1, 0, 0), -300))).toBe('2024-03-01');
    expect(dayIndexOf('2024-03-01')).toBe(Date.UTC(2024, 2, 1) / DAY);
    expect(dayIndexOf('2024-02-30')).toBeNull();
    expect(dayIndexOf('yesterday')).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -50_000, max: 50_000 }), (d) => {
        expect(dayIndexOf(dayKeyOf(d))).toBe(d);
      }),
    );
  });
});

describe('dailySeries', () => {
  it('returns the last N local days, oldest first, with empty days as null accuracy', () => {
    const now = local(0, 2024, 3, 10, 12);
    const s = dailySeries([], now, 7, 0);
    expect(s.map((d) => d.day)).toEqual([
      '2024-03-04',
      '2024-03-05',
      '2024-03-06',
      '2024-03-07',
      '2024-03-08',
      '2024-03-09',
      '2024-03-10',
    ]);
    expect(
      s.every((d) => d.attempts === 0 && d.correct === 0 && d.accuracy === null && d.studyMs === 0),
    ).toBe(true);
    expect(dailySeries([], now, 0, 0)).toEqual([]);
  });

  it('buckets by the learner’s local midnight, whatever the offset', () => {
    for (const offset of [0, 480, -300, 330, 840, -720]) {
      const now = local(offset, 2024, 3, 10, 9);
      const attempts = [
        at(local(offset, 2024, 3, 9, 23, 59), { correct: false }),
        at(local(offset, 2024, 3, 10, 0, 0)),
        at(local(offset, 2024, 3, 10, 0, 1)),
        at(local(offset, 2024, 3, 8, 0, 0)),
        at(local(offset, 2024, 3, 7, 23, 59)), // outside a 3-day window
        at(local(offset, 2024, 3, 11, 0, 0)), // tomorrow: outside
      ];
      const s = dailySeries(attempts, now, 3, offset);
      expect(s.map((d) => [d.day, d.attempts, d.correct, d.accuracy])).toEqual([
        ['2024-03-08', 1, 1, 1],
        ['2024-03-09', 1, 0, 0],
        ['2024-03-10', 2, 2, 1],
      ]);
    }
  });

  it('puts the same instant on different days for different zones', () => {
    const instant = Date.UTC(2024, 2, 10, 2, 0); // 02:00 UTC = 10:00 in UTC+8 = 21:00 the day before in UTC−5
    const now = Date.UTC(2024, 2, 10, 3, 0);
    expect(dailySeries([at(instant)], now, 1, 480)[0]).toMatchObject({ day: '2024-03-10', attempts: 1 });
    const ny = dailySeries([at(instant)], now, 2, -300);
    expect(ny.map((d) => [d.day, d.attempts])).toEqual([
      ['2024-03-08', 0],
      ['2024-03-09', 1],
    ]);
  });

  it('caps study time per attempt at five minutes', () => {
    expect(STUDY_CAP_MS).toBe(5 * MIN);
    expect(studyMsOf({ responseMs: 42_000 })).toBe(42_000);
    expect(studyMsOf({ responseMs: 3 * HOUR })).toBe(5 * MIN);
    expect(studyMsOf({ responseMs: -5 })).toBe(0);
    expect(studyMsOf({ responseMs: Number.NaN })).toBe(0);
    const now = local(0, 2024, 1, 1, 12);
    const s = dailySeries(
      [at(now - HOUR, { responseMs: 30_000 }), at(now - 2 * HOUR, { responseMs: DAY })],
      now,
      1,
      0,
    );
    expect(s[0]!.studyMs).toBe(30_000 + 5 * MIN);
  });
});

describe('streak', () => {
  const offset = 480;
  const now = local(offset, 2024, 3, 10, 8); // 08:00 on 10 March, local
  const onDays = (...days: number[]) => days.map((d) => at(local(offset, 2024, 3, d, 12)));

  it('is zero without practice', () => {
    expect(streak([], now, offset)).toEqual({ current: 0, longest: 0 });
  });

  it('counts consecutive days ending today', () => {
    expect(streak(onDays(8, 9, 10), now, offset)).toEqual({ current: 3, longest: 3 });
  });

  it('keeps the streak alive when today is not practised yet', () => {
    expect(streak(onDays(7, 8, 9), now, offset)).toEqual({ current: 3, longest: 3 });
  });

  it('breaks on a missed day', () => {
    expect(streak(onDays(7, 8), now, offset)).toEqual({ current: 0, longest: 2 });
    expect(streak(onDays(1, 2, 3, 4, 6, 9, 10), now, offset)).toEqual({ current: 2, longest: 4 });
  });

  it('counts several attempts on one day once', () => {
    const xs = [
      ...onDays(9, 9, 9),
      at(local(offset, 2024, 3, 9, 0, 0)),
      at(local(offset, 2024, 3, 9, 23, 59)),
    ];
    expect(streak(xs, now, offset)).toEqual({ current: 1, longest: 1 });
  });

  it('uses local midnight: 00:30 local is already the next day', () => {
    const xs = [at(local(offset, 2024, 3, 9, 23, 30)), at(local(offset, 2024, 3, 10, 0, 30))];
    expect(streak(xs, now, offset)).toEqual({ current: 2, longest: 2 });
    // the same two instants seen from UTC fall on one day (9 March, 15:30 and 16:30)
    expect(streak(xs, now, 0)).toEqual({ current: 1, longest: 1 });
  });

  it('accepts day keys', () => {
    expect(streak(['2024-03-09', '2024-03-08', 'garbage', '2024-03-09'], now, offset)).toEqual({
      current: 2,
      longest: 2,
    });
    expect(streak(['2024-02-28', '2024-02-29', '2024-03-01'], now, offset)).toEqual({
      current: 0,
      longest: 3,
    });
  });
});

describe('totals', () => {
  it('sums attempts, correct answers, capped study time and help', () => {
    const xs = [
      at(0, { correct: true, responseMs: 1000 }),
      at(1, { correct: false, responseMs: HOUR, hintsUsed: 2, skillId: 'b' }),
      at(2, { correct: false, responseMs: 2000, solutionShown: true }),
    ];
    expect(totals(xs)).toEqual({
      attempts: 3,
      correct: 1,
      studyMs: 1000 + 5 * MIN + 2000,
      hintsUsed: 2,
      solutionsShown: 1,
      skillsPractised: 2,
    });
    expect(totals([])).toEqual({
      attempts: 0,
      correct: 0,
      studyMs: 0,
      hintsUsed: 0,
      solutionsShown: 0,
      skillsPractised: 0,
    });
  });
});

describe('masteryBySkill', () => {
  const g = buildGraph([sk('a'), sk('b', ['a']), sk('c', ['b']), sk('d')]);

  it('classifies skills as mastered, learning, unlocked or locked by the mastered flag', () => {
    const model = new FixedModel({ a: 0.9, b: 0.6, c: 0.85, d: 0.5 }, { a: true, c: true });
    const practice = summaryFromAttempts([at(0, { skillId: 'a' }), at(1, { skillId: 'b' })]);
    const rows = masteryBySkill(model, g, 0, { practice });
    expect(rows.map((r) => [r.skillId, r.state])).toEqual([
      ['a', 'mastered'],
      ['b', 'learning'],
      ['c', 'mastered'], // mastered beats locked: it was shown
      ['d', 'unlocked'],
    ]);
    // mastery is the model's; retention is its prediction at the hardest level now
    expect(rows[0]).toEqual({ skillId: 'a', mastery: 0.9, retention: 0.9 * 0.8, state: 'mastered' });
    expect(new Set(model.predicted)).toEqual(new Set([3]));
    // without practice information a generic model shows no "learning"
    expect(masteryBySkill(model, g, 0).map((r) => r.state)).toEqual([
      'mastered',
      'unlocked',
      'mastered',
      'unlocked',
    ]);
  });

  it('follows the flag, not the number: a slip keeps the star, a high estimate alone earns none', () => {
    // a: flagged at 0.65 (a slip after mastery); d: 0.95 but never confirmed at level 3
    const model = new FixedModel({ a: 0.65, b: 0.5, c: 0.5, d: 0.95 }, { a: true });
    const practice = summaryFromAttempts([at(0, { skillId: 'a' }), at(1, { skillId: 'd' })]);
    expect(masteryBySkill(model, g, 0, { practice }).map((r) => [r.skillId, r.state])).toEqual([
      ['a', 'mastered'],
      ['b', 'unlocked'], // unlocked by a's flag
      ['c', 'locked'],
      ['d', 'learning'],
    ]);
  });

  it('knows which skills an EloModel has practised and reports forgetting as retention', () => {
    const model = new EloModel(g);
    model.update(at(0, { skillId: 'a', difficulty: 2 }));
    const rows = masteryBySkill(model, g, 60 * DAY);
    expect(rows.map((r) => r.state)).toEqual(['learning', 'locked', 'locked', 'unlocked']);
    expect(rows[0]!.mastery).toBeCloseTo(model.mastery('a'), 15);
    expect(rows[0]!.retention).toBeCloseTo(model.mastery('a', 60 * DAY), 15);
    expect(rows[0]!.retention).toBeLessThan(rows[0]!.mastery);
  });

  it('keeps an EloModel star while time passes, and takes it away after a failed review', () => {
    const model = new EloModel(g);
    let t = 0;
    for (let i = 0; i < 20 && !model.mastered('a'); i++) {
      model.update(at((t += MIN), { skillId: 'a', difficulty: 3 }));
    }
    expect(masteryBySkill(model, g, t).map((r) => r.state)).toEqual([
      'mastered',
      'unlocked',
      'locked',
      'unlocked',
    ]);
    const later = t + 365 * DAY;
    const rows = masteryBySkill(model, g, later);
    expect(rows.map((r) => r.state)).toEqual(['mastered', 'unlocked', 'locked', 'unlocked']);
    expect(rows[0]!.retention).toBeLessThan(0.6); // forgotten, but the star stays
    for (let i = 0; i < 5; i++) {
      model.update(at(later + i * MIN, { skillId: 'a', difficulty: 3, correct: false }));
    }
    expect(masteryBySkill(model, g, later + DAY).map((r) => r.state)).toEqual([
      'learning',
      'locked',
      'locked',
      'unlocked',
    ]);
  });
});

describe('skillMapLayout', () => {
  it('lays out nothing for an empty graph', () => {
    expect(skillMapLayout({ skills: [], byId: new Map(), order: [] })).toEqual({
      nodes: [],
      edges: [],
      width: 0,
      height: 0,
    });
  });

  it('puts each skill in the layer of its longest prerequisite path', () => {
    const g = buildGraph([sk('a'), sk('b', ['a']), sk('c', ['a', 'b']), sk('d'), sk('e', ['d'])]);
    const l = skillMapLayout(g);
    const layer = Object.fromEntries(l.nodes.map((nd) => [nd.id, nd.layer]));
    expect(layer).toEqual({ a: 0, b: 1, c: 2, d: 0, e: 1 });
    expect(l.width).toBe(3);
    expect(l.height).toBe(2);
    expect(l.edges).toEqual([
      { from: 'a', to: 'b' },
      { from: 'a', to: 'c' },
      { from: 'b', to: 'c' },
      { from: 'd', to: 'e' },
    ]);
    for (const nd of l.nodes) expect(nd.x).toBe(nd.layer);
  });

  it('untangles a crossing the input order would cause', () => {
    // roots p, q; layer 1 lists q's child first: drawn in input order the two edges cross.
    const g = buildGraph([sk('p'), sk('q'), sk('qc', ['q']), sk('pc', ['p'])]);
    const l = skillMapLayout(g);
    const y = Object.fromEntries(l.nodes.map((nd) => [nd.id, nd.y]));
    expect(Math.sign(y['p']! - y['q']!)).toBe(Math.sign(y['pc']! - y['qc']!));
  });

  it('counts crossings of straight segments', () => {
    expect(countCrossings([])).toBe(0);
    expect(
      countCrossings([
        { x1: 0, y1: 0, x2: 1, y2: 1 },
        { x1: 0, y1: 1, x2: 1, y2: 0 },
      ]),
    ).toBe(1);
    expect(
      countCrossings([
        { x1: 0, y1: 0, x2: 1, y2: 0 },
        { x1: 0, y1: 0, x2: 1, y2: 1 }, // shared endpoint
        { x1: 0, y1: 1, x2: 1, y2: 1 },
      ]),
    ).toBe(0);
  });

  it('never overlaps nodes and always points edges to a higher layer (property)', () => {
    const dagArb = fc.integer({ min: 1, max: 25 }).chain((size) =>
      fc.tuple(
        ...Array.from({ length: size }, (_, i) =>
          fc.tuple(
            fc.subarray(
              Array.from({ length: i }, (_, j) => j),
              { maxLength: Math.min(3, i) },
            ),
            fc.constantFrom('number', 'fractions', 'algebra'),
          ),
        ),
      ),
    );
    fc.assert(
      fc.property(dagArb, (spec) => {
        const g = buildGraph(
          spec.map(([ps, strand], i) =>
            sk(
              `s${i}`,
              ps.map((j) => `s${j}`),
              strand,
            ),
          ),
        );
        const l = skillMapLayout(g);
        expect(l.nodes.map((nd) => nd.id).sort()).toEqual(g.order.slice().sort());
        const pos = new Map(l.nodes.map((nd) => [nd.id, nd]));
        for (const e of l.edges) expect(pos.get(e.from)!.layer).toBeLessThan(pos.get(e.to)!.layer);
        expect(l.edges.length).toBe(g.skills.reduce((s, k) => s + new Set(k.prerequisites).size, 0));
        for (const a of l.nodes) {
          expect(a.x).toBeGreaterThanOrEqual(0);
          expect(a.x).toBeLessThan(l.width);
          expect(a.y).toBeGreaterThanOrEqual(0);
          expect(a.y).toBeLessThanOrEqual(l.height - 1);
          for (const b of l.nodes) {
            if (a !== b && a.x === b.x) expect(Math.abs(a.y - b.y)).toBeGreaterThanOrEqual(1);
          }
          // a root is in layer 0; anything else sits one past its deepest prerequisite
          const ps = g.byId.get(a.id)!.prerequisites;
          expect(a.layer).toBe(ps.length === 0 ? 0 : Math.max(...ps.map((p) => pos.get(p)!.layer)) + 1);
        }
        // deterministic
        expect(skillMapLayout(g)).toEqual(l);
      }),
      { numRuns: 200 },
    );
  });
});
