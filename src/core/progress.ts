/**
 * Pure data for the progress screen: mastery per skill, a per-day series, streaks, totals and
 * the skill-map layout. Everything takes `now` and the learner's time-zone offset explicitly, so
 * the results do not depend on the machine running them.
 *
 * Study time: an attempt counts as min(responseMs, 5 minutes) of study ({@link STUDY_CAP_MS}).
 * Response time is measured from showing the item to answering it, so an item left open while
 * the learner went to dinner would otherwise count hours; five minutes is longer than any item
 * in the course needs, and negative or non-finite times count 0.
 *
 * Days are local calendar days: `timeZoneOffsetMinutes` is minutes east of UTC (UTC+8 → 480; in a
 * browser, `-new Date().getTimezoneOffset()`), and day keys are 'YYYY-MM-DD'.
 */
import type { Attempt, LearnerModel, PracticeSummary, SkillGraph, SkillId } from './types';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** Longest time one attempt counts as study. */
export const STUDY_CAP_MS = 5 * MINUTE_MS;

/** Study time credited for one attempt: response time capped at {@link STUDY_CAP_MS}. */
export function studyMsOf(attempt: Pick<Attempt, 'responseMs'>): number {
  const ms = attempt.responseMs;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, STUDY_CAP_MS) : 0;
}

/** Days since 1970-01-01 of the local calendar day containing `timestamp`. */
export function localDayIndex(timestamp: number, timeZoneOffsetMinutes: number): number {
  return Math.floor((timestamp + timeZoneOffsetMinutes * MINUTE_MS) / DAY_MS);
}

/** 'YYYY-MM-DD' of a day index. */
export function dayKeyOf(dayIndex: number): string {
  return new Date(dayIndex * DAY_MS).toISOString().slice(0, 10);
}

/** Day index of a 'YYYY-MM-DD' key, or null if it is not a valid date. */
export function dayIndexOf(key: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const index = ms / DAY_MS;
  return dayKeyOf(index) === key ? index : null;
}

// ---------------------------------------------------------------------------------------------
// Mastery by skill

export type SkillState = 'mastered' | 'learning' | 'unlocked' | 'locked';

export interface SkillMastery {
  readonly skillId: SkillId;
  /** The model's mastery: P(correct) at the hardest level, as last shown. */
  readonly mastery: number;
  /** P(correct) at the hardest level now, i.e. with any forgetting the model applies. */
  readonly retention: number;
  readonly state: SkillState;
}

export interface MasteryOptions {
  /** Tells which skills have been practised; without it, a model's `attempts(skillId)` is used if it has one. */
  readonly practice?: PracticeSummary;
}

/**
 * Each skill in topological order with its state: `mastered` (the model's mastered flag, which
 * has hysteresis: forgetting alone never takes a star away, a failed review can), `locked` (some
 * prerequisite not mastered), `learning` (unlocked and practised), else `unlocked`. The selection
 * policy unlocks by the same flag, so the map and the practice agree.
 */
export function masteryBySkill(
  model: LearnerModel,
  graph: SkillGraph,
  now: number,
  options: MasteryOptions = {},
): SkillMastery[] {
  const counter = model as LearnerModel & { attempts?: unknown };
  const practised = (id: SkillId): boolean => {
    if (options.practice) return (options.practice.get(id)?.attempts ?? 0) > 0;
    if (typeof counter.attempts === 'function') return (counter.attempts(id) as number) > 0;
    return false;
  };
  const mastery = new Map<SkillId, number>();
  for (const id of graph.order) mastery.set(id, model.mastery(id));
  return graph.order.map((skillId) => {
    const m = mastery.get(skillId) ?? 0;
    const prereqs = graph.byId.get(skillId)?.prerequisites ?? [];
    const unlocked = prereqs.every((p) => model.mastered(p));
    const state: SkillState = model.mastered(skillId)
      ? 'mastered'
      : !unlocked
        ? 'locked'
        : practised(skillId)
          ? 'learning'
          : 'unlocked';
    return { skillId, mastery: m, retention: model.predict({ skillId, difficulty: 3 }, now), state };
  });
}

// ---------------------------------------------------------------------------------------------
// Daily series, streaks, totals

export interface DayStats {
  readonly day: string;
  readonly attempts: number;
  readonly correct: number;
  /** correct / attempts, or null on a day without attempts. */
  readonly accuracy: number | null;
  readonly studyMs: number;
}

