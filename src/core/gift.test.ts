import { describe, expect, it } from 'vitest';
import { CONTENT_LIMITS } from './content-pack';
import { ValidationError } from './errors';
import { GIFT_LIMITS, giftBlocks, planGiftImport, type GiftImportOptions, type GiftPlan } from './gift';
import { giftMessagesEn, giftMessagesZh } from './gift-messages';
import { placeholders } from './i18n';
import { checkQuestion, fullMarksResponse } from './question';

/**
 * Core tests of the GIFT dry run, with stand-ins for the app's sanitiser and Markdown renderer
 * (the real DOMPurify and `marked` run in src/app/gift-read.test.ts and on the corpora in
 * lab/gift-corpora.datasets.test.ts). The stand-in keeps allow-listed bare tags and drops the rest.
 */
const standIn = (html: string): string =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>?/g, (m) => (/^<\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>$/.test(m) ? m : ''))
    .replace(/<(?!\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>)/g, '&lt;');
const opts: GiftImportOptions = {
  sanitise: standIn,
  markdown: (md) =>
    `<p>${md.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>').replace(/\*(.+?)\*/g, '<em>$1</em>')}</p>`,
  defaultSkill: 'My bank',
};
const plan = (text: string, o: Partial<GiftImportOptions> = {}): GiftPlan =>
  planGiftImport(text, { ...opts, ...o });
const only = (text: string) => {
  const p = plan(text);
  expect(p.rejected).toEqual([]);
  expect(p.questions).toHaveLength(1);
  return p.questions[0]!;
};
const refusal = (text: string) => {
  const p = plan(text);
  expect(p.questions).toEqual([]);
  expect(p.rejected).toHaveLength(1);
  return p.rejected[0]!;
};

