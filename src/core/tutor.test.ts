import { describe, expect, it } from 'vitest';
import type { QuestionAnswer } from './question';
import {
  askTutor,
  buildTutorPrompt,
  safeFirstStep,
  TUTOR_MAX_TOKENS,
  type TutorAsk,
  type TutorEvent,
  type TutorItemContext,
  type TutorPrompt,
  type TutorRuntime,
} from './tutor';
import {
  tutorInstallMessagesEn,
  tutorInstallMessagesZh,
  tutorMessagesEn,
  tutorMessagesZh,
} from './tutor-messages';
import type { ItemAnswer } from './types';

/** A fake model: yields the given pieces, one token each, and records what it was asked. */
class FakeRuntime implements TutorRuntime {
  prompts: TutorPrompt[] = [];
  maxTokens: number[] = [];
  signal: { aborted: boolean } | undefined;
  pulled = 0;
  constructor(readonly pieces: (i: number) => string | undefined) {}
  async *generate(prompt: TutorPrompt, opts: { maxTokens: number; signal: { aborted: boolean } }) {
    this.prompts.push(prompt);
    this.maxTokens.push(opts.maxTokens);
    this.signal = opts.signal;
    for (let i = 0; ; i++) {
      const p = this.pieces(i);
      if (p === undefined) return;
      await Promise.resolve();
      this.pulled++;
      yield p;
    }
  }
}

/** Tokens of a text: words with their spaces, as a model streams them (numbers split too). */
function tokens(text: string): string[] {
  return text.match(/\s*\S{1,3}/g) ?? [];
}
function scripted(text: string): FakeRuntime {
  const ts = tokens(text);
  return new FakeRuntime((i) => ts[i]);
}

function clock(step = 10): () => number {
  let t = 1000;
  return () => (t += step);
}

async function collect(
  runtime: TutorRuntime,
  ctx: TutorItemContext,
  ask: TutorAsk = { kind: 'explain-step' },
  signal: AbortSignal = new AbortController().signal,
  maxTokens?: number,
): Promise<TutorEvent[]> {
  const out: TutorEvent[] = [];
  const opts = { signal, now: clock(), ...(maxTokens !== undefined ? { maxTokens } : {}) };
  for await (const e of askTutor(runtime, ctx, ask, opts)) out.push(e);
  return out;
}

const shown = (events: TutorEvent[]) => events.flatMap((e) => (e.type === 'sentence' ? [e.text] : []));
const kinds = (events: TutorEvent[]) => events.map((e) => e.type);
const last = (events: TutorEvent[]) => events[events.length - 1]!;

function item(answer: ItemAnswer, over: Partial<TutorItemContext> = {}): TutorItemContext {
  return {
    locale: 'en',
    prompt: 'What is 37 + 48?',
    answer,
    correctAnswer: '85',
    solution: [
      'Add the tens: 30 + 40 = 70.',
      'Add the ones: 7 + 8 = 15.',
      'Put them together: 70 + 15 = 85.',
    ],
    answered: false,
    ...over,
  };
}

const sum = (over: Partial<TutorItemContext> = {}) => item({ kind: 'integer', value: 85 }, over);
const sumZh = (over: Partial<TutorItemContext> = {}) =>
  sum({
    locale: 'zh-CN',
    prompt: '37 + 48 等于多少？',
    solution: ['先算十位：30 + 40 = 70。', '再算个位：7 + 8 = 15。', '合起来：70 + 15 = 85。'],
    ...over,
  });
const fraction = (over: Partial<TutorItemContext> = {}) =>
  item(
    { kind: 'fraction', numerator: 3, denominator: 4 },
    {
      prompt: 'What is 1/2 + 1/4?',
      correctAnswer: '3/4',
      solution: ['Write 1/2 as 2/4.', 'Add the quarters: 2/4 + 1/4 = 3/4.'],
      ...over,
    },
  );
const mixed = (over: Partial<TutorItemContext> = {}) =>
  item(
    { kind: 'fraction', numerator: 7, denominator: 4 },
    { correctAnswer: '1 3/4', solution: ['a', 'b'], ...over },
  );
const decimal = (over: Partial<TutorItemContext> = {}) =>
  item(
    { kind: 'decimal', value: 3.5, tolerance: 0 },
    { correctAnswer: '3.5', solution: ['a', 'b'], ...over },
  );
