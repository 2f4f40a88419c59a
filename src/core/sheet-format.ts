/**
 * The spreadsheet a teacher fills in to import questions (issue 12, deliverable 2): its columns,
 * the words accepted in them (English and Chinese), and the downloadable template. Pure and
 * small, with no CSV parser: the UI can offer the template without loading the importer
 * (core/sheet.ts, which loads papaparse). docs/gift-import.md, "Spreadsheets", is the teacher's
 * reference for all of this.
 */
import type { Locale } from './i18n';
import type { QuestionKind } from './question';
import type { Difficulty } from './types';

/** Most option columns a row may have (GIFT_LIMITS.options). */
export const SHEET_OPTIONS = 20;

export type SheetField =
  | 'skill'
  | 'type'
  | 'question'
  | 'answer'
  | 'feedback'
  | 'explanation'
  | 'level'
  | 'name'
  | 'language'
  | 'format';

/** A header cell read: a field, or option n (1-based). */
export type SheetColumn = { readonly field: SheetField } | { readonly option: number };

/**
 * A header or a value as compared: NFKC (full-width letters and digits become ASCII), lower
 * case, without spaces, `_`, `-`, `.`, `/`, `:`, `*` or brackets ("Option 1", "option_1",
 * "OPTION１" and "选项 1" are the same header).
 */
export function foldWord(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s_\-./:：*()（）[\]【】]/g, '');
}

/** Accepted header names per field, folded. The first English and Chinese are the template's. */
const FIELD_NAMES: Readonly<Record<SheetField, readonly string[]>> = {
  skill: ['skill', 'category', 'topic', '技能', '类别', '分类', '知识点', '章节'],
  type: ['type', 'questiontype', 'kind', '题型', '类型', '题目类型'],
  question: [
    'question',
    'prompt',
    'stem',
    'questiontext',
    'text',
    '题目',
    '题干',
    '问题',
    '试题',
    '题目内容',
    '试题内容',
  ],
  answer: [
    'answer',
    'answers',
    'correct',
    'correctanswer',
    'correctanswers',
    'rightanswer',
    'key',
    '答案',
    '正确答案',
    '参考答案',
    '正确选项',
  ],
  feedback: ['feedback', 'wrongfeedback', 'hint', '答错提示', '反馈', '提示'],
  explanation: ['explanation', 'generalfeedback', 'solution', '解析', '解释', '答案解析'],
  level: ['level', 'difficulty', '难度', '级别', '等级'],
  name: ['name', 'title', 'questionname', '名称', '题名', '标题'],
  language: ['language', 'lang', 'locale', '语言'],
  format: ['format', 'textformat', '格式'],
};

const FIELD_OF = new Map<string, SheetField>(
  Object.entries(FIELD_NAMES).flatMap(([f, names]) => names.map((n) => [n, f as SheetField] as const)),
);

const LETTERS = 'abcdefghijklmnopqrst';

/** The letter of option n (1 → "A"). */
export const optionLetter = (n: number): string => LETTERS[n - 1]?.toUpperCase() ?? String(n);

/** A header cell's column, or null for a header Lantern does not read. */
export function sheetColumn(header: string): SheetColumn | null {
  const h = foldWord(header);
  const field = FIELD_OF.get(h);
  if (field) return { field };
  // option1, choice 1, 选项1, optionA, 选项A, and a bare letter (A, B…) as in many Chinese banks.
  const m = /^(option|choice|选项)?(\d{1,2}|[a-t])$/.exec(h);
  if (!m) return null;
  const id = m[2]!;
  const digits = /^\d/.test(id);
  if (digits && m[1] === undefined) return null; // a bare number is not a header
  const n = digits ? Number(id) : LETTERS.indexOf(id) + 1;
  return n >= 1 && n <= SHEET_OPTIONS ? { option: n } : null;
}

/** What a type cell asks for: a kind, a lesson card, a choice decided by its answer, or an essay. */
export type SheetType = QuestionKind | 'lesson' | 'choice' | 'essay';

const TYPE_NAMES: Readonly<Record<SheetType, readonly string[]>> = {
  single: ['single', 'singlechoice', 'singleanswer', 'one', 'radio', '单选', '单项选择', '单选择'],
  multiple: [
    'multiple',
    'multi',
    'multipleanswer',
    'multipleanswers',
    'multipleresponse',
    'multiresponse',
    'checkbox',
    'checkboxes',
    '多选',
    '多项选择',
    '不定项',
    '不定项选择',
  ],
  choice: ['choice', 'multiplechoice', 'mc', 'mcq', '选择'],
  truefalse: ['truefalse', 'tf', 'trueorfalse', 'boolean', 'yesno', '判断', '是非', '对错'],
  text: ['short', 'shortanswer', 'text', 'fillin', 'fillintheblank', 'blank', '填空', '简答'],
  number: ['number', 'numeric', 'numerical', '数值', '数字', '计算'],
  matching: ['matching', 'match', '配对', '匹配', '连线'],
  lesson: ['lesson', 'lessoncard', 'card', 'description', '课文', '讲解', '知识卡', '说明'],
  essay: ['essay', 'longanswer', '问答', '论述', '作文'],
};

