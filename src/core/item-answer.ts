/**
 * One checker for every item (issue 12): a generated item's `ExpectedAnswer` goes to
 * core/answer.ts (required forms), an imported question's `QuestionAnswer` to core/question.ts
 * (credit, tolerance, several accepted answers). Pure.
 */
import { checkAnswer, formatAnswer } from './answer';
import type { Locale } from './i18n';
import { checkQuestion, matchChoices, type Html, type QuestionAnswer } from './question';
import type { CheckStatus, ExpectedAnswer, ItemAnswer, Message } from './types';

const QUESTION_KINDS: ReadonlySet<string> = new Set([
  'truefalse',
  'single',
  'multiple',
  'text',
  'number',
  'matching',
]);

/** An imported question's answer (not a generated item's). */
export function isQuestion(a: ItemAnswer): a is QuestionAnswer {
  return QUESTION_KINDS.has(a.kind);
}

export interface ItemCheck {
  readonly status: CheckStatus;
  /** For `malformed` and `form`: what is expected. */
  readonly message?: Message;
  /** Partial credit in (0, 1) of an imported question; absent when simply right or wrong. */
  readonly score?: number;
  /** The teacher's feedback for what was answered (sanitised HTML), in order. */
  readonly feedback: readonly Html[];
}

export function checkItemAnswer(answer: ItemAnswer, raw: string, locale: Locale): ItemCheck {
  if (!isQuestion(answer)) {
    const r = checkAnswer(answer, raw, locale);
    return { status: r.status, ...(r.message ? { message: r.message } : {}), feedback: [] };
  }
  const r = checkQuestion(answer, raw, locale);
  const partial = r.status === 'incorrect' && r.score > 0 ? { score: r.score } : {};
  return { status: r.status, ...(r.message ? { message: r.message } : {}), ...partial, feedback: r.feedback };
}

/** Text of sanitised HTML: tags dropped, the common entities read. For display as plain text. */
export function htmlText(html: Html): string {
  return html
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

const TRUE_FALSE: Readonly<Record<Locale, readonly [string, string]>> = {
  en: ['True', 'False'],
  'zh-CN': ['对', '错'],
};

/** "True"/"False" in the interface's language. */
export function trueFalseLabel(value: boolean, locale: Locale): string {
  return TRUE_FALSE[locale][value ? 0 : 1];
}

function numberText(n: number): string {
  return String(Number(n.toPrecision(12))).replace(/^-/, '−');
}

/** The answer that earns full marks, as shown to the learner after answering (plain text). */
export function formatItemAnswer(answer: ItemAnswer, locale: Locale): string {
  if (!isQuestion(answer)) return formatAnswer(answer as ExpectedAnswer, locale);
  // Joined with ", ": a message shows it in Chinese with 、 (core/i18n.ts).
  const list = ', ';
  switch (answer.kind) {
    case 'truefalse':
      return trueFalseLabel(answer.correct, locale);
    case 'single':
      return htmlText(answer.options.find((o) => o.credit >= 1 - 1e-6)?.html ?? '');
    case 'multiple':
      return answer.options
        .filter((o) => o.credit > 0)
        .map((o) => htmlText(o.html))
        .join(list);
    case 'text':
      return (answer.accepted.find((a) => a.credit >= 1 - 1e-6)?.text ?? '').replace(/\\\*/g, '*');
    case 'number': {
      const a = answer.accepted.find((x) => x.credit >= 1 - 1e-6);
      if (!a || 'any' in a) return '';
      if ('min' in a) return `${numberText(a.min)}–${numberText(a.max)}`;
      return a.tolerance > 0 ? `${numberText(a.value)} ± ${numberText(a.tolerance)}` : numberText(a.value);
    }
    case 'matching':
      return answer.pairs.map((p) => `${htmlText(p.prompt)} → ${p.match}`).join(list);
  }
}

/** The matches a matching question offers, in order (re-exported for the practice screen). */
export { matchChoices };
/** A generated item's answer; throws for an imported question (for code that only meets generated items). */
export function expectedAnswer(a: ItemAnswer): ExpectedAnswer {
  if (isQuestion(a)) throw new Error(`an imported question (${a.kind}), not a generated item`);
  return a;
}
