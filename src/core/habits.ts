/**
 * A learner's history and habits for the teacher's page about one learner (issue 11): what they
 * answered, how fast, when and for how long they practise, and how often they take hints or
 * the worked solution, against the class. Pure: computed from attempt records only, with `now`
 * and the time zone given.
 *
 * Definitions (each is said on the page too):
 *
 * - **Session**: answers in a row with less than {@link SESSION_GAP_MS} (30 minutes) between one
 *   answer and the next; a longer pause starts a new session. A session runs from the moment its
 *   first item was shown (answer time − response time, capped as study time is: core/progress
 *   `studyMsOf`) to its last answer. Thirty minutes is longer than any item plus its feedback
 *   and solution take, and shorter than a break between two lessons.
 * - **When**: a session counts for the part of the day and the weekday its first item was shown
 *   on, in local time (`tzOffsetMinutes`, minutes east of UTC, as core/progress): morning 5–12 h,
 *   afternoon 12–17 h, evening 17–21 h, night 21–5 h.
 * - **Speed**: the median response time (item shown → answer submitted) of the answers on a
 *   skill. The class figure pools every answer on that skill by every learner on the device,
 *   this learner included. A median, because one item left open for minutes would drag a mean.
 * - **Help**: the share of answers given after at least one hint, and the share where the worked
 *   solution was shown; the class share pools every answer of every learner.
 */
import { localDayIndex, studyMsOf } from './progress';
import type { Attempt, Difficulty, SkillId } from './types';

const MINUTE_MS = 60 * 1000;
export const SESSION_GAP_MS = 30 * MINUTE_MS;
/** "Lately": the window for days practised. */
export const HABIT_WINDOW_DAYS = 28;
/** How many of the latest answers the history lists. */
export const RECENT_ANSWERS = 25;

export const PARTS_OF_DAY = ['morning', 'afternoon', 'evening', 'night'] as const;
export type PartOfDay = (typeof PARTS_OF_DAY)[number];

export interface PracticeSession {
  /** When its first item was shown (epoch ms). */
  readonly start: number;
  /** Its last answer (epoch ms). */
  readonly end: number;
  readonly answers: number;
}

