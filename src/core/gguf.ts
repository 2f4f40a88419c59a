/**
 * The header of a GGUF model file (issue 13): what an adult is shown before a tutor model is
 * installed, read from the first few MB of the file without trusting any length in it. Pure.
 *
 * Layout (GGUF v2/v3, little-endian; a big-endian v3 file is read too): "GGUF", u32 version,
 * u64 tensor count, u64 metadata count, the metadata key/values, then one info per tensor
 * (name, dimensions, ggml type, offset), then padding to `general.alignment` and the weights.
 * Every length is checked against the bytes given and against `GGUF_HEADER_MAX_BYTES` before
 * anything is read or allocated: an array of a fixed-size type is skipped by arithmetic, an
 * array of strings by walking its lengths; neither is materialised (the vocabulary of a Qwen2
 * model is 151,936 strings). v1 (32-bit counts, 2023) is refused: llama.cpp no longer loads it.
 */
import { ValidationError } from './errors';

/** A header longer than this is not a model header but a damaged or hostile file (Qwen2.5's is about 6 MB). */
export const GGUF_HEADER_MAX_BYTES = 64 * 1024 * 1024;
/** Metadata strings up to this length are kept in `metadata` (the chat template of Qwen2.5 is about 2 KB). */
const KEEP_STRING_CHARS = 4096;
const MAX_KEY_BYTES = 65_535;

export type GgufScalar = string | number | boolean | bigint;

export interface GgufArrayInfo {
  /** The element type's name (`uint8`, `string`, …; `array` for nested arrays). */
  readonly type: string;
  readonly length: number;
}

export interface GgufInfo {
  /** 2 or 3. */
  readonly version: number;
  readonly bigEndian: boolean;
  /** `general.architecture`, e.g. `qwen2`, `llama`. */
  readonly architecture: string;
  /** `general.name`. */
  readonly name?: string;
  /** `general.file_type`, the raw number (llama.cpp's `llama_ftype`). */
  readonly fileType?: number;
  /** The file type's name (`Q4_0`, `Q4_K_M`, `F16`…), `type N` for one unknown here, `unknown` without the key. */
  readonly quantisation: string;
  /** `general.parameter_count`, or else the sum of the tensors' element counts. */
  readonly parameterCount?: number;
  /** `general.size_label`, e.g. `0.5B`. */
  readonly sizeLabel?: string;
  /** `<architecture>.context_length`. */
  readonly contextLength?: number;
  /** `general.license`. */
  readonly licence?: string;
  readonly tensorCount: number;
  /** Length of `tokenizer.ggml.tokens`, when present. */
  readonly vocabularySize?: number;
  /** `tokenizer.chat_template`, when present (kept if at most 4096 characters). */
  readonly chatTemplate?: string;
  /** Bytes before the weights (the header, padded to the alignment). */
  readonly headerBytes: number;
  /**
   * The size the whole file must have, from the tensors' offsets and types; absent when a tensor
   * has a type not known here. A shorter file is truncated.
   */
  readonly expectedFileBytes?: number;
  /** Scalar metadata and strings up to 4096 characters, by key. */
  readonly metadata: ReadonlyMap<string, GgufScalar>;
  /** Arrays (not materialised): element type and length, by key. */
  readonly arrays: ReadonlyMap<string, GgufArrayInfo>;
}

/** llama.cpp's `llama_ftype` (include/llama.h); 4–6 and 33–35 were removed upstream. */
const FILE_TYPES: Readonly<Record<number, string>> = {
  0: 'F32',
  1: 'F16',
  2: 'Q4_0',
  3: 'Q4_1',
  4: 'Q4_1_SOME_F16',
  7: 'Q8_0',
  8: 'Q5_0',
  9: 'Q5_1',
  10: 'Q2_K',
  11: 'Q3_K_S',
  12: 'Q3_K_M',
  13: 'Q3_K_L',
  14: 'Q4_K_S',
  15: 'Q4_K_M',
  16: 'Q5_K_S',
  17: 'Q5_K_M',
  18: 'Q6_K',
  19: 'IQ2_XXS',
  20: 'IQ2_XS',
  21: 'Q2_K_S',
  22: 'IQ3_XS',
  23: 'IQ3_XXS',
  24: 'IQ1_S',
  25: 'IQ4_NL',
  26: 'IQ3_S',
  27: 'IQ3_M',
  28: 'IQ2_S',
  29: 'IQ2_M',
  30: 'IQ4_XS',
  31: 'IQ1_M',
  32: 'BF16',
  36: 'TQ1_0',
  37: 'TQ2_0',
  38: 'MXFP4_MOE',
};

