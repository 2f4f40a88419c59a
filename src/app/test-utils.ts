/** Helpers shared by the app-level tests (fake-indexeddb). Never imported by the app. */
import 'fake-indexeddb/auto';
import { seededRng } from '../core/rng';
import type { Item } from '../core/types';
import { LanternDB } from '../storage/db';
import { Lantern } from './lantern';
import { expectedAnswer } from '../core/item-answer';

/** A wrong answer in the form the item asks for (so it is recorded as wrong, not refused). */
export function wrongAnswer(item: Item): string {
  const a = expectedAnswer(item.answer);
  switch (a.kind) {
    case 'integer':
    case 'decimal':
      return String(a.value + 7);
    case 'fraction':
      return `${a.numerator + a.denominator}/${a.denominator}`;
    case 'choice':
      return String((a.correctIndex + 1) % a.choices.length);
  }
}

/**
 * Lanterns on fresh databases named `prefix-k`, on a clock the test moves (`clock.t`), with
 * seeded randomness and ids; `closeAll()` in an afterEach.
 */
export function testLanterns(prefix: string, seed = 11) {
  const opened: Lantern[] = [];
  let n = 0;
  return {
    make(clock: { t: number }): Lantern {
      const k = n++;
      let id = 0;
      const lantern = new Lantern(new LanternDB(`${prefix}-${k}`), {
        now: () => clock.t,
        random: seededRng(seed),
        newId: () => `id-${k}-${id++}`,
        appVersion: 'test',
        passphraseIterations: 1000,
      });
      opened.push(lantern);
      return lantern;
    },
    closeAll(): void {
      while (opened.length) opened.pop()?.close();
    },
  };
}
