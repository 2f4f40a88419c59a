/**
 * The knowledge-tracing network. Everything is batched over whole sequences with plain 2-D
 * matmuls and elementwise ops: no per-time-step ops (the cost of tf.layers.gru in tfjs) and
 * no batched L×L attention products (tfjs-backend-wasm runs those on a slow path). The
 * measurements behind this choice are in docs/model.md.
 *
 * Token t = embed(skill asked at t) [+ item difficulty × skill variation, AKT-Rasch style]
 *         + embed(previous interaction: skill × correctness) + W·features(t)
 *         + reads of a key-value memory (DKVMN-like) that forgets at several decay rates,
 *           computed as a parallel scan (one matmul with a constant decay matrix).
 * Head: an MLP on [state, skill embedding], plus a wide part (linear in the features + a
 * per-skill bias) that makes PFA-with-log-counts a special case.
 */
import type { EncodedBatch, EncodingSpec } from './features';
import { NUM_FEATURES } from './features';
import { tf } from './tf';

export interface KtNetConfig extends EncodingSpec {
  readonly dModel: number;
  /** Memory slots (keys) of the key-value memory. */
  readonly slots: number;
  /** Width of each written value (a count channel is added). */
  readonly valueDim: number;
  /** One memory read per decay rate: λ per step between interactions. */
  readonly decays: readonly number[];
  /** Hidden width of the output MLP. */
  readonly hidden: number;
  readonly dropout: number;
  readonly numFeatures: number;
  /** How many of the most recent interactions are also embedded directly (1 = just t−1). */
  readonly recent: number;
}

export const DEFAULT_NET: Omit<KtNetConfig, keyof EncodingSpec> = {
  dModel: 64,
  slots: 8,
  valueDim: 8,
  decays: [0.5, 0.85, 0.97, 0.995],
  hidden: 128,
  dropout: 0.2,
  numFeatures: NUM_FEATURES,
  recent: 1,
};

export const KT_FORMAT = 'lantern-kt-net';
export const KT_FORMAT_VERSION = 1;

/** The JSON half of a saved model; the other half is the weight bytes (tf.io encoding). */
export interface KtNetDescriptor {
  readonly format: typeof KT_FORMAT;
  readonly formatVersion: number;
  readonly config: KtNetConfig;
  readonly weightSpecs: tf.io.WeightsManifestEntry[];
  /** Free-form provenance: training data, metrics, date. */
  readonly meta?: Readonly<Record<string, unknown>>;
}

/**
 * Whether stored or shipped JSON is a descriptor this code can read: the format and version, a
 * config whose numbers are numbers, and weight specs that name each tensor. The weights
 * themselves are checked against the config's shapes when decoded (`fromArtifacts`).
 */
export function isKtNetDescriptor(v: unknown): v is KtNetDescriptor {
  if (v === null || typeof v !== 'object') return false;
  if (!('format' in v) || v.format !== KT_FORMAT) return false;
  if (!('formatVersion' in v) || v.formatVersion !== KT_FORMAT_VERSION) return false;
  if (!('config' in v) || v.config === null || typeof v.config !== 'object') return false;
  const c = v.config;
  for (const key of ['skillBuckets', 'dModel', 'slots', 'valueDim', 'hidden', 'numFeatures', 'recent']) {
    if (!(key in c) || typeof Reflect.get(c, key) !== 'number') return false;
  }
  if (!('decays' in c) || !Array.isArray(c.decays) || !c.decays.every((d) => typeof d === 'number')) {
    return false;
  }
  if (!('weightSpecs' in v) || !Array.isArray(v.weightSpecs)) return false;
  return v.weightSpecs.every(
    (w: unknown) =>
      w !== null &&
      typeof w === 'object' &&
      'name' in w &&
      typeof w.name === 'string' &&
      'shape' in w &&
      Array.isArray(w.shape) &&
      'dtype' in w &&
      typeof w.dtype === 'string',
  );
}

