/**
 * Encryption at rest (issue #5): an optional device passphrase encrypts the learners' records in
 * IndexedDB.
 *
 * - A random 256-bit **data key** encrypts rows. It is stored only wrapped (encrypted) under a
 *   key derived from the device passphrase with PBKDF2-SHA-256 (600,000 iterations, random salt),
 *   in the clear `meta` row 'encryption' ({@link EncryptionMeta}, with a format version).
 *   The wrap is authenticated (XChaCha20-Poly1305), so a failed unwrap *is* the wrong-passphrase
 *   check: no separate verifier that could be attacked more cheaply. Changing the passphrase
 *   re-wraps the data key; no row is rewritten.
 * - Rows are sealed by a Dexie DBCore middleware ({@link installEncryption}). Awaiting WebCrypto
 *   inside an IndexedDB transaction would commit it early, so the row cipher is synchronous:
 *   XChaCha20-Poly1305 from @noble/ciphers, a random 192-bit nonce per value (random nonces are
 *   safe at this size). Primary keys and indexed fields stay in clear (IndexedDB needs them for
 *   its indexes); every other field goes into one sealed blob per row. The clear fields and the
 *   store name are authenticated as associated data, so a row's blob cannot be moved to another
 *   row or another learner without failing to open.
 * - The key lives only in memory (a {@link DeviceKeyring} per LanternDB). A web worker that opens
 *   its own LanternDB gets the raw key bytes by postMessage, awaits {@link loadCipher} and calls
 *   `installEncryption(db, keyBytes)` before its first read.
 * - The cipher is loaded lazily ({@link loadCipher}): most devices never turn the passphrase on,
 *   so @noble/ciphers stays out of the first page load (its own chunk, precached by the service
 *   worker so that an offline device still unlocks). The middleware itself is installed at
 *   start-up; it only needs the cipher once the keyring holds a key, and a key arrives only
 *   through the async functions below, which load the cipher first.
 *
 * The cipher and the sealing of single rows are in encryption-cipher.ts; this module
 * re-exports their public names.
 */
import type { DBCore, DBCoreCursor, DBCoreMutateRequest, DBCoreTable, Dexie } from 'dexie';
import { fromBase64, toBase64 } from './backup-crypto';
import type { LanternDB } from './db';
import {
  NONCE_BYTES,
  SEALED_STORES,
  loadCipher,
  lockedError,
  openRow,
  randomBytes,
  sealRow,
  utf8,
  xchacha,
} from './encryption-cipher';
import { StorageError } from './errors';

export { SEALED_FIELD, SEALED_STORES, cipherLoaded, loadCipher, openRow, sealRow } from './encryption-cipher';

/** The meta row describing the device key. Present exactly when encryption is on. */
export const ENCRYPTION_META_KEY = 'encryption';
export const ENCRYPTION_FORMAT = 1;
/** PBKDF2-SHA-256 iterations for the device passphrase (OWASP 2023); tests lower it. */
export const DEVICE_KDF_ITERATIONS = 600_000;
/** Fewest iterations a stored meta row may declare (a downgraded row is refused). */
export const MIN_DEVICE_KDF_ITERATIONS = 1_000;
/** Device passphrases are at least this many characters (code points, after NFC). */
export const MIN_DEVICE_PASSPHRASE = 10;
export const DATA_KEY_BYTES = 32;
const SALT_BYTES = 16;
const WRAP_AAD = utf8.encode('lantern-device-key-v1');

/** The clear meta row (JSON-safe). */
export interface EncryptionMeta {
  readonly format: number;
  readonly kdf: 'PBKDF2-SHA-256';
  readonly iterations: number;
  /** base64 */
  readonly salt: string;
  readonly wrap: 'XChaCha20-Poly1305';
  /** base64 */
  readonly nonce: string;
  /** base64: the data key sealed under the passphrase key (its tag is the verifier). */
  readonly wrappedKey: string;
  /** Epoch ms of the last (re)wrap. */
  readonly changedAt: number;
}

/**
 * The in-memory key of one LanternDB, read by its middleware on every request.
 *
 * - `unknown`: not yet checked (the app's start-up): sealed rows cannot be read, no sealed store
 *   can be written.
 * - `clear`: encryption is off; rows are written in clear.
 * - `locked`: encryption is on, no key: sealed rows cannot be read, nothing can be written.
 * - `open`: rows are sealed on write and opened on read (a clear row reads as it is).
 */
export class DeviceKeyring {
  #key: Uint8Array | null = null;
  #mode: 'unknown' | 'clear' | 'locked' | 'open' = 'unknown';
  /** During enable/disable: that transaction alone writes with this key (null = in clear). */
  #switching: { trans: unknown; key: Uint8Array | null } | null = null;

