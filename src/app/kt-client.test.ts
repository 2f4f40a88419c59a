import { describe, expect, it } from 'vitest';
import type { PredictionTable } from '../core/table-model';
import { mathsGraph } from '../content/maths';
import { makeAttempt } from '../storage/test-utils';
import { KtClient } from './kt-client';
import type { FromWorker, ToWorker } from './kt-protocol';

/** A stand-in for a Worker: records what the page posts, lets the test reply. */
class FakeWorker {
  posted: ToWorker[] = [];
  terminated = false;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent) => void) | null = null;
  postMessage(m: ToWorker): void {
    this.posted.push(m);
  }
  terminate(): void {
    this.terminated = true;
  }
  reply(m: FromWorker): void {
    this.onmessage?.({ data: m } as MessageEvent<FromWorker>);
  }
}

function setup() {
  const workers: FakeWorker[] = [];
  const client = new KtClient(() => {
    const w = new FakeWorker();
    workers.push(w);
    return w as unknown as Worker;
  }, 'test-db');
  const heard: FromWorker[] = [];
  client.subscribe((m) => heard.push(m));
  return { client, workers, heard };
}

const table = (learnerId: string): PredictionTable => ({
  learnerId,
  attemptCount: 3,
  p: { [mathsGraph.order[0]!]: [0.8, 0.6, 0.4] },
  source: 'base',
});

describe('KtClient', () => {
  it('starts the worker on first use, initialises it, and keeps the newest table per learner', () => {
    const { client, workers } = setup();
    expect(workers).toHaveLength(0);
    client.open('ada', mathsGraph.skills);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted.map((m) => m.type)).toEqual(['init', 'open']);
    workers[0]!.reply({ type: 'predictions', table: table('ada'), ms: 5 });
    expect(client.tableFor('ada')?.p).toEqual(table('ada').p);
    expect(client.tableFor('bo')).toBeUndefined();
    // Opening someone else drops the old learner's table at once.
    client.open('bo', mathsGraph.skills);
    expect(client.tableFor('ada')).toBeUndefined();
  });

  it('after stop(), abandons the run, says so, and a new worker re-opens the learner before anything else', () => {
    const { client, workers, heard } = setup();
    client.open('ada', mathsGraph.skills);
    workers[0]!.reply({ type: 'training', learnerId: 'ada', progress: 0.5 });
    client.stop();
    expect(workers[0]!.terminated).toBe(true);
    expect(heard.at(-1)).toEqual({ type: 'stopped' });
    expect(client.tableFor('ada')).toBeUndefined();
    // Stopping twice is harmless and says nothing more.
    client.stop();
    expect(heard.filter((m) => m.type === 'stopped')).toHaveLength(1);

    const a = makeAttempt({ id: 'a1', learnerId: 'ada' });
    client.attempt(a);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.posted.map((m) => m.type)).toEqual(['init', 'open', 'attempt']);
    expect(workers[1]!.posted[1]).toMatchObject({ type: 'open', learnerId: 'ada' });
  });

  it('tells a running worker that another tab changed the history, and never starts one for it', () => {
    const { client, workers } = setup();
    client.historyChanged('ada');
    expect(workers).toHaveLength(0);
    client.open('ada', mathsGraph.skills);
    client.historyChanged('ada');
    expect(workers[0]!.posted.at(-1)).toEqual({ type: 'history-changed', learnerId: 'ada' });
  });

  it('starts no worker while it may not (a locked device), then opens the remembered learner first', () => {
    let unlocked = false;
    const workers: FakeWorker[] = [];
    const client = new KtClient(
      () => {
        const w = new FakeWorker();
        workers.push(w);
        return w as unknown as Worker;
      },
      'test-db',
      () => unlocked,
    );
    client.open('ada', mathsGraph.skills);
    client.attempt(makeAttempt({ id: 'a0', learnerId: 'ada' }));
    expect(workers).toHaveLength(0);
    unlocked = true;
    client.attempt(makeAttempt({ id: 'a1', learnerId: 'ada' }));
    expect(workers).toHaveLength(1);
    expect(workers[0]!.posted.map((m) => m.type)).toEqual(['init', 'open', 'attempt']);
  });

  it('gives up for good when the worker cannot start, so the app stays on its simple estimator', () => {
    const { client, workers, heard } = setup();
    client.open('ada', mathsGraph.skills);
    workers[0]!.reply({ type: 'error', where: 'init', message: 'no backend' });
    expect(workers[0]!.terminated).toBe(true);
    expect(heard.map((m) => m.type)).toEqual(['error', 'error']);
    client.attempt(makeAttempt({ id: 'a2', learnerId: 'ada' }));
    expect(workers).toHaveLength(1);
    expect(client.tableFor('ada')).toBeUndefined();
  });
});
