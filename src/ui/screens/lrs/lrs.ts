/** Pure logic of the LRS section: the status line in messages. */
import type { Message } from '../../../core/types';
import type { LrsStatus, PullReport } from '../../../app/lrs';

/** What a pull of the class found, in plain words (the data page and the class view). */
export function pullMessage(r: PullReport): Message {
  return {
    key: 'lrs.pull.done',
    params: { statements: r.statements, attempts: r.attemptsAdded, learners: r.learnersAdded },
  };
}

/**
 * The status line, one message per sentence: where records go, how many wait, when the last were
 * sent, and what went wrong in plain words. `time` formats an epoch-ms instant for the reader.
 */
export function statusMessages(s: LrsStatus, time: (ms: number) => string): Message[] {
  if (s.origin === null) {
    const out: Message[] = [{ key: 'lrs.status.off' }];
    if (s.counts.pending > 0) out.push({ key: 'lrs.status.waiting', params: { n: s.counts.pending } });
    return out;
  }
  const out: Message[] = [{ key: 'lrs.status.to', params: { origin: s.origin } }];
  out.push(
    s.counts.pending > 0
      ? { key: 'lrs.status.waiting', params: { n: s.counts.pending } }
      : { key: 'lrs.status.allSent' },
  );
  out.push(
    s.lastSentAt !== null
      ? { key: 'lrs.status.lastSent', params: { time: time(s.lastSentAt) } }
      : { key: 'lrs.status.neverSent' },
  );
  return out;
}

/** The problem in plain words, or null when there is none. */
export function problemMessage(s: LrsStatus, time: (ms: number) => string): Message | null {
  const p = s.problem;
  if (!p || s.origin === null) return null;
  const when = time(s.nextTryAt ?? p.at);
  switch (p.code) {
    case 'offline':
      return { key: 'lrs.problem.offline' };
    case 'unreachable':
      return { key: 'lrs.problem.unreachable', params: { time: when } };
    case 'unauthorised':
      return { key: 'lrs.problem.unauthorised', params: { status: p.status ?? 401 } };
    case 'server':
      return { key: 'lrs.problem.server', params: { status: p.status ?? 500, time: when } };
  }
}
