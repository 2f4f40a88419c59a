/**
 * The knowledge-tracing engine behind the worker (kt-worker.ts is only its message shell, so
 * this runs under Vitest with the cpu backend and fake-indexeddb).
 *
 * For the open learner it keeps the network in use (their fine-tuned weights, or the shipped
 * base model) and, after every attempt, a table of P(correct) for every skill at every level.
 * Fine-tuning trains a *copy* of the weights: predictions keep coming from the old weights
 * meanwhile, and the copy replaces them only after it beat them on held-out attempts and its
 * row was written to IndexedDB in one put. A tab closed (worker killed) at any moment before
 * that put leaves the previous weights, in memory and on disk.
 */
import { buildGraph } from '../core/graph';
import { attemptsToSequence, candidateSequences, ktCourse } from '../core/kt-course';
import type { KtCandidate, KtCourse } from '../core/kt-course';
import { KT_CHUNK_LENGTH, sliceSequence, type KtSequence } from '../core/kt-data';
import { applyPlatt, fitPlatt, PLATT_IDENTITY, type Platt } from '../core/platt';
import type { PredictionTable } from '../core/table-model';
import type { Attempt, LearnerId, Skill } from '../core/types';
import { DIFFICULTIES } from '../core/types';
import type { EncodingSpec } from '../model/features';
import type { FineTuneOptions } from '../model/finetune';
import { DEFAULT_FINETUNE, fineTune, heldOutCount, heldOutLoss } from '../model/finetune';
import type { KtNetDescriptor } from '../model/kt-net';
import { isKtNetDescriptor, KtNet } from '../model/kt-net';
import { predictAll, predictCandidates } from '../model/online';
import type { LanternDB } from '../storage/db';
import { AttemptRepo, ModelRepo } from '../storage/repositories';
import type { FromWorker, ModelInfo, TrainReason, TrainingReport } from './kt-protocol';

export interface ModelArtifacts {
  readonly descriptor: KtNetDescriptor;
  readonly data: ArrayBuffer;
}

export interface KtEngineDeps {
  readonly db: LanternDB;
  /** The shipped base model (fetched once). */
  readonly loadBase: () => Promise<ModelArtifacts>;
  readonly post: (message: FromWorker) => void;
  readonly now: () => number;
  /** Backend name, stored with the weights' metrics. */
  readonly backend: string;
  /** Fine-tune after this many new attempts (besides at the end of a session). */
  readonly trainEvery?: number;
  readonly fineTune?: Partial<FineTuneOptions>;
  /** Fine-tune on at most this many latest attempts (default FINETUNE_HISTORY). */
  readonly fineTuneHistory?: number;
  /**
   * Recalibrate the table on the learner's own answers (core/platt.ts; default true). Off: the
   * network's raw predictions (the learning bench compares the two).
   */
  readonly recalibrate?: boolean;
}

export const TRAIN_EVERY = 25;
/** Refit the table's recalibration after this many new attempts (and whenever the weights change). */
export const RECALIBRATE_EVERY = 10;
/** How far back another tab's new attempts are looked for, before this tab's latest one. */
const HISTORY_OVERLAP_MS = 60_000;

/** Fine-tuning reads at most this many of the learner's latest attempts. */
export const FINETUNE_HISTORY = 2000;

/**
 * Lets the worker's event loop turn once. An IndexedDB transaction commits only when its
 * thread gets back to the event loop, and tfjs work between awaits (microtasks only) never
 * does: without this, the read transaction on `attempts` would stay open for the whole
 * training run and the page's next answer (a readwrite on `attempts`) would wait for it.
 */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface Open {
  readonly learnerId: LearnerId;
  readonly course: KtCourse;
  readonly candidates: readonly KtCandidate[];
  attempts: Attempt[];
  net: KtNet;
  source: 'base' | 'personal';
  trainedAt: number | null;
  sinceTraining: number;
  setAside: boolean;
  /** The recalibration of this net's predictions, and the attempt count it was fitted at. */
  platt: { readonly fit: Platt; readonly at: number } | undefined;
}

function specOf(c: EncodingSpec): EncodingSpec {
  return {
    skillBuckets: c.skillBuckets,
    itemBuckets: c.itemBuckets,
    contextFeatures: c.contextFeatures ?? 0,
  };
}

