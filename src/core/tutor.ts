/**
 * "Ask Lantern" (issue 13): the grounded prompt for a small language model, and the stream of
 * its reply, sentence by sentence, each checked by the guards (core/tutor-guards.ts) before it
 * is shown. The model itself is a `TutorRuntime` (wllama in a worker, in the app layer); here
 * everything is pure, with time injected (`now`), so every guard is tested with a fake runtime.
 *
 * Streaming never shows what a guard would take back: a sentence is only emitted once it is
 * complete and has passed every guard. Order of the guards on a sentence: a link (withheld),
 * a contradiction of the worked solution (the reply is replaced and generation stops), then,
 * before the learner has answered, the answer given away (withheld).
 */
import type { Locale } from './i18n';
import type { ItemAnswer, Message } from './types';
import {
  contradictsSolution,
  hasLink,
  isPersonalQuestion,
  leaksAnswer,
  SentenceSplitter,
  valuesIn,
  type SolutionFacts,
} from './tutor-guards';

export interface TutorItemContext {
  /** The interface language: the reply is asked for in it. */
  readonly locale: Locale;
  /** The item's question, plain text. */
  readonly prompt: string;
  /** What the item expects (for the answer checker). */
  readonly answer: ItemAnswer;
  /** Plain text, as shown after answering ('' when there is none to show, e.g. "any number"). */
  readonly correctAnswer: string;
  /** Worked solution steps, plain text (for an imported question without one: the key and the teacher's feedback). */
  readonly solution: readonly string[];
  /** Has the learner answered (or seen the solution) yet? */
  readonly answered: boolean;
  /** What the learner answered, if any. */
  readonly learnerAnswer?: string;
}

/** `step` (0-based) names the worked step to explain; without it, the whole solution. */
export type TutorAsk =
  | { readonly kind: 'explain-step'; readonly step?: number }
  | { readonly kind: 'why-wrong' }
  | { readonly kind: 'free'; readonly question: string };

export interface TutorPrompt {
  readonly system: string;
  readonly user: string;
}

/**
 * What a signal must offer; a DOM `AbortSignal` is one. (Core has no DOM lib, so the type is
 * spelled out here; the runtime is handed a real `AbortSignal`.)
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void, options?: { readonly once?: boolean }): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

// A WHATWG API in every runtime Lantern's core runs in (browser, worker, Node); declared for
// this module only, since core's tsconfig has no DOM lib.
declare const AbortController: new () => { readonly signal: AbortSignalLike; abort(): void };

export interface TutorRuntime {
  /** Yields text pieces (tokens). Stops when `signal` aborts (Lantern also stops pulling at once). */
  generate(
    prompt: TutorPrompt,
    opts: { readonly maxTokens: number; readonly signal: AbortSignalLike },
  ): AsyncIterable<string>;
}

/** Why a reply ended: the model finished, the token cap, the child stopped it, or guard 2 replaced it. */
export type TutorEndReason = 'end' | 'cap' | 'stopped' | 'replaced' | 'declined';

export type TutorEvent =
  /** Safe to show. */
  | { readonly type: 'sentence'; readonly text: string }
  /** A sentence held back: it gave the answer away before the learner answered, or held a link. */
  | { readonly type: 'withheld'; readonly message: Message; readonly reason: 'answer' | 'link' }
  /**
   * The reply contradicted the worked solution: show these steps with the note instead. Before
   * the learner has answered, `steps` is empty (the solution would give the answer away).
   */
  | { readonly type: 'replaced'; readonly steps: readonly string[]; readonly message: Message }
  /** A question about the child or other people: not sent to the model at all. */
  | { readonly type: 'declined'; readonly message: Message }
  /**
   * The end, always last. `tokens` generated in `ms` (from the injected clock, since the call);
   * `promptMs` until the first token (prompt processing), so generation ran at
   * `tokens / (ms - promptMs)` per ms. `stopped`: cut short (cap, the child, guard 2).
   */
  | {
      readonly type: 'done';
      readonly tokens: number;
      readonly ms: number;
      readonly stopped: boolean;
      readonly reason: TutorEndReason;
      readonly promptMs?: number;
    };

/** The token cap: about three short sentences, so a reply stays short and a slow device answers in time. */
export const TUTOR_MAX_TOKENS = 160;

/** Longest free question passed on (a child's question, not an essay). */
const MAX_QUESTION_CHARS = 300;
/** Longest item text or step passed on, and most steps: the prompt stays small for a 0.5B model. */
const MAX_TEXT_CHARS = 600;
const MAX_STEPS = 12;

interface PromptText {
  readonly system: string;
  readonly beforeAnswer: string;
  readonly question: string;
  readonly learnerAnswer: string;
  readonly correctAnswer: string;
  readonly solution: string;
  readonly firstStep: string;
  readonly notAnswered: string;
  readonly explainStep: (n: number, step: string) => string;
  readonly explainAll: string;
  readonly hint: string;
  readonly whyWrong: string;
  readonly whyWrongNoAnswer: string;
  readonly childAsks: string;
}