/** The last `days` local days, oldest first, ending with today (the day containing `now`). */
export function dailySeries(
  attempts: readonly Attempt[],
  now: number,
  days: number,
  timeZoneOffsetMinutes: number,
): DayStats[] {
  const count = Math.max(0, Math.floor(days));
  const today = localDayIndex(now, timeZoneOffsetMinutes);
  const first = today - count + 1;
  const buckets = Array.from({ length: count }, () => ({ attempts: 0, correct: 0, studyMs: 0 }));
  for (const a of attempts) {
    const b = buckets[localDayIndex(a.timestamp, timeZoneOffsetMinutes) - first];
    if (!b) continue;
    b.attempts += 1;
    if (a.correct) b.correct += 1;
    b.studyMs += studyMsOf(a);
  }
  return buckets.map((b, i) => ({
    day: dayKeyOf(first + i),
    attempts: b.attempts,
    correct: b.correct,
    accuracy: b.attempts === 0 ? null : b.correct / b.attempts,
    studyMs: b.studyMs,
  }));
}

export interface Streak {
  /** Consecutive practice days ending today, or ending yesterday if today has no practice yet. */
  readonly current: number;
  /** Longest run of consecutive practice days ever. */
  readonly longest: number;
}

/**
 * Streaks of consecutive local days with at least one attempt. Accepts attempts or day keys
 * ('YYYY-MM-DD', already local; invalid keys are ignored).
 */
export function streak(
  input: readonly Attempt[] | readonly string[],
  now: number,
  timeZoneOffsetMinutes: number,
): Streak {
  const days = new Set<number>();
  for (const x of input) {
    if (typeof x === 'string') {
      const d = dayIndexOf(x);
      if (d !== null) days.add(d);
    } else {
      days.add(localDayIndex(x.timestamp, timeZoneOffsetMinutes));
    }
  }
  const sorted = [...days].sort((a, b) => a - b);
  let longest = 0;
  let run = 0;
  sorted.forEach((d, i) => {
    run = i > 0 && sorted[i - 1] === d - 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
  });
  const today = localDayIndex(now, timeZoneOffsetMinutes);
  let d = days.has(today) ? today : today - 1;
  let current = 0;
  while (days.has(d)) {
    current += 1;
    d -= 1;
  }
  return { current, longest };
}

export interface Totals {
  readonly attempts: number;
  readonly correct: number;
  /** Sum of capped study time, see {@link STUDY_CAP_MS}. */
  readonly studyMs: number;
  readonly hintsUsed: number;
  readonly solutionsShown: number;
  /** Distinct skills with at least one attempt. */
  readonly skillsPractised: number;
}

export function totals(attempts: readonly Attempt[]): Totals {
  let correct = 0;
  let studyMs = 0;
  let hintsUsed = 0;
  let solutionsShown = 0;
  const skills = new Set<SkillId>();
  for (const a of attempts) {
    if (a.correct) correct += 1;
    studyMs += studyMsOf(a);
    hintsUsed += Math.max(0, a.hintsUsed);
    if (a.solutionShown) solutionsShown += 1;
    skills.add(a.skillId);
  }
  return {
    attempts: attempts.length,
    correct,
    studyMs,
    hintsUsed,
    solutionsShown,
    skillsPractised: skills.size,
  };
}

// ---------------------------------------------------------------------------------------------
// Skill map layout

export interface MapNode {
  readonly id: SkillId;
  /** Column: the layer, = longest prerequisite path from a root (0 for roots). */
  readonly x: number;
  /** Row within the column, in node units; columns are centred, so half-units occur. */
  readonly y: number;
  readonly layer: number;
}

export interface MapLayout {
  readonly nodes: readonly MapNode[];
  /** Prerequisite → dependant; always from a lower to a higher layer. */
  readonly edges: readonly { readonly from: SkillId; readonly to: SkillId }[];
  /** Number of layers (columns). */
  readonly width: number;
  /** Nodes in the fullest layer (rows). */
  readonly height: number;
}

const LAYOUT_SWEEPS = 4;

/**
 * A layered DAG drawing in abstract units (the view scales them): layer = longest path from a
 * root, so every edge points to a higher layer; within a layer, nodes start grouped by strand in
 * topological order, then alternate barycentre sweeps (down: mean row of prerequisites; up: mean
 * row of dependants) reorder them. The ordering with the fewest edge crossings seen is kept.
 * Deterministic; O(sweeps · (V log V + E) + E²) for the crossing counts — trivial at course size.
 */