describe('planGiftImport: question kinds (Moodle’s GIFT documentation examples)', () => {
  it('multiple choice, one right, with feedback; an embedded blank', () => {
    const q = only(
      "::Grant's Tomb::Grant is {\n  ~buried#No one is buried there.\n  =entombed#Right answer!\n  ~living#We hope not!\n} in Grant's tomb.",
    );
    expect(q.name).toBe("Grant's Tomb");
    expect(q.prompt).toBe("Grant is _____ in Grant's tomb.");
    expect(q.answer).toEqual({
      kind: 'single',
      options: [
        { html: 'buried', credit: 0, feedback: 'No one is buried there.' },
        { html: 'entombed', credit: 1, feedback: 'Right answer!' },
        { html: 'living', credit: 0, feedback: 'We hope not!' },
      ],
    });
    expect(q.level).toBe(1);
  });

  it('one right with partial credit on others stays a single choice', () => {
    const q = only('Difficult question.{~wrong answer ~%50%half credit answer =full credit answer}');
    expect(q.answer.kind).toBe('single');
    expect(checkQuestion(q.answer, '1', 'en')).toMatchObject({ status: 'incorrect', score: 0.5 });
  });

  it('several right (no "="): checkboxes with % weights, negative weights allowed', () => {
    const q = only(
      "What two people are entombed in Grant's tomb? {\n ~%-50%No one\n ~%50%Grant\n ~%50%Grant's wife\n ~%-50%Grant's father }",
    );
    expect(q.answer).toEqual({
      kind: 'multiple',
      options: [
        { html: 'No one', credit: -0.5 },
        { html: 'Grant', credit: 0.5 },
        { html: "Grant's wife", credit: 0.5 },
        { html: "Grant's father", credit: -0.5 },
      ],
    });
    expect(q.level).toBe(2);
  });

  it('thirds written as 33.333% are scaled to exactly full marks together', () => {
    const q = only('Which are continents? {~%33.333%Africa ~%33.333%Asia ~%-100%China ~%33.333%Antarctica}');
    expect(q.answer.kind === 'multiple' && q.answer.options.map((o) => o.credit)).toEqual([
      1 / 3,
      1 / 3,
      -1,
      1 / 3,
    ]);
    expect(checkQuestion(q.answer, '0,1,3', 'en')).toMatchObject({ status: 'correct', score: 1 });
  });

  it('refuses choices that can never earn full marks', () => {
    expect(refusal('Q {~%50%a ~%20%b ~c}').reason).toEqual({
      key: 'gift.weightsNot100',
      params: { sum: 70 },
    });
    expect(refusal('Q {~a ~b}').reason.key).toBe('gift.weightsNot100');
    expect(refusal('Q {=%50%a ~b}').reason.key).toBe('gift.noFullMarks');
    expect(refusal('Q {~%100%a}').reason).toEqual({ key: 'gift.tooFewOptions', params: { min: 2 } });
    const many = Array.from({ length: GIFT_LIMITS.options + 1 }, (_, i) => `~o${i}`).join(' ');
    expect(refusal(`Q {=right ${many}}`).reason.key).toBe('gift.tooManyOptions');
  });

  it('true/false in every spelling; the first feedback is for a wrong answer, the second for a right one', () => {
    for (const [t, v] of [
      ['T', true],
      ['TRUE', true],
      ['F', false],
      ['FALSE', false],
    ] as const) {
      expect(only(`The sun rises in the east.{${t}}`).answer).toEqual({ kind: 'truefalse', correct: v });
    }
    expect(
      only("Grant is buried in Grant's tomb.{FALSE#wrong answer feedback#right answer feedback}").answer,
    ).toEqual({
      kind: 'truefalse',
      correct: false,
      feedbackWrong: 'wrong answer feedback',
      feedbackRight: 'right answer feedback',
    });
  });

  it('short answer: several accepted answers with weights; one answer needs no "="', () => {
    const q = only(
      "::Jesus' hometown:: Jesus Christ was from {\n =Nazareth#Yes! That's right!\n =%75%Nazereth#Right, but misspelled.\n =%25%Bethlehem#He was born here, but not raised here.}",
    );
    expect(q.answer).toEqual({
      kind: 'text',
      accepted: [
        { text: 'Nazareth', credit: 1, feedback: "Yes! That's right!" },
        { text: 'Nazereth', credit: 0.75, feedback: 'Right, but misspelled.' },
        { text: 'Bethlehem', credit: 0.25, feedback: 'He was born here, but not raised here.' },
      ],
    });
    expect(only('How do you write the word for the number 1? {One}').answer).toEqual({
      kind: 'text',
      accepted: [{ text: 'One', credit: 1 }],
    });
    expect(refusal('Q {=%50%a =%20%b}').reason.key).toBe('gift.noFullMarks');
  });

  it('numerical: exact, :tolerance, min..max, several answers with partial credit', () => {
    expect(only('When was Ulysses S. Grant born? {#1822}').answer).toEqual({
      kind: 'number',
      accepted: [{ value: 1822, tolerance: 0, credit: 1 }],
    });
    expect(only('Pi to 3 places? {#3.1415:0.0005}').answer).toEqual({
      kind: 'number',
      accepted: [{ value: 3.1415, tolerance: 0.0005, credit: 1 }],
    });
    expect(only('Pi to 3 places? {#3.141..3.142}').answer).toEqual({
      kind: 'number',
      accepted: [{ min: 3.141, max: 3.142, credit: 1 }],
    });
    const q = only(
      'When was Ulysses S. Grant born? {#\n =1822:0 #Correct!\n =%50%1822:2 #He was born in 1822.\n}',
    );
    expect(q.answer).toEqual({
      kind: 'number',
      accepted: [
        { value: 1822, tolerance: 0, credit: 1, feedback: 'Correct!' },
        { value: 1822, tolerance: 2, credit: 0.5, feedback: 'He was born in 1822.' },
      ],
    });
    expect(checkQuestion(q.answer, '1821', 'en')).toMatchObject({ score: 0.5, status: 'incorrect' });
    expect(refusal('Q {#5..1}').reason).toEqual({ key: 'gift.badRange', params: { min: 5, max: 1 } });
    expect(refusal('Q {#=%50%3}').reason.key).toBe('gift.noFullMarks');
  });

  it('matching, with an extra wrong match (= -> Chat)', () => {
    const q = only(
      'Match the activities.{\n =An asynchronous discussion. -> Forum\n =Participants add records. -> Database\n = -> Chat\n}',
    );
    expect(q.answer).toEqual({
      kind: 'matching',
      pairs: [
        { prompt: 'An asynchronous discussion.', match: 'Forum' },
        { prompt: 'Participants add records.', match: 'Database' },
      ],
      distractors: ['Chat'],
    });
    expect(refusal('Q {=a -> b = -> c}').reason).toEqual({ key: 'gift.tooFewPairs', params: { min: 2 } });
  });

  it('essays are refused with their line and a reason, never dropped', () => {
    const p = plan('Q1 {T}\n\n// an essay\nWrite about Grant. {}\n\nQ3 {F}');
    expect(p.questions.map((q) => q.line)).toEqual([1, 6]);
    expect(p.rejected).toEqual([{ line: 4, reason: { key: 'gift.essay', params: {} } }]);
  });

  it('every imported kind can be answered for full marks', () => {
    const p = plan(
      [
        'A {T}',
        'B {=a ~b}',
        'C {~%50%a ~%50%b ~c}',
        'D {=yes =%50%maybe}',
        'E {#1..2}',
        'F {=x -> 1 =y -> 2}',
      ].join('\n\n'),
    );
    expect(p.questions.map((q) => q.answer.kind)).toEqual([
      'truefalse',
      'single',
      'multiple',
      'text',
      'number',
      'matching',
    ]);
    for (const q of p.questions) {
      expect(checkQuestion(q.answer, fullMarksResponse(q.answer), 'en').status).toBe('correct');
    }
  });
});

