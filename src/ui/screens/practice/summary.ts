import { summariseSession, type SessionSummary } from '../../../core/session-summary';
import type { Attempt } from '../../../core/types';
import type { PracticeRun } from './run';

/** Where the summary's figures come from (the app layer, in the app; stand-ins in tests). */
export interface SummarySources {
  /** The learner's attempts, all of them (the streak looks back over every day). */
  attempts(): Promise<readonly Attempt[]>;
  dailyGoal(): Promise<number>;
  readonly now: number;
  readonly timeZoneOffsetMinutes: number;
}

/** The end-of-session summary of a practice session, from what is stored. */
export async function loadSummary(run: PracticeRun, from: SummarySources): Promise<SessionSummary> {
  const [attempts, dailyGoal] = await Promise.all([from.attempts(), from.dailyGoal()]);
  return summariseSession({
    attempts,
    startedAt: run.startedAt,
    now: from.now,
    timeZoneOffsetMinutes: from.timeZoneOffsetMinutes,
    dailyGoal,
    mastered: run.mastered,
  });
}

/** The time spent, as a child reads it: "under a minute", else whole minutes. */
export function timeSpent(studyMs: number): { key: string; params?: { n: number } } {
  if (!(studyMs >= 60_000)) return { key: 'summary.underMinute' };
  return { key: 'summary.minutes', params: { n: Math.round(studyMs / 60_000) } };
}