const percent = (over: Partial<TutorItemContext> = {}) =>
  item(
    { kind: 'integer', value: 75, form: 'percentage' },
    { correctAnswer: '75%', solution: ['a', 'b'], ...over },
  );
const choice = (over: Partial<TutorItemContext> = {}) =>
  item(
    { kind: 'choice', choices: ['2/3', '3/4', '4/5'], correctIndex: 1 },
    { prompt: 'Which is the biggest?', correctAnswer: '3/4', solution: ['a', 'b'], ...over },
  );
const text = (accepted: string, over: Partial<TutorItemContext> = {}) =>
  item({ kind: 'text', accepted: [{ text: accepted, credit: 1 }] } satisfies QuestionAnswer, {
    prompt: 'Name a shape with three sides.',
    correctAnswer: accepted,
    solution: [accepted],
    ...over,
  });
const trueFalse = (over: Partial<TutorItemContext> = {}) =>
  item({ kind: 'truefalse', correct: true } satisfies QuestionAnswer, {
    prompt: '3/4 is more than 1/2.',
    correctAnswer: 'True',
    solution: ['True'],
    ...over,
  });
const single = (over: Partial<TutorItemContext> = {}) =>
  item(
    {
      kind: 'single',
      options: [
        { html: '12', credit: 0 },
        { html: '<b>15</b>', credit: 1 },
        { html: '18', credit: 0 },
      ],
    } satisfies QuestionAnswer,
    { prompt: 'What is 3 × 5?', correctAnswer: '15', solution: ['15'], ...over },
  );

/** One sentence through the whole pipeline: what the learner sees of it. */
async function verdict(ctx: TutorItemContext, sentence: string): Promise<string> {
  const events = await collect(scripted(sentence), ctx);
  const e = events[0]!;
  if (e.type === 'sentence') return 'shown';
  if (e.type === 'withheld') return `withheld:${e.reason}`;
  return e.type;
}

describe('sentence streaming', () => {
  it('emits each sentence once it is complete, not splitting decimals, "e.g." or list numbers', async () => {
    const reply =
      'First, e.g. with 3.5 apples, add 30 + 40. Is it 70? Yes! 1. Add the ones.\nThen put them together and check your work';
    const events = await collect(scripted(reply), sum({ answered: true }));
    expect(shown(events)).toEqual([
      'First, e.g. with 3.5 apples, add 30 + 40.',
      'Is it 70?',
      'Yes!',
      '1. Add the ones.',
      'Then put them together and check your work',
    ]);
    expect(last(events)).toMatchObject({ type: 'done', stopped: false, reason: 'end' });
  });

  it('splits Chinese at 。？！； and gives the same sentences however the stream is cut', async () => {
    const reply = '先算十位：30 + 40 = 70。再算个位；7 + 8 = 15！明白了吗？“好的。”最后 3.5 不会被拆开';
    const whole = shown(
      await collect(new FakeRuntime((i) => (i === 0 ? reply : undefined)), sumZh({ answered: true })),
    );
    const chars = shown(await collect(new FakeRuntime((i) => reply[i]), sumZh({ answered: true })));
    expect(whole).toEqual([
      '先算十位：30 + 40 = 70。',
      '再算个位；',
      '7 + 8 = 15！',
      '明白了吗？',
      '“好的。”',
      '最后 3.5 不会被拆开',
    ]);
    expect(chars).toEqual(whole);
  });

  it('cuts a sentence that never ends, between words and not inside a mixed number', async () => {
    const long = `${'word '.repeat(70)}1 3/4 ${'word '.repeat(30)}`;
    const events = await collect(
      scripted(long),
      sum({ answered: true }),
      { kind: 'explain-step' },
      undefined,
      1000,
    );
    const s = shown(events);
    expect(s.length).toBe(2);
    expect(s.join(' ').replace(/\s+/g, ' ')).toBe(long.trim());
  });
});

