/**
 * `npm run learn:memory -- [--limit N] [--bench LEARNERS] [--json]`
 *
 * The Elo model's memory (the stability S and the recall R = (1 + Δt/(9S))⁻¹ that schedules
 * reviews and decays predictions, core/elo.ts) against real forgetting: the FSRS author's Anki
 * review log (../shared/datasets/fsrs-review-fixture/seq2seq.tsv, 9,161 cards, README there).
 *
 * Replay: each card is one skill of a fresh `EloModel` (the app's code, not a copy). Its reviews
 * are attempts at the days they happened (the first at day 0), right when the card was recalled
 * (Anki rating above "Again"); before each review after the first, the model's `recall` is the
 * prediction and the outcome the label. Only the memory parameters matter here (`s0`,
 * `gainSame`, `gainSpaced`, `spacing`, `lapse`): θ does not enter recall.
 *
 * Cards with an even index are fitted on, odd ones held out. The fit is a coordinate search on
 * log-parameters minimising the log loss. Reported for the shipped parameters and the fit:
 * log loss, ECE (10 bins), AUC and the mean predicted against observed recall, on both halves.
 *
 * `--bench LEARNERS` then runs the learning bench's shipped policy with the fitted memory (all five
 * parameters, and the growth alone: `gainSpaced`, `spacing`, `lapse`) against the shipped one, on
 * LEARNERS learners × seeds 1–3 × both families, compared per learner (run.ts `pairedLogRatio`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_ELO_PARAMS, EloModel, type EloParams } from '../../src/core/elo';
import { buildGraph } from '../../src/core/graph';
import type { Attempt } from '../../src/core/types';
import { mathsGraph } from '../../src/content/maths/index';
import { calibrationReport, DATASET_DIR, type CalibrationReport, type Prediction } from './calibration';
import { FAMILIES, type FamilyName } from './families';
import { pairedLogRatio, runLanternVariants, summarise, type PolicyMetrics } from './run';

export const REVIEW_LOG = `${DATASET_DIR}fsrs-review-fixture/seq2seq.tsv`;
const DAY = 86_400_000;
const T0 = Date.UTC(2020, 0, 1);

/** One card: the day of each review (the first at 0) and whether it was recalled. */
export interface Card {
  readonly days: readonly number[];
  readonly recalled: readonly boolean[];
}

/**
 * Parses seq2seq.tsv: `t_history` (days before each review, from 0), `r_history` (ratings, 1 =
 * Again), `delta_ts` (days to the next review), `ys` (recalled at it). A card's reviews are those
 * of `t_history` and one more, `delta_ts`'s last after the last; review k + 1 was recalled when
 * `ys[k]` is 1. The first review's own rating is the card's introduction, not a recall.
 */
export function parseReviewLog(text: string): Card[] {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]?.split('\t') ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`the review log has no ${name} column`);
    return i;
  };
  const [ct, cd, cy] = [col('t_history'), col('delta_ts'), col('ys')];
  const nums = (s: string | undefined, line: number): number[] => {
    const xs = (s ?? '').split(',').map(Number);
    if (xs.some((x) => !Number.isFinite(x) || x < 0)) {
      throw new Error(`line ${line}: not a list of days: ${s}`);
    }
    return xs;
  };
  return lines.slice(1).map((l, i) => {
    const f = l.split('\t');
    const t = nums(f[ct], i + 2);
    const d = nums(f[cd], i + 2);
    const y = nums(f[cy], i + 2);
    if (d.length !== t.length || y.length !== t.length) {
      throw new Error(`line ${i + 2}: t_history, delta_ts and ys differ in length`);
    }
    const days = [0];
    for (const dt of d) days.push(days[days.length - 1]! + dt);
    return { days, recalled: [true, ...y.map((v) => v === 1)] };
  });
}