  get mode(): 'unknown' | 'clear' | 'locked' | 'open' {
    return this.#mode;
  }

  /** A copy of the key bytes (to post to a worker), or null. */
  keyBytes(): Uint8Array | null {
    return this.#key ? this.#key.slice() : null;
  }

  setClear(): void {
    this.#wipe();
    this.#mode = 'clear';
  }

  setLocked(): void {
    this.#wipe();
    this.#mode = 'locked';
  }

  /** @throws an internal Error when the cipher is not loaded yet ({@link loadCipher}) */
  setKey(key: Uint8Array): void {
    if (key.length !== DATA_KEY_BYTES) throw new RangeError(`a data key has ${DATA_KEY_BYTES} bytes`);
    xchacha(); // fail here, where the key arrives, rather than at the first row
    this.#wipe();
    this.#key = key.slice();
    this.#mode = 'open';
  }

  /** @internal Used by enableEncryption/disableEncryption. */
  beginSwitch(trans: unknown, key: Uint8Array | null): void {
    if (key) xchacha();
    this.#switching = { trans, key };
  }

  /** @internal */
  endSwitch(): void {
    this.#switching = null;
  }

  /** Key for opening sealed rows (null: locked). */
  readKey(): Uint8Array | null {
    return this.#key ?? this.#switching?.key ?? null;
  }

  /** Key for writing in `trans`: bytes = seal, null = clear; throws when writing is not allowed. */
  writeKey(trans: unknown): Uint8Array | null {
    if (this.#switching && this.#switching.trans === trans) return this.#switching.key;
    if (this.#mode === 'open') return this.#key;
    if (this.#mode === 'clear') return null;
    throw lockedError();
  }

  #wipe(): void {
    this.#key?.fill(0);
    this.#key = null;
  }
}

// --- The DBCore middleware -------------------------------------------------------------------

const MIDDLEWARE = 'LanternEncryption';

function wrapCursor(cursor: DBCoreCursor, open: (v: unknown) => unknown): DBCoreCursor {
  let at: unknown = undefined;
  let cached: unknown = undefined;
  let has = false;
  return Object.create(cursor, {
    value: {
      get() {
        const raw: unknown = cursor.value;
        if (!has || raw !== at) {
          at = raw;
          cached = open(raw);
          has = true;
        }
        return cached;
      },
    },
  }) as DBCoreCursor;
}

function sealedTable(t: DBCoreTable, store: string, ring: DeviceKeyring): DBCoreTable {
  const open = (v: unknown): unknown => openRow(ring.readKey(), store, v);
  return {
    ...t,
    mutate(req: DBCoreMutateRequest) {
      if (req.type !== 'add' && req.type !== 'put') return t.mutate(req);
      let key: Uint8Array | null;
      try {
        key = ring.writeKey(req.trans);
      } catch (e) {
        return Promise.reject(e);
      }
      if (!key) return t.mutate(req);
      const k = key;
      return t.mutate({ ...req, values: req.values.map((v) => sealRow(k, store, v)) });
    },
    get: (req) => t.get(req).then(open),
    getMany: (req) => t.getMany(req).then((rows) => rows.map(open)),
    query: (req) => t.query(req).then((res) => (req.values ? { ...res, result: res.result.map(open) } : res)),
    openCursor: (req) => t.openCursor(req).then((c) => (c ? wrapCursor(c, open) : c)),
  };
}

/**
 * Installs the sealing middleware on a LanternDB (or any Dexie with the same stores). Call it
 * before the database is first used: Dexie builds its middleware stack when it opens.
 *
 * - `key` given (32 bytes): rows are sealed and opened with it — what a worker does with the
 *   bytes the page posted to it, after awaiting {@link loadCipher} (it throws otherwise).
 * - `null`: the device is known not to be encrypted; rows are written in clear.
 * - omitted: unknown until the caller reads the meta row (DeviceLock does, at start-up).
 *
 * It sits below Dexie's own middlewares (hooks, observability, cache), so they see plain rows.
 */
export function installEncryption(db: Dexie, key?: Uint8Array | null): DeviceKeyring {
  const ring = new DeviceKeyring();
  if (key) ring.setKey(key);
  else if (key === null) ring.setClear();
  db.use({
    stack: 'dbcore',
    name: MIDDLEWARE,
    level: -10,
    create: (down: DBCore): DBCore => ({
      ...down,
      table(name: string) {
        const t = down.table(name);
        return SEALED_STORES[name] ? sealedTable(t, name, ring) : t;
      },
    }),
  });
  return ring;
}

// --- The device passphrase -------------------------------------------------------------------

/** Passphrases are NFC-normalised (a Chinese IME may compose differently another day). */
export function devicePassphraseLength(passphrase: string): number {
  return [...passphrase.normalize('NFC')].length;
}

async function deriveWrappingKey(
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', utf8.encode(passphrase.normalize('NFC')), 'PBKDF2', false, [
    'deriveBits',
  ]);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt: salt.slice(), iterations },
    base,
    256,
  );
  return new Uint8Array(bits);
}

