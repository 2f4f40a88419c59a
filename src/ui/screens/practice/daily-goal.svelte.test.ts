import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { Lantern } from '../../../app/lantern';
import { formatAnswer } from '../../../core/answer';
import { startOfLocalDay } from '../../../core/daily-goal';
import { seededRng } from '../../../core/rng';
import type { Item } from '../../../core/types';
import { LanternDB } from '../../../storage/db';
import { PracticeState } from './practice.svelte';
import { runStore } from './run';
import { expectedAnswer } from '../../../core/item-answer';

let n = 0;
const open: LanternDB[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

const right = (item: Item) => formatAnswer(expectedAnswer(item.answer), 'en');

function memoryStorage() {
  const m = new Map<string, string>();
  return {
    getItem: (k: string) => m.get(k) ?? null,
    setItem: (k: string, v: string) => void m.set(k, v),
    removeItem: (k: string) => void m.delete(k),
  };
}

/** A learner in Beijing (UTC+8), practising from 23:56 local, one question a minute. */
async function setup() {
  const db = new LanternDB(`daily-goal-state-${n++}`);
  open.push(db);
  const clock = { t: Date.UTC(2026, 2, 9, 15, 56) };
  const tz = 480;
  const app = new Lantern(db, { random: seededRng(9), appVersion: 'test', now: () => clock.t });
  const learner = await app.createLearner({ nickname: 'Mei', avatar: 'cat' });
  const session = await app.openSession(learner.id);
  const storage = memoryStorage();
  const make = () =>
    new PracticeState(session, (e) => String(e), undefined, {
      runs: runStore(learner.id, storage),
      clock: { now: () => clock.t, timeZoneOffsetMinutes: () => tz },
    });
  return { app, learner, clock, tz, make };
}

describe('PracticeState: today’s goal and the session', () => {
  it('counts towards today’s goal, says once when it is reached, and starts again at midnight', async () => {
    const { app, learner, clock, tz, make } = await setup();
    const state = make();
    state.start();
    expect(state.goal).toBeNull();
    state.setDay(3, await app.attemptsOf(learner.id, startOfLocalDay(clock.t, tz)));
    expect(state.goal).toEqual({ done: 0, goal: 3, reached: false, left: 3 });

    const reached: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      // 23:56 … 00:01: the first four are on 9 March, the last two on 10 March.
      await state.submit(right(state.current!.item), 'en');
      reached.push(state.goalReached);
      clock.t += 60_000;
      state.next();
      expect(state.goalReached).toBe(false);
    }
    expect(reached).toEqual([false, false, true, false, false, false]);
    expect(state.goal).toEqual({ done: 2, goal: 3, reached: false, left: 1 });
    expect(state.total).toBe(6);
  });

  it('worked solutions read are not questions done: ten of them neither reach the goal nor celebrate', async () => {
    const { app, learner, clock, tz, make } = await setup();
    const state = make();
    state.start();
    state.setDay(5, await app.attemptsOf(learner.id, startOfLocalDay(clock.t, tz)));
    for (let i = 0; i < 10; i++) {
      await state.revealSolution();
      expect(state.goalReached).toBe(false);
      clock.t += 5_000;
      state.next();
    }
    expect(state.goal).toEqual({ done: 0, goal: 5, reached: false, left: 5 });
    // Read back from disk (a reload), the same.
    const again = make();
    again.start();
    again.setDay(5, await app.attemptsOf(learner.id, startOfLocalDay(clock.t, tz)));
    expect(again.goal?.done).toBe(0);
    // The session still lists them (10 questions, 0 right); its summary does not say "well done".
    expect(state.total).toBe(10);
    expect(state.correct).toBe(0);
  });

  it('keeps the session across a reload (a new state on the same store), and ends it on finish', async () => {
    const { app, learner, clock, tz, make } = await setup();
    const first = make();
    first.start();
    first.setDay(10, []);
    await first.submit(right(first.current!.item), 'en');
    first.next();
    clock.t += 5_000;
    await first.revealSolution();
    const startedAt = first.run.startedAt;

    // A reload: the same session, and today's count read from disk counts each question once.
    const reloaded = make();
    reloaded.start();
    expect(reloaded.run).toMatchObject({ startedAt, answered: 2, correct: 1 });
    expect(reloaded.total).toBe(2);
    expect(reloaded.correct).toBe(1);
    reloaded.setDay(10, await app.attemptsOf(learner.id, startOfLocalDay(clock.t, tz)));
    // Today's goal counts the answer, not the worked solution read (both are in the session).
    expect(reloaded.goal?.done).toBe(1);

    const ended = reloaded.finish();
    expect(reloaded.finished).toBe(true);
    expect(ended.answered).toBe(2);
    // Finished: another screen opened later starts a new session.
    const later = make();
    expect(later.run.answered).toBe(0);

    // "Keep practising" starts a new session, on the item left unanswered (no free skip)…
    const item = reloaded.current!.item.id;
    clock.t += 60_000;
    reloaded.again();
    expect(reloaded.finished).toBe(false);
    expect(reloaded.run).toEqual({ startedAt: clock.t, answered: 0, correct: 0, mastered: [] });
    expect(reloaded.current!.item.id).toBe(item);
    // … or on a new one when the last was answered.
    await reloaded.submit(right(reloaded.current!.item), 'en');
    reloaded.finish();
    reloaded.again();
    expect(reloaded.current!.item.id).not.toBe(item);
    expect(reloaded.feedback).toBeNull();
  });

  it('today’s count read after an answer was recorded here counts that answer once', async () => {
    const { app, learner, clock, tz, make } = await setup();
    const state = make();
    state.start();
    await state.submit(right(state.current!.item), 'en');
    state.setDay(5, await app.attemptsOf(learner.id, startOfLocalDay(clock.t, tz)));
    expect(state.goal?.done).toBe(1);
  });
});
