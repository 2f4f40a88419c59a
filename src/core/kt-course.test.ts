import { describe, expect, it } from 'vitest';
import { mathsCourse } from '../content/maths';
import { buildGraph } from './graph';
import { ktCourse, SKILL_ROWS } from './kt-course';
import type { Skill } from './types';

/**
 * The network's skill table has SKILL_ROWS rows (row 0 = none). Imported banks add skills
 * (issue 12): up to SKILL_ROWS − 1 skills in all, every skill has a row of its own; past that,
 * the extra skills share rows by hash (the Elo path, which is per skill, is unaffected).
 */
const bankSkills = (bank: string, n: number, after?: string): Skill[] =>
  Array.from({ length: n }, (_, i) => ({
    id: `${bank}:s${i}`,
    nameKey: `skill.${bank}:s${i}.name`,
    prerequisites: i === 0 ? (after ? [after] : []) : [`${bank}:s${i - 1}`],
    strand: bank,
    band: 1,
  }));

describe('the network’s skill rows with imported banks', () => {
  it('keeps the bundled skills’ rows when banks are added', () => {
    const alone = ktCourse(buildGraph([...mathsCourse.skills]));
    const withBanks = ktCourse(
      buildGraph([
        ...mathsCourse.skills,
        ...bankSkills('bank-a', 30),
        ...bankSkills('bank-b', 20, 'placeValue'),
      ]),
    );
    for (const s of mathsCourse.skills) expect(withBanks.rowOf(s.id)).toBe(alone.rowOf(s.id));
  });

  it('gives every skill a row of its own up to the table’s size, and shares rows past it', () => {
    const bundled = mathsCourse.skills.length;
    const free = SKILL_ROWS - 1 - bundled;
    const fits = [...mathsCourse.skills, ...bankSkills('bank-a', 50), ...bankSkills('bank-b', free - 50)];
    const course = ktCourse(buildGraph(fits));
    const rows = fits.map((s) => course.rowOf(s.id));
    expect(new Set(rows).size).toBe(fits.length);
    expect(Math.max(...rows)).toBe(SKILL_ROWS - 1);

    const over = [...fits, ...bankSkills('bank-c', 10)];
    const overCourse = ktCourse(buildGraph(over));
    const overRows = over.map((s) => overCourse.rowOf(s.id));
    // The first SKILL_ROWS − 1 keep their own rows; the 10 extra land on rows already used.
    expect(new Set(overRows.slice(0, SKILL_ROWS - 1)).size).toBe(SKILL_ROWS - 1);
    for (const r of overRows.slice(SKILL_ROWS - 1)) {
      expect(r).toBeGreaterThanOrEqual(1);
      expect(r).toBeLessThan(SKILL_ROWS);
    }
  });
});
