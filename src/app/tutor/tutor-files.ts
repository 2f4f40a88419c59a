/**
 * Where an installed model lives (issue 13): the file in the Origin Private File System (OPFS,
 * folder `tutor/`), the runtime's wasm in Cache Storage. Small and free of wllama, so "delete
 * everything" (app/data.ts) can empty both without loading the tutor.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { ValidationError } from '../../core/errors';
import { TUTOR_OPFS_DIR, TUTOR_RUNTIME_CACHE } from './tutor-protocol';

async function tutorDir(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  if (typeof navigator === 'undefined' || !navigator.storage?.getDirectory) return null;
  const root = await navigator.storage.getDirectory();
  try {
    return await root.getDirectoryHandle(TUTOR_OPFS_DIR, { create });
  } catch {
    return null;
  }
}

/**
 * Copies `file` into OPFS as `name`, a chunk at a time (a 400 MB model is never in memory
 * whole), hashing as it goes; returns the SHA-256 in hex. A failed copy leaves no file.
 * @throws ValidationError 'tutorApp.noOpfs' (no OPFS here) or 'tutorApp.writeFailed'
 */
export async function storeModelFile(
  file: Blob,
  name: string,
  onProgress?: (done: number, total: number) => void,
): Promise<string> {
  const dir = await tutorDir(true);
  if (!dir) throw new ValidationError('tutorApp.noOpfs');
  const handle = await dir.getFileHandle(name, { create: true });
  const hash = sha256.create();
  let writable: FileSystemWritableFileStream | undefined;
  try {
    writable = await handle.createWritable();
    const reader = file.stream().getReader();
    let done = 0;
    for (;;) {
      const r = await reader.read();
      if (r.done) break;
      hash.update(r.value);
      await writable.write(r.value);
      done += r.value.byteLength;
      onProgress?.(done, file.size);
    }
    await writable.close();
    return bytesToHex(hash.digest());
  } catch (e) {
    await writable?.abort().catch(() => undefined);
    await dir.removeEntry(name).catch(() => undefined);
    throw new ValidationError('tutorApp.writeFailed', {}, e instanceof Error ? e.message : String(e));
  }
}

/** Removes every file in the tutor folder except `keep`. */
export async function removeModelFiles(keep?: string): Promise<void> {
  const dir = await tutorDir(false);
  if (!dir) return;
  const names: string[] = [];
  for await (const name of dir.keys()) names.push(name);
  for (const n of names) if (n !== keep) await dir.removeEntry(n, { recursive: true }).catch(() => undefined);
}

/** Names of the files in the tutor folder (tests and the data page check it is empty). */
export async function listModelFiles(): Promise<string[]> {
  const dir = await tutorDir(false);
  if (!dir) return [];
  const names: string[] = [];
  for await (const name of dir.keys()) names.push(name);
  return names;
}

/** The runtime's wasm, kept so the tutor works offline; fetched from the app's own origin only. */
export async function cacheRuntime(wasmUrl: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  const cache = await caches.open(TUTOR_RUNTIME_CACHE);
  if (await cache.match(wasmUrl)) return;
  try {
    await cache.add(wasmUrl);
  } catch (e) {
    throw new ValidationError('tutorApp.runtimeUnavailable', {}, e instanceof Error ? e.message : String(e));
  }
}

/** Everything the tutor keeps outside IndexedDB: the model file(s) and the cached runtime. */
export async function removeTutorFiles(): Promise<void> {
  await removeModelFiles();
  if (typeof caches !== 'undefined') await caches.delete(TUTOR_RUNTIME_CACHE).catch(() => false);
}
