import { describe, expect, it } from 'vitest';
import { MIN_DEVICE_PASSPHRASE, validateNewPassphrase } from './encryption';

describe('validateNewPassphrase', () => {
  const ok = { passphrase: 'river stone lamp', confirm: 'river stone lamp', accepted: true };

  it('accepts a long enough, confirmed, acknowledged passphrase', () => {
    expect(validateNewPassphrase(ok, true)).toEqual({});
  });

  it('counts characters, not bytes, so a Chinese passphrase is not penalised', () => {
    const zh = '月光照在小河上面真美';
    expect([...zh].length).toBe(MIN_DEVICE_PASSPHRASE);
    expect(validateNewPassphrase({ passphrase: zh, confirm: zh, accepted: true }, true)).toEqual({});
    const short = zh.slice(1);
    expect(
      validateNewPassphrase({ passphrase: short, confirm: short, accepted: true }, true).passphrase?.key,
    ).toBe('encryption.tooShort');
  });

  it('refuses a mismatch and a missing acknowledgement (only when it is asked for)', () => {
    const e = validateNewPassphrase({ ...ok, confirm: 'river stone lamb', accepted: false }, true);
    expect(e.confirm?.key).toBe('encryption.mismatch');
    expect(e.accepted?.key).toBe('encryption.mustAccept');
    expect(validateNewPassphrase({ ...ok, accepted: false }, false)).toEqual({});
  });
});
