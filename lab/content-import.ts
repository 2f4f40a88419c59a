/**
 * `npm run content:import -- FILE [--json]`
 *
 * The dry run of importing a GIFT question file or a spreadsheet (issue 12), from the command
 * line: reads the file, parses and validates it with the same code and the same sanitiser as the
 * browser (app/gift-read.ts, app/sheet-read.ts; DOMPurify over jsdom) and prints what would be
 * imported, what would not and why (with line numbers; rows for a sheet, the header being row 1),
 * the skills it would create and what the sanitiser would drop. It writes nothing.
 *
 * A `.csv` or `.tsv` file is a sheet, and so is a `.txt` file whose first row names a type and a
 * question column (Excel's "Unicode text"); anything else is GIFT.
 *
 * `--json` prints one JSON line: `{file, format, imported, lessons, skills, questions, rejected:
 * [{line, reason, key}], flags: [{line, kind, message}]}` (texts in English); a sheet adds
 * `encoding`, `delimiter` and `rows`.
 *
 * Exit status: 0 when the file was read (even if some questions are refused), 1 when it cannot
 * be (missing, a folder, binary, not UTF-8, too large, no questions), 2 for a usage error. On
 * exit 1 with `--json`, the one line is `{file, error}`.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CONTENT_LIMITS } from '../src/core/content-pack';
import { ValidationError } from '../src/core/errors';
import type { GiftPlan } from '../src/core/gift';
import { giftMessagesEn } from '../src/core/gift-messages';
import { format } from '../src/core/i18n';
import { looksLikeSheet, type SheetPlan } from '../src/core/sheet';
import { sheetMessagesEn } from '../src/core/sheet-messages';
import type { Message } from '../src/core/types';
import { decodeGiftBytes, readGift } from '../src/app/gift-read';
import { decodeSheetBytes, readSheet, type SheetEncoding } from '../src/app/sheet-read';

const en = (m: Message): string =>
  format(m.key.startsWith('sheet.') ? sheetMessagesEn : giftMessagesEn, m, 'en');

/** How a spreadsheet was read, for the report. */
export interface SheetRead {
  readonly encoding: SheetEncoding;
  readonly delimiter: SheetPlan['delimiter'];
  readonly rows: number;
}

const DELIMITER_NAMES: Readonly<Record<SheetPlan['delimiter'], string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
};

