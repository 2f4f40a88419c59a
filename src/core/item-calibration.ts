/**
 * Item calibration (issue 12, deliverable 5): how hard each imported question turned out to be,
 * relative to the level it was placed at, estimated from the answers learners gave it.
 *
 * Model. The Elo path (elo.ts) predicts P(correct) = σ(θ − b_d) with one fixed offset b_d per
 * level. An imported question placed at level L may really sit at b_L + δ: δ is the item's
 * offset (logits, + = harder than placed). Every attempt records the prediction p the model made
 * *before* the answer, at the level the item was served at (d), so θ = logit(p) + b_d and
 *
 *     P(y = 1) = σ(o − c_g − δ),   o = logit(p) + b_d − b_L
 *
 * o is "what the model expected had the item been exactly at its placed level" (b_d − b_L is 0
 * unless the item was served at a calibrated level other than its placed one, so serving at the
 * calibrated level does not feed back into the estimate). c_g is a shift common to the group of
 * the item: its skill and placed level. Without it the estimate inherits every bias of the
 * predictions, and the simulation in the test shows two large ones: Elo's practice effect
 * (learnRight) over-predicts learners who are not learning, so every item leaned +0.5 logits
 * "harder"; and the policy serves level 1 to learners whose θ came out low and level 3 to those
 * whose θ came out high, so by regression to the mean level-1 items looked 0.4 easier and level-3
 * items 0.4 harder than they were. Both are common to a skill's level, so δ is measured against
 * the other items of the same skill and level (and generated items of that skill and level, at
 * δ = 0 by definition, anchor the shift when there are any). The price: a whole level placed
 * wrongly (all of a bank's short-answer questions easier than level 3) does not show as items
 * off their level; that is a question for the level offsets b_d, not for one item.
 * `shift: 'skill'` or `'none'` give the coarser choices.
 *
 * Estimator. (c, δ) is the maximum a posteriori estimate of that logistic (Rasch) model with the
 * learners' abilities taken from the Elo predictions as known offsets, a normal prior
 * δ ~ N(0, τ²) centred on "as placed" (τ = 1) and a weak one on c (SD 2). Why this and not a
 * running Elo update of δ:
 * - it is the same residual logic as Elo: the first Newton step from δ = 0 is
 *   δ₁ = −Σ(y − p) / (Σ p(1 − p) + 1/τ²), the logit-scale mean residual shrunk towards 0, and
 *   further steps only correct for the curvature of σ (which matters for lopsided items);
 * - it depends only on the set of answers, not their order (a sequential Elo step would give a
 *   different δ for the same answers merged from class files in another order);
 * - it gives a standard error: the posterior SD (Laplace, given c), se = 1/√(Σ σᵢ(1 − σᵢ) + 1/τ²);
 * - the prior makes few answers move δ little, and keeps δ finite for an item nobody (or
 *   everybody) gets right, where the plain maximum likelihood runs off to ±∞.
 *
 * How many answers are enough. An answer at p ≈ 0.7 carries information p(1 − p) ≈ 0.2, so se
 * falls to about 0.5 at 20 answers and 0.4 at 30: `minAnswers` = 20. Below that an item is
 * `too-few` and keeps its placed level, whatever δ says. From 20 answers a verdict needs both a
 * shift the policy cares about (|δ| ≥ `minShift` = 0.5 logits, against 0.9 between levels) and
 * evidence for it (|δ| / se ≥ `z` = 1.96). Measured in the test's simulation (with the level offsets
 * at ±1.3, before they became ±0.9; the test's thresholds hold at ±0.9) (adaptive serving,
 * items 1.25 logits off their level): 68 % found with 1 % false alarms at 30 answers an item,
 * 88 % with 2 % at 60. A false alarm moves an item a level and tells the teacher something
 * untrue, so z stays at 1.96 (1.64 finds 78 % at 30 answers with 8 % false alarms).
 * `nobody-right` needs 20 answers, none right, and at least `minExpectedRight` = 3 right answers
 * expected at the placed level (P(none | as placed) ≤ e^(−3) ≈ 5 %); the item keeps its placed
 * level (its key, not its level, needs fixing).
 *
 * Skipped attempts: those without a finite `predicted` (stored before version 0.3: no prediction
 * to compare with), whose key is not in `placed` (a deleted question: no level to compare with),
 * and, if `predictedBy` is given, those predicted by another model (a network that already
 * models items would leave residuals near 0). Attempts without a `questionKey` (generated items)
 * only anchor their group's shift. A prediction of exactly 0 or 1 is clamped to [0.001, 0.999]
 * (±6.9 logits) so one overconfident prediction cannot dominate.
 *
 * Repeated answers. Several attempts by the same learner on the same item all count (`repeats`:
 * 'all'), each as one answer. They are not independent: a learner who saw the feedback may
 * remember the answer, which the skill-level prediction does not know, so an item repeated more
 * than its group leans *easier*, and se is optimistic. (A memory effect common to the group is
 * absorbed by c_g: in the simulation, a +1.5 logit boost on every repeat left as-placed items at
 * a mean offset of 0.00.) `repeats: 'first'` keeps only each learner's first answer on each
 * item (earliest timestamp, then attempt id) when that matters more than the count.
 *
 * Outcome: 1 for a right answer, reduced for hints as Elo counts it (elo.ts `outcome`), 0 for a
 * wrong one or a shown solution; partial credit (`score`) is not used, as for the models.
 *
 * Another source. The knowledge-tracing network can learn its own per-item bias (itemBuckets > 0,
 * none in the shipped base model). It feeds the same place: {@link calibrationFrom} with
 * `source: 'network'` and its per-item estimates gives the same verdicts and levels, and
 * {@link effectiveLevel} reads either.
 */
