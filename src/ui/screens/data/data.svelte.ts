import type { Message } from '../../../core/types';
import type { DataService, StorageReport } from '../../../app/data';
import {
  checkFileSize,
  exportRequest,
  importDoneMessage,
  isEncryptedBackup,
  reportMessages,
  validateExportForm,
  type ExportForm,
} from './data';

export interface DataStateDeps {
  /** A message a person can act on, for any error. */
  readonly describe: (e: unknown) => string;
  readonly t: (key: string | Message, params?: Record<string, string | number>) => string;
  /** Re-read the picker's learner list (a restore may add learners). */
  readonly refreshLearners: () => Promise<void>;
  /** Hand a file to the person (a download). */
  readonly save: (filename: string, text: string) => void;
}

/**
 * "Your data" screen state, in the style of the practice screen's `PracticeState`: the storage
 * report, the backup form, the restore form, over the service the composition root built. Form
 * checks and messages are pure functions in `./data`.
 */
export class DataState {
  report = $state.raw<StorageReport | null>(null);
  reportError = $state<string | null>(null);
  persistDenied = $state(false);

  form = $state<ExportForm>({ learnerId: '', lock: false, passphrase: '', confirm: '' });
  exportTried = $state(false);
  exporting = $state(false);
  exportError = $state<string | null>(null);
  exported = $state<string | null>(null);

  file = $state.raw<{ name: string; text: string } | null>(null);
  importPassphrase = $state('');
  importing = $state(false);
  importError = $state<string | null>(null);
  imported = $state<string | null>(null);

  readonly lines: ReturnType<typeof reportMessages> | null;
  readonly exportErrors: ReturnType<typeof validateExportForm>;
  readonly encrypted: boolean;
  readonly #service: DataService;
  readonly #deps: DataStateDeps;

  constructor(service: DataService, deps: DataStateDeps) {
    this.#service = service;
    this.#deps = deps;
    this.lines = $derived(this.report ? reportMessages(this.report) : null);
    this.exportErrors = $derived(validateExportForm(this.form));
    this.encrypted = $derived(this.file ? isEncryptedBackup(this.file.text) : false);
  }

  async load(): Promise<void> {
    try {
      this.report = await this.#service.storageReport();
      this.reportError = null;
    } catch (e) {
      this.reportError = this.#deps.describe(e);
    }
  }

  async persist(): Promise<void> {
    const granted = await this.#service.requestPersistence();
    this.persistDenied = granted === false;
    await this.load();
  }

  async exportNow(): Promise<void> {
    this.exportTried = true;
    this.exportError = null;
    this.exported = null;
    if (Object.keys(this.exportErrors).length > 0) return;
    this.exporting = true;
    try {
      const { filename, text } = await this.#service.exportFile(exportRequest($state.snapshot(this.form)));
      this.#deps.save(filename, text);
      this.exported = this.#deps.t('data.export.done', { filename });
      this.form.passphrase = '';
      this.form.confirm = '';
      this.exportTried = false;
    } catch (e) {
      this.exportError = this.#deps.describe(e);
    } finally {
      this.exporting = false;
    }
  }

  /** The person chose a backup file (or none). */
  async choose(f: File | undefined): Promise<void> {
    this.file = null;
    this.importError = null;
    this.imported = null;
    this.importPassphrase = '';
    if (!f) return;
    const tooBig = checkFileSize(f.size);
    if (tooBig) {
      this.importError = this.#deps.t(tooBig);
      return;
    }
    try {
      this.file = { name: f.name, text: await f.text() };
    } catch {
      this.importError = this.#deps.t('data.import.unreadable');
    }
  }

  async importNow(): Promise<void> {
    const file = this.file;
    if (!file) return;
    this.importing = true;
    this.importError = null;
    this.imported = null;
    try {
      const counts = await this.#service.importFile(
        file.text,
        this.encrypted ? this.importPassphrase : undefined,
      );
      this.imported = this.#deps.t(importDoneMessage(counts));
      this.importPassphrase = '';
      await this.#deps.refreshLearners();
      await this.load();
    } catch (e) {
      this.importError = this.#deps.describe(e);
    } finally {
      this.importing = false;
    }
  }
}
