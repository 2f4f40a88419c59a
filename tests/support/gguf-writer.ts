/**
 * A tiny GGUF v3 model writer for tests (issue 13): llama architecture, F32 weights drawn from a
 * seed, a SentencePiece-style vocabulary (<unk>, <s>, </s>, the 256 byte tokens, ChatML's two
 * control tokens and a few hundred word pieces) and a ChatML chat template. dim 64 × 2 layers
 * with context 256 comes to about 600 kB and loads in llama.cpp (wllama) without warnings. Random
 * weights generate gibberish: this proves the plumbing, not the quality of an explanation.
 */

import { seededRng } from '../../src/core/rng';

export interface TinyModelOptions {
  readonly seed?: number;
  readonly dim?: number;
  readonly layers?: number;
  readonly heads?: number;
  readonly ff?: number;
  readonly context?: number;
  readonly name?: string;
  readonly licence?: string;
}

const T = { U32: 4, I32: 5, F32: 6, STRING: 8, ARRAY: 9 } as const;
const ALIGN = 32;

type Kv =
  | { key: string; type: 'bool'; value: boolean }
  | { key: string; type: 'u32'; value: number }
  | { key: string; type: 'f32'; value: number }
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'strings'; value: readonly string[] }
  | { key: string; type: 'f32s'; value: readonly number[] }
  | { key: string; type: 'i32s'; value: readonly number[] };

const GGML = { F32: 0, Q4_0: 2, Q8_0: 8 } as const;
type GgmlType = (typeof GGML)[keyof typeof GGML];
/** Per GGML type: values per block and bytes per block. */
const BLOCK = { [GGML.F32]: [1, 4], [GGML.Q4_0]: [32, 18], [GGML.Q8_0]: [32, 34] } as const;

const CHATML_TEMPLATE =
  "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}";

