/**
 * The one way every learner model kind is saved and restored. A model that persists is a
 * `PersistentModel`: it names its `kind` and gives a plain-JSON `snapshot()`; the `ModelCodec` of
 * that kind creates a fresh one and restores one from a snapshot (validating it: a snapshot is
 * data read from storage or a file). `ModelCodecs` holds the kinds the app knows and is the only
 * place that clones a model or replays a history into one.
 *
 * Adding a model kind means adding one codec to the list the composition root builds
 * (app/models.ts): the session, storage and screens only ever see `PersistentModel` and
 * `ModelCodecs`.
 *
 * Stored snapshots carry their own format version. A snapshot with no `kind` field is an Elo
 * snapshot (the only kind before kinds were named), so rows written before this module exist
 * are read as they are.
 */
import { ValidationError } from './errors';
import type { Attempt, LearnerModel, SkillGraph } from './types';

/**
 * A stored snapshot in an older format of its kind that cannot be converted faithfully: the
 * caller rebuilds the model from the learner's attempts (app/models.ts `restoreOrReplay`).
 */
export class OutdatedSnapshotError extends ValidationError {
  constructor(
    readonly kind: string,
    readonly version: number,
  ) {
    super('error.modelVersion', { version: String(version) });
  }
}

export interface PersistentModel extends LearnerModel {
  /** The codec that saves and restores this model. */
  readonly kind: string;
  /** Plain JSON; the codec's `restore(graph, snapshot)` predicts exactly like this model. */
  snapshot(): unknown;
}

export interface ModelCodec {
  readonly kind: string;
  /** A model that has seen no attempt. */
  create(graph: SkillGraph): PersistentModel;
  /** @throws ValidationError for a snapshot this codec cannot read. */
  restore(graph: SkillGraph, snapshot: unknown): PersistentModel;
}

/** The kind a stored snapshot names (`kind` field), or the default kind when it names none. */
function kindOf(snapshot: unknown, fallback: string): string {
  if (snapshot !== null && typeof snapshot === 'object' && 'kind' in snapshot) {
    const k = snapshot.kind;
    if (typeof k === 'string') return k;
  }
  return fallback;
}

export class ModelCodecs {
  readonly #codecs: ReadonlyMap<string, ModelCodec>;
  /** The kind new learners get. */
  readonly defaultKind: string;

  constructor(codecs: readonly ModelCodec[], defaultKind = codecs[0]?.kind ?? '') {
    this.#codecs = new Map(codecs.map((c) => [c.kind, c]));
    if (!this.#codecs.has(defaultKind)) throw new Error(`no codec for the default kind ${defaultKind}`);
    this.defaultKind = defaultKind;
  }

  #codec(kind: string): ModelCodec {
    const c = this.#codecs.get(kind);
    if (!c) throw new ValidationError('error.modelKind', { kind });
    return c;
  }

  /** A fresh model of the default kind. */
  create(graph: SkillGraph): PersistentModel {
    return this.#codec(this.defaultKind).create(graph);
  }

  /** The model a stored snapshot describes; a fresh one when there is none yet. */
  restore(graph: SkillGraph, snapshot: unknown): PersistentModel {
    if (snapshot === undefined || snapshot === null) return this.create(graph);
    return this.#codec(kindOf(snapshot, this.defaultKind)).restore(graph, snapshot);
  }

  /** A deep copy (through the snapshot): updating it leaves the original untouched. */
  clone(graph: SkillGraph, model: PersistentModel): PersistentModel {
    return this.#codec(model.kind).restore(graph, model.snapshot());
  }

  /** A fresh model of the default kind with every attempt applied, oldest first. */
  replay(graph: SkillGraph, attempts: readonly Attempt[]): PersistentModel {
    const model = this.create(graph);
    for (const a of attempts) model.update(a);
    return model;
  }
}
