/**
 * Strings of the worksheet screen (screens/worksheet). `worksheet.ui.*` is the screen itself, in
 * the interface language; `worksheet.sheet.*` is printed on the sheet, in the language the
 * teacher chooses for it (both catalogues are read directly for that: worksheet.ts `sheetCatalogue`).
 */
import type { Catalogue } from '../../../core/i18n';

export const worksheetUiMessagesEn: Catalogue = {
  'worksheet.ui.title': 'Make a worksheet',
  'worksheet.ui.intro':
    'Questions made by the same generators the learners practise with, with an answer key on the next page. The same skill, level, number and seed always give the same sheet.',
  'worksheet.ui.open': 'Make a worksheet',
  'worksheet.ui.back': 'Back to the class view',
  'worksheet.ui.skill': 'Skill',
  'worksheet.ui.level': 'Level',
  'worksheet.ui.levelOption': 'Level {level}',
  'worksheet.ui.count': 'Number of questions',
  'worksheet.ui.countHelp': 'From {min} to {max}.',
  'worksheet.ui.seed': 'Seed',
  'worksheet.ui.seedHelp': 'Printed on the sheet: type it in again to make the same sheet.',
  'worksheet.ui.newSeed': 'New seed',
  'worksheet.ui.language': 'Language of the sheet',
  'worksheet.ui.print': 'Print',
  'worksheet.ui.preview': 'The worksheet as it will print',
  'worksheet.ui.short':
    'Only {n, plural, one {# different question exists} other {# different questions exist}} for this skill at this level: the sheet has {n, plural, one {that one} other {those}}.',
  'worksheet.ui.loading': 'Loading the skills…',
};

export const worksheetUiMessagesZh: Catalogue = {
  'worksheet.ui.title': '制作练习单',
  'worksheet.ui.intro':
    '题目由学生练习时使用的同一套出题程序生成，下一页附答案。技能、级别、题数和种子号都相同，打印出来的练习单就完全相同。',
  'worksheet.ui.open': '制作练习单',
  'worksheet.ui.back': '返回班级总览',
  'worksheet.ui.skill': '技能',
  'worksheet.ui.level': '级别',
  'worksheet.ui.levelOption': '{level} 级',
  'worksheet.ui.count': '题数',
  'worksheet.ui.countHelp': '{min} 到 {max} 题。',
  'worksheet.ui.seed': '种子号',
  'worksheet.ui.seedHelp': '种子号会印在练习单上；再次输入它，就能得到同一张练习单。',
  'worksheet.ui.newSeed': '换一个种子号',
  'worksheet.ui.language': '练习单的语言',
  'worksheet.ui.print': '打印',
  'worksheet.ui.preview': '练习单打印预览',
  'worksheet.ui.short': '这项技能在这个级别只有 {n} 道不同的题，练习单上只印这些题。',
  'worksheet.ui.loading': '正在加载技能……',
};

/** Printed on the sheet, in the sheet's language. */
export const worksheetSheetMessagesEn: Catalogue = {
  'worksheet.sheet.title': 'Worksheet: {skill}',
  'worksheet.sheet.meta': 'Level {level} · {n, plural, one {# question} other {# questions}} · Seed {seed}',
  'worksheet.sheet.name': 'Name:',
  'worksheet.sheet.date': 'Date:',
  'worksheet.sheet.answer': 'Answer:',
  'worksheet.sheet.choose': 'Circle the right answer.',
  'worksheet.sheet.keyTitle': 'Answer key: {skill}',
  'worksheet.sheet.question': 'Question {n}',
};

export const worksheetSheetMessagesZh: Catalogue = {
  'worksheet.sheet.title': '练习单：{skill}',
  'worksheet.sheet.meta': '{level} 级 · 共 {n} 题 · 种子号 {seed}',
  'worksheet.sheet.name': '姓名：',
  'worksheet.sheet.date': '日期：',
  'worksheet.sheet.answer': '答：',
  'worksheet.sheet.choose': '圈出正确答案。',
  'worksheet.sheet.keyTitle': '参考答案：{skill}',
  'worksheet.sheet.question': '第 {n} 题',
};
