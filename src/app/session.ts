import { checkAnswer, formatAnswer } from '../core/answer';
import type { Locale } from '../core/i18n';
import { generateItem } from '../core/items';
import { recordInSummary } from '../core/practice';
import { nextSeed } from '../core/rng';
import { selectNextItem } from '../core/selection';
import type {
  Attempt,
  Item,
  ItemGenerator,
  LearnerId,
  LearnerModel,
  Message,
  PracticeSummary,
  Rng,
  Selection,
  SkillGraph,
  SkillId,
} from '../core/types';

/** What the session needs from the outside world; injected so it is testable on fake-indexeddb. */
export interface SessionDeps {
  readonly graph: SkillGraph;
  readonly generators: ReadonlyMap<SkillId, ItemGenerator>;
  readonly now: () => number;
  readonly rng: Rng;
  readonly newId: () => string;
  readonly appVersion: string;
  /** Persist the attempt and the learner's next state atomically; resolves after commit. */
  readonly persist: (
    attempt: Attempt,
    model: LearnerModel,
    practice: PracticeSummary,
    count: number,
  ) => Promise<void>;
  /** A deep copy of a model, so a failed write never leaves memory ahead of the disk. */
  readonly cloneModel: (model: LearnerModel) => LearnerModel;
  /** Teacher-assigned focus skills, if any. */
  readonly focus?: () => readonly SkillId[];
}

export type SubmitResult =
  | { readonly status: 'malformed'; readonly message: Message }
  | {
      readonly status: 'correct' | 'incorrect';
      readonly attempt: Attempt;
      /** The correct answer, formatted for display. */
      readonly correctAnswer: string;
    };

export interface Current {
  readonly item: Item;
  readonly selection: Selection;
  readonly shownAt: number;
  hintsUsed: number;
  solutionShown: boolean;
  /** Set once the item has been answered (or its solution revealed): it cannot be answered twice. */
  answered: boolean;
}

const RECENT = 4;

/**
 * One learner's practice loop. Owns the learner model in memory; every answer is
 * persisted (attempt + model state, one transaction) before feedback is returned.
 */
export class PracticeSession {
  readonly learnerId: LearnerId;
  #deps: SessionDeps;
  #model: LearnerModel;
  #practice: PracticeSummary;
  #count: number;
  #recent: SkillId[] = [];
  #current: Current | null = null;

  constructor(
    deps: SessionDeps,
    learnerId: LearnerId,
    model: LearnerModel,
    practice: PracticeSummary,
    count: number,
  ) {
    this.#deps = deps;
    this.learnerId = learnerId;
    this.#model = model;
    this.#practice = practice;
    this.#count = count;
  }

  get model(): LearnerModel {
    return this.#model;
  }
  get practice(): PracticeSummary {
    return this.#practice;
  }
  get attemptCount(): number {
    return this.#count;
  }
  get current(): Current | null {
    return this.#current;
  }

  /** Choose and generate the next item. */
  next(): Current {
    const { graph, generators, now, rng, focus } = this.#deps;
    const t = now();
    const selection = selectNextItem(this.#model, graph, this.#practice, t, rng, {
      recent: this.#recent,
      focus: focus?.() ?? [],
    });
    const gen = generators.get(selection.skillId);
    if (!gen) throw new Error(`No generator for skill ${selection.skillId}`);
    const item = generateItem(gen, selection.difficulty, nextSeed(rng));
    this.#current = { item, selection, shownAt: t, hintsUsed: 0, solutionShown: false, answered: false };
    return this.#current;
  }

  /** The hint for the current item; counted in the attempt. */
  hint(): Message {
    const c = this.#requireOpen();
    c.hintsUsed += 1;
    return c.item.hint;
  }

  /**
   * Reveal the worked solution. The item is then recorded as not mastered (an attempt
   * with correct=false, solutionShown=true) so it comes back later.
   */
  async revealSolution(): Promise<{ steps: readonly Message[]; correctAnswer: string; attempt: Attempt }> {
    const c = this.#requireOpen();
    c.solutionShown = true;
    const attempt = await this.#record(c, '', false);
    return { steps: c.item.solution, correctAnswer: formatAnswer(c.item.answer, 'en'), attempt };
  }

  /** Check an answer. Malformed input is not recorded: the learner is told what format is expected. */
  async submit(raw: string, locale: Locale): Promise<SubmitResult> {
    const c = this.#requireOpen();
    const result = checkAnswer(c.item.answer, raw, locale);
    if (result.status === 'malformed') {
      return { status: 'malformed', message: result.message ?? { key: 'answer.empty' } };
    }
    const correct = result.status === 'correct';
    const attempt = await this.#record(c, raw, correct);
    return { status: result.status, attempt, correctAnswer: formatAnswer(c.item.answer, locale) };
  }

  async #record(c: Current, raw: string, correct: boolean): Promise<Attempt> {
    const { now, newId, appVersion, persist } = this.#deps;
    const t = now();
    const attempt: Attempt = {
      id: newId(),
      learnerId: this.learnerId,
      itemId: c.item.id,
      skillId: c.item.skillId,
      difficulty: c.item.difficulty,
      seed: c.item.seed,
      params: { ...c.item.params },
      answer: raw,
      correct,
      responseMs: Math.max(0, Math.round(t - c.shownAt)),
      hintsUsed: c.hintsUsed,
      solutionShown: c.solutionShown,
      timestamp: t,
      appVersion,
    };
    // Mark answered first so a double click cannot record twice while the write is in flight.
    c.answered = true;
    const practice = recordInSummary(this.#practice, attempt);
    const model = this.#deps.cloneModel(this.#model);
    model.update(attempt);
    try {
      await persist(attempt, model, practice, this.#count + 1);
    } catch (e) {
      c.answered = false;
      throw e;
    }
    this.#model = model;
    this.#practice = practice;
    this.#count += 1;
    this.#recent = [...this.#recent, attempt.skillId].slice(-RECENT);
    return attempt;
  }

  #requireOpen(): Current {
    const c = this.#current;
    if (!c) throw new Error('No current item: call next() first');
    if (c.answered) throw new Error('This item has already been answered');
    return c;
  }
}
