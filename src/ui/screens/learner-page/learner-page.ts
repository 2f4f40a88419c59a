/**
 * Pure view helpers of the teacher's page about one learner: durations and shares in words,
 * speed against the class, the rows of its tables. The figures themselves come from
 * core/habits.ts (through app/teacher.ts `learnerReport`).
 */
import type { LearnerReport } from '../../../app/teacher';
import type { SkillForecast } from '../../../core/forecast';
import type { DaysForecast } from '../../../core/pace';
import type { SkillHistory } from '../../../core/habits';
import type { Locale } from '../../../core/i18n';
import type { SkillMastery } from '../../../core/progress';

type T = (key: string, params?: Record<string, string | number>) => string;

/**
 * A duration in words: "8.5 s" under 10 s, whole seconds under a minute, minutes under an hour,
 * then hours and minutes; "—" for none.
 */
export function durationText(ms: number | null, t: T): string {
  if (ms === null || !Number.isFinite(ms)) return t('learnerPage.none');
  const s = ms / 1000;
  if (s < 10) return t('learnerPage.seconds', { n: Math.round(s * 10) / 10 });
  if (s < 59.5) return t('learnerPage.seconds', { n: Math.round(s) });
  const min = Math.round(s / 60);
  if (min < 60) return t('learnerPage.minutes', { n: min });
  return t('learnerPage.hours', { h: Math.floor(min / 60), m: min % 60 });
}

/** A session's length: like {@link durationText}, but "under a minute" instead of seconds. */
export function sessionLengthText(ms: number | null, t: T): string {
  if (ms !== null && ms < 30_000) return t('learnerPage.underMinute');
  return ms !== null && ms < 60_000 ? t('learnerPage.minutes', { n: 1 }) : durationText(ms, t);
}

/** "25% (3 of 12)", or "—" with no answers. */
export function shareText(n: number, total: number, t: T): string {
  if (total === 0) return t('learnerPage.none');
  return t('learnerPage.share', { percent: Math.round((100 * n) / total), n, total });
}

export type SpeedComparison = 'faster' | 'slower' | 'same' | 'only';

/** Within 15 % of the class median counts as "about the same". */
export const SAME_SPEED = 0.15;

/**
 * This learner's median time on a skill against the class's: `only` when nobody else has
 * answered the skill (the class figure is then this learner's own).
 */
export function compareSpeed(
  s: Pick<SkillHistory, 'answers' | 'classAnswers' | 'medianMs' | 'classMedianMs'>,
): SpeedComparison | null {
  if (s.classAnswers <= s.answers) return 'only';
  if (s.medianMs === null || s.classMedianMs === null || s.classMedianMs <= 0) return null;
  const ratio = s.medianMs / s.classMedianMs;
  if (ratio < 1 - SAME_SPEED) return 'faster';
  if (ratio > 1 + SAME_SPEED) return 'slower';
  return 'same';
}

/** Answers to mastery in words: "about 12 (8–18)", or "at least 40" when the range runs off the end. */
export function forecastText(f: SkillForecast, t: T): string {
  if (f.high > f.maxAnswers) return t('learnerPage.forecastAtLeast', { low: f.low });
  return t('learnerPage.forecastRange', { median: f.median, low: f.low, high: f.high });
}

/** The same forecast in days at the learner's pace (core/pace.ts); a dash without one. */
export function forecastDaysText(days: DaysForecast | null, t: T): string {
  if (!days) return '–';
  return t('learnerPage.forecastDays', { median: days.median, low: days.low, high: days.high });
}

/** Sentences run on: a space between English ones, none between Chinese ones (they end in 。). */
export function sentences(parts: readonly string[], locale: Locale): string {
  return parts.join(locale === 'zh-CN' ? '' : ' ');
}

/** Whole percent of a mastery in [0, 1]. */
export function masteryPercent(m: number): number {
  return Math.round(Math.max(0, Math.min(1, m)) * 100);
}

/** Weekday names, Monday first, in the interface language. */
export function weekdayNames(locale: Locale): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  // 5 January 2026 was a Monday.
  return Array.from({ length: 7 }, (_, i) => f.format(Date.UTC(2026, 0, 5 + i)));
}

/** A date and time in the interface language (the device's zone unless one is given). */
export function dateTimeText(timestamp: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    ...(timeZone ? { timeZone } : {}),
  }).format(timestamp);
}

export interface SkillRow extends SkillHistory {
  readonly mastery: SkillMastery | null;
}

/** The "by skill" table: each practised skill with the model's mastery of it. */
export function skillRows(report: Pick<LearnerReport, 'habits' | 'skills'>): SkillRow[] {
  const byId = new Map(report.skills.map((m) => [m.skillId, m]));
  return report.habits.bySkill.map((s) => ({ ...s, mastery: byId.get(s.skillId) ?? null }));
}

/** Skills mastered, by the model's flag. */
export function masteredCount(report: Pick<LearnerReport, 'skills'>): number {
  return report.skills.filter((m) => m.state === 'mastered').length;
}
