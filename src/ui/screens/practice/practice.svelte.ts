import type { Current, PracticeSession, ResumableItem } from '../../../app/session';
import {
  countAnswer,
  countToday,
  goalJustReached,
  goalProgress,
  type DayCount,
  type GoalProgress,
} from '../../../core/daily-goal';
import type { Locale } from '../../../core/i18n';
import type { Attempt, Message, SkillId } from '../../../core/types';
import { applyKey, type PadKey } from '../../components/numpad';
import { newRun, recordInRun, type PracticeRun, type RunStore } from './run';

/** The teacher's feedback and general feedback of an imported question (rich text). */
type Notes = { notes?: readonly Message[] };

export type Feedback =
  | ({ kind: 'correct'; mastered?: SkillId } & Notes)
  /** `score`: an imported question's partial credit in (0, 1). */
  | ({ kind: 'incorrect'; answer: string; score?: number } & Notes)
  | { kind: 'malformed'; message: Message }
  | { kind: 'solution'; answer: string };

/** Where the item on screen and the typed answer are kept across a reload (sessionStorage). */
export interface SavedItemStore {
  load(): { item: ResumableItem; input: string } | null;
  save(saved: { item: ResumableItem; input: string }): void;
  clear(): void;
}

/** The session's clock and the learner's time zone (the browser's, in the app). */
export interface PracticeClock {
  readonly now: () => number;
  /** Minutes east of UTC (core/progress.ts), for where today begins. */
  readonly timeZoneOffsetMinutes: () => number;
}

const browserClock: PracticeClock = {
  now: () => Date.now(),
  timeZoneOffsetMinutes: () => -new Date().getTimezoneOffset(),
};

/**
 * Feedback stays on screen at least this long: a second, quick press of Enter (or a held key)
 * cannot skip it.
 */
export const MIN_FEEDBACK_MS = 700;

/**
 * The practice screen's state. Thin over PracticeSession (app layer), which does the
 * checking, the durable write and the model update; this class only tracks what is shown.
 */
