import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../core/errors';
import { StorageError, guard, isQuotaError, toStorageError } from './errors';

const quota = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('toStorageError', () => {
  it('maps a raw QuotaExceededError DOMException to quota', () => {
    const e = toStorageError(quota());
    expect(e).toBeInstanceOf(StorageError);
    expect(e?.code).toBe('quota');
    expect(e?.messageKey).toBe('error.quota');
    expect(e?.cause).toBeInstanceOf(DOMException);
  });

  it("maps Dexie's QuotaExceededError and inner/wrapped quota errors to quota", () => {
    expect(toStorageError(new Dexie.QuotaExceededError('full'))?.code).toBe('quota');
    expect(toStorageError(new Dexie.AbortError('aborted', quota()))?.code).toBe('quota');
    expect(toStorageError(new Dexie.BulkError('bulk', [quota()]))?.code).toBe('quota');
    expect(toStorageError(new Error('outer', { cause: quota() }))?.code).toBe('quota');
    expect(isQuotaError({ name: 'NS_ERROR_DOM_QUOTA_REACHED' })).toBe(true);
  });

  it('classifies other IndexedDB failures', () => {
    expect(toStorageError(new Dexie.ConstraintError('dup'))?.code).toBe('conflict');
    expect(toStorageError(new Dexie.VersionError('newer'))?.code).toBe('conflict');
    expect(toStorageError(new Dexie.DataCloneError('clone'))?.code).toBe('corrupt');
    expect(toStorageError(new Dexie.DatabaseClosedError('closed'))?.code).toBe('unavailable');
    expect(toStorageError(new Dexie.MissingAPIError('no idb'))?.code).toBe('unavailable');
    expect(toStorageError(new Dexie.AbortError('aborted'))?.code).toBe('unavailable');
    expect(toStorageError(new Dexie.AbortError('aborted', new Dexie.ConstraintError('dup')))?.code).toBe(
      'conflict',
    );
  });

  it('leaves programming errors and validation errors alone', () => {
    expect(toStorageError(new TypeError('x is undefined'))).toBeUndefined();
    expect(toStorageError(new ValidationError('learner.nicknameRequired'))).toBeUndefined();
    expect(toStorageError('boom')).toBeUndefined();
  });

  it('keeps an explicit StorageError and its messageKey', () => {
    const e = new StorageError('notFound', { messageKey: 'learner.notFound' });
    expect(toStorageError(e)).toBe(e);
    expect(e.messageKey).toBe('learner.notFound');
    expect(new StorageError('corrupt').messageKey).toBe('error.corrupt');
  });
});

describe('guard', () => {
  it('rethrows mapped storage errors and passes other errors through', async () => {
    await expect(guard(() => Promise.reject(quota()))).rejects.toMatchObject({
      name: 'StorageError',
      code: 'quota',
    });
    const v = new ValidationError('learner.pinFormat');
    await expect(guard(() => Promise.reject(v))).rejects.toBe(v);
    await expect(guard(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
