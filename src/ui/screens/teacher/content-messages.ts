/** Teacher screen, content packs section (issue 5). */
import type { Catalogue } from '../../../core/i18n';

export const contentUiMessagesEn: Catalogue = {
  'teacher.content.title': 'Content packs',
  'teacher.content.help':
    'A content pack is a file of extra skills and exercises (format “lantern-content”). Importing a newer version of a pack replaces the old one; learners’ answers are kept. Text formatting is limited to bold, italic, lists, code, sup/sub and line breaks: anything else is removed.',
  'teacher.content.import': 'Import content',
  'teacher.content.imported':
    '{file}: “{title}” version {version} imported ({skills, plural, one {# skill} other {# skills}}, {items, plural, one {# exercise} other {# exercises}}).',
  'teacher.content.replaced':
    '{file}: “{title}” updated to version {version} ({skills, plural, one {# skill} other {# skills}}, {items, plural, one {# exercise} other {# exercises}}).',
  'teacher.content.failed': '{file}: not imported. {reason} Nothing on this device was changed.',
  'teacher.content.none': 'No content packs on this device.',
  'teacher.content.installed':
    '{title} — version {version}, {skills, plural, one {# skill} other {# skills}}, {items, plural, one {# exercise} other {# exercises}}',
  'teacher.content.remove': 'Remove {title}',
  'teacher.content.confirmRemove':
    'Remove “{title}” for good? Its skills leave the course; answers already given are kept.',
  'teacher.content.yesRemove': 'Yes, remove',
  'teacher.content.cancel': 'Cancel',
  'teacher.content.removed': '“{title}” removed.',
};

export const contentUiMessagesZh: Catalogue = {
  'teacher.content.title': '内容包',
  'teacher.content.help':
    '内容包是一个包含额外技能和练习题的文件（格式为“lantern-content”）。导入同一内容包的新版本会替换旧版本，学生的答题记录会保留。文字格式只允许粗体、斜体、列表、代码、上下标和换行，其他格式都会被删除。',
  'teacher.content.import': '导入内容',
  'teacher.content.imported': '{file}：已导入“{title}”版本 {version}（{skills} 个技能，{items} 道练习题）。',
  'teacher.content.replaced':
    '{file}：“{title}”已更新到版本 {version}（{skills} 个技能，{items} 道练习题）。',
  'teacher.content.failed': '{file}：没有导入。{reason}这台设备上的内容没有任何改变。',
  'teacher.content.none': '这台设备上没有内容包。',
  'teacher.content.installed': '{title}：版本 {version}，{skills} 个技能，{items} 道练习题',
  'teacher.content.remove': '删除“{title}”',
  'teacher.content.confirmRemove': '确定永久删除“{title}”吗？它的技能会从课程中移除，已有的答题记录会保留。',
  'teacher.content.yesRemove': '确定删除',
  'teacher.content.cancel': '取消',
  'teacher.content.removed': '已删除“{title}”。',
};