export class PracticeState {
  current = $state.raw<Current | null>(null);
  input = $state('');
  feedback = $state.raw<Feedback | null>(null);
  hint = $state.raw<Message | null>(null);
  solution = $state.raw<readonly Message[] | null>(null);
  busy = $state(false);
  saveError = $state<string | null>(null);
  /** This practice session: questions done, right, stars (kept across a reload: run.ts). */
  run = $state.raw<PracticeRun>(newRun(0));
  /** Questions a day the learner aims for; null until read (setDay). */
  dailyGoal = $state<number | null>(null);
  /** Set by the question that reached today's goal, until the next item. */
  goalReached = $state(false);
  /** "I'm done for today": the summary shows instead of the item. */
  finished = $state(false);
  #today = $state.raw<DayCount | null>(null);
  /** Questions recorded here, by attempt id (so today's count read from disk never counts one twice). */
  #recorded: Pick<Attempt, 'id' | 'timestamp' | 'solutionShown'>[] = [];
  #session: PracticeSession;
  #describe: (e: unknown) => string;
  #saved: SavedItemStore | undefined;
  #runs: RunStore | undefined;
  #clock: PracticeClock;
  /** Next acts only once the feedback has been on screen for `MIN_FEEDBACK_MS`. */
  ready = $state(false);
  #readyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    session: PracticeSession,
    describeError: (e: unknown) => string,
    saved?: SavedItemStore,
    opts: { runs?: RunStore; clock?: PracticeClock } = {},
  ) {
    this.#session = session;
    this.#describe = describeError;
    this.#saved = saved;
    this.#runs = opts.runs;
    this.#clock = opts.clock ?? browserClock;
    this.run = this.#runs?.load() ?? newRun(this.#clock.now());
    this.#runs?.save(this.run);
  }

  /** Questions done this session (answers and worked solutions). */
  get total(): number {
    return this.run.answered;
  }
  get correct(): number {
    return this.run.correct;
  }

  /** Today's questions against the daily goal; null until `setDay` has read them. */
  get goal(): GoalProgress | null {
    return this.dailyGoal === null || this.#today === null
      ? null
      : goalProgress(this.#today.count, this.dailyGoal);
  }

  /**
   * The daily goal and today's attempts as stored (read when practice opens); questions recorded
   * here meanwhile are counted once, whether the read saw them or not.
   */
  setDay(goal: number, today: readonly Pick<Attempt, 'id' | 'timestamp' | 'solutionShown'>[]): void {
    const read = today.map((a) => a.id); // a day's questions: a short list
    // Only answers count towards the goal: a worked solution read is not a question done.
    const times = [...today, ...this.#recorded.filter((a) => !read.includes(a.id))]
      .filter((a) => !a.solutionShown)
      .map((a) => a.timestamp);
    this.dailyGoal = goal;
    this.#today = countToday(times, this.#clock.now(), this.#clock.timeZoneOffsetMinutes());
  }

  /** One more question recorded: the session, today's count, and whether it reached the goal. */
  #count(attempt: Attempt, mastered?: SkillId): void {
    this.#recorded.push({
      id: attempt.id,
      timestamp: attempt.timestamp,
      solutionShown: attempt.solutionShown,
    });
    this.run = recordInRun(this.run, { correct: attempt.correct, ...(mastered ? { mastered } : {}) });
    this.#runs?.save(this.run);
    const before = this.#today;
    // A worked solution read is recorded (the model learns from it) but is not a question done:
    // it neither moves today's goal nor celebrates reaching it.
    if (attempt.solutionShown) this.goalReached = false;
    else if (before && this.dailyGoal !== null) {
      const after = countAnswer(before, attempt.timestamp, this.#clock.timeZoneOffsetMinutes());
      this.goalReached = goalJustReached(before, after, this.dailyGoal);
      this.#today = after;
    }
  }

  /**
   * "I'm done for today": the session ends here (its summary is the screen's to show) and is
   * forgotten, so leaving practice afterwards does not summarise it again. Returns it.
   */
  finish(): PracticeRun {
    const run = this.run;
    this.finished = true;
    this.#runs?.clear();
    return run;
  }

  /** The screen is gone: what is still in flight no longer writes the session (App has summarised it). */
  detach(): void {
    this.#runs = undefined;
  }

  /** Back to practice after the summary: a new session, on the item left unanswered or a new one. */
  again(): void {
    this.finished = false;
    this.run = newRun(this.#clock.now());
    this.#runs?.save(this.run);
    if (this.done || !this.current) this.next();
  }

  /**
   * The first item: the one that was on screen before a reload (same item, typed answer and
   * hints), else a new one.
   */
  start(): void {
    const saved = this.#saved?.load();
    const resumed = saved ? this.#session.resume(saved.item) : null;
    if (!saved || !resumed) {
      this.next();
      return;
    }
    this.current = resumed;
    this.input = saved.input;
    this.feedback = null;
    this.hint = resumed.hintsUsed > 0 ? resumed.item.hint : null;
    this.solution = null;
    this.saveError = null;
    this.#remember();
  }

  /** Keep the unanswered item and the typed answer for a reload; forget them once answered. */
  #remember(): void {
    if (!this.#saved) return;
    const item = this.#session.resumable();
    if (item) this.#saved.save({ item, input: this.input });
    else this.#saved.clear();
  }

  /** Whether Next may act now: the feedback has been on screen long enough (`MIN_FEEDBACK_MS`). */
  get canAdvance(): boolean {
    return this.done && this.ready;
  }

  #feedbackShown(): void {
    this.ready = false;
    clearTimeout(this.#readyTimer);
    this.#readyTimer = setTimeout(() => (this.ready = true), MIN_FEEDBACK_MS);
  }

  /** True once the current item is answered (or its solution revealed). */
  get done(): boolean {
    return this.feedback !== null && this.feedback.kind !== 'malformed';
  }

  next(): void {
    this.current = this.#session.next();
    this.input = '';
    this.feedback = null;
    this.hint = null;
    this.solution = null;
    this.saveError = null;
    this.goalReached = false;
    this.#remember();
  }

  pad(key: PadKey): void {
    if (this.done) return;
    this.setInput(applyKey(this.input, key));
  }

  /** Typing (or the pad) replaces a "try again" message: it was about the old text. */
  setInput(value: string): void {
    this.input = value;
    if (this.feedback?.kind === 'malformed') this.feedback = null;
    this.#remember();
  }

  showHint(): void {
    if (this.done || this.hint) return;
    this.hint = this.#session.hint();
    this.#remember();
  }

  async submit(raw: string, locale: Locale): Promise<void> {
    if (this.busy || this.done || !this.current) return;
    this.busy = true;
    this.saveError = null;
    try {
      const r = await this.#session.submit(raw, locale);
      if (!('attempt' in r)) {
        this.feedback = { kind: 'malformed', message: r.message };
        return;
      }
      this.#count(r.attempt, r.mastered);
      const notes = r.feedback ? { notes: r.feedback } : {};
      this.feedback =
        r.status === 'correct'
          ? { kind: 'correct', ...(r.mastered !== undefined ? { mastered: r.mastered } : {}), ...notes }
          : {
              kind: 'incorrect',
              answer: r.correctAnswer,
              ...(r.score !== undefined ? { score: r.score } : {}),
              ...notes,
            };
      if (r.status === 'incorrect') this.solution = this.current.item.solution;
      this.#feedbackShown();
      this.#remember();
    } catch (e) {
      this.saveError = this.#describe(e);
    } finally {
      this.busy = false;
    }
  }

  async revealSolution(): Promise<void> {
    if (this.busy || this.done || !this.current) return;
    this.busy = true;
    this.saveError = null;
    try {
      const r = await this.#session.revealSolution();
      this.#count(r.attempt);
      this.solution = r.steps;
      this.feedback = { kind: 'solution', answer: r.correctAnswer };
      this.#feedbackShown();
      this.#remember();
    } catch (e) {
      this.saveError = this.#describe(e);
    } finally {
      this.busy = false;
    }
  }
}
