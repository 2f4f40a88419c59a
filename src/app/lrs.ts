/**
 * Learning records for a school's Learning Record Store (issue 14), app layer: the adult's LRS
 * settings, the sender, the status line, the quarantine and the statement exports. A lazy chunk
 * (`Lantern.lrs()`): a device without an LRS never loads it.
 */
import { ValidationError } from '../core/errors';
import type { Attempt, LearnerId } from '../core/types';
import { attemptFromStatement, VERBS } from '../core/xapi';
import { AVATARS } from '../storage/repositories';
import type { LearnerRecord } from '../storage/db';
import { replayedState } from './models';
import type { XapiProfile, XapiStatement } from '../core/xapi';
import type { OutboxRecord } from '../storage/db';
import type { OutboxCounts } from '../storage/outbox';
import { builtInLrsOrigins, configFromForm, readConfig, type LrsConfig, type LrsForm } from './lrs-config';
import { LrsSender, readState, webLock, type LrsProblem, type SenderDeps } from './lrs-sender';
import { StatementFactory } from './lrs-statements';
import type { AppParts } from './parts';
import type { LangMap } from '../core/xapi';
import type { SkillId } from '../core/types';

export type { LrsConfig, LrsForm, LrsProblem };

/** What the status line shows. */
export interface LrsStatus {
  /** The LRS's origin, or null when none is configured (nothing is sent). */
  readonly origin: string | null;
  readonly counts: OutboxCounts;
  readonly lastSentAt: number | null;
  readonly problem: LrsProblem | null;
  /** When the next automatic try is due (after a failure). */
  readonly nextTryAt: number | null;
}

/** The settings as the form shows them: never the secret itself. */
export interface LrsSettingsView {
  readonly endpoint: string;
  readonly key: string;
  readonly hasSecret: boolean;
  readonly base: string;
  readonly nicknames: boolean;
  readonly since: string;
}

