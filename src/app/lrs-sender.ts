/**
 * Sends the outbox to the Learning Record Store (issue 14): batches while online, exponential
 * backoff with jitter after a failure (core/backoff.ts; clock, randomness and timers injected),
 * one sending tab at a time (Web Locks), and never in an answer's way: an answer only queues its
 * statements in its own transaction and gives this sender a nudge it does not wait for.
 *
 * Retries are safe by statement id: the LRS stores an id once, and a statement re-sent with the
 * same content is accepted without a second copy (xAPI 1.0.3 §2.2.3). A batch the LRS refuses as
 * it is (400, 409) is split in halves until the one statement it refuses is found; that one is
 * quarantined with the LRS's reason, for the adult to see and export; the others are sent.
 */
import { backoffDelay, classifyStatus, DEFAULT_BACKOFF, type BackoffOptions } from '../core/backoff';
import type { Rng } from '../core/types';
import type { OutboxRecord } from '../storage/db';
import type { LrsRepo, OutboxRepo } from '../storage/outbox';
import { readConfig, type LrsConfig } from './lrs-config';

/** What went wrong last, in terms the status line puts into plain words. */
export type LrsProblemCode =
  /** The device is offline: waiting, not an error. */
  | 'offline'
  /** No answer at all (no network to the LRS, a wrong address, a refused connection, CORS). */
  | 'unreachable'
  /** 401/403: the key and secret are wrong, or may not write statements. */
  | 'unauthorised'
  /** 5xx, 429 or another status: the LRS had a problem. */
  | 'server';

export interface LrsProblem {
  readonly code: LrsProblemCode;
  readonly status?: number;
  readonly at: number;
}

/** The sender's state, in the `lrs` store's 'state' row (shared by the tabs). */
export interface SenderState {
  readonly lastSentAt: number | null;
  readonly problem: LrsProblem | null;
  /** Failures in a row (the backoff's exponent). */
  readonly failures: number;
  /** No automatic try before this (epoch ms); a person's "send now" ignores it. */
  readonly nextTryAt: number | null;
  /** Statements for attempts from before the LRS was configured have been queued. */
  readonly backfilled: boolean;
}

export const EMPTY_STATE: SenderState = {
  lastSentAt: null,
  problem: null,
  failures: 0,
  nextTryAt: null,
  backfilled: false,
};

export function readState(v: unknown): SenderState {
  if (v === null || typeof v !== 'object') return EMPTY_STATE;
  const s = v as Partial<Record<keyof SenderState, unknown>>;
  const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
  const p = s.problem as Partial<LrsProblem> | null | undefined;
  const codes: readonly string[] = ['offline', 'unreachable', 'unauthorised', 'server'];
  const problem: LrsProblem | null =
    p &&
    typeof p === 'object' &&
    typeof p.code === 'string' &&
    codes.includes(p.code) &&
    typeof p.at === 'number'
      ? { code: p.code, at: p.at, ...(typeof p.status === 'number' ? { status: p.status } : {}) }
      : null;
  return {
    lastSentAt: num(s.lastSentAt),
    problem,
    failures: num(s.failures) ?? 0,
    nextTryAt: num(s.nextTryAt),
    backfilled: s.backfilled === true,
  };
}

export interface SenderDeps {
  readonly outbox: OutboxRepo;
  readonly lrs: LrsRepo;
  readonly fetch: (url: string, init: RequestInit) => Promise<Response>;
  readonly now: () => number;
  readonly rng: Rng;
  /** Runs `fn` after `ms`; returns the cancel. */
  readonly setTimer: (fn: () => void, ms: number) => () => void;
  readonly online: () => boolean;
  /** Runs `fn` holding the device-wide sending lock, or resolves false at once if another tab holds it. */
  readonly withLock: (fn: () => Promise<void>) => Promise<boolean>;
  /** Queues statements for attempts from before the LRS was configured; returns how many. */
  readonly backfill: (config: LrsConfig) => Promise<number>;
  /** Told after every change of the outbox or the state (the status line re-reads). */
  readonly onChange?: () => void;
  readonly batchSize?: number;
  readonly backoff?: BackoffOptions;
  /** A request with no answer after this long is abandoned and retried later (ms). */
  readonly timeoutMs?: number;
}

/** What one run did (for tests and figures). */
export interface RunReport {
  readonly sent: number;
  readonly quarantined: number;
  readonly requests: number;
  readonly stoppedBy: 'empty' | 'problem' | 'not-configured' | 'offline' | 'backoff' | 'other-tab';
}

function base64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}

type BatchResult =
  | { readonly ok: true; readonly sent: number; readonly quarantined: number; readonly requests: number }
  | {
      readonly ok: false;
      readonly problem: LrsProblem;
      readonly sent: number;
      readonly quarantined: number;
      readonly requests: number;
    };

export class LrsSender {
  readonly #d: SenderDeps;
  #running: Promise<RunReport> | null = null;
  #again = false;
  #cancelTimer: (() => void) | null = null;
  #stopped = false;

  constructor(deps: SenderDeps) {
    this.#d = deps;
  }

