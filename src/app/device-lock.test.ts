import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { formatAnswer } from '../core/answer';
import { ValidationError } from '../core/errors';
import { seededRng } from '../core/rng';
import { LanternDB } from '../storage/db';
import { installEncryption } from '../storage/encryption';
import { DeviceLock } from './device-lock';
import { Lantern } from './lantern';
import { expectedAnswer } from '../core/item-answer';

let n = 0;
const opened: Lantern[] = [];
const FAST = { kdfIterations: 1_000, minKdfIterations: 1_000 };
const PASS = 'blue whale lantern';

/** A Lantern wired as createLantern wires it: the keyring installed before the first read. */
async function device(name = `lantern-lock-test-${process.pid}-${n++}`, beforeSwitch?: () => void) {
  const db = new LanternDB(name);
  const lock = new DeviceLock(db, installEncryption(db), {
    iterations: 1_000,
    ...(beforeSwitch ? { beforeSwitch } : {}),
  });
  let t = Date.UTC(2026, 10, 23, 9);
  let id = 0;
  const lantern = new Lantern(db, {
    now: () => (t += 3_000),
    random: seededRng(5),
    newId: () => `${name}-id-${id++}`,
    deviceLock: lock,
    backup: FAST,
  });
  opened.push(lantern);
  const status = await lock.status();
  return { lantern, lock, name, status };
}

afterEach(() => {
  while (opened.length) opened.pop()?.close();
});

describe('DeviceLock', () => {
  it('refuses a passphrase shorter than 10 characters', async () => {
    const { lock } = await device();
    const e = await lock.enable('short one').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ValidationError);
    expect((e as ValidationError).messageKey).toBe('encryption.tooShort');
    expect(lock.enabled).toBe(false);
  });

  it('keeps practice, progress and backups working through encryption and a restart', async () => {
    const { lantern, lock, name, status } = await device();
    expect(status).toBe('off');
    expect(lock.keyForWorker()).toBeNull();
    const learner = await lantern.createLearner({ nickname: 'Zebulon', avatar: 'owl' });
    let session = await lantern.openSession(learner.id);
    for (let i = 0; i < 3; i++) {
      await session.submit(formatAnswer(expectedAnswer(session.next().item.answer), 'en'), 'en');
    }
    await lock.enable(PASS);
    expect(lock.enabled).toBe(true);
    expect(lock.keyForWorker()).toHaveLength(32);
    // Practice goes on, sealed.
    session = await lantern.openSession(learner.id);
    await session.submit(formatAnswer(expectedAnswer(session.next().item.answer), 'en'), 'en');
    expect(await lantern.attemptsOf(learner.id)).toHaveLength(4);
    // "What is stored" walks the attempts with a cursor: it sees the opened rows.
    const report = await (await lantern.data()).storageReport();
    expect(report.learners.map((l) => [l.nickname, l.attempts, l.hasModelState])).toEqual([
      ['Zebulon', 4, true],
    ]);
    // Deleting a learner (index ranges, no values) works on sealed rows too.
    const gone = await lantern.createLearner({ nickname: 'Temporary', avatar: 'fox' });
    await lantern.deleteLearner(gone.id);
    expect((await lantern.listLearners()).map((l) => l.nickname)).toEqual(['Zebulon']);

    // A backup reads through the repositories: it holds the plain data.
    const backup = await (await lantern.data()).exportFile();
    expect(backup.text).toContain('Zebulon');
    lantern.close();

    // Restart: locked until the passphrase is given.
    const again = await device(name);
    expect(again.status).toBe('locked');
    expect(again.lock.keyForWorker()).toBeUndefined();
    await expect(again.lantern.listLearners()).rejects.toThrow();
    expect(await again.lock.unlock('blue whale lantern ')).toBe(false);
    expect(await again.lock.unlock(PASS)).toBe(true);
    expect((await again.lantern.listLearners()).map((l) => l.nickname)).toEqual(['Zebulon']);
    expect(await again.lantern.attemptsOf(learner.id)).toHaveLength(4);

    // The backup restores onto another, encrypted device.
    const other = await device();
    await other.lock.enable('another device pass');
    const counts = await (await other.lantern.data()).importFile(backup.text);
    expect(counts).toMatchObject({ learnersAdded: 1, attemptsAdded: 4 });
    expect(await other.lantern.attemptsOf(learner.id)).toHaveLength(4);

    // Change, then turn off: nothing lost.
    expect(await again.lock.change('wrong passphrase', 'new device pass')).toBe(false);
    expect(await again.lock.change(PASS, 'new device pass')).toBe(true);
    expect(await again.lock.disable(PASS)).toBe(false);
    expect(await again.lock.disable('new device pass')).toBe(true);
    expect(again.lock.enabled).toBe(false);
    expect(await again.lantern.attemptsOf(learner.id)).toHaveLength(4);
  });
});

describe('DeviceLock across tabs', () => {
  it('locks the other tab at once when one tab turns encryption on, and clears it when turned off', async () => {
    // Each tab's hook stops its model worker: record when it ran.
    const stops: string[] = [];
    const a = await device(undefined, () => stops.push('a'));
    const b = await device(a.name, () => stops.push('b'));
    const heard: string[] = [];
    b.lock.onOtherTab((e) => heard.push(e));
    await b.lantern.createLearner({ nickname: 'Zebulon', avatar: 'owl' });
    const enabling = a.lock.enable(PASS);
    // This tab's worker stopped at once, before the rewrite (which is all awaited after it).
    expect(stops).toEqual(['a']);
    await enabling;
    await expect.poll(() => heard).toEqual(['enabled']);
    // The other tab stopped its worker when it heard of the switch (and again when it was done).
    expect(stops.filter((s) => s === 'b').length).toBeGreaterThanOrEqual(1);
    // The other tab can no longer write in clear (nor read sealed rows) until it is unlocked.
    expect(b.lock.enabled).toBe(true);
    await expect(b.lantern.createLearner({ nickname: 'Plain', avatar: 'fox' })).rejects.toThrow();
    await expect(b.lantern.listLearners()).rejects.toThrow();
    expect(await b.lock.unlock(PASS)).toBe(true);
    expect((await b.lantern.listLearners()).map((l) => l.nickname)).toEqual(['Zebulon']);

    expect(await a.lock.disable(PASS)).toBe(true);
    await expect.poll(() => heard).toEqual(['enabled', 'disabled']);
    expect(b.lock.enabled).toBe(false);
    await b.lantern.createLearner({ nickname: 'Later', avatar: 'fox' });
    // Written in clear, so a fresh start (no key anywhere) reads it.
    a.lantern.close();
    b.lantern.close();
    const c = await device(a.name);
    expect(c.status).toBe('off');
    expect((await c.lantern.listLearners()).map((l) => l.nickname).sort()).toEqual(['Later', 'Zebulon']);
  });
});