export interface LrsServiceOptions {
  /** Skill names in en and zh-CN (the course's and content packs'). */
  readonly names: (skillId: SkillId) => LangMap;
  /** The page's origin (the endpoint may always be on it). */
  readonly pageOrigin: string;
  /** LRS origins this build allows besides the page's (default: `LANTERN_LRS_ORIGINS`). */
  readonly allowedOrigins?: readonly string[];
  /** Told when the settings changed (the composition root re-reads them for new answers). */
  readonly onConfigChanged?: () => void;
  /** Everything the sender needs from the platform, for tests. */
  readonly sender?: Partial<
    Pick<SenderDeps, 'fetch' | 'rng' | 'setTimer' | 'online' | 'withLock' | 'batchSize' | 'backoff'>
  >;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}`;
}

/** `lantern-xapi-Mei-2026-12-03.json` */
export function statementsFileName(now: number, nickname: string): string {
  const who = nickname
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
  return `lantern-xapi-${who ? `${who}-` : ''}${localDate(now)}.json`;
}

/** What pulling the class found. */
export interface PullReport {
  readonly statements: number;
  readonly attemptsAdded: number;
  readonly learnersAdded: number;
}

function basicAuth(key: string, secret: string): string {
  const bytes = new TextEncoder().encode(`${key}:${secret}`);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return `Basic ${btoa(bin)}`;
}

function readCredentials(v: unknown): { key: string; secret: string } | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const { key, secret } = v as Record<string, unknown>;
  return typeof key === 'string' && typeof secret === 'string' && key !== '' ? { key, secret } : undefined;
}

export class LrsService {
  readonly #parts: AppParts;
  readonly #opts: LrsServiceOptions;
  readonly #listeners = new Set<() => void>();
  #sender: LrsSender | null = null;
  #onlineOff: (() => void) | null = null;

  constructor(parts: AppParts, opts: LrsServiceOptions) {
    this.#parts = parts;
    this.#opts = opts;
  }

  get allowedOrigins(): readonly string[] {
    return this.#opts.allowedOrigins ?? builtInLrsOrigins();
  }

  async config(): Promise<LrsConfig | undefined> {
    return readConfig(await this.#parts.repos.lrs.get('config'));
  }

  /** The form's starting values: the stored settings (without the secret) or sensible defaults. */
  async settings(): Promise<LrsSettingsView> {
    const c = await this.config();
    return {
      endpoint: c?.endpoint ?? '',
      key: c?.key ?? '',
      hasSecret: !!c?.secret,
      base: c?.base ?? `${this.#opts.pageOrigin}/xapi`,
      nicknames: c?.nicknames ?? false,
      since: c?.since != null ? localDate(c.since) : '',
    };
  }

  /**
   * Saves the settings (an empty secret keeps the stored one) and starts sending.
   * @throws ValidationError (a field: the endpoint's message says how to allow another origin)
   */
  async save(form: LrsForm): Promise<void> {
    const before = await this.config();
    const now = this.#parts.now();
    const config = configFromForm(
      { ...form, secret: form.secret === '' && before ? before.secret : form.secret },
      { pageOrigin: this.#opts.pageOrigin, allowed: this.allowedOrigins, now },
    );
    // Changing where or from when to send starts the sender afresh (and the older attempts are
    // queued again from the new date; ids already queued are not added twice).
    const same = before && before.endpoint === config.endpoint && before.since === config.since;
    await this.#parts.repos.lrs.set(
      'config',
      same ? { ...config, configuredAt: before.configuredAt } : config,
    );
    if (!same) await this.#parts.repos.lrs.delete('state');
    this.#opts.onConfigChanged?.();
    this.start();
    this.#sender?.kick(true);
    this.#changed();
  }

  /** Stops sending and forgets the LRS (what waits stays in the outbox, and the statuses). */
  async remove(): Promise<void> {
    this.stop();
    await this.#parts.repos.lrs.delete('config');
    await this.#parts.repos.lrs.delete('state');
    this.#opts.onConfigChanged?.();
    this.#changed();
  }

  async status(): Promise<LrsStatus> {
    const [c, counts, raw] = await Promise.all([
      this.config(),
      this.#parts.repos.outbox.counts(),
      this.#parts.repos.lrs.get('state'),
    ]);
    const s = readState(raw);
    return {
      origin: c ? new URL(c.endpoint).origin : null,
      counts,
      lastSentAt: s.lastSentAt,
      problem: s.problem,
      nextTryAt: s.nextTryAt,
    };
  }

  /** Hears every change of the status (sent, queued, failed); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const l of this.#listeners) l();
  }

  /** Starts the sender if an LRS is configured (once); sends when the device comes online. */
  start(): void {
    if (this.#sender) return;
    const parts = this.#parts;
    const o = this.#opts.sender ?? {};
    this.#sender = new LrsSender({
      outbox: parts.repos.outbox,
      lrs: parts.repos.lrs,
      fetch: o.fetch ?? ((url, init) => fetch(url, init)),
      now: () => parts.now(),
      rng: o.rng ?? (() => Math.random()),
      setTimer:
        o.setTimer ??
        ((fn, ms) => {
          const t = setTimeout(fn, ms);
          return () => clearTimeout(t);
        }),
      online: o.online ?? (() => typeof navigator === 'undefined' || navigator.onLine !== false),
      withLock: o.withLock ?? webLock(`lantern-lrs-sender:${parts.db.name}`),
      backfill: (config) => this.#backfill(config),
      onChange: () => this.#changed(),
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
      ...(o.backoff ? { backoff: o.backoff } : {}),
    });
    if (typeof addEventListener === 'function' && !this.#onlineOff) {
      const online = () => this.#sender?.kick(true);
      addEventListener('online', online);
      this.#onlineOff = () => removeEventListener('online', online);
    }
    this.#sender.kick();
  }

  /** New statements were queued (an answer, a session's end): send them soon, without waiting. */
  kick(): void {
    this.#changed();
    this.#sender?.kick();
  }

  /** "Send now": ignores the backoff; resolves when the run ends. */
  async sendNow(): Promise<void> {
    this.start();
    await this.#sender?.run(true);
    this.#changed();
  }

  stop(): void {
    this.#sender?.stop();
    this.#sender = null;
    this.#onlineOff?.();
    this.#onlineOff = null;
  }

  /** The statement builder for this configuration (null without one). */
  async factory(): Promise<StatementFactory | null> {
    const c = await this.config();
    return c ? this.#factoryFor(c) : null;
  }

  #factoryFor(profile: XapiProfile): StatementFactory {
    return new StatementFactory(profile, this.#opts.names, () => this.#parts.graph());
  }

  /**
   * Queues statements for the attempts from the adult's start date up to the configuration
   * (later ones were queued as they were answered), learner by learner, in chunks.
   */
  async #backfill(config: LrsConfig): Promise<number> {
    if (config.since === null) return 0;
    const f = this.#factoryFor(config);
    const repos = this.#parts.repos;
    let added = 0;
    for (const learner of await repos.learners.list()) {
      const attempts = await repos.attempts.listForLearner(learner.id, { since: config.since });
      const older = attempts.filter((a) => a.timestamp < config.configuredAt);
      for (let i = 0; i < older.length; i += 500) {
        const entries = older.slice(i, i + 500).map((a) => {
          const s = f.answered(learner, a);
          return { id: s.id, learnerId: learner.id, kind: 'answered', statement: s };
        });
        // Queued in answer order, before anything answered since (queuedAt = the answer's time).
        added += await repos.outbox.enqueue(entries, older[i]!.timestamp);
      }
    }
    return added;
  }

  /**
   * Every statement of one learner, as a JSON array an LRS accepts (offline, with or without an
   * LRS configured): each answer, and the mastered, session and placement statements queued or
   * sent. Statements already queued are exported as queued; the others are built now.
   */
  async exportLearner(learnerId: LearnerId): Promise<{ filename: string; text: string }> {
    const repos = this.#parts.repos;
    const learner = await repos.learners.get(learnerId);
    if (!learner) throw new Error(`no learner ${learnerId}`);
    const c = await this.config();
    const f = this.#factoryFor(c ?? { base: `${this.#opts.pageOrigin}/xapi`, nicknames: false });
    const byId = new Map<string, XapiStatement | unknown>();
    const attempts: Attempt[] = await repos.attempts.listForLearner(learnerId);
    for (const a of attempts) {
      const s = f.answered(learner, a);
      byId.set(s.id, s);
    }
    const queued: OutboxRecord[] = await repos.outbox.forLearner(learnerId);
    for (const r of queued) if (r.kind !== 'voided') byId.set(r.id, r.statement);
    const stamp = (s: unknown) =>
      s && typeof s === 'object' && typeof (s as { timestamp?: unknown }).timestamp === 'string'
        ? (s as { timestamp: string }).timestamp
        : '';
    const statements = [...byId.values()].sort((x, y) =>
      stamp(x) < stamp(y) ? -1 : stamp(x) > stamp(y) ? 1 : 0,
    );
    return {
      filename: statementsFileName(this.#parts.now(), learner.nickname),
      text: JSON.stringify(statements, null, 2),
    };
  }

  /** The quarantined statements and why the LRS refused each, as a JSON file for the adult. */
  async exportQuarantine(): Promise<{ filename: string; text: string; count: number }> {
    const rows = await this.#parts.repos.outbox.list('quarantined');
    const text = JSON.stringify(
      rows.map((r) => ({ problem: r.problem ?? '', statement: r.statement })),
      null,
      2,
    );
    return {
      filename: `lantern-xapi-quarantine-${localDate(this.#parts.now())}.json`,
      text,
      count: rows.length,
    };
  }

  /** Whether this device holds the class's read credentials (a teacher's device). */
  async canPull(): Promise<boolean> {
    return readCredentials(await this.#parts.repos.lrs.get('read')) !== undefined;
  }

  /**
   * Saves the class's read credentials (only a teacher's device holds them; a learner's tablet
   * needs write access only). An empty secret keeps the saved one; an empty key forgets them.
   */
  async saveReadCredentials(key: string, secret: string): Promise<void> {
    const lrs = this.#parts.repos.lrs;
    if (key.trim() === '') return lrs.delete('read');
    const kept = readCredentials(await lrs.get('read'));
    const s = secret === '' ? kept?.secret : secret;
    if (!s) throw new ValidationError('lrs.secretRequired');
    await lrs.set('read', { key: key.trim(), secret: s });
  }

  /**
   * The teacher's device pulls the class (issue 14, deliverable 4): every `answered` statement
   * of this school's base stored since the last pull (`since`, following `more`), rebuilt as the
   * learners' attempts and merged by id with what is here (a class file carrying the same
   * attempts adds nothing). A learner not on this device appears under a code until a class
   * file brings their nickname: names never travel through the LRS.
   * @throws ValidationError 'lrs.pullNotSetUp' | 'lrs.pullRefused' | 'lrs.pullUnreachable'
   */
  async pullClass(): Promise<PullReport> {
    const c = await this.config();
    const read = readCredentials(await this.#parts.repos.lrs.get('read'));
    if (!c || !read) throw new ValidationError('lrs.pullNotSetUp');
    const fetchFn = this.#opts.sender?.fetch ?? ((url: string, init: RequestInit) => fetch(url, init));
    const since = await this.#parts.repos.lrs.get('pull');
    const params = new URLSearchParams({ verb: VERBS.answered.id, limit: '500', ascending: 'true' });
    if (typeof since === 'string') params.set('since', since);
    let url: string | null = `${c.endpoint}statements?${params.toString()}`;
    const attempts = new Map<string, Attempt>();
    let statements = 0;
    let latest = typeof since === 'string' ? since : '';
    while (url) {
      let res: Response;
      try {
        res = await fetchFn(url, {
          method: 'GET',
          headers: { 'X-Experience-API-Version': '1.0.3', Authorization: basicAuth(read.key, read.secret) },
          credentials: 'omit',
          cache: 'no-store',
          referrerPolicy: 'no-referrer',
        });
      } catch {
        throw new ValidationError('lrs.pullUnreachable');
      }
      if (res.status === 401 || res.status === 403) {
        throw new ValidationError('lrs.pullRefused', { status: res.status });
      }
      if (!res.ok) throw new ValidationError('lrs.pullUnreachable');
      const body = (await res.json()) as { statements?: unknown; more?: unknown };
      const list = Array.isArray(body.statements) ? (body.statements as unknown[]) : [];
      for (const s of list) {
        statements += 1;
        const stored = s && typeof s === 'object' ? (s as { stored?: unknown }).stored : undefined;
        if (typeof stored === 'string' && stored > latest) latest = stored;
        const a = attemptFromStatement(c.base, s);
        if (a && !attempts.has(a.id)) attempts.set(a.id, a);
      }
      url =
        typeof body.more === 'string' && body.more !== '' && list.length > 0
          ? new URL(body.more, c.endpoint).href
          : null;
    }
    const report = await this.#merge([...attempts.values()]);
    if (latest) await this.#parts.repos.lrs.set('pull', latest);
    return { statements, ...report };
  }

  async #merge(attempts: readonly Attempt[]): Promise<Omit<PullReport, 'statements'>> {
    if (attempts.length === 0) return { attemptsAdded: 0, learnersAdded: 0 };
    const repos = this.#parts.repos;
    const byLearner = new Map<LearnerId, Attempt[]>();
    for (const a of attempts) byLearner.set(a.learnerId, [...(byLearner.get(a.learnerId) ?? []), a]);
    const learners: LearnerRecord[] = [];
    for (const [id, mine] of byLearner) {
      const local = await repos.learners.get(id);
      if (local) {
        learners.push(local);
        continue;
      }
      const times = mine.map((a) => a.timestamp);
      // A code until a class file brings the nickname; just older than the learner's real
      // profile, so the class file's nickname wins the merge.
      learners.push({
        id,
        nickname: `#${id.replace(/[^0-9a-z]/gi, '').slice(0, 6)}`,
        avatar: AVATARS[0],
        createdAt: Math.min(...times),
        lastActiveAt: Math.max(...times) - 1,
      });
    }
    const { importBackup } = await import('../storage/backup');
    const s = await importBackup(
      this.#parts.db,
      {
        fileVersion: 2,
        encrypted: false,
        kind: 'class',
        exportedAt: this.#parts.now(),
        appVersion: this.#parts.appVersion,
        learners,
        attempts: [...attempts].sort((x, y) => x.timestamp - y.timestamp),
        learnerState: [],
        models: [],
        settings: [],
        tutorQuestions: [],
        lessonViews: [],
      },
      {
        mode: 'merge',
        rebuildState: (_id, history) => replayedState(this.#parts.models, this.#parts.graph(), history),
        now: this.#parts.now(),
      },
    );
    this.#changed();
    return { attemptsAdded: s.attemptsAdded, learnersAdded: s.learnersAdded };
  }

  /** Puts quarantined statements back in the queue (after the LRS was fixed) and sends. */
  async retryQuarantined(): Promise<number> {
    const n = await this.#parts.repos.outbox.release();
    this.#changed();
    if (n > 0) this.#sender?.kick(true);
    return n;
  }
}
