import { format } from '../../../core/i18n';
import { teacherMessagesEn } from './messages';
import { describe, expect, it } from 'vitest';
import type { ClassData, ClassLearner } from '../../../app/teacher';
import {
  bucketOf,
  clampK,
  classMinutes,
  daysAgo,
  focusButtonLabel,
  focusProgressText,
  inactiveLine,
  fileName,
  heatmapRows,
  meanMastery,
  nextSort,
  shownSkills,
  sortLearners,
} from './teacher';

const NOW = Date.UTC(2026, 10, 22, 12);
const DAY = 24 * 60 * 60 * 1000;

function learner(over: Partial<ClassLearner> & { id: string; nickname: string }): ClassLearner {
  return {
    avatar: 'fox',
    attempts: 0,
    correct: 0,
    lastPractised: null,
    studyMs: 0,
    mastery: [0.5, 0.5, 0.5],
    mastered: [false, false, false],
    practised: [false, false, false],
    stuck: [],
    notPractisedLately: true,
    focus: [],
    focusProgress: [],
    focusDue: null,
    ...over,
  };
}

const data: ClassData = {
  now: NOW,
  skillIds: ['a', 'b', 'c'],
  learners: [
    learner({
      id: '1',
      nickname: 'Zoe',
      attempts: 30,
      lastPractised: NOW - DAY,
      studyMs: 10 * 60000,
      mastery: [0.9, 0.6, 0.5],
      practised: [true, true, false],
    }),
    learner({
      id: '2',
      nickname: 'Ana',
      attempts: 10,
      lastPractised: NOW - 9 * DAY,
      studyMs: 5 * 60000,
      mastery: [0.2, 0.5, 0.5],
      practised: [true, false, false],
    }),
    learner({ id: '3', nickname: 'Bo' }),
  ],
};

describe('teacher view helpers', () => {
  it('buckets mastery like the progress meters', () => {
    expect(bucketOf(0.9, false)).toBe('none');
    expect(bucketOf(0.49, true)).toBe('low');
    expect(bucketOf(0.5, true)).toBe('mid');
    expect(bucketOf(0.8, true)).toBe('high');
  });

  it('averages mastery over practised skills only', () => {
    expect(meanMastery(data.learners[0]!)).toBeCloseTo(0.75);
    expect(meanMastery(data.learners[2]!)).toBe(0);
  });

  it('shows only the skills someone practised, or all of them', () => {
    expect(shownSkills(data)).toEqual(['a', 'b']);
    expect(shownSkills(data, true)).toEqual(['a', 'b', 'c']);
    expect(shownSkills({ ...data, learners: [data.learners[2]!] })).toEqual(['a', 'b', 'c']);
  });

  it('sorts by name, attempts, mastery and last practised', () => {
    const names = (key: Parameters<typeof sortLearners>[1], dir: 'ascending' | 'descending') =>
      sortLearners(data.learners, key, dir, 'en').map((l) => l.nickname);
    expect(names('name', 'ascending')).toEqual(['Ana', 'Bo', 'Zoe']);
    expect(names('name', 'descending')).toEqual(['Zoe', 'Bo', 'Ana']);
    expect(names('attempts', 'descending')).toEqual(['Zoe', 'Ana', 'Bo']);
    expect(names('mastery', 'ascending')).toEqual(['Bo', 'Ana', 'Zoe']);
    expect(names('last', 'descending')).toEqual(['Zoe', 'Ana', 'Bo']);
  });

  it('toggles the sort direction, numbers starting with the largest', () => {
    expect(nextSort({ key: 'name', dir: 'ascending' }, 'name')).toEqual({ key: 'name', dir: 'descending' });
    expect(nextSort({ key: 'name', dir: 'ascending' }, 'attempts')).toEqual({
      key: 'attempts',
      dir: 'descending',
    });
    expect(nextSort({ key: 'mastery', dir: 'descending' }, 'name')).toEqual({
      key: 'name',
      dir: 'ascending',
    });
  });

  it('builds heatmap rows with buckets and percentages', () => {
    const rows = heatmapRows(data, ['a', 'b'], { key: 'name', dir: 'ascending' }, 'en');
    expect(rows.map((r) => r.learner.nickname)).toEqual(['Ana', 'Bo', 'Zoe']);
    expect(rows[0]!.cells).toEqual([
      { skillId: 'a', bucket: 'low', percent: 20 },
      { skillId: 'b', bucket: 'none', percent: null },
    ]);
    expect(rows[1]!.mean).toBeNull();
    expect(rows[2]!.mean).toBe(75);
    expect(rows[2]!.cells.map((c) => c.bucket)).toEqual(['high', 'mid']);
    // A mastered skill (the flag has hysteresis) is high even after a slip took mastery to 0.6,
    // as the learner's own star still shows.
    const slipped: ClassData = {
      ...data,
      learners: [
        learner({
          id: '4',
          nickname: 'Li',
          mastery: [0.6, 0.6, 0.5],
          mastered: [true, false, false],
          practised: [true, true, false],
        }),
      ],
    };
    const [li] = heatmapRows(slipped, ['a', 'b'], { key: 'name', dir: 'ascending' }, 'en');
    expect(li!.cells.map((c) => c.bucket)).toEqual(['high', 'mid']);
  });

  it('formats days, minutes, file names and k', () => {
    expect(daysAgo(null, NOW)).toBeNull();
    expect(daysAgo(NOW - 9 * DAY - 5, NOW)).toBe(9);
    expect(classMinutes(data)).toBe(15);
    expect(fileName('lantern-class', NOW, 'csv')).toBe('lantern-class-2026-11-22.csv');
    expect(clampK(0, 3)).toBe(1);
    expect(clampK(7, 3)).toBe(3);
    expect(clampK(2, 0)).toBe(1);
  });
});

