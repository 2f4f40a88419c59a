/**
 * Training and prediction for the KT network. The same code runs in Node (scripts, tests) and
 * in the browser (worker): it uses only tfjs-core and injected clock/randomness, never the
 * file system or the DOM. The caller chooses and initialises the tfjs backend.
 */
import type { KtSequence } from '../core/kt-data';
import { auc, countInteractions, flatLabels } from '../core/kt-data';
import { seededRng, shuffle } from '../core/rng';
import type { Rng } from '../core/types';
import type { EncodingSpec } from './features';
import { encodeBatch, featureCount } from './features';
import type { KtNetConfig } from './kt-net';
import { DEFAULT_NET, KtNet } from './kt-net';
import { tf } from './tf';

export interface BatchingOptions {
  /** Upper bound on batch × padded length. */
  readonly maxTokens: number;
  /** Upper bound on sequences per batch. */
  readonly maxSequences: number;
}

export interface TrainOptions extends BatchingOptions {
  readonly maxEpochs: number;
  /** Stop after this many epochs without a better validation AUC. */
  readonly patience: number;
  readonly learningRate: number;
  /** Multiply the learning rate by this after each epoch without a better validation AUC. */
  readonly lrDecay: number;
  /**
   * Validate (and keep) an exponential moving average of the weights, updated after every
   * step with this decay; 0 = use the raw weights.
   */
  readonly emaDecay: number;
  readonly seed: number;
  /** Wall-clock budget for training; the epoch in progress finishes. */
  readonly maxSeconds: number;
  /** Clock in ms (injected so runs are reproducible in tests). */
  readonly clock?: () => number;
  readonly onEpoch?: (info: EpochInfo) => void;
}

export interface EpochInfo {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validAuc: number;
  readonly seconds: number;
  readonly interactionsPerSecond: number;
}

export interface TrainReport {
  readonly epochs: number;
  readonly bestEpoch: number;
  readonly bestValidAuc: number;
  readonly seconds: number;
  readonly history: readonly EpochInfo[];
}

export const DEFAULT_TRAIN: TrainOptions = {
  maxTokens: 4096,
  maxSequences: 64,
  maxEpochs: 40,
  patience: 4,
  learningRate: 2e-3,
  lrDecay: 1,
  emaDecay: 0.99,
  seed: 1,
  maxSeconds: 420,
};

/**
 * Groups sequences into batches of similar length (little padding): sort by length with a
 * random tie-break, fill each batch up to the token and sequence caps, then shuffle the batches.
 */
export function makeBatches(seqs: readonly KtSequence[], opts: BatchingOptions, rng?: Rng): number[][] {
  const jitter = seqs.map(() => (rng ? rng() : 0));
  const order = seqs
    .map((_, i) => i)
    .sort((a, b) => seqs[a]!.skills.length - seqs[b]!.skills.length || jitter[a]! - jitter[b]!);
  const batches: number[][] = [];
  let cur: number[] = [];
  let maxLen = 0;
  for (const i of order) {
    const len = seqs[i]!.skills.length;
    const nextMax = Math.max(maxLen, len);
    if (
      cur.length > 0 &&
      (cur.length + 1 > opts.maxSequences || (cur.length + 1) * nextMax > opts.maxTokens)
    ) {
      batches.push(cur);
      cur = [];
      maxLen = 0;
    }
    cur.push(i);
    maxLen = Math.max(maxLen, len);
  }
  if (cur.length > 0) batches.push(cur);
  return rng ? shuffle(rng, batches) : batches;
}

/** Predictions for every interaction of `seqs`, flattened in order (as `flatLabels`). */
export async function predictSequences(
  net: KtNet,
  spec: EncodingSpec,
  seqs: readonly KtSequence[],
  opts: BatchingOptions = DEFAULT_TRAIN,
): Promise<Float64Array> {
  const out = new Float64Array(countInteractions(seqs));
  const offsets: number[] = [];
  let o = 0;
  for (const s of seqs) {
    offsets.push(o);
    o += s.skills.length;
  }
  for (const idx of makeBatches(seqs, opts)) {
    const batch = encodeBatch(
      idx.map((i) => seqs[i]!),
      spec,
    );
    const p = await net.predict(batch);
    idx.forEach((seqIndex, b) => {
      const n = seqs[seqIndex]!.skills.length;
      const start = offsets[seqIndex]!;
      for (let t = 0; t < n; t++) out[start + t] = p[b * batch.length + t]!;
    });
    await yieldToEventLoop();
  }
  return out;
}

