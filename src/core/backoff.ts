/**
 * When to try sending again after a failure (issue 14): exponential backoff with jitter, so a
 * class of tablets that lost the school's connection together do not all knock again in the
 * same second when it returns. Pure: the random number is injected.
 *
 * "Equal jitter": half the exponential delay is fixed, the other half random, so a retry never
 * comes back at once (full jitter can draw 0) and never later than the cap.
 */
import type { Rng } from './types';

export interface BackoffOptions {
  /** Delay after the first failure, before jitter (ms). */
  readonly baseMs: number;
  /** Longest delay (ms). */
  readonly capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 5_000, capMs: 15 * 60_000 };

/**
 * The delay before the next try after `failures` failures in a row (1 = the first failure):
 * between half and all of min(cap, base·2^(failures−1)).
 */
export function backoffDelay(failures: number, rng: Rng, opts: BackoffOptions = DEFAULT_BACKOFF): number {
  if (failures <= 0) return 0;
  const exp = Math.min(opts.capMs, opts.baseMs * 2 ** Math.min(failures - 1, 30));
  const r = Math.min(Math.max(rng(), 0), 1);
  return Math.round(exp / 2 + (exp / 2) * r);
}

/** What an LRS's answer to a batch means for the statements in it. */
export type SendOutcome =
  /** Stored (200/204): mark sent. */
  | 'sent'
  /** 400 or 409: this content will never be accepted as it is: split the batch, quarantine one. */
  | 'rejected'
  /** 401/403: the key and secret are wrong or may not write; keep everything, tell the adult. */
  | 'unauthorised'
  /** Network down, 5xx, 429, anything else: keep everything, back off, try again. */
  | 'retry';

export function classifyStatus(status: number): SendOutcome {
  if (status >= 200 && status < 300) return 'sent';
  if (status === 400 || status === 409) return 'rejected';
  if (status === 401 || status === 403) return 'unauthorised';
  return 'retry';
}
