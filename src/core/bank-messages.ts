/** Catalogue entries for storing an imported bank (core/gift-bank.ts). */
import type { Catalogue } from './i18n';

export const bankMessagesEn: Catalogue = {
  'bank.noTitle': 'Give the question bank a name.',
  'bank.titleTooLong': 'The bank’s name is too long (at most {max} characters).',
  'bank.noQuestions': 'There is no question to import: every question of the file was refused.',
};

export const bankMessagesZh: Catalogue = {
  'bank.noTitle': '请给题库起个名字。',
  'bank.titleTooLong': '题库的名字太长了（最多 {max} 个字）。',
  'bank.noQuestions': '没有可以导入的题目：文件里的每道题都没有通过检查。',
};
