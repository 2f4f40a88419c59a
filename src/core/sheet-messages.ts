/**
 * Catalogue entries for the spreadsheet import (core/sheet.ts, app/sheet-read.ts): why a file or
 * a row is refused, and what is flagged. Rows also use some `gift.*` reasons (core/gift-messages.ts:
 * empty texts, too few options, limits), which say nothing about GIFT syntax.
 */
import type { Catalogue } from './i18n';

export const sheetMessagesEn: Catalogue = {
  'sheet.tooLarge': 'This file is too large to import (more than {max} KB of text).',
  'sheet.binary':
    'This is not a text file (it holds binary data). In Excel, use File › Save As › “CSV UTF-8 (comma delimited)”.',
  'sheet.workbook':
    'This is an Excel workbook, not a CSV file. In Excel, use File › Save As › “CSV UTF-8 (comma delimited)”, then import that file.',
  'sheet.encoding':
    'Lantern cannot tell how this file’s text is encoded (it reads UTF-8, UTF-16 and Chinese GB18030/GBK). In Excel, use File › Save As › “CSV UTF-8 (comma delimited)”.',
  'sheet.empty': 'This spreadsheet holds no questions: only a header row, or nothing at all.',
  'sheet.missingColumns':
    'The first row must name the columns, with at least a “type” and a “question” column (the template shows all of them). The first row here is: {found}',
  'sheet.duplicateColumn':
    'Two columns have the same meaning: “{name}” in column {column} and column {first}. Rename or delete one.',
  'sheet.unclosedQuote':
    'A quotation mark (") opened in this row never closes, so the rest of the file reads as one cell: none of those rows is imported. Close the quote, or save the file again from Excel.',
  'sheet.badQuotes':
    'A cell in this row has text after its closing quotation mark ("). Inside quotes, write a quotation mark twice ("").',
  'sheet.extraCells':
    'This row has more cells than the header has columns ({columns}). Is there a comma or semicolon inside a cell without quotes around it?',
  'sheet.noType': 'The type is empty: write single, multiple, truefalse, short, number, matching or lesson.',
  'sheet.unknownType':
    'Lantern does not know the type “{type}”: write single, multiple, truefalse, short, number, matching or lesson.',
  'sheet.badFormat': 'The format “{format}” is not plain, html or markdown.',
  'sheet.badLanguage': 'The language “{language}” is not en or zh-CN.',
  'sheet.badLevel': 'The level “{level}” is not 1, 2 or 3.',
  'sheet.noAnswer': 'The answer is empty.',
  'sheet.badChoiceAnswer':
    'The answer “{answer}” does not name options: write their letters (A, C) or numbers (1, 3), or the text of one option.',
  'sheet.missingOption': 'The answer names option {option} ({n}), but that option is empty.',
  'sheet.ambiguousChoice':
    'The answer “{answer}” could mean option {letter} ({n}) or the option that reads “{n}”: write the option’s letter instead.',
  'sheet.severalRight':
    'A single-choice question has one right answer, but “{answer}” names several. For several right answers, use the type multiple.',
  'sheet.badTrueFalse': 'The answer “{answer}” is not true or false (TRUE, FALSE, T, F, 对, 错).',
  'sheet.badNumber':
    'The answer “{answer}” is not a number, a number with a tolerance (3.14±0.01) or a range (1..5).',
  'sheet.ambiguousNumber':
    'In “{answer}”, the comma could be a decimal comma or a thousands separator: write the number without thousands separators (1000, 2.5 or 2,5).',
  'sheet.feedbackMatching':
    'A matching question has no feedback per answer: put the text in the explanation column, shown after any answer.',
  'sheet.unexpectedCell':
    'A row of type “{type}” has no use for the column “{column}”: leave that cell empty (nothing is ignored without telling you).',
  'sheet.duplicate': 'The same question is already in the file at row {first}.',
  'sheet.unreadable': 'Lantern could not read this row.',
  'sheet.flag.column': 'Column {column} (“{name}”) is not one Lantern reads: its cells are not imported.',
  'sheet.flag.unnamedColumn': 'Column {column} has no name in the first row: its cells are not imported.',
};

