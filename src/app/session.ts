import { htmlMessage } from '../core/content-pack';
import { checkItemAnswer, formatItemAnswer } from '../core/item-answer';
import type { Locale } from '../core/i18n';
import { generateItem, parseItemId } from '../core/items';
import { probeSkills } from '../core/placement';
import { recordInSummary } from '../core/practice';
import { nextSeed } from '../core/rng';
import type { ModelCodecs, PersistentModel } from '../core/model-codec';
import { nextSelection } from '../core/selection';
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

/**
 * Where one learner's state lives (app/lantern.ts writes it through the repositories). Memory
 * moves only after `persist` commits; a write another tab beat to the disk is rebased.
 */
export interface LearnerStore {
  /** Persist the attempt and the learner's next state atomically; resolves after commit. */
  persist(attempt: Attempt, model: PersistentModel, practice: PracticeSummary, count: number): Promise<void>;
  /**
   * Re-reads the learner's stored state (model snapshot, practice summary, attempt count),
   * restored through the same codec as the session's first model; null when the learner no
   * longer exists. Lets the session rebase an attempt that another tab beat to the disk, and
   * catch up when another tab reports an attempt.
   */
  reload(): Promise<StoredLearnerState | null>;
  /** True when persist refused because the stored state moved on (another tab wrote first). */
  isStale(e: unknown): boolean;
}

/** What the session needs from the outside world; injected so it is testable on fake-indexeddb. */
export interface SessionDeps {
  readonly graph: SkillGraph;
  readonly generators: ReadonlyMap<SkillId, ItemGenerator>;
  readonly now: () => number;
  readonly rng: Rng;
  readonly newId: () => string;
  readonly appVersion: string;
  /** Copies the model before an update, so a failed write never leaves memory ahead of the disk. */
  readonly models: ModelCodecs;
  readonly store: LearnerStore;
  /** Teacher-assigned focus skills, if any. */
  readonly focus?: () => readonly SkillId[];
  /** The learner's own goal skill (core/path.ts), read before each item. */
  readonly goal?: () => SkillId | undefined;
  /**
   * The model the selection policy asks, given the session's own (persisted) model: the
   * knowledge-tracing predictions layered over it once they are loaded (core/table-model.ts).
   */
  readonly selectionModel?: (model: LearnerModel) => LearnerModel;
  /** Told after each attempt is stored (the knowledge-tracing worker learns from it). */
  readonly onRecorded?: (attempt: Attempt) => void;
  /**
   * A teacher asked for the placement check again: the practice since then on probe skills
   * (core/placement.ts `redoSummary`), which the check reads instead of the whole summary
   * (core/selection.ts `placementPractice`). The session adds its own answers on probe skills.
   */
  readonly placementPractice?: PracticeSummary;
}

/** A learner's state as stored: what the session holds in memory, read back from disk. */
export interface StoredLearnerState {
  readonly model: PersistentModel;
  readonly practice: PracticeSummary;
  readonly count: number;
}

/** What refresh() found: nothing new, another tab's attempts adopted, or the learner deleted. */
export type RefreshResult = 'unchanged' | 'updated' | 'gone';

/** Rebases after a refused write before giving up (each one re-reads the stored state). */
export const MAX_REBASES = 3;

/** Seeds tried for an imported question other than the one just shown. */
const REDRAWS = 8;

export type SubmitResult =
  /** Not recorded: unreadable input, or the right value in another form than asked; retry. */
  | { readonly status: 'malformed' | 'form'; readonly message: Message }
  | {
      readonly status: 'correct' | 'incorrect';
      readonly attempt: Attempt;
      /** The correct answer, formatted for display. */
      readonly correctAnswer: string;
      /** Set when this answer made the skill mastered (it was not before). */
      readonly mastered?: SkillId;
      /** An imported question's partial credit in (0, 1) (absent: simply right or wrong). */
      readonly score?: number;
      /** The teacher's feedback for what was answered, then the general feedback (rich text). */
      readonly feedback?: readonly Message[];
    };

/** An unanswered item as it was on screen, enough to show it again after a reload. */
export interface ResumableItem {
  readonly itemId: string;
  readonly selection: Selection;
  readonly predictedBy: string;
  readonly shownAt: number;
  readonly hintsUsed: number;
}

