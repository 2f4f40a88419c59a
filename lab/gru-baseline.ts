/**
 * The plain DKT-style baseline the issue measures training throughput against:
 * input 50, `tf.layers.gru` 64 units returning sequences, a time-distributed dense 50 sigmoid,
 * Adam 1e-3, binary cross-entropy. Only benchmarks use it (lab/gru-baseline-bench.ts in Node,
 * lab/bench/kt.browser.ts in Chromium), so both time exactly the same network.
 */
import * as tfl from '@tensorflow/tfjs-layers';
import { tf } from '../src/model/tf';

export const GRU_BASELINE_INPUT = 50;

/** A compiled baseline for sequences of `length`; dispose the model and its optimizer after use. */
export function createGruBaseline(length: number): { model: tfl.Sequential; optimizer: tf.Optimizer } {
  const model = tfl.sequential({
    layers: [
      tfl.layers.gru({
        units: 64,
        returnSequences: true,
        inputShape: [length, GRU_BASELINE_INPUT],
        recurrentInitializer: 'glorotNormal',
      }),
      tfl.layers.timeDistributed({
        layer: tfl.layers.dense({ units: GRU_BASELINE_INPUT, activation: 'sigmoid' }),
      }),
    ],
  });
  const optimizer = tf.train.adam(1e-3);
  model.compile({ optimizer, loss: 'binaryCrossentropy' });
  return { model, optimizer };
}
