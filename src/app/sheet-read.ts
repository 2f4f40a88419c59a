/**
 * Reading a teacher's spreadsheet (issue 12), app side: decode the bytes Excel or LibreOffice
 * wrote, then plan the import (core/sheet.ts) with the app's sanitiser and Markdown, exactly as
 * a GIFT file (app/gift-read.ts). Nothing here writes. Loaded only with an import (a lazy chunk:
 * papaparse stays out of the first load); the CLI (`npm run content:import`) runs this too.
 *
 * Encodings, in the order they are tried (each is unambiguous before the next is guessed):
 * - a byte-order mark: UTF-8, or UTF-16 LE/BE (Excel's "Unicode text", tab-separated);
 * - UTF-16 without a mark, when every other byte is zero (ASCII-range text);
 * - valid UTF-8 (LibreOffice's default, Excel's "CSV UTF-8");
 * - GB18030, a superset of GBK, what Chinese Excel writes as "CSV": no mark, invalid as UTF-8.
 *   Taken only when it decodes and reads as Chinese: at least 80 % of its two-byte characters
 *   lie in GB2312's rows (hanzi and CJK punctuation), which a Western file's accented letters
 *   followed by ASCII never do;
 * - Windows-1252, what Excel writes as "CSV" on Western European and US Windows (’ é ü).
 * Anything else is refused (`sheet.encoding`), with how to save the file as UTF-8.
 */
import { ValidationError } from '../core/errors';
import { planSheetImport, type SheetPlan } from '../core/sheet';
import { renderMarkdown } from './gift-read';
import type { Sanitise } from './sanitise';

export type SheetEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030' | 'windows-1252';

export interface DecodedSheet {
  readonly text: string;
  readonly encoding: SheetEncoding;
  /** Whether the file began with a byte-order mark. */
  readonly bom: boolean;
}

function decode(encoding: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** UTF-16 without a mark: ASCII-range text has a zero in every other byte. */
function utf16WithoutMark(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 400) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero += 1;
    if (bytes[i + 1] === 0) oddZero += 1;
  }
  const pairs = n / 2;
  if (oddZero >= 0.6 * pairs && evenZero === 0) return 'utf-16le';
  if (evenZero >= 0.6 * pairs && oddZero === 0) return 'utf-16be';
  return null;
}

/** Whether valid GB18030 bytes read as Chinese (see the module comment). */
function readsAsChinese(bytes: Uint8Array): boolean {
  let gb2312 = 0;
  let other = 0;
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    const t = bytes[i + 1] ?? 0;
    if (t >= 0x30 && t <= 0x39) {
      other += 1; // a four-byte sequence: rare characters, emoji
      i += 4;
      continue;
    }
    if (b >= 0xa1 && b <= 0xf7 && t >= 0xa1 && t <= 0xfe) gb2312 += 1;
    else other += 1;
    i += 2;
  }
  return gb2312 > 0 && gb2312 >= 0.8 * (gb2312 + other);
}

// Windows-1252's 0x80–0x9F (WHATWG); the five holes are undefined. Written out because Node's
// TextDecoder('windows-1252') reads these bytes as Latin-1 control characters, unlike browsers.
const CP1252_HIGH =
  '\u20ac\0\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\0\u017d\0' +
  '\0\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\0\u017e\u0178';

function windows1252(bytes: Uint8Array): string | null {
  let out = '';
  for (const b of bytes) {
    if (b >= 0x80 && b < 0xa0) {
      const c = CP1252_HIGH[b - 0x80]!;
      if (c === '\0') return null;
      out += c;
    } else {
      out += String.fromCharCode(b);
    }
  }
  return out;
}

const startsWith = (bytes: Uint8Array, sig: readonly number[]) => sig.every((b, i) => bytes[i] === b);

/**
 * A CSV file's bytes as text, and the encoding it was read in. Throws ValidationError:
 * `sheet.workbook` for an .xlsx or .xls file, `sheet.binary` for other binary data,
 * `sheet.encoding` for text in none of the encodings above.
 */
export function decodeSheetBytes(bytes: Uint8Array): DecodedSheet {
  if (
    startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
  ) {
    throw new ValidationError('sheet.workbook');
  }
  let result: DecodedSheet | null = null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decode('utf-8', bytes.subarray(3));
    if (text === null) throw new ValidationError('sheet.encoding');
    result = { text, encoding: 'utf-8', bom: true };
  } else if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = decode(encoding, bytes.subarray(2));
    if (text === null) throw new ValidationError('sheet.encoding');
    result = { text, encoding, bom: true };
  } else if (bytes.includes(0)) {
    const encoding = utf16WithoutMark(bytes);
    const text = encoding ? decode(encoding, bytes) : null;
    if (!encoding || text === null) throw new ValidationError('sheet.binary');
    result = { text, encoding, bom: false };
  } else {
    const utf8 = decode('utf-8', bytes);
    const gb = utf8 === null && readsAsChinese(bytes) ? decode('gb18030', bytes) : null;
    const western = utf8 === null && gb === null ? windows1252(bytes) : null;
    if (utf8 !== null) result = { text: utf8, encoding: 'utf-8', bom: false };
    else if (gb !== null) result = { text: gb, encoding: 'gb18030', bom: false };
    else if (western !== null) result = { text: western, encoding: 'windows-1252', bom: false };
    else throw new ValidationError('sheet.encoding');
  }
  if (result.text.includes('\u0000')) throw new ValidationError('sheet.binary');
  return result;
}

/** The dry run of importing a sheet's text. Throws ValidationError (sheet.*). */
export function readSheet(text: string, sanitise: Sanitise, opts: { defaultSkill?: string } = {}): SheetPlan {
  return planSheetImport(text, { sanitise, markdown: renderMarkdown, ...opts });
}

/** The dry run of importing a sheet's bytes, with the encoding they were read in. */
export function readSheetFile(
  bytes: Uint8Array,
  sanitise: Sanitise,
  opts: { defaultSkill?: string } = {},
): SheetPlan & { readonly encoding: SheetEncoding } {
  const { text, encoding } = decodeSheetBytes(bytes);
  return { ...readSheet(text, sanitise, opts), encoding };
}