type Shape = number[];

function weightShapes(c: KtNetConfig): Map<string, Shape> {
  const d = c.dModel;
  const readWidth = c.decays.length * (c.valueDim + 1);
  const m = new Map<string, Shape>([
    ['skillEmb', [c.skillBuckets, d]],
    ['prevEmb', [2 * c.skillBuckets, d]],
    ...Array.from({ length: Math.max(0, c.recent - 1) }, (_, i): [string, Shape] => [
      `prev${i + 2}Emb`,
      [2 * c.skillBuckets, d],
    ]),
    ['writeKey', [2 * c.skillBuckets, c.slots]],
    ['writeValue', [2 * c.skillBuckets, c.valueDim]],
    ['readKeyW', [d, c.slots]],
    ['featW', [c.numFeatures, d]],
    ['readW', [readWidth, d]],
    ['inBias', [d]],
  ]);
  if (c.itemBuckets > 0) {
    m.set('itemDifficulty', [c.itemBuckets, 1]);
    m.set('skillVariation', [c.skillBuckets, d]);
    m.set('itemBias', [c.itemBuckets, 1]);
  }
  m.set('lnGain', [d]).set('lnBias', [d]);
  m.set('h1W', [2 * d, c.hidden]).set('h1B', [c.hidden]);
  m.set('h2W', [c.hidden, d]).set('h2B', [d]);
  m.set('outW', [d, 1]).set('outB', [1]);
  m.set('wideW', [c.numFeatures, 1]);
  m.set('skillBias', [c.skillBuckets, 1]);
  return m;
}

/** Initial values: Glorot-normal matrices, small embeddings, unit LN gain, zero biases. */
function initialValue(name: string, shape: Shape, seed: number): tf.Tensor {
  if (name === 'lnGain') return tf.ones(shape);
  if (
    shape.length === 1 ||
    name === 'skillBias' ||
    name === 'itemDifficulty' ||
    name === 'skillVariation' ||
    name === 'itemBias'
  ) {
    return tf.zeros(shape);
  }
  if (name.endsWith('Emb') || name === 'writeKey' || name === 'writeValue') {
    return tf.randomNormal(shape, 0, 0.1, 'float32', seed);
  }
  const [fanIn, fanOut] = shape as [number, number];
  return tf.randomNormal(shape, 0, Math.sqrt(2 / (fanIn + fanOut)), 'float32', seed);
}

type Forward = (
  inputs: tf.Tensor[],
  save: tf.GradSaveFunc,
) => { value: tf.Tensor; gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[] };

/** tf.customGrad with the inputs as an array (its own typing wants a variadic signature). */
function customOp(forward: Forward, ...inputs: tf.Tensor[]): tf.Tensor {
  const f = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) =>
    forward(args.slice(0, -1) as tf.Tensor[], args[args.length - 1] as tf.GradSaveFunc),
  );
  return f(...inputs);
}

/**
 * x·W whose gradients use explicit 2-D transposes: tfjs-backend-wasm runs matMul with a
 * transposed operand (as tf's own matMul gradient does) about 10× slower than a plain one.
 */
function dense(x: tf.Tensor, w: tf.Tensor): tf.Tensor2D {
  return customOp(
    ([a, b], save) => {
      save([a!, b!]);
      return {
        value: tf.matMul(a as tf.Tensor2D, b as tf.Tensor2D),
        gradFunc: (dy, [sa, sb]) => [
          tf.matMul(dy as tf.Tensor2D, tf.transpose(sb as tf.Tensor2D)),
          tf.matMul(tf.transpose(sa as tf.Tensor2D), dy as tf.Tensor2D),
        ],
      };
    },
    x,
    w,
  ) as tf.Tensor2D;
}

/**
 * The parallel scan: y = D·x with a constant [H·L, L] matrix D of per-head decays, computed as
 * one 2-D matmul over all sequences (x is [L, B·C]); the gradient is Dᵀ·dy, also 2-D.
 */
