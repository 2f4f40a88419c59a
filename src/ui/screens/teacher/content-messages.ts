/** Teacher screen, content packs section (issue 5). */
import type { Catalogue } from '../../../core/i18n';

export const contentUiMessagesEn: Catalogue = {
  'teacher.content.title': 'Content packs',
  'teacher.content.help':
    'A content pack is a file of extra skills and exercises (format “lantern-content”), or a question bank: exported from Moodle in GIFT format (.gift or .txt), or a spreadsheet saved as CSV (the template shows the columns). You check a bank before it is stored. Importing a newer version of a pack replaces the old one; learners’ answers are kept. Text formatting is limited to bold, italic, lists, code, sup/sub and line breaks: anything else is removed.',
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
  'teacher.content.export': 'Export {title} as GIFT',
  'teacher.content.exported': '“{title}” saved as {file} (GIFT, which Moodle imports).',
  'teacher.content.cancel': 'Cancel',
  'teacher.content.removed': '“{title}” removed.',
  'teacher.bank.title': 'Check before importing: {file}',
  'teacher.bank.name': 'Name of the question bank',
  'teacher.bank.lang': 'The questions are written in',
  'teacher.bank.langNote': 'They show in this language in both interfaces, marked as such.',
  'teacher.bank.summary':
    '{questions, plural, =1 {1 question} other {# questions}} will be imported into {skills, plural, =1 {1 skill} other {# skills}}, with {lessons, plural, =0 {no lesson card} =1 {1 lesson card} other {# lesson cards}}.',
  'teacher.bank.refusedTitle':
    '{count, plural, =1 {1 question will not be imported} other {# questions will not be imported}}',
  'teacher.bank.line': 'Line {line}: {reason}',
  'teacher.bank.flagsTitle': 'Changed or worth a look',
  'teacher.bank.skillsTitle': 'Where the new skills go',
  'teacher.bank.skillsHelp':
    'Choose what each skill builds on: Lantern offers it once that skill is mastered. Skills of the same bank can build on each other.',
  'teacher.bank.skill': '{name}: {questions, plural, =1 {1 question} other {# questions}}',
  'teacher.bank.buildsOn': 'Builds on',
  'teacher.bank.nothing': 'Nothing (a starting skill)',
  'teacher.bank.replaces':
    'A bank with this name is on this device (version {version}): importing replaces it, and learners keep their history.',
  'teacher.bank.import': 'Import {count, plural, =1 {1 question} other {# questions}}',
  'teacher.bank.cancel': 'Cancel',
  'teacher.bank.levelsTitle': 'Levels of the questions',
  'teacher.bank.levelsHelp':
    'Each question starts at a level from its kind (choices and true/false 1, ticking several and matching 2, typed answers 3). Change any you know better; after enough answers Lantern moves a question that turns out easier or harder.',
  'teacher.bank.level': 'Level {level}',
  'teacher.bank.manySkills':
    'The course will have {skills} skills. The prediction model keeps {max} apart; past that, some skills share its memory, so its predictions for them are less sure. Practice still adapts to each skill (Lantern’s per-skill estimates are not shared).',
  'teacher.bank.template': 'Download a spreadsheet template',
  'teacher.bank.templateFile': 'lantern-questions-template.csv',
  'teacher.bank.calibrationTitle': 'How the imported questions turned out',
  'teacher.bank.cancelled': 'Nothing was imported.',
  'teacher.bank.none': 'No question of this file can be imported, so nothing will be stored.',
};

export const contentUiMessagesZh: Catalogue = {
  'teacher.content.title': '内容包',
  'teacher.content.help':
    '内容包是一个包含额外技能和练习题的文件（格式为“lantern-content”），也可以是题库：从 Moodle 以 GIFT 格式导出的文件（.gift 或 .txt），或另存为 CSV 的电子表格（列的写法见模板）。题库保存前会先让你检查。导入同一内容包的新版本会替换旧版本，学生的答题记录会保留。文字格式只允许粗体、斜体、列表、代码、上下标和换行，其他格式都会被删除。',
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
  'teacher.content.export': '把“{title}”导出为 GIFT',
  'teacher.content.exported': '已把“{title}”保存为 {file}（GIFT 格式，Moodle 可以导入）。',
  'teacher.content.cancel': '取消',
  'teacher.content.removed': '已删除“{title}”。',
  'teacher.bank.title': '导入前检查：{file}',
  'teacher.bank.name': '题库名称',
  'teacher.bank.lang': '题目使用的语言',
  'teacher.bank.langNote': '两种界面下都用这种语言显示，并会注明。',
  'teacher.bank.summary': '将导入 {questions} 道题，分为 {skills} 个技能，另有 {lessons} 张学习卡片。',
  'teacher.bank.refusedTitle': '{count} 道题不会导入',
  'teacher.bank.line': '第 {line} 行：{reason}',
  'teacher.bank.flagsTitle': '有改动或需要留意的地方',
  'teacher.bank.skillsTitle': '新技能放在哪里',
  'teacher.bank.skillsHelp':
    '为每个技能选择它的前置技能：掌握前置技能后，Lantern 才会安排这个技能。同一题库里的技能也可以互为前置。',
  'teacher.bank.skill': '{name}：{questions} 道题',
  'teacher.bank.buildsOn': '前置技能',
  'teacher.bank.nothing': '无（起步技能）',
  'teacher.bank.replaces': '这台设备上已有同名题库（版本 {version}）：导入会替换它，学生的答题记录会保留。',
  'teacher.bank.import': '导入 {count} 道题',
  'teacher.bank.cancel': '取消',
  'teacher.bank.levelsTitle': '题目的难度级别',
  'teacher.bank.levelsHelp':
    '每道题先按题型定级（选择题和判断题 1 级，多选和配对 2 级，填写答案 3 级）。你更清楚的可以改；作答足够多以后，Lantern 会调整实际更容易或更难的题目。',
  'teacher.bank.level': '{level} 级',
  'teacher.bank.manySkills':
    '课程将有 {skills} 个技能。预测模型最多能分开记住 {max} 个；超出后，部分技能会共用模型的记忆，对它们的预测就不那么准。练习仍会按每个技能调整（Lantern 对每个技能的估计不会共用）。',
  'teacher.bank.template': '下载电子表格模板',
  'teacher.bank.templateFile': 'lantern-题库模板.csv',
  'teacher.bank.calibrationTitle': '导入的题目实际难度如何',
  'teacher.bank.cancelled': '没有导入任何内容。',
  'teacher.bank.none': '这个文件里没有可以导入的题目，所以不会保存任何内容。',
};
