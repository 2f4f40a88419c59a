import type { Lantern, LearnerSummary } from '../../app/lantern';
import type { PracticeSession } from '../../app/session';
import type { TabEvent } from '../../app/tabs';

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
  /** An i18n key to tell the learner something that happened elsewhere (another tab). */
  notice = $state<string | null>(null);
  #lantern: Lantern;

  constructor(lantern: Lantern) {
    this.#lantern = lantern;
  }

  get lantern(): Lantern {
    return this.#lantern;
  }

  async load(): Promise<void> {
    this.learners = await this.#lantern.listLearners();
    // With a school's LRS configured, start sending what waits (never awaited: nothing waits for it).
    void this.#lantern.startLrs().catch(() => undefined);
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

  /**
   * Hear other tabs of this app (app/tabs.ts). An attempt by the open learner elsewhere is
   * adopted at once, so this tab's progress and next item reflect both tabs; the open learner
   * deleted elsewhere closes here, with a notice. Returns the unsubscribe ($effect cleanup).
   */
  listen(): () => void {
    return this.#lantern.onOtherTab((e) => void this.#fromOtherTab(e));
  }

  async #fromOtherTab(e: TabEvent): Promise<void> {
    try {
      const session = this.session;
      if (session && e.learnerId === session.learnerId) {
        const r = e.type === 'learner-deleted' ? 'gone' : await session.refresh();
        if (r === 'gone' && this.session === session) {
          this.current = null;
          this.session = null;
          sessionStorage.removeItem(CURRENT_KEY);
          this.notice = 'learner.deletedElsewhere';
        }
      }
      await this.refresh();
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  async #open(learner: LearnerSummary): Promise<void> {
    this.session = await this.#lantern.openSession(learner.id);
    this.current = learner;
    this.notice = null;
    sessionStorage.setItem(CURRENT_KEY, learner.id);
  }

  /** Back to the picker: the list is re-read so "last practised" and the order are current. */
  async close(): Promise<void> {
    // Switching learner ends the session: the model fine-tunes on it in its worker.
    if (this.current) this.#lantern.endSession(this.current.id);
    // Read the list first: the picker must never show the stale one ("Not started yet" for a
    // learner who just practised) while the fresh one loads.
    const learners = await this.#lantern.listLearners();
    this.learners = learners;
    this.current = null;
    this.session = null;
    sessionStorage.removeItem(CURRENT_KEY);
  }

  /** An adult deletes a learner (behind the adult gate); the open learner closes first. */
  async deleteLearner(id: string): Promise<void> {
    await this.#lantern.deleteLearner(id);
    if (this.current?.id === id) await this.close();
    else await this.refresh();
  }
}
