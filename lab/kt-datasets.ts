/**
 * Parsers for the two knowledge-tracing dataset text formats of the literature (DKVMN's 3 lines
 * per learner, AKT's 4), for the benchmarks and the base model's training. Never shipped.
 * Pure TypeScript: callers pass the file's text.
 */
import { ValidationError } from '../src/core/errors';
import type { KtSequence } from '../src/core/kt-data';

export type KtFormat = 'dkvmn' | 'akt';

function lines(text: string): string[] {
  const out = text.split(/\r?\n/).map((l) => l.trim());
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

/** Comma-separated integers; a trailing comma (or blank field) is ignored. */
function ints(line: string, lineNo: number): number[] {
  const out: number[] = [];
  for (const field of line.split(',')) {
    const f = field.trim();
    if (f === '') continue;
    const v = Number(f);
    if (!Number.isInteger(v)) {
      throw new ValidationError(
        'kt.data.notInteger',
        { line: lineNo },
        `line ${lineNo}: "${f}" is not an integer`,
      );
    }
    out.push(v);
  }
  return out;
}

function responses(line: string, lineNo: number): (0 | 1)[] {
  return ints(line, lineNo).map((v) => {
    if (v !== 0 && v !== 1) {
      throw new ValidationError(
        'kt.data.notBinary',
        { line: lineNo },
        `line ${lineNo}: response ${v} is not 0/1`,
      );
    }
    return v;
  });
}

function checkLengths(a: number, b: number, lineNo: number): void {
  if (a !== b) {
    throw new ValidationError(
      'kt.data.lengthMismatch',
      { line: lineNo },
      `line ${lineNo}: ${a} ids but ${b} responses`,
    );
  }
}

/** DKVMN/DKT "3 lines per student": length, skill ids, responses. */
export function parseDkvmn(text: string): KtSequence[] {
  const ls = lines(text);
  if (ls.length % 3 !== 0) {
    throw new ValidationError(
      'kt.data.lineCount',
      { lines: ls.length },
      `${ls.length} lines is not a multiple of 3`,
    );
  }
  const out: KtSequence[] = [];
  for (let i = 0; i < ls.length; i += 3) {
    const skills = ints(ls[i + 1] ?? '', i + 2);
    const correct = responses(ls[i + 2] ?? '', i + 3);
    checkLengths(skills.length, correct.length, i + 3);
    if (skills.length > 0) out.push({ skills, correct });
  }
  return out;
}

/** AKT "4 lines per student": row,student id; problem ids; skill ids; responses. */
export function parseAkt(text: string): KtSequence[] {
  const ls = lines(text);
  if (ls.length % 4 !== 0) {
    throw new ValidationError(
      'kt.data.lineCount',
      { lines: ls.length },
      `${ls.length} lines is not a multiple of 4`,
    );
  }
  const out: KtSequence[] = [];
  for (let i = 0; i < ls.length; i += 4) {
    const items = ints(ls[i + 1] ?? '', i + 2);
    const skills = ints(ls[i + 2] ?? '', i + 3);
    const correct = responses(ls[i + 3] ?? '', i + 4);
    checkLengths(items.length, correct.length, i + 4);
    checkLengths(skills.length, correct.length, i + 4);
    if (skills.length > 0) out.push({ skills, items, correct });
  }
  return out;
}

/**
 * Guesses the format from the first record: a DKVMN record starts with a lone length, an AKT
 * record with "row,student". Throws when neither fits.
 */
export function detectKtFormat(text: string): KtFormat {
  const ls = lines(text);
  const first = ints(ls[0] ?? '', 1);
  if (first.length === 1 && ls.length % 3 === 0) return 'dkvmn';
  if (first.length === 2 && ls.length % 4 === 0) return 'akt';
  throw new ValidationError(
    'kt.data.unknownFormat',
    {},
    'neither the 3-line (DKVMN) nor the 4-line (AKT) format',
  );
}

export function parseKt(text: string, format: KtFormat = detectKtFormat(text)): KtSequence[] {
  return format === 'dkvmn' ? parseDkvmn(text) : parseAkt(text);
}
