/**
 * Answer → feedback with a full xAPI outbox (issue 14): the app's own answer path — Lantern's
 * PracticeSession.submit(), which checks the answer, updates the model, builds the answer's
 * statements and writes the attempt, the learner's state and the outbox entries in one
 * transaction (AttemptRepo.record) — timed on two devices with an LRS configured: one whose
 * outbox is empty and one with 10,000 statements waiting (the LRS out of reach for days). The
 * two are answered in turn, in the same run, so the machine's noise falls on both alike. The
 * sender is stopped: what is timed is the answer, not the sending.
 *
 * Run in Node on fake-indexeddb (answer-outbox.bench.ts) and in Chromium's IndexedDB
 * (answer-outbox.browser.ts, bundled by scripts/bench.mjs).
 */
import { formatAnswer } from '../../src/core/answer';
import { expectedAnswer } from '../../src/core/item-answer';
import { seededRng } from '../../src/core/rng';
import type { Attempt } from '../../src/core/types';
import { answeredStatement } from '../../src/core/xapi';
import { LanternDB } from '../../src/storage/db';
import { OutboxRepo, type NewOutboxEntry } from '../../src/storage/outbox';
import { Lantern } from '../../src/app/lantern';

const WARMUP = 30;
const LRS = 'http://127.0.0.1:5599';

function quantile(sorted: readonly number[], q: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

/** A device with an LRS configured, a learner in practice, and `queued` statements waiting. */
async function device(name: string, queued: number) {
  const db = new LanternDB(`bench-answer-outbox-${name}-${Date.now()}`);
  let t = Date.UTC(2026, 11, 3, 9);
  let id = 0;
  const app = new Lantern(db, {
    now: () => (t += 3_000),
    random: seededRng(7),
    newId: () => `${name === 'empty' ? 'e' : 'f'}0000000-0000-4000-8000-${String(id++).padStart(12, '0')}`,
    appVersion: 'bench',
    lrs: {
      pageOrigin: 'http://127.0.0.1:5500',
      allowedOrigins: [LRS],
      sender: {
        fetch: () => new Promise<Response>(() => undefined),
        rng: () => 0.5,
        setTimer: () => () => undefined,
        online: () => false,
        withLock: async (fn) => {
          await fn();
          return true;
        },
      },
    },
  });
  const learner = await app.createLearner({ nickname: 'Bench', avatar: 'owl' });
  const lrs = await app.lrs();
  await lrs.save({
    endpoint: `${LRS}/xAPI/`,
    key: 'tablet',
    secret: 'secret',
    base: 'https://school.example/lantern',
    nicknames: false,
    since: '',
  });
  lrs.stop();
  // Statements of an earlier week's answers, queued while the LRS was out of reach.
  const outbox = new OutboxRepo(db);
  const profile = { base: 'https://school.example/lantern', nicknames: false };
  for (let from = 0; from < queued; from += 1000) {
    const entries: NewOutboxEntry[] = [];
    for (let i = from; i < Math.min(queued, from + 1000); i++) {
      const a: Attempt = {
        id: `a0000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        learnerId: learner.id,
        itemId: `add-within-20~1~${i}`,
        skillId: 'add-within-20',
        difficulty: 1,
        seed: i,
        params: { a: 7, b: 8 },
        answer: '15',
        correct: i % 4 !== 3,
        responseMs: 6_000,
        hintsUsed: 0,
        solutionShown: false,
        timestamp: Date.UTC(2026, 10, 24) + i * 20_000,
        appVersion: 'bench',
      };
      const statement = answeredStatement(profile, {
        learner: { id: learner.id, nickname: '' },
        attempt: a,
        skillName: { en: 'Adding within 20', 'zh-CN': '20以内加法' },
      });
      entries.push({ id: statement.id, learnerId: learner.id, kind: 'answered', statement });
    }
    await outbox.enqueue(entries, Date.UTC(2026, 10, 24) + from);
  }
  const session = await app.openSession(learner.id);
  const times: number[] = [];
  return {
    app,
    db,
    times,
    outbox,
    /** One answer, timed from submit to the feedback it returns (after commit). */
    async answer(i: number): Promise<void> {
      const { item } = session.next();
      // Right answers: a wrong one takes the same path (checked, stored, queued).
      const given = formatAnswer(expectedAnswer(item.answer), 'en');
      const start = performance.now();
      const r = await session.submit(given, 'en');
      const ms = performance.now() - start;
      if (r.status !== 'correct') throw new Error(`bench: ${r.status}`);
      if (i >= WARMUP) times.push(ms);
    },
  };
}

export async function answerWithOutbox(
  opts: { queued?: number; runs?: number; runtime: string } = { runtime: 'node' },
): Promise<Record<string, unknown>> {
  const QUEUED = opts.queued ?? 10_000;
  const RUNS = opts.runs ?? 300;
  const empty = await device('empty', 0);
  const full = await device('full', QUEUED);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    // In turn, the order swapped every answer: neither device always goes first.
    const pair = i % 2 === 0 ? [empty, full] : [full, empty];
    for (const d of pair) await d.answer(i);
  }
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const summary = async (d: typeof empty, queued: number) => {
    const sorted = [...d.times].sort((a, b) => a - b);
    const counts = await d.outbox.counts();
    // Every answer queued its statements: the outbox grew by them, nothing else moved.
    if (counts.pending < queued + WARMUP + RUNS) throw new Error(`bench: outbox has ${counts.pending}`);
    return {
      queued,
      pendingAfter: counts.pending,
      medianMs: round(quantile(sorted, 0.5)),
      p95Ms: round(quantile(sorted, 0.95)),
      maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    };
  };
  const a = await summary(empty, 0);
  const b = await summary(full, QUEUED);
  for (const d of [empty, full]) {
    d.app.close();
    await d.db.delete();
  }
  return {
    bench: 'answer-with-outbox',
    runtime: opts.runtime,
    runs: RUNS,
    empty: a,
    full: b,
    medianRatio: round(b.medianMs / a.medianMs),
    p95Ratio: round(b.p95Ms / a.p95Ms),
  };
}