describe('guard 1: the answer is not given away before the learner answers', () => {
  it.each([
    [sum, 'The answer is 85.'],
    [sum, 'It is eighty-five.'],
    [sum, 'That makes ８５ in all.'],
    [sum, '结果是八十五。'],
    [fraction, 'You get three quarters.'],
    [fraction, 'That is 0.75 of the cake.'],
    [fraction, 'Think of it as 75%.'],
    [fraction, 'Or 6/8 if you like.'],
    [fraction, '答案是四分之三。'],
    [fraction, 'In some countries 0,75 is written with a comma.'],
    [mixed, 'It is 1 3/4 cups.'],
    [mixed, 'Write 7/4.'],
    [mixed, '等于一又四分之三。'],
    [mixed, 'That is one and three quarters.'],
    [decimal, 'You get 3,5.'],
    [decimal, '是三点五。'],
    [decimal, 'It is 3.50 metres.'],
    [decimal, 'Three and a half.'],
    [percent, 'So 75 out of every hundred.'],
    [percent, '就是百分之七十五。'],
    [choice, 'I think 3/4 is the biggest.'],
    [choice, 'Three quarters is the biggest.'],
    [(o?: Partial<TutorItemContext>) => text('triangle', o), 'It is a triangle!'],
    [(o?: Partial<TutorItemContext>) => text('triangle', o), 'A TRIANGLE has three sides.'],
    [(o?: Partial<TutorItemContext>) => text('三角形', { locale: 'zh-CN', ...o }), '它是一个三角形。'],
    [trueFalse, 'Yes, that is true.'],
    [trueFalse, '这句话是正确的。'],
    [single, 'Choose 15.'],
  ] as const)('%o: "%s" is withheld', async (make, sentence) => {
    expect(await verdict(make(), sentence)).toBe('withheld:answer');
    // After answering, the same sentence is shown.
    expect(await verdict(make({ answered: true }), sentence)).not.toBe('withheld:answer');
  });

  it.each([
    [sum, 'Add the tens first: 30 + 40.'],
    [sum, 'Then add 7 and 8.'],
    [sumZh(), '先把十位相加。'],
    [fraction, 'Write 1/2 as 2/4 first.'],
    [fraction, '先把二分之一写成四分之二。'],
    [mixed, 'Split it into wholes and quarters.'],
    [decimal, 'Three is close, but look again.'],
    [percent, 'A percentage is out of 100.'],
    [choice, 'Compare 2/3 with 4/5 first.'],
    [text('triangle'), 'Count its sides and corners.'],
    [text('三角形', { locale: 'zh-CN' }), '数一数它有几条边。'],
    [trueFalse, "Don't give up, compare them."],
    [single, 'Count 3 groups of 5… wait, try it yourself.'],
  ] as const)('%o: "%s" is shown', async (make, sentence) => {
    const ctx = typeof make === 'function' ? make() : make;
    expect(await verdict(ctx, sentence)).toBe('shown');
  });

  it('keeps streaming after a withheld sentence, with a note the learner can read', async () => {
    const events = await collect(scripted('Add the tens. The answer is 85. Now you try!'), sum());
    expect(kinds(events)).toEqual(['sentence', 'withheld', 'sentence', 'done']);
    expect(events[1]).toEqual({ type: 'withheld', reason: 'answer', message: { key: 'tutor.withheld' } });
  });
});

