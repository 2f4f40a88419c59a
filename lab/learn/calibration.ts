/**
 * `npm run learn:calibration -- [--limit N] [--json]`
 *
 * Calibration of the app's learner model (EloModel, default parameters) on real data:
 * ASSIST2009 ("assist2009_updated", the DKVMN files in ../shared/datasets/dkvmn-assist2009,
 * train then test, 4,151 students). Elo has nothing to train, so every student is scored.
 *
 * Replay protocol ("one level per skill"): one fresh model per student over a graph with every
 * skill of the dataset as a root; for each response in order, P = predict({skill, difficulty 2},
 * t) is taken *before* update(attempt). Every item is difficulty 2, no hints, no solution; the
 * files carry no timestamps, so attempts are 60 s apart within a student. Rows with no skill id
 * (an id that is not a positive integer: the F3/F4 files number skills from 1, 0 is padding)
 * are skipped and counted.
 *
 * Reported: N, ECE over 10 equal-width bins of P (ECE = Σ_b (n_b/N)·|mean P_b − observed_b|),
 * the bins, log-loss and AUC; and the same over the first attempt of each (student, skill) pair
 * ("cold start"). `--limit N` replays the first N students only; `--json` prints one JSON object.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { EloModel } from '../../src/core/elo';
import { buildGraph } from '../../src/core/graph';
import { auc, logLoss, type KtSequence } from '../../src/core/kt-data';
import type { Attempt, Difficulty, Skill, SkillGraph, SkillId } from '../../src/core/types';
import { parseDkvmn } from '../kt-datasets';

/** One scored response: the model's P(correct) before the answer, and the answer. */
export interface Prediction {
  readonly predicted: number;
  readonly correct: boolean;
}

/** One of the equal-width bins of predicted P. */
export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  /** Mean predicted P in the bin (NaN when empty). */
  readonly meanPredicted: number;
  /** Share correct in the bin (NaN when empty). */
  readonly observed: number;
}

export interface CalibrationReport {
  readonly n: number;
  /** null when there is no prediction. */
  readonly ece: number | null;
  readonly bins: readonly CalibrationBin[];
  readonly meanPredicted: number;
  readonly observed: number;
  readonly logLoss: number;
  /** NaN when only one outcome occurs. */
  readonly auc: number;
}

export interface ReplayResult {
  readonly students: number;
  /** Rows skipped for having no skill id. */
  readonly skipped: number;
  readonly overall: CalibrationReport;
  /** First attempt of each (student, skill) pair only. */
  readonly coldStart: CalibrationReport;
}

/** What the replay needs of a learner model. */
export interface Predictor {
  predict(item: { readonly skillId: SkillId; readonly difficulty: Difficulty }, now: number): number;
  update(attempt: Attempt): void;
}

export const BINS = 10;
export const DIFFICULTY: Difficulty = 2;
export const STEP_MS = 60_000;
/** Synthetic start of every student's history (no timestamps in the files). */
export const T0 = Date.UTC(2009, 8, 1);

/** Bins predictions into `bins` equal-width bins over [0, 1]; P = 1 falls in the last bin. */
export function binPredictions(pairs: Iterable<Prediction>, bins = BINS): CalibrationBin[] {
  const n = new Array<number>(bins).fill(0);
  const sumP = new Array<number>(bins).fill(0);
  const sumY = new Array<number>(bins).fill(0);
  for (const { predicted, correct } of pairs) {
    if (!Number.isFinite(predicted) || predicted < 0 || predicted > 1) {
      throw new RangeError(`prediction ${predicted} is not a probability`);
    }
    const b = Math.min(bins - 1, Math.floor(predicted * bins));
    n[b]! += 1;
    sumP[b]! += predicted;
    sumY[b]! += correct ? 1 : 0;
  }
  return n.map((count, b) => ({
    from: b / bins,
    to: (b + 1) / bins,
    n: count,
    meanPredicted: count === 0 ? NaN : sumP[b]! / count,
    observed: count === 0 ? NaN : sumY[b]! / count,
  }));
}

