/**
 * Teacher mode (issue #4), app layer: the passphrase, the class data behind the class view,
 * k-means groups, focus assignments, the CSV report and merging class files from other tablets.
 *
 * Definitions the class view relies on (all measured at an injected `now`):
 *
 * - **mastery** of a skill: the learner model's `mastery(skill)` (P(correct) at the hardest level,
 *   no forgetting), with its `mastered(skill)` flag (set at 0.8 after a right answer at level 3,
 *   cleared below 0.6: core/elo.ts), read from the stored model snapshot (through the model codecs). A skill the learner
 *   never answered still has the model's prior/cold-start estimate; it is flagged `practised: false`
 *   so the heatmap can show it as "not practised". Grouping uses only the skills at least one
 *   learner in the class has practised (a learner who has not met one of those skills keeps
 *   the model's estimate for it).
 * - **stuck**: a skill with at least {@link STUCK_MIN_ATTEMPTS} (8) attempts in the last
 *   {@link STUCK_WINDOW_DAYS} (14) days whose mastery is still below {@link STUCK_MASTERY} (0.5):
 *   many tries, little to show for them. A learner is stuck when at least one skill is.
 * - **not practised lately**: no attempt in the last {@link INACTIVE_DAYS} (7) days, including a
 *   learner who never answered anything.
 * - **study time**: the sum over attempts of min(response time, 5 min) (core/progress `studyMsOf`),
 *   the same figure the learner's own progress screen shows.
 *
 * The class view is an adult screen: the adult passphrase (app/adult.ts) guards it.
 */
import type { PersistentModel } from '../core/model-codec';
import { ValidationError } from '../core/errors';
import { groupLearners } from '../core/grouping';
import type { GroupingResult } from '../core/grouping';
import { summaryFromAttempts } from '../core/practice';
import {
  forecastGoal,
  forecastSkill,
  learnerAccuracy,
  ownRecordWidening,
  widenedBy,
  type SkillForecast,
} from '../core/forecast';
import { daysToMastery, practicePace, type DaysForecast } from '../core/pace';
import { learnerHabits, type LearnerHabits } from '../core/habits';
import { learningPath } from '../core/path';
import { nextPlacementProbe, redoSummary } from '../core/placement';
import { dayIndexOf, masteryBySkill, studyMsOf, type SkillMastery } from '../core/progress';
import { seededRng, seedFrom } from '../core/rng';
import type { Attempt, LearnerId, SkillGraph, SkillId } from '../core/types';
import { buildWorksheet, type Worksheet, type WorksheetSpec } from '../core/worksheet';
import { exportBackup, importBackup, parseBackup } from '../storage/backup';
import type { ImportSummary } from '../storage/backup';
import type { NextLearnerState } from '../storage/repositories';
import { replayedState, restoreOrReplay } from './models';
import type { AppParts } from './parts';

const DAY_MS = 24 * 60 * 60 * 1000;

export const STUCK_MIN_ATTEMPTS = 8;
export const STUCK_WINDOW_DAYS = 14;
export const STUCK_MASTERY = 0.5;
export const INACTIVE_DAYS = 7;

export interface ClassLearner {
  readonly id: LearnerId;
  readonly nickname: string;
  readonly avatar: string;
  readonly attempts: number;
  readonly correct: number;
  /** Epoch ms of the latest attempt, or null if none. */
  readonly lastPractised: number | null;
  readonly studyMs: number;
  /** Aligned with ClassData.skillIds. */
  readonly mastery: number[];
  /** Aligned with ClassData.skillIds: the model's mastered flag (hysteresis; what the learner sees as a star). */
  readonly mastered: boolean[];
  /** Aligned with ClassData.skillIds: has the learner answered this skill at least once? */
  readonly practised: boolean[];
  /** Skills this learner is stuck on (see the module comment), in course order. */
  readonly stuck: SkillId[];
  /** No attempt in the last INACTIVE_DAYS days (or never). */
  readonly notPractisedLately: boolean;
  /** Teacher-assigned focus skills not yet mastered. */
  readonly focus: SkillId[];
  /** Every assigned focus skill with the learner's progress along the path to it (core/path.ts). */
  readonly focusProgress: FocusProgress[];
  /** The focus's due date ('YYYY-MM-DD'), if the teacher set one. */
  readonly focusDue: string | null;
}