describe('guard 2: a reply that contradicts the worked solution is replaced', () => {
  it.each([
    [sum, 'The answer is 75.'],
    [sum, 'So the final answer is 37 + 48 = 75.'],
    [sum, 'So 37 + 48 = 75.'],
    [sum, 'Adding them, 30 + 40 = 80, then the rest.'],
    [sum, 'So the total = 75.'],
    [sumZh, '答案是75。'],
    [sumZh, '所以答案是七十五。'],
    [sumZh, '所以 37 + 48 = 75。'],
    [fraction, 'The answer is 2/6.'],
    [choice, 'The answer is 2/3.'],
  ] as const)('%o: "%s" is replaced by the worked solution', async (make, sentence) => {
    const runtime = scripted(`Let me help. ${sentence} More words that must never be pulled. And more.`);
    const ctx = make({ answered: true, learnerAnswer: '75' });
    const events = await collect(runtime, ctx);
    expect(kinds(events)).toEqual(['sentence', 'replaced', 'done']);
    expect(events[1]).toEqual({ type: 'replaced', steps: ctx.solution, message: { key: 'tutor.replaced' } });
    expect(last(events)).toMatchObject({ stopped: true, reason: 'replaced' });
    expect(runtime.signal?.aborted).toBe(true);
    expect(runtime.pulled).toBeLessThan(tokens(runtime.prompts[0] ? '' : '').length + 40);
  });

  it.each([
    [sum, 'The answer is 85.'],
    [sum, 'Add the tens: 30 + 40 = 70.'],
    [sum, 'So the tens make = 70.'],
    [sum, 'Another way: 37 + 3 = 40, and 40 + 45 = 85.'],
    [sum, 'Your answer is 75, which is 10 too small.'],
    [sum, 'You wrote 37 + 48 = 75, but the ones make a new ten.'],
    [sum, 'The answer is 10 more than 75.'],
    [sum, 'The answer is not 75.'],
    [sumZh, '你的答案是75，少了10。'],
    [sumZh, '答案是八十五。'],
    [sumZh, '答案是一样的。'],
    [fraction, 'The answer is 0.75, which is 3/4.'],
    [fraction, 'Half = 2/4.'],
    [(o: Partial<TutorItemContext>) => text('triangle', o), 'The answer is square.'],
  ] as const)('%o: "%s" is not a contradiction', async (make, sentence) => {
    expect(await verdict(make({ answered: true, learnerAnswer: '75' }), sentence)).toBe('shown');
  });

  it('before the learner has answered, stops the reply without showing the solution', async () => {
    const events = await collect(scripted('The answer is 75. Then more.'), sum());
    expect(events[0]).toEqual({ type: 'replaced', steps: [], message: { key: 'tutor.stoppedWrong' } });
    expect(kinds(events)).toEqual(['replaced', 'done']);
  });

  it('is off when the correct answer is not known', async () => {
    expect(await verdict(sum({ answered: true, correctAnswer: '' }), 'The answer is 75.')).toBe('shown');
  });
});

describe('guard 3: short, no links, no questions about people', () => {
  it.each([
    'See https://example.com for more.',
    'Watch a video at www.maths-is-fun.test.',
    'Ask me at tutor@example.org.',
    'Read [this page](fractions.html).',
    'Go to khanacademy.org for practice.',
    '可以看看 https://例子.cn 。',
  ])('withholds a sentence with a link: %s', async (sentence) => {
    expect(await verdict(sum({ answered: true }), sentence)).toBe('withheld:link');
  });

  it('shows decimals and full stops that are not links', async () => {
    expect(await verdict(sum({ answered: true }), '3.5 is bigger than 3.25, e.g. by 0.25.')).toBe('shown');
  });

  it('stops at the token cap and says it stopped', async () => {
    const runtime = new FakeRuntime(() => ' word');
    const events = await collect(runtime, sum({ answered: true }));
    expect(last(events)).toMatchObject({
      type: 'done',
      tokens: TUTOR_MAX_TOKENS,
      stopped: true,
      reason: 'cap',
    });
    expect(runtime.maxTokens).toEqual([TUTOR_MAX_TOKENS]);
    expect(runtime.pulled).toBe(TUTOR_MAX_TOKENS);
    // The cut sentence is shown with an ellipsis, after the guards.
    const cut = shown(events).at(-1)!;
    expect(cut.endsWith('word…')).toBe(true);
    const small = await collect(
      scripted('One. Two. Three. Four.'),
      sum({ answered: true }),
      undefined,
      undefined,
      3,
    );
    // Three tokens: "One", "." and " Two".
    expect(shown(small)).toEqual(['One.', 'Two…']);
    expect(last(small)).toMatchObject({ tokens: 3, reason: 'cap' });
  });

  const personalEn = [
    'What is my name?',
    "What's my name",
    'where do I live?',
    'Who is my teacher?',
    'Tell me about my friend.',
    'how old am I',
    'Do you know who I am?',
    'What is my phone number?',
    "What is my mum's name?",
    'Where does Anna live?',
    'Who is Tom?',
    "What's my address",
    'my email is tom@example.com, can you remember it?',
    'Where is my school?',
    'Tell me about him.',
  ];
  const personalZh = [
    '我叫什么名字？',
    '我叫什么',
    '我住在哪里？',
    '你知道我是谁吗？',
    '我的老师是谁？',
    '谁是我的同桌朋友', // 同桌朋友: a friend
    '告诉我关于我朋友的事',
    '说说我妈妈',
    '我几岁了？',
    '小明是谁？',
    '我家的地址是什么？',
    '我爸爸的电话是多少',
    '你认识我吗',
  ];
  it.each([...personalEn, ...personalZh])('declines before any generation: %s', async (question) => {
    const runtime = scripted('Never.');
    const events = await collect(runtime, sum({ answered: true }), { kind: 'free', question });
    expect(events[0]).toEqual({ type: 'declined', message: { key: 'tutor.declined' } });
    expect(last(events)).toMatchObject({ type: 'done', tokens: 0, stopped: false, reason: 'declined' });
    expect(runtime.prompts).toEqual([]);
  });

  const fineEn = [
    'Can you explain my homework question about fractions?',
    'Why is my answer wrong?',
    'What is my mistake in 3/4 + 1/4?',
    'Where do I put the decimal point?',
    'Who is right, 3/4 or 0.75?',
    'My teacher said to carry the one, why?',
    'What did my teacher mean by carrying?',
    'How old is a tree that grows 3 rings a year and has 12 rings?',
    'Is 7 a prime number?',
    'How do I add the tens?',
  ];
  const fineZh = [
    '为什么我的答案是错的？',
    '我的作业里这道题怎么做？',
    '老师说要进位，为什么？',
    '谁是对的，3/4 还是 0.75？',
    '怎么记住这个方法？',
    '分数怎么比较大小？',
    '你知道我为什么错了吗？',
  ];
  it.each([...fineEn, ...fineZh])('sends a question about the maths to the model: %s', async (question) => {
    const runtime = scripted('Good question.');
    const events = await collect(runtime, sum({ answered: true }), { kind: 'free', question });
    expect(kinds(events)).toEqual(['sentence', 'done']);
    expect(runtime.prompts[0]?.user).toContain(question.trim());
  });
});