describe('planGiftImport: text, feedback and formats', () => {
  it('general feedback (####) becomes the explanation', () => {
    expect(only('Q {=a ~b ####Because a.}').explanation).toBe('Because a.');
  });

  it('[html] is sanitised, [markdown] rendered then sanitised, [plain] escaped, [moodle] keeps line breaks', () => {
    expect(only('[html]<p>The <b>sun</b><span>!</span></p>{T}').prompt).toBe('<p>The <b>sun</b>!</p>');
    expect(only("[markdown]Who's buried in **Grant's tomb**?{=no one}").prompt).toBe(
      "<p>Who's buried in <strong>Grant's tomb</strong>?</p>",
    );
    expect(only('[plain]Is 1 < 2 & 3 > 2?{T}').prompt).toBe('Is 1 &lt; 2 &amp; 3 &gt; 2?');
    expect(only('[moodle]Line one\\nline two{T}').prompt).toBe('Line one<br>line two');
  });

  it('reads the escapes \\~ \\= \\# \\{ \\} \\:', () => {
    const q = only('Which is not special\\: \\~ \\= \\# \\{ \\} ? {=\\\\ ~\\~ ~\\=}');
    expect(q.prompt).toBe('Which is not special: ~ = # { } ?');
    expect(q.answer.kind === 'single' && q.answer.options.map((o) => o.html)).toEqual(['\\', '~', '=']);
  });

  it('comments are ignored; Moodle’s [id:] and [tag:] comments are kept', () => {
    const q = only('// a comment\n// [id:393] [tag:fred] [tag:barney-wilma]\nQ {T}\n// trailing comment');
    expect(q).toMatchObject({ line: 3, sourceId: '393', tags: ['fred', 'barney-wilma'] });
  });

  it('a question whose text is only unsafe markup is refused; empty feedback is left out', () => {
    expect(refusal('[html]<script>alert(1)</script>{T}').reason.key).toBe('gift.emptyPrompt');
    expect(refusal('[html]Q {=<script>x</script> ~b}').reason).toEqual({
      key: 'gift.emptyChoice',
      params: { n: 1 },
    });
    expect(only('[html]Q {=a#<script>x</script> ~b}').answer).toEqual({
      kind: 'single',
      options: [
        { html: 'a', credit: 1 },
        { html: 'b', credit: 0 },
      ],
    });
  });

  it('flags images (@@PLUGINFILE@@), TeX, links and removed markup, and still imports the question', () => {
    const p = plan(
      [
        '[html]<p>What is this? <img src\\="@@PLUGINFILE@@/cell%20diagram.png" alt\\=""></p>{=a cell ~a dog}',
        'What is $$\\\\frac\\{1\\}\\{2\\}$$ as a decimal? {#0.5}',
        '[html]See <a href\\="https\\://example.org">the page</a>.{T}',
        '[html]Q <iframe src\\="x"></iframe> text{T}',
        '[html]Q <script>x</script> text{F}',
      ].join('\n\n'),
    );
    expect(p.questions).toHaveLength(5);
    expect(p.flags.map((f) => [f.line, f.kind])).toEqual([
      [1, 'image'],
      [3, 'tex'],
      [5, 'link'],
      [7, 'media'],
      [9, 'removed'],
    ]);
    expect(p.flags[0]!.message).toEqual({ key: 'gift.flag.image', params: { files: 'cell diagram.png' } });
    expect(p.questions[0]!.prompt).toBe('<p>What is this? </p>');
  });

  it('a description becomes a lesson card of its skill', () => {
    const p = plan(
      '$CATEGORY: $course$/top/Fractions\n\n::Halves::A half is one of two equal parts.\n\nQ {T}',
    );
    expect(p.lessons).toEqual([
      { line: 3, skill: 'fractions', title: 'Halves', html: 'A half is one of two equal parts.' },
    ]);
    expect(p.skills).toEqual([
      {
        id: 'fractions',
        name: 'Fractions',
        category: '$course$/top/Fractions',
        line: 1,
        questions: 1,
        lessons: 1,
      },
    ]);
  });
});

