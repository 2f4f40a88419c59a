/**
 * What the GIFT and spreadsheet import fuzzers (gift-fuzz.ts, sheet-fuzz.ts) share: a seeded
 * picker, the text mutations (told apart only by each format's tokens and quoting) and the
 * invariants every plan must keep.
 */
import type { GiftPlan } from '../../src/core/gift';
import { checkQuestion, fullMarksResponse } from '../../src/core/question';
import type { Rng } from '../../src/core/types';
import { isSafeRichText } from './content-fuzz';
import { XSS_PAYLOADS } from './content-pack.sample';

/** A seeded pick from a non-empty list. */
export function at<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** What one format's mutations differ in. */
export interface MutationStyle {
  /** Fragments of the format to insert. */
  readonly tokens: readonly string[];
  /** What a line of the file is called in the labels ('line' or 'row'). */
  readonly unit: string;
  /** The first line a swap may pick as its first side (1 keeps a sheet's header in most swaps). */
  readonly swapFrom: number;
  /** An XSS payload quoted or escaped as the format would hold it (used half the time). */
  readonly quote: (payload: string) => string;
  /** At most this many characters spliced in from another seed. */
  readonly spliceMax: number;
  /** What is repeated at the end of the text, and at most how many more times. */
  readonly repeatFallback: string;
  readonly repeatMax: number;
}

/** One to four random edits of `text` (seeded). */
export function mutateText(
  text: string,
  rng: Rng,
  seeds: readonly string[],
  style: MutationStyle,
): { text: string; label: string } {
  let t = text;
  const labels: string[] = [];
  const n = 1 + Math.floor(rng() * 4);
  for (let k = 0; k < n; k++) {
    const p = Math.floor(rng() * (t.length + 1));
    const lines = t.split('\n');
    const choice = Math.floor(rng() * 10);
    switch (choice) {
      case 0:
      case 1:
        t = t.slice(0, p) + at(rng, style.tokens) + t.slice(p);
        labels.push('token');
        break;
      case 2:
        t = t.slice(0, p) + t.slice(p + 1 + Math.floor(rng() * 20));
        labels.push('delete');
        break;
      case 3: {
        const i = Math.floor(rng() * lines.length);
        lines.splice(i, 0, lines[i] ?? '');
        t = lines.join('\n');
        labels.push(`duplicate ${style.unit}`);
        break;
      }
      case 4: {
        const i = style.swapFrom + Math.floor(rng() * (lines.length - style.swapFrom));
        const j = Math.floor(rng() * lines.length);
        [lines[i], lines[j]] = [lines[j] ?? '', lines[i] ?? ''];
        t = lines.join('\n');
        labels.push(`swap ${style.unit}s`);
        break;
      }
      case 5: {
        const x = at(rng, XSS_PAYLOADS);
        t = t.slice(0, p) + (rng() < 0.5 ? style.quote(x) : x) + t.slice(p);
        labels.push('xss');
        break;
      }
      case 6:
        t = t.slice(0, p);
        labels.push('truncate');
        break;
      case 7: {
        const other = at(rng, seeds);
        const q = Math.floor(rng() * (other.length + 1));
        t = t.slice(0, p) + other.slice(q, q + 1 + Math.floor(rng() * style.spliceMax)) + t.slice(p);
        labels.push('splice');
        break;
      }
      case 8: {
        const piece = t.slice(p, p + 1 + Math.floor(rng() * 30)) || style.repeatFallback;
        t = t.slice(0, p) + piece.repeat(2 + Math.floor(rng() * style.repeatMax)) + t.slice(p);
        labels.push('repeat');
        break;
      }
      default: {
        const c = String.fromCharCode(Math.floor(rng() * 0x3000));
        t = t.slice(0, p) + c + t.slice(p + 1);
        labels.push('char');
      }
    }
  }
  return { text: t, label: labels.join('+') };
}

/** How one format names what the plan invariants check. */
export interface PlanChecks {
  /** What a line of the file is called ('line' or 'row'). */
  readonly unit: string;
  /** What one refusal refuses ('question' or 'row'). */
  readonly item: string;
  readonly catalogued: (key: string) => boolean;
  /** The catch-all refusal that would hide a bug. */
  readonly unreadable: string;
}

/**
 * Every refusal and flag of `plan` is a catalogued message other than the catch-all (each key is
 * counted), and every refusal, flag, question and lesson is on a line of `text`.
 */
export function checkMessages(
  plan: GiftPlan,
  text: string,
  checks: PlanChecks,
  count: (key: string) => void,
  fail: (what: string) => void,
): void {
  const lineCount = text.split(/\r\n|\r|\n/).length;
  for (const m of [...plan.rejected.map((r) => r.reason), ...plan.flags.map((f) => f.message)]) {
    count(m.key);
    if (!checks.catalogued(m.key)) fail(`uncatalogued ${m.key}`);
    if (m.key === checks.unreadable) fail(`a ${checks.item} was unreadable (internal error)`);
  }
  for (const x of [...plan.rejected, ...plan.flags, ...plan.questions, ...plan.lessons]) {
    if (!(x.line >= 1 && x.line <= lineCount)) fail(`${checks.unit} ${x.line} outside the file`);
  }
}

/** Every question of `plan` can be answered for full marks, and every text it stores is safe. */
export function checkQuestions(plan: GiftPlan, checks: PlanChecks, fail: (what: string) => void): void {
  const texts: string[] = plan.lessons.map((l) => l.html);
  for (const q of plan.questions) {
    texts.push(q.prompt, ...(q.explanation ? [q.explanation] : []));
    const a = q.answer;
    if (a.kind === 'single' || a.kind === 'multiple') {
      for (const o of a.options) texts.push(o.html, o.feedback ?? '');
    }
    if (a.kind === 'text' || a.kind === 'number') for (const o of a.accepted) texts.push(o.feedback ?? '');
    if (a.kind === 'matching') for (const p of a.pairs) texts.push(p.prompt);
    if (a.kind === 'truefalse') texts.push(a.feedbackRight ?? '', a.feedbackWrong ?? '');
    if (checkQuestion(a, fullMarksResponse(a), 'en').status !== 'correct') {
      fail(`question at ${checks.unit} ${q.line} cannot be answered`);
    }
  }
  for (const h of texts) if (!isSafeRichText(h)) fail(`unsafe text ${h.slice(0, 80)}`);
}
