import type { AdultGate } from '../../app/adult';

/** The screens only an adult may open (the adult passphrase guards them, typed addresses too). */
const ADULT: readonly string[] = ['data', 'teacher', 'learner', 'worksheet', 'learnerPage'];
export function isAdultScreen(screen: string): boolean {
  return ADULT.includes(screen);
}

/**
 * Whether an adult has unlocked the adult screens in this tab. Memory only: a reload, leaving the
 * adult screens for a child's, or "Lock" locks them again, so a tablet handed back to a child is
 * never left open. One instance, shared through context by App.svelte.
 */
export class AdultState {
  unlocked = $state(false);
  /** Whether the device has an adult passphrase; null until read. */
  isSet = $state<boolean | null>(null);
  readonly #gate: AdultGate;

  constructor(gate: AdultGate) {
    this.#gate = gate;
  }

  async refresh(): Promise<void> {
    this.isSet = await this.#gate.isSet();
  }

  /** Returns false on a wrong passphrase. */
  async unlock(passphrase: string): Promise<boolean> {
    const ok = await this.#gate.verify(passphrase);
    if (ok) this.unlocked = true;
    return ok;
  }

  /** An upgraded device with no adult passphrase: an adult sets it, and is in. */
  async setAndUnlock(passphrase: string): Promise<void> {
    await this.#gate.set(passphrase);
    this.isSet = true;
    this.unlocked = true;
  }

  lock(): void {
    this.unlocked = false;
  }
}
