import { ADULT_PASSPHRASE_MIN, passphraseLength } from '../../../app/adult';
import type { Message } from '../../../core/types';

export interface CreateForm {
  nickname: string;
  avatar: string;
  pin: string;
  /** The adult passphrase, asked for with the device's first learner only. */
  adultPass?: string;
  adultConfirm?: string;
}

export const NICKNAME_MAX = 24;

/**
 * Client-side checks for instant feedback; the storage layer validates again and its
 * ValidationError is shown the same way. Returns field → message.
 */
export function validateCreateForm(
  f: CreateForm,
  needsAdult = false,
): Partial<Record<keyof CreateForm, Message>> {
  const errors: Partial<Record<keyof CreateForm, Message>> = {};
  const nick = f.nickname.trim();
  if (nick.length === 0) errors.nickname = { key: 'learner.nicknameRequired' };
  else if ([...nick].length > NICKNAME_MAX) {
    errors.nickname = { key: 'learner.nicknameTooLong', params: { max: NICKNAME_MAX } };
  }
  if (!f.avatar) errors.avatar = { key: 'learner.avatarRequired' };
  if (f.pin !== '' && !/^\d{4}$/.test(f.pin)) errors.pin = { key: 'create.pinMismatch' };
  if (needsAdult) {
    if (passphraseLength(f.adultPass ?? '') < ADULT_PASSPHRASE_MIN) {
      errors.adultPass = { key: 'adult.passphraseTooShort', params: { min: ADULT_PASSPHRASE_MIN } };
    } else if (f.adultConfirm !== f.adultPass) {
      errors.adultConfirm = { key: 'adult.mismatch' };
    }
  }
  return errors;
}
