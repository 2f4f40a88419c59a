/**
 * The Learning Record Store connection an adult configures (issue 14), and its checks. Stored in
 * the `lrs` store (sealed with the device passphrase when it is on: the secret too).
 *
 * Where Lantern may connect is fixed when it is built: the page's Content-Security-Policy allows
 * only its own origin and the LRS origins named by `LANTERN_LRS_ORIGINS` at build time
 * (vite.config.ts). An endpoint elsewhere is refused here, with a message that says how to allow
 * it, rather than failing later with the browser's bare "Failed to fetch".
 */
import { ValidationError } from '../core/errors';

export const LRS_CONFIG_VERSION = 1;

export interface LrsConfig {
  readonly version: number;
  /** The LRS's xAPI endpoint, ending in '/' (statements are POSTed to `${endpoint}statements`). */
  readonly endpoint: string;
  /** Basic-auth key and secret: a learner tablet needs write access only. */
  readonly key: string;
  readonly secret: string;
  /** IRI base of activities and accounts (core/xapi.ts), no trailing slash. */
  readonly base: string;
  /** Put nicknames in statements (off unless the school turns it on). */
  readonly nicknames: boolean;
  /** Attempts from this time (epoch ms) are sent too; null: only those after configuring. */
  readonly since: number | null;
  /** Epoch ms when the adult saved it: later attempts are queued as they are answered. */
  readonly configuredAt: number;
}

/** What the settings form holds (all text, as typed). */
export interface LrsForm {
  readonly endpoint: string;
  readonly key: string;
  readonly secret: string;
  readonly base: string;
  readonly nicknames: boolean;
  /** 'YYYY-MM-DD' or '' (none). */
  readonly since: string;
}

/** The LRS origins this build may connect to (vite.config.ts, `LANTERN_LRS_ORIGINS`). */
export function builtInLrsOrigins(): readonly string[] {
  return typeof __LRS_ORIGINS__ === 'undefined' ? [] : __LRS_ORIGINS__;
}

function parseHttpUrl(raw: string): URL | null {
  try {
    const u = new URL(raw.trim());
    return u.protocol === 'https:' || u.protocol === 'http:' ? u : null;
  } catch {
    return null;
  }
}

/**
 * The endpoint, normalised to end in '/'.
 * @throws ValidationError 'lrs.endpointInvalid' | 'lrs.endpointNotAllowed' ({origin, allowed})
 */
export function checkEndpoint(raw: string, pageOrigin: string, allowed: readonly string[]): string {
  const u = parseHttpUrl(raw);
  if (!u || u.username || u.password || u.search || u.hash) throw new ValidationError('lrs.endpointInvalid');
  if (u.origin !== pageOrigin && !allowed.includes(u.origin)) {
    throw new ValidationError('lrs.endpointNotAllowed', {
      origin: u.origin,
      allowed: [pageOrigin, ...allowed].join(', '),
    });
  }
  const href = u.href.replace(/\/statements\/?$/, '/');
  return href.endsWith('/') ? href : `${href}/`;
}

/** The activity IRI base, without its trailing slash. @throws ValidationError 'lrs.baseInvalid' */
export function checkBase(raw: string): string {
  const u = parseHttpUrl(raw);
  if (!u || u.search || u.hash || u.username) throw new ValidationError('lrs.baseInvalid');
  return u.href.replace(/\/+$/, '');
}

/** 'YYYY-MM-DD' as local midnight (epoch ms), or null for ''. @throws ValidationError 'lrs.sinceInvalid' */
export function parseSince(raw: string, now: number): number | null {
  const s = raw.trim();
  if (s === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new ValidationError('lrs.sinceInvalid');
  const t = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3])).getTime();
  if (!Number.isFinite(t) || t > now) throw new ValidationError('lrs.sinceInvalid');
  return t;
}

/**
 * The form as a config to store.
 * @throws ValidationError for the first field that is wrong
 */
export function configFromForm(
  form: LrsForm,
  opts: { pageOrigin: string; allowed: readonly string[]; now: number },
): LrsConfig {
  const endpoint = checkEndpoint(form.endpoint, opts.pageOrigin, opts.allowed);
  if (form.key.trim() === '') throw new ValidationError('lrs.keyRequired');
  if (form.secret === '') throw new ValidationError('lrs.secretRequired');
  return {
    version: LRS_CONFIG_VERSION,
    endpoint,
    key: form.key.trim(),
    secret: form.secret,
    base: checkBase(form.base || `${opts.pageOrigin}/xapi`),
    nicknames: form.nicknames,
    since: parseSince(form.since, opts.now),
    configuredAt: opts.now,
  };
}

/** A stored config, checked (a row from another build or a damaged one reads as none). */
export function readConfig(v: unknown): LrsConfig | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  const c = v as Record<string, unknown>;
  const { endpoint, key, secret, base, nicknames, since, configuredAt } = c;
  if (c.version !== LRS_CONFIG_VERSION) return undefined;
  if (typeof endpoint !== 'string' || typeof key !== 'string' || typeof secret !== 'string') return undefined;
  if (typeof base !== 'string' || typeof nicknames !== 'boolean' || typeof configuredAt !== 'number') {
    return undefined;
  }
  if (since !== null && typeof since !== 'number') return undefined;
  return { version: LRS_CONFIG_VERSION, endpoint, key, secret, base, nicknames, since, configuredAt };
}
