/**
 * Sending a queued outbox to a real LRS (issue 14): Learning Locker's statement service
 * (`xapi-statements`, in memory) as its own process on 127.0.0.1, the app's own LrsSender and
 * outbox on fake-indexeddb in Node. Prints one JSON line per batch size: statements per second
 * from 10,000 queued answers to all of them stored (and marked sent).
 *
 *   node_modules/.bin/tsx lab/bench/lrs-send.bench.ts [--n 10000]
 */
import 'fake-indexeddb/auto';
import { spawn } from 'node:child_process';
import { answeredStatement } from '../../src/core/xapi';
import { LanternDB } from '../../src/storage/db';
import { LrsRepo, OutboxRepo } from '../../src/storage/outbox';
import { LrsSender } from '../../src/app/lrs-sender';
import { makeAttempt } from '../../src/storage/test-utils';

const N = Number(process.argv[process.argv.indexOf('--n') + 1] || 10_000) || 10_000;
const PORT = 5593;
const ENDPOINT = `http://127.0.0.1:${PORT}/xAPI/`;

const lrs = spawn(process.execPath, ['node_modules/xapi-statements/dist/server.js'], {
  env: {
    ...process.env,
    AUTH_REPO: 'test',
    EVENTS_REPO: 'test',
    MODELS_REPO: 'memory',
    STORAGE_REPO: 'memory',
    EXPRESS_PORT: String(PORT),
  },
  stdio: 'ignore',
});
try {
  for (let i = 0; ; i++) {
    try {
      if ((await fetch(`${ENDPOINT}about`)).ok) break;
    } catch {
      if (i > 200) throw new Error('the LRS did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  const profile = { base: 'https://school.example/lantern', nicknames: false };
  for (const batchSize of [50, 200]) {
    const db = new LanternDB(`lrs-bench-${batchSize}`);
    const outbox = new OutboxRepo(db);
    const repo = new LrsRepo(db);
    await repo.set('config', {
      version: 1,
      endpoint: ENDPOINT,
      key: 'k',
      secret: 's',
      base: profile.base,
      nicknames: false,
      since: null,
      configuredAt: 0,
    });
    await repo.set('state', { backfilled: true });
    const learnerId = `c0a8e5d2-1b7f-4c3e-9a61-${String(batchSize).padStart(12, '0')}`;
    const entries = Array.from({ length: N }, (_, i) => {
      const a = makeAttempt({
        id: `${String(batchSize).padStart(8, '0')}-0000-4000-8000-${String(i).padStart(12, '0')}`,
        learnerId,
        seed: i,
        itemId: `add-within-20~1~${i}`,
        timestamp: 1_764_000_000_000 + i * 1000,
      });
      const statement = answeredStatement(profile, {
        learner: { id: learnerId, nickname: '' },
        attempt: a,
        skillName: { en: 'Adding' },
      });
      return { id: statement.id, learnerId, kind: 'answered', statement };
    });
    await outbox.enqueue(entries, 1);
    const sender = new LrsSender({
      outbox,
      lrs: repo,
      fetch: (u, init) => fetch(u, init),
      now: () => Date.now(),
      rng: () => 0.5,
      setTimer: (fn, ms) => {
        const t = setTimeout(fn, ms);
        return () => clearTimeout(t);
      },
      online: () => true,
      withLock: async (fn) => {
        await fn();
        return true;
      },
      backfill: async () => 0,
      batchSize,
    });
    const t0 = performance.now();
    const report = await sender.run(true);
    const seconds = (performance.now() - t0) / 1000;
    sender.stop();
    const counts = await outbox.counts();
    console.log(
      JSON.stringify({
        bench: 'lrs-send',
        runtime: 'node+xapi-statements',
        statements: N,
        batchSize,
        requests: report.requests,
        seconds: Math.round(seconds * 100) / 100,
        perSecond: Math.round(report.sent / seconds),
        counts,
      }),
    );
    db.close();
  }
} finally {
  lrs.kill('SIGTERM');
}
