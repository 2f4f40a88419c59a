/**
 * Shared domain types. Pure data: everything here must survive structuredClone
 * (IndexedDB, postMessage) and JSON.
 */

import type { Locale } from './i18n';
import type { QuestionAnswer } from './question';

export type SkillId = string;
export type LearnerId = string;

/** Difficulty levels every generator supports. */
export type Difficulty = 1 | 2 | 3;
export const DIFFICULTIES: readonly Difficulty[] = [1, 2, 3];

/** A message to be rendered through the i18n layer: a catalogue key plus parameters. */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface Skill {
  readonly id: SkillId;
  /** i18n key of the skill's display name. */
  readonly nameKey: string;
  /** Skills that must be mastered before this one is preferred. */
  readonly prerequisites: readonly SkillId[];
  /** Strand, e.g. "number", "fractions", "algebra". Used for grouping on the map. */
  readonly strand: string;
  /** Rough school-year band (1 = earliest); used for layout and cold-start priors. */
  readonly band: number;
}

export interface SkillGraph {
  readonly skills: readonly Skill[];
  readonly byId: ReadonlyMap<SkillId, Skill>;
  /** Skills in a topological order (prerequisites first). */
  readonly order: readonly SkillId[];
}

/**
 * The form an answer must be written in, as the question asks for it. An answer of the right
 * value in another form ("8/36" for "write 8/36 in its simplest form") is never "correct": the
 * learner is told the form and may retry (`core/answer.ts`).
 * - `whole`: a whole number ("12"), not "24/2" or "12.0";
 * - `decimal`: a decimal numeral ("0.75"), not "3/4" or "75%";
 * - `percentage`: a number of per cent ("75" or "75%"), the value read in per cent;
 * - `simplest`: a fraction in lowest terms ("2/9", "13/12") or a mixed number whose fraction is
 *   proper and in lowest terms ("1 1/12"), or a whole number when the value is whole;
 * - `improper`: a fraction with no whole part ("23/8", not "2 7/8").
 */
export type AnswerForm = 'whole' | 'decimal' | 'percentage' | 'simplest' | 'improper';

/**
 * The expected answer of an item, tagged by answer type. `form` defaults to `whole` for
 * integers, `decimal` for decimals and `simplest` for fractions (content packs stored before
 * forms existed carry none).
 */
export type ExpectedAnswer =
  | { readonly kind: 'integer'; readonly value: number; readonly form?: 'whole' | 'percentage' }
  | {
      readonly kind: 'decimal';
      readonly value: number;
      readonly tolerance: number;
      readonly form?: 'decimal' | 'percentage';
    }
  | {
      readonly kind: 'fraction';
      readonly numerator: number;
      readonly denominator: number;
      readonly form?: 'simplest' | 'improper';
    }
  | {
      readonly kind: 'choice';
      /** Choices as display strings (already formatted; numbers/expressions, not prose). */
      readonly choices: readonly string[];
      readonly correctIndex: number;
    };

export type AnswerKind = ExpectedAnswer['kind'];

/**
 * What an item expects: a generated item's `ExpectedAnswer`, or an imported question's
 * `QuestionAnswer` (core/question.ts: choices with credit, short text, numbers with tolerance,
 * matching). Their `kind`s never overlap; core/item-answer.ts checks and formats both.
 */
export type ItemAnswer = ExpectedAnswer | QuestionAnswer;

/** A generated practice item. Regenerable exactly from (skillId, difficulty, seed). */
export interface Item {
  /** `${skillId}~${difficulty}~${seed}` — see core/items.ts. */
  readonly id: string;
  readonly skillId: SkillId;
  readonly difficulty: Difficulty;
  readonly seed: number;
  /** The generator's numeric parameters, recorded with each attempt. */
  readonly params: Readonly<Record<string, number>>;
  readonly prompt: Message;
  /** Optional maths expression shown large under the prompt, e.g. "37 + 48 = ?". Language-neutral. */
  readonly expression?: string;
  readonly answer: ItemAnswer;
  readonly hint: Message;
  /** Worked solution, one message per step. */
  readonly solution: readonly Message[];
  /** An imported question's stable id (from its content; core/gift.ts), recorded with each attempt. */
  readonly questionKey?: string;
  /** An imported question's general feedback, shown after any answer. */
  readonly explanation?: Message;
  /** The one language an imported bank is written in (shown so in both interfaces, marked). */
  readonly lang?: Locale;
}

/** A generator makes items for one skill. Must be deterministic in (difficulty, rng). */
export interface ItemGenerator {
  readonly skillId: SkillId;
  generate(difficulty: Difficulty, rng: Rng): Omit<Item, 'id' | 'skillId' | 'difficulty' | 'seed'>;
}

/** Injected randomness: returns a float in [0, 1). */
export type Rng = () => number;

/**
 * `malformed`: not a readable answer; `form`: the right value written in another form than the
 * question asks for. Neither is recorded: the learner is told why and may retry.
 */
export type CheckStatus = 'correct' | 'incorrect' | 'malformed' | 'form';
export interface CheckResult {
  readonly status: CheckStatus;
  /** For 'malformed' and 'form': i18n key saying what is wrong and what is expected. */
  readonly message?: Message;
}

