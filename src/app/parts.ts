/**
 * What the composition root (app/lantern.ts) builds once and hands to the app layer's services:
 * the database and its repositories, the model kinds, the model worker, the clock. The UI never
 * sees this object; it reaches the services through `Lantern`.
 */
import type { ModelCodecs } from '../core/model-codec';
import type { ItemGenerator, SkillGraph, SkillId } from '../core/types';
import type { LanternDB } from '../storage/db';
import type { Repositories } from '../storage/repository-set';
import type { KtClient } from './kt-client';

export interface AppParts {
  /** For the storage functions that work on the whole database (backups, the report, delete). */
  readonly db: LanternDB;
  readonly repos: Repositories;
  readonly models: ModelCodecs;
  readonly kt: KtClient | undefined;
  readonly appVersion: string;
  now(): number;
  /** The course's graph as of now (installed content packs change it). */
  graph(): SkillGraph;
  /** The course's item generators as of now (content packs' included), by skill. */
  generators(): ReadonlyMap<SkillId, ItemGenerator>;
  /** Stops the tutor's worker if one runs (before everything is deleted). */
  stopTutor(): void;
  /** Re-reads the installed content packs (another tab may have installed one); the new graph. */
  refreshCourse(): Promise<SkillGraph>;
}
