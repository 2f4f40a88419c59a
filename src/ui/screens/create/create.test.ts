import { describe, expect, it } from 'vitest';
import { validateCreateForm } from './create';

describe('validateCreateForm', () => {
  it('accepts a nickname and avatar without a PIN', () => {
    expect(validateCreateForm({ nickname: ' Mei ', avatar: 'fox', pin: '' })).toEqual({});
  });
  it('requires a nickname that is not just spaces', () => {
    expect(validateCreateForm({ nickname: '   ', avatar: 'fox', pin: '' }).nickname?.key).toBe(
      'learner.nicknameRequired',
    );
  });
  it('limits nicknames to 24 characters, counting CJK characters as one', () => {
    expect(validateCreateForm({ nickname: '小'.repeat(24), avatar: 'fox', pin: '' })).toEqual({});
    expect(validateCreateForm({ nickname: 'a'.repeat(25), avatar: 'fox', pin: '' }).nickname?.key).toBe(
      'learner.nicknameTooLong',
    );
  });
  it.each(['1', '123', '12345', 'abcd', '12 3'])('rejects PIN %j', (pin) => {
    expect(validateCreateForm({ nickname: 'Mei', avatar: 'fox', pin }).pin?.key).toBe('create.pinMismatch');
  });
  it('accepts a 4-digit PIN and requires an avatar', () => {
    const e = validateCreateForm({ nickname: 'Mei', avatar: '', pin: '0042' });
    expect(e.pin).toBeUndefined();
    expect(e.avatar?.key).toBe('learner.avatarRequired');
  });
  it('asks the adult who creates the first learner for an adult passphrase, twice', () => {
    const base = { nickname: 'Mei', avatar: 'fox', pin: '' };
    expect(validateCreateForm(base)).toEqual({});
    expect(validateCreateForm(base, true).adultPass?.key).toBe('adult.passphraseTooShort');
    expect(validateCreateForm({ ...base, adultPass: 'short' }, true).adultPass?.key).toBe(
      'adult.passphraseTooShort',
    );
    expect(
      validateCreateForm({ ...base, adultPass: 'lantern grown-up', adultConfirm: 'lantern grownup' }, true)
        .adultConfirm?.key,
    ).toBe('adult.mismatch');
    expect(
      validateCreateForm({ ...base, adultPass: 'lantern grown-up', adultConfirm: 'lantern grown-up' }, true),
    ).toEqual({});
  });
});