export const sheetMessagesZh: Catalogue = {
  'sheet.tooLarge': '这个文件太大，无法导入（文字超过 {max} KB）。',
  'sheet.binary':
    '这不是文本文件（含有二进制数据）。请在 Excel 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”。',
  'sheet.workbook':
    '这是 Excel 工作簿，不是 CSV 文件。请在 Excel 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”，再导入另存的文件。',
  'sheet.encoding':
    '灯笼无法判断这个文件的文字编码（可以读取 UTF-8、UTF-16 和中文 GB18030/GBK）。请在 Excel 中选择“文件 › 另存为 › CSV UTF-8（逗号分隔）”。',
  'sheet.empty': '这个表格里没有题目：只有标题行，或者什么都没有。',
  'sheet.missingColumns':
    '第一行必须是列名，至少要有“题型”和“题目”两列（模板里有全部列名）。现在第一行是：{found}',
  'sheet.duplicateColumn':
    '有两列的含义相同：第 {column} 列的“{name}”和第 {first} 列。请改名或删除其中一列。',
  'sheet.unclosedQuote':
    '这一行里有一个引号（"）没有结束，文件剩下的部分都被读成了一个单元格：这些行都不会导入。请补上引号，或者用 Excel 重新保存文件。',
  'sheet.badQuotes': '这一行有个单元格在结束引号（"）后面还有文字。引号里面的引号要写两次（""）。',
  'sheet.extraCells':
    '这一行的单元格比标题行的列数（{columns}）多。是不是有单元格里含有逗号或分号，却没有用引号括起来？',
  'sheet.noType': '题型是空的：请填写 单选、多选、判断、填空、数值、配对 或 课文。',
  'sheet.unknownType': '灯笼不认识题型“{type}”：请填写 单选、多选、判断、填空、数值、配对 或 课文。',
  'sheet.badFormat': '格式“{format}”不是 plain、html 或 markdown。',
  'sheet.badLanguage': '语言“{language}”不是 en 或 zh-CN。',
  'sheet.badLevel': '难度“{level}”不是 1、2 或 3。',
  'sheet.noAnswer': '答案是空的。',
  'sheet.badChoiceAnswer':
    '答案“{answer}”没有指明选项：请写选项的字母（A、C）或序号（1、3），或者某个选项的文字。',
  'sheet.missingOption': '答案指向选项 {option}（第 {n} 个），但这个选项是空的。',
  'sheet.ambiguousChoice':
    '答案“{answer}”既可能是选项 {letter}（第 {n} 个），也可能是内容为“{n}”的选项：请改写成选项字母。',
  'sheet.severalRight':
    '单选题只有一个正确答案，但“{answer}”指出了多个。如果有多个正确答案，请把题型改为多选。',
  'sheet.badTrueFalse': '答案“{answer}”不是对或错（对、错、TRUE、FALSE、T、F）。',
  'sheet.badNumber': '答案“{answer}”不是数、带误差的数（3.14±0.01）或范围（1..5）。',
  'sheet.ambiguousNumber':
    '“{answer}”中的逗号可能是小数点，也可能是千位分隔符：请不要写千位分隔符（1000、2.5 或 2,5）。',
  'sheet.feedbackMatching': '配对题不能按答案给反馈：请把这段文字写在“解析”列，答题后都会显示。',
  'sheet.unexpectedCell':
    '题型为“{type}”的行用不到“{column}”列：请把这个单元格留空（灯笼不会悄悄忽略任何内容）。',
  'sheet.duplicate': '同样的题目已经在文件第 {first} 行出现过。',
  'sheet.unreadable': '灯笼无法读取这一行。',
  'sheet.flag.column': '第 {column} 列（“{name}”）不是灯笼读取的列：这一列的内容不会导入。',
  'sheet.flag.unnamedColumn': '第 {column} 列在第一行没有列名：这一列的内容不会导入。',
};