import { DEFAULT_ELO_PARAMS } from './elo';
import type { Difficulty, LearnerId, Message, SkillId } from './types';

/** What calibration reads from an attempt; `Attempt` (types.ts) satisfies it. */
export interface CalibrationAttempt {
  readonly id?: string;
  readonly learnerId: LearnerId;
  readonly skillId: SkillId;
  /** The level the item was served at. */
  readonly difficulty: Difficulty;
  readonly correct: boolean;
  readonly hintsUsed?: number;
  readonly solutionShown?: boolean;
  readonly timestamp: number;
  /** P(correct) the learner model gave before the answer. */
  readonly predicted?: number;
  readonly predictedBy?: string;
  /** The imported question's stable key (gift.ts `ImportedQuestion.key`). */
  readonly questionKey?: string;
  /** Partial credit (not used here: see the file comment). */
  readonly score?: number;
}

export type CalibrationSource = 'elo' | 'network';
export type CalibrationVerdict = 'as-placed' | 'easier' | 'harder' | 'nobody-right' | 'too-few';

/** One item's estimate, whoever made it. */
export interface ItemEstimate {
  readonly key: string;
  /** Answers that went into the estimate. */
  readonly answers: number;
  /** Of which right. */
  readonly right: number;
  /** Logits relative to the placed level; + = harder than placed. */
  readonly offset: number;
  /** Standard error of `offset` (posterior SD). */
  readonly se: number;
  /** Right answers the model expected had the item been exactly at its placed level. */
  readonly expectedRight: number;
}

export interface CalibratedItem extends ItemEstimate {
  readonly placedLevel: Difficulty;
  /** The level whose offset is nearest to b(placed) + offset once judged; else the placed level. */
  readonly calibratedLevel: Difficulty;
  readonly verdict: CalibrationVerdict;
}

export interface ItemCalibration {
  readonly source: CalibrationSource;
  readonly items: ReadonlyMap<string, CalibratedItem>;
  readonly options: CalibrationOptions;
}

export interface CalibrationOptions {
  /** Prior SD τ of an item's offset, logits. */
  readonly priorSd: number;
  /**
   * What items are measured against (see the file comment): the other items of their skill at
   * their placed level ('level', the default), of their skill ('skill'), or the raw predictions
   * ('none').
   */
  readonly shift: 'level' | 'skill' | 'none';
  /** Prior SD of a group's common shift, logits. */
  readonly shiftPriorSd: number;
  /** Answers before an item is judged. */
  readonly minAnswers: number;
  /** Smallest |offset| reported as easier / harder, logits. */
  readonly minShift: number;
  /** |offset| / se needed for easier / harder. */
  readonly z: number;
  /** Right answers the model must have expected before "none right" points to a wrong key. */
  readonly minExpectedRight: number;
  readonly repeats: 'all' | 'first';
  /** Only predictions by these models count (`predictedBy`; a missing one counts as 'elo'). */
  readonly predictedBy?: readonly string[];
  /** Level offsets b_d (elo.ts). */
  readonly levels: Readonly<Record<Difficulty, number>>;
  readonly hintPenalty: number;
  readonly hintFloor: number;
}

