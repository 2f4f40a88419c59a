import type { Message } from '../../../core/types';
/**
 * Pure view helpers for the teacher's class view: heatmap rows, sorting, colour buckets, labels.
 * Everything takes the data and `now` explicitly so it is testable without a DOM.
 */
import type { ClassData, ClassLearner, FocusProgress } from '../../../app/teacher';
import type { Locale } from '../../../core/i18n';
import { dayIndexOf } from '../../../core/progress';
import type { SkillId } from '../../../core/types';

export type SortKey = 'name' | 'attempts' | 'mastery' | 'last';
export type SortDir = 'ascending' | 'descending';
export type Bucket = 'none' | 'low' | 'mid' | 'high';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Colour bucket of a heatmap cell: the same thresholds as the progress meters (0.5, 0.8); a skill
 * the model counts as mastered (its flag has hysteresis) is 'high', as the learner's star is.
 */
export function bucketOf(mastery: number, practised: boolean, mastered = false): Bucket {
  if (!practised) return 'none';
  if (mastered || mastery >= 0.8) return 'high';
  if (mastery >= 0.5) return 'mid';
  return 'low';
}

export function percent(m: number): number {
  return Math.round(Math.max(0, Math.min(1, m)) * 100);
}

/** Mean mastery over the skills the learner has practised (0 if none). */
export function meanMastery(l: Pick<ClassLearner, 'mastery' | 'practised'>): number {
  let s = 0;
  let n = 0;
  l.mastery.forEach((m, i) => {
    if (l.practised[i]) {
      s += m;
      n++;
    }
  });
  return n === 0 ? 0 : s / n;
}

/** Skills practised by at least one learner (all skills when nobody has practised), in course order. */
export function shownSkills(data: ClassData, all = false): SkillId[] {
  if (all) return [...data.skillIds];
  const used = data.skillIds.filter((_, i) => data.learners.some((l) => l.practised[i]));
  return used.length > 0 ? used : [...data.skillIds];
}

export function sortLearners(
  learners: readonly ClassLearner[],
  key: SortKey,
  dir: SortDir,
  locale: Locale,
): ClassLearner[] {
  const collator = new Intl.Collator(locale);
  const value = (l: ClassLearner): number =>
    key === 'attempts' ? l.attempts : key === 'mastery' ? meanMastery(l) : (l.lastPractised ?? -Infinity);
  const sign = dir === 'ascending' ? 1 : -1;
  return [...learners].sort((a, b) => {
    const c = key === 'name' ? collator.compare(a.nickname, b.nickname) : value(a) - value(b);
    return sign * c || collator.compare(a.nickname, b.nickname) || (a.id < b.id ? -1 : 1);
  });
}

/** The next sort state when a column's sort button is pressed (numbers start descending). */
export function nextSort(
  current: { key: SortKey; dir: SortDir },
  key: SortKey,
): { key: SortKey; dir: SortDir } {
  if (current.key === key) return { key, dir: current.dir === 'ascending' ? 'descending' : 'ascending' };
  return { key, dir: key === 'name' ? 'ascending' : 'descending' };
}

export interface HeatCell {
  readonly skillId: SkillId;
  readonly bucket: Bucket;
  /** Whole percent, or null when not practised. */
  readonly percent: number | null;
}

export interface HeatRow {
  readonly learner: ClassLearner;
  readonly mean: number | null;
  readonly cells: HeatCell[];
}

export function heatmapRows(
  data: ClassData,
  skills: readonly SkillId[],
  sort: { key: SortKey; dir: SortDir },
  locale: Locale,
): HeatRow[] {
  const index = new Map(data.skillIds.map((id, i) => [id, i]));
  return sortLearners(data.learners, sort.key, sort.dir, locale).map((learner) => ({
    learner,
    mean: learner.practised.some(Boolean) ? percent(meanMastery(learner)) : null,
    cells: skills.map((skillId) => {
      const i = index.get(skillId) ?? -1;
      const practised = learner.practised[i] ?? false;
      const m = learner.mastery[i] ?? 0;
      return {
        skillId,
        bucket: bucketOf(m, practised, learner.mastered[i] ?? false),
        percent: practised ? percent(m) : null,
      };
    }),
  }));
}