/** The prompt's wording per language. It is the model's, never shown, so it is not in a catalogue. */
const PROMPT: Readonly<Record<Locale, PromptText>> = {
  en: {
    system:
      'You are Lantern, a kind maths tutor for a child. Reply in English, in at most three short sentences, with simple words. ' +
      'Use only the question and the worked solution you are given, and do not make up other numbers. ' +
      'Never write links or web addresses. Do not talk about the child or about other people.',
    beforeAnswer:
      'The child has not answered yet: never say the answer or the result of the last step. Help them find the next step themselves.',
    question: 'Question',
    learnerAnswer: 'My answer',
    correctAnswer: 'Correct answer',
    solution: 'Worked solution',
    firstStep: 'How the first step starts',
    notAnswered: 'I have not answered yet.',
    explainStep: (n, step) => `Please explain step ${n} of the worked solution: "${step}"`,
    explainAll: 'Please explain the worked solution, step by step.',
    hint: 'Please give me a hint for the first step, without telling me the answer.',
    whyWrong: 'Why is my answer wrong? If it is right, say so.',
    whyWrongNoAnswer: 'Why is my answer wrong?',
    childAsks: 'My question',
  },
  'zh-CN': {
    system:
      '你是 Lantern，一位亲切的数学老师，正在帮助一个孩子。请用简体中文回答，最多三句短句，用简单的词语。' +
      '只根据给出的题目和解题步骤回答，不要编造其他数字。不要写任何链接或网址。不要谈论孩子或其他人。',
    beforeAnswer: '孩子还没有作答：绝对不要说出答案，也不要说出最后一步的结果。引导孩子自己想出下一步。',
    question: '题目',
    learnerAnswer: '我的答案',
    correctAnswer: '正确答案',
    solution: '解题步骤',
    firstStep: '第一步的开头',
    notAnswered: '我还没有作答。',
    explainStep: (n, step) => `请解释解题步骤的第 ${n} 步：“${step}”`,
    explainAll: '请一步一步地解释解题步骤。',
    hint: '请给我第一步的提示，但不要告诉我答案。',
    whyWrong: '为什么我的答案是错的？如果是对的，请告诉我。',
    whyWrongNoAnswer: '为什么我的答案是错的？',
    childAsks: '我的问题',
  },
};

