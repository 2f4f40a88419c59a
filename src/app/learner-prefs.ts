import { dailyGoalOr, isDailyGoal } from '../core/daily-goal';
import { ValidationError } from '../core/errors';
import type { LearnerId } from '../core/types';
import type { SettingsRepo } from '../storage/repositories';

/**
 * Sounds are off until the learner turns them on: tablets are shared in classrooms and libraries,
 * the app cannot know how loud the device is, and nothing should play over a screen reader or the
 * read-aloud voice unasked. One switch in the learner's own Settings turns them on.
 */
export const DEFAULT_SOUND = false;

/**
 * A learner's own choices, made on their screens (not behind the adult gate): the daily goal and
 * whether feedback makes a sound. One `settings` row per choice, a map by learner id, like the
 * goal skill (`learner.goal`): no schema change, and no backup carries them.
 */
export class LearnerPrefs {
  readonly #settings: SettingsRepo;

  constructor(settings: SettingsRepo) {
    this.#settings = settings;
  }

  /** Questions a day (core/daily-goal.ts); the default until the learner picks one. */
  async dailyGoalOf(learnerId: LearnerId): Promise<number> {
    const map = (await this.#settings.get('learner.dailyGoal')) ?? {};
    return dailyGoalOr(Object.hasOwn(map, learnerId) ? map[learnerId] : undefined);
  }

  /** @throws ValidationError('settings.dailyGoalUnknown') for a goal that is not offered */
  async setDailyGoal(learnerId: LearnerId, goal: number): Promise<void> {
    if (!isDailyGoal(goal)) throw new ValidationError('settings.dailyGoalUnknown', { goal: String(goal) });
    const map = { ...((await this.#settings.get('learner.dailyGoal')) ?? {}) };
    map[learnerId] = goal;
    await this.#settings.set('learner.dailyGoal', map);
  }

  async soundOf(learnerId: LearnerId): Promise<boolean> {
    const map = (await this.#settings.get('learner.sound')) ?? {};
    const v = Object.hasOwn(map, learnerId) ? map[learnerId] : undefined;
    return typeof v === 'boolean' ? v : DEFAULT_SOUND;
  }

  async setSound(learnerId: LearnerId, on: boolean): Promise<void> {
    const map = { ...((await this.#settings.get('learner.sound')) ?? {}) };
    map[learnerId] = on;
    await this.#settings.set('learner.sound', map);
  }
}
