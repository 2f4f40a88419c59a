/**
 * How well the learner model predicts one learner: computed from the predictions it made
 * *before* each answer (Attempt.predicted), so nothing here is scored on data the model had
 * already seen. Pure.
 */
import { auc, logLoss } from './kt-data';

export interface PredictedAttempt {
  readonly correct: boolean;
  /** P(correct) the model in use gave before the answer. */
  readonly predicted?: number;
}

export interface CalibrationBin {
  /** Bin range of the predicted probability. */
  readonly from: number;
  readonly to: number;
  readonly count: number;
  /** Mean predicted probability in the bin. */
  readonly predicted: number;
  /** Share actually answered correctly. */
  readonly observed: number;
}

export interface ModelFit {
  /** Attempts with a recorded prediction among the recent ones considered. */
  readonly count: number;
  readonly bins: readonly CalibrationBin[];
  /** Mean predicted vs share correct over all of them. */
  readonly meanPredicted: number;
  readonly observed: number;
  readonly logLoss: number;
  /** AUC once there are at least MIN_FOR_AUC attempts with both outcomes; else null. */
  readonly auc: number | null;
}

/** Recent attempts considered (the model changes; old predictions say little about it now). */
export const FIT_WINDOW = 200;
export const MIN_FOR_FIT = 10;
export const MIN_FOR_AUC = 30;
const BIN_EDGES = [0, 0.2, 0.4, 0.6, 0.8, 1];

/**
 * Calibration and AUC over the most recent attempts that carry a prediction.
 * `attempts` in time order. Returns null below MIN_FOR_FIT predicted attempts.
 */
export function modelFit(attempts: readonly PredictedAttempt[], window = FIT_WINDOW): ModelFit | null {
  const recent: { y: number; p: number }[] = [];
  for (let i = attempts.length - 1; i >= 0 && recent.length < window; i--) {
    const a = attempts[i]!;
    if (typeof a.predicted === 'number' && Number.isFinite(a.predicted)) {
      recent.push({ y: a.correct ? 1 : 0, p: Math.min(1, Math.max(0, a.predicted)) });
    }
  }
  if (recent.length < MIN_FOR_FIT) return null;
  const labels = recent.map((r) => r.y);
  const preds = recent.map((r) => r.p);
  const bins: CalibrationBin[] = [];
  for (let b = 0; b + 1 < BIN_EDGES.length; b++) {
    const from = BIN_EDGES[b]!;
    const to = BIN_EDGES[b + 1]!;
    const inBin = recent.filter((r) => r.p >= from && (r.p < to || (to === 1 && r.p <= 1)));
    if (inBin.length === 0) continue;
    bins.push({
      from,
      to,
      count: inBin.length,
      predicted: inBin.reduce((s, r) => s + r.p, 0) / inBin.length,
      observed: inBin.reduce((s, r) => s + r.y, 0) / inBin.length,
    });
  }
  const positives = labels.reduce((s, y) => s + y, 0);
  const bothOutcomes = positives > 0 && positives < labels.length;
  return {
    count: recent.length,
    bins,
    meanPredicted: preds.reduce((s, p) => s + p, 0) / preds.length,
    observed: positives / labels.length,
    logLoss: logLoss(labels, preds),
    auc: recent.length >= MIN_FOR_AUC && bothOutcomes ? auc(labels, preds) : null,
  };
}
