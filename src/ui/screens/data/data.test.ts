import { describe, expect, it } from 'vitest';
import type { StorageReport } from '../../../app/data';
import { adultCatalogues } from '../../adult-catalogues';
import {
  checkFileSize,
  confirmWordMatches,
  exportRequest,
  importDoneMessage,
  isEncryptedBackup,
  MAX_FILE_BYTES,
  reportMessages,
  validateExportForm,
} from './data';
import { dataMessagesEn, dataMessagesZh } from './messages';

describe('data page helpers', () => {
  it('refuses files over 200 MB before reading them', () => {
    expect(checkFileSize(1_000)).toBeNull();
    expect(checkFileSize(MAX_FILE_BYTES)).toBeNull();
    expect(checkFileSize(MAX_FILE_BYTES + 1)).toEqual({ key: 'backup.tooLarge', params: { limitMb: 200 } });
  });

  it('recognises an encrypted backup by its format name', () => {
    expect(isEncryptedBackup('{"formatName":"lantern-backup-encrypted","formatVersion":1}')).toBe(true);
    expect(isEncryptedBackup(' {\n "formatName": "lantern-backup-encrypted"')).toBe(true);
    expect(isEncryptedBackup('{"formatName":"lantern-backup","formatVersion":1}')).toBe(false);
    expect(isEncryptedBackup('hello')).toBe(false);
  });

  it('checks the passphrase only when the file is locked', () => {
    const base = { learnerId: '', lock: false, passphrase: '', confirm: '' };
    expect(validateExportForm(base)).toEqual({});
    expect(validateExportForm({ ...base, lock: true, passphrase: 'short', confirm: 'short' })).toEqual({
      passphrase: 'data.export.tooShort',
    });
    expect(
      validateExportForm({ ...base, lock: true, passphrase: 'long enough', confirm: 'long enougH' }),
    ).toEqual({ confirm: 'data.export.mismatch' });
    expect(
      validateExportForm({
        ...base,
        lock: true,
        passphrase: '八个汉字的密码短语',
        confirm: '八个汉字的密码短语',
      }),
    ).toEqual({});
    expect(exportRequest({ ...base, lock: false, passphrase: 'ignored!' })).toEqual({});
    expect(
      exportRequest({ learnerId: 'a', lock: true, passphrase: 'p4ssphrase', confirm: 'p4ssphrase' }),
    ).toEqual({
      learnerIds: ['a'],
      passphrase: 'p4ssphrase',
    });
  });

  it('matches the confirmation word loosely on case and spaces only', () => {
    expect(confirmWordMatches(' delete ', 'DELETE')).toBe(true);
    expect(confirmWordMatches('DELET', 'DELETE')).toBe(false);
    expect(confirmWordMatches('删除', '删除')).toBe(true);
    expect(confirmWordMatches('', '删除')).toBe(false);
  });

  it('formats the storage report', () => {
    const r: StorageReport = {
      learners: [
        { id: 'a', nickname: 'Mei', attempts: 5, hasModelState: true, modelBytes: 0, approxBytes: 2_500 },
        { id: 'b', nickname: 'Bo', attempts: 0, hasModelState: false, modelBytes: 0, approxBytes: 300 },
        {
          id: 'c',
          nickname: 'Li',
          attempts: 90,
          hasModelState: true,
          modelBytes: 232_000,
          approxBytes: 260_000,
        },
      ],
      totalAttempts: 5,
      settingsCount: 2,
      approxBytes: 3_000,
      estimate: { used: 1_200_000, quota: 5_000_000_000 },
      persisted: false,
    };
    const m = reportMessages(r);
    expect(m.learners).toEqual([
      { key: 'data.stored.learner', params: { name: 'Mei', attempts: 5, size: '2.5 kB', modelSize: '0 B' } },
      { key: 'data.stored.learnerNew', params: { name: 'Bo', attempts: 0, size: '300 B', modelSize: '0 B' } },
      {
        key: 'data.stored.learnerModel',
        params: { name: 'Li', attempts: 90, size: '260 kB', modelSize: '232 kB' },
      },
    ]);
    expect(m.summary.map((x) => x.key)).toEqual([
      'data.stored.totals',
      'data.stored.size',
      'data.stored.quota',
    ]);
    expect(reportMessages({ ...r, estimate: null }).summary).toHaveLength(2);
    expect(
      importDoneMessage({ learnersAdded: 1, learnersUpdated: 0, attemptsAdded: 5, attemptsSkipped: 2 }),
    ).toEqual({ key: 'data.import.done', params: { learners: 1, attempts: 5, skipped: 2 } });
  });

  it('has every string in English and Chinese, with the same placeholders, in the adult screens’ catalogue', () => {
    expect(Object.keys(dataMessagesZh).sort()).toEqual(Object.keys(dataMessagesEn).sort());
    // `{name}`, and the argument of an ICU plural `{name, plural, …}` (Chinese needs no plural forms).
    const slots = (s: string) =>
      [...new Set([...s.matchAll(/\{(\w+)(?:\}|,\s*plural)/g)].map((x) => x[1]))].sort();
    for (const [k, v] of Object.entries(dataMessagesEn)) {
      expect(slots(dataMessagesZh[k]!), k).toEqual(slots(v));
      expect(adultCatalogues.en[k]).toBe(v);
      expect(adultCatalogues['zh-CN'][k]).toBe(dataMessagesZh[k]);
    }
  });
});
