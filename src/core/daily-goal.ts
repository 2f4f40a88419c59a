/**
 * A learner's daily goal: a number of questions a day (issue 11). Pure: "today" is the local
 * calendar day containing `now`, with the learner's time-zone offset given (minutes east of UTC,
 * as in core/progress.ts), so midnight falls where the child's clock says it does.
 *
 * An answer, right or wrong, counts as a question done; a worked solution read does not (a child
 * could otherwise reach the goal, and be congratulated, by reading ten solutions). The caller
 * leaves those out (ui/screens/practice/practice.svelte.ts).
 */
import { localDayIndex } from './progress';

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** The goals a learner can pick from: about 2 to 15 minutes of practice a day. */
export const DAILY_GOAL_CHOICES: readonly number[] = [5, 10, 15, 20, 30];

/** The goal until a learner picks one: about five minutes, a short sitting for a young child. */
export const DEFAULT_DAILY_GOAL = 10;

/** True for one of {@link DAILY_GOAL_CHOICES}. */
export function isDailyGoal(n: unknown): n is number {
  return typeof n === 'number' && DAILY_GOAL_CHOICES.includes(n);
}

/** A stored value read back: one of the choices, else the default (never a guess). */
export function dailyGoalOr(n: unknown): number {
  return isDailyGoal(n) ? n : DEFAULT_DAILY_GOAL;
}

/** Questions done on one local day (a day index, as `localDayIndex` counts them). */
export interface DayCount {
  readonly day: number;
  readonly count: number;
}

/** Epoch ms at which the local day containing `now` began (to read only today's attempts). */
export function startOfLocalDay(now: number, timeZoneOffsetMinutes: number): number {
  return localDayIndex(now, timeZoneOffsetMinutes) * DAY_MS - timeZoneOffsetMinutes * MINUTE_MS;
}

/** How many of `timestamps` fall on the local day containing `now`. */
export function countToday(
  timestamps: readonly number[],
  now: number,
  timeZoneOffsetMinutes: number,
): DayCount {
  const day = localDayIndex(now, timeZoneOffsetMinutes);
  let count = 0;
  for (const t of timestamps) if (localDayIndex(t, timeZoneOffsetMinutes) === day) count += 1;
  return { day, count };
}

/**
 * One more question done at `timestamp`: on the same day the count grows by one; past midnight a
 * new day starts at one (yesterday's questions never count towards today's goal).
 */
export function countAnswer(prev: DayCount, timestamp: number, timeZoneOffsetMinutes: number): DayCount {
  const day = localDayIndex(timestamp, timeZoneOffsetMinutes);
  return day === prev.day ? { day, count: prev.count + 1 } : { day, count: 1 };
}

/**
 * True when the step from `before` to `after` crossed the goal: the one moment to celebrate.
 * A new day starts from nothing, so its goal can be reached (and celebrated) again.
 */
export function goalJustReached(before: DayCount, after: DayCount, goal: number): boolean {
  const was = before.day === after.day ? before.count : 0;
  return was < goal && after.count >= goal;
}

/** Progress towards today's goal, as the practice screen and the summary show it. */
export interface GoalProgress {
  readonly done: number;
  readonly goal: number;
  readonly reached: boolean;
  /** Questions still to do today (0 once reached). */
  readonly left: number;
}

export function goalProgress(done: number, goal: number): GoalProgress {
  const d = Math.max(0, Math.floor(done));
  const g = Math.max(1, Math.floor(goal));
  return { done: d, goal: g, reached: d >= g, left: Math.max(0, g - d) };
}