describe('teacher wording (walk-through)', () => {
  const t = (key: string, params?: Record<string, string | number>) =>
    `${key}${params ? JSON.stringify(params) : ''}`;
  it('says a learner has not practised yet, never "last practised never"', () => {
    const now = Date.UTC(2026, 11, 3);
    expect(inactiveLine({ nickname: 'Eve', lastPractised: null }, now, t)).toBe(
      'teacher.inactiveNever{"learner":"Eve"}',
    );
    expect(inactiveLine({ nickname: 'Bo', lastPractised: now - 9 * 86_400_000 }, now, t)).toBe(
      'teacher.inactiveItem{"learner":"Bo","when":"teacher.daysAgo{\\"n\\":9}"}',
    );
  });
  it('names the not-started learners as such on the focus button', () => {
    expect(focusButtonLabel({ kind: 'notStarted', label: { key: 'group.notStartedLabel' } }, t)).toBe(
      'teacher.focusNotStarted',
    );
    expect(
      focusButtonLabel({ kind: 'cluster', label: { key: 'group.label', params: { group: 'A' } } }, t),
    ).toBe('teacher.focusGroup{"group":"group.label{\\"group\\":\\"A\\"}"}');
  });

  it('says how far a learner is towards the focus, with the next step, a range and the due date', () => {
    const t = (key: string, params?: Record<string, string | number>): string =>
      format(teacherMessagesEn, { key, params }, 'en');
    const name = (id: string): string => ({ rounding: 'Rounding', placeValue: 'Place value' })[id] ?? id;
    const base = {
      skillId: 'rounding',
      done: 1,
      total: 2,
      reached: false,
      next: 'rounding',
      nextAnswers: { low: 4, high: 12, max: 60 },
      // One step left: the whole way is the next step, which the app does not forecast twice.
      goalAnswers: null,
    };
    const now = Date.UTC(2026, 11, 5, 12);
    expect(focusProgressText({ nickname: 'Bo', focusDue: '2026-12-10' }, base, now, name, t)).toBe(
      'Bo — Rounding: 1 of 2 steps mastered; next: Rounding, about 4–12 more answers; due 2026-12-10',
    );
    expect(focusProgressText({ nickname: 'Bo', focusDue: '2026-12-01' }, base, now, name, t)).toContain(
      'was due 2026-12-01 (overdue)',
    );
    expect(
      focusProgressText(
        { nickname: 'Bo', focusDue: null },
        { ...base, nextAnswers: { low: 30, high: 61, max: 60 } },
        now,
        name,
        t,
      ),
    ).toBe('Bo — Rounding: 1 of 2 steps mastered; next: Rounding, at least 30 more answers');
    expect(
      focusProgressText(
        { nickname: 'Ana', focusDue: null },
        { ...base, reached: true, done: 2, next: null, nextAnswers: null, goalAnswers: null },
        now,
        name,
        t,
      ),
    ).toBe('Ana — Rounding: reached ✓');
    // More than one step left: the range for the whole way to the focus follows the next step's.
    const far = {
      ...base,
      skillId: 'placeValue',
      done: 0,
      total: 3,
      goalAnswers: { low: 20, high: 55, max: 180 },
    };
    expect(focusProgressText({ nickname: 'Bo', focusDue: null }, far, now, name, t)).toBe(
      'Bo — Place value: 0 of 3 steps mastered; next: Rounding, about 4–12 more answers; to reach it: about 20–55 more answers',
    );
    expect(
      focusProgressText(
        { nickname: 'Bo', focusDue: null },
        { ...far, goalAnswers: { low: 90, high: 181, max: 180 } },
        now,
        name,
        t,
      ),
    ).toContain('to reach it: at least 90 more answers');
  });
});
