/**
 * Builds the outbox entries of Lantern's learning events (issue 14) from the statements of
 * core/xapi.ts: what an answer adds (answered, and mastered or placement done when it did that),
 * what ending a session adds, and the older attempts an adult asked to send. Loaded only when an
 * LRS is configured (a lazy chunk).
 */
import { nextPlacementProbe, probeSkills } from '../core/placement';
import type { Attempt, LearnerId, PracticeSummary, SkillGraph, SkillId } from '../core/types';
import {
  answeredStatement,
  masteredStatement,
  placementStatement,
  sessionStatement,
  type LangMap,
  type XapiProfile,
  type XapiStatement,
} from '../core/xapi';
import type { NewOutboxEntry } from '../storage/outbox';

export interface StatementLearner {
  readonly id: LearnerId;
  readonly nickname: string;
}

/** What the answer did besides being recorded. */
export interface AnswerEvents {
  /** The skill's mastered flag turned on with this answer (and the mastery after it). */
  readonly mastered?: { readonly mastery: number };
  /** The practice summary before and after this answer (to see the placement check end). */
  readonly practiceBefore: PracticeSummary;
  readonly practiceAfter: PracticeSummary;
}

function entry(learnerId: LearnerId, kind: string, statement: XapiStatement): NewOutboxEntry {
  return { id: statement.id, learnerId, kind, statement };
}

export class StatementFactory {
  readonly profile: XapiProfile;
  readonly #names: (skillId: SkillId) => LangMap;
  readonly #graph: () => SkillGraph;

  constructor(profile: XapiProfile, names: (skillId: SkillId) => LangMap, graph: () => SkillGraph) {
    this.profile = profile;
    this.#names = names;
    this.#graph = graph;
  }

  answered(learner: StatementLearner, attempt: Attempt): XapiStatement {
    return answeredStatement(this.profile, { learner, attempt, skillName: this.#names(attempt.skillId) });
  }

  /** The statements of one answer: answered, then mastered and placement done if it did those. */
  forAnswer(learner: StatementLearner, attempt: Attempt, events: AnswerEvents): NewOutboxEntry[] {
    const out = [entry(learner.id, 'answered', this.answered(learner, attempt))];
    if (events.mastered) {
      const s = masteredStatement(this.profile, {
        learner,
        attempt,
        skillName: this.#names(attempt.skillId),
        mastery: events.mastered.mastery,
      });
      out.push(entry(learner.id, 'mastered', s));
    }
    const placement = this.#placementEnded(attempt, events);
    if (placement) {
      out.push(
        entry(learner.id, 'placement', placementStatement(this.profile, { learner, attempt, ...placement })),
      );
    }
    return out;
  }

  /**
   * The placement check ended with this answer: it was a level-3 probe, the check was running
   * before it and is over after it. The summaries are what the check reads (the whole practice,
   * or the probe answers since a teacher asked for it again), so they count its answers.
   */
  #placementEnded(attempt: Attempt, e: AnswerEvents): { answered: number; correct: number } | null {
    const graph = this.#graph();
    if (attempt.difficulty !== 3) return null;
    if (![...probeSkills(graph).values()].includes(attempt.skillId)) return null;
    if (nextPlacementProbe(graph, e.practiceBefore) === null) return null;
    if (nextPlacementProbe(graph, e.practiceAfter) !== null) return null;
    let answered = 0;
    let correct = 0;
    for (const p of e.practiceAfter.values()) {
      answered += p.attempts;
      correct += p.correct;
    }
    return answered > 0 ? { answered, correct } : null;
  }

  /** A session completed (null for one without answers). */
  forSession(
    learner: StatementLearner,
    attempts: readonly Attempt[],
    startedAt: number,
    endedAt: number,
  ): NewOutboxEntry | null {
    if (attempts.length === 0) return null;
    return entry(
      learner.id,
      'session',
      sessionStatement(this.profile, { learner, attempts, startedAt, endedAt }),
    );
  }
}
