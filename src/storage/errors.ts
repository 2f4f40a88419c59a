/**
 * The storage layer's one error type. Everything a repository rejects with is either a
 * `ValidationError` from core (bad input a person can fix) or a `StorageError` (the device
 * or the database is in a state the UI must explain). Both carry an i18n `messageKey`.
 */
export type StorageErrorCode = 'quota' | 'notFound' | 'conflict' | 'corrupt' | 'unavailable';

/** Default i18n key per code; a repository may pass a more specific one (e.g. 'learner.notFound'). */
export const STORAGE_ERROR_KEYS: Readonly<Record<StorageErrorCode, string>> = {
  quota: 'error.quota',
  notFound: 'error.notFound',
  conflict: 'error.conflict',
  corrupt: 'error.corrupt',
  unavailable: 'error.unavailable',
};

export class StorageError extends Error {
  readonly code: StorageErrorCode;
  readonly messageKey: string;
  constructor(code: StorageErrorCode, opts: { messageKey?: string; detail?: string; cause?: unknown } = {}) {
    super(opts.detail ?? `${code}: ${describe(opts.cause) ?? STORAGE_ERROR_KEYS[code]}`, {
      cause: opts.cause,
    });
    this.name = 'StorageError';
    this.code = code;
    this.messageKey = opts.messageKey ?? STORAGE_ERROR_KEYS[code];
  }
}

function describe(e: unknown): string | undefined {
  if (e === undefined) return undefined;
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Walks an error and whatever it wraps: Dexie's `inner`, standard `cause`, BulkError `failures`. */
function* errorChain(
  e: unknown,
  depth = 0,
  seen = new Set<unknown>(),
): Generator<{ name?: unknown; code?: unknown }> {
  if (depth > 8 || e === null || typeof e !== 'object' || seen.has(e)) return;
  seen.add(e);
  const o = e as { name?: unknown; code?: unknown; inner?: unknown; cause?: unknown; failures?: unknown };
  yield o;
  yield* errorChain(o.inner, depth + 1, seen);
  yield* errorChain(o.cause, depth + 1, seen);
  if (Array.isArray(o.failures)) for (const f of o.failures) yield* errorChain(f, depth + 1, seen);
}

/**
 * True for a quota failure however it arrives: a raw DOMException, Dexie's
 * QuotaExceededError, or an AbortError/BulkError whose inner error is the quota one.
 * Firefox's legacy name and the legacy DOMException code 22 are accepted too.
 */
export function isQuotaError(e: unknown): boolean {
  for (const x of errorChain(e)) {
    if (x.name === 'QuotaExceededError' || x.name === 'NS_ERROR_DOM_QUOTA_REACHED') return true;
    if (x.name === undefined && x.code === 22) return true;
  }
  return false;
}

const UNAVAILABLE = new Set([
  'MissingAPIError',
  'OpenFailedError',
  'DatabaseClosedError',
  'InvalidStateError',
  'SecurityError',
  'InvalidAccessError',
  'AbortError',
  'TimeoutError',
  'UnknownError',
  'PrematureCommitError',
]);
// VersionError: the database on disk is newer than this build (an older cached app in another tab).
const CONFLICT = new Set(['ConstraintError', 'VersionError', 'UpgradeError']);
const CORRUPT = new Set(['DataError', 'DataCloneError', 'SchemaError', 'InvalidTableError', 'NotFoundError']);

/**
 * Maps an IndexedDB/Dexie failure to a StorageError. Returns undefined for anything that is
 * not a storage failure (programming errors, ValidationError) so callers can rethrow it as-is.
 */
export function toStorageError(e: unknown): StorageError | undefined {
  if (e instanceof StorageError) return e;
  // A StorageError raised inside Dexie (e.g. in on('ready')) comes back wrapped.
  for (const x of errorChain(e)) if (x instanceof StorageError) return x;
  if (isQuotaError(e)) return new StorageError('quota', { cause: e });
  if (e === null || typeof e !== 'object') return undefined;
  const name = (e as { name?: unknown }).name;
  if (typeof name !== 'string') return undefined;
  // Dexie wraps DOM errors; classify by the innermost known name first.
  for (const x of errorChain(e)) {
    if (typeof x.name !== 'string') continue;
    if (CONFLICT.has(x.name)) return new StorageError('conflict', { cause: e });
    if (CORRUPT.has(x.name)) return new StorageError('corrupt', { cause: e });
  }
  if (UNAVAILABLE.has(name)) return new StorageError('unavailable', { cause: e });
  return undefined;
}

/** Runs a storage operation and converts storage failures to StorageError; other errors pass through. */
export async function guard<T>(op: () => PromiseLike<T>): Promise<T> {
  try {
    return await op();
  } catch (e) {
    throw toStorageError(e) ?? e;
  }
}
