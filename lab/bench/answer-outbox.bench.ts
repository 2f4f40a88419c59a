/**
 * Answer → feedback with a 10,000-statement outbox against an empty one (lab/bench/answer-outbox.ts),
 * in Node on fake-indexeddb: a proxy for our own code path, like record-attempt.bench.ts.
 *
 *   node_modules/.bin/tsx lab/bench/answer-outbox.bench.ts [--queued 10000] [--runs 300]
 */
import 'fake-indexeddb/auto';
import { answerWithOutbox } from './answer-outbox';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) || fallback : fallback;
}

const line = await answerWithOutbox({
  queued: arg('queued', 10_000),
  runs: arg('runs', 300),
  runtime: `node ${process.version} fake-indexeddb`,
});
console.log(JSON.stringify(line));
