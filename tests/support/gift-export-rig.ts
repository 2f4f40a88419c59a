/**
 * What the GIFT export tests share (src/core/gift-export.test.ts, lab/gift-export.datasets.test.ts):
 * the round trip import → export → import compared question by question, and the two
 * open-source parsers' reading of an exported file.
 */
import { parse as pegjsParse } from 'gift-pegjs';
import { parser as ideParser } from 'gift-parser-ide';
import type { GiftPlan, ImportedQuestion, LessonCard } from '../../src/core/gift';
import { exportGift, giftBankOfPlan, type GiftBank } from '../../src/core/gift-export';
import type { QuestionAnswer } from '../../src/core/question';

/** Credits to 10⁻⁶: 33.33333 % reads back as 0.3333333, and checkbox credits are rescaled. */
const round = (x: number): number => Math.round(x * 1e6) / 1e6 + 0;

export function roundedAnswer(a: QuestionAnswer): QuestionAnswer {
  switch (a.kind) {
    case 'single':
    case 'multiple':
      return { ...a, options: a.options.map((o) => ({ ...o, credit: round(o.credit) })) };
    case 'text':
      return { ...a, accepted: a.accepted.map((x) => ({ ...x, credit: round(x.credit) })) };
    case 'number':
      return { ...a, accepted: a.accepted.map((x) => ({ ...x, credit: round(x.credit) })) };
    default:
      return a;
  }
}

type Comparable<T> = Omit<T, 'line'>;

/**
 * A plan as the round trip must keep it: skills (id, name, counts) in order; each skill's lessons
 * and questions, without their line, credits to 10⁻⁶; `withKeys: false` leaves keys out (the
 * first export of a file whose source format differs changes them: docs/gift-import.md).
 */
export function comparable(plan: GiftPlan, opts: { withKeys?: boolean } = {}) {
  const withKeys = opts.withKeys ?? true;
  return plan.skills.map((s) => ({
    id: s.id,
    name: s.name,
    questions: s.questions,
    lessons: plan.lessons
      .filter((l) => l.skill === s.id)
      .map(({ line: _l, ...rest }): Comparable<LessonCard> => rest),
    items: plan.questions
      .filter((q) => q.skill === s.id)
      .map(({ line: _l, key, ...rest }): Partial<Comparable<ImportedQuestion>> => ({
        ...rest,
        ...(withKeys ? { key } : {}),
        answer: roundedAnswer(rest.answer),
      })),
  }));
}

export interface RoundTrip {
  readonly text: string;
  readonly again: GiftPlan;
  /** The export of `again`: equal to `text` when the export is idempotent. */
  readonly textAgain: string;
}

/** Export a plan, import the file with `read`, export that again. */
export function roundTrip(plan: GiftPlan, read: (text: string) => GiftPlan): RoundTrip {
  const text = exportGift(giftBankOfPlan(plan));
  const again = read(text);
  return { text, again, textAgain: exportGift(giftBankOfPlan(again)) };
}

const GIFT_TYPE: Readonly<Record<QuestionAnswer['kind'], string>> = {
  truefalse: 'TF',
  single: 'MC',
  multiple: 'MC',
  text: 'Short',
  number: 'Numerical',
  matching: 'Matching',
};

/** The parsers' question types an exported bank must give, in order. */
export function expectedTypes(bank: GiftBank): string[] {
  return bank.skills
    .filter((s) => s.lessons.length + s.questions.length > 0)
    .flatMap((s) => [
      'Category',
      ...s.lessons.map(() => 'Description'),
      ...s.questions.map((q) => GIFT_TYPE[q.answer.kind]),
    ]);
}

export interface ParserReading {
  /** gift-pegjs 1.0.2 on the whole file: its types, or its error. */
  readonly pegjs: string[] | string;
  /** gift-parser-ide 0.2.6: its types, section by section, and its errors. */
  readonly ide: string[];
  readonly ideErrors: string[];
}

/** How both open-source parsers read a file. */
export function readWithParsers(text: string): ParserReading {
  let pegjs: string[] | string;
  try {
    pegjs = pegjsParse(text).map((q) => q.type);
  } catch (e) {
    pegjs = e instanceof Error ? e.message : String(e);
  }
  const sections = ideParser.parse(text);
  return {
    pegjs,
    ide: sections.flatMap((s) => (s.result[0] ?? []).map((q) => q.type)),
    ideErrors: sections.flatMap((s) =>
      (s.result[1] ?? []).map((e) => `line ${s.location.start}: ${e.message}`),
    ),
  };
}
