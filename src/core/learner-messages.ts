/** Catalogue entries for the errors the learner model and selection policy can throw. */
import type { Catalogue } from './i18n';

export const learnerMessagesEn: Catalogue = {
  'error.modelVersion':
    'The saved learner progress is in a format this version of the app does not know (version {version}). Update the app and try again.',
  'error.modelState': 'The saved learner progress is damaged (skill “{skill}”).',
  'error.modelKind':
    'The saved learner progress was made by a kind of model (“{kind}”) this version of the app does not know. Update the app and try again.',
  'error.selectionEmptyGraph': 'This course has no skills to practise.',
};

export const learnerMessagesZh: Catalogue = {
  'error.modelVersion': '当前版本的应用无法识别保存的学习进度格式（版本 {version}）。请更新应用后重试。',
  'error.modelState': '保存的学习进度已损坏（技能“{skill}”）。',
  'error.modelKind': '保存的学习进度来自一种当前版本的应用不认识的模型（“{kind}”）。请更新应用后重试。',
  'error.selectionEmptyGraph': '这门课程没有可以练习的技能。',
};