const TYPE_OF = new Map<string, SheetType>(
  Object.entries(TYPE_NAMES).flatMap(([t, names]) => names.map((n) => [n, t as SheetType] as const)),
);

/** A type cell's type ("Single choice", "单选题", "True/False"…), or null. */
export function sheetType(cell: string): SheetType | null {
  const t = foldWord(cell).replace(/题$/, '');
  return TYPE_OF.get(t) ?? null;
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', '对', '是', '正确', '真', '√', '✓', '✔']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', '错', '否', '错误', '假', '×', '✗', '✘', 'x']);

/** A true/false answer ("TRUE", "F", "对", "×"…), or null. */
export function sheetBoolean(cell: string): boolean | null {
  const t = foldWord(cell).replace(/的$/, '');
  return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : null;
}

const LEVELS: Readonly<Record<string, Difficulty>> = {
  '1': 1,
  '2': 2,
  '3': 3,
  easy: 1,
  medium: 2,
  hard: 3,
  易: 1,
  中: 2,
  难: 3,
  简单: 1,
  容易: 1,
  中等: 2,
  困难: 3,
  较难: 3,
};

/** A level cell (1–3, easy/medium/hard, 易/中/难), or null. */
export function sheetLevel(cell: string): Difficulty | null {
  return LEVELS[foldWord(cell)] ?? null;
}

const LANGUAGES: Readonly<Record<string, Locale>> = {
  en: 'en',
  eng: 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
  zh: 'zh-CN',
  zhcn: 'zh-CN',
  zhhans: 'zh-CN',
  cn: 'zh-CN',
  chinese: 'zh-CN',
  中文: 'zh-CN',
  汉语: 'zh-CN',
  简体中文: 'zh-CN',
};

/** A language cell (en, English, 英文; zh-CN, zh, Chinese, 中文), or null. */
export function sheetLanguage(cell: string): Locale | null {
  return LANGUAGES[foldWord(cell)] ?? null;
}

export type SheetTextFormat = 'plain' | 'html' | 'markdown';

const FORMATS: Readonly<Record<string, SheetTextFormat>> = {
  plain: 'plain',
  text: 'plain',
  纯文本: 'plain',
  文本: 'plain',
  html: 'html',
  markdown: 'markdown',
  md: 'markdown',
};

/** A format cell (plain, html, markdown), or null. */
export function sheetFormat(cell: string): SheetTextFormat | null {
  return FORMATS[foldWord(cell)] ?? null;
}

// ---------------------------------------------------------------------------------------------
// The template

/** The template's header names per locale (the first names above). */
const TEMPLATE_HEADERS: Readonly<Record<Locale, readonly string[]>> = {
  en: [
    'skill',
    'type',
    'question',
    'option1',
    'option2',
    'option3',
    'option4',
    'answer',
    'feedback',
    'explanation',
    'level',
    'name',
    'language',
  ],
  'zh-CN': [
    '技能',
    '题型',
    '题目',
    '选项1',
    '选项2',
    '选项3',
    '选项4',
    '答案',
    '答错提示',
    '解析',
    '难度',
    '名称',
    '语言',
  ],
};

