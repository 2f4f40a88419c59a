/**
 * PIN hashing for the shared-tablet profile lock.
 *
 * A 4-digit PIN has only 10,000 values: anyone holding the device can read IndexedDB and
 * brute-force the hash in seconds whatever the iteration count. This is a convenience lock
 * that keeps classmates out of each other's profiles on a shared tablet, not a secret.
 * PBKDF2 with a per-learner salt just avoids storing the PIN in clear text and makes a
 * precomputed table useless. The UI says so ('create.pinHelp').
 */

/** What is stored on a learner: plain JSON-safe data (hex strings), so it survives export. */
export interface PinHash {
  readonly salt: string;
  readonly hash: string;
  readonly iterations: number;
}

export const PIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

/** Exactly four ASCII digits. */
export function isValidPin(pin: unknown): pin is string {
  return typeof pin === 'string' && /^[0-9]{4}$/.test(pin);
}

function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

function fromHex(hex: string): Uint8Array<ArrayBuffer> {
  if (hex.length % 2 !== 0 || /[^0-9a-f]/i.test(hex)) throw new TypeError('invalid hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

async function derive(pin: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<Uint8Array> {
  const subtle = globalThis.crypto.subtle;
  const key = await subtle.importKey('raw', new TextEncoder().encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, key, HASH_BITS);
  return new Uint8Array(bits);
}

/**
 * Hashes a PIN with PBKDF2-SHA-256. `salt` (hex) is generated when omitted.
 * `iterations` is only lowered in tests and fixtures; verification reads it from the record.
 */
export async function hashPin(
  pin: string,
  salt?: string,
  iterations: number = PIN_ITERATIONS,
): Promise<PinHash> {
  const saltBytes =
    salt === undefined ? globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES)) : fromHex(salt);
  const hash = await derive(pin, saltBytes, iterations);
  return { salt: toHex(saltBytes), hash: toHex(hash), iterations };
}

/** Constant-time comparison of two equal-length byte strings (length is not secret). */
function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** True when `pin` matches the stored hash. Malformed stored data verifies as false. */
export async function verifyPin(pin: string, stored: PinHash): Promise<boolean> {
  let salt: Uint8Array<ArrayBuffer>;
  let expected: Uint8Array;
  try {
    salt = fromHex(stored.salt);
    expected = fromHex(stored.hash);
  } catch {
    return false;
  }
  if (!Number.isInteger(stored.iterations) || stored.iterations < 1) return false;
  const actual = await derive(pin, salt, stored.iterations);
  return constantTimeEqual(actual, expected);
}
