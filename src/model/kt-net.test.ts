import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KtSequence } from '../core/kt-data';
import { auc, flatLabels } from '../core/kt-data';
import { seededRng } from '../core/rng';
import { bucketOf, encodeBatch, NUM_FEATURES, specFor } from './features';
import type { KtNetConfig } from './kt-net';
import { KT_FORMAT_VERSION, KtNet } from './kt-net';
import { tf } from './tf';
import { createNet, makeBatches, predictSequences, trainEpoch, trainKt } from './train';

const SMALL: Partial<KtNetConfig> = {
  dModel: 16,
  slots: 4,
  valueDim: 4,
  decays: [0.5, 0.9],
  hidden: 16,
  recent: 3,
};

/** Learners whose skills get easier with practice: enough signal to learn quickly. */
function synthetic(seed: number, learners: number, len: number, skills = 6): KtSequence[] {
  const rng = seededRng(seed);
  return Array.from({ length: learners }, () => {
    const ability = rng() * 2 - 1;
    const practice = new Map<number, number>();
    const s: number[] = [];
    const c: (0 | 1)[] = [];
    for (let t = 0; t < len; t++) {
      const k = 1 + Math.floor(rng() * skills);
      const n = practice.get(k) ?? 0;
      const p = 1 / (1 + Math.exp(-(ability + 0.6 * n - 1 + (k % 3) * 0.5)));
      s.push(k);
      c.push(rng() < p ? 1 : 0);
      practice.set(k, n + 1);
    }
    return { skills: s, correct: c };
  });
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('features', () => {
  it('buckets ids into the table, keeping small ids as they are', () => {
    expect(bucketOf(5, 10)).toBe(5);
    for (const id of [0, 10, 11, 123_456, -3]) {
      const b = bucketOf(id, 10);
      expect(b).toBeGreaterThanOrEqual(1);
      expect(b).toBeLessThan(10);
    }
    expect(specFor([{ skills: [3, 9_000], items: [40_000], correct: [1, 0] }])).toEqual({
      skillBuckets: 4096,
      itemBuckets: 32768,
    });
  });

  it('never lets the answer at t (or later) into the inputs at t', () => {
    const seqs = synthetic(1, 3, 30);
    const spec = specFor(seqs);
    const base = encodeBatch(seqs, spec);
    const t = 17;
    const flipped = seqs.map((s) => ({
      ...s,
      correct: s.correct.map((c, i) => (i >= t ? ((1 - c) as 0 | 1) : c)),
    }));
    const other = encodeBatch(flipped, spec);
    for (let b = 0; b < seqs.length; b++) {
      for (let i = 0; i <= t; i++) {
        const row = b * base.length + i;
        expect(other.prev[row]).toBe(base.prev[row]);
        for (let f = 0; f < NUM_FEATURES; f++) {
          expect(other.features[row * NUM_FEATURES + f]).toBe(base.features[row * NUM_FEATURES + f]);
        }
      }
    }
  });
});

describe('KtNet', () => {
  const spec = { skillBuckets: 7, itemBuckets: 0 };

  it('is causal: predictions before t ignore everything from t on', async () => {
    const net = createNet(spec, SMALL, 3);
    const [a] = synthetic(2, 1, 40);
    const t = 25;
    const b: KtSequence = {
      skills: a!.skills.map((k, i) => (i > t ? 1 + ((k + 2) % 6) : k)),
      correct: a!.correct.map((c, i) => (i >= t ? ((1 - c) as 0 | 1) : c)),
    };
    const pa = await net.predict(encodeBatch([a!], spec));
    const pb = await net.predict(encodeBatch([b], spec));
    for (let i = 0; i <= t; i++) expect(pb[i]).toBeCloseTo(pa[i]!, 5);
    expect(pb[t + 1]).not.toBeCloseTo(pa[t + 1]!, 5);
    net.dispose();
  });

  it('leaves tf.memory().numTensors unchanged after predict', async () => {
    const net = createNet(spec, SMALL);
    const before = tf.memory().numTensors;
    await predictSequences(net, spec, [...synthetic(3, 5, 20), { skills: [2], correct: [1] }]);
    expect(tf.memory().numTensors).toBe(before);
    net.dispose();
  });

  it('leaves tf.memory().numTensors unchanged after a training epoch', async () => {
    const net = createNet(spec, SMALL);
    const data = synthetic(4, 20, 30);
    const opts = { maxTokens: 256, maxSequences: 8 };
    const optimizer = tf.train.adam(1e-3);
    await trainEpoch(net, spec, data, optimizer, opts, seededRng(1)); // creates Adam's slots
    const before = tf.memory().numTensors;
    await trainEpoch(net, spec, data, optimizer, opts, seededRng(2));
    expect(tf.memory().numTensors).toBe(before);
    optimizer.dispose();
    // The whole trainer (optimizer, best-epoch snapshot) cleans up after itself too.
    const start = tf.memory().numTensors;
    await trainKt(net, spec, data, data.slice(0, 4), { maxEpochs: 2, ...opts });
    expect(tf.memory().numTensors).toBe(start);
    net.dispose();
  });

  it('learns: validation AUC rises well above chance', async () => {
    const train = synthetic(5, 120, 40);
    const valid = synthetic(6, 40, 40);
    const net = createNet(spec, SMALL, 5);
    const report = await trainKt(net, spec, train, valid, {
      maxEpochs: 4,
      learningRate: 5e-3,
      maxTokens: 800,
      maxSequences: 20,
      emaDecay: 0,
    });
    expect(report.bestValidAuc).toBeGreaterThan(0.7);
    const preds = await predictSequences(net, spec, valid);
    expect(auc(flatLabels(valid), preds)).toBeCloseTo(report.bestValidAuc, 6);
    net.dispose();
  });

  it('round-trips through its descriptor and weight bytes', async () => {
    const itemSpec = { skillBuckets: 7, itemBuckets: 50 };
    const net = createNet(itemSpec, SMALL, 9);
    const seqs = synthetic(7, 3, 12).map((s) => ({ ...s, items: s.skills.map((k, i) => k * 7 + i) }));
    const batch = encodeBatch(seqs, itemSpec);
    const { descriptor, data } = await net.toArtifacts({ note: 'test' });
    expect(descriptor.formatVersion).toBe(KT_FORMAT_VERSION);
    const json = JSON.parse(JSON.stringify(descriptor));
    const copy = KtNet.fromArtifacts(json, data);
    expect(Array.from(await copy.predict(batch))).toEqual(Array.from(await net.predict(batch)));
    expect(() => KtNet.fromArtifacts({ ...json, formatVersion: 99 }, data)).toThrow(/unsupported/);
    // Weights for another size of network: refused, and nothing decoded is left behind.
    const before = tf.memory().numTensors;
    const other = { ...json, config: { ...json.config, hidden: json.config.hidden * 2 } };
    expect(() => KtNet.fromArtifacts(other, data)).toThrow(/misshapen/);
    expect(tf.memory().numTensors).toBe(before);
    copy.dispose();
    net.dispose();
  });

  it('batches by length without losing or repeating a sequence', () => {
    const seqs = synthetic(8, 50, 1).map((s, i) => ({
      ...s,
      skills: Array(1 + (i % 13)).fill(1),
      correct: Array(1 + (i % 13)).fill(1),
    }));
    const batches = makeBatches(seqs, { maxTokens: 40, maxSequences: 6 }, seededRng(1));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(seqs.map((_, i) => i));
    for (const b of batches) {
      const maxLen = Math.max(...b.map((i) => seqs[i]!.skills.length));
      expect(b.length <= 6 && (b.length === 1 || b.length * maxLen <= 40)).toBe(true);
    }
  });
});
