import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from './errors';
import { planGiftImport, type GiftImportOptions } from './gift';
import { giftMessagesEn, giftMessagesZh } from './gift-messages';
import { format, placeholders } from './i18n';
import { checkQuestion, fullMarksResponse } from './question';
import { looksLikeSheet, planSheetImport, type SheetPlan } from './sheet';
import { sheetColumn, sheetTemplate, sheetType, TEMPLATE_COUNTS } from './sheet-format';
import { sheetMessagesEn, sheetMessagesZh } from './sheet-messages';

/**
 * Core tests of the spreadsheet dry run, with the stand-in sanitiser of core/gift.test.ts (the
 * real DOMPurify runs in src/app/sheet-read.test.ts and the fuzzer, tests/support/sheet-fuzz.ts).
 */
const standIn = (html: string): string =>
  html
    .replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]*>?/g, (m) => (/^<\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>$/.test(m) ? m : ''))
    .replace(/<(?!\/?(b|i|em|strong|sup|sub|br|p|ul|ol|li|code)>)/g, '&lt;');
const opts: GiftImportOptions = {
  sanitise: standIn,
  markdown: (md) => `<p>${md.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')}</p>`,
  defaultSkill: 'My bank',
};
const plan = (text: string): SheetPlan => planSheetImport(text, opts);
const gift = (text: string) => planGiftImport(text, opts);

