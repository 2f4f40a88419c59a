/**
 * The device passphrase (encryption at rest, issue #5), app layer: what the unlock screen and the
 * "Your data" page call. The cryptography and the IndexedDB middleware are in
 * storage/encryption.ts; this class only holds the database's keyring and the rules. The cipher
 * is a lazily loaded chunk: status() starts loading it on an encrypted device, and unlock, enable,
 * disable and change await it (inside storage/encryption.ts) before any key reaches the keyring.
 *
 * The device passphrase is a separate secret from the teacher passphrase (SECURITY.md says why).
 */
import { ValidationError } from '../core/errors';
import type { LanternDB } from '../storage/db';
import {
  MIN_DEVICE_PASSPHRASE,
  changeDevicePassphrase,
  checkDevice,
  devicePassphraseLength,
  disableEncryption,
  enableEncryption,
  unlockDevice,
  type DeviceKeyring,
} from '../storage/encryption';

export { MIN_DEVICE_PASSPHRASE, devicePassphraseLength };

export type DeviceLockStatus = 'off' | 'locked' | 'unlocked';

/** What one tab tells the others when it turned encryption on or off. */
export type DeviceLockEvent = 'enabled' | 'disabled';

export interface DeviceLockOptions {
  /** PBKDF2 iterations for a new passphrase; only tests lower them. */
  readonly iterations?: number;
  readonly now?: () => number;
  /**
   * Called before the rows are rewritten, in this tab and (as soon as they hear) in the others:
   * stop anything that writes with its own copy of the key (the model worker), so no row is
   * written after the switch with the old state (in clear on a device now encrypted, or sealed
   * with a key that no longer exists).
   */
  readonly beforeSwitch?: () => void;
}

/** Sent before a tab rewrites the rows, so the others stop their own writers first. */
const SWITCHING = 'switching';

/** @throws ValidationError('encryption.tooShort') */
export function checkNewDevicePassphrase(passphrase: string): void {
  if (devicePassphraseLength(passphrase) < MIN_DEVICE_PASSPHRASE) {
    throw new ValidationError('encryption.tooShort', { min: MIN_DEVICE_PASSPHRASE });
  }
}

export class DeviceLock {
  readonly #db: LanternDB;
  readonly #ring: DeviceKeyring;
  readonly #opts: DeviceLockOptions;
  readonly #channel: BroadcastChannel | null;
  readonly #listeners = new Set<(e: DeviceLockEvent) => void>();

  constructor(db: LanternDB, ring: DeviceKeyring, opts: DeviceLockOptions = {}) {
    this.#db = db;
    this.#ring = ring;
    this.#opts = opts;
    // Another tab of this app that turns encryption on or off changes what this tab may write:
    // its keyring switches at once (on: locked, so nothing more is written in clear; off: clear,
    // so nothing more is sealed with a key that no longer exists), then the UI reloads.
    this.#channel =
      typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`lantern-device-lock:${db.name}`);
    if (this.#channel) {
      this.#channel.onmessage = (e: MessageEvent<unknown>) => {
        if (e.data === SWITCHING) return void this.#opts.beforeSwitch?.();
        if (e.data === 'enabled') this.#ring.setLocked();
        else if (e.data === 'disabled') this.#ring.setClear();
        else return;
        this.#opts.beforeSwitch?.();
        for (const l of this.#listeners) l(e.data);
      };
    }
  }

  /** Hears another tab turn encryption on or off (after this tab's keyring followed). Returns the unsubscribe. */
  onOtherTab(listener: (e: DeviceLockEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  close(): void {
    this.#channel?.close();
    this.#listeners.clear();
  }

  /** Reads the device's state; call once at start-up, before anything else reads learners. */
  status(): Promise<DeviceLockStatus> {
    return checkDevice(this.#db, this.#ring);
  }

  /** Whether the data is encrypted (on), judged from memory (after status()). */
  get enabled(): boolean {
    return this.#ring.mode === 'open' || this.#ring.mode === 'locked';
  }

  /** True when the passphrase opened the device; the key stays in memory only. */
  unlock(passphrase: string): Promise<boolean> {
    return unlockDevice(this.#db, this.#ring, passphrase);
  }

  /** Encrypts every learner's records now (all or nothing). @throws ValidationError, StorageError */
  async enable(passphrase: string): Promise<void> {
    checkNewDevicePassphrase(passphrase);
    this.#beforeSwitch();
    await enableEncryption(this.#db, this.#ring, passphrase, {
      ...(this.#opts.iterations ? { iterations: this.#opts.iterations } : {}),
      now: (this.#opts.now ?? Date.now)(),
    });
    this.#channel?.postMessage('enabled' satisfies DeviceLockEvent);
  }

  /** Decrypts every record (all or nothing). False for a wrong passphrase. */
  async disable(passphrase: string): Promise<boolean> {
    this.#beforeSwitch();
    const done = await disableEncryption(this.#db, this.#ring, passphrase);
    if (done) this.#channel?.postMessage('disabled' satisfies DeviceLockEvent);
    return done;
  }

  #beforeSwitch(): void {
    this.#opts.beforeSwitch?.();
    this.#channel?.postMessage(SWITCHING);
  }

  /** False for a wrong current passphrase. @throws ValidationError for a too-short new one */
  async change(current: string, next: string): Promise<boolean> {
    checkNewDevicePassphrase(next);
    return changeDevicePassphrase(this.#db, current, next, {
      ...(this.#opts.iterations ? { iterations: this.#opts.iterations } : {}),
      now: (this.#opts.now ?? Date.now)(),
    });
  }

  /**
   * The data key's bytes for a worker's own LanternDB (`installEncryption(db, bytes)`), or null
   * when the device is not encrypted. Undefined while locked or not yet checked.
   */
  keyForWorker(): Uint8Array | null | undefined {
    if (this.#ring.mode === 'clear') return null;
    return this.#ring.keyBytes() ?? undefined;
  }
}
