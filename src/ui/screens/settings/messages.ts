/** Strings of the learner's own choices in Settings: the daily goal and sounds (issue 11). */
import type { Catalogue } from '../../../core/i18n';

export const learnerSettingsMessagesEn: Catalogue = {
  'settings.dailyGoal': 'My daily goal',
  'settings.dailyGoalHelp':
    'How many questions do you want to do each day? Practice shows how far you have got.',
  'settings.dailyGoalOption': '{n, plural, one {# question} other {# questions}}',
  'settings.dailyGoalUnknown': 'Choose one of the daily goals on the list.',
  'settings.sound': 'Sounds',
  'settings.soundSwitch': 'Play sounds',
  'settings.soundHelp': 'A soft sound when you get an answer right, earn a star or reach today’s goal.',
  'settings.tutorSpeed':
    'Tutor (optional model): the last reply ran at {tokensPerSecond} tokens per second ({tokens} tokens).',
};

export const learnerSettingsMessagesZh: Catalogue = {
  'settings.dailyGoal': '我的每日目标',
  'settings.dailyGoalHelp': '你每天想做多少题？练习时会显示你已经做了多少。',
  'settings.dailyGoalOption': '{n} 题',
  'settings.dailyGoalUnknown': '请从列表中选一个每日目标。',
  'settings.sound': '声音',
  'settings.soundSwitch': '播放提示音',
  'settings.soundHelp': '答对题、得到星星或完成今日目标时，会发出轻柔的提示音。',
  'settings.tutorSpeed': '小助手（可选模型）：上一次回答每秒 {tokensPerSecond} 个词元（共 {tokens} 个）。',
};