export class KtEngine {
  readonly #deps: KtEngineDeps;
  /** Built once over the worker's own database. */
  readonly #models: ModelRepo;
  readonly #attempts: AttemptRepo;
  #base: ModelArtifacts | undefined;
  #open: Open | undefined;
  #training: Promise<TrainingReport | undefined> | undefined;
  /** Prediction runs, one after another so tables are posted in attempt order. */
  #predicting: Promise<void> = Promise.resolve();

  constructor(deps: KtEngineDeps) {
    this.#deps = deps;
    this.#models = new ModelRepo(deps.db);
    this.#attempts = new AttemptRepo(deps.db);
  }

  get learnerId(): LearnerId | undefined {
    return this.#open?.learnerId;
  }

  /** Loads the learner's weights (or the base model) and history, then posts predictions. */
  async open(learnerId: LearnerId, skills: readonly Skill[]): Promise<void> {
    this.close();
    const base = (this.#base ??= await this.#deps.loadBase());
    const [stored, history] = await Promise.all([
      this.#models.get(learnerId),
      this.#attempts.listForLearner(learnerId),
    ]);
    await yieldToEventLoop();
    let net: KtNet | undefined;
    if (stored) {
      try {
        if (!isKtNetDescriptor(stored.descriptor)) throw new Error('stored weights: not a model descriptor');
        net = KtNet.fromArtifacts(stored.descriptor, stored.weights);
      } catch (e) {
        // Weights from an incompatible model version: start again from the base model.
        this.#deps.post({ type: 'error', where: 'load-weights', message: String(e) });
      }
    }
    const graph = buildGraph(skills);
    const course = ktCourse(graph);
    let setAside = stored !== undefined && net === undefined;
    if (net && !(await this.#atLeastAsGoodAsBase(net, base, history, course))) {
      // Weights that predict this learner's recent answers worse than the shipped model (a
      // damaged or forged backup, or a learner who has changed): set aside, not deleted. The
      // next fine-tuning run starts from the base model and replaces the row if it wins.
      net.dispose();
      net = undefined;
      setAside = true;
    }
    this.#open = {
      learnerId,
      course,
      candidates: graph.order.flatMap((skillId) =>
        DIFFICULTIES.map((difficulty) => ({ skillId, difficulty })),
      ),
      attempts: history,
      net: net ?? KtNet.fromArtifacts(base.descriptor, base.data),
      source: net ? 'personal' : 'base',
      trainedAt: net ? (stored?.trainedAt ?? null) : null,
      sinceTraining: net ? Math.max(0, history.length - (stored?.attemptCount ?? 0)) : history.length,
      setAside,
      platt: undefined,
    };
    this.#postModel();
    await this.#predict();
  }

  /** Held-out log loss of the learner's own weights against the base model's, on their latest answers. */
  async #atLeastAsGoodAsBase(
    net: KtNet,
    base: ModelArtifacts,
    history: readonly Attempt[],
    course: KtCourse,
  ): Promise<boolean> {
    const options = { ...DEFAULT_FINETUNE, ...this.#deps.fineTune };
    if (history.length < options.minAttempts) return true;
    const { sequence } = attemptsToSequence(history, course);
    const k = heldOutCount(history.length, options);
    const baseNet = KtNet.fromArtifacts(base.descriptor, base.data);
    try {
      const own = await heldOutLoss(net, specOf(net.config), sequence, k);
      const shipped = await heldOutLoss(baseNet, specOf(base.descriptor.config), sequence, k);
      return own <= shipped; // NaN (non-finite weights) is false
    } catch {
      // Weights that cannot even read this course (another feature layout): not usable.
      return false;
    } finally {
      baseNet.dispose();
    }
  }

  /** An attempt the app stored: predict again, and fine-tune every `trainEvery` attempts. */
  async attempt(a: Attempt): Promise<void> {
    const o = this.#open;
    if (!o || a.learnerId !== o.learnerId) return;
    // Already read from storage (historyChanged ran after it was written): not twice.
    if (o.attempts.some((x) => x.id === a.id)) return;
    o.attempts.push(a);
    o.sinceTraining++;
    if (o.sinceTraining >= (this.#deps.trainEvery ?? TRAIN_EVERY)) void this.train(o.learnerId, 'every-n');
    await this.#predict();
  }

  /**
   * Another tab stored attempts for this learner: re-read the history (the attempts this worker
   * never saw included) and predict again; they count towards the next fine-tuning run.
   */
  async historyChanged(learnerId: LearnerId): Promise<void> {
    const o = this.#open;
    if (!o || o.learnerId !== learnerId) return;
    // Only the recent end of the history: the other tab's attempts were just written. The margin
    // covers two tabs answering at nearly the same moment (their timestamps interleave).
    const since = (o.attempts.at(-1)?.timestamp ?? -Infinity) - HISTORY_OVERLAP_MS;
    const recent = await this.#attempts.listForLearner(learnerId, { since });
    await yieldToEventLoop();
    if (this.#open !== o) return;
    const known = new Set<string>();
    for (let k = o.attempts.length - 1; k >= 0 && o.attempts[k]!.timestamp >= since; k--) {
      known.add(o.attempts[k]!.id);
    }
    const added = recent.filter((a) => !known.has(a.id));
    if (added.length === 0) return;
    o.attempts = [...o.attempts, ...added].sort((x, y) => x.timestamp - y.timestamp);
    o.sinceTraining += added.length;
    await this.#predict();
  }

  /**
   * Fine-tunes the open learner's weights on their whole history (this tab's attempts and, via
   * historyChanged, other tabs'). One run at a time; a second request joins the first.
   */
  train(learnerId: LearnerId, reason: TrainReason): Promise<TrainingReport | undefined> {
    const o = this.#open;
    if (!o || o.learnerId !== learnerId) return Promise.resolve(undefined);
    // Leaving practice without a new answer since the last run: nothing new to learn from.
    if (reason === 'session-end' && o.sinceTraining === 0 && !this.#training) {
      return Promise.resolve(undefined);
    }
    this.#training ??= this.#train(o, reason).finally(() => {
      this.#training = undefined;
    });
    return this.#training;
  }

  async #train(o: Open, reason: TrainReason): Promise<TrainingReport> {
    const { post, now } = this.#deps;
    const start = now();
    const finish = (r: Omit<TrainingReport, 'learnerId' | 'reason' | 'at'>): TrainingReport => {
      const report = { ...r, learnerId: o.learnerId, reason, at: now() };
      post({ type: 'trained', report });
      return report;
    };
    o.sinceTraining = 0;
    post({ type: 'training', learnerId: o.learnerId, progress: 0 });
    let copy: KtNet | undefined;
    try {
      // The history in memory: read once at open, then every attempt of this tab and, through
      // historyChanged, of the others. Re-reading it from IndexedDB here (10,000 rows for a
      // long-time learner, every 25 answers) held up the page's next write by ~100 ms.
      const history = o.attempts.slice();
      // The most recent attempts only: enough for what fine-tuning changes (per-skill biases),
      // and it keeps a long-time learner's run as short as a 2,000-attempt one.
      const recent = history.slice(-(this.#deps.fineTuneHistory ?? FINETUNE_HISTORY));
      const { sequence } = attemptsToSequence(recent, o.course);
      const artifacts = await o.net.toArtifacts();
      copy = KtNet.fromArtifacts(artifacts.descriptor, artifacts.data);
      const spec = specOf(artifacts.descriptor.config);
      const result = await fineTune(copy, spec, sequence, {
        ...this.#deps.fineTune,
        onProgress: (done) => post({ type: 'training', learnerId: o.learnerId, progress: done }),
      });
      if (result.accepted) {
        const trained = await copy.toArtifacts();
        const trainedAt = now();
        // The swap: one put, then the in-memory switch. Killed before the put → old weights stay.
        await this.#models.put({
          learnerId: o.learnerId,
          descriptor: trained.descriptor,
          weights: trained.data,
          trainedAt,
          attemptCount: history.length,
          metrics: {
            lossBefore: result.lossBefore,
            lossAfter: result.lossAfter,
            heldOut: result.heldOut,
            seconds: result.seconds,
            backend: this.#deps.backend,
            reason,
          },
        });
        if (this.#open === o) {
          o.net.dispose();
          o.net = copy;
          copy = undefined;
          o.platt = undefined; // fitted to the old weights
          o.source = 'personal';
          o.trainedAt = trainedAt;
          o.setAside = false;
          this.#postModel();
          void this.#predict();
        }
      }
      return finish({
        accepted: result.accepted,
        outcome: result.reason,
        lossBefore: result.lossBefore,
        lossAfter: result.lossAfter,
        heldOut: result.heldOut,
        trainedOn: result.trainedOn,
        seconds: (now() - start) / 1000,
      });
    } catch (e) {
      post({ type: 'error', where: 'train', message: e instanceof Error ? e.message : String(e) });
      return finish({
        accepted: false,
        outcome: 'failed',
        lossBefore: NaN,
        lossAfter: NaN,
        heldOut: 0,
        trainedOn: 0,
        seconds: (now() - start) / 1000,
      });
    } finally {
      copy?.dispose();
    }
  }

  /** Waits for a fine-tuning run and predictions in progress, if any (tests, closing). */
  async settled(): Promise<void> {
    await this.#training;
    await this.#predicting;
  }

  close(): void {
    const o = this.#open;
    this.#open = undefined;
    // A run in progress holds its own copy; the weights in use can go now.
    o?.net.dispose();
  }

  #postModel(): void {
    const o = this.#open;
    if (!o || !this.#base) return;
    const meta = this.#base.descriptor.meta as { version?: unknown } | undefined;
    const info: ModelInfo = {
      learnerId: o.learnerId,
      source: o.source,
      trainedAt: o.trainedAt,
      baseVersion: typeof meta?.version === 'string' ? meta.version : '?',
      ...(o.setAside ? { setAside: true } : {}),
    };
    this.#deps.post({ type: 'model', info });
  }

  #predict(): Promise<void> {
    // One failed run must not stop the ones after it: each runs whatever the last one did,
    // and a failure is reported, not left as a rejected chain.
    const run = () =>
      this.#predictNow().catch((e: unknown) =>
        this.#deps.post({
          type: 'error',
          where: 'predict',
          message: e instanceof Error ? e.message : String(e),
        }),
      );
    this.#predicting = this.#predicting.then(run, run);
    return this.#predicting;
  }

  /**
   * How this net's predictions are recalibrated for this learner: Platt scaling fitted on the
   * net's own predictions of the learner's latest answers (up to KT_CHUNK_LENGTH, each predicted
   * from the answers before it), refitted every RECALIBRATE_EVERY attempts and whenever the
   * weights change. The identity when turned off or with no answers.
   */
  async #calibration(o: Open, sequence: KtSequence): Promise<Platt> {
    if (this.#deps.recalibrate === false) return PLATT_IDENTITY;
    const n = sequence.skills.length;
    if (o.platt && n - o.platt.at < RECALIBRATE_EVERY) return o.platt.fit;
    const window = sliceSequence(sequence, Math.max(0, n - KT_CHUNK_LENGTH), n);
    const predicted = window.skills.length > 0 ? await predictAll(o.net, specOf(o.net.config), window) : [];
    const fit = fitPlatt(predicted, window.correct);
    o.platt = { fit, at: n };
    return fit;
  }

  async #predictNow(): Promise<void> {
    const o = this.#open;
    if (!o) return;
    const t0 = performance.now();
    const { sequence, after } = attemptsToSequence(o.attempts, o.course);
    const seqs = candidateSequences(sequence, after, o.candidates, this.#deps.now());
    const spec = specOf(o.net.config);
    const p = await predictCandidates(o.net, spec, seqs);
    if (this.#open !== o) return; // closed or switched learner meanwhile (its net is disposed)
    const calibration = await this.#calibration(o, sequence);
    if (this.#open !== o) return;
    const table: Record<string, [number, number, number]> = {};
    o.candidates.forEach((c, i) => {
      (table[c.skillId] ??= [NaN, NaN, NaN])[c.difficulty - 1] = applyPlatt(calibration, p[i]!);
    });
    const result: PredictionTable = {
      learnerId: o.learnerId,
      attemptCount: o.attempts.length,
      p: table,
      source: o.source,
      ...(calibration.n > 0 ? { calibration } : {}),
    };
    this.#deps.post({ type: 'predictions', table: result, ms: performance.now() - t0 });
  }
}