describe('planGiftImport: skills from $CATEGORY', () => {
  it('creates one skill per category with questions; before any category, the default skill', () => {
    const p = plan(
      [
        'Q0 {T}',
        '$CATEGORY: $course$/top/Algebra/Linear equations',
        'Q1 {T}',
        'Q2 {F}',
        '$CATEGORY: $course$/top/Empty one',
        '$CATEGORY: $course$/top/Default for Unit 1: Topic',
        'Q3 {T}',
        '$CATEGORY: $course$/top/Algebra/Linear equations',
        'Q4 {F}',
      ].join('\n\n'),
    );
    expect(p.skills.map((s) => [s.id, s.name, s.questions])).toEqual([
      ['my-bank', 'My bank', 1],
      ['algebra-linear-equations', 'Algebra / Linear equations', 3],
      ['default-for-unit-1-topic', 'Default for Unit 1: Topic', 1],
    ]);
    expect(p.questions.map((q) => q.skill)).toEqual([
      'my-bank',
      'algebra-linear-equations',
      'algebra-linear-equations',
      'default-for-unit-1-topic',
      'algebra-linear-equations',
    ]);
  });

  it('reads a category as Moodle does, the rest of the line as written', () => {
    const p = plan('$CATEGORY: Sums: 1+1=2 {x}\n// a comment\n\nQ {T}');
    expect(p.rejected).toEqual([]);
    expect(p.skills).toMatchObject([{ name: 'Sums: 1+1=2 {x}', category: 'Sums: 1+1=2 {x}', line: 1 }]);
  });

  it('a category line directly followed by its first question is read as its author meant', () => {
    const p = plan('$CATEGORY: tom/dick\n::Q1:: 1 plus 1 is 2 {T}');
    expect(p.rejected).toEqual([]);
    expect(p.questions[0]).toMatchObject({ line: 2, skill: 'tom-dick' });
  });

  it('ids stay unique and non-Latin names get an id; long names are shortened and flagged', () => {
    const long = `Unit ${'x'.repeat(70)}`;
    const p = plan(
      `$CATEGORY: 分数\n\nQ {T}\n\n$CATEGORY: a-b\n\nQ {F}\n\n$CATEGORY: a b\n\nQ2 {F}\n\n$CATEGORY: top/Parent/${long}\n\nQ3 {T}`,
    );
    const ids = p.skills.map((s) => s.id);
    expect(ids[0]).toMatch(/^c-[0-9a-f]{8}$/);
    expect(ids.slice(1, 3)).toEqual(['a-b', 'a-b-2']);
    expect(new Set(ids).size).toBe(ids.length);
    expect(p.skills[0]!.name).toBe('分数');
    const last = p.skills[3]!;
    expect([...last.name].length).toBeLessThanOrEqual(CONTENT_LIMITS.nameChars);
    expect(p.flags).toEqual([
      { line: 13, kind: 'name', message: expect.objectContaining({ key: 'gift.flag.name' }) },
    ]);
  });

  it('refuses questions past the limits of a skill, with their lines', () => {
    const qs = Array.from({ length: CONTENT_LIMITS.itemsPerSkill + 2 }, (_, i) => `Q${i} {T}`);
    const p = plan(qs.join('\n\n'));
    expect(p.questions).toHaveLength(CONTENT_LIMITS.itemsPerSkill);
    expect(p.rejected.map((r) => [r.line, r.reason.key])).toEqual([
      [401, 'gift.tooManyInSkill'],
      [403, 'gift.tooManyInSkill'],
    ]);
  });
});