/** Wraps `dataKey` under `passphrase` with a new salt and nonce. */
export async function wrapDataKey(
  dataKey: Uint8Array,
  passphrase: string,
  opts: { iterations?: number; now?: number } = {},
): Promise<EncryptionMeta> {
  await loadCipher();
  const iterations = opts.iterations ?? DEVICE_KDF_ITERATIONS;
  const salt = randomBytes(SALT_BYTES);
  const nonce = randomBytes(NONCE_BYTES);
  const kek = await deriveWrappingKey(passphrase, salt, iterations);
  const wrapped = xchacha()(kek, nonce, WRAP_AAD).encrypt(dataKey);
  kek.fill(0);
  return {
    format: ENCRYPTION_FORMAT,
    kdf: 'PBKDF2-SHA-256',
    iterations,
    salt: toBase64(salt),
    wrap: 'XChaCha20-Poly1305',
    nonce: toBase64(nonce),
    wrappedKey: toBase64(wrapped),
    changedAt: opts.now ?? Date.now(),
  };
}

/** The data key, or undefined when the passphrase is wrong (or the row was tampered with). */
export async function unwrapDataKey(
  meta: EncryptionMeta,
  passphrase: string,
): Promise<Uint8Array | undefined> {
  const salt = fromBase64(meta.salt);
  const nonce = fromBase64(meta.nonce);
  const wrapped = fromBase64(meta.wrappedKey);
  if (!salt || !nonce || !wrapped || nonce.length !== NONCE_BYTES) {
    throw new StorageError('corrupt', { detail: 'the encryption meta row is damaged' });
  }
  await loadCipher();
  const aead = xchacha(); // outside the try: a missing cipher is not a wrong passphrase
  const kek = await deriveWrappingKey(passphrase, salt, meta.iterations);
  try {
    const key = aead(kek, nonce, WRAP_AAD).decrypt(wrapped);
    return key.length === DATA_KEY_BYTES ? key : undefined;
  } catch {
    return undefined;
  } finally {
    kek.fill(0);
  }
}

function isMeta(v: unknown): v is EncryptionMeta {
  if (v === null || typeof v !== 'object') return false;
  const m = v as Record<string, unknown>;
  return (
    typeof m.format === 'number' &&
    typeof m.iterations === 'number' &&
    typeof m.salt === 'string' &&
    typeof m.nonce === 'string' &&
    typeof m.wrappedKey === 'string'
  );
}

/**
 * The device's encryption meta row, or undefined when encryption is off.
 * @throws StorageError 'conflict' for a newer format, 'corrupt' for a damaged row
 */
export async function readEncryptionMeta(db: LanternDB): Promise<EncryptionMeta | undefined> {
  const row = await db.meta.get(ENCRYPTION_META_KEY);
  if (!row) return undefined;
  if (!isMeta(row.value)) throw new StorageError('corrupt', { detail: 'the encryption meta row is damaged' });
  if (row.value.format > ENCRYPTION_FORMAT) {
    throw new StorageError('conflict', {
      messageKey: 'error.newerVersion',
      detail: `encryption format ${row.value.format} is newer than this build's ${ENCRYPTION_FORMAT}`,
    });
  }
  if (!Number.isInteger(row.value.iterations) || row.value.iterations < MIN_DEVICE_KDF_ITERATIONS) {
    throw new StorageError('corrupt', { detail: 'the encryption meta row declares too few iterations' });
  }
  return row.value;
}

const SEALED_STORE_NAMES = Object.keys(SEALED_STORES);

/** Rewrites every row of the sealed stores inside the current transaction (sealed or clear by the ring). */
async function rewriteAll(db: LanternDB): Promise<number> {
  let n = 0;
  for (const name of SEALED_STORE_NAMES) {
    const table = db.table(name);
    const rows: unknown[] = await table.toArray();
    if (rows.length > 0) await table.bulkPut(rows);
    n += rows.length;
  }
  return n;
}

export interface EnableOptions {
  /** PBKDF2 iterations; lowered only in tests. */
  readonly iterations?: number;
  readonly now?: number;
}