// One example per type. Nothing Excel would change when it opens the file: no fractions (1/2
// becomes a date), no cell starting with =, +, - or @ (a formula), no "a:b" (a time).
const TEMPLATE_ROWS: Readonly<Record<Locale, readonly (readonly string[])[]>> = {
  en: [
    [
      'Geography',
      'single',
      'What is the capital of France?',
      'Berlin',
      'Madrid',
      'Paris',
      'Rome',
      'C',
      'Look at a map: the capital is on the river Seine.',
      'Paris has been the capital of France for over a thousand years.',
      '1',
      'Capital of France',
      'en',
    ],
    [
      'Maths',
      'multiple',
      'Which numbers are even?',
      '2',
      '3',
      '4',
      '7',
      'A, C',
      'An even number splits into two equal whole halves.',
      '2 and 4 are even; 3 and 7 leave 1 over.',
      '2',
      'Even numbers',
      'en',
    ],
    [
      'Science',
      'truefalse',
      'At sea level, water boils at 100 °C.',
      '',
      '',
      '',
      '',
      'TRUE',
      'Think of a kettle at the seaside.',
      'At sea level water boils at 100 °C; up a mountain it boils at a lower temperature.',
      '1',
      '',
      'en',
    ],
    [
      'Geography',
      'short',
      'Which ocean lies between Europe and North America?',
      '',
      '',
      '',
      '',
      'Atlantic | Atlantic Ocean',
      'It is the second-largest ocean.',
      'The Atlantic Ocean separates Europe and Africa from the Americas.',
      '',
      '',
      'en',
    ],
    [
      'Maths',
      'number',
      'What is half of 7?',
      '',
      '',
      '',
      '',
      '3.5',
      'Halve 6, then halve the 1 that is left.',
      '7 ÷ 2 = 3.5',
      '',
      '',
      'en',
    ],
    [
      'Science',
      'matching',
      'Match each animal with what it eats.',
      'cow -> grass',
      'panda -> bamboo',
      'rabbit -> carrots',
      'stones',
      '',
      '',
      'A cell with no arrow (“stones”) is an extra wrong match.',
      '',
      'What animals eat',
      'en',
    ],
    [
      'Geography',
      'lesson',
      'A capital is the city where a country’s government meets. Most capitals are large cities, but not all: the capital of Australia is Canberra, not Sydney.',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      'Capital cities',
      'en',
    ],
  ],
  'zh-CN': [
    [
      '地理',
      '单选',
      '中国的首都是哪座城市？',
      '上海',
      '北京',
      '广州',
      '深圳',
      'B',
      '想一想天安门在哪座城市。',
      '北京是中华人民共和国的首都。',
      '1',
      '中国的首都',
      'zh-CN',
    ],
    [
      '数学',
      '多选',
      '下面哪些数是偶数？',
      '2',
      '3',
      '4',
      '7',
      'A、C',
      '偶数可以平均分成两个相同的整数。',
      '2 和 4 是偶数；3 和 7 除以 2 余 1。',
      '2',
      '偶数',
      'zh-CN',
    ],
    [
      '科学',
      '判断',
      '在海平面上，水在 100 °C 沸腾。',
      '',
      '',
      '',
      '',
      '对',
      '想一想在海边烧开水。',
      '在海平面上水在 100 °C 沸腾；在高山上沸点更低。',
      '1',
      '',
      'zh-CN',
    ],
    [
      '语文',
      '填空',
      '“春眠不觉晓”的下一句是什么？',
      '',
      '',
      '',
      '',
      '处处闻啼鸟',
      '这是孟浩然的《春晓》。',
      '春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。',
      '',
      '春晓',
      'zh-CN',
    ],
    [
      '数学',
      '数值',
      '7 的一半是多少？',
      '',
      '',
      '',
      '',
      '3.5',
      '先算 6 的一半，再算剩下的 1 的一半。',
      '7 ÷ 2 = 3.5',
      '',
      '',
      'zh-CN',
    ],
    [
      '科学',
      '配对',
      '把动物和它吃的食物配对。',
      '牛 -> 草',
      '熊猫 -> 竹子',
      '兔子 -> 胡萝卜',
      '石头',
      '',
      '',
      '没有箭头的格子（“石头”）是多出来的错误选项。',
      '',
      '动物吃什么',
      'zh-CN',
    ],
    [
      '地理',
      '课文',
      '首都是一个国家的中央政府所在的城市。首都通常是大城市，但不一定是最大的城市：澳大利亚的首都是堪培拉，不是悉尼。',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '首都',
      'zh-CN',
    ],
  ],
};

/** Rows of the template per locale: questions, and lesson cards. */
export const TEMPLATE_COUNTS = { questions: 6, lessons: 1 } as const;

/** One CSV cell: quoted when it holds the delimiter, a quote or a line break (RFC 4180). */
function csvCell(s: string, delimiter: string): string {
  return s.includes(delimiter) || /["\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The template a teacher downloads and opens in Excel: a header row in the locale's names and
 * one example row per type. Starts with a byte-order mark (Excel on Windows reads UTF-8 only
 * with one; encode it with TextEncoder) and ends lines with CRLF, as Excel does. `delimiter`
 * `;` suits an Excel whose decimal separator is a comma.
 */
export function sheetTemplate(locale: Locale, delimiter: ',' | ';' | '\t' = ','): string {
  const rows = [TEMPLATE_HEADERS[locale], ...TEMPLATE_ROWS[locale]];
  return `\uFEFF${rows.map((r) => r.map((c) => csvCell(c, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
