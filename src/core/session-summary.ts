/**
 * What a child sees when a practice session ends (issue 11): questions answered, how many right,
 * the skills practised and the stars earned, today's goal, the day streak and the time spent.
 * Pure: computed from the learner's stored attempts, the session's start and `now`; the time-zone
 * offset decides where today begins (core/progress.ts).
 */
import { countToday, goalProgress, type GoalProgress } from './daily-goal';
import { streak, studyMsOf } from './progress';
import type { Attempt, SkillId } from './types';

export interface SessionSummary {
  /** Questions done this session (answers and worked solutions read). */
  readonly answered: number;
  readonly correct: number;
  /** Skills practised this session, in the order first met. */
  readonly skillsPractised: readonly SkillId[];
  /** Skills mastered with an answer of this session, in the order earned, each once. */
  readonly masteredNow: readonly SkillId[];
  /** Today's questions (this session's and earlier ones) against the daily goal. */
  readonly today: GoalProgress;
  /** Consecutive days with practice, ending today. */
  readonly streak: number;
  /** Study time this session: each answer's time, capped as the progress screen caps it. */
  readonly studyMs: number;
}

export interface SessionSummaryInput {
  /** The learner's attempts (all of them: the streak looks back over every day). */
  readonly attempts: readonly Attempt[];
  /** When the session began (epoch ms): its attempts are those stored since. */
  readonly startedAt: number;
  readonly now: number;
  readonly timeZoneOffsetMinutes: number;
  readonly dailyGoal: number;
  /** The skills the session reported mastered (`SubmitResult.mastered`). */
  readonly mastered: readonly SkillId[];
}

export function summariseSession(input: SessionSummaryInput): SessionSummary {
  const { attempts, startedAt, now, timeZoneOffsetMinutes: tz } = input;
  const session = attempts.filter((a) => a.timestamp >= startedAt && a.timestamp <= now);
  const skills: SkillId[] = [];
  let correct = 0;
  let studyMs = 0;
  for (const a of session) {
    if (a.correct) correct += 1;
    studyMs += studyMsOf(a);
    if (!skills.includes(a.skillId)) skills.push(a.skillId);
  }
  // Today's goal counts answers, not worked solutions read (core/daily-goal.ts).
  const today = countToday(
    attempts
      .filter((a) => !a.solutionShown)
      .map((a) => a.timestamp)
      .filter((t) => t <= now),
    now,
    tz,
  );
  return {
    answered: session.length,
    correct,
    skillsPractised: skills,
    masteredNow: [...new Set(input.mastered)],
    today: goalProgress(today.count, input.dailyGoal),
    streak: streak(
      attempts.filter((a) => a.timestamp <= now),
      now,
      tz,
    ).current,
    studyMs,
  };
}