  /**
   * Asks for a run soon; never waits for it. `force` (a person pressed "send now", or the device
   * came online) ignores the backoff.
   */
  kick(force = false): void {
    if (this.#stopped) return;
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.run(force).catch(() => undefined);
  }

  stop(): void {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  /** One run: send batches until the outbox is empty or something fails. */
  run(force = false): Promise<RunReport> {
    if (this.#running) return this.#running;
    const p = this.#runLocked(force).finally(() => {
      this.#running = null;
      if (this.#again && !this.#stopped) {
        this.#again = false;
        this.kick();
      }
    });
    this.#running = p;
    return p;
  }

  async #runLocked(force: boolean): Promise<RunReport> {
    let report: RunReport = { sent: 0, quarantined: 0, requests: 0, stoppedBy: 'other-tab' };
    await this.#d.withLock(async () => {
      report = await this.#runOnce(force);
    });
    return report;
  }

  async #runOnce(force: boolean): Promise<RunReport> {
    const d = this.#d;
    const config = readConfig(await d.lrs.get('config'));
    const none = { sent: 0, quarantined: 0, requests: 0 };
    if (!config) return { ...none, stoppedBy: 'not-configured' };
    let state = readState(await d.lrs.get('state'));
    if (!d.online()) {
      await this.#save({ ...state, problem: { code: 'offline', at: d.now() } });
      return { ...none, stoppedBy: 'offline' };
    }
    if (!force && state.nextTryAt !== null && state.nextTryAt > d.now()) {
      this.#schedule(state.nextTryAt - d.now());
      return { ...none, stoppedBy: 'backoff' };
    }
    if (!state.backfilled) {
      await d.backfill(config);
      state = { ...state, backfilled: true };
      await this.#save(state);
    }
    let sent = 0;
    let quarantined = 0;
    let requests = 0;
    for (;;) {
      const batch = await d.outbox.pending(d.batchSize ?? 50);
      if (batch.length === 0) {
        if (state.problem) await this.#save({ ...state, problem: null, failures: 0, nextTryAt: null });
        return { sent, quarantined, requests, stoppedBy: 'empty' };
      }
      const r = await this.#sendBatch(config, batch);
      sent += r.sent;
      quarantined += r.quarantined;
      requests += r.requests;
      if (r.sent > 0) {
        state = { ...state, lastSentAt: d.now(), problem: null, failures: 0, nextTryAt: null };
        await this.#save(state);
      }
      if (!r.ok) {
        const failures = state.failures + 1;
        const delay = backoffDelay(failures, d.rng, d.backoff ?? DEFAULT_BACKOFF);
        state = { ...state, problem: r.problem, failures, nextTryAt: d.now() + delay };
        await this.#save(state);
        this.#schedule(delay);
        return { sent, quarantined, requests, stoppedBy: 'problem' };
      }
    }
  }

  async #sendBatch(config: LrsConfig, batch: readonly OutboxRecord[]): Promise<BatchResult> {
    const d = this.#d;
    let status: number;
    let body = '';
    const controller = new AbortController();
    const cancel = d.setTimer(() => controller.abort(), d.timeoutMs ?? 30_000);
    try {
      const res = await d.fetch(`${config.endpoint}statements`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-Experience-API-Version': '1.0.3',
          Authorization: `Basic ${base64(`${config.key}:${config.secret}`)}`,
        },
        body: JSON.stringify(batch.map((r) => r.statement)),
        credentials: 'omit',
        cache: 'no-store',
        referrerPolicy: 'no-referrer',
        signal: controller.signal,
      });
      status = res.status;
      if (classifyStatus(status) === 'rejected') body = (await res.text().catch(() => '')).slice(0, 500);
    } catch {
      return {
        ok: false,
        problem: { code: 'unreachable', at: d.now() },
        sent: 0,
        quarantined: 0,
        requests: 1,
      };
    } finally {
      cancel();
    }
    const outcome = classifyStatus(status);
    if (outcome === 'sent') {
      await d.outbox.markSent(batch, d.now());
      d.onChange?.();
      return { ok: true, sent: batch.length, quarantined: 0, requests: 1 };
    }
    if (outcome === 'rejected') {
      if (batch.length === 1) {
        await d.outbox.quarantine(batch[0]!.id, `${status}: ${body || 'refused'}`);
        d.onChange?.();
        return { ok: true, sent: 0, quarantined: 1, requests: 1 };
      }
      // Which one? Split until the LRS says which statement it refuses; the rest go through.
      const mid = Math.ceil(batch.length / 2);
      let sent = 0;
      let quarantined = 0;
      let requests = 1;
      for (const half of [batch.slice(0, mid), batch.slice(mid)]) {
        const r = await this.#sendBatch(config, half);
        sent += r.sent;
        quarantined += r.quarantined;
        requests += r.requests;
        if (!r.ok) return { ...r, sent, quarantined, requests };
      }
      return { ok: true, sent, quarantined, requests };
    }
    const code = outcome === 'unauthorised' ? 'unauthorised' : 'server';
    return { ok: false, problem: { code, status, at: d.now() }, sent: 0, quarantined: 0, requests: 1 };
  }

  #schedule(ms: number): void {
    this.#cancelTimer?.();
    if (this.#stopped) return;
    this.#cancelTimer = this.#d.setTimer(() => {
      this.#cancelTimer = null;
      this.kick();
    }, ms);
  }

  async #save(state: SenderState): Promise<void> {
    await this.#d.lrs.set('state', state);
    this.#d.onChange?.();
  }
}

/** Web Locks where the browser has them (one sending tab per device); otherwise just run. */
export function webLock(name: string): (fn: () => Promise<void>) => Promise<boolean> {
  return async (fn) => {
    const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
    if (!locks) {
      await fn();
      return true;
    }
    return locks.request(name, { ifAvailable: true }, async (lock) => {
      if (!lock) return false;
      await fn();
      return true;
    });
  };
}
