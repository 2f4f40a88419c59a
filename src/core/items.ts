import { ValidationError } from './errors';
import { seededRng } from './rng';
import type { Difficulty, Item, ItemGenerator, SkillId } from './types';

const SEP = '~';

export function itemId(skillId: SkillId, difficulty: Difficulty, seed: number): string {
  return `${skillId}${SEP}${difficulty}${SEP}${seed >>> 0}`;
}

export function parseItemId(id: string): { skillId: SkillId; difficulty: Difficulty; seed: number } {
  const parts = id.split(SEP);
  const [skillId, d, s] = parts;
  const difficulty = Number(d);
  const seed = Number(s);
  if (
    parts.length !== 3 ||
    !skillId ||
    !(difficulty === 1 || difficulty === 2 || difficulty === 3) ||
    !Number.isInteger(seed) ||
    seed < 0 ||
    seed > 0xffffffff
  ) {
    throw new ValidationError('error.badItemId', { id });
  }
  return { skillId, difficulty, seed };
}

/** Generate an item; the same (skill, difficulty, seed) always yields the same item. */
export function generateItem(gen: ItemGenerator, difficulty: Difficulty, seed: number): Item {
  const body = gen.generate(difficulty, seededRng(seed));
  return { ...body, id: itemId(gen.skillId, difficulty, seed), skillId: gen.skillId, difficulty, seed };
}
