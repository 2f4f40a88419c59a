/**
 * A LearnerModel whose predictions come from a table computed elsewhere (the knowledge-tracing
 * network in its worker), falling back to a simple estimator (Elo) for anything the table does
 * not cover: before the network has loaded, on a device where no tfjs backend works, or for a
 * skill added since the table was made. Mastery and updates stay with the fallback, which is
 * also what is persisted, so the network can come and go without changing stored state.
 */
import type { Platt } from './platt';
import type { Attempt, Difficulty, LearnerModel, SkillEvidence, SkillId } from './types';

/** P(correct) per skill for difficulty levels 1, 2, 3, as of `attemptCount` attempts. */
export interface PredictionTable {
  readonly learnerId: string;
  readonly attemptCount: number;
  readonly p: Readonly<Record<SkillId, readonly [number, number, number]>>;
  /** Which weights made it: the shipped base model or this learner's fine-tuned ones. */
  readonly source: 'base' | 'personal';
  /** The recalibration applied to the network's raw predictions (core/platt.ts), if any. */
  readonly calibration?: Platt;
}

export class TableModel implements LearnerModel {
  constructor(
    readonly fallback: LearnerModel,
    readonly table: PredictionTable | undefined,
  ) {}

  get name(): string {
    return this.table ? `kt-${this.table.source}` : this.fallback.name;
  }

  predict(item: { readonly skillId: SkillId; readonly difficulty: Difficulty }, now: number): number {
    const row = this.table?.p[item.skillId];
    const p = row?.[item.difficulty - 1];
    return typeof p === 'number' && Number.isFinite(p) ? p : this.fallback.predict(item, now);
  }

  mastery(skillId: SkillId): number {
    return this.fallback.mastery(skillId);
  }

  mastered(skillId: SkillId): boolean {
    return this.fallback.mastered(skillId);
  }

  evidence(skillId: SkillId, now: number): SkillEvidence {
    return this.fallback.evidence(skillId, now);
  }

  update(attempt: Attempt): void {
    this.fallback.update(attempt);
  }
}