function decayScan(x: tf.Tensor2D, d: tf.Tensor2D, dT: tf.Tensor2D): tf.Tensor2D {
  return customOp((inputs, save) => {
    save([dT]);
    return {
      value: tf.matMul(d, inputs[0] as tf.Tensor2D),
      gradFunc: (dy, [sdT]) => tf.matMul(sdT as tf.Tensor2D, dy as tf.Tensor2D),
    };
  }, x) as tf.Tensor2D;
}

/**
 * Decay matrices for length L: row (h, t) holds (1−λ_h)·λ_h^(t−j) for j ≤ t, else 0. Token t
 * carries interaction t−1, so reading row t sees only interactions before t.
 */
function decayArrays(L: number, decays: readonly number[]): { d: Float32Array; dT: Float32Array } {
  const H = decays.length;
  const d = new Float32Array(H * L * L);
  const dT = new Float32Array(H * L * L);
  decays.forEach((lambda, h) => {
    for (let t = 0; t < L; t++) {
      for (let j = 0; j <= t; j++) {
        const v = (1 - lambda) * lambda ** (t - j);
        d[(h * L + t) * L + j] = v;
        dT[j * H * L + h * L + t] = v;
      }
    }
  });
  return { d, dT };
}

/**
 * Row lookup with a scatter-add gradient. tf.gather's own gradient needs the
 * UnsortedSegmentSum kernel, which tfjs-backend-wasm 4.22 lacks; ScatterNd (which sums
 * duplicate indices) exists on every backend. The lookup itself is GatherNd: on wasm,
 * GatherV2 took 5.3 ms for 3,200 rows of 64 and GatherNd 0.37 ms (same result).
 */
function gatherRows(table: tf.Tensor, rows: tf.Tensor1D): tf.Tensor2D {
  return customOp((inputs, save) => {
    // `save` keeps the indices alive until the backward pass (the forward scope disposes them).
    save([rows]);
    const t = inputs[0] as tf.Tensor2D;
    return {
      value: tf.gatherND(t, tf.expandDims(rows, 1)) as tf.Tensor2D,
      gradFunc: (dy, [saved]) => tf.scatterND(tf.expandDims(saved as tf.Tensor1D, 1), dy, t.shape),
    };
  }, table) as tf.Tensor2D;
}

export class KtNet {
  readonly weights: ReadonlyMap<string, tf.Variable>;
  #decay = new Map<number, { d: Float32Array; dT: Float32Array }>();
  #dropoutSeed = 1;

  private constructor(
    readonly config: KtNetConfig,
    weights: Map<string, tf.Variable>,
  ) {
    this.weights = weights;
  }

  /** A freshly initialised network. `seed` fixes the initial weights and dropout masks. */
  static create(config: KtNetConfig, seed = 42): KtNet {
    const weights = new Map<string, tf.Variable>();
    let i = 0;
    for (const [name, shape] of weightShapes(config)) {
      const init = initialValue(name, shape, seed * 1000 + i++);
      weights.set(name, tf.variable(init, true, `kt/${seed}/${name}/${i}`));
      init.dispose();
    }
    const net = new KtNet(config, weights);
    net.#dropoutSeed = seed;
    return net;
  }

  /** Rebuilds a network from its descriptor and weight bytes. @throws Error on a format mismatch. */
  static fromArtifacts(descriptor: KtNetDescriptor, data: ArrayBuffer): KtNet {
    if (descriptor.format !== KT_FORMAT || descriptor.formatVersion !== KT_FORMAT_VERSION) {
      throw new Error(`unsupported model format ${descriptor.format} v${descriptor.formatVersion}`);
    }
    const decoded = tf.io.decodeWeights(data, descriptor.weightSpecs);
    const weights = new Map<string, tf.Variable>();
    try {
      for (const [name, shape] of weightShapes(descriptor.config)) {
        const t = decoded[name];
        if (!t || t.shape.join() !== shape.join()) throw new Error(`weight ${name} missing or misshapen`);
        weights.set(name, tf.variable(t, true));
      }
    } catch (e) {
      for (const v of weights.values()) v.dispose();
      throw e;
    } finally {
      for (const t of Object.values(decoded)) t.dispose();
    }
    return new KtNet(descriptor.config, weights);
  }