export const DEFAULT_CALIBRATION_OPTIONS: CalibrationOptions = Object.freeze({
  priorSd: 1,
  shift: 'level',
  shiftPriorSd: 2,
  minAnswers: 20,
  minShift: 0.5,
  z: 1.96,
  minExpectedRight: 3,
  repeats: 'all',
  levels: DEFAULT_ELO_PARAMS.difficulty,
  hintPenalty: DEFAULT_ELO_PARAMS.hintPenalty,
  hintFloor: DEFAULT_ELO_PARAMS.hintFloor,
});

const LEVELS: readonly Difficulty[] = [1, 2, 3];
const P_MIN = 0.001;
const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const logit = (p: number): number => Math.log(p / (1 - p));

/**
 * Estimate every placed item's offset from the attempts carrying its `questionKey` (any learners:
 * the device's own and those merged from class files), with the Elo predictions as the learners'
 * abilities. Items in `placed` with no usable attempt come out `too-few` with 0 answers.
 */
export function calibrateItems(
  attempts: readonly CalibrationAttempt[],
  placed: ReadonlyMap<string, Difficulty>,
  options: Partial<CalibrationOptions> = {},
): ItemCalibration {
  const opts = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  const usable = attempts
    .filter(
      (a) =>
        typeof a.predicted === 'number' &&
        Number.isFinite(a.predicted) &&
        (a.questionKey === undefined || placed.has(a.questionKey)) &&
        (!opts.predictedBy || opts.predictedBy.includes(a.predictedBy ?? 'elo')),
    )
    .sort(byTimeThenId);
  const seen = new Set<string>();
  const rows: Row[] = [];
  for (const a of usable) {
    const key = a.questionKey;
    const level = key === undefined ? a.difficulty : (placed.get(key) as Difficulty);
    if (key !== undefined && opts.repeats === 'first') {
      const pair = `${a.learnerId}\u0000${key}`;
      if (seen.has(pair)) continue;
      seen.add(pair);
    }
    const p = Math.min(1 - P_MIN, Math.max(P_MIN, a.predicted as number));
    rows.push({
      group: opts.shift === 'none' ? '' : opts.shift === 'skill' ? a.skillId : `${a.skillId}\u0000${level}`,
      key,
      o: logit(p) + opts.levels[a.difficulty] - opts.levels[level],
      y: outcome(a, opts),
      right: a.correct,
    });
  }
  // Generated items only matter as anchors of a group holding an imported one.
  const withItems = new Set(rows.filter((r) => r.key !== undefined).map((r) => r.group));
  const kept = rows.filter((r) => r.key !== undefined || (opts.shift !== 'none' && withItems.has(r.group)));
  return calibrationFrom('elo', fitOffsets(kept, [...placed.keys()], opts), placed, opts);
}

/** One usable answer: its group, its item (undefined: a generated item, at its level by definition). */
interface Row {
  /** Its shift group (skill and placed level, by default). */
  readonly group: string;
  readonly key: string | undefined;
  /** logit of the prediction, moved to the item's placed level. */
  readonly o: number;
  readonly y: number;
  readonly right: boolean;
}

/**
 * Joint MAP of the group shifts c_g and item offsets δ_i in y ~ Bernoulli(σ(o − c_g − δ_i)),
 * δ_i ~ N(0, τ²), c_g ~ N(0, `shiftPriorSd`²), by block coordinate ascent with one Newton step
 * per block (the log posterior is jointly concave, so this converges; steps are capped at one
 * logit for safety far from the top). With `shift: 'none'`, c = 0.
 */