/** The report as one JSON-able object. */
export function jsonReport(file: string, plan: GiftPlan, sheet?: SheetRead) {
  return {
    file,
    format: sheet ? 'sheet' : 'gift',
    ...(sheet
      ? { encoding: sheet.encoding, delimiter: DELIMITER_NAMES[sheet.delimiter], rows: sheet.rows }
      : {}),
    imported: plan.questions.length,
    lessons: plan.lessons.length,
    skills: plan.skills.map((s) => ({
      id: s.id,
      name: s.name,
      questions: s.questions,
      lessons: s.lessons,
      ...(s.lang ? { lang: s.lang } : {}),
    })),
    questions: plan.questions.map((q) => ({
      line: q.line,
      key: q.key,
      kind: q.answer.kind,
      skill: q.skill,
      level: q.level,
      ...(q.name ? { name: q.name } : {}),
      ...(q.lang ? { lang: q.lang } : {}),
    })),
    rejected: plan.rejected.map((r) => ({ line: r.line, reason: en(r.reason), key: r.reason.key })),
    flags: plan.flags.map((f) => ({ line: f.line, kind: f.kind, message: en(f.message) })),
  };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The report for a person. */
export function textReport(file: string, plan: GiftPlan, sheet?: SheetRead): string {
  const out: string[] = [];
  const line = sheet ? 'row ' : 'line';
  if (sheet) {
    out.push(`Spreadsheet import, dry run: ${file}`);
    out.push(
      `Read as ${sheet.encoding}, ${DELIMITER_NAMES[sheet.delimiter]}-separated: ${plural(sheet.rows, 'row')} below the header.`,
    );
  } else {
    out.push(`GIFT import, dry run: ${file}`);
  }
  out.push(
    `Would import ${plural(plan.questions.length, 'question')} and ${plural(plan.lessons.length, 'lesson card')} ` +
      `into ${plural(plan.skills.length, 'skill')}; ${plural(plan.rejected.length, sheet ? 'row' : 'question')} refused, ` +
      `${plural(plan.flags.length, 'warning')}.`,
  );
  out.push('', 'Skills to create:');
  for (const s of plan.skills) {
    const from =
      s.category === undefined
        ? ' (no category)'
        : sheet
          ? ` (from row ${s.line})`
          : ` (from $CATEGORY: ${s.category}, line ${s.line})`;
    const lang = s.lang ? `, in ${s.lang}` : '';
    out.push(
      `  ${s.name}  [${s.id}]${from}: ${plural(s.questions, 'question')}, ${plural(s.lessons, 'lesson card')}${lang}`,
    );
  }
  if (plan.questions.length > 0) {
    out.push('', 'Questions:');
    for (const q of plan.questions) {
      const name = q.name ? `  “${q.name}”` : '';
      out.push(
        `  ${line} ${String(q.line).padEnd(5)} ${q.answer.kind.padEnd(9)} level ${q.level}  ${q.skill}${name}`,
      );
    }
  }
  if (plan.lessons.length > 0) {
    out.push('', 'Lesson cards:');
    for (const l of plan.lessons) {
      out.push(`  ${line} ${String(l.line).padEnd(5)} ${l.skill}${l.title ? `  “${l.title}”` : ''}`);
    }
  }
  if (plan.rejected.length > 0) {
    out.push('', 'Refused (not imported):');
    for (const r of plan.rejected) out.push(`  ${line} ${String(r.line).padEnd(5)} ${en(r.reason)}`);
  }
  if (plan.flags.length > 0) {
    out.push('', 'Warnings (imported, but changed):');
    for (const f of plan.flags) out.push(`  ${line} ${String(f.line).padEnd(5)} ${en(f.message)}`);
  }
  out.push('', 'Nothing was written: this was a dry run.');
  return out.join('\n');
}

class InputError extends Error {}

/** The file's bytes, or an InputError saying why it cannot be read. */
function readInput(path: string): Uint8Array {
  let size: number;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path} is a folder, not a GIFT file or a spreadsheet.`);
    size = st.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(
      code === 'ENOENT' ? `No such file: ${path}` : `Cannot read ${path} (${code ?? String(e)}).`,
    );
  }
  // A UTF-8 byte is at most one UTF-16 unit and three bytes at least one: past this size the
  // text is surely longer than the import takes (core/gift.ts checks the exact length).
  if (size > 3 * CONTENT_LIMITS.textChars) {
    throw new ValidationError('gift.tooLarge', { max: Math.round(CONTENT_LIMITS.textChars / 1024) });
  }
  const bytes = readFileSync(path);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

type Input = { readonly text: string; readonly sheet?: { readonly encoding: SheetEncoding } };

/** The file's text, read as a sheet or as GIFT (see the module comment). */
function decodeInput(file: string, bytes: Uint8Array): Input {
  const ext = /\.([^./\\]*)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  try {
    if (ext === 'csv' || ext === 'tsv') {
      const d = decodeSheetBytes(bytes);
      return { text: d.text, sheet: { encoding: d.encoding } };
    }
    if (ext === 'txt') {
      try {
        const d = decodeSheetBytes(bytes);
        if (looksLikeSheet(d.text)) return { text: d.text, sheet: { encoding: d.encoding } };
      } catch {
        // Not a sheet: read as GIFT below, which says why it cannot be read.
      }
    }
    return { text: decodeGiftBytes(bytes) };
  } catch (e) {
    if (e instanceof ValidationError) throw new InputError(en({ key: e.messageKey, params: e.params }));
    throw e;
  }
}

/** Runs the command; returns the exit status. */
export async function main(
  argv: readonly string[],
  cwd: string,
  print: (s: string) => void,
  warn: (s: string) => void,
): Promise<number> {
  const json = argv.includes('--json');
  const files = argv.filter((a) => a !== '--json');
  if (files.length !== 1 || files[0]!.startsWith('--')) {
    warn('Usage: npm run content:import -- FILE [--json]');
    return 2;
  }
  const file = files[0]!;
  const path = resolve(cwd, file);
  try {
    const input = decodeInput(file, readInput(path));
    // jsdom takes a while to load: only once there is a text to sanitise.
    const { nodeSanitiser } = await import('./lib/node-sanitiser');
    const name = file.replace(/^.*[/\\]/, '').replace(/\.[^.]*$/, '');
    if (input.sheet) {
      const plan = readSheet(input.text, nodeSanitiser(), { defaultSkill: name });
      const sheet: SheetRead = { encoding: input.sheet.encoding, delimiter: plan.delimiter, rows: plan.rows };
      print(json ? JSON.stringify(jsonReport(file, plan, sheet)) : textReport(file, plan, sheet));
      return 0;
    }
    const plan = readGift(input.text, nodeSanitiser(), { defaultSkill: name });
    print(json ? JSON.stringify(jsonReport(file, plan)) : textReport(file, plan));
    return 0;
  } catch (e) {
    let message: string;
    if (e instanceof InputError) message = e.message;
    else if (e instanceof ValidationError) message = en({ key: e.messageKey, params: e.params });
    else throw e;
    if (json) print(JSON.stringify({ file, error: message }));
    warn(`content:import: ${message}`);
    return 1;
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  // `npm run` starts in the package folder; a relative FILE is the caller's.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  process.exitCode = await main(
    process.argv.slice(2),
    cwd,
    (s) => console.log(s),
    (s) => console.error(s),
  );
}