function clip(s: string, max: number): string {
  const t = s
    // Control characters (a pasted question) would only confuse the model.
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * What may be said of the worked solution before the learner has answered: the *idea* of the
 * first step, and only when it is safe. The first step is dropped when the solution has a single
 * step (that step is the answer); otherwise every result in it (whatever follows "=", "是" or
 * "is" up to the next comma or full stop) is masked with "…", and the masked step is dropped
 * too if it still gives the answer away by guard 1. So the prompt before answering holds the
 * question and at most "Add the tens: 30 + 40 = …".
 */
export function safeFirstStep(ctx: TutorItemContext): string | null {
  if (ctx.solution.length < 2) return null;
  const first = clip(ctx.solution[0] ?? '', MAX_TEXT_CHARS);
  const masked = first.replace(
    /(=|＝|\bis\b|\bmakes\b|是|得|等于)\s*[^,，;；。.!?！？:：]*(?:\.\d[^,，;；。.!?！？:：]*)*/gu,
    '$1 …',
  );
  if (masked === '' || leaksAnswer(masked, ctx.answer, ctx.locale)) return null;
  return masked;
}

/**
 * The grounded prompt, in the interface language. After answering (or seeing the solution) it
 * holds the item, the learner's answer, the correct answer and the worked solution. Before, it
 * holds the question and at most the safe idea of the first step (`safeFirstStep`), never the
 * correct answer or the solution, and the system prompt forbids giving the answer; "why is my
 * answer wrong?" before answering becomes a request for a hint.
 */
export function buildTutorPrompt(ctx: TutorItemContext, ask: TutorAsk): TutorPrompt {
  const t = PROMPT[ctx.locale];
  const colon = ctx.locale === 'zh-CN' ? '：' : ': ';
  const lines = [`${t.question}${colon}${clip(ctx.prompt, MAX_TEXT_CHARS)}`];
  const steps = ctx.solution.slice(0, MAX_STEPS).map((s) => clip(s, MAX_TEXT_CHARS));
  let request: string;
  if (ctx.answered) {
    if (ctx.learnerAnswer !== undefined && ctx.learnerAnswer.trim() !== '') {
      lines.push(`${t.learnerAnswer}${colon}${clip(ctx.learnerAnswer, 100)}`);
    }
    if (ctx.correctAnswer.trim() !== '') {
      lines.push(`${t.correctAnswer}${colon}${clip(ctx.correctAnswer, 200)}`);
    }
    if (steps.length > 0) lines.push(`${t.solution}${colon}`, ...steps.map((s, i) => `${i + 1}. ${s}`));
    if (ask.kind === 'explain-step') {
      const step = ask.step === undefined ? undefined : steps[ask.step];
      request = step === undefined ? t.explainAll : t.explainStep((ask.step ?? 0) + 1, step);
    } else if (ask.kind === 'why-wrong') {
      request = ctx.learnerAnswer?.trim() ? t.whyWrong : t.whyWrongNoAnswer;
    } else {
      request = `${t.childAsks}${colon}${clip(ask.question, MAX_QUESTION_CHARS)}`;
    }
  } else {
    const first = safeFirstStep(ctx);
    if (first !== null) lines.push(`${t.firstStep}${colon}${first}`);
    lines.push(t.notAnswered);
    request =
      ask.kind === 'free' ? `${t.childAsks}${colon}${clip(ask.question, MAX_QUESTION_CHARS)}` : t.hint;
  }
  return {
    system: ctx.answered ? t.system : `${t.system} ${t.beforeAnswer}`,
    user: [...lines, '', request].join('\n'),
  };
}

const ABORTED = Symbol('aborted');

/**
 * Ask the tutor: yields sentences as they complete and pass the guards, then `done`. A free
 * question about the child or other people is declined before anything is generated. When
 * `signal` aborts, no more tokens are pulled (not even a pending one is awaited) and `done`
 * comes at once with `stopped: true`. A runtime error is thrown on, unless the signal aborted.
 */
export async function* askTutor(
  runtime: TutorRuntime,
  ctx: TutorItemContext,
  ask: TutorAsk,
  opts: { readonly signal: AbortSignalLike; readonly now: () => number; readonly maxTokens?: number },
): AsyncGenerator<TutorEvent, void, undefined> {
  const start = opts.now();
  const maxTokens = Math.max(1, Math.floor(opts.maxTokens ?? TUTOR_MAX_TOKENS));
  const done = (tokens: number, reason: TutorEndReason, firstAt?: number): TutorEvent => ({
    type: 'done',
    tokens,
    ms: opts.now() - start,
    stopped: reason === 'cap' || reason === 'stopped' || reason === 'replaced',
    reason,
    ...(firstAt !== undefined ? { promptMs: firstAt - start } : {}),
  });
  if (ask.kind === 'free' && isPersonalQuestion(ask.question)) {
    yield { type: 'declined', message: { key: 'tutor.declined' } };
    yield done(0, 'declined');
    return;
  }
  if (opts.signal.aborted) {
    yield done(0, 'stopped');
    return;
  }

  const facts: SolutionFacts = {
    answer: ctx.answer,
    locale: ctx.locale,
    known: valuesIn([...ctx.solution, ctx.prompt]),
  };
  const canContradict = ctx.correctAnswer.trim() !== '';
  /** The events for one complete sentence; `replaced` ends the reply. */
  const check = (sentence: string): TutorEvent => {
    if (hasLink(sentence)) return { type: 'withheld', reason: 'link', message: { key: 'tutor.link' } };
    if (canContradict && contradictsSolution(sentence, facts)) {
      return ctx.answered
        ? { type: 'replaced', steps: [...ctx.solution], message: { key: 'tutor.replaced' } }
        : { type: 'replaced', steps: [], message: { key: 'tutor.stoppedWrong' } };
    }
    if (!ctx.answered && leaksAnswer(sentence, ctx.answer, ctx.locale)) {
      return { type: 'withheld', reason: 'answer', message: { key: 'tutor.withheld' } };
    }
    return { type: 'sentence', text: sentence };
  };

  const inner = new AbortController();
  let onAbort: () => void = () => {};
  const aborted = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => {
      inner.abort();
      resolve(ABORTED);
    };
  });
  opts.signal.addEventListener('abort', onAbort, { once: true });
  const stream = runtime.generate(buildTutorPrompt(ctx, ask), { maxTokens, signal: inner.signal });
  const iterator = stream[Symbol.asyncIterator]();
  const splitter = new SentenceSplitter();
  let tokens = 0;
  let firstAt: number | undefined;
  let reason: TutorEndReason = 'end';
  try {
    pull: for (;;) {
      if (opts.signal.aborted) {
        reason = 'stopped';
        break;
      }
      if (tokens >= maxTokens) {
        reason = 'cap';
        break;
      }
      const next = iterator.next();
      next.catch(() => {}); // if the child stops first, a later rejection is nobody's concern
      let r: IteratorResult<string> | typeof ABORTED;
      try {
        r = await Promise.race([next, aborted]);
      } catch (e) {
        if (opts.signal.aborted) {
          reason = 'stopped';
          break;
        }
        throw e;
      }
      if (r === ABORTED) {
        reason = 'stopped';
        break;
      }
      if (r.done) break;
      tokens++;
      firstAt ??= opts.now();
      for (const sentence of splitter.push(r.value)) {
        const event = check(sentence);
        yield event;
        if (event.type === 'replaced') {
          reason = 'replaced';
          break pull;
        }
      }
    }
    if (reason === 'end' || reason === 'cap') {
      for (const sentence of splitter.flush()) {
        const event = check(reason === 'cap' ? `${sentence}…` : sentence);
        yield event;
        if (event.type === 'replaced') reason = 'replaced';
      }
    }
  } finally {
    opts.signal.removeEventListener('abort', onAbort);
    inner.abort();
    // Not awaited: a runtime stuck in a pending `next` must not hold the child's stop.
    iterator.return?.()?.catch(() => {});
  }
  yield done(tokens, reason, firstAt);
}