class Bytes {
  #chunks: Uint8Array[] = [];
  length = 0;
  push(b: Uint8Array): void {
    this.#chunks.push(b);
    this.length += b.length;
  }
  u32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setUint32(0, v, true);
    this.push(b);
  }
  i32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setInt32(0, v, true);
    this.push(b);
  }
  u64(v: number): void {
    const b = new Uint8Array(8);
    new DataView(b.buffer).setBigUint64(0, BigInt(v), true);
    this.push(b);
  }
  f32(v: number): void {
    const b = new Uint8Array(4);
    new DataView(b.buffer).setFloat32(0, v, true);
    this.push(b);
  }
  str(s: string): void {
    const b = new TextEncoder().encode(s);
    this.u64(b.length);
    this.push(b);
  }
  pad(): void {
    const n = (ALIGN - (this.length % ALIGN)) % ALIGN;
    if (n) this.push(new Uint8Array(n));
  }
  concat(): Uint8Array {
    const out = new Uint8Array(this.length);
    let o = 0;
    for (const c of this.#chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }
}

function encodeKvs(b: Bytes, kvs: readonly Kv[]): void {
  const array = <V>(type: number, values: readonly V[], write: (v: V) => void) => {
    b.u32(T.ARRAY);
    b.u32(type);
    b.u64(values.length);
    for (const v of values) write(v);
  };
  for (const kv of kvs) {
    b.str(kv.key);
    switch (kv.type) {
      case 'bool':
        b.u32(7);
        b.push(new Uint8Array([kv.value ? 1 : 0]));
        break;
      case 'u32':
        b.u32(T.U32);
        b.u32(kv.value);
        break;
      case 'f32':
        b.u32(T.F32);
        b.f32(kv.value);
        break;
      case 'string':
        b.u32(T.STRING);
        b.str(kv.value);
        break;
      case 'strings':
        array(T.STRING, kv.value, (s) => b.str(s));
        break;
      case 'f32s':
        array(T.F32, kv.value, (v) => b.f32(v));
        break;
      case 'i32s':
        array(T.I32, kv.value, (v) => b.i32(v));
        break;
    }
  }
}

/** The `general.*` keys both writers start with. */
function generalKvs(architecture: string, name: string, licence: string | undefined, fileType: number): Kv[] {
  return [
    { key: 'general.architecture', type: 'string', value: architecture },
    { key: 'general.name', type: 'string', value: name },
    ...(licence ? [{ key: 'general.license', type: 'string' as const, value: licence }] : []),
    { key: 'general.file_type', type: 'u32', value: fileType },
    { key: 'general.alignment', type: 'u32', value: ALIGN },
  ];
}

interface TensorInfo {
  readonly name: string;
  readonly dims: readonly number[];
  readonly type: GgmlType;
}

/**
 * A GGUF v3 header: magic, version, counts, the key-value pairs and the tensor table, padded to
 * the alignment. Returns the bytes so far (tensor data follows) and each tensor's unpadded size.
 */
function ggufHeader(kvs: readonly Kv[], tensors: readonly TensorInfo[]): { bytes: Bytes; sizes: number[] } {
  const b = new Bytes();
  b.push(new TextEncoder().encode('GGUF'));
  b.u32(3);
  b.u64(tensors.length);
  b.u64(kvs.length);
  encodeKvs(b, kvs);
  let offset = 0;
  const sizes: number[] = [];
  for (const t of tensors) {
    b.str(t.name);
    b.u32(t.dims.length);
    for (const d of t.dims) b.u64(d);
    b.u32(t.type);
    b.u64(offset);
    const [per, bytes] = BLOCK[t.type];
    const n = t.dims.reduce((x, y) => x * y, 1);
    const size = (n / per) * bytes;
    sizes.push(size);
    offset += Math.ceil(size / ALIGN) * ALIGN;
  }
  b.pad();
  return { bytes: b, sizes };
}

function vocabulary(): { tokens: string[]; scores: number[]; types: number[] } {
  const tokens = ['<unk>', '<s>', '</s>'];
  const types = [2, 3, 3];
  for (let i = 0; i < 256; i++) {
    tokens.push(`<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`);
    types.push(6);
  }
  tokens.push('<|im_start|>', '<|im_end|>');
  types.push(3, 3);
  const words =
    'the a is of to and in it that you we add take away more less step first then next so this ' +
    'number answer why because equals left right ten tens ones half sum count make total two three ' +
    'four five six seven eight nine zero one look try again good see'.split(' ');
  const pieces = [
    '▁',
    '.',
    ',',
    '?',
    '!',
    '+',
    '-',
    '=',
    ...'abcdefghijklmnopqrstuvwxyz0123456789'.split(''),
  ];
  for (const w of words) pieces.push(`▁${w}`);
  for (const p of pieces) {
    if (tokens.includes(p)) continue;
    tokens.push(p);
    types.push(1);
  }
  const scores = tokens.map((_, i) => (types[i] === 1 ? -i / 10 : 0));
  return { tokens, scores, types };
}

/** Pieces the random model may emit: word pieces with no number in them (see `wordsOnly`). */
const NUMERIC = /[0-9]|zero|one|two|three|four|five|six|seven|eight|nine|ten|half/;

/**
 * Keep the random model to its non-numeric word pieces: every token's embedding carries a
 * constant +20 in dimension 0, which stays positive through the two small layers, and every
 * other token's output row −10 in that dimension (the kept words' 0, so they stay varied), so
 * their logits sit far below and they are never sampled.
 * - Byte tokens: a lone byte (an invalid UTF-8 piece, or NUL) made wllama 3.13's reply unreadable
 *   ("RangeError: Invalid typed array length: 1163217991", the bytes "GLUE" read as a length) in
 *   the e2e test; a real instruction-tuned model does not emit such pieces at random.
 * - Control tokens: the reply runs to the token cap, as before.
 * - Numbers: random numbers contradict the worked solution, and the tutor's guard then replaces
 *   the reply (tested on its own with a fake runtime); this test is about streaming.
 * Weights are laid out token by token (`[dim, vocab]`, dimension fastest).
 */
function wordsOnly(
  name: string,
  data: Float32Array,
  dim: number,
  tokens: readonly string[],
  types: readonly number[],
): void {
  if (name === 'token_embd.weight') {
    for (let tok = 0; tok < tokens.length; tok++) data[tok * dim] = 20;
  } else if (name === 'output.weight') {
    for (let tok = 0; tok < tokens.length; tok++) {
      data[tok * dim] = types[tok] === 1 && !NUMERIC.test(tokens[tok]!) ? 0 : -10;
    }
  }
}

/** The bytes of a tiny random llama model in GGUF v3. */
export function writeTinyGguf(opts: TinyModelOptions = {}): Uint8Array {
  const dim = opts.dim ?? 64;
  const layers = opts.layers ?? 2;
  const heads = opts.heads ?? 4;
  const ff = opts.ff ?? 128;
  const ctx = opts.context ?? 256;
  const random = seededRng(opts.seed ?? 1);
  const { tokens, scores, types } = vocabulary();
  const vocab = tokens.length;
  const kvs: Kv[] = [
    ...generalKvs('llama', opts.name ?? 'lantern-tiny-test', opts.licence, GGML.F32),
    { key: 'llama.context_length', type: 'u32', value: ctx },
    { key: 'llama.embedding_length', type: 'u32', value: dim },
    { key: 'llama.block_count', type: 'u32', value: layers },
    { key: 'llama.feed_forward_length', type: 'u32', value: ff },
    { key: 'llama.attention.head_count', type: 'u32', value: heads },
    { key: 'llama.attention.head_count_kv', type: 'u32', value: heads },
    { key: 'llama.rope.dimension_count', type: 'u32', value: dim / heads },
    { key: 'llama.attention.layer_norm_rms_epsilon', type: 'f32', value: 1e-5 },
    { key: 'llama.vocab_size', type: 'u32', value: vocab },
    { key: 'tokenizer.ggml.model', type: 'string', value: 'llama' },
    { key: 'tokenizer.ggml.tokens', type: 'strings', value: tokens },
    { key: 'tokenizer.ggml.scores', type: 'f32s', value: scores },
    { key: 'tokenizer.ggml.token_type', type: 'i32s', value: types },
    { key: 'tokenizer.ggml.bos_token_id', type: 'u32', value: 1 },
    { key: 'tokenizer.ggml.eos_token_id', type: 'u32', value: 2 },
    { key: 'tokenizer.ggml.unknown_token_id', type: 'u32', value: 0 },
    { key: 'tokenizer.chat_template', type: 'string', value: CHATML_TEMPLATE },
  ];
  const f32 = (name: string, dims: number[], fill: 'one' | 'random') => ({
    name,
    dims,
    type: GGML.F32,
    fill,
  });
  const tensors = [
    f32('token_embd.weight', [dim, vocab], 'random'),
    f32('output_norm.weight', [dim], 'one'),
    f32('output.weight', [dim, vocab], 'random'),
  ];
  for (let i = 0; i < layers; i++) {
    tensors.push(
      f32(`blk.${i}.attn_norm.weight`, [dim], 'one'),
      f32(`blk.${i}.attn_q.weight`, [dim, dim], 'random'),
      f32(`blk.${i}.attn_k.weight`, [dim, dim], 'random'),
      f32(`blk.${i}.attn_v.weight`, [dim, dim], 'random'),
      f32(`blk.${i}.attn_output.weight`, [dim, dim], 'random'),
      f32(`blk.${i}.ffn_norm.weight`, [dim], 'one'),
      f32(`blk.${i}.ffn_gate.weight`, [dim, ff], 'random'),
      f32(`blk.${i}.ffn_down.weight`, [ff, dim], 'random'),
      f32(`blk.${i}.ffn_up.weight`, [dim, ff], 'random'),
    );
  }
  const { bytes: b, sizes } = ggufHeader(kvs, tensors);
  for (const [i, t] of tensors.entries()) {
    const n = (sizes[i] ?? 0) / 4;
    const data = new Float32Array(Math.ceil((n * 4) / ALIGN) * (ALIGN / 4));
    // Scaled so activations stay in range and sampling is varied, not stuck on one token.
    const scale = 1 / Math.sqrt(t.dims[0] ?? 1);
    for (let j = 0; j < n; j++) data[j] = t.fill === 'one' ? 1 : (random() * 2 - 1) * 2 * scale;
    wordsOnly(t.name, data, dim, tokens, types);
    b.push(new Uint8Array(data.buffer));
  }
  return b.concat();
}

// ---------------------------------------------------------------------------------------------
// A random-weight model shaped like Qwen2.5-0.5B-Instruct at Q4_0 (issue 13's figures,
// `npm run tutor:bench`). Written as a stream of chunks (the file is about 350 MB).

export interface Qwen2ShapedOptions {
  readonly seed?: number;
  /** Qwen2.5-0.5B: 896 × 24 layers, 14 heads (2 for K/V), feed-forward 4864, vocabulary 151,936. */
  readonly dim?: number;
  readonly layers?: number;
  readonly heads?: number;
  readonly kvHeads?: number;
  readonly ff?: number;
  readonly vocab?: number;
  readonly context?: number;
  readonly name?: string;
  readonly licence?: string;
  /**
   * Words made single tokens by the BPE merges (most frequent first), so an English prompt comes
   * to roughly as many tokens as with the real tokenizer; the rest of the vocabulary is filler.
   */
  readonly words?: readonly string[];
}

/** GPT-2's byte-level alphabet: each byte as one printable character (what BPE vocabularies store). */
export function byteLevelAlphabet(): string[] {
  const bs: number[] = [];
  for (let b = 0x21; b <= 0x7e; b++) bs.push(b);
  for (let b = 0xa1; b <= 0xac; b++) bs.push(b);
  for (let b = 0xae; b <= 0xff; b++) bs.push(b);
  const cs = [...bs];
  let n = 0;
  for (let b = 0; b < 256; b++) {
    if (!bs.includes(b)) {
      bs.push(b);
      cs.push(256 + n++);
    }
  }
  const out = new Array<string>(256);
  bs.forEach((b, i) => (out[b] = String.fromCodePoint(cs[i] ?? 0)));
  return out;
}

/** Qwen2's pre-tokenizer split (llama.cpp's `qwen2` pre-type), without its case-insensitive contractions. */
const QWEN2_SPLIT =
  /'s|'t|'re|'ve|'m|'ll|'d|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+/gu;

/** Byte-level BPE by merge rank, as llama.cpp applies it; returns the pieces of one pre-token. */
function bpe(word: string, ranks: ReadonlyMap<string, number>): string[] {
  let parts = [...word];
  for (;;) {
    let best = -1;
    let bestRank = Infinity;
    for (let i = 0; i + 1 < parts.length; i++) {
      const r = ranks.get(`${parts[i]} ${parts[i + 1]}`);
      if (r !== undefined && r < bestRank) {
        bestRank = r;
        best = i;
      }
    }
    if (best < 0) return parts;
    parts = [...parts.slice(0, best), `${parts[best]}${parts[best + 1]}`, ...parts.slice(best + 2)];
  }
}

export interface BpeVocabulary {
  readonly tokens: string[];
  readonly types: number[];
  readonly merges: string[];
  /** Token count of `text` with this vocabulary (same split and merges as llama.cpp). */
  count(text: string): number;
}

/** A Qwen2-style byte-level BPE vocabulary of exactly `size` tokens, ending in Qwen's control tokens. */
export function qwen2Vocabulary(size: number, words: readonly string[]): BpeVocabulary {
  const alphabet = byteLevelAlphabet();
  const enc = (s: string) => [...new TextEncoder().encode(s)].map((b) => alphabet[b]).join('');
  const tokens = [...alphabet];
  const known = new Set(tokens);
  const merges: string[] = [];
  const ranks = new Map<string, number>();
  const addMerge = (a: string, b: string) => {
    const key = `${a} ${b}`;
    if (!ranks.has(key)) {
      ranks.set(key, merges.length);
      merges.push(key);
    }
    if (!known.has(a + b)) {
      known.add(a + b);
      tokens.push(a + b);
    }
  };
  const specials = ['<|endoftext|>', '<|im_start|>', '<|im_end|>'];
  const normal = size - specials.length - 22; // Qwen keeps 22 more control slots after its 151,643 tokens
  // Two passes: a word that the merges so far still split gets merges joining its pieces.
  for (let pass = 0; pass < 2; pass++) {
    for (const w of words) {
      for (const form of [w, ` ${w}`]) {
        const e = enc(form);
        if (tokens.length >= normal - 1) break;
        let parts = bpe(e, ranks);
        while (parts.length > 1 && tokens.length < normal - 1) {
          addMerge(parts[0] ?? '', parts[1] ?? '');
          parts = [`${parts[0]}${parts[1]}`, ...parts.slice(2)];
        }
      }
    }
  }
  // Filler: letters only (a random model samples them; digits would look like numbers to the guards).
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  for (let i = 0; tokens.length < normal; i++) {
    let s = '';
    for (let n = i + 26 * 26; n > 0; n = Math.floor(n / 26)) s += letters[n % 26];
    const t = `Ġ${s}`;
    if (!known.has(t)) {
      known.add(t);
      tokens.push(t);
    }
  }
  const types = tokens.map(() => 1);
  for (const s of specials) {
    tokens.push(s);
    types.push(3);
  }
  for (let i = 0; tokens.length < size; i++) {
    tokens.push(`<|reserved_${i}|>`);
    types.push(3);
  }
  const count = (text: string) =>
    [...text.matchAll(QWEN2_SPLIT)].reduce((n, m) => n + bpe(enc(m[0]), ranks).length, 0);
  return { tokens, types, merges, count };
}

/** IEEE half precision of a small positive scale (no subnormals needed here). */
function f16(v: number): number {
  const f = new Float32Array([v]);
  const x = new Uint32Array(f.buffer)[0] ?? 0;
  const exp = ((x >>> 23) & 0xff) - 127 + 15;
  const mant = (x >>> 13) & 0x3ff;
  return ((x >>> 16) & 0x8000) | (Math.max(0, Math.min(31, exp)) << 10) | mant;
}

/**
 * The chunks of a random-weight GGUF v3 file shaped like Qwen2.5-0.5B-Instruct (`qwen2`
 * architecture, GPT-2-style byte-level BPE vocabulary of 151,936 tokens with `qwen2`
 * pre-tokenizer, ChatML template, tied embeddings): every matrix Q4_0 except the token
 * embedding (also the output layer), which is Q8_0 — llama.cpp's Q4_0 keeps that one at
 * higher precision too (Q6_K there). Norms and the Q/K/V biases are F32. Weights are uniform
 * with standard deviation about 0.02. Yields the header first, then the weights a few MB at a time.
 */
export function* qwen2ShapedGgufChunks(
  opts: Qwen2ShapedOptions = {},
): Generator<Uint8Array, void, undefined> {
  const dim = opts.dim ?? 896;
  const layers = opts.layers ?? 24;
  const heads = opts.heads ?? 14;
  const kvHeads = opts.kvHeads ?? 2;
  const ff = opts.ff ?? 4864;
  const size = opts.vocab ?? 151_936;
  const ctx = opts.context ?? 32_768;
  const kvDim = (dim / heads) * kvHeads;
  const random = seededRng(opts.seed ?? 1);
  const vocab = qwen2Vocabulary(size, opts.words ?? []);
  const kvs: Kv[] = [
    ...generalKvs('qwen2', opts.name ?? 'lantern-random-qwen2-0.5b-shape', opts.licence, GGML.Q4_0),
    { key: 'qwen2.context_length', type: 'u32', value: ctx },
    { key: 'qwen2.embedding_length', type: 'u32', value: dim },
    { key: 'qwen2.block_count', type: 'u32', value: layers },
    { key: 'qwen2.feed_forward_length', type: 'u32', value: ff },
    { key: 'qwen2.attention.head_count', type: 'u32', value: heads },
    { key: 'qwen2.attention.head_count_kv', type: 'u32', value: kvHeads },
    { key: 'qwen2.rope.freq_base', type: 'f32', value: 1_000_000 },
    { key: 'qwen2.attention.layer_norm_rms_epsilon', type: 'f32', value: 1e-6 },
    { key: 'tokenizer.ggml.model', type: 'string', value: 'gpt2' },
    { key: 'tokenizer.ggml.pre', type: 'string', value: 'qwen2' },
    { key: 'tokenizer.ggml.tokens', type: 'strings', value: vocab.tokens },
    { key: 'tokenizer.ggml.token_type', type: 'i32s', value: vocab.types },
    { key: 'tokenizer.ggml.merges', type: 'strings', value: vocab.merges },
    { key: 'tokenizer.ggml.eos_token_id', type: 'u32', value: vocab.tokens.indexOf('<|im_end|>') },
    { key: 'tokenizer.ggml.padding_token_id', type: 'u32', value: vocab.tokens.indexOf('<|endoftext|>') },
    { key: 'tokenizer.ggml.bos_token_id', type: 'u32', value: vocab.tokens.indexOf('<|endoftext|>') },
    { key: 'tokenizer.ggml.add_bos_token', type: 'bool', value: false },
    { key: 'tokenizer.chat_template', type: 'string', value: CHATML_TEMPLATE },
  ];
  type Fill = 'one' | 'zero' | 'random';
  const tensors: (TensorInfo & { fill: Fill })[] = [
    { name: 'token_embd.weight', dims: [dim, size], type: GGML.Q8_0, fill: 'random' },
    { name: 'output_norm.weight', dims: [dim], type: GGML.F32, fill: 'one' },
  ];
  for (let i = 0; i < layers; i++) {
    const q4 = (name: string, dims: number[]) => ({ name, dims, type: GGML.Q4_0, fill: 'random' as Fill });
    const f32 = (name: string, n: number, fill: Fill) => ({ name, dims: [n], type: GGML.F32, fill });
    tensors.push(
      f32(`blk.${i}.attn_norm.weight`, dim, 'one'),
      q4(`blk.${i}.attn_q.weight`, [dim, dim]),
      f32(`blk.${i}.attn_q.bias`, dim, 'zero'),
      q4(`blk.${i}.attn_k.weight`, [dim, kvDim]),
      f32(`blk.${i}.attn_k.bias`, kvDim, 'zero'),
      q4(`blk.${i}.attn_v.weight`, [dim, kvDim]),
      f32(`blk.${i}.attn_v.bias`, kvDim, 'zero'),
      q4(`blk.${i}.attn_output.weight`, [dim, dim]),
      f32(`blk.${i}.ffn_norm.weight`, dim, 'one'),
      q4(`blk.${i}.ffn_gate.weight`, [dim, ff]),
      q4(`blk.${i}.ffn_down.weight`, [ff, dim]),
      q4(`blk.${i}.ffn_up.weight`, [dim, ff]),
    );
  }
  const { bytes: header, sizes } = ggufHeader(kvs, tensors);
  yield header.concat();

  // Weights: uniform in ±0.035 (sd ≈ 0.02). Q4_0: d = 0.035/8, nibbles random; Q8_0: d = 0.035/127.
  const CHUNK_BLOCKS = 1 << 17;
  for (const [i, t] of tensors.entries()) {
    const bytes = sizes[i] ?? 0;
    const padded = Math.ceil(bytes / ALIGN) * ALIGN;
    if (t.type === GGML.F32) {
      const data = new Float32Array(padded / 4);
      data.fill(t.fill === 'one' ? 1 : 0, 0, bytes / 4);
      yield new Uint8Array(data.buffer);
      continue;
    }
    const [, blockBytes] = BLOCK[t.type];
    const d = f16(t.type === GGML.Q4_0 ? 0.035 / 8 : 0.035 / 127);
    const blocks = bytes / blockBytes;
    for (let start = 0; start < blocks; start += CHUNK_BLOCKS) {
      const count = Math.min(CHUNK_BLOCKS, blocks - start);
      const last = start + count >= blocks;
      const out = new Uint8Array(count * blockBytes + (last ? padded - bytes : 0));
      const words = new Uint32Array(Math.ceil(out.length / 4));
      for (let j = 0; j < words.length; j++) words[j] = (random() * 4294967296) >>> 0;
      out.set(new Uint8Array(words.buffer, 0, out.length));
      // Q8_0 values stay in [-127, 127] (a random -128 is harmless too); only the scales are set.
      for (let k = 0; k < count; k++) {
        out[k * blockBytes] = d & 0xff;
        out[k * blockBytes + 1] = d >>> 8;
      }
      if (last) out.fill(0, count * blockBytes);
      yield out;
    }
  }
}
