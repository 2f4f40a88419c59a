import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Lantern } from '../../app/lantern';
import { TabChannel } from '../../app/tabs';
import { formatAnswer } from '../../core/answer';
import { seededRng } from '../../core/rng';
import { LanternDB } from '../../storage/db';
import { AppState } from './app.svelte';
import { expectedAnswer } from '../../core/item-answer';

let n = 0;
const opened: Lantern[] = [];

beforeEach(() => {
  const store = new Map<string, string>();
  vi.stubGlobal('sessionStorage', {
    getItem: (k: string) => store.get(k) ?? null,
    setItem: (k: string, v: string) => void store.set(k, v),
    removeItem: (k: string) => void store.delete(k),
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  while (opened.length) opened.pop()?.close();
});

/** Two tabs of the app on one device: same database, each its own connection and channel. */
function twoTabs() {
  const name = `app-state-tabs-${n++}`;
  const channel = `lantern-app-state-test-${n}`;
  const tab = (seed: number) => {
    const app = new Lantern(new LanternDB(name), {
      random: seededRng(seed),
      appVersion: 'test',
      tabs: new TabChannel(name, channel),
    });
    opened.push(app);
    return app;
  };
  return { a: tab(1), b: tab(2) };
}

describe('AppState hears other tabs', () => {
  it('adopts the open learner’s attempts from another tab, and closes with a notice when they are deleted there', async () => {
    const { a, b } = twoTabs();
    const learner = await a.createLearner({ nickname: 'Mei', avatar: 'fox' });
    const state = new AppState(b);
    await state.load();
    expect(await state.open(learner.id)).toBe(true);
    const stop = state.listen();

    const sa = await a.openSession(learner.id);
    const { item } = sa.next();
    const raw =
      item.answer.kind === 'choice'
        ? String(item.answer.correctIndex)
        : formatAnswer(expectedAnswer(item.answer), 'en');
    await sa.submit(raw, 'en');
    await vi.waitFor(() => expect(state.session?.attemptCount).toBe(1));
    expect(state.notice).toBeNull();

    await a.deleteLearner(learner.id);
    await vi.waitFor(() => expect(state.current).toBeNull());
    expect(state.session).toBeNull();
    expect(state.notice).toBe('learner.deletedElsewhere');
    expect(state.error).toBeNull();
    expect(sessionStorage.getItem('lantern.currentLearner')).toBeNull();
    await vi.waitFor(() => expect(state.learners).toEqual([]));
    stop();
  });
});