/** Lets a worker receive messages (or a page repaint) between batches. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs one epoch of Adam steps over `train`; returns the mean batch loss. */
export async function trainEpoch(
  net: KtNet,
  spec: EncodingSpec,
  train: readonly KtSequence[],
  optimizer: tf.Optimizer,
  opts: BatchingOptions,
  rng: Rng,
  afterStep?: () => void,
  vars: tf.Variable[] = net.trainableVariables,
): Promise<number> {
  let lossSum = 0;
  let steps = 0;
  for (const idx of makeBatches(train, opts, rng)) {
    const batch = encodeBatch(
      idx.map((i) => train[i]!),
      spec,
    );
    const cost = optimizer.minimize(() => net.loss(batch, true), true, vars);
    if (cost) {
      // Reading the loss every step stalls a GPU pipeline a little; on wasm/cpu it is cheap.
      // data(), not dataSync(): WebGPU cannot read synchronously.
      lossSum += (await cost.data())[0]!;
      cost.dispose();
    }
    afterStep?.();
    steps++;
    if (steps % 8 === 0) await yieldToEventLoop();
  }
  return lossSum / Math.max(1, steps);
}

/** An exponential moving average of a network's weights (Polyak averaging). */
export class WeightAverage {
  readonly shadow: Map<string, tf.Variable>;
  constructor(
    private readonly net: KtNet,
    private readonly decay: number,
  ) {
    this.shadow = new Map([...net.weights].map(([k, v]) => [k, tf.variable(v, false)]));
  }

  update(): void {
    tf.tidy(() => {
      for (const [k, v] of this.net.weights) {
        const s = this.shadow.get(k)!;
        s.assign(tf.add(tf.mul(s, this.decay), tf.mul(v, 1 - this.decay)));
      }
    });
  }

  /** Runs `f` with the averaged weights in the network, then puts the raw weights back. */
  async withAverage<T>(f: () => Promise<T>): Promise<T> {
    const raw = this.net.snapshot();
    this.net.restore(this.shadow);
    try {
      return await f();
    } finally {
      this.net.restore(raw);
      for (const t of raw.values()) t.dispose();
    }
  }

  dispose(): void {
    for (const v of this.shadow.values()) v.dispose();
  }
}

/**
 * Trains `net` on `train`, early-stopping on the AUC of `valid` (never the test set) and
 * restoring the best epoch's weights. Disposes everything it creates.
 */
export async function trainKt(
  net: KtNet,
  spec: EncodingSpec,
  train: readonly KtSequence[],
  valid: readonly KtSequence[],
  options: Partial<TrainOptions> = {},
): Promise<TrainReport> {
  const o: TrainOptions = { ...DEFAULT_TRAIN, ...options };
  const clock = o.clock ?? (() => performance.now());
  const rng = seededRng(o.seed);
  const optimizer = tf.train.adam(o.learningRate);
  const validLabels = flatLabels(valid);
  const nTrain = countInteractions(train);
  const start = clock();
  const history: EpochInfo[] = [];
  let best: Map<string, tf.Tensor> | undefined;
  let bestAuc = -Infinity;
  let bestEpoch = 0;
  const average = o.emaDecay > 0 ? new WeightAverage(net, o.emaDecay) : undefined;
  const evaluated = <T>(f: () => Promise<T>): Promise<T> => (average ? average.withAverage(f) : f());
  try {
    for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
      const t0 = clock();
      const trainLoss = await trainEpoch(net, spec, train, optimizer, o, rng, () => average?.update());
      const trainSeconds = (clock() - t0) / 1000;
      let snapshot: Map<string, tf.Tensor> | undefined;
      const validAuc = await evaluated(async () => {
        const a = valid.length > 0 ? auc(validLabels, await predictSequences(net, spec, valid, o)) : NaN;
        if (!(a <= bestAuc)) snapshot = net.snapshot();
        return a;
      });
      const info: EpochInfo = {
        epoch,
        trainLoss,
        validAuc,
        seconds: (clock() - start) / 1000,
        interactionsPerSecond: nTrain / trainSeconds,
      };
      history.push(info);
      o.onEpoch?.(info);
      if (!(validAuc <= bestAuc)) {
        bestAuc = validAuc;
        bestEpoch = epoch;
        for (const t of best?.values() ?? []) t.dispose();
        best = snapshot;
      }
      if (bestEpoch !== epoch && o.lrDecay !== 1) {
        // tfjs's Adam reads this field at every step; a new optimizer would lose its moments.
        Reflect.set(optimizer, 'learningRate', Number(Reflect.get(optimizer, 'learningRate')) * o.lrDecay);
      }
      if (epoch - bestEpoch >= o.patience || info.seconds >= o.maxSeconds) break;
    }
    if (best) net.restore(best);
  } finally {
    for (const t of best?.values() ?? []) t.dispose();
    average?.dispose();
    optimizer.dispose();
  }
  return {
    epochs: history.length,
    bestEpoch,
    bestValidAuc: bestAuc,
    seconds: (clock() - start) / 1000,
    history,
  };
}

/** A new network sized for `spec` with the default architecture. */
export function createNet(spec: EncodingSpec, overrides: Partial<KtNetConfig> = {}, seed = 42): KtNet {
  return KtNet.create({ ...DEFAULT_NET, numFeatures: featureCount(spec), ...spec, ...overrides }, seed);
}
