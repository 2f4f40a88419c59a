import type { Locale } from '../../../core/i18n';
import { dailySeries, masteryBySkill, skillMapLayout, streak, totals } from '../../../core/progress';
import {
  forecastGoal,
  forecastSkill,
  learnerAccuracy,
  ownRecordWidening,
  widenedBy,
  type GoalForecast,
  type SkillForecast,
} from '../../../core/forecast';
import { daysToGoal, daysToMastery, practicePace, type DaysForecast } from '../../../core/pace';
import { seededRng, seedFrom } from '../../../core/rng';
import type { Attempt, LearnerModel, PracticeSummary, SkillGraph, SkillId } from '../../../core/types';

export const PROGRESS_DAYS = 14;

export interface ProgressInput {
  readonly attempts: readonly Attempt[];
  readonly model: LearnerModel;
  readonly practice: PracticeSummary;
  readonly graph: SkillGraph;
  readonly now: number;
  readonly tzOffsetMinutes: number;
  readonly locale: Locale;
  /** An independent copy of the model for each forecast; without it, no forecasts. */
  readonly cloneModel?: () => LearnerModel;
  /**
   * A fresh model and a copier, to replay the attempts and widen the ranges by how well the
   * forecasts did on this learner's own history (core/forecast.ts `learnerWidening`).
   */
  readonly replay?: { readonly fresh: () => LearnerModel; readonly copy: (m: LearnerModel) => LearnerModel };
}

const widened = (f: SkillForecast | null, factor: number): SkillForecast | null =>
  f === null ? null : widenedBy(f, factor);

/** Everything the progress screen shows, computed from the attempts and the model. */
export function buildProgressView(input: ProgressInput) {
  const { attempts, model, practice, graph, now, tzOffsetMinutes, locale, cloneModel, replay } = input;
  const all = totals(attempts);
  const days = dailySeries(attempts, now, PROGRESS_DAYS, tzOffsetMinutes);
  // An unpractised skill's mastery is only the model's prior: show an empty meter, not 50 %.
  const mastery = masteryBySkill(model, graph, now, { practice });
  const learning = mastery.filter((s) => s.state === 'learning').length;
  // The learner's pace turns answers into days (core/pace.ts); null before any recent practice.
  const pace = practicePace(attempts, now, tzOffsetMinutes);
  const accuracy = learnerAccuracy(attempts);
  const widening =
    cloneModel && replay && learning > 0 ? ownRecordWidening(attempts, replay.fresh, replay.copy) : 1;
  const skills = mastery.map((s) => {
    const practised = (practice.get(s.skillId)?.attempts ?? 0) > 0;
    // Outcome prediction for a skill being learned (core/forecast.ts).
    const forecast: SkillForecast | null =
      cloneModel && s.state === 'learning'
        ? // Seeded by the skill: the teacher's pages show the same forecast for the same model.
          widened(
            forecastSkill(cloneModel, s.skillId, now, seededRng(seedFrom(s.skillId)), { accuracy }),
            widening,
          )
        : null;
    const days: DaysForecast | null =
      forecast && pace && forecast.high <= forecast.maxAnswers
        ? daysToMastery(forecast, pace, learning)
        : null;
    return { ...s, practised, shown: practised ? s.mastery : 0, forecast, days };
  });
  const recentAttempts = days.reduce((s, d) => s + d.attempts, 0);
  const recentCorrect = days.reduce((s, d) => s + d.correct, 0);
  const recentMs = days.reduce((s, d) => s + d.studyMs, 0);
  return {
    totals: all,
    accuracyPercent: all.attempts === 0 ? null : Math.round((100 * all.correct) / all.attempts),
    totalMinutes: Math.round(all.studyMs / 60000),
    days,
    dayLabels: days.map((d) => dayLabel(d.day, locale)),
    recentAttempts,
    recentCorrect,
    recentMinutes: Math.round(recentMs / 60000),
    skills,
    masteredCount: skills.filter((s) => s.state === 'mastered').length,
    streak: streak(attempts, now, tzOffsetMinutes),
    layout: skillMapLayout(graph),
    modelName: model.name,
    /** The factor the learner's own record gives their forecast ranges (1: none), for the goal's too. */
    widening,
  };
}

export type ProgressView = ReturnType<typeof buildProgressView>;

/** "11/3" style short label from a YYYY-MM-DD key, independent of the machine's zone. */
export function dayLabel(day: string, _locale: Locale): string {
  const [, m, d] = day.split('-');
  return `${Number(m)}/${Number(d)}`;
}

/**
 * The forecast in a child's words: "about N more questions" (and "about D days at your pace"
 * when the pace is known), or "this one takes a while".
 */
export function forecastMessage(
  f: SkillForecast,
  days: DaysForecast | null = null,
): { key: string; params?: Record<string, number> } {
  if (f.median > f.maxAnswers) return { key: 'progress.forecastLong' };
  return days
    ? { key: 'progress.forecastDays', params: { n: f.median, d: days.median } }
    : { key: 'progress.forecast', params: { n: f.median } };
}

/**
 * The forecast for a learner's goal (the "My goal" card): answers on the steps of its path not yet
 * mastered until the goal is, and days at the learner's pace; null when the goal is reached.
 */
export function goalForecastView(input: {
  readonly attempts: readonly Attempt[];
  readonly steps: readonly SkillId[];
  readonly now: number;
  readonly tzOffsetMinutes: number;
  readonly cloneModel: () => LearnerModel;
  /** The learner's own-record factor (`buildProgressView`'s `widening`); 1 leaves the range as it is. */
  readonly widening?: number;
}): { readonly forecast: GoalForecast; readonly days: DaysForecast | null } | null {
  const { attempts, steps, now, tzOffsetMinutes, cloneModel, widening = 1 } = input;
  const goal = steps[steps.length - 1];
  if (goal === undefined) return null;
  const raw = forecastGoal(cloneModel, steps, now, seededRng(seedFrom(goal)), {
    accuracy: learnerAccuracy(attempts),
  });
  if (!raw) return null;
  const forecast = widenedBy(raw, widening);
  const pace = practicePace(attempts, now, tzOffsetMinutes);
  return {
    forecast,
    days: pace && forecast.high <= forecast.maxAnswers ? daysToGoal(forecast, pace) : null,
  };
}

/** The goal's forecast in a child's words (`goalForecastView`). */
export function goalForecastMessage(
  f: GoalForecast,
  days: DaysForecast | null,
): { key: string; params?: Record<string, number> } {
  if (f.median > f.maxAnswers) return { key: 'progress.goalForecastLong' };
  return days
    ? { key: 'progress.goalForecastDays', params: { n: f.median, d: days.median } }
    : { key: 'progress.goalForecast', params: { n: f.median } };
}

/** The message key naming a learner model in words (never the bare "elo" or "kt-base"). */
export function modelNameKey(name: string): string {
  return name === 'elo' || name === 'kt-base' || name === 'kt-personal'
    ? `model.name.${name}`
    : 'model.name.other';
}
