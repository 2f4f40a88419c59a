import type { Message } from '../../../core/types';

export interface CreateForm {
  nickname: string;
  avatar: string;
  pin: string;
}

export const NICKNAME_MAX = 24;

/**
 * Client-side checks for instant feedback; the storage layer validates again and its
 * ValidationError is shown the same way. Returns field → message.
 */
export function validateCreateForm(f: CreateForm): Partial<Record<keyof CreateForm, Message>> {
  const errors: Partial<Record<keyof CreateForm, Message>> = {};
  const nick = f.nickname.trim();
  if (nick.length === 0) errors.nickname = { key: 'learner.nicknameRequired' };
  else if ([...nick].length > NICKNAME_MAX) {
    errors.nickname = { key: 'learner.nicknameTooLong', params: { max: NICKNAME_MAX } };
  }
  if (!f.avatar) errors.avatar = { key: 'learner.avatarRequired' };
  if (f.pin !== '' && !/^\d{4}$/.test(f.pin)) errors.pin = { key: 'create.pinMismatch' };
  return errors;
}
