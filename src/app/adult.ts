/**
 * The adult passphrase: one secret that guards every adult action on a shared device (the data
 * page, backups and restores, delete everything, the device passphrase, class files, the class
 * view, and editing or deleting learners).
 *
 * It is stored only as a PBKDF2-SHA-256 hash with its own salt in the device settings. The key is
 * 'teacher.passphrase' because the teacher passphrase came first: a device that had one keeps it
 * as its adult passphrase, with no migration. It is a different secret from any learner's PIN
 * (a PIN never opens it) and from the device passphrase (which encrypts; this one only gates).
 * Like a PIN it keeps curious children out; it does not encrypt anything (SECURITY.md).
 * It is never part of a backup or a class file.
 */
import { ValidationError } from '../core/errors';
import { hashPin, verifyPin } from '../storage/pin';
import type { SettingsRepo } from '../storage/repositories';

export const ADULT_PASSPHRASE_MIN = 8;
export const ADULT_PASSPHRASE_ITERATIONS = 310_000;
const KEY = 'teacher.passphrase';

interface StoredHash {
  salt: string;
  hash: string;
  iterations: number;
}

function isStoredHash(v: unknown): v is StoredHash {
  if (v === null || typeof v !== 'object') return false;
  const x = v as Record<string, unknown>;
  return typeof x.salt === 'string' && typeof x.hash === 'string' && typeof x.iterations === 'number';
}

/** Code points, after NFC: what a person counts as characters. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

export class AdultGate {
  readonly #settings: SettingsRepo;
  readonly #iterations: number;

  constructor(settings: SettingsRepo, opts: { iterations?: number } = {}) {
    this.#settings = settings;
    this.#iterations = opts.iterations ?? ADULT_PASSPHRASE_ITERATIONS;
  }

  async isSet(): Promise<boolean> {
    return isStoredHash(await this.#settings.get(KEY));
  }

  /**
   * Sets the passphrase when there is none. Refuses to overwrite an existing one: the way out of
   * a forgotten passphrase is deleting all data, never a quiet reset.
   * @throws ValidationError 'adult.passphraseTooShort' {min} | 'adult.passphraseAlreadySet'
   */
  async set(passphrase: string): Promise<void> {
    if (passphraseLength(passphrase) < ADULT_PASSPHRASE_MIN) {
      throw new ValidationError('adult.passphraseTooShort', { min: ADULT_PASSPHRASE_MIN });
    }
    if (await this.isSet()) throw new ValidationError('adult.passphraseAlreadySet');
    const h = await hashPin(passphrase.normalize('NFC'), undefined, this.#iterations);
    await this.#settings.set(KEY, { salt: h.salt, hash: h.hash, iterations: h.iterations });
  }

  async verify(passphrase: string): Promise<boolean> {
    const stored = await this.#settings.get(KEY);
    if (!isStoredHash(stored)) return false;
    return verifyPin(passphrase.normalize('NFC'), stored);
  }
}
