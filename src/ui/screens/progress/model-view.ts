/**
 * The progress screen's "how well Lantern predicts you" section: plain data for the view, from
 * the predictions recorded with each attempt (core/model-fit.ts) and the model's status.
 */
import type { ModelInfo, TrainingReport } from '../../../app/kt-protocol';
import { modelFit, MIN_FOR_AUC, MIN_FOR_FIT } from '../../../core/model-fit';
import type { PredictedAttempt } from '../../../core/model-fit';
import type { Message } from '../../../core/types';

export interface CalibrationRow {
  /** e.g. "60–80%" */
  readonly range: string;
  readonly count: number;
  readonly predictedPercent: number;
  readonly observedPercent: number;
}

export interface ModelView {
  /** Which model is making predictions now. */
  readonly source: Message;
  /** When the personal weights were last trained, or why there are none. */
  readonly trained: Message;
  /** The last fine-tuning run this session, if any. */
  readonly lastRun: Message | null;
  readonly fit:
    | { readonly kind: 'none'; readonly need: number; readonly have: number }
    | {
        readonly kind: 'fit';
        readonly count: number;
        readonly rows: readonly CalibrationRow[];
        readonly predictedPercent: number;
        readonly observedPercent: number;
        /** AUC to two decimals, or null with how many more answers are needed. */
        readonly auc: string | null;
        readonly aucNeed: number;
      };
}

const pct = (x: number): number => Math.round(x * 100);

export function buildModelView(input: {
  readonly attempts: readonly PredictedAttempt[];
  readonly info: ModelInfo | null;
  readonly lastRun: TrainingReport | null;
  readonly status: 'off' | 'ready' | 'unavailable';
  readonly formatTime: (ms: number) => string;
}): ModelView {
  const { info, lastRun, status, formatTime } = input;
  const source: Message =
    status === 'unavailable'
      ? { key: 'model.source.fallback' }
      : info?.source === 'personal'
        ? { key: 'model.source.personal' }
        : info?.setAside
          ? { key: 'model.source.setAside', params: { version: info.baseVersion } }
          : info
            ? { key: 'model.source.base', params: { version: info.baseVersion } }
            : { key: 'model.source.loading' };
  const trained: Message =
    info?.trainedAt != null
      ? { key: 'model.trainedAt', params: { time: formatTime(info.trainedAt) } }
      : { key: 'model.notTrained' };
  let run: Message | null = null;
  if (lastRun) {
    const params = {
      time: formatTime(lastRun.at),
      before: lastRun.lossBefore.toFixed(3),
      after: lastRun.lossAfter.toFixed(3),
      n: lastRun.heldOut,
      seconds: lastRun.seconds.toFixed(1),
    };
    run = { key: `model.run.${lastRun.outcome}`, params };
  }
  const predicted = input.attempts.filter((a) => typeof a.predicted === 'number').length;
  const fit = modelFit(input.attempts);
  if (!fit) {
    return { source, trained, lastRun: run, fit: { kind: 'none', need: MIN_FOR_FIT, have: predicted } };
  }
  return {
    source,
    trained,
    lastRun: run,
    fit: {
      kind: 'fit',
      count: fit.count,
      rows: fit.bins.map((b) => ({
        range: `${pct(b.from)}–${pct(b.to)}%`,
        count: b.count,
        predictedPercent: pct(b.predicted),
        observedPercent: pct(b.observed),
      })),
      predictedPercent: pct(fit.meanPredicted),
      observedPercent: pct(fit.observed),
      auc: fit.auc === null ? null : fit.auc.toFixed(2),
      aucNeed: Math.max(0, MIN_FOR_AUC - fit.count),
    },
  };
}
