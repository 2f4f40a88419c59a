/** Strings of the daily goal on the practice screen and of the end-of-session summary (issue 11). */
import type { Catalogue } from '../../../core/i18n';

export const sessionMessagesEn: Catalogue = {
  'practice.goalTitle': 'Today’s goal',
  'practice.goalToday': '{done} of {goal} today',
  'practice.goalTodayReached': '{done} today: goal reached!',
  'practice.goalReached':
    'You reached today’s goal: {goal, plural, one {# question} other {# questions}}! Well done.',
  'practice.finish': 'I’m done for today',
  'summary.title': 'Well done, {name}!',
  'summary.titleTried': 'Thanks for practising, {name}!',
  'summary.intro': 'Here is what you did this time.',
  'summary.questions': 'Questions',
  'summary.right': 'Right',
  'summary.streak': 'Days in a row',
  'summary.time': 'Time',
  'summary.streakDays': '{n, plural, one {# day} other {# days}}',
  'summary.minutes': '{n, plural, one {# minute} other {# minutes}}',
  'summary.underMinute': 'Under a minute',
  'summary.skills': 'Skills you practised: {list}',
  'summary.stars': 'New stars: {list}',
  'summary.goal':
    'Today’s goal: {done} of {goal, plural, one {# question} other {# questions}}, {left} more to go.',
  'summary.goalReached':
    'Today’s goal reached! {done, plural, one {# question} other {# questions}} today (your goal: {goal}).',
  'summary.again': 'Keep practising',
  'summary.toProgress': 'See my progress',
  'summary.close': 'OK',
};

export const sessionMessagesZh: Catalogue = {
  'practice.goalTitle': '今日目标',
  'practice.goalToday': '今天已做 {done} 题，目标 {goal} 题',
  'practice.goalTodayReached': '今天已做 {done} 题：目标达成！',
  'practice.goalReached': '你完成了今天的目标：{goal} 题！真棒！',
  'practice.finish': '今天就练到这里',
  'summary.title': '{name}，你真棒！',
  'summary.titleTried': '{name}，谢谢你来练习！',
  'summary.intro': '看看你这次练得怎么样。',
  'summary.questions': '做题数',
  'summary.right': '答对',
  'summary.streak': '连续天数',
  'summary.time': '用时',
  'summary.streakDays': '{n} 天',
  'summary.minutes': '{n} 分钟',
  'summary.underMinute': '不到 1 分钟',
  'summary.skills': '练习的技能：{list}',
  'summary.stars': '新得的星星：{list}',
  'summary.goal': '今日目标：已做 {done} 题，目标 {goal} 题，还差 {left} 题。',
  'summary.goalReached': '今日目标达成！今天做了 {done} 题（目标 {goal} 题）。',
  'summary.again': '继续练习',
  'summary.toProgress': '看看我的进步',
  'summary.close': '知道了',
};
