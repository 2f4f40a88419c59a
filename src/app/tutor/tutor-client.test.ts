import { describe, expect, it } from 'vitest';
import { TutorClient } from './tutor-client';
import type { FromTutorWorker, ToTutorWorker } from './tutor-protocol';

/**
 * The page's side of the tutor worker, with fake workers: a runtime failure before any text
 * restarts the worker once (the model loads again); a second failure is a clear error.
 */
type Script = (m: ToTutorWorker, reply: (r: FromTutorWorker) => void) => void;

function fakeWorker(script: Script) {
  const w = {
    onmessage: null as ((e: MessageEvent<FromTutorWorker>) => void) | null,
    onerror: null as ((e: ErrorEvent) => void) | null,
    terminated: false,
    postMessage(m: ToTutorWorker) {
      queueMicrotask(() => script(m, (r) => w.onmessage?.({ data: r } as MessageEvent<FromTutorWorker>)));
    },
    terminate() {
      w.terminated = true;
    },
  };
  return w;
}

const loads: Script = (m, reply) => {
  if (m.type === 'load') reply({ type: 'loaded', ms: 5 });
};
const answers: Script = (m, reply) => {
  loads(m, reply);
  if (m.type === 'generate') {
    reply({ type: 'piece', id: m.id, text: 'Seven ' });
    reply({ type: 'piece', id: m.id, text: 'eights.' });
    reply({ type: 'end', id: m.id, aborted: false });
  }
};
const breaks: Script = (m, reply) => {
  loads(m, reply);
  if (m.type === 'generate') {
    reply({ type: 'failed', id: m.id, message: 'RangeError: Invalid typed array length' });
  }
};

async function collect(client: TutorClient): Promise<string> {
  let out = '';
  const signal = new AbortController().signal;
  for await (const p of client.generate({ system: 's', user: 'u' }, { maxTokens: 10, signal })) out += p;
  return out;
}

const opts = { file: 'm.gguf', nCtx: 512, loadTimeoutMs: 1000 };

describe('TutorClient', () => {
  it('restarts a worker that failed before any text, once, and the reply comes', async () => {
    const made: ReturnType<typeof fakeWorker>[] = [];
    const scripts = [breaks, answers];
    const client = new TutorClient(() => {
      const w = fakeWorker(scripts[made.length]!);
      made.push(w);
      return w as unknown as Worker;
    }, opts);
    expect(await collect(client)).toBe('Seven eights.');
    expect(made).toHaveLength(2);
    expect(made[0]!.terminated).toBe(true);
    expect(made[1]!.terminated).toBe(false);
  });

  it('a second failure reaches the caller as a clear error', async () => {
    let made = 0;
    const client = new TutorClient(() => {
      made += 1;
      return fakeWorker(breaks) as unknown as Worker;
    }, opts);
    await expect(collect(client)).rejects.toMatchObject({ messageKey: 'tutorApp.generateFailed' });
    expect(made).toBe(2);
  });

  it('a failure after text was shown is not retried (the child would see the reply twice)', async () => {
    let made = 0;
    const halfway: Script = (m, reply) => {
      loads(m, reply);
      if (m.type === 'generate') {
        reply({ type: 'piece', id: m.id, text: 'Seven ' });
        reply({ type: 'failed', id: m.id, message: 'boom' });
      }
    };
    const client = new TutorClient(() => {
      made += 1;
      return fakeWorker(halfway) as unknown as Worker;
    }, opts);
    await expect(collect(client)).rejects.toMatchObject({ messageKey: 'tutorApp.generateFailed' });
    expect(made).toBe(1);
  });
});
