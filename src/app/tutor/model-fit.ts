/**
 * Whether a model file fits this device (issue 13): its size against the memory the browser
 * reports (`navigator.deviceMemory`, GB, rounded down and capped at 8 by the spec) and against the
 * free storage quota. Pure, so the rules are tested without a browser.
 */
import { ValidationError } from '../../core/errors';

/**
 * Memory a model needs, from `npm run tutor:bench` (BENCHMARKS.md): a 350 MB Q4_0 file raised the
 * browser's memory by about 660 MB at its peak while generating, with the knowledge-tracing worker
 * running (≈ 1.9× the file), on top of ≈ 0.5 GB for the browser and the app. So a model needs
 * about twice its size plus that, within three quarters of the device's memory (the system and
 * other apps keep the rest).
 */
export const PEAK_PER_FILE_BYTE = 2;
export const BROWSER_BYTES = 512 * 1024 ** 2;
export const MEMORY_SHARE = 0.75;
/** Without `deviceMemory` (Firefox, Safari): wasm64 and tab limits make larger files fail to load. */
export const MAX_MODEL_BYTES = 4 * 1024 ** 3;
/** Room kept free besides the file: the runtime's cached wasm (≈10 MB) and the learners' data. */
export const SPACE_MARGIN_BYTES = 64 * 1024 ** 2;

export interface DeviceRoom {
  /** `navigator.deviceMemory` in GB, where the browser tells. */
  readonly deviceMemoryGb?: number;
  /** `navigator.storage.estimate()`, where the browser tells. */
  readonly storage?: { readonly usage: number; readonly quota: number };
}

/** Megabytes with one decimal, for messages. */
export function megabytes(bytes: number): string {
  return (bytes / 1024 ** 2).toFixed(1);
}

/**
 * The refusal for a model of `bytes` on this device, or null when it fits.
 * `tutor.tooLarge` (memory) is checked before `tutor.noSpace` (storage): space can be freed,
 * memory cannot.
 */
export function modelFitRefusal(bytes: number, room: DeviceRoom): ValidationError | null {
  const memory = room.deviceMemoryGb;
  const maxBytes =
    memory !== undefined && memory > 0
      ? Math.max(
          0,
          Math.min(MAX_MODEL_BYTES, (memory * 1024 ** 3 * MEMORY_SHARE - BROWSER_BYTES) / PEAK_PER_FILE_BYTE),
        )
      : MAX_MODEL_BYTES;
  if (bytes > maxBytes) {
    return new ValidationError('tutorApp.tooLarge', { size: megabytes(bytes), max: megabytes(maxBytes) });
  }
  if (room.storage && room.storage.quota > 0) {
    const free = Math.max(0, room.storage.quota - room.storage.usage);
    if (bytes + SPACE_MARGIN_BYTES > free) {
      return new ValidationError('tutorApp.noSpace', { size: megabytes(bytes), free: megabytes(free) });
    }
  }
  return null;
}