/** Oldest first (a copy; the input is left as it is). */
function byTime(attempts: readonly Attempt[]): Attempt[] {
  return [...attempts].sort((a, b) => a.timestamp - b.timestamp || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The learner's sessions, oldest first (see the module comment). */
export function sessionsOf(attempts: readonly Attempt[], gapMs: number = SESSION_GAP_MS): PracticeSession[] {
  const out: PracticeSession[] = [];
  let current: { start: number; end: number; answers: number } | null = null;
  for (const a of byTime(attempts)) {
    if (current !== null && a.timestamp - current.end < gapMs) {
      current.end = a.timestamp;
      current.answers++;
    } else {
      if (current !== null) out.push(current);
      current = { start: a.timestamp - studyMsOf(a), end: a.timestamp, answers: 1 };
    }
  }
  if (current !== null) out.push(current);
  return out;
}

/** Local hour 0–23 of a time. */
export function localHour(timestamp: number, tzOffsetMinutes: number): number {
  const ms = timestamp + tzOffsetMinutes * MINUTE_MS;
  return Math.floor((((ms % 86_400_000) + 86_400_000) % 86_400_000) / 3_600_000);
}

/** Local weekday, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function localWeekday(timestamp: number, tzOffsetMinutes: number): number {
  return (((localDayIndex(timestamp, tzOffsetMinutes) + 3) % 7) + 7) % 7;
}

export function partOfDay(hour: number): PartOfDay {
  if (hour >= 5 && hour < 12) return 'morning';
  if (hour >= 12 && hour < 17) return 'afternoon';
  if (hour >= 17 && hour < 21) return 'evening';
  return 'night';
}

/** The median of numbers, or null for none. */
export function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Response times that can be counted (a broken clock can store 0, negative or NaN). */
function times(attempts: readonly Attempt[]): number[] {
  return attempts.map((a) => a.responseMs).filter((ms) => Number.isFinite(ms) && ms > 0);
}

export interface HelpUse {
  readonly answers: number;
  /** Answers given after at least one hint. */
  readonly withHint: number;
  /** Answers where the worked solution was shown. */
  readonly withSolution: number;
  /** Shares of `answers` in [0, 1]; null with no answers. */
  readonly hintShare: number | null;
  readonly solutionShare: number | null;
}

export function helpUse(attempts: readonly Attempt[]): HelpUse {
  const withHint = attempts.filter((a) => a.hintsUsed > 0).length;
  const withSolution = attempts.filter((a) => a.solutionShown).length;
  const n = attempts.length;
  return {
    answers: n,
    withHint,
    withSolution,
    hintShare: n === 0 ? null : withHint / n,
    solutionShare: n === 0 ? null : withSolution / n,
  };
}

export interface SkillHistory {
  readonly skillId: SkillId;
  readonly answers: number;
  readonly correct: number;
  /** Answers at levels 1, 2 and 3. */
  readonly levels: readonly [number, number, number];
  readonly withHint: number;
  readonly withSolution: number;
  /** Epoch ms of the latest answer on the skill. */
  readonly last: number;
  /** Median response time of this learner on the skill, and of the class (pooled), in ms. */
  readonly medianMs: number | null;
  readonly classMedianMs: number | null;
  readonly classAnswers: number;
}

export interface PartOfDayCount {
  readonly part: PartOfDay;
  readonly sessions: number;
  readonly answers: number;
}

export interface WeekdayCount {
  /** 0 = Monday … 6 = Sunday. */
  readonly weekday: number;
  readonly sessions: number;
  readonly answers: number;
}

export interface PracticeRhythm {
  readonly sessions: number;
  /** Distinct local days with at least one answer: ever, and in the last HABIT_WINDOW_DAYS days. */
  readonly days: number;
  readonly recentDays: number;
  readonly windowDays: number;
  readonly medianSessionMs: number | null;
  readonly longestSessionMs: number | null;
  readonly medianSessionAnswers: number | null;
  readonly byPartOfDay: readonly PartOfDayCount[];
  readonly byWeekday: readonly WeekdayCount[];
  /** The latest sessions, newest first (at most 10). */
  readonly latest: readonly PracticeSession[];
}

export interface LearnerHabits {
  readonly answers: number;
  readonly correct: number;
  readonly first: number | null;
  readonly last: number | null;
  /** Latest answers, newest first (at most RECENT_ANSWERS). */
  readonly recent: readonly Attempt[];
  /** The skills the learner answered, in the given course order (unknown skills last). */
  readonly bySkill: readonly SkillHistory[];
  readonly rhythm: PracticeRhythm;
  /** Median response time over all the learner's answers, and the class's (pooled). */
  readonly medianMs: number | null;
  readonly classMedianMs: number | null;
  readonly help: HelpUse;
  readonly classHelp: HelpUse;
  /** Learners in the class, this one included. */
  readonly classLearners: number;
}

export interface HabitsInput {
  /** This learner's attempts, any order. */
  readonly attempts: readonly Attempt[];
  /** Every learner's attempts on the device, this learner's included. */
  readonly classAttempts: readonly Attempt[];
  readonly classLearners: number;
  /** Skill order for the tables (the course's topological order). */
  readonly order: readonly SkillId[];
  readonly now: number;
  readonly tzOffsetMinutes: number;
}

function rhythmOf(attempts: readonly Attempt[], now: number, tz: number): PracticeRhythm {
  const sessions = sessionsOf(attempts);
  const days = new Set(attempts.map((a) => localDayIndex(a.timestamp, tz)));
  const today = localDayIndex(now, tz);
  const recentDays = [...days].filter((d) => d > today - HABIT_WINDOW_DAYS && d <= today).length;
  const parts = new Map<PartOfDay, { sessions: number; answers: number }>(
    PARTS_OF_DAY.map((p) => [p, { sessions: 0, answers: 0 }]),
  );
  const weekdays = Array.from({ length: 7 }, () => ({ sessions: 0, answers: 0 }));
  for (const s of sessions) {
    const p = parts.get(partOfDay(localHour(s.start, tz)))!;
    p.sessions++;
    p.answers += s.answers;
    const w = weekdays[localWeekday(s.start, tz)]!;
    w.sessions++;
    w.answers += s.answers;
  }
  const lengths = sessions.map((s) => s.end - s.start);
  return {
    sessions: sessions.length,
    days: days.size,
    recentDays,
    windowDays: HABIT_WINDOW_DAYS,
    medianSessionMs: median(lengths),
    longestSessionMs: lengths.length === 0 ? null : Math.max(...lengths),
    medianSessionAnswers: median(sessions.map((s) => s.answers)),
    byPartOfDay: PARTS_OF_DAY.map((part) => ({ part, ...parts.get(part)! })),
    byWeekday: weekdays.map((w, weekday) => ({ weekday, ...w })),
    latest: sessions.slice(-10).reverse(),
  };
}

function groupBySkill(attempts: readonly Attempt[]): Map<SkillId, Attempt[]> {
  const out = new Map<SkillId, Attempt[]>();
  for (const a of attempts) {
    const list = out.get(a.skillId);
    if (list) list.push(a);
    else out.set(a.skillId, [a]);
  }
  return out;
}

/** Everything the learner page shows about the history and habits (see the module comment). */
export function learnerHabits(input: HabitsInput): LearnerHabits {
  const { attempts, classAttempts, order, now, tzOffsetMinutes } = input;
  const sorted = byTime(attempts);
  const mine = groupBySkill(sorted);
  const theirs = groupBySkill(classAttempts.filter((a) => mine.has(a.skillId)));
  const rank = new Map(order.map((id, i) => [id, i]));
  const skills = [...mine.keys()].sort(
    (a, b) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const bySkill = skills.map((skillId): SkillHistory => {
    const list = mine.get(skillId)!;
    const cls = theirs.get(skillId) ?? [];
    const level = (d: Difficulty): number => list.filter((a) => a.difficulty === d).length;
    const levels: [number, number, number] = [level(1), level(2), level(3)];
    const help = helpUse(list);
    return {
      skillId,
      answers: list.length,
      correct: list.filter((a) => a.correct).length,
      levels,
      withHint: help.withHint,
      withSolution: help.withSolution,
      last: list[list.length - 1]!.timestamp,
      medianMs: median(times(list)),
      classMedianMs: median(times(cls)),
      classAnswers: cls.length,
    };
  });
  return {
    answers: sorted.length,
    correct: sorted.filter((a) => a.correct).length,
    first: sorted[0]?.timestamp ?? null,
    last: sorted[sorted.length - 1]?.timestamp ?? null,
    recent: sorted.slice(-RECENT_ANSWERS).reverse(),
    bySkill,
    rhythm: rhythmOf(sorted, now, tzOffsetMinutes),
    medianMs: median(times(sorted)),
    classMedianMs: median(times(classAttempts)),
    help: helpUse(sorted),
    classHelp: helpUse(classAttempts),
    classLearners: input.classLearners,
  };
}
