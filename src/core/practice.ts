/**
 * The per-skill practice summary (attempts, correct, last practice time) kept next to the learner
 * model so the selection policy never scans the attempt history.
 *
 * Two ways to maintain it:
 * - {@link recordInSummary} is persistent (returns a new map, leaves the old one intact) so the
 *   practice session can keep the old summary if saving fails. It copies the map, i.e. O(skills)
 *   per attempt — a few dozen entries, well under a microsecond per entry.
 * - {@link SummaryBuilder} mutates in place, O(1) per attempt, for replaying a whole history
 *   ({@link summaryFromAttempts}).
 *
 * `correct` counts raw correctness (hints do not matter here; the model weighs them). Attempts may
 * arrive out of order (imports): `lastPracticed` is the latest timestamp seen.
 */
import type { Attempt, PracticeSummary, SkillPractice } from './types';

export function emptySummary(): PracticeSummary {
  return new Map();
}

function next(prev: SkillPractice | undefined, attempt: Attempt): SkillPractice {
  return {
    attempts: (prev?.attempts ?? 0) + 1,
    correct: (prev?.correct ?? 0) + (attempt.correct ? 1 : 0),
    lastPracticed: prev ? Math.max(prev.lastPracticed, attempt.timestamp) : attempt.timestamp,
  };
}

/** A new summary with `attempt` added; `summary` is not modified. */
export function recordInSummary(summary: PracticeSummary, attempt: Attempt): PracticeSummary {
  const out = new Map(summary);
  out.set(attempt.skillId, next(summary.get(attempt.skillId), attempt));
  return out;
}

/** Mutable O(1)-per-attempt builder. `build()` returns a snapshot; the builder stays usable. */
export class SummaryBuilder {
  readonly #map: Map<string, SkillPractice>;

  constructor(from: PracticeSummary = emptySummary()) {
    this.#map = new Map(from);
  }

  record(attempt: Attempt): this {
    this.#map.set(attempt.skillId, next(this.#map.get(attempt.skillId), attempt));
    return this;
  }

  build(): PracticeSummary {
    return new Map(this.#map);
  }
}

export function summaryFromAttempts(attempts: Iterable<Attempt>): PracticeSummary {
  const b = new SummaryBuilder();
  for (const a of attempts) b.record(a);
  return b.build();
}
