/** Catalogue entries for content packs (core/content-pack.ts): import errors and item texts. */
import type { Catalogue } from './i18n';

export const contentMessagesEn: Catalogue = {
  'content.notJson': 'This is not a Lantern content file (it is not JSON text).',
  'content.tooLarge': 'This content file is too large (more than {max} KB).',
  'content.wrongFormat': 'This is not a Lantern content file (format “lantern-content”, version 1).',
  'content.newerVersion':
    'This content file was made for a newer Lantern (format version {version}; this one reads {supported}). Update Lantern, then try again.',
  'content.unknownField': 'The content file has a field Lantern does not know: “{field}” in {where}.',
  'content.badId': 'An id is missing or not allowed at {where}: use lower-case letters, digits and “-”.',
  'content.badVersion': 'The content file needs a “version”: a whole number, 1 or more.',
  'content.badText':
    'A text is missing or empty at {where}: give it in English (“en”) and/or Chinese (“zh-CN”).',
  'content.textTooLong':
    'A text is too long at {where} (at most {max, plural, one {# character} other {# characters}}).',
  'content.noSkills': 'The content file has no skills.',
  'content.noItems': 'The skill “{skill}” has no exercises.',
  'content.tooMany': 'Too many {what} in the content file (at most {max}).',
  'content.duplicateSkill': 'The skill “{skill}” appears more than once.',
  'content.badStrand': 'Unknown strand at {where}: use one of {strands}.',
  'content.badBand': 'The band at {where} must be a whole number from 1 to {max}.',
  'content.badPrereq': 'The prerequisites at {where} must be a list of skill ids.',
  'content.missingPrereq':
    'The skill “{skill}” needs “{prerequisite}”, which is neither in the course nor in this file.',
  'content.cycle': 'The skills in this file depend on each other in a loop: {cycle}.',
  'content.badItem': 'An exercise is not valid at {where}.',
  'content.badDifficulty': 'The difficulty at {where} must be 1, 2 or 3.',
  'content.badAnswer':
    'The answer at {where} is not valid (kind integer, decimal, fraction or choice, with its values).',
  'content.emptyText':
    'A text at {where} has nothing left once unsafe parts are removed (only bold, italic, lists, code, sup/sub and line breaks are allowed).',
  'content.olderVersion':
    'This device already has version {installed} of this content; the file holds version {version}. Remove it first to go back.',
};

export const contentMessagesZh: Catalogue = {
  'content.notJson': '这不是灯笼内容文件（不是 JSON 文本）。',
  'content.tooLarge': '这个内容文件太大了（超过 {max} KB）。',
  'content.wrongFormat': '这不是灯笼内容文件（格式应为“lantern-content”，版本 1）。',
  'content.newerVersion':
    '这个内容文件是为更新的灯笼制作的（格式版本 {version}，本版本只能读取 {supported}）。请先更新灯笼再试。',
  'content.unknownField': '内容文件中有灯笼不认识的字段：{where} 中的“{field}”。',
  'content.badId': '{where} 的编号缺失或不符合要求：只能使用小写字母、数字和“-”。',
  'content.badVersion': '内容文件需要“version”字段：大于或等于 1 的整数。',
  'content.badText': '{where} 的文字缺失或为空：请提供英文（“en”）和/或中文（“zh-CN”）。',
  'content.textTooLong': '{where} 的文字太长（最多 {max} 个字符）。',
  'content.noSkills': '内容文件中没有技能。',
  'content.noItems': '技能“{skill}”没有练习题。',
  'content.tooMany': '内容文件中的“{what}”太多（最多 {max} 个）。',
  'content.duplicateSkill': '技能“{skill}”出现了不止一次。',
  'content.badStrand': '{where} 的领域无法识别：请使用 {strands} 之一。',
  'content.badBand': '{where} 的学段必须是 1 到 {max} 之间的整数。',
  'content.badPrereq': '{where} 的先修技能必须是技能编号的列表。',
  'content.missingPrereq': '技能“{skill}”需要先学“{prerequisite}”，但课程和这个文件中都没有这个技能。',
  'content.cycle': '这个文件中的技能互相依赖，形成了循环：{cycle}。',
  'content.badItem': '{where} 的练习题无效。',
  'content.badDifficulty': '{where} 的难度必须是 1、2 或 3。',
  'content.badAnswer':
    '{where} 的答案无效（类型应为 integer、decimal、fraction 或 choice，并带有相应的值）。',
  'content.emptyText':
    '{where} 的文字去掉不安全的部分后什么也不剩了（只允许粗体、斜体、列表、代码、上下标和换行）。',
  'content.olderVersion':
    '这台设备上已有这个内容的版本 {installed}，而文件是版本 {version}。如要退回旧版本，请先删除它。',
};
