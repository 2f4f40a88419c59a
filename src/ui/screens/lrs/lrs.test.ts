import { describe, expect, it } from 'vitest';
import { placeholders } from '../../../core/i18n';
import type { LrsStatus } from '../../../app/lrs';
import { problemMessage, statusMessages } from './lrs';
import { lrsMessagesEn, lrsMessagesZh } from './messages';

const time = (ms: number) => `t${ms}`;
const base: LrsStatus = {
  origin: 'https://lrs.school.example',
  counts: { pending: 3, sent: 10, quarantined: 0 },
  lastSentAt: 5,
  problem: null,
  nextTryAt: null,
};

describe('the LRS status line', () => {
  it('says nothing is sent without an LRS', () => {
    expect(
      statusMessages({ ...base, origin: null, counts: { pending: 0, sent: 0, quarantined: 0 } }, time),
    ).toEqual([{ key: 'lrs.status.off' }]);
  });

  it('says where, how many wait and when the last were sent', () => {
    expect(statusMessages(base, time)).toEqual([
      { key: 'lrs.status.to', params: { origin: 'https://lrs.school.example' } },
      { key: 'lrs.status.waiting', params: { n: 3 } },
      { key: 'lrs.status.lastSent', params: { time: 't5' } },
    ]);
    expect(
      statusMessages({ ...base, counts: { pending: 0, sent: 1, quarantined: 0 }, lastSentAt: null }, time),
    ).toEqual([
      { key: 'lrs.status.to', params: { origin: 'https://lrs.school.example' } },
      { key: 'lrs.status.allSent' },
      { key: 'lrs.status.neverSent' },
    ]);
  });

  it('puts each problem in plain words with the next try', () => {
    expect(problemMessage(base, time)).toBeNull();
    expect(problemMessage({ ...base, problem: { code: 'unauthorised', status: 403, at: 1 } }, time)).toEqual({
      key: 'lrs.problem.unauthorised',
      params: { status: 403 },
    });
    expect(problemMessage({ ...base, problem: { code: 'unreachable', at: 1 }, nextTryAt: 9 }, time)).toEqual({
      key: 'lrs.problem.unreachable',
      params: { time: 't9' },
    });
    expect(
      problemMessage({ ...base, problem: { code: 'server', status: 503, at: 1 }, nextTryAt: 9 }, time)?.key,
    ).toBe('lrs.problem.server');
    expect(problemMessage({ ...base, problem: { code: 'offline', at: 1 } }, time)?.key).toBe(
      'lrs.problem.offline',
    );
  });

  it('has the same keys and placeholders in English and Chinese', () => {
    expect(Object.keys(lrsMessagesZh).sort()).toEqual(Object.keys(lrsMessagesEn).sort());
    for (const [k, v] of Object.entries(lrsMessagesEn)) {
      expect(placeholders(lrsMessagesZh[k]!), k).toEqual(placeholders(v));
    }
  });
});
