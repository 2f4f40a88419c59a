import 'fake-indexeddb/auto';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { Lantern } from '../../../app/lantern';
import { formatAnswer } from '../../../core/answer';
import { seededRng } from '../../../core/rng';
import { LanternDB } from '../../../storage/db';
import { MIN_FEEDBACK_MS, PracticeState, type SavedItemStore } from './practice.svelte';
import { expectedAnswer } from '../../../core/item-answer';

let n = 0;
const open: LanternDB[] = [];
afterEach(() => open.splice(0).forEach((db) => db.close()));

async function setup() {
  const db = new LanternDB(`practice-state-${n++}`);
  open.push(db);
  const app = new Lantern(db, { random: seededRng(5), appVersion: 'test' });
  const learner = await app.createLearner({ nickname: 'Mei', avatar: 'cat' });
  const session = await app.openSession(learner.id);
  const state = new PracticeState(session, (e) => app.describeError(e, (k) => k));
  return { app, db, learner, state, session };
}

describe('PracticeState', () => {
  it('walks an item from prompt to feedback to the next item', async () => {
    const { app, learner, state } = await setup();
    state.next();
    let item = state.current!.item;
    while (item.answer.kind === 'choice') {
      state.next();
      item = state.current!.item;
    }
    state.pad('1');
    state.pad('back');
    expect(state.input).toBe('');
    await state.submit('not a number', 'en');
    expect(state.feedback?.kind).toBe('malformed');
    expect(state.done).toBe(false);
    expect(state.total).toBe(0);
    state.setInput('4');
    expect(state.feedback).toBeNull();

    await state.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    flushSync();
    expect(state.feedback).toEqual({ kind: 'correct' });
    expect(state.done).toBe(true);
    expect(state.correct).toBe(1);
    expect(await app.attemptsOf(learner.id)).toHaveLength(1);

    // A second submit of the same item is ignored.
    await state.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    expect(await app.attemptsOf(learner.id)).toHaveLength(1);

    state.next();
    expect(state.feedback).toBeNull();
    expect(state.current?.item.id).not.toBe(item.id);
  });

  it('shows the worked solution after a wrong answer, and on request', async () => {
    const { state } = await setup();
    state.next();
    const item = state.current!.item;
    const wrong =
      item.answer.kind === 'choice'
        ? String((item.answer.correctIndex + 1) % item.answer.choices.length)
        : '99999';
    await state.submit(wrong, 'en');
    expect(state.feedback?.kind).toBe('incorrect');
    expect(state.solution).toEqual(item.solution);

    state.next();
    state.showHint();
    expect(state.hint).toEqual(state.current!.item.hint);
    await state.revealSolution();
    expect(state.feedback?.kind).toBe('solution');
    expect(state.total).toBe(2);
  });

  it('reports a failed save and keeps the item answerable', async () => {
    const { db, state } = await setup();
    state.next();
    const item = state.current!.item;
    const add = db.attempts.add.bind(db.attempts);
    db.attempts.add = (() => {
      throw new DOMException('full', 'QuotaExceededError');
    }) as typeof db.attempts.add;
    const answer =
      item.answer.kind === 'choice'
        ? String(item.answer.correctIndex)
        : formatAnswer(expectedAnswer(item.answer), 'en');
    await state.submit(answer, 'en');
    expect(state.saveError).toBe('error.quota');
    expect(state.done).toBe(false);
    db.attempts.add = add;
    await state.submit(answer, 'en');
    expect(state.saveError).toBeNull();
    expect(state.feedback).toEqual({ kind: 'correct' });
  });

  it('a reload shows the same item, typed answer and hints again, and the answer counts them', async () => {
    const { app, learner, session } = await setup();
    let stored: string | null = null;
    const store: SavedItemStore = {
      load: () => (stored ? JSON.parse(stored) : null),
      save: (v) => (stored = JSON.stringify(v)),
      clear: () => (stored = null),
    };
    const first = new PracticeState(session, (e) => String(e), store);
    first.start();
    while (first.current!.item.answer.kind === 'choice') first.next();
    const item = first.current!.item;
    first.setInput('12');
    first.showHint();

    // The tab reloads: a new session over the same learner, the same saved item.
    const again = new PracticeState(await app.openSession(learner.id), (e) => String(e), store);
    again.start();
    expect(again.current!.item.id).toBe(item.id);
    expect(again.input).toBe('12');
    expect(again.hint).toEqual(item.hint);
    await again.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
    const [attempt] = await app.attemptsOf(learner.id);
    expect(attempt).toMatchObject({ itemId: item.id, hintsUsed: 1, correct: true });
    expect(stored).toBeNull(); // answered: nothing left to restore
  });

  it('Next does not act until the feedback has been on screen for a moment', async () => {
    const { state } = await setup();
    state.next();
    const item = state.current!.item;
    const answer =
      item.answer.kind === 'choice'
        ? String(item.answer.correctIndex)
        : formatAnswer(expectedAnswer(item.answer), 'en');
    await state.submit(answer, 'en');
    expect(state.done).toBe(true);
    expect(state.canAdvance).toBe(false);
    await new Promise((r) => setTimeout(r, MIN_FEEDBACK_MS + 50));
    expect(state.canAdvance).toBe(true);
  });
});