/** The model's recall before each review after the first, over `cards`. */
export function replayRecall(cards: readonly Card[], params: Partial<EloParams>): Prediction[] {
  const graph = buildGraph([
    { id: 'card', nameKey: 'skill.card.name', prerequisites: [], strand: 'review', band: 1 },
  ]);
  const out: Prediction[] = [];
  for (const card of cards) {
    const model = new EloModel(graph, params);
    card.days.forEach((day, k) => {
      const t = T0 + day * DAY;
      if (k > 0) out.push({ predicted: model.recall('card', t)!, correct: card.recalled[k]! });
      const attempt: Attempt = {
        id: `r${k}`,
        learnerId: 'anki',
        itemId: `card~2~${k}`,
        skillId: 'card',
        difficulty: 2,
        seed: k,
        params: {},
        answer: '',
        correct: card.recalled[k]!,
        responseMs: 0,
        hintsUsed: 0,
        solutionShown: false,
        timestamp: t,
        appVersion: 'review-log',
      };
      model.update(attempt);
    });
  }
  return out;
}

export const MEMORY_PARAMS = ['s0', 'gainSame', 'gainSpaced', 'spacing', 'lapse'] as const;
export type MemoryParams = Pick<EloParams, (typeof MEMORY_PARAMS)[number]>;

export const shippedMemory = (): MemoryParams =>
  Object.fromEntries(MEMORY_PARAMS.map((k) => [k, DEFAULT_ELO_PARAMS[k]])) as unknown as MemoryParams;

const loss = (cards: readonly Card[], p: MemoryParams): number =>
  calibrationReport(replayRecall(cards, p)).logLoss;

/**
 * Coordinate search on log-parameters: each parameter in turn is multiplied or divided by a step
 * while that lowers the log loss; the step shrinks from ×2 to ×1.02. `lapse` stays below 1.
 */
export function fitMemory(cards: readonly Card[], start: MemoryParams = shippedMemory()): MemoryParams {
  let best = { ...start };
  let bestLoss = loss(cards, best);
  for (let step = 2; step > 1.02; step = Math.sqrt(step)) {
    let moved = true;
    while (moved) {
      moved = false;
      for (const k of MEMORY_PARAMS) {
        for (const f of [step, 1 / step]) {
          const v = best[k] * f;
          if (k === 'lapse' && v >= 1) continue;
          const cand = { ...best, [k]: v };
          const l = loss(cards, cand);
          if (l < bestLoss - 1e-7) {
            best = cand;
            bestLoss = l;
            moved = true;
          }
        }
      }
    }
  }
  return best;
}

export interface MemoryFit {
  readonly cards: number;
  readonly shipped: MemoryParams;
  readonly fitted: MemoryParams;
  readonly report: Record<'shipped' | 'fitted', Record<'fit' | 'heldOut', CalibrationReport>>;
}

export function runMemoryFit(cards: readonly Card[]): MemoryFit {
  const fitCards = cards.filter((_, i) => i % 2 === 0);
  const heldOut = cards.filter((_, i) => i % 2 === 1);
  const shipped = shippedMemory();
  const fitted = fitMemory(fitCards, shipped);
  const both = (p: MemoryParams) => ({
    fit: calibrationReport(replayRecall(fitCards, p)),
    heldOut: calibrationReport(replayRecall(heldOut, p)),
  });
  return { cards: cards.length, shipped, fitted, report: { shipped: both(shipped), fitted: both(fitted) } };
}

export interface MemoryBenchRow {
  readonly family: FamilyName;
  readonly seed: number;
  readonly variant: 'shipped' | 'fitted' | 'growth';
  readonly metrics: PolicyMetrics;
  readonly paired: { readonly mean: number; readonly half: number; readonly n: number };
}

