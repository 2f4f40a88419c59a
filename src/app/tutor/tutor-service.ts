/**
 * The optional tutor (issue 13): installing a model an adult provides as a file, asking it about
 * an item, the questions learners asked, the speed of the last reply. A lazy chunk
 * (`Lantern.tutor()`), loaded only once a model is installed or an adult opens its section; wllama
 * itself loads only in the tutor worker. Nothing here downloads anything: the model comes from a
 * file picked on the device, the runtime from the app's own origin.
 */
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import { ValidationError } from '../../core/errors';
import { readGgufHeader, type GgufInfo } from '../../core/gguf';
import { askTutor, type TutorAsk, type TutorEvent, type TutorItemContext } from '../../core/tutor';
import type { LearnerId } from '../../core/types';
import type { TutorQuestionRecord } from '../../storage/db';
import type { TutorModelSetting, TutorSpeedSetting } from '../../storage/repositories';
import type { AppParts } from '../parts';
import { modelFitRefusal, type DeviceRoom } from './model-fit';
import { TutorClient } from './tutor-client';
import { cacheRuntime, removeModelFiles, removeTutorFiles, storeModelFile } from './tutor-files';

/** What the data page shows of the installed model (the `tutor.model` setting). */
export type InstalledModel = TutorModelSetting;
/** The last reply's speed (the `tutor.speed` setting), shown to the adult in Settings. */
export type TutorSpeed = TutorSpeedSetting;

export interface TutorServiceOptions {
  /** Starts a tutor worker (app/lantern.ts: a module worker of this origin). */
  readonly newWorker: () => Worker;
  readonly room?: () => Promise<DeviceRoom>;
  readonly loadTimeoutMs?: number;
}

/** The header is read from the start of the file; a big vocabulary may need more (up to 64 MB). */
const HEADER_READS = [1, 4, 16, 64].map((mb) => mb * 1024 * 1024);
/** Longest context asked for: the prompt is an item, its solution and one question. */
const MAX_CTX = 2048;

async function browserRoom(): Promise<DeviceRoom> {
  const nav = typeof navigator === 'undefined' ? undefined : navigator;
  const memory = (nav as { deviceMemory?: unknown } | undefined)?.deviceMemory;
  const estimate = await nav?.storage?.estimate?.().catch(() => undefined);
  return {
    ...(typeof memory === 'number' ? { deviceMemoryGb: memory } : {}),
    ...(estimate ? { storage: { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } } : {}),
  };
}

async function readHeader(file: Blob): Promise<GgufInfo> {
  for (const n of HEADER_READS) {
    const bytes = new Uint8Array(await file.slice(0, n).arrayBuffer());
    try {
      return readGgufHeader(bytes);
    } catch (e) {
      const more = e instanceof ValidationError && e.messageKey === 'tutor.needMoreBytes';
      if (!more || n >= file.size) throw e;
    }
  }
  throw new ValidationError('tutor.badGguf');
}

export class TutorService {
  readonly #parts: AppParts;
  readonly #opts: TutorServiceOptions;
  #client: TutorClient | undefined;
  #clientFile: string | undefined;

  constructor(parts: AppParts, opts: TutorServiceOptions) {
    this.#parts = parts;
    this.#opts = opts;
  }

  /** The installed model, or null. */
  async model(): Promise<InstalledModel | null> {
    return (await this.#parts.repos.settings.get('tutor.model')) ?? null;
  }

  async speed(): Promise<TutorSpeed | null> {
    return (await this.#parts.repos.settings.get('tutor.speed')) ?? null;
  }

  #clientFor(model: InstalledModel): TutorClient {
    if (this.#client && this.#clientFile === model.file) return this.#client;
    this.#client?.dispose();
    this.#clientFile = model.file;
    this.#client = new TutorClient(this.#opts.newWorker, {
      file: model.file,
      nCtx: Math.min(model.contextLength ?? MAX_CTX, MAX_CTX),
      loadTimeoutMs: this.#opts.loadTimeoutMs ?? 90_000,
    });
    return this.#client;
  }

