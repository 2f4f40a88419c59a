/**
 * The placement check: a few hardest-level questions that start a new learner at their frontier
 * instead of at the first skill of the course.
 *
 * A binary search over the course's bands (grades): for band b the probe is the skill of that
 * band that builds on the most others (its ancestors). Each probe asks up to
 * {@link PROBE_ITEMS} level-3 items: all right → the band is known (search higher), one wrong →
 * not known (search lower). It stops when the search has closed, after {@link PLACEMENT_MAX}
 * items, or as soon as the learner has practised anything but probes. With 7 bands it takes at
 * most 3 probes × 2 = 6 items, well inside the 12.
 *
 * The check keeps no state of its own: where it stands is read from the practice summary, so a
 * reload, a second tab or a restored backup resumes it correctly, and the placement itself is
 * the model's rule that a right answer at level 3 on a skill never answered before credits what
 * the skill builds on (elo.ts), so replaying the attempts gives the same start.
 */
import { recordInSummary, emptySummary } from './practice';
import type { Attempt, PracticeSummary, SkillGraph, SkillId } from './types';

/** Most items the check may ask (the limit; the search needs fewer). */
export const PLACEMENT_MAX = 12;
/** Level-3 items a probe asks before its band counts as known. */
export const PROBE_ITEMS = 2;

/** The probe skill per band: the one with the most ancestors (ties: earlier in the order). */
export function probeSkills(graph: SkillGraph): ReadonlyMap<number, SkillId> {
  const ancestors = new Map<SkillId, Set<SkillId>>();
  for (const id of graph.order) {
    const set = new Set<SkillId>();
    for (const p of graph.byId.get(id)?.prerequisites ?? []) {
      set.add(p);
      for (const a of ancestors.get(p) ?? []) set.add(a);
    }
    ancestors.set(id, set);
  }
  const probes = new Map<number, SkillId>();
  for (const id of graph.order) {
    const band = graph.byId.get(id)!.band;
    const cur = probes.get(band);
    if (cur === undefined || ancestors.get(id)!.size > ancestors.get(cur)!.size) probes.set(band, id);
  }
  return probes;
}

export interface PlacementStep {
  readonly skillId: SkillId;
  /** 1-based number of the item about to be asked. */
  readonly index: number;
}

/**
 * The next placement item (always level 3), or null when the check is over (or was never due:
 * the learner has practised something other than probes, or answered {@link PLACEMENT_MAX}).
 * `skip` turns it off (a teacher placed the learner by hand, or a course without bands).
 */
export function nextPlacementProbe(
  graph: SkillGraph,
  practice: PracticeSummary,
  options: { readonly skip?: boolean } = {},
): PlacementStep | null {
  if (options.skip) return null;
  const probes = probeSkills(graph);
  const bands = [...probes.keys()].sort((a, b) => a - b);
  if (bands.length < 2) return null;
  const probeSet = new Set(probes.values());
  let answered = 0;
  for (const [id, p] of practice) {
    if (!probeSet.has(id)) return null;
    answered += p.attempts;
  }
  if (answered >= PLACEMENT_MAX) return null;
  // Search over band positions: lo = highest known (−1: none), hi = lowest unknown (length: none).
  let lo = -1;
  let hi = bands.length;
  let pending: number | undefined;
  bands.forEach((band, i) => {
    const p = practice.get(probes.get(band)!);
    if (!p || p.attempts === 0) return;
    if (p.correct < p.attempts) hi = Math.min(hi, i);
    else if (p.attempts >= PROBE_ITEMS) lo = Math.max(lo, i);
    else pending = i;
  });
  if (pending !== undefined && pending > lo && pending < hi) {
    return { skillId: probes.get(bands[pending]!)!, index: answered + 1 };
  }
  if (hi - lo <= 1) return null;
  const mid = Math.floor((lo + hi) / 2);
  return { skillId: probes.get(bands[mid]!)!, index: answered + 1 };
}

/**
 * What a placement check asked for again reads (a teacher's redo, app/teacher.ts): the answers
 * since then on probe skills only. Other answers since (an item left on screen and resumed, say)
 * do not end it: it ends when its search closes or after {@link PLACEMENT_MAX} answers.
 */
export function redoSummary(graph: SkillGraph, attempts: Iterable<Attempt>, since: number): PracticeSummary {
  const probes = new Set(probeSkills(graph).values());
  let summary = emptySummary();
  for (const a of attempts) {
    if (a.timestamp >= since && probes.has(a.skillId)) summary = recordInSummary(summary, a);
  }
  return summary;
}