/** Expected calibration error: Σ_b (n_b/N)·|mean predicted_b − observed_b|; null when N = 0. */
export function ece(bins: readonly CalibrationBin[]): number | null {
  const total = bins.reduce((a, b) => a + b.n, 0);
  if (total === 0) return null;
  return bins.reduce(
    (a, b) => (b.n === 0 ? a : a + (b.n / total) * Math.abs(b.meanPredicted - b.observed)),
    0,
  );
}

/** ECE, bins, log-loss and AUC of a list of predictions. */
export function calibrationReport(pairs: readonly Prediction[], bins = BINS): CalibrationReport {
  const labels = new Float64Array(pairs.length);
  const preds = new Float64Array(pairs.length);
  pairs.forEach((p, i) => {
    labels[i] = p.correct ? 1 : 0;
    preds[i] = p.predicted;
  });
  const bs = binPredictions(pairs, bins);
  const n = pairs.length;
  return {
    n,
    ece: ece(bs),
    bins: bs,
    meanPredicted: n === 0 ? NaN : preds.reduce((a, p) => a + p, 0) / n,
    observed: n === 0 ? NaN : labels.reduce((a, y) => a + y, 0) / n,
    logLoss: n === 0 ? NaN : logLoss(labels, preds),
    auc: n === 0 ? NaN : auc(labels, preds),
  };
}

/** Whether a row's skill id is usable (the files number skills from 1; 0 is padding). */
export const hasSkill = (id: number | undefined): id is number => Number.isInteger(id) && (id as number) >= 1;

/** A graph with every skill of the sequences as a root, in order of first appearance. */
export function skillGraphOf(sequences: readonly KtSequence[]): SkillGraph {
  const ids = new Set<string>();
  for (const s of sequences) for (const id of s.skills) if (hasSkill(id)) ids.add(String(id));
  const skills: Skill[] = [...ids].map((id) => ({
    id,
    nameKey: `skill.${id}.name`,
    prerequisites: [],
    strand: 'assist',
    band: 1,
  }));
  return buildGraph(skills);
}

/**
 * Replays each sequence (one student, in order) through a fresh model from `makeModel`,
 * recording P(correct) before each update.
 */
export function replayEce(
  sequences: readonly KtSequence[],
  makeModel: () => Predictor,
  bins = BINS,
): ReplayResult {
  const all: Prediction[] = [];
  const cold: Prediction[] = [];
  let skipped = 0;
  sequences.forEach((seq, student) => {
    const model = makeModel();
    const seen = new Set<SkillId>();
    const learnerId = `s${student}`;
    let k = 0;
    for (let i = 0; i < seq.skills.length; i++) {
      const raw = seq.skills[i];
      if (!hasSkill(raw)) {
        skipped++;
        continue;
      }
      const skillId = String(raw);
      const correct = seq.correct[i] === 1;
      const timestamp = seq.timestamps?.[i] ?? T0 + k * STEP_MS;
      k++;
      const predicted = model.predict({ skillId, difficulty: DIFFICULTY }, timestamp);
      const pair = { predicted, correct };
      all.push(pair);
      if (!seen.has(skillId)) {
        seen.add(skillId);
        cold.push(pair);
      }
      const itemId = `${skillId}~${DIFFICULTY}~${i}`;
      model.update({
        id: `${learnerId}-${i}`,
        learnerId,
        itemId,
        skillId,
        difficulty: DIFFICULTY,
        seed: i,
        params: {},
        answer: correct ? '1' : '0',
        correct,
        responseMs: 0,
        hintsUsed: 0,
        solutionShown: false,
        timestamp,
        appVersion: 'lab',
      });
    }
  });
  return {
    students: sequences.length,
    skipped,
    overall: calibrationReport(all, bins),
    coldStart: calibrationReport(cold, bins),
  };
}