/** A sheet from rows of cells, comma-separated, quoted where needed. */
const csv = (rows: readonly (readonly string[])[], d = ','): string =>
  rows
    .map((r) => r.map((c) => (c.includes(d) || /["\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(d))
    .join('\r\n');
const HEAD = ['type', 'question', 'option1', 'option2', 'option3', 'option4', 'answer', 'feedback'];
const one = (row: readonly string[], head: readonly string[] = HEAD) => {
  const p = plan(csv([head, row]));
  expect(p.rejected).toEqual([]);
  expect(p.questions).toHaveLength(1);
  return p.questions[0]!;
};
const refusal = (row: readonly string[], head: readonly string[] = HEAD) => {
  const p = plan(csv([head, row]));
  expect(p.questions).toEqual([]);
  expect(p.rejected).toHaveLength(1);
  expect(p.rejected[0]!.line).toBe(2);
  return p.rejected[0]!.reason;
};
const fileError = (text: string): string => {
  try {
    plan(text);
  } catch (e) {
    if (e instanceof ValidationError) return e.messageKey;
    throw e;
  }
  return 'none';
};
const fullMarks = (q: { answer: Parameters<typeof fullMarksResponse>[0] }) =>
  checkQuestion(q.answer, fullMarksResponse(q.answer), 'en').status;

describe('planSheetImport: reading CSV as Excel and LibreOffice write it', () => {
  const rows = [
    ['type', 'question', 'answer'],
    ['truefalse', 'Water is wet.', 'TRUE'],
    ['short', 'Say "hi", twice; then stop', 'hi hi'],
  ];
  it.each([
    [',', 'comma'],
    [';', 'semicolon (Excel where the decimal separator is a comma)'],
    ['\t', 'tab (Excel’s “Unicode text”)'],
  ])('finds the delimiter %j from the header row: %s', (d) => {
    const p = plan(csv(rows, d));
    expect(p.delimiter).toBe(d);
    expect(p.rejected).toEqual([]);
    expect(p.questions.map((q) => q.answer.kind)).toEqual(['truefalse', 'text']);
    expect(p.questions[1]!.prompt).toBe('Say "hi", twice; then stop');
  });

  it('reads CRLF and LF, a byte-order mark, and Excel’s sep= line', () => {
    const lf = plan('question,type,answer\nA?,truefalse,T\n');
    const crlf = plan('\uFEFFquestion,type,answer\r\nA?,truefalse,T\r\n');
    expect(crlf.questions).toEqual(lf.questions);
    const sep = plan('sep=;\r\nquestion;type;answer\r\nA, or B?;truefalse;F\r\n');
    expect(sep.delimiter).toBe(';');
    expect(sep.questions[0]!.prompt).toBe('A, or B?');
    expect(sep.questions[0]!.line).toBe(2);
  });

  it('reads quoted cells: doubled quotes, line breaks inside, and counts rows as Excel does', () => {
    const text =
      'type,question,answer\r\n' +
      'truefalse,"Line one\r\nline ""two""\r\nline three",T\r\n' +
      'truefalse,Next row,F\r\n' +
      'bogus,x,y\r\n';
    const p = plan(text);
    expect(p.questions.map((q) => q.line)).toEqual([2, 3]);
    expect(p.questions[0]!.prompt).toBe('Line one<br>line "two"<br>line three');
    // Row 4 in Excel, line 6 of the text: the row number is what the teacher sees.
    expect(p.rejected).toEqual([
      { line: 4, reason: { key: 'sheet.unknownType', params: { type: 'bogus' } } },
    ]);
  });

  it('skips empty rows (Excel writes them as delimiters only) but keeps counting them', () => {
    const p = plan('type,question,answer\r\n,,\r\n\r\ntruefalse,A?,T\r\n , ,\r\n');
    expect(p.questions.map((q) => q.line)).toEqual([4]);
    expect(p.rejected).toEqual([]);
  });

  it('refuses a row whose quote never closes, saying the rest of the file is one cell', () => {
    const p = plan('type,question,answer\ntruefalse,A?,T\ntruefalse,"B?,T\ntruefalse,C?,T\n');
    expect(p.questions.map((q) => q.line)).toEqual([2]);
    expect(p.rejected).toEqual([{ line: 3, reason: { key: 'sheet.unclosedQuote', params: {} } }]);
  });

  it('refuses a row with more cells than columns (an unquoted comma)', () => {
    const p = plan('type,question,answer\ntruefalse,Is 1,5 a number?,T\n');
    expect(p.rejected).toEqual([{ line: 2, reason: { key: 'sheet.extraCells', params: { columns: 3 } } }]);
  });

  it('refuses a file that is not a question sheet, with a reason', () => {
    expect(fileError('')).toBe('sheet.empty');
    expect(fileError('type,question,answer\r\n\r\n,,\r\n')).toBe('sheet.empty');
    expect(fileError('Q {T}\n\nQ2 {F}')).toBe('sheet.missingColumns');
    expect(fileError('question,answer\nA?,T')).toBe('sheet.missingColumns');
    expect(fileError('type,question,题目,answer\ntruefalse,A?,A?,T')).toBe('sheet.duplicateColumn');
    expect(fileError('type,question\nA\u0000,B')).toBe('sheet.binary');
    expect(fileError('type,question\nA\uFFFD,B')).toBe('sheet.encoding');
    expect(looksLikeSheet('type;question;answer\n')).toBe(true);
    expect(looksLikeSheet('::Q:: What? {T}')).toBe(false);
  });
});

describe('planSheetImport: columns in English and Chinese', () => {
  it('accepts Chinese header names and type words, any case and width', () => {
    const p = plan(
      csv([
        ['知识点', '题型', '题干', '选项A', '选项B', '选项C', '正确答案', '解析', '难度', '语言'],
        ['分数', '单选题', '哪个最大？', '一半', '三分之一', '四分之一', 'A', '一半最大。', '2', '中文'],
        ['分数', '判断题', '二分之一等于四分之二。', '', '', '', '对', '', '', 'zh-CN'],
      ]),
    );
    expect(p.rejected).toEqual([]);
    expect(p.questions.map((q) => [q.answer.kind, q.level, q.lang])).toEqual([
      ['single', 2, 'zh-CN'],
      ['truefalse', 1, 'zh-CN'],
    ]);
    expect(p.questions[0]!.explanation).toBe('一半最大。');
    expect(p.skills).toEqual([
      expect.objectContaining({ name: '分数', category: '分数', line: 2, questions: 2, lang: 'zh-CN' }),
    ]);
  });

  it('reads header spellings as the same column', () => {
    for (const h of ['Option 1', 'OPTION_1', 'option１', '选项 1', 'Choice A', 'A', '选项a']) {
      expect(sheetColumn(h), h).toEqual({ option: 1 });
    }
    expect(sheetColumn('Question Type')).toEqual({ field: 'type' });
    expect(sheetColumn('答错提示')).toEqual({ field: 'feedback' });
    expect(sheetColumn('1')).toBeNull();
    expect(sheetColumn('notes')).toBeNull();
    expect(sheetType('True/False')).toBe('truefalse');
    expect(sheetType('多项选择题')).toBe('multiple');
    expect(sheetType('Fill in the blank')).toBe('text');
  });

  it('flags columns it does not read, and unnamed columns that hold something', () => {
    const p = plan('type,question,answer,notes,\ntruefalse,A?,T,mine,oops\n');
    expect(p.questions).toHaveLength(1);
    expect(p.flags).toEqual([
      {
        line: 1,
        kind: 'removed',
        message: { key: 'sheet.flag.column', params: { name: 'notes', column: 'D' } },
      },
      { line: 1, kind: 'removed', message: { key: 'sheet.flag.unnamedColumn', params: { column: 'E' } } },
    ]);
  });

  it('records each row’s language, and a skill’s when all its rows agree', () => {
    const p = plan(
      csv([
        ['skill', 'type', 'question', 'answer', 'language'],
        ['A', 'truefalse', 'One?', 'T', 'en'],
        ['A', 'truefalse', 'Two?', 'T', 'English'],
        ['B', 'truefalse', 'Three?', 'T', 'en'],
        ['B', 'truefalse', '四？', 'T', '中文'],
        ['C', 'truefalse', 'Five?', 'T', ''],
      ]),
    );
    expect(p.skills.map((s) => [s.name, s.lang])).toEqual([
      ['A', 'en'],
      ['B', undefined],
      ['C', undefined],
    ]);
    expect(p.questions.map((q) => q.lang)).toEqual(['en', 'en', 'en', 'zh-CN', undefined]);
  });

  it('puts rows without a skill in the default skill, and makes skills as GIFT categories do', () => {
    const p = plan(
      csv([
        ['skill', 'type', 'question', 'answer'],
        ['', 'truefalse', 'A?', 'T'],
        ['Algebra/Linear', 'truefalse', 'B?', 'F'],
      ]),
    );
    const g = gift('$CATEGORY: $course$/top/Algebra/Linear\n\nB? {F}');
    expect(p.skills.map((s) => [s.id, s.name])).toEqual([
      ['my-bank', 'My bank'],
      [g.skills[0]!.id, g.skills[0]!.name],
    ]);
  });
});

describe('planSheetImport: each type', () => {
  it('single: the answer names one option by letter, number or text', () => {
    for (const answer of ['C', 'c', '3', 'Ｃ', 'Paris']) {
      const q = one([
        'single',
        'Capital of France?',
        'Berlin',
        'Madrid',
        'Paris',
        'Rome',
        answer,
        'Look at a map.',
      ]);
      expect(q.answer).toEqual({
        kind: 'single',
        options: [
          { html: 'Berlin', credit: 0, feedback: 'Look at a map.' },
          { html: 'Madrid', credit: 0, feedback: 'Look at a map.' },
          { html: 'Paris', credit: 1 },
          { html: 'Rome', credit: 0, feedback: 'Look at a map.' },
        ],
      });
      expect(q.level).toBe(1);
    }
  });

  it('multiple: equal shares for the right options, −100 % for a wrong one', () => {
    for (const answer of ['A, C', 'AC', 'a;c', 'A、C', 'A C']) {
      const q = one(['multiple', 'Even?', '2', '3', '4', '7', answer, '']);
      expect(q.answer).toEqual({
        kind: 'multiple',
        options: [
          { html: '2', credit: 0.5 },
          { html: '3', credit: -1 },
          { html: '4', credit: 0.5 },
          { html: '7', credit: -1 },
        ],
      });
      expect(checkQuestion(q.answer, '0,2', 'en').status).toBe('correct');
      expect(checkQuestion(q.answer, '0,1,2,3', 'en').status).toBe('incorrect');
      expect(checkQuestion(q.answer, '0', 'en').score).toBe(0.5);
    }
  });

  it('names options by number when no option reads as another number', () => {
    const q = one(['multiple', 'Even?', 'two', 'three', 'four', '', '1,3', '']);
    expect(q.answer.kind === 'multiple' && q.answer.options.map((o) => o.credit)).toEqual([0.5, -1, 0.5]);
  });

  it('“choice” (and 选择) is single or multiple by its answer', () => {
    expect(one(['choice', 'Q?', 'a', 'b', '', '', 'B', '']).answer.kind).toBe('single');
    expect(one(['选择题', 'Q?', 'a', 'b', 'c', '', 'B,C', '']).answer.kind).toBe('multiple');
  });

  it('truefalse: English, Chinese and Excel’s TRUE/FALSE; feedback is for a wrong answer', () => {
    for (const [a, correct] of [
      ['TRUE', true],
      ['f', false],
      ['对', true],
      ['错误', false],
      ['√', true],
      ['×', false],
    ] as const) {
      const q = one(['truefalse', 'Q?', '', '', '', '', a, 'No.']);
      expect(q.answer).toEqual({ kind: 'truefalse', correct, feedbackWrong: 'No.' });
    }
  });

  it('short: accepted answers separated by | or line breaks; feedback for any other answer', () => {
    const q = one([
      'short',
      'Ocean?',
      '',
      '',
      '',
      '',
      'Atlantic | Atlantic Ocean\nthe Atlantic',
      'Second largest.',
    ]);
    expect(q.answer).toEqual({
      kind: 'text',
      accepted: [
        { text: 'Atlantic', credit: 1 },
        { text: 'Atlantic Ocean', credit: 1 },
        { text: 'the Atlantic', credit: 1 },
        { text: '*', credit: 0, feedback: 'Second largest.' },
      ],
    });
    expect(checkQuestion(q.answer, 'atlantic ocean', 'en').status).toBe('correct');
    expect(checkQuestion(q.answer, 'Pacific', 'en')).toMatchObject({
      status: 'incorrect',
      feedback: ['Second largest.'],
    });
  });

  it('number: exact, ± or : tolerance, a range, several, and a decimal comma', () => {
    const answer = (a: string) => one(['number', 'Q?', '', '', '', '', a, '']).answer;
    expect(answer('3.5')).toEqual({ kind: 'number', accepted: [{ value: 3.5, tolerance: 0, credit: 1 }] });
    expect(answer('3,5')).toEqual(answer('3.5'));
    expect(answer('3,14±0,01')).toEqual({
      kind: 'number',
      accepted: [{ value: 3.14, tolerance: 0.01, credit: 1 }],
    });
    expect(answer('3.14 : 0.01')).toEqual(answer('3,14±0,01'));
    expect(answer('1..5')).toEqual({ kind: 'number', accepted: [{ min: 1, max: 5, credit: 1 }] });
    expect(answer('1,5..2,5')).toEqual({ kind: 'number', accepted: [{ min: 1.5, max: 2.5, credit: 1 }] });
    expect(answer('−2 | 2')).toEqual({
      kind: 'number',
      accepted: [
        { value: -2, tolerance: 0, credit: 1 },
        { value: 2, tolerance: 0, credit: 1 },
      ],
    });
    expect(answer('１２')).toEqual({ kind: 'number', accepted: [{ value: 12, tolerance: 0, credit: 1 }] });
    const q = one(['number', 'Q?', '', '', '', '', '3,5', 'Halve it.']);
    expect(checkQuestion(q.answer, '3,5', 'en').status).toBe('correct');
    expect(checkQuestion(q.answer, '4', 'en')).toMatchObject({
      status: 'incorrect',
      feedback: ['Halve it.'],
    });
  });

  it('matching: “prompt -> match” cells, a cell without an arrow is an extra wrong match', () => {
    const q = one(['matching', 'Match.', 'cow -> grass', 'panda → bamboo', 'stones', '-> rocks', '', '']);
    expect(q.answer).toEqual({
      kind: 'matching',
      pairs: [
        { prompt: 'cow', match: 'grass' },
        { prompt: 'panda', match: 'bamboo' },
      ],
      distractors: ['stones', 'rocks'],
    });
    expect(fullMarks(q)).toBe('correct');
  });

  it('lesson: a lesson card for its skill, titled by its name', () => {
    const p = plan(
      csv([
        ['skill', 'type', 'question', 'name'],
        ['Capitals', 'lesson', 'A capital is…', 'Capital cities'],
      ]),
    );
    expect(p.lessons).toEqual([
      { line: 2, skill: 'capitals', html: 'A capital is…', title: 'Capital cities' },
    ]);
    expect(p.skills[0]).toMatchObject({ questions: 0, lessons: 1 });
  });

  it('level: 1–3 or words, else from the kind; name and explanation kept', () => {
    const head = ['type', 'question', 'answer', 'level', 'name', 'explanation'];
    expect(one(['short', 'Q?', 'a', '', '', ''], head).level).toBe(3);
    expect(one(['short', 'Q?', 'a', 'easy', '', ''], head).level).toBe(1);
    expect(one(['short', 'Q?', 'a', '难', '', ''], head).level).toBe(3);
    const q = one(['truefalse', 'Q?', 'T', '2', ' My  name ', 'Because.'], head);
    expect(q).toMatchObject({ level: 2, name: 'My name', explanation: 'Because.' });
  });

  it('every imported question can be answered for full marks', () => {
    const p = plan(sheetTemplate('en'));
    for (const q of p.questions) expect(fullMarks(q), q.answer.kind).toBe('correct');
  });
});

describe('planSheetImport: cells are plain text', () => {
  it('escapes markup in a plain cell, keeps line breaks and backslashes', () => {
    const q = one(['truefalse', 'Is <b>this</b> & "that" bold?\nprint("a\\nb")', '', '', '', '', 'F', '']);
    expect(q.prompt).toBe('Is &lt;b&gt;this&lt;/b&gt; &amp; "that" bold?<br>print("a&#92;nb")');
  });

  it('renders html and markdown cells when the row says so, through the sanitiser', () => {
    const head = ['type', 'question', 'answer', 'format'];
    expect(one(['truefalse', '<b>Bold</b><script>x</script>?', 'T', 'html'], head).prompt).toBe(
      '<b>Bold</b>?',
    );
    expect(one(['truefalse', '**Bold**?', 'T', 'Markdown'], head).prompt).toBe(
      '<p><strong>Bold</strong>?</p>',
    );
  });

  it('flags TeX as GIFT does', () => {
    const p = plan(csv([HEAD, ['truefalse', 'Is $$x^2$$ positive?', '', '', '', '', 'T', '']]));
    expect(p.flags).toEqual([{ line: 2, kind: 'tex', message: { key: 'gift.flag.tex', params: {} } }]);
  });
});

describe('planSheetImport: errors per row, with the row number and a reason', () => {
  it.each([
    [['', 'Q?', '', '', '', '', 'T', ''], 'sheet.noType'],
    [['poem', 'Q?', '', '', '', '', 'T', ''], 'sheet.unknownType'],
    [['essay', 'Q?', '', '', '', '', '', ''], 'gift.essay'],
    [['truefalse', '', '', '', '', '', 'T', ''], 'gift.emptyPrompt'],
    [['truefalse', 'Q?', '', '', '', '', '', ''], 'sheet.noAnswer'],
    [['truefalse', 'Q?', '', '', '', '', 'maybe', ''], 'sheet.badTrueFalse'],
    [['truefalse', 'Q?', 'True', 'False', '', '', 'A', ''], 'sheet.unexpectedCell'],
    [['single', 'Q?', 'a', '', '', '', 'A', ''], 'gift.tooFewOptions'],
    [['single', 'Q?', 'a', 'b', '', '', '', ''], 'sheet.noAnswer'],
    [['single', 'Q?', 'a', 'b', '', '', 'Z!', ''], 'sheet.badChoiceAnswer'],
    [['single', 'Q?', 'a', 'b', '', '', 'AA', ''], 'sheet.badChoiceAnswer'],
    [['single', 'Q?', 'a', 'b', '', '', 'D', ''], 'sheet.missingOption'],
    [['single', 'Q?', 'a', 'b', '', '', 'A,B', ''], 'sheet.severalRight'],
    [['single', '1+2?', '2', '3', '4', '5', '3', ''], 'sheet.ambiguousChoice'],
    [['number', 'Q?', '', '', '', '', 'three', ''], 'sheet.badNumber'],
    [['number', 'Q?', '', '', '', '', '1,000', ''], 'sheet.ambiguousNumber'],
    [['number', 'Q?', '', '', '', '', '1.000,5', ''], 'sheet.ambiguousNumber'],
    [['number', 'Q?', '', '', '', '', '5..1', ''], 'gift.badRange'],
    [['number', 'Q?', '', '', '', '', '1e999', ''], 'sheet.badNumber'],
    [['matching', 'Q?', 'a -> b', '', '', '', '', ''], 'gift.tooFewPairs'],
    [['matching', 'Q?', 'a -> b', 'c -> d', '', '', 'A', ''], 'sheet.unexpectedCell'],
    [['matching', 'Q?', 'a -> b', 'c -> d', '', '', '', 'Hint'], 'sheet.feedbackMatching'],
    [['matching', 'Q?', 'a -> b', 'c ->', '', '', '', ''], 'gift.emptyPair'],
    [['lesson', 'Text', '', '', '', '', 'A', ''], 'sheet.unexpectedCell'],
  ])('%j → %s', (row, key) => {
    const reason = refusal(row);
    expect(reason.key).toBe(key);
    expect(sheetMessagesEn[key] ?? giftMessagesEn[key], key).toBeDefined();
  });

  it('refuses bad level, language and format cells', () => {
    const head = ['type', 'question', 'answer', 'level', 'language', 'format'];
    expect(refusal(['truefalse', 'Q?', 'T', '4', '', ''], head).key).toBe('sheet.badLevel');
    expect(refusal(['truefalse', 'Q?', 'T', '', 'fr', ''], head).key).toBe('sheet.badLanguage');
    expect(refusal(['truefalse', 'Q?', 'T', '', '', 'rtf'], head).key).toBe('sheet.badFormat');
  });

  it('refuses a second copy of a question, naming the first row; other rows are unchanged', () => {
    const p = plan(
      csv([
        ['type', 'question', 'answer', 'feedback'],
        ['truefalse', 'Q?', 'T', ''],
        ['bogus', 'R?', 'T', ''],
        ['truefalse', 'Q?', 'TRUE', 'Different feedback, same question.'],
        ['truefalse', 'S?', 'F', ''],
      ]),
    );
    expect(p.questions.map((q) => q.line)).toEqual([2, 5]);
    expect(p.rejected).toEqual([
      { line: 3, reason: { key: 'sheet.unknownType', params: { type: 'bogus' } } },
      { line: 4, reason: { key: 'sheet.duplicate', params: { first: 2 } } },
    ]);
  });

  it('reads as a person would say it, in both languages', () => {
    const reason = refusal(['single', '1+2?', '2', '3', '4', '5', '3', '']);
    expect(format(sheetMessagesEn, reason, 'en')).toBe(
      'The answer “3” could mean option C (3) or the option that reads “3”: write the option’s letter instead.',
    );
    expect(format(sheetMessagesZh, reason, 'zh-CN')).toBe(
      '答案“3”既可能是选项 C（第 3 个），也可能是内容为“3”的选项：请改写成选项字母。',
    );
  });
});

describe('keys: the same question from GIFT or a sheet has the same key', () => {
  const key = (row: readonly string[], head = HEAD) => one(row, head).key;
  const giftKey = (text: string) => {
    const p = gift(text);
    expect(p.rejected).toEqual([]);
    return p.questions[0]!.key;
  };
  it.each([
    [['single', 'What is 2+2?', '3', '4', '5', '', 'B', 'Count.'], 'What is 2+2? {~3 =4 ~5}'],
    [['multiple', 'Even?', '2', '3', '4', '', 'A,C', ''], 'Even? {~%50%2 ~%-100%3 ~%50%4}'],
    [['truefalse', 'Water is wet.', '', '', '', '', 'T', 'No.'], 'Water is wet. {T}'],
    [
      ['short', 'Capital of France?', '', '', '', '', 'Paris | paris', ''],
      'Capital of France? {=Paris =paris}',
    ],
    [['number', 'Half of 7?', '', '', '', '', '3.5', ''], 'Half of 7? {#3.5}'],
    [['number', 'Pi?', '', '', '', '', '3.14±0.01', ''], 'Pi? {#3.14:0.01}'],
    [['number', 'Small?', '', '', '', '', '1..5', ''], 'Small? {#1..5}'],
    [['number', 'Two?', '', '', '', '', '2|2.0', ''], 'Two? {#=2 =2.0}'],
    [
      ['matching', 'Match.', 'cow -> grass', 'cat -> fish', 'stones', '', '', ''],
      'Match. {=cow -> grass =cat -> fish = -> stones}',
    ],
    [['single', '1+1=2: true?', 'yes', 'no', '', '', 'A', ''], '1+1\\=2\\: true? {=yes ~no}'],
  ])('%j ≡ %s', (row, g) => {
    expect(key(row)).toBe(giftKey(g));
  });

  it('with a name, and for html cells', () => {
    const head = ['type', 'question', 'answer', 'name', 'format'];
    expect(key(['truefalse', 'Wet?', 'T', 'Water', ''], head)).toBe(giftKey('::Water::Wet? {T}'));
    expect(key(['truefalse', '<b>Wet</b>?', 'T', '', 'html'], head)).toBe(giftKey('[html]<b>Wet</b>? {T}'));
    // Plain "<b>" is not HTML: not the key of the Moodle-format text.
    expect(key(['truefalse', '<b>Wet</b>?', 'T', '', ''], head)).not.toBe(giftKey('<b>Wet</b>? {T}'));
  });

  it('is kept when feedback, explanation, skill or level change', () => {
    const head = ['skill', 'type', 'question', 'answer', 'feedback', 'explanation', 'level'];
    expect(key(['A', 'truefalse', 'Q?', 'T', '', '', ''], head)).toBe(
      key(['B', 'truefalse', 'Q?', 'TRUE', 'No.', 'Because.', '3'], head),
    );
  });
});

describe('the template', () => {
  it.each(['en', 'zh-CN'] as const)('%s imports with no error: one row per type', (locale) => {
    for (const d of [',', ';', '\t'] as const) {
      const text = sheetTemplate(locale, d);
      expect(text.startsWith('\uFEFF')).toBe(true);
      const p = plan(text);
      expect(p.delimiter).toBe(d);
      expect(p.rejected).toEqual([]);
      expect(p.flags).toEqual([]);
      expect(p.questions).toHaveLength(TEMPLATE_COUNTS.questions);
      expect(p.lessons).toHaveLength(TEMPLATE_COUNTS.lessons);
      expect(p.questions.map((q) => q.answer.kind)).toEqual([
        'single',
        'multiple',
        'truefalse',
        'text',
        'number',
        'matching',
      ]);
      expect(new Set([...p.questions, ...p.lessons].map((x) => x.lang))).toEqual(new Set([locale]));
      expect(p.skills.every((s) => s.lang === locale)).toBe(true);
    }
  });

  it('has nothing Excel would turn into a date, a time or a formula', () => {
    for (const locale of ['en', 'zh-CN'] as const) {
      const cells = sheetTemplate(locale)
        .replace(/^\uFEFF/, '')
        .split(/\r\n/)
        .flatMap((r) => r.split(','));
      for (const c of cells) {
        expect(c, c).not.toMatch(/^\s*[=+\-@]/);
        expect(c, c).not.toMatch(/^\d+\/\d+$|^\d+:\d+$/);
      }
    }
  });

  it('matches the committed docs/sheet-template.*.csv', () => {
    for (const [locale, file] of [
      ['en', 'sheet-template.en.csv'],
      ['zh-CN', 'sheet-template.zh-CN.csv'],
    ] as const) {
      const committed = readFileSync(new URL(`../../docs/${file}`, import.meta.url), 'utf8');
      expect(committed).toBe(sheetTemplate(locale));
    }
  });
});

describe('sheet messages', () => {
  it('English and Chinese have the same keys and placeholders', () => {
    expect(Object.keys(sheetMessagesZh).sort()).toEqual(Object.keys(sheetMessagesEn).sort());
    for (const [k, v] of Object.entries(sheetMessagesEn)) {
      expect(placeholders(sheetMessagesZh[k]!), k).toEqual(placeholders(v));
    }
  });

  it('every key the importer and the decoder use is catalogued, in both languages', () => {
    const src = ['./sheet.ts', '../app/sheet-read.ts']
      .map((f) => readFileSync(new URL(f, import.meta.url), 'utf8'))
      .join('\n');
    const used = new Set([...src.matchAll(/'((?:sheet|gift)\.[A-Za-z.]+)'/g)].map((m) => m[1]!));
    expect(used.size).toBeGreaterThan(30);
    for (const k of used) {
      expect(sheetMessagesEn[k] ?? giftMessagesEn[k], k).toBeDefined();
      expect(sheetMessagesZh[k] ?? giftMessagesZh[k], k).toBeDefined();
    }
  });
});
