/**
 * Content packs, app layer (issue 5): import a teacher's file (parse → sanitise with DOMPurify →
 * one-transaction install), list and remove packs, and build the course the learner practises:
 * the bundled maths course plus every installed pack's skills and item generators. Reading a
 * file (app/content-read.ts, with valibot) is loaded only when one is imported: this module is
 * part of the first load (Lantern uses `courseWithPacks`).
 */
import type { ContentPack } from '../core/content-pack';
import { packCatalogue, packGenerators, packTitle, skillsOfPack } from '../core/content-pack';
import { buildGraph } from '../core/graph';
import type { Catalogue, Locale } from '../core/i18n';
import type { Difficulty, ItemGenerator, SkillGraph, SkillId } from '../core/types';
import type { Course } from '../content/maths';
import { mathsCourse, mathsGraph } from '../content/maths';
import type { ContentPackRepo } from '../storage/content-packs';
import type { GiftPlan } from '../core/gift';
import type { BankOptions } from '../core/gift-bank';
import type { BankFile } from './bank-read';
import type { Sanitise } from './sanitise';

/** Larger files are refused before they are read (File.size, bytes). */
export const CONTENT_FILE_MAX_BYTES = 4 * 1024 * 1024;

export interface InstalledPack {
  readonly id: string;
  readonly version: number;
  readonly title: string;
  readonly skills: number;
  readonly items: number;
  readonly importedAt: number;
}

export interface LoadedCourse {
  readonly course: Course;
  readonly graph: SkillGraph;
  /** Skill names of the packs, per locale (plain text). */
  readonly text: Readonly<Record<Locale, Catalogue>>;
  readonly packs: readonly ContentPack[];
}

/**
 * The bundled course plus the stored packs. A stored pack that no longer fits the course (a
 * later build removed a skill it needs) is left out rather than breaking practice.
 */
export function courseWithPacks(
  packs: readonly ContentPack[],
  /** Imported questions' levels once calibrated from answers (core/item-calibration.ts). */
  levelOf?: (key: string, placed: Difficulty) => Difficulty,
): LoadedCourse {
  let skills = [...mathsCourse.skills];
  const generators = new Map<SkillId, ItemGenerator>(mathsCourse.generators);
  const used: ContentPack[] = [];
  for (const p of packs) {
    const next = [...skills, ...skillsOfPack(p)];
    try {
      buildGraph(next);
    } catch {
      continue;
    }
    skills = next;
    for (const g of packGenerators(p, levelOf)) generators.set(g.skillId, g);
    used.push(p);
  }
  const graph = used.length === 0 ? mathsGraph : buildGraph(skills);
  return {
    course: { ...mathsCourse, skills, generators },
    graph,
    text: { en: packCatalogue(used, 'en'), 'zh-CN': packCatalogue(used, 'zh-CN') },
    packs: used,
  };
}

export class ContentService {
  readonly #repo: ContentPackRepo;
  readonly #sanitise: Sanitise;
  readonly #now: () => number;

  constructor(repo: ContentPackRepo, sanitise: Sanitise, now: () => number = () => Date.now()) {
    this.#repo = repo;
    this.#sanitise = sanitise;
    this.#now = now;
  }

  /**
   * Imports a content file. All or nothing: a file that fails any check writes nothing.
   * @throws ValidationError (content.*), StorageError
   */
  async importText(
    text: string,
    opts: { beforeCommit?: () => void } = {},
  ): Promise<InstalledPack & { replaced: boolean }> {
    const { readContentPack } = await import('./content-read');
    const pack = readContentPack(text, this.#sanitise);
    const now = this.#now();
    const r = await this.#repo.install(
      { id: pack.id, version: pack.version, pack },
      { now, ...(opts.beforeCommit ? { beforeCommit: opts.beforeCommit } : {}) },
    );
    return { ...describePack(pack, now, 'en'), replaced: r === 'replaced' };
  }

  /** The dry run of a teacher's question bank (GIFT): nothing is written. Throws ValidationError. */
  async readBank(bytes: Uint8Array, fileName: string): Promise<BankFile> {
    const { readBankFile } = await import('./bank-read');
    return readBankFile(bytes, fileName, this.#sanitise);
  }

  /**
   * Stores the bank the dry run showed, placed by the teacher: all or nothing, as a pack. A bank of
   * the same name is replaced (its revision goes up), so its learners' history stays with it.
   * @throws ValidationError (bank.*, content.*, graph.*), StorageError
   */
  async importBank(
    plan: GiftPlan,
    choice: Omit<BankOptions, 'version' | 'bundled'>,
    opts: { beforeCommit?: () => void } = {},
  ): Promise<InstalledPack & { replaced: boolean }> {
    // Lazy, like reading the file: none of this is in the first load.
    const { bankFromPlan, bankId } = await import('../core/gift-bank');
    const id = bankId(choice.title);
    const old = (await this.#repo.list()).find((r) => r.id === id);
    const pack = bankFromPlan(plan, {
      ...choice,
      version: (old?.version ?? 0) + 1,
      bundled: mathsCourse.skills,
    });
    const now = this.#now();
    const r = await this.#repo.install(
      { id: pack.id, version: pack.version, pack, recordVersion: 2 },
      { now, ...(opts.beforeCommit ? { beforeCommit: opts.beforeCommit } : {}) },
    );
    return { ...describePack(pack, now, choice.lang), replaced: r === 'replaced' };
  }

  async packs(): Promise<ContentPack[]> {
    return (await this.#repo.list()).map((r) => r.pack as ContentPack);
  }

  async list(locale: Locale): Promise<InstalledPack[]> {
    return (await this.#repo.list()).map((r) => describePack(r.pack as ContentPack, r.importedAt, locale));
  }

  remove(id: string): Promise<void> {
    return this.#repo.remove(id);
  }

  async course(): Promise<LoadedCourse> {
    return courseWithPacks(await this.packs());
  }
}

function describePack(p: ContentPack, importedAt: number, locale: Locale): InstalledPack {
  return {
    id: p.id,
    version: p.version,
    title: packTitle(p, locale),
    skills: p.skills.length,
    items: p.skills.reduce((n, s) => n + s.items.length, 0),
    importedAt,
  };
}