describe('stopping and timing', () => {
  it('stops at once when the child stops, even if the model would go on forever', async () => {
    const runtime = new FakeRuntime(() => ' and');
    const stop = new AbortController();
    const events: TutorEvent[] = [];
    let pulledAtStop = 0;
    for await (const e of askTutor(
      runtime,
      sum({ answered: true }),
      { kind: 'explain-step' },
      {
        signal: stop.signal,
        now: clock(),
        maxTokens: 10_000,
      },
    )) {
      events.push(e);
      if (runtime.pulled >= 50 && !stop.signal.aborted) {
        stop.abort();
        pulledAtStop = runtime.pulled;
      }
    }
    // " and and and" never ends a sentence: it is cut at 300 characters, and the child stops then.
    expect(kinds(events)).toEqual(['sentence', 'done']);
    expect(last(events)).toMatchObject({ type: 'done', stopped: true, reason: 'stopped' });
    expect(runtime.signal?.aborted).toBe(true);
    expect(runtime.pulled).toBeLessThanOrEqual(pulledAtStop + 1);
  });

  it('stops at once while the model is stuck in a token that never comes', async () => {
    let asked = false;
    const runtime: TutorRuntime = {
      generate: () => ({
        [Symbol.asyncIterator]: () => ({
          next: () => {
            asked = true;
            return new Promise<IteratorResult<string>>(() => {});
          },
        }),
      }),
    };
    const stop = new AbortController();
    const pending = collect(runtime, sum({ answered: true }), { kind: 'explain-step' }, stop.signal);
    await new Promise((r) => setTimeout(r, 5));
    expect(asked).toBe(true);
    stop.abort();
    const events = await pending;
    expect(events).toEqual([
      expect.objectContaining({ type: 'done', tokens: 0, stopped: true, reason: 'stopped' }),
    ]);
  });

  it('does not start when already stopped', async () => {
    const stop = new AbortController();
    stop.abort();
    const runtime = scripted('Hello.');
    expect(kinds(await collect(runtime, sum(), undefined, stop.signal))).toEqual(['done']);
    expect(runtime.prompts).toEqual([]);
  });

  it('reports tokens, elapsed ms and the time to the first token from the injected clock', async () => {
    const runtime = scripted('Add the tens. Then the ones.');
    let t = 0;
    const events: TutorEvent[] = [];
    for await (const e of askTutor(
      runtime,
      sum({ answered: true }),
      { kind: 'explain-step' },
      {
        signal: new AbortController().signal,
        now: () => (t += 100),
      },
    )) {
      events.push(e);
    }
    const n = tokens('Add the tens. Then the ones.').length;
    // now(): once at the start, once at the first token, once at the end.
    expect(last(events)).toEqual({
      type: 'done',
      tokens: n,
      ms: 200,
      promptMs: 100,
      stopped: false,
      reason: 'end',
    });
  });

  it('throws a runtime failure on, but not one caused by stopping', async () => {
    const failing: TutorRuntime = {
      // eslint-disable-next-line require-yield
      async *generate() {
        throw new Error('wasm crashed');
      },
    };
    await expect(collect(failing, sum())).rejects.toThrow('wasm crashed');
  });
});

