/**
 * Catalogue entries for the teacher's class view (core/grouping.ts), plus the one piece of
 * locale-dependent grammar the group sentences need: joining a list of skill names.
 */
import type { Catalogue, Locale } from './i18n';

export const groupingMessagesEn: Catalogue = {
  'group.label': 'Group {group}',
  'group.notStartedLabel': 'Not started yet',
  'group.summary.both': 'Group {group}: needs work on {weak}; strong in {strong}.',
  'group.summary.weak': 'Group {group}: needs work on {weak}.',
  'group.summary.strong': 'Group {group}: strong in {strong}.',
  'group.summary.even': 'Group {group}: close to the class average in every skill.',
  'group.notPractised': 'Not practised yet by most of this group: {skills}.',
  'group.notStarted': 'Not started yet ({count}): no answers recorded, so these learners are not grouped.',
  'group.kChosen':
    '{k, plural, one {One group separates} other {# groups separate}} the class best (silhouette {score}).',
  'group.kSingle': 'One group: there are too few different learners to split the class.',
  'group.kAdjusted':
    'You asked for {requested, plural, one {# group} other {# groups}}; made {k}, the most this class allows.',
  'group.error.badK': 'The number of groups must be a whole number.',
  'group.error.badInput': 'The class data is inconsistent and cannot be grouped.',
};

export const groupingMessagesZh: Catalogue = {
  'group.label': '{group} 组',
  'group.notStartedLabel': '还没开始',
  'group.summary.both': '{group} 组：需要加强{weak}；擅长{strong}。',
  'group.summary.weak': '{group} 组：需要加强{weak}。',
  'group.summary.strong': '{group} 组：擅长{strong}。',
  'group.summary.even': '{group} 组：各项技能都接近全班平均水平。',
  'group.notPractised': '这一组大多数人还没练过：{skills}。',
  'group.notStarted': '还没开始（{count} 名学生）：还没有答题记录，暂不分组。',
  'group.kChosen': '分成 {k} 组时，全班区分得最清楚（轮廓系数 {score}）。',
  'group.kSingle': '只分一组：情况不同的学生太少，无法再分。',
  'group.kAdjusted': '你要求分成 {requested} 组；这个班最多只能分成 {k} 组。',
  'group.error.badK': '组数必须是整数。',
  'group.error.badInput': '班级数据不一致，无法分组。',
};

export function groupingCatalogue(locale: Locale): Catalogue {
  return locale === 'zh-CN' ? groupingMessagesZh : groupingMessagesEn;
}

/**
 * Join names as a conjunction list, matching Intl.ListFormat(locale, {type: 'conjunction'}) for
 * the supported locales (but deterministic, with no dependency on the runtime's ICU data):
 *   en:    "a", "a and b", "a, b, and c"
 *   zh-CN: "a", "a和b", "a、b和c"
 */
export function joinList(names: readonly string[], locale: Locale): string {
  const n = names.length;
  if (n === 0) return '';
  if (n === 1) return names[0] as string;
  const last = names[n - 1] as string;
  const head = names.slice(0, n - 1);
  if (locale === 'zh-CN') return `${head.join('、')}和${last}`;
  return n === 2 ? `${head[0]} and ${last}` : `${head.join(', ')}, and ${last}`;
}
