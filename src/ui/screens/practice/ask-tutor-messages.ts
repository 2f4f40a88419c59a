/** "Ask Lantern" on an item (issue 13): loaded only when a tutor model is installed. */
import type { Catalogue } from '../../../core/i18n';

export const askTutorMessagesEn: Catalogue = {
  'askTutor.title': 'Ask Lantern',
  'askTutor.explain': 'Explain this step',
  'askTutor.whyWrong': 'Why is my answer wrong?',
  'askTutor.questionLabel': 'Your question',
  'askTutor.ask': 'Ask',
  'askTutor.stop': 'Stop',
  'askTutor.thinking': 'Lantern is thinking…',
  'askTutor.thinkingFor': 'Lantern is thinking… {seconds, plural, one {# second} other {# seconds}}',
  'askTutor.stopped': 'Stopped.',
  'askTutor.note':
    'Lantern’s tutor runs on this device and can make mistakes. The worked solution is always right.',
};

export const askTutorMessagesZh: Catalogue = {
  'askTutor.title': '问问 Lantern',
  'askTutor.explain': '讲解这一步',
  'askTutor.whyWrong': '我的答案为什么错了？',
  'askTutor.questionLabel': '你的问题',
  'askTutor.ask': '提问',
  'askTutor.stop': '停止',
  'askTutor.thinking': 'Lantern 正在思考…',
  'askTutor.thinkingFor': 'Lantern 正在思考…已 {seconds} 秒',
  'askTutor.stopped': '已停止。',
  'askTutor.note': 'Lantern 的小助手在这台设备上运行，可能会出错。解题步骤总是对的。',
};