  /**
   * An adult installs a model from a file: checks its header and that it fits this device, copies
   * it into OPFS with its SHA-256, caches the runtime, and loads it once to be sure it runs. The
   * model installed before (if any) is replaced only once the new one has loaded.
   * @throws ValidationError tutor.notGguf, tutor.badGguf, tutor.tooLarge, tutor.noSpace,
   * tutor.noOpfs, tutor.writeFailed, tutor.runtimeUnavailable, tutor.loadTimeout, tutor.loadFailed
   */
  async install(
    file: File,
    onProgress?: (phase: 'copy' | 'load', done: number, total: number) => void,
  ): Promise<InstalledModel> {
    const header = await readHeader(file);
    // A truncated copy (a download cut short) would load as garbage or not at all.
    if (header.expectedFileBytes !== undefined && file.size < header.expectedFileBytes) {
      throw new ValidationError('tutor.badGguf');
    }
    const refusal = modelFitRefusal(file.size, await (this.#opts.room ?? browserRoom)());
    if (refusal) throw refusal;
    const installedAt = this.#parts.now();
    const name = `model-${installedAt}.gguf`;
    const sha256 = await storeModelFile(file, name, (d, t) => onProgress?.('copy', d, t));
    const model: Omit<InstalledModel, 'loadMs'> = {
      file: name,
      name: header.name ?? file.name,
      architecture: header.architecture,
      quantisation: header.quantisation,
      ...(header.licence !== undefined ? { licence: header.licence } : {}),
      ...(header.parameterCount !== undefined ? { parameterCount: header.parameterCount } : {}),
      ...(header.contextLength !== undefined ? { contextLength: header.contextLength } : {}),
      bytes: file.size,
      sha256,
      installedAt,
    };
    let loadMs: number;
    try {
      await cacheRuntime(wasmUrl);
      onProgress?.('load', 0, 1);
      loadMs = await this.#clientFor({ ...model, loadMs: 0 }).load();
    } catch (e) {
      this.stop();
      await removeModelFiles((await this.model())?.file);
      throw e;
    }
    const installed: InstalledModel = { ...model, loadMs };
    await this.#parts.repos.settings.set('tutor.model', installed);
    await removeModelFiles(name);
    return installed;
  }

  /** Deletes the model: its file, the cached runtime, its settings. */
  async remove(): Promise<void> {
    this.stop();
    await removeTutorFiles();
    await this.#parts.repos.settings.delete('tutor.model');
    await this.#parts.repos.settings.delete('tutor.speed');
  }

  /** Stops the worker (the model stays installed). */
  stop(): void {
    this.#client?.dispose();
    this.#client = undefined;
    this.#clientFile = undefined;
  }

  /**
   * A learner asks about an item: the question is kept for the teacher (this device only), and
   * the reply streams as the core's guarded events (core/tutor.ts). The speed of a reply that
   * ran to its end is kept for Settings.
   */
  async *ask(
    learnerId: LearnerId,
    itemId: string,
    ctx: TutorItemContext,
    ask: TutorAsk,
    signal: AbortSignal,
  ): AsyncIterable<TutorEvent> {
    const model = await this.model();
    if (!model) throw new ValidationError('tutorApp.notInstalled');
    await this.#parts.repos.tutorQuestions.add({
      id: crypto.randomUUID(),
      learnerId,
      askedAt: this.#parts.now(),
      kind: ask.kind,
      itemId,
      ...(ask.kind === 'free' ? { question: ask.question } : {}),
    });
    const runtime = this.#clientFor(model);
    for await (const e of askTutor(runtime, ctx, ask, { signal, now: () => performance.now() })) {
      if (e.type === 'done' && e.tokens > 0 && e.ms > 0) {
        const speed: TutorSpeed = {
          tokens: e.tokens,
          ms: Math.round(e.ms),
          tokensPerSecond: Math.round((e.tokens / e.ms) * 10_000) / 10,
          at: this.#parts.now(),
        };
        await this.#parts.repos.settings.set('tutor.speed', speed).catch(() => undefined);
      }
      yield e;
    }
  }

  /** What a learner asked, newest first (the teacher's learner page). */
  questionsOf(learnerId: LearnerId): Promise<TutorQuestionRecord[]> {
    return this.#parts.repos.tutorQuestions.listForLearner(learnerId);
  }
}