  async toArtifacts(
    meta?: Record<string, unknown>,
  ): Promise<{ descriptor: KtNetDescriptor; data: ArrayBuffer }> {
    const named: tf.NamedTensorMap = {};
    for (const [k, v] of this.weights) named[k] = v;
    const { data, specs } = await tf.io.encodeWeights(named);
    return {
      descriptor: {
        format: KT_FORMAT,
        formatVersion: KT_FORMAT_VERSION,
        config: this.config,
        weightSpecs: specs,
        ...(meta ? { meta } : {}),
      },
      data,
    };
  }

  get trainableVariables(): tf.Variable[] {
    return [...this.weights.values()];
  }

  /** Copies of all weights (for keeping the best epoch); the caller disposes them. */
  snapshot(): Map<string, tf.Tensor> {
    return new Map([...this.weights].map(([k, v]) => [k, tf.clone(v)]));
  }

  restore(snap: ReadonlyMap<string, tf.Tensor>): void {
    for (const [k, v] of this.weights) {
      const s = snap.get(k);
      if (s) v.assign(s);
    }
  }

  dispose(): void {
    for (const v of this.weights.values()) v.dispose();
  }

  #w(name: string): tf.Variable {
    const v = this.weights.get(name);
    if (!v) throw new Error(`no weight ${name}`);
    return v;
  }

  #dropout(x: tf.Tensor, training: boolean): tf.Tensor {
    if (!training || this.config.dropout <= 0) return x;
    this.#dropoutSeed = (this.#dropoutSeed * 1103515245 + 12345) % 2147483648;
    return tf.dropout(x, this.config.dropout, undefined, this.#dropoutSeed);
  }

  #layerNorm(x: tf.Tensor2D, g: string, b: string): tf.Tensor2D {
    // Not tf.moments: its gradient fails in tfjs 4.22 ("null.clone" in Cast's gradient).
    const centred = tf.sub(x, tf.mean(x, -1, true));
    const variance = tf.mean(tf.square(centred), -1, true);
    return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, 1e-5))), this.#w(g)), this.#w(b));
  }

  /** Logits [batch, length] for an encoded batch. Call inside tf.tidy (or use predict). */
  logits(batch: EncodedBatch, training: boolean): tf.Tensor2D {
    const { batch: B, length: L } = batch;
    const skill = tf.tensor1d(batch.skill, 'int32');
    const { q, itemBias } = this.#query(skill, batch.item);
    const mem = this.#memory(batch.prev, B, L);
    const feats = tf.tensor2d(batch.features, [B * L, this.config.numFeatures]);
    let prevPart: tf.Tensor2D = gatherRows(
      this.#w('prevEmb') as tf.Tensor2D,
      tf.tensor1d(batch.prev, 'int32'),
    );
    // Interactions t−2, t−3, … embedded directly (a short causal convolution).
    for (let k = 2; k <= this.config.recent; k++) {
      const older = new Int32Array(B * L);
      for (let b = 0; b < B && L >= k; b++) {
        older.set(batch.prev.subarray(b * L, (b + 1) * L - (k - 1)), b * L + k - 1);
      }
      prevPart = tf.add(
        prevPart,
        gatherRows(this.#w(`prev${k}Emb`) as tf.Tensor2D, tf.tensor1d(older, 'int32')),
      );
    }
    return tf.reshape(this.#head(q, skill, itemBias, mem, [B, L], feats, prevPart, training), [B, L]);
  }

  /**
   * P(correct) for C candidate next items after one shared history, computing the history's
   * memory once instead of once per candidate. `batch` holds C sequences that are identical
   * except for their last token (core/kt-course candidateSequences); the result equals
   * `predict(batch)` at the last positions. Needs `recent` = 1 (the default).
   */
  async predictNext(batch: EncodedBatch): Promise<Float32Array> {
    const { batch: C, length: L } = batch;
    if (this.config.recent !== 1) throw new Error('predictNext needs recent = 1');
    const F = this.config.numFeatures;
    const last = (b: number): number => b * L + L - 1;
    const p = tf.tidy(() => {
      const skill = tf.tensor1d(
        Int32Array.from({ length: C }, (_, b) => batch.skill[last(b)]!),
        'int32',
      );
      const item = Int32Array.from({ length: C }, (_, b) => batch.item[last(b)]!);
      const { q, itemBias } = this.#query(skill, item);
      // The memory of the first sequence at its last position is every candidate's memory.
      const mem = tf.slice(this.#memory(batch.prev.subarray(0, L), 1, L), [0, L - 1], [1, 1]);
      const feats = tf.tensor2d(
        Float32Array.from(
          { length: C * F },
          (_, i) => batch.features[last(Math.floor(i / F)) * F + (i % F)]!,
        ),
        [C, F],
      );
      const prev = tf.tensor1d(
        Int32Array.from({ length: C }, (_, b) => batch.prev[last(b)]!),
        'int32',
      );
      const prevPart = gatherRows(this.#w('prevEmb') as tf.Tensor2D, prev);
      return tf.sigmoid(this.#head(q, skill, itemBias, mem, [1, C], feats, prevPart, false));
    });
    // data(), not dataSync(): WebGPU cannot read synchronously.
    const out = (await p.data()) as Float32Array;
    p.dispose();
    return out;
  }

  /**
   * What is asked: the skill embedding, shifted by item difficulty where items exist [N, d]; and,
   * where items exist, each item's own bias on the output logit [N, 1] (a Rasch difficulty).
   */
  #query(skill: tf.Tensor1D, items: Int32Array): { q: tf.Tensor2D; itemBias: tf.Tensor2D | null } {
    const w = (name: string): tf.Tensor2D => this.#w(name) as tf.Tensor2D;
    let q: tf.Tensor2D = gatherRows(w('skillEmb'), skill);
    if (this.config.itemBuckets > 0) {
      const item = tf.tensor1d(items, 'int32');
      q = tf.add(q, tf.mul(gatherRows(w('itemDifficulty'), item), gatherRows(w('skillVariation'), skill)));
      return { q, itemBias: gatherRows(w('itemBias'), item) };
    }
    return { q, itemBias: null };
  }

  /**
   * The key-value memory at every position, [B, L, H, K, V]. Interaction t−1 (carried by token
   * t as `prev`) puts value ⊗ key into K slots; a ones column in the value counts the writes.
   */
  #memory(prevIds: Int32Array, B: number, L: number): tf.Tensor {
    const c = this.config;
    const N = B * L;
    const H = c.decays.length;
    const K = c.slots;
    const V = c.valueDim + 1;
    const w = (name: string): tf.Tensor2D => this.#w(name) as tf.Tensor2D;
    const prev = tf.tensor1d(prevIds, 'int32');
    const key = tf.softmax(gatherRows(w('writeKey'), prev));
    const value = tf.concat([tf.tanh(gatherRows(w('writeValue'), prev)), tf.ones([N, 1])], 1);
    const outer = tf.mul(tf.reshape(key, [B, L, K, 1]), tf.reshape(value, [B, L, 1, V]));
    const seqMajor = tf.reshape(tf.transpose(tf.reshape(outer, [B, L, K * V]), [1, 0, 2]), [L, B * K * V]);
    let dec = this.#decay.get(L);
    if (!dec) this.#decay.set(L, (dec = decayArrays(L, c.decays)));
    const memory = decayScan(
      seqMajor as tf.Tensor2D,
      tf.tensor2d(dec.d, [H * L, L]),
      tf.tensor2d(dec.dT, [L, H * L]),
    );
    // [H·L, B·K·V] → [B, L, H, K, V]
    // (4-D transpose: tfjs-backend-wasm's 5-D transpose is ~50× slower.)
    return tf.reshape(tf.transpose(tf.reshape(memory, [H, L, B, K * V]), [2, 1, 0, 3]), [B, L, H, K, V]);
  }

  /**
   * Logits [N] for N = P·Q asked tokens: q, skill, feats and prevPart have N rows; `mem` is
   * [P or 1, Q or 1, H, K, V] and broadcasts over the tokens laid out as [P, Q].
   */
  #head(
    q: tf.Tensor2D,
    skill: tf.Tensor1D,
    itemBias: tf.Tensor2D | null,
    mem: tf.Tensor,
    [P, Q]: [number, number],
    feats: tf.Tensor2D,
    prevPart: tf.Tensor2D,
    training: boolean,
  ): tf.Tensor {
    const c = this.config;
    const N = P * Q;
    const H = c.decays.length;
    const K = c.slots;
    const V = c.valueDim + 1;
    const w = (name: string): tf.Tensor2D => this.#w(name) as tf.Tensor2D;

    // Read: the asked skill attends over the slots; one read per decay rate.
    const readKey = tf.reshape(tf.softmax(dense(q, w('readKeyW'))), [P, Q, 1, K, 1]);
    const raw = tf.reshape(tf.sum(tf.mul(mem, readKey), 3), [N, H, V]);
    // Decay-weighted mean of the values in the read slots, and log of the decayed write count
    // (in interactions: ÷(1−λ)), so every head is on the same scale whatever its λ.
    const [sums, count] = tf.split(raw, [V - 1, 1], 2) as [tf.Tensor3D, tf.Tensor3D];
    const mean = tf.div(sums, tf.add(count, 1e-6));
    const invOneMinus = tf.tensor3d(
      c.decays.map((l) => 1 / (1 - l)),
      [1, H, 1],
    );
    const logCount = tf.log1p(tf.mul(count, invOneMinus));
    const read = tf.reshape(tf.concat([mean, logCount], 2), [N, H * V]) as tf.Tensor2D;

    const x = tf.add(
      tf.add(dense(read, w('readW')), dense(feats, w('featW'))),
      tf.add(prevPart, this.#w('inBias')),
    );
    const z = this.#layerNorm(tf.relu(x) as tf.Tensor2D, 'lnGain', 'lnBias');
    const h1 = tf.relu(tf.add(dense(tf.concat([z, q], 1), w('h1W')), this.#w('h1B')));
    const h2 = tf.relu(tf.add(dense(this.#dropout(h1, training) as tf.Tensor2D, w('h2W')), this.#w('h2B')));
    const deep = tf.add(dense(this.#dropout(h2, training) as tf.Tensor2D, w('outW')), this.#w('outB'));
    let wide = tf.add(dense(feats, w('wideW')), gatherRows(w('skillBias'), skill));
    if (itemBias) wide = tf.add(wide, itemBias);
    return tf.reshape(tf.add(deep, wide), [N]);
  }

  /** Mean masked binary cross-entropy of a batch (a scalar). Call inside tf.tidy / minimize. */
  loss(batch: EncodedBatch, training: boolean): tf.Scalar {
    const logits = this.logits(batch, training);
    const labels = tf.tensor2d(batch.labels, [batch.batch, batch.length]);
    const mask = tf.tensor2d(batch.mask, [batch.batch, batch.length]);
    return tf.losses.sigmoidCrossEntropy(labels, logits, mask);
  }

  /** P(correct) for every position of the batch, [batch × length] row-major (padding included). */
  async predict(batch: EncodedBatch): Promise<Float32Array> {
    const p = tf.tidy(() => tf.sigmoid(this.logits(batch, false)));
    const out = (await p.data()) as Float32Array;
    p.dispose();
    return out;
  }
}
