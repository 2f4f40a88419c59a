/**
 * Byte-level helpers for the backup format (docs/file-format.md): canonical JSON, SHA-256,
 * base64, and the passphrase envelope (PBKDF2-SHA-256 → AES-256-GCM). WebCrypto only, so the
 * same code runs in the browser, in a worker and in Node 20 (globalThis.crypto).
 */

/** PBKDF2 iterations written by exportBackup (OWASP 2023 guidance for PBKDF2-HMAC-SHA-256). */
export const KDF_ITERATIONS = 600_000;
/** The fewest iterations a file may declare before decrypting is refused (downgrade guard). */
export const MIN_KDF_ITERATIONS = 100_000;
/** The most a file may declare: a hostile file must not make the device spin for minutes. */
export const MAX_KDF_ITERATIONS = 10_000_000;
export const SALT_BYTES = 16;
export const IV_BYTES = 12;
/** AES-GCM authentication tag, appended to the ciphertext by WebCrypto. */
export const TAG_BYTES = 16;

/** Thrown by canonicalJson when a value nests deeper than allowed (hostile input). */
export class NestingTooDeepError extends RangeError {
  constructor(limit: number) {
    super(`value nests deeper than ${limit} levels`);
    this.name = 'NestingTooDeepError';
  }
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Canonical JSON: object keys sorted by UTF-16 code units, no whitespace, strings and numbers
 * as JSON.stringify writes them, `undefined` members dropped. For the plain data this format
 * holds (no -0, finite numbers only) this is RFC 8785 (JCS), so other tools can reproduce it.
 * @throws NestingTooDeepError beyond `maxDepth`; TypeError for non-finite numbers or non-JSON values.
 */
export function canonicalJson(value: unknown, maxDepth = 64): string {
  const out: string[] = [];
  write(value, 0);
  return out.join('');

  function write(v: unknown, depth: number): void {
    if (v === null) {
      out.push('null');
      return;
    }
    switch (typeof v) {
      case 'string':
        out.push(JSON.stringify(v));
        return;
      case 'boolean':
        out.push(v ? 'true' : 'false');
        return;
      case 'number':
        if (!Number.isFinite(v)) throw new TypeError('canonical JSON has no non-finite numbers');
        out.push(JSON.stringify(v));
        return;
      case 'object':
        break;
      default:
        throw new TypeError(`canonical JSON cannot hold a ${typeof v}`);
    }
    if (depth >= maxDepth) throw new NestingTooDeepError(maxDepth);
    if (Array.isArray(v)) {
      out.push('[');
      for (let i = 0; i < v.length; i++) {
        if (i > 0) out.push(',');
        const item: unknown = v[i];
        write(item === undefined ? null : item, depth + 1);
      }
      out.push(']');
      return;
    }
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort(compareCodeUnits);
    out.push('{');
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      out.push(JSON.stringify(k), ':');
      write(o[k], depth + 1);
    });
    out.push('}');
  }
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** SHA-256 of the UTF-8 encoding of `text`, as 64 lower-case hex digits. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return toHex(new Uint8Array(digest));
}

/** Standard base64 (RFC 4648 §4, with padding). */
export function toBase64(bytes: Uint8Array): string {
  // String.fromCharCode(...chunk) keeps the argument list well under engine limits.
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 0x8000) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + 0x8000)));
  }
  return btoa(parts.join(''));
}

// No repeated group: V8 runs `(?:x{4})*` with a recursion per group and overflows its stack on a
// few MB of text (RangeError instead of a clean rejection). A flat class plus `length % 4` is
// the same language: groups of four, the last one optionally padded.
const BASE64 = /^[A-Za-z0-9+/]*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict base64 decode; undefined for anything that is not canonical padded base64. */
export function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  if (text.length % 4 !== 0 || !BASE64.test(text)) return undefined;
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function randomBytes(n: number): Uint8Array<ArrayBuffer> {
  return globalThis.crypto.getRandomValues(new Uint8Array(n));
}

/**
 * Passphrases are NFC-normalised, so one typed with a Chinese IME on a tablet opens the file on
 * a laptop that composes characters differently.
 */
function passphraseBytes(passphrase: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(passphrase.normalize('NFC'));
}

async function deriveKey(
  passphrase: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
  usage: KeyUsage,
): Promise<CryptoKey> {
  const subtle = globalThis.crypto.subtle;
  const base = await subtle.importKey('raw', passphraseBytes(passphrase), 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    [usage],
  );
}

/** AES-256-GCM encryption under a PBKDF2-derived key. `aad` is authenticated, not encrypted. */
export async function seal(
  plaintext: Uint8Array<ArrayBuffer>,
  passphrase: string,
  params: { salt: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer>; iterations: number; aad: string },
): Promise<Uint8Array<ArrayBuffer>> {
  const key = await deriveKey(passphrase, params.salt, params.iterations, 'encrypt');
  const ct = await globalThis.crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: params.iv, additionalData: new TextEncoder().encode(params.aad), tagLength: 128 },
    key,
    plaintext,
  );
  return new Uint8Array(ct);
}

/**
 * Reverses seal. Resolves undefined when authentication fails: a wrong passphrase and a
 * tampered or damaged file are indistinguishable by design (that is what GCM guarantees).
 */
export async function open(
  ciphertext: Uint8Array<ArrayBuffer>,
  passphrase: string,
  params: { salt: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer>; iterations: number; aad: string },
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const key = await deriveKey(passphrase, params.salt, params.iterations, 'decrypt');
  try {
    const pt = await globalThis.crypto.subtle.decrypt(
      {
        name: 'AES-GCM',
        iv: params.iv,
        additionalData: new TextEncoder().encode(params.aad),
        tagLength: 128,
      },
      key,
      ciphertext,
    );
    return new Uint8Array(pt);
  } catch (e) {
    if (e instanceof Error && e.name === 'OperationError') return undefined;
    throw e;
  }
}