/** How far a learner is along the path to one focus skill. */
export interface FocusProgress {
  readonly skillId: SkillId;
  /** Steps of the path (the focus and what it builds on) mastered, and how many there are. */
  readonly done: number;
  readonly total: number;
  readonly reached: boolean;
  /** The next step to master, and the forecast answers it needs (core/forecast.ts), 80 % range. */
  readonly next: SkillId | null;
  readonly nextAnswers: { readonly low: number; readonly high: number; readonly max: number } | null;
  /**
   * The answers on the whole path until the focus is mastered (core/forecast.ts `forecastGoal`),
   * 80 % range; null when it is reached or only one step is left (then `nextAnswers` says it).
   */
  readonly goalAnswers: { readonly low: number; readonly high: number; readonly max: number } | null;
}

export interface ClassData {
  readonly now: number;
  /** Every skill of the course, in topological order. */
  readonly skillIds: SkillId[];
  readonly learners: ClassLearner[];
}

/**
 * The teacher's page about one learner (issue 11): their history and habits (core/habits.ts,
 * against the class: every learner on this device), their focus and the forecasts.
 */
export interface LearnerReport {
  readonly now: number;
  readonly learner: { readonly id: LearnerId; readonly nickname: string; readonly avatar: string };
  readonly habits: LearnerHabits;
  /** Every skill of the course in order, with the model's mastery and state (core/progress.ts). */
  readonly skills: readonly SkillMastery[];
  /** The teacher's focus, each with the learner's progress along the path to it. */
  readonly focus: readonly FocusProgress[];
  readonly focusDue: string | null;
  /**
   * Answers to mastery (80 % range) for each skill being learned: practised, open, not mastered;
   * with the same in days at the learner's pace (core/pace.ts), null without recent practice or
   * for an open-ended forecast.
   */
  readonly forecasts: readonly (SkillForecast & { readonly days: DaysForecast | null })[];
  /**
   * The placement check a teacher asked for again (epoch ms), and where it stands: still to come
   * (`pending`), over (`done`), or `skipped` because a focus is assigned (a placement by hand).
   * Null when it was never asked again.
   */
  readonly placementRedo: { readonly at: number; readonly state: 'pending' | 'done' | 'skipped' } | null;
}

export interface FileImportResult {
  readonly name: string;
  readonly ok: boolean;
  readonly summary?: ImportSummary;
  readonly error?: unknown;
}

