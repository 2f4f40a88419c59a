// Bench hook, bundled by scripts/bench.mjs and evaluated in the app's origin: stores N
// realistic attempts for the first learner through the app's own storage code, with the
// learner state computed by the real model from those attempts.
import { EloModel } from '../../src/core/elo';
import { generateItem } from '../../src/core/items';
import { recordInSummary, emptySummary } from '../../src/core/practice';
import { seededRng, nextSeed } from '../../src/core/rng';
import type { Attempt, Difficulty } from '../../src/core/types';
import { mathsCourse, mathsGraph } from '../../src/content/maths';
import { LanternDB } from '../../src/storage/db';
import { AttemptRepo, LearnerStateRepo } from '../../src/storage/repositories';

async function run(n: number): Promise<number> {
  const db = new LanternDB();
  const learner = (await db.learners.toArray())[0];
  if (!learner) throw new Error('create a learner first');
  const rng = seededRng(42);
  const model = new EloModel(mathsGraph);
  let practice = emptySummary();
  const skills = mathsGraph.order;
  const attempts: Attempt[] = [];
  let t = Date.now() - n * 20_000;
  for (let i = 0; i < n; i++) {
    const skillId = skills[Math.floor(rng() * skills.length)]!;
    const difficulty = (1 + Math.floor(rng() * 3)) as Difficulty;
    const item = generateItem(mathsCourse.generators.get(skillId)!, difficulty, nextSeed(rng));
    t += 5_000 + Math.floor(rng() * 30_000);
    const a: Attempt = {
      id: `seed-${i}`,
      learnerId: learner.id,
      itemId: item.id,
      skillId,
      difficulty,
      seed: item.seed,
      params: { ...item.params },
      answer: '1',
      correct: rng() < 0.7,
      responseMs: 3_000 + Math.floor(rng() * 20_000),
      hintsUsed: rng() < 0.1 ? 1 : 0,
      solutionShown: false,
      timestamp: t,
      appVersion: 'bench',
    };
    model.update(a);
    practice = recordInSummary(practice, a);
    attempts.push(a);
  }
  await new AttemptRepo(db).bulkImport(attempts);
  await new LearnerStateRepo(db).put(learner.id, {
    model: model.toJSON(),
    practice: Object.fromEntries(practice),
    attemptCount: n,
  });
  db.close();
  return n;
}

(globalThis as unknown as { __bench: unknown }).__bench = { run };
