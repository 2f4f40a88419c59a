import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { fileTypeName, GGUF_HEADER_MAX_BYTES, readGgufHeader } from './gguf';

/** A tiny GGUF writer: enough to build headers byte by byte. */
class Writer {
  #bytes: number[] = [];
  constructor(readonly littleEndian = true) {}
  raw(xs: ArrayLike<number>): this {
    for (let i = 0; i < xs.length; i++) this.#bytes.push(xs[i]!);
    return this;
  }
  u8(v: number): this {
    return this.raw([v]);
  }
  u32(v: number): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setUint32(0, v, this.littleEndian);
    return this.raw(new Uint8Array(b.buffer));
  }
  i32(v: number): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setInt32(0, v, this.littleEndian);
    return this.raw(new Uint8Array(b.buffer));
  }
  f32(v: number): this {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v, this.littleEndian);
    return this.raw(new Uint8Array(b.buffer));
  }
  u64(v: number | bigint): this {
    const b = new DataView(new ArrayBuffer(8));
    b.setBigUint64(0, BigInt(v), this.littleEndian);
    return this.raw(new Uint8Array(b.buffer));
  }
  str(s: string): this {
    const b = new TextEncoder().encode(s);
    return this.u64(b.length).raw(b);
  }
  kvString(key: string, v: string): this {
    return this.str(key).u32(8).str(v);
  }
  kvU32(key: string, v: number): this {
    return this.str(key).u32(4).u32(v);
  }
  bytes(): Uint8Array {
    return new Uint8Array(this.#bytes);
  }
  get length(): number {
    return this.#bytes.length;
  }
}

const MAGIC = [0x47, 0x47, 0x55, 0x46];

/** A Qwen2-style header: the metadata keys llama.cpp writes for Qwen2.5-0.5B-Instruct Q4_0, a small vocabulary, two tensors. */
function qwen2Header(opts: { vocab?: number } = {}): Uint8Array {
  const vocab = opts.vocab ?? 300;
  const w = new Writer().raw(MAGIC).u32(3).u64(2).u64(11);
  w.kvString('general.architecture', 'qwen2');
  w.kvString('general.name', 'Qwen2.5 0.5B Instruct');
  w.kvString('general.license', 'apache-2.0');
  w.kvString('general.size_label', '0.5B');
  w.kvU32('general.file_type', 2);
  w.kvU32('qwen2.context_length', 32768);
  w.str('qwen2.rope.freq_base').u32(6).f32(1_000_000);
  w.str('qwen2.attention.layer_norm_rms_epsilon').u32(6).f32(1e-6);
  w.str('tokenizer.ggml.add_bos_token').u32(7).u8(0);
  // The vocabulary: an array of strings, never materialised.
  w.str('tokenizer.ggml.tokens').u32(9).u32(8).u64(vocab);
  for (let i = 0; i < vocab; i++) w.str(`tok${i}`);
  // Token types: an array of int32.
  w.str('tokenizer.ggml.token_type').u32(9).u32(5).u64(vocab);
  for (let i = 0; i < vocab; i++) w.i32(1);
  // Tensor infos: name, dims, type, offset.
  w.str('token_embd.weight').u32(2).u64(64).u64(vocab).u32(2).u64(0); // Q4_0
  w.str('output_norm.weight')
    .u32(1)
    .u64(64)
    .u32(0)
    .u64(Math.ceil((64 * vocab * 18) / 32 / 32) * 32); // F32
  return w.bytes();
}

