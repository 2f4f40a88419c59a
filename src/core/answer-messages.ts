/** Catalogue entries for the answer checker's messages. */
import type { Catalogue } from './i18n';

export const answerMessagesEn: Catalogue = {
  'answer.empty': 'Type an answer first.',
  'answer.tooLong':
    'That number is too long. Answers have at most {max, plural, one {# digit} other {# digits}}.',
  'answer.expectInteger': 'Type a whole number, like 42 or −7.',
  'answer.expectDecimal': 'Type a number, like 3.5 or −0.25.',
  'answer.expectFraction': 'Type a fraction like 3/4, or a mixed number like 1 1/2.',
  'answer.expectChoice': 'Choose one of the answers.',
  'answer.zeroDenominator': 'The bottom of a fraction cannot be 0.',
  'answer.form.whole': 'Write your answer as a whole number, like 12.',
  'answer.form.decimal': 'Write your answer as a decimal, like 0.75.',
  'answer.form.percentage': 'Write your answer as a percentage, like 75%.',
  'answer.form.simplest': 'Write your answer as a fraction in its simplest form, like 2/3 or 1 1/4.',
  'answer.form.improper': 'Write your answer as an improper fraction, like 7/4.',
};

export const answerMessagesZh: Catalogue = {
  'answer.empty': '请先输入答案。',
  'answer.tooLong': '这个数太长了。答案最多 {max} 位数字。',
  'answer.expectInteger': '请输入整数，例如 42 或 −7。',
  'answer.expectDecimal': '请输入一个数，例如 3.5 或 −0.25。',
  'answer.expectFraction': '请输入分数（例如 3/4）或带分数（例如 1 1/2）。',
  'answer.expectChoice': '请选择一个答案。',
  'answer.zeroDenominator': '分数的分母不能是 0。',
  'answer.form.whole': '请把答案写成整数，例如 12。',
  'answer.form.decimal': '请把答案写成小数，例如 0.75。',
  'answer.form.percentage': '请把答案写成百分数，例如 75%。',
  'answer.form.simplest': '请把答案写成最简分数，例如 2/3 或 1 1/4。',
  'answer.form.improper': '请把答案写成假分数，例如 7/4。',
};