describe('planGiftImport: errors stay with their question', () => {
  it('a syntax error refuses that question only, with its line and the column of the problem', () => {
    const good = '::A:: First {T}\n\n::C:: Third {=x ~y}';
    const bad = '::A:: First {T}\n\n::B:: 1+1=2 {T}\n\n::C:: Third {=x ~y}';
    const p = plan(bad);
    expect(p.rejected).toEqual([
      { line: 3, reason: { key: 'gift.syntaxSpecial', params: { line: 3, column: 10, char: '=' } } },
    ]);
    const q = plan(good);
    expect(p.questions.map((x) => ({ ...x, line: 0 }))).toEqual(q.questions.map((x) => ({ ...x, line: 0 })));
  });

  it('explains a missing brace and a blank line inside braces', () => {
    expect(refusal('A single line scope {').reason).toEqual({ key: 'gift.syntaxEnd', params: { line: 1 } });
    const p = plan('::New Question:: {\n    =An answer\n\n}');
    expect(p.rejected.map((r) => [r.line, r.reason.key])).toEqual([
      [1, 'gift.syntaxEnd'],
      [4, 'gift.syntaxSpecial'],
    ]);
    expect(refusal('Q {=%150%a}').reason).toMatchObject({ key: 'gift.badWeight', params: { weight: '150' } });
  });

  it('counts lines across CRLF and a byte-order mark', () => {
    const p = plan('\uFEFF// c\r\nQ1 {T}\r\n\r\nbroken {\r\n\r\nQ3 {F}');
    expect(p.questions.map((q) => q.line)).toEqual([2, 6]);
    expect(p.rejected.map((r) => r.line)).toEqual([4]);
  });

  it('refuses a second copy of a question, naming the first', () => {
    expect(plan('Q {T}\n\nQ {T}').rejected).toEqual([
      { line: 3, reason: { key: 'gift.duplicate', params: { first: 1 } } },
    ]);
  });

  it('refuses files that are not GIFT text at all', () => {
    const key = (text: string) => {
      try {
        plan(text);
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).messageKey;
      }
      return 'none';
    };
    expect(key('')).toBe('gift.empty');
    expect(key('// only a comment\n\n   \n')).toBe('gift.empty');
    expect(key('Q {T}\u0000')).toBe('gift.binary');
    expect(key('Q \uFFFD {T}')).toBe('gift.encoding');
    expect(key('x'.repeat(CONTENT_LIMITS.textChars + 1))).toBe('gift.tooLarge');
  });
});

describe('question keys', () => {
  const key = (text: string) => only(text).key;
  it('come from the content: the same question, category or feedback aside, keeps its key', () => {
    const k = key('::N:: Q {=a#good ~b}');
    expect(k).toMatch(/^g[0-9a-f]{14}$/);
    expect(key('::N:: Q {=a#better feedback ~b}')).toBe(k);
    expect(key('::N::   Q   {\n=a\n~b\n}')).toBe(k);
    expect(plan('$CATEGORY: other\n\n::N:: Q {=a ~b}').questions[0]!.key).toBe(k);
    expect(key('::N:: Q {=b ~a}')).not.toBe(k);
    expect(key('::M:: Q {=a ~b}')).not.toBe(k);
    expect(key('::N:: Q {=a ~%50%b}')).not.toBe(k);
  });
});

describe('giftBlocks', () => {
  it('cuts at blank lines and drops comment-only blocks', () => {
    expect(giftBlocks('// x\n\nA\nB\n \nC\n\n\n// y\n// z')).toEqual([
      { start: 3, lines: ['A', 'B'] },
      { start: 6, lines: ['C'] },
    ]);
  });
});

describe('gift messages', () => {
  it('English and Chinese have the same keys and placeholders', () => {
    expect(Object.keys(giftMessagesZh).sort()).toEqual(Object.keys(giftMessagesEn).sort());
    for (const [k, v] of Object.entries(giftMessagesEn)) {
      expect(placeholders(giftMessagesZh[k]!), k).toEqual(placeholders(v));
    }
  });

  it('every key the importer uses is catalogued', () => {
    const src = [
      'Q {~%50%a ~c}',
      'Q {=%50%a ~b}',
      'Q {~%100%a}',
      'Q {#5..1}',
      'Q {=a -> b}',
      'Q {}',
      'Q {=%150%a}',
      'A 1+1=2 {T}',
      'A {',
      'Q {T}',
      'Q {T}',
      '[html]<script></script>{T}',
      '[html]<img src\\=x> <a href\\=y>z</a> $$x$$ <table></table> <video></video> <script></script> {T}',
    ].join('\n\n');
    const p = plan(src);
    for (const m of [...p.rejected.map((r) => r.reason), ...p.flags.map((f) => f.message)]) {
      expect(giftMessagesEn[m.key], m.key).toBeDefined();
    }
    expect(p.rejected.length + p.questions.length).toBe(13);
  });
});