/** Where the shared benchmark data lives (never copied into the repo). */
export const DATASET_DIR = fileURLToPath(new URL('../../../shared/datasets/', import.meta.url));
export const ASSIST2009_FILES = [
  'dkvmn-assist2009/assist2009_updated_train.csv',
  'dkvmn-assist2009/assist2009_updated_test.csv',
] as const;

export const assist2009Paths = (dir = DATASET_DIR): string[] => ASSIST2009_FILES.map((f) => dir + f);

/** ASSIST2009 students (train file then test file), or the paths that are missing. */
export function loadAssist2009(
  dir = DATASET_DIR,
): { readonly sequences: KtSequence[] } | { readonly missing: string[] } {
  const paths = assist2009Paths(dir);
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) return { missing };
  return { sequences: paths.flatMap((p) => parseDkvmn(readFileSync(p, 'utf8'))) };
}

export interface CalibrationArgs {
  readonly limit: number | null;
  readonly json: boolean;
}

export function parseArgs(argv: readonly string[]): CalibrationArgs {
  let limit: number | null = null;
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--limit') {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 1) throw new Error('--limit needs a positive integer');
      limit = v;
    } else throw new Error(`unknown argument ${String(a)}`);
  }
  return { limit, json };
}

const f3 = (x: number): string => (Number.isNaN(x) ? '–' : x.toFixed(3));
const f4 = (x: number | null): string => (x === null || Number.isNaN(x) ? '–' : x.toFixed(4));

export function formatReport(title: string, r: CalibrationReport): string {
  const head = ['bin', 'n', 'mean predicted', 'observed', '|gap|'];
  const body = r.bins.map((b) => [
    `[${b.from.toFixed(1)}, ${b.to.toFixed(1)}${b.to === 1 ? ']' : ')'}`,
    String(b.n),
    f3(b.meanPredicted),
    f3(b.observed),
    b.n === 0 ? '–' : f3(Math.abs(b.meanPredicted - b.observed)),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((row) => row[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((x, c) => x.padStart(widths[c]!)).join('  ');
  return [
    `${title}: N ${r.n}  ECE ${f4(r.ece)}  log-loss ${f4(r.logLoss)}  AUC ${f4(r.auc)}  ` +
      `mean predicted ${f4(r.meanPredicted)}  observed ${f4(r.observed)}`,
    line(head),
    ...body.map(line),
  ].join('\n');
}

export function main(argv: readonly string[], out: (line: string) => void, dir = DATASET_DIR): void {
  const started = performance.now();
  const args = parseArgs(argv);
  const data = loadAssist2009(dir);
  if ('missing' in data) {
    out(`learn:calibration: ASSIST2009 not found, nothing measured. Looked for: ${data.missing.join(', ')}`);
    return;
  }
  // The graph holds every skill of the dataset, whatever --limit keeps.
  const graph = skillGraphOf(data.sequences);
  const sequences = args.limit === null ? data.sequences : data.sequences.slice(0, args.limit);
  const result = replayEce(sequences, () => new EloModel(graph));
  const seconds = (performance.now() - started) / 1000;
  if (args.json) {
    out(JSON.stringify({ dataset: ASSIST2009_FILES, skills: graph.order.length, ...result, seconds }));
    return;
  }
  out(
    `EloModel (default params) on ASSIST2009 (${ASSIST2009_FILES.join(' + ')}), ` +
      `${result.students} students, ${graph.order.length} skills, every item difficulty ${DIFFICULTY}`,
  );
  out(`skipped rows (no skill id): ${result.skipped}`);
  out('');
  out(formatReport('all responses', result.overall));
  out('');
  out(formatReport('cold start (first attempt of each student × skill)', result.coldStart));
  out('');
  out(`wall time ${seconds.toFixed(1)} s`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2), (l) => console.log(l));
}
