import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../core/errors';
import type { TutorAsk, TutorEvent } from '../../../core/tutor';
import { AskTutorState, type AskFn } from './ask-tutor.svelte';

const describeError = (e: unknown) => (e instanceof ValidationError ? `said: ${e.messageKey}` : 'other');

/** A fake runtime's reply: each event waits for `release()`, so a test sees the stream midway. */
function scripted(events: TutorEvent[]) {
  const asks: TutorAsk[] = [];
  let gate: (() => void) | undefined;
  let aborted = false;
  const ask: AskFn = (a, signal) => {
    asks.push(a);
    signal.addEventListener('abort', () => {
      aborted = true;
      gate?.();
    });
    return (async function* () {
      for (const e of events) {
        await new Promise<void>((r) => (gate = r));
        if (signal.aborted) return;
        yield e;
      }
    })();
  };
  return {
    ask,
    asks,
    aborted: () => aborted,
    release: async () => {
      gate?.();
      // Let the consumer take the event.
      for (let i = 0; i < 5; i++) await Promise.resolve();
    },
  };
}

const fakeClock = () => {
  let now = 0;
  let tick: (() => void) | undefined;
  return {
    now: () => now,
    setInterval: (f: () => void) => ((tick = f), 1),
    clearInterval: () => (tick = undefined),
    advance: (ms: number) => {
      now += ms;
      tick?.();
    },
    ticking: () => tick !== undefined,
  };
};

describe('AskTutorState', () => {
  it('shows sentences one by one as the reply streams, then ends', async () => {
    const r = scripted([
      { type: 'sentence', text: 'First, add the ones.' },
      { type: 'sentence', text: 'Then carry the ten.' },
      { type: 'done', tokens: 12, ms: 400, stopped: false, reason: 'end' },
    ]);
    const st = new AskTutorState({ ask: r.ask, describeError });
    const done = st.ask({ kind: 'explain-step' });
    expect(st.busy).toBe(true);
    expect(st.lines).toEqual([]);
    await r.release();
    expect(st.lines).toEqual([{ kind: 'sentence', text: 'First, add the ones.' }]);
    expect(st.busy).toBe(true);
    await r.release();
    await r.release();
    await done;
    expect(st.lines.map((l) => (l.kind === 'sentence' ? l.text : ''))).toEqual([
      'First, add the ones.',
      'Then carry the ten.',
    ]);
    expect(st.busy).toBe(false);
    expect(st.stopped).toBe(false);
    expect(r.asks).toEqual([{ kind: 'explain-step' }]);
  });

  it('Stop ends the reply at once: nothing more is shown, and the runtime is told', async () => {
    const r = scripted([
      { type: 'sentence', text: 'One.' },
      { type: 'sentence', text: 'Two.' },
    ]);
    const st = new AskTutorState({ ask: r.ask, describeError });
    const done = st.ask({ kind: 'why-wrong' });
    await r.release();
    st.stop();
    // Synchronously: the view no longer waits.
    expect(st.busy).toBe(false);
    expect(st.stopped).toBe(true);
    expect(r.aborted()).toBe(true);
    await done;
    expect(st.lines).toEqual([{ kind: 'sentence', text: 'One.' }]);
  });

  it('shows the guards’ notes, and a replaced reply shows only the worked solution', async () => {
    const withheld = { key: 'tutor.withheld' };
    const replaced = { key: 'tutor.replaced' };
    const r = scripted([
      { type: 'sentence', text: 'Look at the tens.' },
      { type: 'withheld', message: withheld, reason: 'answer' },
      { type: 'replaced', steps: ['37 + 48 = 85'], message: replaced },
      { type: 'done', tokens: 30, ms: 1000, stopped: false, reason: 'replaced' },
    ]);
    const st = new AskTutorState({ ask: r.ask, describeError });
    const done = st.ask({ kind: 'free', question: 'why 85?' });
    for (let i = 0; i < 4; i++) await r.release();
    await done;
    expect(st.lines).toEqual([{ kind: 'steps', message: replaced, steps: ['37 + 48 = 85'] }]);
  });

  it('a free question is trimmed and sent once; an empty one is not sent', async () => {
    const r = scripted([{ type: 'declined', message: { key: 'tutor.declined' } }]);
    const st = new AskTutorState({ ask: r.ask, describeError });
    st.question = '   ';
    await st.askFree();
    expect(r.asks).toEqual([]);
    st.question = '  where does Ana live?  ';
    const done = st.askFree();
    expect(st.question).toBe('');
    await r.release();
    await done;
    expect(r.asks).toEqual([{ kind: 'free', question: 'where does Ana live?' }]);
    expect(st.lines).toEqual([{ kind: 'note', message: { key: 'tutor.declined' } }]);
  });

  it('a slow reply shows the seconds it has been thinking; the timer stops with the reply', async () => {
    const clock = fakeClock();
    const r = scripted([{ type: 'sentence', text: 'Slow.' }]);
    const st = new AskTutorState({ ask: r.ask, describeError, ...clock });
    const done = st.ask({ kind: 'explain-step' });
    clock.advance(3_400);
    expect(st.elapsed).toBe(3);
    await r.release();
    await done;
    expect(clock.ticking()).toBe(false);
  });

  it('an error (the model failed to load) is described; asking again starts afresh', async () => {
    let calls = 0;
    const ask: AskFn = () => {
      calls += 1;
      return (async function* (): AsyncGenerator<TutorEvent> {
        if (calls === 1) throw new ValidationError('tutorApp.loadTimeout', { seconds: 90 });
        yield { type: 'sentence', text: 'Now it works.' };
      })();
    };
    const st = new AskTutorState({ ask, describeError });
    await st.ask({ kind: 'explain-step' });
    expect(st.error).toBe('said: tutorApp.loadTimeout');
    expect(st.busy).toBe(false);
    await st.ask({ kind: 'explain-step' });
    expect(st.error).toBeNull();
    expect(st.lines).toEqual([{ kind: 'sentence', text: 'Now it works.' }]);
  });

  it('asking again stops the reply still running', async () => {
    const first = scripted([{ type: 'sentence', text: 'Old.' }]);
    let which = 0;
    const second: AskFn = () =>
      (async function* (): AsyncGenerator<TutorEvent> {
        yield { type: 'sentence', text: 'New.' };
      })();
    const st = new AskTutorState({
      ask: (a, s) => (which++ === 0 ? first.ask(a, s) : second(a, s)),
      describeError,
    });
    const a = st.ask({ kind: 'explain-step' });
    await st.ask({ kind: 'free', question: 'and?' });
    expect(first.aborted()).toBe(true);
    await a;
    expect(st.lines).toEqual([{ kind: 'sentence', text: 'New.' }]);
  });
});
