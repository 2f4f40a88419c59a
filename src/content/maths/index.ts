/** The bundled maths course: skills, prerequisite graph and one item generator per skill. */
import { buildGraph } from '../../core/graph';
import type { ItemGenerator, Skill, SkillGraph, SkillId } from '../../core/types';
import { algebraGenerators } from './gen-algebra';
import { decimalGenerators, percentGenerators } from './gen-decimals';
import { fractionGenerators } from './gen-fractions';
import { negativeGenerators } from './gen-negatives';
import { numberGenerators } from './gen-number';
import { mathsSkills } from './skills';

export interface Course {
  readonly id: string;
  readonly version: number;
  readonly skills: readonly Skill[];
  readonly generators: ReadonlyMap<SkillId, ItemGenerator>;
}

const generators = new Map<SkillId, ItemGenerator>(
  [
    ...numberGenerators,
    ...fractionGenerators,
    ...decimalGenerators,
    ...percentGenerators,
    ...negativeGenerators,
    ...algebraGenerators,
  ].map((g) => [g.skillId, g]),
);

for (const s of mathsSkills) {
  if (!generators.has(s.id)) throw new Error(`maths course: no generator for skill ${s.id}`);
}
for (const id of generators.keys()) {
  if (!mathsSkills.some((s) => s.id === id)) {
    throw new Error(`maths course: generator for unknown skill ${id}`);
  }
}

export const mathsCourse: Course = {
  id: 'maths',
  version: 1,
  skills: mathsSkills,
  generators,
};

export const mathsGraph: SkillGraph = buildGraph(mathsSkills);

export { mathsSkills, STRANDS } from './skills';
export type { Strand } from './skills';