function fitOffsets(rows: readonly Row[], keys: readonly string[], o: CalibrationOptions): ItemEstimate[] {
  const groupOf = new Map<string, number[]>();
  const itemOf = new Map<string, number[]>(keys.map((k) => [k, []]));
  rows.forEach((r, i) => {
    if (o.shift !== 'none') {
      let list = groupOf.get(r.group);
      if (!list) groupOf.set(r.group, (list = []));
      list.push(i);
    }
    if (r.key !== undefined) itemOf.get(r.key)?.push(i);
  });
  const shift = new Map<string, number>();
  const offset = new Map<string, number>(keys.map((k) => [k, 0]));
  const eta = (r: Row): number =>
    r.o - (shift.get(r.group) ?? 0) - (r.key === undefined ? 0 : (offset.get(r.key) ?? 0));
  const newton = (value: number, sd: number, members: readonly number[]): number => {
    let grad = -value / (sd * sd);
    let info = 1 / (sd * sd);
    for (const i of members) {
      const r = rows[i] as Row;
      const q = sigmoid(eta(r));
      grad -= r.y - q;
      info += q * (1 - q);
    }
    return Math.max(-1, Math.min(1, grad / info));
  };
  for (let iter = 0; iter < 1000; iter++) {
    let largest = 0;
    for (const [g, members] of groupOf) {
      const step = newton(shift.get(g) ?? 0, o.shiftPriorSd, members);
      shift.set(g, (shift.get(g) ?? 0) + step);
      largest = Math.max(largest, Math.abs(step));
    }
    for (const [k, members] of itemOf) {
      const step = newton(offset.get(k) ?? 0, o.priorSd, members);
      offset.set(k, (offset.get(k) ?? 0) + step);
      largest = Math.max(largest, Math.abs(step));
    }
    if (largest < 1e-9) break;
  }
  return keys.map((key) => {
    const members = itemOf.get(key) ?? [];
    let info = 1 / (o.priorSd * o.priorSd);
    let expectedRight = 0;
    let right = 0;
    for (const i of members) {
      const r = rows[i] as Row;
      const q = sigmoid(eta(r));
      info += q * (1 - q);
      expectedRight += sigmoid(r.o - (shift.get(r.group) ?? 0));
      if (r.right) right += 1;
    }
    return {
      key,
      answers: members.length,
      right,
      offset: offset.get(key) ?? 0,
      se: 1 / Math.sqrt(info),
      expectedRight,
    };
  });
}

/**
 * Judge per-item estimates from any source (the Elo path above, or later the network's per-item
 * bias): verdicts and calibrated levels by the same rules. Estimates for keys not in `placed`
 * are ignored.
 */
export function calibrationFrom(
  source: CalibrationSource,
  estimates: Iterable<ItemEstimate>,
  placed: ReadonlyMap<string, Difficulty>,
  options: Partial<CalibrationOptions> = {},
): ItemCalibration {
  const opts = { ...DEFAULT_CALIBRATION_OPTIONS, ...options };
  const items = new Map<string, CalibratedItem>();
  for (const e of estimates) {
    const placedLevel = placed.get(e.key);
    if (placedLevel === undefined) continue;
    const verdict = judge(e, opts);
    const moved = verdict === 'easier' || verdict === 'harder';
    items.set(e.key, {
      ...e,
      placedLevel,
      verdict,
      calibratedLevel: moved ? nearestLevel(opts.levels[placedLevel] + e.offset, opts.levels) : placedLevel,
    });
  }
  return { source, items, options: opts };
}

/**
 * The level the generator should serve an imported question at: its calibrated level once the
 * data says it is easier or harder, else `placedLevel`. An unknown key, or a calibration made
 * while the item sat at another level (the teacher re-placed it since), gives `placedLevel`: the
 * teacher's newer decision stands until the next calibration, which is cheap to recompute.
 */
export function effectiveLevel(
  key: string,
  placedLevel: Difficulty,
  calibration: ItemCalibration,
): Difficulty {
  const item = calibration.items.get(key);
  if (!item || item.placedLevel !== placedLevel) return placedLevel;
  return item.calibratedLevel;
}

function judge(e: ItemEstimate, o: CalibrationOptions): CalibrationVerdict {
  if (e.answers < o.minAnswers) return 'too-few';
  if (e.right === 0 && e.expectedRight >= o.minExpectedRight) return 'nobody-right';
  if (Math.abs(e.offset) >= o.minShift && Math.abs(e.offset) >= o.z * e.se) {
    return e.offset > 0 ? 'harder' : 'easier';
  }
  return 'as-placed';
}