export function skillMapLayout(graph: SkillGraph): MapLayout {
  const ids = graph.order.filter((id) => graph.byId.has(id));
  const inGraph = new Set(ids);
  const rank = new Map(ids.map((id, i) => [id, i]));
  const prereqs = new Map<SkillId, SkillId[]>();
  const dependants = new Map<SkillId, SkillId[]>(ids.map((id) => [id, []]));
  const edges: { from: SkillId; to: SkillId }[] = [];
  for (const id of ids) {
    const ps = [...new Set(graph.byId.get(id)!.prerequisites)].filter((p) => inGraph.has(p));
    prereqs.set(id, ps);
    for (const p of ps) {
      dependants.get(p)!.push(id);
      edges.push({ from: p, to: id });
    }
  }

  const layerOf = new Map<SkillId, number>();
  for (const id of ids) {
    let l = 0;
    for (const p of prereqs.get(id)!) l = Math.max(l, (layerOf.get(p) ?? 0) + 1);
    layerOf.set(id, l);
  }
  const width = ids.length === 0 ? 0 : Math.max(...layerOf.values()) + 1;
  const strandRank = new Map<string, number>();
  for (const id of ids) {
    const s = graph.byId.get(id)!.strand;
    if (!strandRank.has(s)) strandRank.set(s, strandRank.size);
  }
  const layers: SkillId[][] = Array.from({ length: width }, () => []);
  for (const id of ids) layers[layerOf.get(id)!]!.push(id);
  for (const layer of layers) {
    layer.sort(
      (a, b) =>
        strandRank.get(graph.byId.get(a)!.strand)! - strandRank.get(graph.byId.get(b)!.strand)! ||
        rank.get(a)! - rank.get(b)!,
    );
  }
  const height = Math.max(0, ...layers.map((l) => l.length));

  const rowsOf = (ls: readonly SkillId[][]): Map<SkillId, number> => {
    const y = new Map<SkillId, number>();
    for (const layer of ls) layer.forEach((id, i) => y.set(id, i + (height - layer.length) / 2));
    return y;
  };
  const crossingsOf = (y: ReadonlyMap<SkillId, number>): number =>
    countCrossings(
      edges.map((e) => ({
        x1: layerOf.get(e.from)!,
        y1: y.get(e.from)!,
        x2: layerOf.get(e.to)!,
        y2: y.get(e.to)!,
      })),
    );

  let bestRows = rowsOf(layers);
  let bestCrossings = crossingsOf(bestRows);
  for (let sweep = 0; sweep < LAYOUT_SWEEPS && bestCrossings > 0; sweep++) {
    const down = sweep % 2 === 0;
    const y = rowsOf(layers);
    const order = down ? layers.keys() : [...layers.keys()].reverse().values();
    for (const l of order) {
      const layer = layers[l]!;
      const key = new Map<SkillId, number>();
      for (const id of layer) {
        const ns = (down ? prereqs : dependants).get(id)!;
        key.set(id, ns.length === 0 ? y.get(id)! : ns.reduce((s, n) => s + y.get(n)!, 0) / ns.length);
      }
      const before = new Map(layer.map((id, i) => [id, i]));
      layer.sort((a, b) => key.get(a)! - key.get(b)! || before.get(a)! - before.get(b)!);
      layer.forEach((id, i) => y.set(id, i + (height - layer.length) / 2));
    }
    const c = crossingsOf(y);
    if (c < bestCrossings) {
      bestCrossings = c;
      bestRows = y;
    }
  }

  const nodes = ids.map((id) => ({ id, x: layerOf.get(id)!, y: bestRows.get(id)!, layer: layerOf.get(id)! }));
  return { nodes, edges, width, height };
}

interface Segment {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** Number of pairs of straight segments that properly cross (shared endpoints do not count). */
export function countCrossings(segments: readonly Segment[]): number {
  const orient = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number =>
    Math.sign((bx - ax) * (cy - ay) - (by - ay) * (cx - ax));
  let n = 0;
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    for (let j = i + 1; j < segments.length; j++) {
      const t = segments[j]!;
      const d1 = orient(s.x1, s.y1, s.x2, s.y2, t.x1, t.y1);
      const d2 = orient(s.x1, s.y1, s.x2, s.y2, t.x2, t.y2);
      const d3 = orient(t.x1, t.y1, t.x2, t.y2, s.x1, s.y1);
      const d4 = orient(t.x1, t.y1, t.x2, t.y2, s.x2, s.y2);
      if (d1 * d2 < 0 && d3 * d4 < 0) n += 1;
    }
  }
  return n;
}