/** The shipped policy with the fitted memory, against the shipped memory, per learner. */
export function memoryBench(fitted: MemoryParams, learners: number, seeds = [1, 2, 3]): MemoryBenchRow[] {
  const variants = {
    shipped: {},
    fitted,
    growth: { gainSpaced: fitted.gainSpaced, spacing: fitted.spacing, lapse: fitted.lapse },
  } as const;
  const rows: MemoryBenchRow[] = [];
  for (const family of FAMILIES) {
    for (const seed of seeds) {
      const run = (elo: Partial<EloParams>) =>
        runLanternVariants(family, mathsGraph, seed, learners, { elo });
      const base = run(variants.shipped);
      for (const variant of ['shipped', 'fitted', 'growth'] as const) {
        const rs = variant === 'shipped' ? base : run(variants[variant]);
        rows.push({
          family,
          seed,
          variant,
          metrics: summarise(family, seed, 'lantern-elo', rs),
          paired: pairedLogRatio(base, rs),
        });
      }
    }
  }
  return rows;
}

function main(argv: readonly string[]): void {
  if (!existsSync(REVIEW_LOG)) {
    console.error(`learn:memory needs the review log: ${REVIEW_LOG} not found (../shared/datasets)`);
    process.exitCode = 1;
    return;
  }
  const i = argv.indexOf('--limit');
  const limit = i >= 0 ? Number(argv[i + 1]) : Infinity;
  if (!(limit > 0)) throw new Error('--limit needs a positive number of cards');
  const b = argv.indexOf('--bench');
  const learners = b >= 0 ? Number(argv[b + 1]) : 0;
  if (b >= 0 && !(Number.isInteger(learners) && learners > 0)) {
    throw new Error('--bench needs a positive whole number of learners');
  }
  const cards = parseReviewLog(readFileSync(REVIEW_LOG, 'utf8')).slice(0, limit);
  const started = performance.now();
  const res = runMemoryFit(cards);
  const bench = learners > 0 ? memoryBench(res.fitted, learners) : [];
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ ...res, bench }));
    return;
  }
  const fmt = (p: MemoryParams) => MEMORY_PARAMS.map((k) => `${k} ${p[k].toPrecision(3)}`).join(', ');
  console.log(`${res.cards} cards; fitted on the even ones, held out the odd ones`);
  console.log(`shipped: ${fmt(res.shipped)}\nfitted:  ${fmt(res.fitted)}`);
  console.log('params  | half     | reviews | log loss | ECE    | AUC   | predicted | recalled');
  for (const which of ['shipped', 'fitted'] as const) {
    for (const half of ['fit', 'heldOut'] as const) {
      const r = res.report[which][half];
      console.log(
        `${which.padEnd(7)} | ${half.padEnd(8)} | ${String(r.n).padStart(7)} | ${r.logLoss.toFixed(4)}   |` +
          ` ${r.ece?.toFixed(4) ?? '–'} | ${r.auc.toFixed(3)} | ${r.meanPredicted.toFixed(3)}     | ${r.observed.toFixed(3)}`,
      );
    }
  }
  if (bench.length > 0) {
    console.log(
      `\nthe learning bench, ${learners} learners per family and seed, per learner against shipped:`,
    );
    console.log('family | seed | memory  | answers | vs shipped      | post@600 | +30 d  | ECE');
    for (const r of bench) {
      const m = r.metrics;
      const vs =
        r.variant === 'shipped'
          ? '–'
          : `${(100 * r.paired.mean).toFixed(1)} % ± ${(100 * r.paired.half).toFixed(1)}`;
      console.log(
        `${r.family.padEnd(6)} | ${r.seed}    | ${r.variant.padEnd(7)} | ${String(m.medianToMastery ?? 'never').padStart(7)} |` +
          ` ${vs.padEnd(15)} | ${(100 * m.post600).toFixed(1)} %   | ${(100 * m.post30).toFixed(1)} % | ${m.ece?.toFixed(3) ?? '–'}`,
      );
    }
  }
  console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

if (process.argv[1]?.endsWith('memory-fit.ts')) main(process.argv.slice(2));
