/**
 * Reading a teacher's GIFT file (issue 12), app side: decode the bytes, render Markdown with
 * `marked`, sanitise with the app's one sanitiser, and plan the import (core/gift.ts). Nothing
 * here writes. Like app/content-read.ts, it is loaded only with an import (a lazy chunk: the
 * GIFT parser and `marked` stay out of the first load), and the CLI
 * (`npm run content:import`, lab/content-import.ts) runs exactly this with DOMPurify over jsdom.
 */
import { Marked } from 'marked';
import { ValidationError } from '../core/errors';
import { planGiftImport, type GiftPlan } from '../core/gift';
import type { Sanitise } from './sanitise';

/**
 * GitHub-flavoured Markdown, no async extensions. Raw HTML inside Markdown is passed on as HTML
 * and meets the sanitiser like any other.
 */
const markdown = new Marked({ gfm: true, breaks: false, async: false });

export function renderMarkdown(source: string): string {
  return markdown.parse(source, { async: false });
}

/**
 * A file's bytes as text: UTF-8 (with or without a byte-order mark), or UTF-16 with its mark
 * (Windows "Unicode text"). Throws ValidationError `gift.binary` for data with NUL bytes and
 * `gift.encoding` for anything else that is not valid UTF-8.
 */
export function decodeGiftBytes(bytes: Uint8Array): string {
  const b0 = bytes[0];
  const b1 = bytes[1];
  const utf16 = b0 === 0xff && b1 === 0xfe ? 'utf-16le' : b0 === 0xfe && b1 === 0xff ? 'utf-16be' : null;
  let text: string;
  try {
    if (utf16) {
      text = new TextDecoder(utf16, { fatal: true }).decode(bytes.subarray(2));
    } else {
      if (bytes.includes(0)) throw new ValidationError('gift.binary');
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
  } catch (e) {
    if (e instanceof ValidationError) throw e;
    throw new ValidationError('gift.encoding');
  }
  if (text.includes('\u0000')) throw new ValidationError('gift.binary');
  return text;
}

/** The dry run of importing a GIFT text, sanitised with `sanitise`. Throws ValidationError (gift.*). */
export function readGift(text: string, sanitise: Sanitise, opts: { defaultSkill?: string } = {}): GiftPlan {
  return planGiftImport(text, { sanitise, markdown: renderMarkdown, ...opts });
}
