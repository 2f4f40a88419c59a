import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors';
import type { Message } from '../../../core/types';
import type { PullReport } from '../../../app/lrs';
import { ClassPullState, type ClassPullSource } from './pull.svelte';

const t = (key: string | Message, params?: Record<string, string | number>) =>
  typeof key === 'string'
    ? `${key} ${JSON.stringify(params ?? {})}`
    : `${key.key} ${JSON.stringify(key.params)}`;
const describeError = (e: unknown) => (e instanceof ValidationError ? `said: ${e.messageKey}` : 'other');

function source(opts: { origin: string | null; canPull: boolean; pull?: () => Promise<PullReport> }) {
  const calls = { lrs: 0, pulls: 0 };
  const s: ClassPullSource = {
    lrsOrigin: () => Promise.resolve(opts.origin),
    lrs: () => {
      calls.lrs += 1;
      return Promise.resolve({
        canPull: () => Promise.resolve(opts.canPull),
        pullClass: () => {
          calls.pulls += 1;
          return opts.pull?.() ?? Promise.resolve({ statements: 3, attemptsAdded: 2, learnersAdded: 1 });
        },
      });
    },
  };
  return { s, calls };
}

describe('the class view’s pull from the LRS', () => {
  it('is offered only with an LRS and read credentials, without loading the LRS chunk otherwise', async () => {
    const none = source({ origin: null, canPull: true });
    const off = new ClassPullState(none.s, { describe: describeError, t, pulled: () => Promise.resolve() });
    await off.check();
    expect(off.origin).toBeNull();
    expect(none.calls.lrs).toBe(0);
    const writeOnly = new ClassPullState(source({ origin: 'https://lrs.example', canPull: false }).s, {
      describe: describeError,
      t,
      pulled: () => Promise.resolve(),
    });
    await writeOnly.check();
    expect(writeOnly.origin).toBeNull();
  });

  it('pulls, says what it found and re-reads the class; says what went wrong in plain words', async () => {
    let fail = false;
    const { s, calls } = source({
      origin: 'https://lrs.example',
      canPull: true,
      pull: () =>
        fail
          ? Promise.reject(new ValidationError('lrs.pullRefused', { status: 401 }))
          : Promise.resolve({ statements: 3, attemptsAdded: 2, learnersAdded: 1 }),
    });
    let reread = 0;
    const p = new ClassPullState(s, {
      describe: describeError,
      t,
      pulled: () => {
        reread += 1;
        return Promise.resolve();
      },
    });
    await p.check();
    expect(p.origin).toBe('https://lrs.example');
    await p.pull();
    expect(p.done).toBe('lrs.pull.done {"statements":3,"attempts":2,"learners":1}');
    expect(p.error).toBeNull();
    expect(reread).toBe(1);
    fail = true;
    await p.pull();
    expect(p.done).toBeNull();
    expect(p.error).toBe('said: lrs.pullRefused');
    expect(p.pulling).toBe(false);
    expect(reread).toBe(1);
    expect(calls.pulls).toBe(2);
  });
});