/** The quantisation name of a `general.file_type`. */
export function fileTypeName(fileType: number | undefined): string {
  if (fileType === undefined) return 'unknown';
  return FILE_TYPES[fileType] ?? `type ${fileType}`;
}

/** ggml tensor types whose storage is known here: [elements per block, bytes per block] (ggml-common.h). */
const TENSOR_TYPES: Readonly<Record<number, readonly [number, number]>> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  20: [32, 18], // IQ4_NL
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  30: [1, 2], // BF16
};

/** GGUF value types: name and fixed size in bytes (0: variable). */
const VALUE_TYPES: readonly (readonly [string, number])[] = [
  ['uint8', 1],
  ['int8', 1],
  ['uint16', 2],
  ['int16', 2],
  ['uint32', 4],
  ['int32', 4],
  ['float32', 4],
  ['bool', 1],
  ['string', 0],
  ['array', 0],
  ['uint64', 8],
  ['int64', 8],
  ['float64', 8],
];
const STRING = 8;
const ARRAY = 9;

// TextDecoder is a WHATWG API present in every runtime Lantern's core runs in (browser, worker,
// Node); the core's tsconfig has no DOM lib, so it is declared here for this module only.
declare const TextDecoder: new (
  label: string,
  options: { fatal: boolean },
) => { decode(bytes: Uint8Array): string };

function bad(detail: string): ValidationError {
  return new ValidationError('tutor.badGguf', {}, `GGUF: ${detail}`);
}

/** Thrown inside the reader when the bytes end; turned into `tutor.needMoreBytes`. */
class NeedMore {
  constructor(readonly needed: number) {}
}