/** RFC 4180 field: quoted when needed; a leading formula character is neutralised for spreadsheets. */
export function csvField(value: string | number): string {
  let s = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class TeacherService {
  readonly #parts: AppParts;

  constructor(parts: AppParts) {
    this.#parts = parts;
  }

  // -------------------------------------------------------------------------------------------
  // Class data

  /** The stored model, or a fresh one when it is missing or unreadable (the class view still shows the learner). */
  /** The learner's model; an older stored format is rebuilt from the attempts (app/models.ts). */
  async #model(
    state: { model?: unknown } | undefined,
    attempts: () => Promise<readonly Attempt[]>,
  ): Promise<PersistentModel> {
    const { models } = this.#parts;
    const graph = this.#parts.graph();
    try {
      return (await restoreOrReplay(models, graph, state?.model, attempts)).model;
    } catch {
      return models.replay(graph, await attempts());
    }
  }

  async classData(now: number = this.#parts.now()): Promise<ClassData> {
    const graph = await this.#parts.refreshCourse(); // installed content packs join the class view
    const skillIds = [...graph.order];
    const focusMap = (await this.#parts.repos.settings.get('teacher.focus')) ?? {};
    const dueMap = (await this.#parts.repos.settings.get('teacher.focusDue')) ?? {};
    const learners = await this.#parts.repos.learners.list();
    const rows: ClassLearner[] = [];
    for (const l of learners) {
      const [state, attempts] = await Promise.all([
        this.#parts.repos.states.get(l.id),
        this.#parts.repos.attempts.listForLearner(l.id),
      ]);
      const model = await this.#model(state, () => Promise.resolve(attempts));
      const mastery = skillIds.map((id) => model.mastery(id));
      const mastered = skillIds.map((id) => model.mastered(id));
      const practice = summaryFromAttempts(attempts);
      const practised = skillIds.map((id) => (practice.get(id)?.attempts ?? 0) > 0);
      let correct = 0;
      let studyMs = 0;
      let last: number | null = null;
      const recent = new Map<SkillId, number>();
      const since = now - STUCK_WINDOW_DAYS * DAY_MS;
      for (const a of attempts) {
        if (a.correct) correct++;
        studyMs += studyMsOf(a);
        if (last === null || a.timestamp > last) last = a.timestamp;
        if (a.timestamp >= since) recent.set(a.skillId, (recent.get(a.skillId) ?? 0) + 1);
      }
      const stuck = skillIds.filter(
        (id, i) => (recent.get(id) ?? 0) >= STUCK_MIN_ATTEMPTS && (mastery[i] ?? 0) < STUCK_MASTERY,
      );
      const assigned = (focusMap[l.id] ?? []).filter((id) => skillIds.includes(id));
      const focus = assigned.filter((id) => !model.mastered(id));
      const widening = focus.length > 0 ? this.#widening(graph, attempts) : 1;
      const focusProgress = assigned.map((id) =>
        this.#progressTo(model, id, now, learnerAccuracy(attempts), widening),
      );
      rows.push({
        id: l.id,
        nickname: l.nickname,
        avatar: l.avatar,
        attempts: attempts.length,
        correct,
        lastPractised: last,
        studyMs,
        mastery,
        mastered,
        practised,
        stuck,
        notPractisedLately: last === null || now - last > INACTIVE_DAYS * DAY_MS,
        focus,
        focusProgress,
        focusDue: dueMap[l.id] ?? null,
      });
    }
    return { now, skillIds, learners: rows };
  }

  /** k-means groups of the class (k chosen by silhouette unless given). */
  async groups(k?: number, data?: ClassData): Promise<GroupingResult> {
    return this.groupClass(data ?? (await this.classData()), k);
  }

  /** The same, synchronously, for class data already read. */
  groupClass(d: ClassData, k?: number): GroupingResult {
    // Group on skills someone in the class has practised: elsewhere every mastery is the
    // model's prior, which says nothing about the learners and would fill the group
    // explanations with skills nobody has met yet.
    const cols = d.skillIds.map((_, j) => j).filter((j) => d.learners.some((l) => l.practised[j]));
    const use = cols.length > 0 ? cols : d.skillIds.map((_, j) => j);
    return groupLearners(
      {
        learnerIds: d.learners.map((l) => l.id),
        skillIds: use.map((j) => d.skillIds[j] as SkillId),
        mastery: d.learners.map((l) => use.map((j) => l.mastery[j] as number)),
        attempts: d.learners.map((l) => l.attempts),
        practised: d.learners.map((l) => use.map((j) => l.practised[j] === true)),
      },
      k === undefined ? {} : { k },
    );
  }

  // -------------------------------------------------------------------------------------------
  // Focus

  async #focusMap(): Promise<Record<LearnerId, SkillId[]>> {
    const raw = await this.#parts.repos.settings.get('teacher.focus');
    return raw && typeof raw === 'object' ? { ...raw } : {};
  }

  /**
   * Replaces the focus skills of each given learner, with an optional due date ('YYYY-MM-DD').
   * Unknown skills and malformed dates are refused; clearing the focus clears its date.
   */
  async assignFocus(
    learnerIds: readonly LearnerId[],
    skillIds: readonly SkillId[],
    due: string | null = null,
  ): Promise<void> {
    const known = this.#parts.graph().byId;
    for (const id of skillIds) {
      if (!known.has(id)) throw new ValidationError('teacher.unknownSkill', { skill: id });
    }
    if (due !== null && dayIndexOf(due) === null) throw new ValidationError('teacher.badDue', { date: due });
    const map = await this.#focusMap();
    const dueMap = { ...((await this.#parts.repos.settings.get('teacher.focusDue')) ?? {}) };
    const skills = [...new Set(skillIds)];
    for (const l of learnerIds) {
      if (skills.length === 0) delete map[l];
      else map[l] = [...skills];
      if (skills.length === 0 || due === null) delete dueMap[l];
      else dueMap[l] = due;
    }
    await this.#parts.repos.settings.set('teacher.focus', map);
    await this.#parts.repos.settings.set('teacher.focusDue', dueMap);
  }

  /**
   * How much this learner's skill forecasts are widened (core/forecast.ts `learnerWidening`): their
   * history replayed into a fresh model, with a forecast at the start of each recent skill.
   */
  #widening(graph: SkillGraph, attempts: readonly Attempt[]): number {
    const { models } = this.#parts;
    return ownRecordWidening(
      attempts,
      () => models.create(graph),
      (m) => models.clone(graph, m),
    );
  }

  /**
   * The learner's progress along the path to a focus skill, with forecasts for the next step and
   * the whole way, both widened by the learner's own record (`widening`).
   */
  #progressTo(
    model: PersistentModel,
    focus: SkillId,
    now: number,
    accuracy: number,
    widening: number,
  ): FocusProgress {
    const graph = this.#parts.graph();
    const path = learningPath(graph, model, focus);
    const done = path.filter((s) => s.done).length;
    const reached = model.mastered(focus);
    // The next step: the first one not done whose prerequisites are all mastered.
    const next =
      path.find(
        (s) => !s.done && (graph.byId.get(s.skillId)?.prerequisites ?? []).every((q) => model.mastered(q)),
      )?.skillId ?? null;
    const raw =
      reached || next === null
        ? null
        : forecastSkill(() => this.#parts.models.clone(graph, model), next, now, seededRng(seedFrom(next)), {
            accuracy,
          });
    const f = raw === null ? null : widenedBy(raw, widening);
    // The whole way to the focus, only when it is more than the next step (otherwise the same
    // range would be said twice, and the rollouts cost a forecast for nothing).
    const open = path.filter((s) => !s.done).map((s) => s.skillId);
    const rawGoal =
      reached || open.length <= 1
        ? null
        : forecastGoal(() => this.#parts.models.clone(graph, model), open, now, seededRng(seedFrom(focus)), {
            accuracy,
          });
    // The learner's own record widens the whole way's range as it does the next step's.
    const g = rawGoal === null ? null : widenedBy(rawGoal, widening);
    return {
      skillId: focus,
      done,
      total: path.length,
      reached,
      next: reached ? null : next,
      nextAnswers: f === null ? null : { low: f.low, high: f.high, max: f.maxAnswers },
      goalAnswers: g === null ? null : { low: g.low, high: g.high, max: g.maxAnswers },
    };
  }

  async clearFocus(learnerIds: readonly LearnerId[]): Promise<void> {
    await this.assignFocus(learnerIds, []);
  }

  /**
   * Ask these learners the placement check again (issue 10): from now on the check reads only
   * the practice since this moment, so it starts over at their next session; its right answers
   * at the hardest level credit what the probed skill builds on and was never answered (elo.ts).
   * A teacher's focus still skips it, as it does the first time.
   */
  async redoPlacement(learnerIds: readonly LearnerId[], now: number = this.#parts.now()): Promise<void> {
    const map = { ...((await this.#parts.repos.settings.get('placement.redo')) ?? {}) };
    for (const id of learnerIds) map[id] = now;
    await this.#parts.repos.settings.set('placement.redo', map);
  }

  /** The learner's focus skills not yet mastered (mastered ones drop out of the list). */
  async focusFor(learnerId: LearnerId): Promise<SkillId[]> {
    const skills = (await this.#focusMap())[learnerId] ?? [];
    if (skills.length === 0) return [];
    const model = await this.#model(await this.#parts.repos.states.get(learnerId), () =>
      this.#parts.repos.attempts.listForLearner(learnerId),
    );
    return skills.filter((id) => this.#parts.graph().byId.has(id) && !model.mastered(id));
  }

  // -------------------------------------------------------------------------------------------
  // One learner

  /**
   * Everything the learner page shows, or null for a learner not on this device. The class the
   * habits are compared with is every learner on this device (this one included).
   * `tzOffsetMinutes`: minutes east of UTC, for the times of day (core/progress.ts).
   */
  async learnerReport(
    learnerId: LearnerId,
    tzOffsetMinutes: number,
    now: number = this.#parts.now(),
  ): Promise<LearnerReport | null> {
    const graph = await this.#parts.refreshCourse();
    const learners = await this.#parts.repos.learners.list();
    const learner = learners.find((l) => l.id === learnerId);
    if (!learner) return null;
    const all = await Promise.all(learners.map((l) => this.#parts.repos.attempts.listForLearner(l.id)));
    const attempts = all[learners.indexOf(learner)] ?? [];
    const model = await this.#model(await this.#parts.repos.states.get(learnerId), () =>
      Promise.resolve(attempts),
    );
    const skills = masteryBySkill(model, graph, now, { practice: summaryFromAttempts(attempts) });
    const accuracy = learnerAccuracy(attempts);
    const learningNow = skills.some((m) => m.state === 'learning');
    const widening = learningNow ? this.#widening(graph, attempts) : 1;
    const assigned = ((await this.#parts.repos.settings.get('teacher.focus')) ?? {})[learnerId] ?? [];
    const due = ((await this.#parts.repos.settings.get('teacher.focusDue')) ?? {})[learnerId] ?? null;
    const forecasts = skills
      .filter((m) => m.state === 'learning')
      .map((m) =>
        forecastSkill(
          () => this.#parts.models.clone(graph, model),
          m.skillId,
          now,
          seededRng(seedFrom(m.skillId)),
          { accuracy },
        ),
      )
      .filter((f): f is SkillForecast => f !== null)
      .map((f) => widenedBy(f, widening));
    const pace = practicePace(attempts, now, tzOffsetMinutes);
    const learning = skills.filter((m) => m.state === 'learning').length;
    const redoAt = ((await this.#parts.repos.settings.get('placement.redo')) ?? {})[learnerId];
    const redoState = (at: number): 'pending' | 'done' | 'skipped' =>
      assigned.some((id) => graph.byId.has(id) && !model.mastered(id))
        ? 'skipped'
        : nextPlacementProbe(graph, redoSummary(graph, attempts, at)) === null
          ? 'done'
          : 'pending';
    return {
      now,
      learner: { id: learner.id, nickname: learner.nickname, avatar: learner.avatar },
      placementRedo: redoAt === undefined ? null : { at: redoAt, state: redoState(redoAt) },
      habits: learnerHabits({
        attempts,
        classAttempts: all.flat(),
        classLearners: learners.length,
        order: graph.order,
        now,
        tzOffsetMinutes,
      }),
      skills,
      focus: assigned
        .filter((id) => graph.byId.has(id))
        .map((id) => this.#progressTo(model, id, now, accuracy, widening)),
      focusDue: assigned.length > 0 ? due : null,
      forecasts: forecasts.map((f) => ({
        ...f,
        days: pace && f.high <= f.maxAnswers ? daysToMastery(f, pace, learning) : null,
      })),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Worksheets

  /** The skills a worksheet can be made for: the course's, content packs' included, in course order. */
  async worksheetSkills(): Promise<SkillId[]> {
    return [...(await this.#parts.refreshCourse()).order];
  }

  /**
   * A printable worksheet made by the skill's own generator (core/worksheet.ts): the same spec
   * always gives the same sheet.
   * @throws ValidationError 'teacher.unknownSkill', or from core/worksheet `checkWorksheetSpec`
   */
  worksheet(spec: WorksheetSpec): Worksheet {
    const generator = this.#parts.generators().get(spec.skillId);
    if (!generator) throw new ValidationError('teacher.unknownSkill', { skill: spec.skillId });
    return buildWorksheet(generator, spec);
  }

  // -------------------------------------------------------------------------------------------
  // Reports

  /**
   * The class report as CSV (RFC 4180: CRLF, quoted fields), with a UTF-8 BOM so spreadsheet
   * programs read Chinese names correctly. One row per learner; mastery in whole percent, empty
   * for a skill never practised.
   */
  classCsv(
    data: ClassData,
    labels: {
      skillName: (id: SkillId) => string;
      headers: readonly [string, string, string, string, string, string];
    },
  ): string {
    const header = [...labels.headers, ...data.skillIds.map(labels.skillName)];
    const lines = [header.map(csvField).join(',')];
    for (const l of data.learners) {
      const cells: (string | number)[] = [
        l.nickname,
        l.attempts,
        l.correct,
        l.attempts === 0 ? '' : Math.round((100 * l.correct) / l.attempts),
        Math.round(l.studyMs / 60000),
        l.lastPractised === null ? '' : new Date(l.lastPractised).toISOString().slice(0, 10),
        ...l.mastery.map((m, i) => (l.practised[i] ? Math.round(m * 100) : '')),
      ];
      lines.push(cells.map(csvField).join(','));
    }
    return '\uFEFF' + lines.join('\r\n') + '\r\n';
  }

  // -------------------------------------------------------------------------------------------
  // Merging tablets

  /**
   * This device's learners as a class file (docs/file-format.md, kind 'class'), locked with the
   * passphrase when one is given (the same encrypted envelope as a locked backup): names,
   * answers and PIN hashes then travel unreadable on a USB stick.
   */
  exportClassFile(passphrase?: string): Promise<string> {
    return exportBackup(this.#parts.db, {
      kind: 'class',
      now: this.#parts.now(),
      appVersion: this.#parts.appVersion,
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
  }

  /** The learner model replayed over a whole history (what importBackup stores as the state). */
  rebuildState = (_learnerId: LearnerId, attempts: readonly Attempt[]): NextLearnerState =>
    replayedState(this.#parts.models, this.#parts.graph(), attempts);

  /**
   * Merges class (or device/learner) files, one at a time: a bad file is reported and leaves the
   * data untouched, and the others still import. Importing a file twice adds nothing. Locked
   * files are opened with `passphrase`.
   */
  async importClassFiles(
    files: readonly { name: string; text: string }[],
    passphrase?: string,
  ): Promise<FileImportResult[]> {
    const out: FileImportResult[] = [];
    for (const f of files) {
      try {
        // A locked file needs the passphrase ('backup.encryptedNeedsPassphrase' without one).
        const parsed = await parseBackup(f.text, passphrase ? { passphrase } : {});
        const summary = await importBackup(this.#parts.db, parsed, {
          mode: 'merge',
          rebuildState: this.rebuildState,
          now: this.#parts.now(),
        });
        out.push({ name: f.name, ok: true, summary });
      } catch (error) {
        out.push({ name: f.name, ok: false, error });
      }
    }
    return out;
  }
}
