import type { Current, PracticeSession, ResumableItem } from '../../../app/session';
import type { Locale } from '../../../core/i18n';
import type { Message, SkillId } from '../../../core/types';
import { applyKey, type PadKey } from '../../components/numpad';

export type Feedback =
  | { kind: 'correct'; mastered?: SkillId }
  | { kind: 'incorrect'; answer: string }
  | { kind: 'malformed'; message: Message }
  | { kind: 'solution'; answer: string };

/** Where the item on screen and the typed answer are kept across a reload (sessionStorage). */
export interface SavedItemStore {
  load(): { item: ResumableItem; input: string } | null;
  save(saved: { item: ResumableItem; input: string }): void;
  clear(): void;
}

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
  correct = $state(0);
  total = $state(0);
  #session: PracticeSession;
  #describe: (e: unknown) => string;
  #saved: SavedItemStore | undefined;
  /** Next acts only once the feedback has been on screen for `MIN_FEEDBACK_MS`. */
  ready = $state(false);
  #readyTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(session: PracticeSession, describeError: (e: unknown) => string, saved?: SavedItemStore) {
    this.#session = session;
    this.#describe = describeError;
    this.#saved = saved;
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
      this.total += 1;
      if (r.status === 'correct') this.correct += 1;
      this.feedback =
        r.status === 'correct'
          ? { kind: 'correct', ...(r.mastered !== undefined ? { mastered: r.mastered } : {}) }
          : { kind: 'incorrect', answer: r.correctAnswer };
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
      this.total += 1;
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