/** One answered item, as persisted. Every field is plain data. */
export interface Attempt {
  /** Stable unique id (survives export/import merges). */
  readonly id: string;
  readonly learnerId: LearnerId;
  readonly itemId: string;
  readonly skillId: SkillId;
  readonly difficulty: Difficulty;
  readonly seed: number;
  readonly params: Readonly<Record<string, number>>;
  /** The raw answer as typed/chosen. */
  readonly answer: string;
  readonly correct: boolean;
  readonly responseMs: number;
  readonly hintsUsed: number;
  readonly solutionShown: boolean;
  /** Epoch ms. */
  readonly timestamp: number;
  readonly appVersion: string;
  /**
   * P(correct) the learner model gave this item before it was answered, and which model gave
   * it (e.g. "elo", "kt-personal"): the honest record of how well the model predicts. Absent
   * on attempts stored before version 0.3.
   */
  readonly predicted?: number;
  readonly predictedBy?: string;
  /**
   * Credit in (0, 1) of an imported question answered with partial credit (issue 12). `correct`
   * is full credit only; absent when the answer was simply right or wrong.
   */
  readonly score?: number;
  /** The imported question's stable id (core/gift.ts), so its history survives a re-import. */
  readonly questionKey?: string;
}

/** Per-skill practice summary; kept incrementally so selection is O(skills), not O(attempts). */
export interface SkillPractice {
  readonly attempts: number;
  readonly correct: number;
  /** Epoch ms of the last attempt on this skill. */
  readonly lastPracticed: number;
}
export type PracticeSummary = ReadonlyMap<SkillId, SkillPractice>;

/** What a learner model knows about one skill, for the selection policy and the screens. */
export interface SkillEvidence {
  /** P(correct) at the hardest level, as shown at the last practice (no forgetting). */
  readonly mastery: number;
  /** The mastered flag (with hysteresis: forgetting alone never clears it). */
  readonly mastered: boolean;
  /** Predicted recall now, 1 right after practice; undefined for a skill with no evidence. */
  readonly recall: number | undefined;
  /** Attempts on the skill. */
  readonly attempts: number;
  /** Wrong answers in a row on the skill. */
  readonly wrongRun: number;
  /**
   * True for a skill never answered that the model already credits from a harder skill answered
   * right (the placement check's rule, elo.ts); a model without such a rule leaves it out. The
   * policy confirms such a skill at the hardest level; any other skill never answered starts at
   * the easiest (selection.ts).
   */
  readonly credited?: boolean;
}

/**
 * The seam every learner model plugs into (Elo today, tfjs knowledge tracing later).
 * Nothing in the UI or the selection policy may depend on which model is behind it.
 */
export interface LearnerModel {
  /** Short identifier for display/diagnostics, e.g. "elo" or "kt-gru". */
  readonly name: string;
  /** Predicted probability that the learner answers an item of this skill/difficulty correctly now. */
  predict(item: { readonly skillId: SkillId; readonly difficulty: Difficulty }, now: number): number;
  /** Estimated mastery of a skill in [0, 1]: P(correct) at the hardest level, as last shown. */
  mastery(skillId: SkillId): number;
  /** Whether the skill counts as mastered (what unlocks dependants and shows a star). */
  mastered(skillId: SkillId): boolean;
  /** Everything the policy reads about one skill at `now`. */
  evidence(skillId: SkillId, now: number): SkillEvidence;
  /** Incorporate one attempt (called in timestamp order). */
  update(attempt: Attempt): void;
}

/**
 * Why an item was chosen. Each is a decision the policy actually took (selection.ts):
 * `placement` a question of the placement check; `new` a skill never practised; `continue` more
 * of a skill being learned; `confirm` a harder item to confirm mastery; `easier` an easier level
 * after mistakes; `prerequisite` a step back to what a skill builds on after mistakes on it;
 * `review` recall has fallen; `practice` extra practice of a mastered skill; `focus` the teacher's
 * focus (or what prepares for it).
 */
export type SelectionReason =
  'placement' | 'new' | 'continue' | 'confirm' | 'easier' | 'prerequisite' | 'review' | 'practice' | 'focus';

/** What the selection policy decided, and why (shown to learners and teachers). */
export interface Selection {
  readonly skillId: SkillId;
  readonly difficulty: Difficulty;
  readonly predicted: number;
  readonly reason: SelectionReason;
  /** With reason 'focus': the teacher's focus skill this one prepares for, when it is not itself the focus. */
  readonly focusFor?: SkillId;
  /** With reason 'focus': 'learner' when the focus is the learner's own goal (else the teacher's). */
  readonly focusBy?: 'learner';
  /** With reason 'review': the predicted recall that made it due, in [0, 1]. */
  readonly recall?: number;
  /** With reason 'prerequisite': the skill the learner kept getting wrong. */
  readonly stepFrom?: SkillId;
  /** With reason 'placement': which question of the check this is (1-based) and the most there can be. */
  readonly placement?: { readonly index: number; readonly max: number };
}
