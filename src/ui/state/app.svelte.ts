import type { Lantern, LearnerSummary } from '../../app/lantern';
import type { PracticeSession } from '../../app/session';

const CURRENT_KEY = 'lantern.currentLearner';

/**
 * Who is using the device right now. The open learner is remembered per tab
 * (sessionStorage) so an offline reload keeps practising, while a fresh tab on a
 * shared tablet starts at the picker and asks for the PIN again.
 */
export class AppState {
  learners = $state.raw<readonly LearnerSummary[]>([]);
  current = $state.raw<LearnerSummary | null>(null);
  session = $state.raw<PracticeSession | null>(null);
  loaded = $state(false);
  error = $state<string | null>(null);
  #lantern: Lantern;

  constructor(lantern: Lantern) {
    this.#lantern = lantern;
  }

  get lantern(): Lantern {
    return this.#lantern;
  }

  async load(): Promise<void> {
    this.learners = await this.#lantern.listLearners();
    const remembered = sessionStorage.getItem(CURRENT_KEY);
    const found = this.learners.find((l) => l.id === remembered);
    if (found) await this.#open(found);
    this.loaded = true;
  }

  async refresh(): Promise<void> {
    this.learners = await this.#lantern.listLearners();
  }

  /** Open a learner; a PIN-protected learner needs the right PIN. Returns false on a wrong PIN. */
  async open(id: string, pin?: string): Promise<boolean> {
    const learner = this.learners.find((l) => l.id === id);
    if (!learner) return false;
    if (learner.hasPin && !(pin !== undefined && (await this.#lantern.verifyPin(id, pin)))) return false;
    await this.#open(learner);
    return true;
  }

  async #open(learner: LearnerSummary): Promise<void> {
    this.session = await this.#lantern.openSession(learner.id);
    this.current = learner;
    sessionStorage.setItem(CURRENT_KEY, learner.id);
  }

  /** Back to the picker: the list is re-read so "last practised" and the order are current. */
  async close(): Promise<void> {
    this.current = null;
    this.session = null;
    sessionStorage.removeItem(CURRENT_KEY);
    await this.refresh();
  }

  async deleteCurrent(): Promise<void> {
    const c = this.current;
    if (!c) return;
    await this.#lantern.deleteLearner(c.id);
    await this.close();
  }
}