function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('readGgufHeader', () => {
  it('reads a Qwen2-style header: architecture, name, Q4_0, context, licence, parameters', () => {
    const bytes = qwen2Header();
    const info = readGgufHeader(bytes);
    expect(info).toMatchObject({
      version: 3,
      bigEndian: false,
      architecture: 'qwen2',
      name: 'Qwen2.5 0.5B Instruct',
      fileType: 2,
      quantisation: 'Q4_0',
      contextLength: 32768,
      licence: 'apache-2.0',
      sizeLabel: '0.5B',
      tensorCount: 2,
      vocabularySize: 300,
      parameterCount: 64 * 300 + 64,
    });
    expect(info.metadata.get('qwen2.rope.freq_base')).toBe(1_000_000);
    expect(info.metadata.get('tokenizer.ggml.add_bos_token')).toBe(false);
    expect(info.metadata.has('tokenizer.ggml.tokens')).toBe(false);
    expect(info.arrays.get('tokenizer.ggml.token_type')).toEqual({ type: 'int32', length: 300 });
    expect(info.headerBytes % 32).toBe(0);
    expect(info.headerBytes).toBeGreaterThanOrEqual(bytes.length);
    // Q4_0 embedding (64 × 300 in blocks of 32, 18 bytes each) then the F32 norm.
    const q4 = ((64 * 300) / 32) * 18;
    const normOffset = Math.ceil(q4 / 32) * 32;
    expect(info.expectedFileBytes).toBe(info.headerBytes + normOffset + 64 * 4);
  });

  it('reads a header that is a view into a larger buffer (the first MB of a file)', () => {
    const h = qwen2Header();
    const big = new Uint8Array(h.length + 100);
    big.set(h, 50);
    expect(readGgufHeader(big.subarray(50)).architecture).toBe('qwen2');
  });

  it('names the quantisation of every common file type', () => {
    expect(fileTypeName(0)).toBe('F32');
    expect(fileTypeName(1)).toBe('F16');
    expect(fileTypeName(7)).toBe('Q8_0');
    expect(fileTypeName(15)).toBe('Q4_K_M');
    expect(fileTypeName(18)).toBe('Q6_K');
    expect(fileTypeName(32)).toBe('BF16');
    expect(fileTypeName(999)).toBe('type 999');
    expect(fileTypeName(undefined)).toBe('unknown');
  });

  it('reads metadata of every value type, and a v2 big-endian file', () => {
    for (const le of [true, false]) {
      const w = new Writer(le)
        .raw(MAGIC)
        .u32(le ? 3 : 2)
        .u64(0)
        .u64(13);
      w.kvString('general.architecture', 'llama');
      w.str('a.u8').u32(0).u8(200);
      w.str('a.i8').u32(1).u8(0xff);
      w.str('a.u16')
        .u32(2)
        .raw(le ? [0x34, 0x12] : [0x12, 0x34]);
      w.str('a.i16').u32(3).raw([0xff, 0xff]);
      w.kvU32('a.u32', 4_000_000_000);
      w.str('a.i32').u32(5).i32(-7);
      w.str('a.f32').u32(6).f32(0.5);
      w.str('a.bool').u32(7).u8(1);
      w.str('a.u64')
        .u32(10)
        .u64(2n ** 60n);
      w.str('a.i64')
        .u32(11)
        .u64(2n ** 64n - 3n);
      w.str('a.f64').u32(12);
      const f = new DataView(new ArrayBuffer(8));
      f.setFloat64(0, 2.25, le);
      w.raw(new Uint8Array(f.buffer));
      // A nested array: two arrays of uint16.
      w.str('a.nested').u32(9).u32(9).u64(2).u32(2).u64(1).raw([1, 0]).u32(2).u64(2).raw([1, 0, 2, 0]);
      const info = readGgufHeader(w.bytes());
      expect(info.version).toBe(le ? 3 : 2);
      expect(info.bigEndian).toBe(!le);
      expect(Object.fromEntries(info.metadata)).toEqual({
        'general.architecture': 'llama',
        'a.u8': 200,
        'a.i8': -1,
        'a.u16': 0x1234,
        'a.i16': -1,
        'a.u32': 4_000_000_000,
        'a.i32': -7,
        'a.f32': 0.5,
        'a.bool': true,
        'a.u64': 2n ** 60n,
        'a.i64': -3,
        'a.f64': 2.25,
      });
      expect(info.arrays.get('a.nested')).toEqual({ type: 'array', length: 2 });
      expect(info.quantisation).toBe('unknown');
      expect(info.tensorCount).toBe(0);
      expect(info.parameterCount).toBeUndefined();
    }
  });

  it('refuses a file that is not GGUF', () => {
    expect(
      thrown(() => readGgufHeader(new TextEncoder().encode('PK\u0003\u0004 a zip file'))).messageKey,
    ).toBe('tutor.notGguf');
    expect(thrown(() => readGgufHeader(new TextEncoder().encode('{"model": "json"}'))).messageKey).toBe(
      'tutor.notGguf',
    );
  });

  it('asks for more bytes when the header runs past what was given, saying how many at least', () => {
    const full = qwen2Header({ vocab: 5000 });
    const cut = full.subarray(0, 20_000);
    const e = thrown(() => readGgufHeader(cut));
    expect(e.messageKey).toBe('tutor.needMoreBytes');
    expect(e.params.needed).toBeGreaterThan(20_000);
    expect(e.params.needed).toBeLessThanOrEqual(full.length);
    expect(e.params.mb).toBe('0.1');
    // Given what it asked for (again and again), it gets there.
    let n = 20_000;
    for (let i = 0; i < 100_000; i++) {
      try {
        readGgufHeader(full.subarray(0, n));
        break;
      } catch (err) {
        n = Number((err as ValidationError).params.needed);
      }
    }
    expect(readGgufHeader(full.subarray(0, n)).vocabularySize).toBe(5000);
    expect(thrown(() => readGgufHeader(new Uint8Array(MAGIC))).messageKey).toBe('tutor.needMoreBytes');
    expect(thrown(() => readGgufHeader(new Uint8Array([0x47]))).messageKey).toBe('tutor.needMoreBytes');
  });

  it('refuses a huge fake array length without allocating it', () => {
    for (const [type, length] of [
      [0, 2n ** 62n], // uint8: 4 EiB
      [8, 2n ** 40n], // strings
      [5, 2n ** 50n], // int32
      [0, 2n ** 64n - 1n],
      [0, BigInt(GGUF_HEADER_MAX_BYTES) + 1n],
    ] as const) {
      const w = new Writer().raw(MAGIC).u32(3).u64(0).u64(2);
      w.kvString('general.architecture', 'llama');
      w.str('tokenizer.ggml.tokens').u32(9).u32(type).u64(length);
      expect(thrown(() => readGgufHeader(w.bytes())).messageKey).toBe('tutor.badGguf');
    }
  });

  it('refuses damaged headers', () => {
    const base = () => new Writer().raw(MAGIC);
    // Versions 1 and 4.
    expect(thrown(() => readGgufHeader(base().u32(1).u64(0).u64(0).bytes())).messageKey).toBe(
      'tutor.badGguf',
    );
    expect(thrown(() => readGgufHeader(base().u32(4).u64(0).u64(0).bytes())).messageKey).toBe(
      'tutor.badGguf',
    );
    // Impossible counts.
    expect(
      thrown(() =>
        readGgufHeader(
          base()
            .u32(3)
            .u64(2n ** 40n)
            .u64(0)
            .bytes(),
        ),
      ).messageKey,
    ).toBe('tutor.badGguf');
    expect(
      thrown(() =>
        readGgufHeader(
          base()
            .u32(3)
            .u64(0)
            .u64(2n ** 63n)
            .bytes(),
        ),
      ).messageKey,
    ).toBe('tutor.badGguf');
    // An unknown value type.
    const unknown = base().u32(3).u64(0).u64(1).str('x').u32(13).u32(0).bytes();
    expect(thrown(() => readGgufHeader(unknown)).messageKey).toBe('tutor.badGguf');
    // A key of 100 KB, and a string that is not UTF-8.
    const longKey = base().u32(3).u64(0).u64(1).u64(100_000).bytes();
    expect(thrown(() => readGgufHeader(longKey)).messageKey).toBe('tutor.badGguf');
    const notUtf8 = base()
      .u32(3)
      .u64(0)
      .u64(1)
      .str('general.architecture')
      .u32(8)
      .u64(2)
      .raw([0xff, 0xfe])
      .bytes();
    expect(thrown(() => readGgufHeader(notUtf8)).messageKey).toBe('tutor.badGguf');
    // No architecture.
    const noArch = base().u32(3).u64(0).u64(1).kvU32('general.file_type', 2).bytes();
    expect(thrown(() => readGgufHeader(noArch)).messageKey).toBe('tutor.badGguf');
    // A tensor with 100 dimensions.
    const dims = base()
      .u32(3)
      .u64(1)
      .u64(1)
      .kvString('general.architecture', 'llama')
      .str('t')
      .u32(100)
      .bytes();
    expect(thrown(() => readGgufHeader(dims)).messageKey).toBe('tutor.badGguf');
  });

  it('keeps long strings out of the metadata but still reads past them', () => {
    const w = new Writer().raw(MAGIC).u32(3).u64(0).u64(3);
    w.kvString('tokenizer.chat_template', 'x'.repeat(50_000));
    w.kvString('general.architecture', 'llama');
    w.kvString('tokenizer.chat_template.short', '{% for m in messages %}<|im_start|>{% endfor %}');
    const info = readGgufHeader(w.bytes());
    expect(info.architecture).toBe('llama');
    expect(info.chatTemplate).toBeUndefined();
    expect(info.metadata.get('tokenizer.chat_template.short')).toContain('im_start');
  });

  it('never throws anything but a ValidationError on random damage (fuzz)', () => {
    const good = qwen2Header({ vocab: 20 });
    let seed = 42;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let k = 0; k < 2000; k++) {
      const b = good.slice(0, 4 + Math.floor(rand() * good.length));
      for (let j = 0; j < 3; j++) b[4 + Math.floor(rand() * (b.length - 4))] = Math.floor(rand() * 256);
      try {
        readGgufHeader(b);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
      }
    }
  });
});