class Reader {
  pos = 0;
  readonly #view: DataView;
  readonly #bytes: Uint8Array;
  readonly #le: boolean;
  readonly #utf8 = new TextDecoder('utf-8', { fatal: true });
  constructor(bytes: Uint8Array, littleEndian: boolean) {
    this.#bytes = bytes;
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.#le = littleEndian;
  }
  /** Make sure `n` more bytes are there (and that the header stays plausible). */
  need(n: number): void {
    const end = this.pos + n;
    if (!Number.isSafeInteger(end) || end > GGUF_HEADER_MAX_BYTES) {
      throw bad(`a length at byte ${this.pos} runs past ${GGUF_HEADER_MAX_BYTES} bytes`);
    }
    if (end > this.#bytes.byteLength) throw new NeedMore(end);
  }
  skip(n: number): void {
    this.need(n);
    this.pos += n;
  }
  u8(): number {
    this.need(1);
    return this.#view.getUint8(this.pos++);
  }
  u32(): number {
    this.need(4);
    const v = this.#view.getUint32(this.pos, this.#le);
    this.pos += 4;
    return v;
  }
  u64big(): bigint {
    this.need(8);
    const v = this.#view.getBigUint64(this.pos, this.#le);
    this.pos += 8;
    return v;
  }
  /** A u64 used as a count or a length: anything past 2^53 is damage, not data. */
  u64(what: string): number {
    const v = this.u64big();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw bad(`${what} ${v} is impossibly large`);
    return Number(v);
  }
  string(maxBytes: number, what: string): string {
    const n = this.u64(`the length of ${what}`);
    if (n > maxBytes) throw bad(`${what} is ${n} bytes long`);
    this.need(n);
    const bytes = this.#bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    try {
      return this.#utf8.decode(bytes);
    } catch {
      throw bad(`${what} is not UTF-8`);
    }
  }
  /** Skip a string without decoding it. */
  skipString(what: string): void {
    this.skip(this.u64(`the length of ${what}`));
  }
  /** One scalar value of a fixed-size type. */
  scalar(type: number): GgufScalar {
    const [, size] = VALUE_TYPES[type] ?? ['', 0];
    this.need(size);
    const v = this.#view;
    const p = this.pos;
    this.pos += size;
    switch (type) {
      case 0:
        return v.getUint8(p);
      case 1:
        return v.getInt8(p);
      case 2:
        return v.getUint16(p, this.#le);
      case 3:
        return v.getInt16(p, this.#le);
      case 4:
        return v.getUint32(p, this.#le);
      case 5:
        return v.getInt32(p, this.#le);
      case 6:
        return v.getFloat32(p, this.#le);
      case 7:
        return v.getUint8(p) !== 0;
      case 10:
        return safe(v.getBigUint64(p, this.#le));
      case 11:
        return safe(v.getBigInt64(p, this.#le));
      case 12:
        return v.getFloat64(p, this.#le);
      default:
        throw bad(`value type ${type} is not a scalar`);
    }
  }
}

/** A 64-bit integer as a number when exact, else as a bigint. */
function safe(v: bigint): number | bigint {
  return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER) ? Number(v) : v;
}

function typeName(type: number): string {
  const t = VALUE_TYPES[type];
  if (!t) throw bad(`unknown value type ${type}`);
  return t[0];
}

/** Skip an array's elements without materialising them; nested arrays are walked. */
function skipArray(r: Reader, type: number, length: number, key: string, depth: number): void {
  if (depth > 4) throw bad(`arrays nested too deep in ${key}`);
  const size = VALUE_TYPES[type]?.[1];
  if (size === undefined) throw bad(`unknown array element type ${type} in ${key}`);
  if (size > 0) {
    r.skip(length * size); // checked against the limit before any arithmetic is trusted
    return;
  }
  // Each string or nested array takes at least 8 bytes: refuse an impossible count up front.
  r.need(Math.min(length * 8, GGUF_HEADER_MAX_BYTES + 1));
  for (let i = 0; i < length; i++) {
    try {
      if (type === STRING) r.skipString(`an element of ${key}`);
      else {
        const inner = r.u32();
        skipArray(r, inner, r.u64(`the length of an array in ${key}`), key, depth + 1);
      }
    } catch (e) {
      // Out of bytes inside the vocabulary: ask for at least the length fields still to come.
      if (e instanceof NeedMore) throw new NeedMore(Math.max(e.needed, r.pos + (length - i) * 8));
      throw e;
    }
  }
}

function toNumber(v: GgufScalar | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  return undefined;
}

function toText(v: GgufScalar | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

/**
 * Read a GGUF file's header from its first bytes (a few MB: the header of a 0.5B Qwen2 model,
 * vocabulary included, is about 6 MB).
 * @throws ValidationError `tutor.notGguf` (not a GGUF file), `tutor.badGguf` (a damaged header,
 *   an unsupported version, an impossible length), `tutor.needMoreBytes` with `{ needed, mb }`
 *   when the header runs past the bytes given (`needed` is a lower bound: read that many and call again).
 */
export function readGgufHeader(bytes: Uint8Array): GgufInfo {
  if (bytes.byteLength < 4) {
    throw new ValidationError('tutor.needMoreBytes', moreParams(8), 'GGUF: fewer than 4 bytes');
  }
  if (bytes[0] !== 0x47 || bytes[1] !== 0x47 || bytes[2] !== 0x55 || bytes[3] !== 0x46) {
    throw new ValidationError('tutor.notGguf', {}, 'GGUF: no "GGUF" magic');
  }
  try {
    return readAfterMagic(bytes);
  } catch (e) {
    if (e instanceof NeedMore) {
      throw new ValidationError(
        'tutor.needMoreBytes',
        moreParams(e.needed),
        `GGUF: the header needs at least ${e.needed} bytes, ${bytes.byteLength} given`,
      );
    }
    throw e;
  }
}

function moreParams(needed: number): Record<string, number | string> {
  return { needed, mb: Math.max(0.1, Math.ceil(needed / 100_000) / 10).toFixed(1) };
}

function readAfterMagic(bytes: Uint8Array): GgufInfo {
  // The version tells the byte order: a big-endian file's version reads as 0x03000000 here.
  let r = new Reader(bytes, true);
  r.pos = 4;
  let version = r.u32();
  let bigEndian = false;
  if (version > 0xffff) {
    r = new Reader(bytes, false);
    r.pos = 4;
    version = r.u32();
    bigEndian = true;
  }
  if (version !== 2 && version !== 3) throw bad(`version ${version} is not 2 or 3`);
  const tensorCount = r.u64('the tensor count');
  const kvCount = r.u64('the metadata count');
  // Every key/value takes at least 8 + 4 + 1 bytes and every tensor info 8 + 4 + 4 + 8.
  if (kvCount * 13 > GGUF_HEADER_MAX_BYTES) throw bad(`${kvCount} metadata entries`);
  if (tensorCount * 24 > GGUF_HEADER_MAX_BYTES) throw bad(`${tensorCount} tensors`);

  const metadata = new Map<string, GgufScalar>();
  const arrays = new Map<string, GgufArrayInfo>();
  for (let i = 0; i < kvCount; i++) {
    const key = r.string(MAX_KEY_BYTES, `metadata key ${i}`);
    const type = r.u32();
    if (type === STRING) {
      const n = r.u64(`the length of ${key}`);
      r.pos -= 8;
      if (n <= KEEP_STRING_CHARS * 4) {
        const s = r.string(KEEP_STRING_CHARS * 4, key);
        if (s.length <= KEEP_STRING_CHARS) metadata.set(key, s);
      } else {
        r.skipString(key);
      }
    } else if (type === ARRAY) {
      const elementType = r.u32();
      const length = r.u64(`the length of ${key}`);
      arrays.set(key, { type: typeName(elementType), length });
      skipArray(r, elementType, length, key, 0);
    } else {
      typeName(type);
      metadata.set(key, r.scalar(type));
    }
  }

  const architecture = toText(metadata.get('general.architecture'));
  if (!architecture) throw bad('no general.architecture');
  let alignment = toNumber(metadata.get('general.alignment')) ?? 32;
  if (!Number.isInteger(alignment) || alignment < 1 || alignment > 65_536) {
    throw bad(`general.alignment ${alignment}`);
  }

  let elements = 0;
  let dataBytes: number | undefined = 0;
  for (let i = 0; i < tensorCount; i++) {
    r.skipString(`the name of tensor ${i}`);
    const dims = r.u32();
    if (dims > 8) throw bad(`tensor ${i} has ${dims} dimensions`);
    let count = 1;
    for (let d = 0; d < dims; d++) count *= r.u64(`a dimension of tensor ${i}`);
    const type = r.u32();
    const offset = r.u64(`the offset of tensor ${i}`);
    if (!Number.isSafeInteger(count)) throw bad(`tensor ${i} has ${count} elements`);
    elements += count;
    const storage = TENSOR_TYPES[type];
    if (storage && dataBytes !== undefined) {
      const size = Math.ceil(count / storage[0]) * storage[1];
      dataBytes = Math.max(dataBytes, offset + size);
    } else {
      dataBytes = undefined;
    }
  }
  alignment = Math.trunc(alignment);
  const headerBytes = Math.ceil(r.pos / alignment) * alignment;

  const fileType = toNumber(metadata.get('general.file_type'));
  const parameterCount =
    toNumber(metadata.get('general.parameter_count')) ?? (tensorCount > 0 ? elements : undefined);
  const contextLength = toNumber(metadata.get(`${architecture}.context_length`));
  const name = toText(metadata.get('general.name'));
  const licence = toText(metadata.get('general.license'));
  const sizeLabel = toText(metadata.get('general.size_label'));
  const chatTemplate = toText(metadata.get('tokenizer.chat_template'));
  const vocabularySize = arrays.get('tokenizer.ggml.tokens')?.length;
  return {
    version,
    bigEndian,
    architecture,
    ...(name !== undefined ? { name } : {}),
    ...(fileType !== undefined ? { fileType } : {}),
    quantisation: fileTypeName(fileType),
    ...(parameterCount !== undefined ? { parameterCount } : {}),
    ...(sizeLabel !== undefined ? { sizeLabel } : {}),
    ...(contextLength !== undefined ? { contextLength } : {}),
    ...(licence !== undefined ? { licence } : {}),
    tensorCount,
    ...(vocabularySize !== undefined ? { vocabularySize } : {}),
    ...(chatTemplate !== undefined ? { chatTemplate } : {}),
    headerBytes,
    ...(dataBytes !== undefined ? { expectedFileBytes: headerBytes + dataBytes } : {}),
    metadata,
    arrays,
  };
}
