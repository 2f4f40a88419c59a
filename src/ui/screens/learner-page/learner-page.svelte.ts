import type { LearnerReport, TeacherService } from '../../../app/teacher';

export interface LearnerPageDeps {
  readonly describe: (e: unknown) => string;
  readonly now: () => number;
  /** Minutes east of UTC (the device's zone), for the times of day. */
  readonly tzOffsetMinutes: () => number;
}

/**
 * The learner page's state: the report, read once from the service (app/teacher.ts
 * `learnerReport`); `missing` for a learner not on this device (an old link, a typo).
 */
export class LearnerPageState {
  report = $state.raw<LearnerReport | null>(null);
  missing = $state(false);
  error = $state<string | null>(null);

  readonly #service: TeacherService;
  readonly #deps: LearnerPageDeps;

  constructor(service: TeacherService, deps: LearnerPageDeps) {
    this.#service = service;
    this.#deps = deps;
  }

  /** Ask the placement check again (app/teacher.ts `redoPlacement`), then show it as pending. */
  async redoPlacement(learnerId: string): Promise<void> {
    try {
      await this.#service.redoPlacement([learnerId], this.#deps.now());
      await this.load(learnerId);
    } catch (e) {
      this.error = this.#deps.describe(e);
    }
  }

  async load(learnerId: string): Promise<void> {
    try {
      const report = await this.#service.learnerReport(
        learnerId,
        this.#deps.tzOffsetMinutes(),
        this.#deps.now(),
      );
      this.report = report;
      this.missing = report === null;
    } catch (e) {
      this.error = this.#deps.describe(e);
    }
  }
}
