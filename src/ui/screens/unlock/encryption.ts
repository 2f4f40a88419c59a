/** Pure rules of the device passphrase forms (the unlock screen and the "Your data" section). */
import { MIN_DEVICE_PASSPHRASE, devicePassphraseLength } from '../../../app/device-lock';
import type { Message } from '../../../core/types';

export { MIN_DEVICE_PASSPHRASE };

export interface NewPassphraseForm {
  passphrase: string;
  confirm: string;
  /** The "forgotten means lost" warning was acknowledged (only when turning encryption on). */
  accepted: boolean;
}

export type NewPassphraseErrors = Partial<Record<'passphrase' | 'confirm' | 'accepted', Message>>;

export function validateNewPassphrase(f: NewPassphraseForm, needsAccept: boolean): NewPassphraseErrors {
  const errors: NewPassphraseErrors = {};
  if (devicePassphraseLength(f.passphrase) < MIN_DEVICE_PASSPHRASE) {
    errors.passphrase = { key: 'encryption.tooShort', params: { min: MIN_DEVICE_PASSPHRASE } };
  }
  if (f.confirm !== f.passphrase) errors.confirm = { key: 'encryption.mismatch' };
  if (needsAccept && !f.accepted) errors.accepted = { key: 'encryption.mustAccept' };
  return errors;
}
