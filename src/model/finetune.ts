/**
 * Per-learner fine-tuning (issue 3): train a copy of the learner's current weights on their
 * history except the most recent attempts, and keep the new weights only if they predict those
 * held-out attempts better (lower log loss). Otherwise the weights are put back exactly.
 * The same code runs in the worker and in lab/kt-finetune-bench.ts.
 */
import { chunkSequences, KT_CHUNK_LENGTH, logLoss, sliceSequence } from '../core/kt-data';
import type { KtSequence } from '../core/kt-data';
import { seededRng } from '../core/rng';
import type { EncodingSpec } from './features';
import type { KtNet } from './kt-net';
import { predictAll } from './online';
import { tf } from './tf';
import { trainEpoch } from './train';

export interface FineTuneOptions {
  /** Most epochs over the learner's training part. */
  readonly maxEpochs: number;
  /** Stop after this many epochs without a lower held-out loss. */
  readonly patience: number;
  readonly learningRate: number;
  /** Share of the history held out (the most recent), clamped to [minHeldOut, maxHeldOut]. */
  readonly heldOutShare: number;
  readonly minHeldOut: number;
  readonly maxHeldOut: number;
  /** Below this many attempts there is too little to learn from: nothing is trained. */
  readonly minAttempts: number;
  /** Only these weights are trained (all when absent). */
  readonly trainable?: readonly string[];
  readonly seed: number;
  readonly clock?: () => number;
  /** Called after each epoch with the share done, for a progress bar. */
  readonly onProgress?: (done: number) => void;
}

/**
 * Tuned on ASSIST2009 *train-file* learners held out from base training (never the test file);
 * evidence in docs/benchmarks/kt.md. Training every weight at 1e-3 made held-out predictions
 * worse (log loss −0.009); only the per-skill bias and the output bias at 1e-2 help a little.
 */
export const DEFAULT_FINETUNE: FineTuneOptions = {
  maxEpochs: 8,
  patience: 2,
  learningRate: 1e-2,
  heldOutShare: 0.3,
  minHeldOut: 10,
  maxHeldOut: 100,
  minAttempts: 30,
  trainable: ['skillBias', 'outB'],
  seed: 1,
};

export interface FineTuneResult {
  /** True when the new weights are now in `net`; false when `net` is exactly as before. */
  readonly accepted: boolean;
  readonly reason: 'improved' | 'not-better' | 'too-few';
  /** Held-out log loss of the weights before and of the best new weights. */
  readonly lossBefore: number;
  readonly lossAfter: number;
  readonly heldOut: number;
  readonly trainedOn: number;
  readonly epochs: number;
  readonly seconds: number;
}

/** How many of `n` attempts are held out. */
export function heldOutCount(n: number, o: FineTuneOptions = DEFAULT_FINETUNE): number {
  return Math.min(o.maxHeldOut, Math.max(o.minHeldOut, Math.round(n * o.heldOutShare)));
}

/**
 * Held-out log loss: the last `heldOut` attempts, each predicted from the window of up to
 * KT_CHUNK_LENGTH interactions that ends with the held-out part (so each has real context).
 */
export async function heldOutLoss(
  net: KtNet,
  spec: EncodingSpec,
  history: KtSequence,
  heldOut: number,
): Promise<number> {
  const n = history.skills.length;
  const window = sliceSequence(history, Math.max(0, n - KT_CHUNK_LENGTH), n);
  const p = await predictAll(net, spec, window);
  const m = window.skills.length;
  return logLoss(window.correct.slice(m - heldOut), p.subarray(m - heldOut));
}

/** Fine-tunes `net` in place on `history` (one learner, time order). See the module comment. */
export async function fineTune(
  net: KtNet,
  spec: EncodingSpec,
  history: KtSequence,
  options: Partial<FineTuneOptions> = {},
): Promise<FineTuneResult> {
  const o: FineTuneOptions = { ...DEFAULT_FINETUNE, ...options };
  const clock = o.clock ?? (() => performance.now());
  const start = clock();
  const n = history.skills.length;
  const heldOut = heldOutCount(n, o);
  if (n < o.minAttempts || n - heldOut < o.minHeldOut) {
    return {
      accepted: false,
      reason: 'too-few',
      lossBefore: NaN,
      lossAfter: NaN,
      heldOut: 0,
      trainedOn: 0,
      epochs: 0,
      seconds: (clock() - start) / 1000,
    };
  }
  const train = chunkSequences([sliceSequence(history, 0, n - heldOut)], KT_CHUNK_LENGTH);
  const lossBefore = await heldOutLoss(net, spec, history, heldOut);
  const original = net.snapshot();
  let best: Map<string, tf.Tensor> | undefined;
  let bestLoss = lossBefore;
  let bestEpoch = 0;
  let epochs = 0;
  const vars = o.trainable
    ? net.trainableVariables.filter((v) => o.trainable!.some((name) => net.weights.get(name) === v))
    : net.trainableVariables;
  const optimizer = tf.train.adam(o.learningRate);
  const rng = seededRng(o.seed);
  try {
    for (let epoch = 1; epoch <= o.maxEpochs; epoch++) {
      epochs = epoch;
      await trainEpoch(
        net,
        spec,
        train,
        optimizer,
        { maxTokens: 4096, maxSequences: 64 },
        rng,
        undefined,
        vars,
      );
      const loss = await heldOutLoss(net, spec, history, heldOut);
      o.onProgress?.(epoch / o.maxEpochs);
      if (loss < bestLoss) {
        bestLoss = loss;
        bestEpoch = epoch;
        for (const t of best?.values() ?? []) t.dispose();
        best = net.snapshot();
      }
      if (epoch - bestEpoch >= o.patience) break;
    }
    // Before the new weights go in: a throwing callback must leave the old ones in place.
    o.onProgress?.(1);
    net.restore(best ?? original);
  } catch (e) {
    net.restore(original);
    throw e;
  } finally {
    for (const t of best?.values() ?? []) t.dispose();
    for (const t of original.values()) t.dispose();
    optimizer.dispose();
  }
  return {
    accepted: best !== undefined,
    reason: best !== undefined ? 'improved' : 'not-better',
    lossBefore,
    lossAfter: bestLoss,
    heldOut,
    trainedOn: n - heldOut,
    epochs,
    seconds: (clock() - start) / 1000,
  };
}
