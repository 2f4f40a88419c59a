import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import { DEFAULT_DAILY_GOAL, startOfLocalDay } from '../core/daily-goal';
import { seededRng } from '../core/rng';
import { LanternDB } from '../storage/db';
import { Lantern } from './lantern';
import { DEFAULT_SOUND } from './learner-prefs';
import { expectedAnswer } from '../core/item-answer';

let n = 0;
const opened: Lantern[] = [];
afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

function makeLantern(name: string, clock: { t: number }) {
  const lantern = new Lantern(new LanternDB(name), {
    now: () => clock.t,
    random: seededRng(3),
    appVersion: 'test',
  });
  opened.push(lantern);
  return lantern;
}

describe('a learner’s daily goal and sound switch', () => {
  it('are stored per learner and survive reopening the database', async () => {
    const name = `learner-prefs-${n++}`;
    const clock = { t: Date.UTC(2026, 2, 10, 9) };
    const app = makeLantern(name, clock);
    const ana = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const bo = await app.createLearner({ nickname: 'Bo', avatar: 'owl' });
    expect(await app.prefs.dailyGoalOf(ana.id)).toBe(DEFAULT_DAILY_GOAL);
    expect(await app.prefs.soundOf(ana.id)).toBe(DEFAULT_SOUND);

    await app.prefs.setDailyGoal(ana.id, 20);
    await app.prefs.setSound(ana.id, true);
    await app.prefs.setDailyGoal(bo.id, 5);
    await expect(app.prefs.setDailyGoal(ana.id, 7)).rejects.toMatchObject({
      messageKey: 'settings.dailyGoalUnknown',
    });
    app.close();
    opened.pop();

    const again = makeLantern(name, clock);
    expect(await again.prefs.dailyGoalOf(ana.id)).toBe(20);
    expect(await again.prefs.soundOf(ana.id)).toBe(true);
    expect(await again.prefs.dailyGoalOf(bo.id)).toBe(5);
    expect(await again.prefs.soundOf(bo.id)).toBe(DEFAULT_SOUND);
    await again.prefs.setSound(ana.id, false);
    expect(await again.prefs.soundOf(ana.id)).toBe(false);
    // A learner id that is also a property name of plain objects reads as "not set".
    expect(await again.prefs.dailyGoalOf('constructor')).toBe(DEFAULT_DAILY_GOAL);
  });

  it('reads today’s attempts only, from local midnight', async () => {
    const clock = { t: Date.UTC(2026, 2, 9, 15, 30) }; // 23:30 in Beijing
    const app = makeLantern(`learner-prefs-${n++}`, clock);
    const ana = await app.createLearner({ nickname: 'Ana', avatar: 'fox' });
    const s = await app.openSession(ana.id);
    for (let i = 0; i < 3; i++) {
      const { item } = s.next();
      await s.submit(formatAnswer(expectedAnswer(item.answer), 'en'), 'en');
      clock.t += 20 * 60_000; // 23:30, 23:50, 00:10 in Beijing
    }
    const beijing = 480;
    const today = await app.attemptsOf(ana.id, startOfLocalDay(clock.t, beijing));
    expect(today).toHaveLength(1);
    expect(await app.attemptsOf(ana.id)).toHaveLength(3);
  });
});