describe('the grounded prompt', () => {
  it('after answering: the question, the learner’s answer, the correct answer and every step, in English', () => {
    const p = buildTutorPrompt(sum({ answered: true, learnerAnswer: '75' }), { kind: 'why-wrong' });
    expect(p.system).toContain('Reply in English');
    expect(p.system).toContain('Never write links');
    expect(p.system).toMatch(/at most three short sentences/);
    for (const part of [
      'What is 37 + 48?',
      'My answer: 75',
      'Correct answer: 85',
      '1. Add the tens',
      '3. Put them together: 70 + 15 = 85.',
    ]) {
      expect(p.user).toContain(part);
    }
    expect(p.user).toMatch(/Why is my answer wrong\?/);
  });

  it('after answering, in Chinese; "explain this step" names the step', () => {
    const p = buildTutorPrompt(sumZh({ answered: true, learnerAnswer: '75' }), {
      kind: 'explain-step',
      step: 1,
    });
    expect(p.system).toContain('简体中文');
    expect(p.user).toContain('题目：37 + 48 等于多少？');
    expect(p.user).toContain('正确答案：85');
    expect(p.user).toContain('我的答案：75');
    expect(p.user).toContain('请解释解题步骤的第 2 步：“再算个位：7 + 8 = 15。”');
  });

  it.each([
    ['en', sum],
    ['zh-CN', sumZh],
  ] as const)(
    'before answering (%s): no correct answer, no solution, only the masked idea of the first step',
    (_l, make) => {
      for (const ask of [
        { kind: 'explain-step' },
        { kind: 'why-wrong' },
        { kind: 'free', question: 'How?' },
      ] as const) {
        const p = buildTutorPrompt(make(), ask);
        const all = p.system + p.user;
        expect(all).not.toContain('85');
        expect(all).not.toContain('15');
        expect(all).not.toContain('70');
        expect(all).toMatch(/30 \+ 40 = …/);
        expect(p.system).toMatch(/never say the answer|绝对不要说出答案/);
      }
    },
  );

  it('before answering, drops a one-step solution, and a first step that still gives the answer away', () => {
    expect(safeFirstStep(sum({ solution: ['37 + 48 = 85'] }))).toBeNull();
    expect(safeFirstStep(sum({ solution: ['The sum of 37 and 48 makes 85.', 'Check it.'] }))).toBe(
      'The sum of 37 and 48 makes ….',
    );
    expect(safeFirstStep(sum({ solution: ['You need 85 in all.', 'Check it.'] }))).toBeNull();
    expect(safeFirstStep(fraction())).toBe('Write 1/2 as 2/4.');
    const imported = text('triangle', { solution: ['triangle', 'A triangle has three sides.'] });
    expect(safeFirstStep(imported)).toBeNull();
    expect(buildTutorPrompt(imported, { kind: 'explain-step' }).user).not.toContain('triangle');
  });

  it('keeps a child’s question short and single-line', () => {
    const p = buildTutorPrompt(sum({ answered: true }), {
      kind: 'free',
      question: `why\n\n${'x'.repeat(1000)}`,
    });
    expect(p.user.split('\n').at(-1)!.length).toBeLessThan(320);
  });
});

describe('tutor messages', () => {
  it('have the same keys in English and Chinese, and are few and short (a learner reads them)', () => {
    expect(Object.keys(tutorMessagesZh).sort()).toEqual(Object.keys(tutorMessagesEn).sort());
    expect(Object.keys(tutorInstallMessagesZh).sort()).toEqual(Object.keys(tutorInstallMessagesEn).sort());
    expect(Object.keys(tutorMessagesEn).length).toBeLessThanOrEqual(6);
    for (const v of Object.values(tutorMessagesEn)) expect(v.length).toBeLessThan(100);
  });
});
