import type { ClassData, ClassLearner, FileImportResult, TeacherService } from '../../../app/teacher';
import type { GroupingResult } from '../../../core/grouping';
import type { Locale } from '../../../core/i18n';
import type { Message, SkillId } from '../../../core/types';
import { validateExportForm, type ExportForm } from '../data/data';
import { heatmapRows, nextSort, shownSkills, type HeatRow, type SortDir, type SortKey } from './teacher';

export interface TeacherStateDeps {
  /** A message a person can act on, for any error. */
  readonly describe: (e: unknown) => string;
  readonly t: (key: string | Message, params?: Record<string, string | number>) => string;
  readonly locale: () => Locale;
  /** Re-read the picker's learner list (class files may add learners). */
  readonly refreshLearners: () => Promise<void>;
  readonly now: () => number;
}

/**
 * The class view's state (in the style of the practice screen's `PracticeState`): what is shown,
 * derived with pure functions from `./teacher`, over the service the composition root built.
 * The screen only renders it and turns clicks into calls; it holds no logic of its own.
 */
export class TeacherState {
  data = $state.raw<ClassData | null>(null);
  error = $state<string | null>(null);
  busy = $state(false);
  /** 'auto', or a number of groups. */
  kChoice = $state('auto');
  sort = $state<{ key: SortKey; dir: SortDir }>({ key: 'name', dir: 'ascending' });
  showAll = $state(false);
  /** Who the focus goes to: 'group:<id>' or 'learner:<id>'. */
  target = $state('');
  focusSkills = $state<SkillId[]>([]);
  focusStatus = $state<string | null>(null);
  /** Optional due date of the focus being assigned ('YYYY-MM-DD' from a date input; '' for none). */
  focusDue = $state('');
  imports = $state.raw<FileImportResult[]>([]);
  /** Class files are locked by default: they carry names, answers and PIN hashes. */
  classForm = $state<ExportForm>({ learnerId: '', lock: true, passphrase: '', confirm: '' });
  classTried = $state(false);
  readonly classErrors = $derived(validateExportForm(this.classForm));
  /** The passphrase for locked files being imported (empty: none). */
  importPassphrase = $state('');

  readonly #service: TeacherService;
  readonly #deps: TeacherStateDeps;

  readonly grouping: GroupingResult | null;
  readonly started: number;
  readonly skills: SkillId[];
  readonly rows: HeatRow[];
  readonly stuck: readonly ClassLearner[];
  readonly inactive: readonly ClassLearner[];

  constructor(service: TeacherService, deps: TeacherStateDeps) {
    this.#service = service;
    this.#deps = deps;
    this.grouping = $derived(
      this.data
        ? service.groupClass(this.data, this.kChoice === 'auto' ? undefined : Number(this.kChoice))
        : null,
    );
    this.started = $derived(this.data ? this.data.learners.filter((l) => l.attempts > 0).length : 0);
    this.skills = $derived(this.data ? shownSkills(this.data, this.showAll) : []);
    this.rows = $derived(this.data ? heatmapRows(this.data, this.skills, this.sort, deps.locale()) : []);
    this.stuck = $derived((this.data?.learners ?? []).filter((l) => l.stuck.length > 0));
    this.inactive = $derived((this.data?.learners ?? []).filter((l) => l.notPractisedLately));
  }

  /** Read the class (again). */
  async load(): Promise<void> {
    try {
      this.data = await this.#service.classData(this.#deps.now());
    } catch (e) {
      this.error = this.#deps.describe(e);
    }
  }

  sortBy(key: SortKey): void {
    this.sort = nextSort(this.sort, key);
  }

  ariaSort(key: SortKey): 'ascending' | 'descending' | 'none' {
    return this.sort.key === key ? this.sort.dir : 'none';
  }

  /** Nicknames for learner ids, in order. */
  names(ids: readonly string[]): string {
    const learners = this.data?.learners ?? [];
    return ids.map((id) => learners.find((l) => l.id === id)?.nickname ?? id).join(', ');
  }

  #targetLearners(): string[] {
    const target = this.target;
    if (target.startsWith('group:')) {
      return this.grouping?.groups.find((g) => `group:${g.id}` === target)?.learnerIds ?? [];
    }
    if (target.startsWith('learner:')) return [target.slice('learner:'.length)];
    return [];
  }

  /** Assign the chosen focus skills to the target (or clear them). */
  async assign(clear: boolean): Promise<void> {
    const { t } = this.#deps;
    this.focusStatus = null;
    const ids = this.#targetLearners();
    if (ids.length === 0) return;
    if (!clear && this.focusSkills.length === 0) {
      this.focusStatus = t('teacher.focusNone');
      return;
    }
    try {
      if (clear) await this.#service.clearFocus(ids);
      else {
        await this.#service.assignFocus(ids, this.focusSkills, this.focusDue === '' ? null : this.focusDue);
      }
      await this.load();
      this.focusStatus = t(clear ? 'teacher.focusCleared' : 'teacher.focusDone', { n: ids.length });
    } catch (e) {
      this.focusStatus = this.#deps.describe(e);
    }
  }

  /** The class as CSV text, with translated headers and skill names. */
  csv(skillName: (id: SkillId) => string): string | null {
    const { t } = this.#deps;
    if (!this.data) return null;
    return this.#service.classCsv(this.data, {
      skillName,
      headers: [
        t('teacher.csv.name'),
        t('teacher.csv.attempts'),
        t('teacher.csv.correct'),
        t('teacher.csv.accuracy'),
        t('teacher.csv.minutes'),
        t('teacher.csv.last'),
      ],
    });
  }

  /** This device's learners as a class file's text, or null (the error is shown). */
  async classFile(): Promise<string | null> {
    this.classTried = true;
    if (Object.keys(this.classErrors).length > 0) return null;
    this.busy = true;
    try {
      return await this.#service.exportClassFile(this.classForm.lock ? this.classForm.passphrase : undefined);
    } catch (e) {
      this.error = this.#deps.describe(e);
      return null;
    } finally {
      this.busy = false;
    }
  }

  /** Merge class files from other tablets; each file's outcome is in `imports`. */
  async importFiles(files: readonly File[]): Promise<void> {
    if (files.length === 0) return;
    this.busy = true;
    try {
      const texts = await Promise.all(files.map(async (f) => ({ name: f.name, text: await f.text() })));
      const pass = this.importPassphrase.trim() === '' ? undefined : this.importPassphrase;
      this.imports = await this.#service.importClassFiles(texts, pass);
      await this.load();
      await this.#deps.refreshLearners();
    } finally {
      this.busy = false;
    }
  }
}