/**
 * Turns encryption on: a new data key, wrapped under `passphrase`, and every existing row of the
 * sealed stores rewritten sealed, in one transaction with the meta row — all or nothing.
 * The ring holds the key afterwards (the device stays unlocked).
 * @throws StorageError('conflict') when encryption is already on; storage errors (nothing changed)
 */
export async function enableEncryption(
  db: LanternDB,
  ring: DeviceKeyring,
  passphrase: string,
  opts: EnableOptions = {},
): Promise<void> {
  await loadCipher();
  const key = randomBytes(DATA_KEY_BYTES);
  // WebCrypto before the transaction: awaiting it inside would commit the transaction early.
  const meta = await wrapDataKey(key, passphrase, opts);
  await db
    .transaction('rw', [...SEALED_STORE_NAMES, 'meta'], async (tx) => {
      if (await db.meta.get(ENCRYPTION_META_KEY)) {
        throw new StorageError('conflict', { detail: 'encryption is already on' });
      }
      ring.beginSwitch(tx.idbtrans, key);
      await rewriteAll(db);
      await db.meta.put({ key: ENCRYPTION_META_KEY, value: meta });
    })
    .finally(() => ring.endSwitch());
  ring.setKey(key);
  key.fill(0);
}

/**
 * Turns encryption off with the passphrase: every row rewritten in clear and the meta row
 * deleted, in one transaction. Resolves false (nothing changed) for a wrong passphrase.
 */
export async function disableEncryption(
  db: LanternDB,
  ring: DeviceKeyring,
  passphrase: string,
): Promise<boolean> {
  const meta = await readEncryptionMeta(db);
  if (!meta) {
    ring.setClear();
    return true;
  }
  // unwrapDataKey loaded the cipher: the ring may take the key.
  const key = await unwrapDataKey(meta, passphrase);
  if (!key) return false;
  await db
    .transaction('rw', [...SEALED_STORE_NAMES, 'meta'], async (tx) => {
      ring.beginSwitch(tx.idbtrans, null);
      // Reads open sealed rows with this key even while the ring itself is locked.
      if (ring.mode !== 'open') ring.setKey(key);
      await rewriteAll(db);
      await db.meta.delete(ENCRYPTION_META_KEY);
    })
    .then(
      () => ring.setClear(),
      (e: unknown) => {
        // Nothing was written: the device is as it was, and unlocked with the checked key.
        ring.setKey(key);
        throw e;
      },
    )
    .finally(() => {
      ring.endSwitch();
      key.fill(0);
    });
  return true;
}

/** Unlocks: true and the key in the ring, or false for a wrong passphrase (the ring stays locked). */
export async function unlockDevice(db: LanternDB, ring: DeviceKeyring, passphrase: string): Promise<boolean> {
  const meta = await readEncryptionMeta(db);
  if (!meta) {
    ring.setClear();
    return true;
  }
  const key = await unwrapDataKey(meta, passphrase);
  if (!key) return false;
  ring.setKey(key);
  key.fill(0);
  return true;
}

/** Re-wraps the data key under a new passphrase (one put; no row changes). False: wrong old one. */
export async function changeDevicePassphrase(
  db: LanternDB,
  current: string,
  next: string,
  opts: EnableOptions = {},
): Promise<boolean> {
  const meta = await readEncryptionMeta(db);
  if (!meta) return false;
  const key = await unwrapDataKey(meta, current);
  if (!key) return false;
  const rewrapped = await wrapDataKey(key, next, opts);
  key.fill(0);
  await db.transaction('rw', db.meta, async () => {
    const still = await db.meta.get(ENCRYPTION_META_KEY);
    if (!still || (still.value as EncryptionMeta).wrappedKey !== meta.wrappedKey) {
      throw new StorageError('conflict', { detail: 'the device passphrase changed meanwhile' });
    }
    await db.meta.put({ key: ENCRYPTION_META_KEY, value: rewrapped });
  });
  return true;
}

/**
 * Reads the meta row and puts the ring in the matching state ('clear' or 'locked'). An encrypted
 * device starts loading the cipher here, while the passphrase is typed (unlocking awaits it).
 */
export async function checkDevice(
  db: LanternDB,
  ring: DeviceKeyring,
): Promise<'off' | 'locked' | 'unlocked'> {
  const meta = await readEncryptionMeta(db);
  if (!meta) {
    ring.setClear();
    return 'off';
  }
  loadCipher().catch(() => undefined); // a failure surfaces (and is retried) when unlocking
  if (ring.mode === 'open') return 'unlocked';
  ring.setLocked();
  return 'locked';
}
