/**
 * The passphrase envelope of a backup (`lantern-backup-encrypted` v1, docs/file-format.md):
 * wrapping a plain backup's text, and checking and opening an encrypted file. The byte-level
 * crypto (PBKDF2, AES-GCM, base64) is in backup-crypto.ts.
 */
import {
  IV_BYTES,
  MAX_KDF_ITERATIONS,
  MIN_KDF_ITERATIONS,
  SALT_BYTES,
  TAG_BYTES,
  canonicalJson,
  fromBase64,
  open,
  randomBytes,
  seal,
  toBase64,
} from './backup-crypto';
import type { EncryptedBackupDocument, ParseOptions } from './backup-format';
import {
  ENCRYPTED_FORMAT_FIELDS,
  ENCRYPTED_FORMAT_NAME,
  ENCRYPTED_FORMAT_VERSION,
  fail,
  isPlainObject,
  own,
} from './backup-format';
import { checkVersion } from './backup-validate';

/** Additional authenticated data: the envelope's header, so its fields cannot be swapped. */
function envelopeAad(h: Omit<EncryptedBackupDocument, 'ciphertext'>): string {
  return canonicalJson({
    formatName: h.formatName,
    formatVersion: h.formatVersion,
    kdf: h.kdf,
    cipher: h.cipher,
  });
}

export async function encrypt(text: string, passphrase: string, iterations: number): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const iv = randomBytes(IV_BYTES);
  const header: Omit<EncryptedBackupDocument, 'ciphertext'> = {
    formatName: ENCRYPTED_FORMAT_NAME,
    formatVersion: ENCRYPTED_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(salt) },
    cipher: { name: 'AES-GCM', iv: toBase64(iv) },
  };
  const ct = await seal(new TextEncoder().encode(text), passphrase, {
    salt,
    iv,
    iterations,
    aad: envelopeAad(header),
  });
  const doc: EncryptedBackupDocument = { ...header, ciphertext: toBase64(ct) };
  return JSON.stringify(doc);
}

export async function decrypt(raw: Record<string, unknown>, opts: ParseOptions): Promise<string> {
  checkVersion(own(raw, 'formatVersion'), ENCRYPTED_FORMAT_VERSION);
  for (const k of Object.keys(raw)) {
    if (!ENCRYPTED_FORMAT_FIELDS.includes(k)) throw fail('backup.wrongFormat', {}, `unknown field ${k}`);
  }
  const kdf = own(raw, 'kdf');
  const cipher = own(raw, 'cipher');
  const ciphertext = own(raw, 'ciphertext');
  if (!isPlainObject(kdf) || !isPlainObject(cipher) || typeof ciphertext !== 'string') {
    throw fail('backup.wrongFormat');
  }
  const iterations = own(kdf, 'iterations');
  const saltText = own(kdf, 'salt');
  const ivText = own(cipher, 'iv');
  if (
    own(kdf, 'name') !== 'PBKDF2' ||
    own(kdf, 'hash') !== 'SHA-256' ||
    Object.keys(kdf).length !== 4 ||
    typeof iterations !== 'number' ||
    !Number.isInteger(iterations) ||
    iterations > MAX_KDF_ITERATIONS ||
    typeof saltText !== 'string' ||
    own(cipher, 'name') !== 'AES-GCM' ||
    Object.keys(cipher).length !== 2 ||
    typeof ivText !== 'string'
  ) {
    throw fail('backup.wrongFormat');
  }
  const salt = fromBase64(saltText);
  const iv = fromBase64(ivText);
  const ct = fromBase64(ciphertext);
  if (salt?.length !== SALT_BYTES || iv?.length !== IV_BYTES) throw fail('backup.wrongFormat');
  if (!ct || ct.length < TAG_BYTES) throw fail('backup.truncated');
  if (opts.passphrase === undefined || opts.passphrase === '') throw fail('backup.encryptedNeedsPassphrase');
  if (iterations < (opts.minIterations ?? MIN_KDF_ITERATIONS)) {
    throw fail('backup.weakEncryption', { iterations, min: MIN_KDF_ITERATIONS });
  }
  const aad = envelopeAad({
    formatName: ENCRYPTED_FORMAT_NAME,
    formatVersion: ENCRYPTED_FORMAT_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: saltText },
    cipher: { name: 'AES-GCM', iv: ivText },
  });
  const pt = await open(ct, opts.passphrase, { salt, iv, iterations, aad });
  if (!pt) throw fail('backup.wrongPassphrase');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(pt);
  } catch {
    throw fail('backup.wrongFormat');
  }
}
