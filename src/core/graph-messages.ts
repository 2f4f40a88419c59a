/** Catalogue entries for the errors core/graph.ts can throw (a broken course definition). */
import type { Catalogue } from './i18n';

export const graphMessagesEn: Catalogue = {
  'error.graphEmptyId': 'Skill number {index} in the course has no id.',
  'error.graphDuplicate': 'The course lists the skill “{skill}” more than once.',
  'error.graphMissingPrereq': 'The skill “{skill}” needs “{prerequisite}”, which is not in the course.',
  'error.graphCycle': 'The course’s skills depend on each other in a loop: {cycle}.',
  'error.graphUnknownSkill': 'There is no skill “{skill}” in this course.',
};

export const graphMessagesZh: Catalogue = {
  'error.graphEmptyId': '课程中的第 {index} 个技能没有编号。',
  'error.graphDuplicate': '课程中的技能“{skill}”出现了不止一次。',
  'error.graphMissingPrereq': '技能“{skill}”需要先学“{prerequisite}”，但课程中没有这个技能。',
  'error.graphCycle': '课程中的技能互相依赖，形成了循环：{cycle}。',
  'error.graphUnknownSkill': '这门课程中没有技能“{skill}”。',
};
