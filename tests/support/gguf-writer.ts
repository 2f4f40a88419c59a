/**
 * A tiny GGUF v3 model writer for tests (issue 13): llama architecture, F32 weights drawn from a
 * seed, a SentencePiece-style vocabulary (<unk>, <s>, </s>, the 256 byte tokens, ChatML's two
 * control tokens and a few hundred word pieces) and a ChatML chat template. dim 64 × 2 layers
 * with context 256 comes to about 600 kB and loads in llama.cpp (wllama) without warnings. Random
 * weights generate gibberish: this proves the plumbing, not the quality of an explanation.
 */

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
  | { key: string; type: 'u32'; value: number }
  | { key: string; type: 'f32'; value: number }
  | { key: string; type: 'string'; value: string }
  | { key: string; type: 'strings'; value: readonly string[] }
  | { key: string; type: 'f32s'; value: readonly number[] }
  | { key: string; type: 'i32s'; value: readonly number[] };

/** mulberry32: tests need the same model from the same seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

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

/** The bytes of a tiny random llama model in GGUF v3. */
export function writeTinyGguf(opts: TinyModelOptions = {}): Uint8Array {
  const dim = opts.dim ?? 64;
  const layers = opts.layers ?? 2;
  const heads = opts.heads ?? 4;
  const ff = opts.ff ?? 128;
  const ctx = opts.context ?? 256;
  const random = rng(opts.seed ?? 1);
  const { tokens, scores, types } = vocabulary();
  const vocab = tokens.length;
  const kvs: Kv[] = [
    { key: 'general.architecture', type: 'string', value: 'llama' },
    { key: 'general.name', type: 'string', value: opts.name ?? 'lantern-tiny-test' },
    ...(opts.licence ? [{ key: 'general.license', type: 'string' as const, value: opts.licence }] : []),
    { key: 'general.file_type', type: 'u32', value: 0 },
    { key: 'general.alignment', type: 'u32', value: ALIGN },
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
    {
      key: 'tokenizer.chat_template',
      type: 'string',
      value:
        "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}",
    },
  ];
  const tensors: { name: string; dims: number[]; fill: 'one' | 'random' }[] = [
    { name: 'token_embd.weight', dims: [dim, vocab], fill: 'random' },
    { name: 'output_norm.weight', dims: [dim], fill: 'one' },
    { name: 'output.weight', dims: [dim, vocab], fill: 'random' },
  ];
  for (let i = 0; i < layers; i++) {
    tensors.push(
      { name: `blk.${i}.attn_norm.weight`, dims: [dim], fill: 'one' },
      { name: `blk.${i}.attn_q.weight`, dims: [dim, dim], fill: 'random' },
      { name: `blk.${i}.attn_k.weight`, dims: [dim, dim], fill: 'random' },
      { name: `blk.${i}.attn_v.weight`, dims: [dim, dim], fill: 'random' },
      { name: `blk.${i}.attn_output.weight`, dims: [dim, dim], fill: 'random' },
      { name: `blk.${i}.ffn_norm.weight`, dims: [dim], fill: 'one' },
      { name: `blk.${i}.ffn_gate.weight`, dims: [dim, ff], fill: 'random' },
      { name: `blk.${i}.ffn_down.weight`, dims: [ff, dim], fill: 'random' },
      { name: `blk.${i}.ffn_up.weight`, dims: [dim, ff], fill: 'random' },
    );
  }

  const b = new Bytes();
  b.push(new TextEncoder().encode('GGUF'));
  b.u32(3);
  b.u64(tensors.length);
  b.u64(kvs.length);
  for (const kv of kvs) {
    b.str(kv.key);
    switch (kv.type) {
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
        b.u32(T.ARRAY);
        b.u32(T.STRING);
        b.u64(kv.value.length);
        for (const s of kv.value) b.str(s);
        break;
      case 'f32s':
        b.u32(T.ARRAY);
        b.u32(T.F32);
        b.u64(kv.value.length);
        for (const v of kv.value) b.f32(v);
        break;
      case 'i32s':
        b.u32(T.ARRAY);
        b.u32(T.I32);
        b.u64(kv.value.length);
        for (const v of kv.value) b.i32(v);
        break;
    }
  }
  let offset = 0;
  const sizes: number[] = [];
  for (const t of tensors) {
    b.str(t.name);
    b.u32(t.dims.length);
    for (const d of t.dims) b.u64(d);
    b.u32(0); // F32
    b.u64(offset);
    const size = t.dims.reduce((x, y) => x * y, 1) * 4;
    sizes.push(size);
    offset += Math.ceil(size / ALIGN) * ALIGN;
  }
  b.pad();
  for (const [i, t] of tensors.entries()) {
    const n = (sizes[i] ?? 0) / 4;
    const data = new Float32Array(Math.ceil((n * 4) / ALIGN) * (ALIGN / 4));
    // Scaled so activations stay in range and sampling is varied, not stuck on one token.
    const scale = 1 / Math.sqrt(t.dims[0] ?? 1);
    for (let j = 0; j < n; j++) data[j] = t.fill === 'one' ? 1 : (random() * 2 - 1) * 2 * scale;
    b.push(new Uint8Array(data.buffer));
  }
  return b.concat();
}
