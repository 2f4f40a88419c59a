// Bundled by scripts/bench.mjs and run inside Chromium (its real IndexedDB): a class's answers on
// a bank's skills, read one query per learner and skill against one query (lab/bench/bank-read.ts).
import { bankRead } from './bank-read';

async function run(): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  for (const learners of [10, 30]) {
    out.push(
      await bankRead({ learners, bankSkills: 10, otherSkills: 30, perSkill: 20, runtime: 'chromium' }),
    );
  }
  return out;
}

(globalThis as unknown as { __bench: unknown }).__bench = { run };