function nearestLevel(b: number, levels: Readonly<Record<Difficulty, number>>): Difficulty {
  let best: Difficulty = 1;
  for (const d of LEVELS) if (Math.abs(levels[d] - b) < Math.abs(levels[best] - b)) best = d;
  return best;
}

function outcome(a: CalibrationAttempt, o: CalibrationOptions): number {
  if (a.solutionShown || !a.correct) return 0;
  const h = Math.max(0, a.hintsUsed ?? 0);
  return h === 0 ? 1 : Math.max(o.hintFloor, 1 - o.hintPenalty * h);
}

function byTimeThenId(a: CalibrationAttempt, b: CalibrationAttempt): number {
  return (
    a.timestamp - b.timestamp ||
    (a.id ?? '').localeCompare(b.id ?? '') ||
    a.learnerId.localeCompare(b.learnerId)
  );
}

// ---------------------------------------------------------------------------------------------
// The teacher's summary

export interface CalibrationReportLine {
  readonly key: string;
  readonly verdict: 'easier' | 'harder' | 'nobody-right';
  /** How sure, in [0.5, 1]: P(offset has this sign) for easier / harder; 1 − P(none right) for nobody-right. */
  readonly sure: number;
  readonly message: Message;
}

export interface CalibrationReport {
  readonly easier: readonly CalibrationReportLine[];
  readonly harder: readonly CalibrationReportLine[];
  readonly nobodyRight: readonly CalibrationReportLine[];
  /** One sentence: counts per verdict, or that no item has enough answers yet. */
  readonly summary: Message;
}

/**
 * What a teacher sees: items easier / harder than placed and items nobody gets right (likely a
 * wrong key), each list sorted surest first (ties by name). `names` gives a question's display
 * name (its `::name::` or the start of its text); the key stands in for a missing one.
 */
export function calibrationReport(
  calibration: ItemCalibration,
  names: ReadonlyMap<string, string>,
): CalibrationReport {
  const easier: CalibrationReportLine[] = [];
  const harder: CalibrationReportLine[] = [];
  const nobodyRight: CalibrationReportLine[] = [];
  const counts = { judged: 0, tooFew: 0 };
  for (const item of calibration.items.values()) {
    if (item.verdict === 'too-few') counts.tooFew += 1;
    else counts.judged += 1;
    const name = names.get(item.key) ?? item.key;
    const base = { name, answers: item.answers, right: item.right, placed: item.placedLevel };
    if (item.verdict === 'easier' || item.verdict === 'harder') {
      const sure = normalCdf(Math.abs(item.offset) / item.se);
      const moved = item.calibratedLevel !== item.placedLevel;
      const line: CalibrationReportLine = {
        key: item.key,
        verdict: item.verdict,
        sure,
        message: {
          key: `calibration.${item.verdict}.${moved ? 'moved' : 'kept'}`,
          params: { ...base, level: item.calibratedLevel, sure: Math.floor(sure * 100) },
        },
      };
      (item.verdict === 'easier' ? easier : harder).push(line);
    } else if (item.verdict === 'nobody-right') {
      // P(no right answer | as placed) ≤ e^(−expected right); its complement is how sure.
      const sure = 1 - Math.exp(-item.expectedRight);
      nobodyRight.push({
        key: item.key,
        verdict: 'nobody-right',
        sure,
        message: {
          key: 'calibration.nobodyRight',
          params: { ...base, expected: Math.round(item.expectedRight) },
        },
      });
    }
  }
  const order = (a: CalibrationReportLine, b: CalibrationReportLine): number =>
    b.sure - a.sure || String(a.message.params?.name).localeCompare(String(b.message.params?.name));
  const summary: Message =
    counts.judged === 0
      ? { key: 'calibration.summary.none', params: { min: calibration.options.minAnswers } }
      : {
          key: 'calibration.summary',
          params: {
            judged: counts.judged,
            easier: easier.length,
            harder: harder.length,
            nobody: nobodyRight.length,
            tooFew: counts.tooFew,
          },
        };
  return {
    easier: easier.sort(order),
    harder: harder.sort(order),
    nobodyRight: nobodyRight.sort(order),
    summary,
  };
}

/** Φ(x), the standard normal CDF (Abramowitz & Stegun 7.1.26 for erf, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
