/**
 * The cipher of encryption at rest (see encryption.ts): XChaCha20-Poly1305 from @noble/ciphers,
 * loaded on first need, and the synchronous sealing and opening of one row (sealRow/openRow) that
 * the DBCore middleware applies. Imported through encryption.ts, which re-exports its public names.
 */
// Types only: the cipher itself is imported dynamically by loadCipher().
import type { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { fromBase64, toBase64 } from './backup-crypto';
import { StorageError } from './errors';

export const NONCE_BYTES = 24;
/** The property holding a sealed row's blob. */
export const SEALED_FIELD = '$sealed';
const ROW_FORMAT = 1;
export const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

// --- The cipher, loaded on first need ----------------------------------------------------------

type XChaCha20Poly1305 = typeof xchacha20poly1305;

let cipher: XChaCha20Poly1305 | undefined;
let loading: Promise<void> | undefined;

/**
 * Loads XChaCha20-Poly1305 (@noble/ciphers, its own chunk) once; later calls resolve at once.
 * Every path that gives a {@link DeviceKeyring} a key awaits it first, so the synchronous row
 * cipher inside a transaction always finds it. A failed load (a build without its chunk cached,
 * offline) rejects with StorageError('unavailable') and the next call tries again.
 */
export function loadCipher(): Promise<void> {
  if (cipher) return Promise.resolve();
  loading ??= import('@noble/ciphers/chacha.js').then(
    (m) => {
      cipher = m.xchacha20poly1305;
    },
    (e: unknown) => {
      loading = undefined;
      throw new StorageError('unavailable', { detail: 'the encryption code could not be loaded', cause: e });
    },
  );
  return loading;
}

/** Whether {@link loadCipher} has completed (the synchronous row cipher can run). */
export function cipherLoaded(): boolean {
  return cipher !== undefined;
}

/** The loaded cipher; an internal error when a key is used before {@link loadCipher} resolved. */
export function xchacha(): XChaCha20Poly1305 {
  if (!cipher) {
    throw new Error(
      'internal: a device key is in use but the cipher is not loaded (await loadCipher() first)',
    );
  }
  return cipher;
}

export function randomBytes(n: number): Uint8Array {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * Stores whose rows are sealed, and the fields each keeps in clear: primary keys and indexed
 * fields, which IndexedDB must read to keep its indexes. Everything else is sealed.
 */
export const SEALED_STORES: Readonly<Record<string, readonly string[]>> = {
  learners: ['id', 'lastActiveAt'],
  attempts: ['id', 'learnerId', 'timestamp', 'skillId'],
  learnerState: ['learnerId'],
  models: ['learnerId'],
  // xAPI statements waiting for (or sent to) the LRS hold the answers: sealed like the attempts.
  outbox: ['id', 'learnerId', 'status', 'queuedAt'],
  // The LRS endpoint, key and secret.
  lrs: ['key'],
  // What a learner asked the tutor (issue 13): the question text and the item stay sealed.
  tutorQuestions: ['id', 'learnerId', 'askedAt'],
  lessonViews: ['id', 'learnerId', 'openedAt'],
};

interface SealedBlob {
  readonly v: number;
  readonly n: Uint8Array;
  readonly c: Uint8Array;
}

export function lockedError(): StorageError {
  return new StorageError('unavailable', {
    messageKey: 'encryption.lockedError',
    detail: 'the data on this device is encrypted and not unlocked',
  });
}

// --- Row encoding: JSON with byte arrays as tagged base64 ------------------------------------

const isArrayBuffer = (v: unknown): v is ArrayBuffer =>
  Object.prototype.toString.call(v) === '[object ArrayBuffer]';

function encodeJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (isArrayBuffer(v)) return { $ab: toBase64(new Uint8Array(v)) };
    if (v instanceof Uint8Array) return { $u8: toBase64(v) };
    return v;
  });
}

function decodeJson(text: string): unknown {
  // The reviver costs a call per value: only rows that hold bytes (model weights) need it.
  if (!text.includes('{"$ab":') && !text.includes('{"$u8":')) return JSON.parse(text);
  return JSON.parse(text, (_k, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o);
      if (keys.length === 1 && typeof o.$ab === 'string') return fromBase64(o.$ab)?.buffer;
      if (keys.length === 1 && typeof o.$u8 === 'string') return fromBase64(o.$u8);
    }
    return v;
  });
}

function rowAad(store: string, clear: Readonly<Record<string, unknown>>): Uint8Array {
  const fields = SEALED_STORES[store] ?? [];
  return utf8.encode(
    JSON.stringify(['lantern-row', ROW_FORMAT, store, ...fields.map((f) => clear[f] ?? null)]),
  );
}

/**
 * Seals every field of `row` except the store's clear fields. Synchronous (safe in a transaction).
 * @throws an internal Error when the cipher is not loaded ({@link loadCipher})
 */
export function sealRow(key: Uint8Array, store: string, row: unknown): unknown {
  const fields = SEALED_STORES[store];
  if (!fields || row === null || typeof row !== 'object') return row;
  const clear: Record<string, unknown> = {};
  const secret: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row as Record<string, unknown>)) {
    if (fields.includes(k)) clear[k] = v;
    else secret[k] = v;
  }
  const n = randomBytes(NONCE_BYTES);
  const c = xchacha()(key, n, rowAad(store, clear)).encrypt(utf8.encode(encodeJson(secret)));
  const blob: SealedBlob = { v: ROW_FORMAT, n, c };
  return { ...clear, [SEALED_FIELD]: blob };
}

function isSealed(row: unknown): row is Record<string, unknown> & { [SEALED_FIELD]: SealedBlob } {
  return row !== null && typeof row === 'object' && SEALED_FIELD in row;
}

/**
 * Opens a sealed row (a clear row is returned as it is).
 * @throws StorageError 'unavailable' (no key), 'corrupt' (tampered, damaged or another key); an
 *   internal Error when called with a key before {@link loadCipher} resolved
 */
export function openRow(key: Uint8Array | null, store: string, row: unknown): unknown {
  if (!isSealed(row)) return row;
  if (!key) throw lockedError();
  const aead = xchacha();
  const { [SEALED_FIELD]: blob, ...clear } = row;
  if (!blob || blob.v !== ROW_FORMAT || !(blob.n instanceof Uint8Array) || !(blob.c instanceof Uint8Array)) {
    throw new StorageError('corrupt', { detail: `${store}: unknown sealed row format` });
  }
  let plain: Uint8Array;
  try {
    plain = aead(key, blob.n, rowAad(store, clear)).decrypt(blob.c);
  } catch (e) {
    throw new StorageError('corrupt', { detail: `${store}: a sealed row does not open`, cause: e });
  }
  const secret = decodeJson(fromUtf8.decode(plain)) as Record<string, unknown>;
  return { ...secret, ...clear };
}
