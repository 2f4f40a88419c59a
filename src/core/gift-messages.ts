/** Catalogue entries for the GIFT import (core/gift.ts): why a file or a question is refused, and what is flagged. */
import type { Catalogue } from './i18n';

export const giftMessagesEn: Catalogue = {
  'gift.tooLarge': 'This file is too large to import (more than {max} KB of text).',
  'gift.binary':
    'This is not a text file (it holds binary data). Export the questions from Moodle in GIFT format.',
  'gift.encoding':
    'This file is not UTF-8 text. Save it as UTF-8 (Moodle’s GIFT export already is), then try again.',
  'gift.empty': 'This file holds no GIFT questions.',
  'gift.syntax':
    'Lantern cannot read this question: “{found}” was not expected at line {line}, column {column}.',
  'gift.syntaxSpecial':
    'Lantern cannot read this question: “{char}” at line {line}, column {column} has a special meaning in GIFT. To show the character itself, write \\{char}.',
  'gift.syntaxEnd':
    'Lantern cannot read this question: it ends at line {line} before its answers are complete (a missing “}”, or a blank line inside the braces).',
  'gift.badWeight': 'A weight must be a percentage from −100% to 100% (found {weight}).',
  'gift.essay': 'Essay questions need a person to mark them; Lantern only practises questions it can check.',
  'gift.unknownType': 'Lantern cannot practise this kind of question ({type}).',
  'gift.noFullMarks': 'No answer gets full marks (100%), so no learner could ever be right.',
  'gift.weightsNot100':
    'The right choices’ weights add up to {sum}% instead of 100%, so no learner could get full marks.',
  'gift.tooFewOptions':
    'A multiple-choice question needs at least {min, plural, one {# choice} other {# choices}}.',
  'gift.tooManyOptions':
    'A question may have at most {max, plural, one {# choice, answer or pair} other {# choices, answers or pairs}}.',
  'gift.tooFewPairs': 'A matching question needs at least {min, plural, one {# pair} other {# pairs}}.',
  'gift.badRange': 'The number range {min}..{max} is empty: the smaller number must come first.',
  'gift.badNumber': 'A numerical answer is not a number.',
  'gift.emptyPrompt': 'The question has no text (or nothing left once unsafe parts are removed).',
  'gift.emptyChoice': 'Choice {n} is empty (or has nothing left once unsafe parts are removed).',
  'gift.emptyAnswer': 'Answer {n} is empty.',
  'gift.emptyPair': 'Pair {n} of the matching question has an empty side.',
  'gift.textTooLong':
    'A text of this question is too long (at most {max, plural, one {# character} other {# characters}}).',
  'gift.plainTooLong':
    'A name, short answer or match is too long (at most {max, plural, one {# character} other {# characters}}).',
  'gift.duplicate': 'The same question is already in the file at line {first}.',
  'gift.tooManySkills':
    'Too many categories: at most {max, plural, one {# skill} other {# skills}} can be imported from one file.',
  'gift.tooManyQuestions':
    'Too many questions: at most {max, plural, one {# question} other {# questions}} can be imported from one file.',
  'gift.tooManyInSkill':
    'Too many questions in “{skill}”: at most {max, plural, one {# question} other {# questions}} per skill.',
  'gift.unreadable': 'Lantern could not read this question.',
  'gift.flag.image':
    'Images cannot be shown and will be removed ({files}); the file holds only their names, not the pictures.',
  'gift.flag.tex': 'TeX maths ($$…$$, \\(…\\)) is shown as typed: Lantern does not render TeX.',
  'gift.flag.link': 'Links are kept as plain text, without their address.',
  'gift.flag.media': 'Sound, video and embedded pages ({what}) cannot be shown and will be removed.',
  'gift.flag.table': 'Tables are not kept: their cells are shown as plain text.',
  'gift.flag.removed': 'Unsafe or unsupported markup ({what}) will be removed.',
  'gift.flag.name':
    'The category name is too long for a skill name; it will be shown as “{name}” (was “{full}”).',
};

export const giftMessagesZh: Catalogue = {
  'gift.tooLarge': '这个文件太大，无法导入（文字超过 {max} KB）。',
  'gift.binary': '这不是文本文件（含有二进制数据）。请从 Moodle 以 GIFT 格式导出题目。',
  'gift.encoding': '这个文件不是 UTF-8 文本。请另存为 UTF-8（Moodle 导出的 GIFT 文件本来就是），再试一次。',
  'gift.empty': '这个文件里没有 GIFT 题目。',
  'gift.syntax': '灯笼无法读取这道题：第 {line} 行第 {column} 列不应出现“{found}”。',
  'gift.syntaxSpecial':
    '灯笼无法读取这道题：第 {line} 行第 {column} 列的“{char}”在 GIFT 中有特殊含义。要显示这个字符本身，请写成 \\{char}。',
  'gift.syntaxEnd': '灯笼无法读取这道题：它在第 {line} 行结束时答案还不完整（缺少“}”，或大括号内有空行）。',
  'gift.badWeight': '权重必须是 −100% 到 100% 之间的百分数（现在是 {weight}）。',
  'gift.essay': '问答题需要老师批改；灯笼只能练习能自动判断对错的题目。',
  'gift.unknownType': '灯笼无法练习这类题目（{type}）。',
  'gift.noFullMarks': '没有任何答案能得满分（100%），学生永远不可能答对。',
  'gift.weightsNot100': '正确选项的权重加起来是 {sum}%，不是 100%，学生无法得满分。',
  'gift.tooFewOptions': '选择题至少需要 {min} 个选项。',
  'gift.tooManyOptions': '一道题最多只能有 {max} 个选项、答案或配对。',
  'gift.tooFewPairs': '配对题至少需要 {min} 组配对。',
  'gift.badRange': '数值范围 {min}..{max} 是空的：较小的数要写在前面。',
  'gift.badNumber': '数值答案不是一个数。',
  'gift.emptyPrompt': '这道题没有题目文字（或去掉不安全的部分后什么都没剩下）。',
  'gift.emptyChoice': '第 {n} 个选项是空的（或去掉不安全的部分后什么都没剩下）。',
  'gift.emptyAnswer': '第 {n} 个答案是空的。',
  'gift.emptyPair': '配对题的第 {n} 组有一边是空的。',
  'gift.textTooLong': '这道题中有一段文字太长（最多 {max} 个字符）。',
  'gift.plainTooLong': '名称、简答答案或配对项太长（最多 {max} 个字符）。',
  'gift.duplicate': '同样的题目已经在文件第 {first} 行出现过。',
  'gift.tooManySkills': '类别太多：一个文件最多只能导入 {max} 个技能。',
  'gift.tooManyQuestions': '题目太多：一个文件最多只能导入 {max} 道题。',
  'gift.tooManyInSkill': '“{skill}”中的题目太多：每个技能最多 {max} 道。',
  'gift.unreadable': '灯笼无法读取这道题。',
  'gift.flag.image': '图片无法显示，将被删除（{files}）；文件里只有图片的名字，没有图片本身。',
  'gift.flag.tex': 'TeX 数学式（$$…$$、\\(…\\)）会按原样显示：灯笼不渲染 TeX。',
  'gift.flag.link': '链接只保留文字，不保留网址。',
  'gift.flag.media': '声音、视频和嵌入的网页（{what}）无法显示，将被删除。',
  'gift.flag.table': '表格不会保留：单元格会显示为普通文字。',
  'gift.flag.removed': '不安全或不支持的标记（{what}）将被删除。',
  'gift.flag.name': '类别名称太长，不能作为技能名称；将显示为“{name}”（原为“{full}”）。',
};