/** Whole days since a time, or null for never. */
export function daysAgo(last: number | null, now: number): number | null {
  return last === null ? null : Math.max(0, Math.floor((now - last) / DAY_MS));
}

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * One line of "not practised lately": when the learner last practised, or that they have not
 * practised at all (never "last practised never").
 */
export function inactiveLine(
  learner: { nickname: string; lastPractised: number | null },
  now: number,
  t: T,
): string {
  if (learner.lastPractised === null) return t('teacher.inactiveNever', { learner: learner.nickname });
  const when = lastPractisedText(learner.lastPractised, now, t);
  return t('teacher.inactiveItem', { learner: learner.nickname, when });
}

/** When a learner last practised, in words: "never", "today", "9 days ago". */
export function lastPractisedText(last: number | null, now: number, t: T): string {
  const d = daysAgo(last, now);
  if (d === null) return t('teacher.never');
  return d === 0 ? t('teacher.today') : t('teacher.daysAgo', { n: d });
}

/** The focus button under a group: the "not started" learners are named as such, not as a group. */
export function focusButtonLabel(group: { kind: 'cluster' | 'notStarted'; label: Message }, t: T): string {
  return group.kind === 'notStarted'
    ? t('teacher.focusNotStarted')
    : t('teacher.focusGroup', { group: t(group.label.key, group.label.params) });
}

export function minutes(ms: number): number {
  return Math.round(ms / 60000);
}

/** Total study minutes of the class. */
export function classMinutes(data: ClassData): number {
  return minutes(data.learners.reduce((s, l) => s + l.studyMs, 0));
}

/** A file name for downloads: lantern-class-2026-11-22.csv */
export function fileName(prefix: string, now: number, ext: string): string {
  return `${prefix}-${new Date(now).toISOString().slice(0, 10)}.${ext}`;
}

/** Clamp a requested number of groups to 1..max (max ≥ 1). */
export function clampK(k: number, max: number): number {
  return Math.max(1, Math.min(Math.max(1, max), Math.round(k)));
}

/**
 * One line of the teacher's focus progress: "Bo — Rounding: 1 of 2 steps; next Place value,
 * about 6–20 more answers; due 10 Dec (overdue)", or "Ana — Rounding: reached ✓".
 */
export function focusProgressText(
  learner: Pick<ClassLearner, 'nickname' | 'focusDue'>,
  f: FocusProgress,
  now: number,
  skillName: (id: string) => string,
  t: (key: string, params?: Record<string, string | number>) => string,
): string {
  const head = t('teacher.focusProgressHead', { learner: learner.nickname, skill: skillName(f.skillId) });
  if (f.reached) return `${head} ${t('teacher.focusReached')}`;
  const parts = [t('teacher.focusSteps', { done: f.done, total: f.total })];
  if (f.next !== null) {
    parts.push(
      f.nextAnswers === null
        ? t('teacher.focusNextOnly', { skill: skillName(f.next) })
        : f.nextAnswers.high > f.nextAnswers.max
          ? t('teacher.focusNextLong', { skill: skillName(f.next), low: f.nextAnswers.low })
          : t('teacher.focusNext', {
              skill: skillName(f.next),
              low: f.nextAnswers.low,
              high: f.nextAnswers.high,
            }),
    );
  }
  if (f.goalAnswers !== null) {
    // The whole way to the focus (the app gives it only when it is more than the next step).
    parts.push(
      f.goalAnswers.high > f.goalAnswers.max
        ? t('teacher.focusGoalLong', { low: f.goalAnswers.low })
        : t('teacher.focusGoal', { low: f.goalAnswers.low, high: f.goalAnswers.high }),
    );
  }
  if (learner.focusDue !== null) {
    const overdue = dayIndexOf(learner.focusDue)! < Math.floor(now / DAY_MS);
    parts.push(t(overdue ? 'teacher.focusOverdue' : 'teacher.focusDueOn', { date: learner.focusDue }));
  }
  return `${head} ${parts.join(t('teacher.focusSeparator'))}`;
}
