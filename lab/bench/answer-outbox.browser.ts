// Bundled by scripts/bench.mjs and run inside Chromium (its real IndexedDB): answer → feedback
// with a 10,000-statement outbox against an empty one, in the same run (lab/bench/answer-outbox.ts).
import { answerWithOutbox } from './answer-outbox';

async function run(): Promise<Record<string, unknown>[]> {
  return [await answerWithOutbox({ runtime: 'chromium' })];
}

(globalThis as unknown as { __bench: unknown }).__bench = { run };