export interface Current {
  readonly item: Item;
  readonly selection: Selection;
  /** The model that made `selection.predicted` (recorded with the attempt). */
  readonly predictedBy: string;
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
  #model: PersistentModel;
  #practice: PracticeSummary;
  #count: number;
  #recent: SkillId[] = [];
  #current: Current | null = null;
  #placementPractice: PracticeSummary | undefined;
  /** The placement check's probe skills, when it was asked again (the answers it counts). */
  readonly #probes: ReadonlySet<SkillId>;
  /** Writes and refreshes run one at a time, so memory never mixes two readings of the disk. */
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    deps: SessionDeps,
    learnerId: LearnerId,
    model: PersistentModel,
    practice: PracticeSummary,
    count: number,
  ) {
    this.#deps = deps;
    this.learnerId = learnerId;
    this.#model = model;
    this.#practice = practice;
    this.#count = count;
    this.#placementPractice = deps.placementPractice;
    this.#probes = new Set(deps.placementPractice ? probeSkills(deps.graph).values() : []);
  }

  get model(): PersistentModel {
    return this.#model;
  }
  /** An independent copy of the model (for forecasts: updating it leaves the session's alone). */
  cloneModel(): PersistentModel {
    return this.#deps.models.clone(this.#deps.graph, this.#model);
  }
  /** A model of this learner's kind that has seen no answer (forecasts replay the history into it). */
  freshModel(): PersistentModel {
    return this.#deps.models.create(this.#deps.graph);
  }
  /** An independent copy of any model of the course (for forecasts over a replayed history). */
  copyModel(model: PersistentModel): PersistentModel {
    return this.#deps.models.clone(this.#deps.graph, model);
  }
  get practice(): PracticeSummary {
    return this.#practice;
  }
  /**
   * What the placement check reads: the answers on probe skills since a teacher asked for it
   * again, else the whole practice summary.
   */
  get placementPractice(): PracticeSummary {
    return this.#placementPractice ?? this.#practice;
  }
  /** {@link placementPractice} once `attempt` is counted (`practiceAfter`: the whole summary then). */
  placementAfter(attempt: Attempt, practiceAfter: PracticeSummary): PracticeSummary {
    if (this.#placementPractice === undefined) return practiceAfter;
    return this.#probes.has(attempt.skillId)
      ? recordInSummary(this.#placementPractice, attempt)
      : this.#placementPractice;
  }
  get attemptCount(): number {
    return this.#count;
  }
  get current(): Current | null {
    return this.#current;
  }

  /**
   * Catch up with the disk: when another tab recorded attempts for this learner, adopt the
   * stored state, so progress and the next item reflect both tabs. Waits for this tab's own
   * write in flight, if any.
   */
  refresh(): Promise<RefreshResult> {
    return this.#exclusive(async () => {
      const stored = await this.#deps.store.reload();
      if (!stored) return 'gone';
      if (stored.count === this.#count) return 'unchanged';
      this.#adopt(stored);
      return 'updated';
    });
  }

  /** Choose and generate the next item. */
  next(): Current {
    const { graph, generators, now, rng, focus } = this.#deps;
    const t = now();
    const model = this.#deps.selectionModel?.(this.#model) ?? this.#model;
    const goal = this.#deps.goal?.();
    const selection = nextSelection(model, graph, this.#practice, t, rng, {
      recent: this.#recent,
      focus: focus?.() ?? [],
      ...(goal !== undefined ? { goal } : {}),
      ...(this.#placementPractice !== undefined ? { placementPractice: this.#placementPractice } : {}),
    });
    const gen = generators.get(selection.skillId);
    if (!gen) throw new Error(`No generator for skill ${selection.skillId}`);
    let item = generateItem(gen, selection.difficulty, nextSeed(rng));
    // An imported question is one of a few fixed texts: never the one just shown (whose right
    // answer the learner may have just read) when the skill has another at this level.
    const last = this.#current?.item.questionKey;
    for (let tries = 0; last !== undefined && item.questionKey === last && tries < REDRAWS; tries++) {
      item = generateItem(gen, selection.difficulty, nextSeed(rng));
    }
    this.#current = {
      item,
      selection,
      predictedBy: model.name,
      shownAt: t,
      hintsUsed: 0,
      solutionShown: false,
      answered: false,
    };
    return this.#current;
  }

  /**
   * Show an item again that was on screen before a reload: the same item (regenerated from its
   * id), the same reason and prediction, the hints already taken and the time it was first shown,
   * so a reload is neither a free skip nor a fresh start. Returns null, and changes nothing, when
   * the saved item no longer fits (an unknown skill, a malformed id): the caller then calls next().
   */
  resume(saved: ResumableItem): Current | null {
    const gen = (() => {
      try {
        const { skillId, difficulty, seed } = parseItemId(saved.itemId);
        const g = this.#deps.generators.get(skillId);
        return g ? { g, difficulty, seed } : null;
      } catch {
        return null;
      }
    })();
    if (!gen || !this.#deps.graph.byId.has(gen.g.skillId)) return null;
    const item = generateItem(gen.g, gen.difficulty, gen.seed);
    this.#current = {
      item,
      selection: saved.selection,
      predictedBy: saved.predictedBy,
      shownAt: Math.min(saved.shownAt, this.#deps.now()),
      hintsUsed: Math.max(0, Math.floor(saved.hintsUsed)),
      solutionShown: false,
      answered: false,
    };
    return this.#current;
  }

  /** What `resume` needs to bring the current item back after a reload (plain data). */
  resumable(): ResumableItem | null {
    const c = this.#current;
    if (!c || c.answered) return null;
    return {
      itemId: c.item.id,
      selection: c.selection,
      predictedBy: c.predictedBy,
      shownAt: c.shownAt,
      hintsUsed: c.hintsUsed,
    };
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
    return { steps: c.item.solution, correctAnswer: formatItemAnswer(c.item.answer, 'en'), attempt };
  }

  /**
   * Check an answer. Malformed input, and the right value in another form than the question
   * asks for, are not recorded: the learner is told what is expected and may retry.
   */
  async submit(raw: string, locale: Locale): Promise<SubmitResult> {
    const c = this.#requireOpen();
    const result = checkItemAnswer(c.item.answer, raw, locale);
    if (result.status === 'malformed' || result.status === 'form') {
      return { status: result.status, message: result.message ?? { key: 'answer.empty' } };
    }
    const correct = result.status === 'correct';
    const before = this.#model.mastered(c.item.skillId);
    const attempt = await this.#record(c, raw, correct, result.score);
    const feedback = [
      ...result.feedback.map((html) => htmlMessage(html)),
      ...(c.item.explanation ? [c.item.explanation] : []),
    ];
    // A star earned with this very answer: the screen celebrates it.
    const mastered = !before && this.#model.mastered(c.item.skillId) ? { mastered: c.item.skillId } : {};
    return {
      status: result.status,
      attempt,
      correctAnswer: formatItemAnswer(c.item.answer, locale),
      ...mastered,
      ...(result.score !== undefined ? { score: result.score } : {}),
      ...(feedback.length > 0 ? { feedback } : {}),
    };
  }

  async #record(c: Current, raw: string, correct: boolean, score?: number): Promise<Attempt> {
    const { now, newId, appVersion } = this.#deps;
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
      predicted: c.selection.predicted,
      predictedBy: c.predictedBy,
      ...(score !== undefined ? { score } : {}),
      ...(c.item.questionKey !== undefined ? { questionKey: c.item.questionKey } : {}),
    };
    // Mark answered first so a double click cannot record twice while the write is in flight.
    c.answered = true;
    try {
      await this.#exclusive(() => this.#commit(attempt));
    } catch (e) {
      c.answered = false;
      throw e;
    }
    this.#recent = [...this.#recent, attempt.skillId].slice(-RECENT);
    this.#deps.onRecorded?.(attempt);
    return attempt;
  }

  /**
   * Apply the attempt to a copy of the in-memory state and persist it; memory moves only after
   * the write commits. If another tab wrote first (the repository refuses a stale count), the
   * stored state is read back, adopted (memory = disk), and the attempt is applied to it and
   * written again — at most MAX_REBASES times. So the stored model is always every stored
   * attempt applied in commit order, and neither tab's answer is lost.
   */
  async #commit(attempt: Attempt): Promise<void> {
    const { models, graph, store } = this.#deps;
    for (let rebases = 0; ; rebases++) {
      const practice = recordInSummary(this.#practice, attempt);
      const model = models.clone(graph, this.#model);
      model.update(attempt);
      try {
        await store.persist(attempt, model, practice, this.#count + 1);
      } catch (e) {
        if (!store.isStale(e) || rebases >= MAX_REBASES) throw e;
        const stored = await store.reload();
        // Learner gone: the next write fails with the repository's clear "not found".
        if (stored) this.#adopt(stored);
        continue;
      }
      this.#model = model;
      this.#practice = practice;
      this.#count += 1;
      if (this.#placementPractice !== undefined && this.#probes.has(attempt.skillId)) {
        this.#placementPractice = recordInSummary(this.#placementPractice, attempt);
      }
      return;
    }
  }

  #adopt(stored: StoredLearnerState): void {
    this.#model = stored.model;
    this.#practice = stored.practice;
    this.#count = stored.count;
  }

  #exclusive<T>(op: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(op, op);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #requireOpen(): Current {
    const c = this.#current;
    if (!c) throw new Error('No current item: call next() first');
    if (c.answered) throw new Error('This item has already been answered');
    return c;
  }
}
