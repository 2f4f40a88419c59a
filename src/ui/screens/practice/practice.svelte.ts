import type { Current, PracticeSession } from '../../../app/session';
import type { Locale } from '../../../core/i18n';
import type { Message } from '../../../core/types';
import { applyKey, type PadKey } from '../../components/numpad';

export type Feedback =
  | { kind: 'correct' }
  | { kind: 'incorrect'; answer: string }
  | { kind: 'malformed'; message: Message }
  | { kind: 'solution'; answer: string };

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

  constructor(session: PracticeSession, describeError: (e: unknown) => string) {
    this.#session = session;
    this.#describe = describeError;
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
  }

  pad(key: PadKey): void {
    if (this.done) return;
    this.setInput(applyKey(this.input, key));
  }

  /** Typing (or the pad) replaces a "try again" message: it was about the old text. */
  setInput(value: string): void {
    this.input = value;
    if (this.feedback?.kind === 'malformed') this.feedback = null;
  }

  showHint(): void {
    if (this.done || this.hint) return;
    this.hint = this.#session.hint();
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
        r.status === 'correct' ? { kind: 'correct' } : { kind: 'incorrect', answer: r.correctAnswer };
      if (r.status === 'incorrect') this.solution = this.current.item.solution;
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
    } catch (e) {
      this.saveError = this.#describe(e);
    } finally {
      this.busy = false;
    }
  }
}
