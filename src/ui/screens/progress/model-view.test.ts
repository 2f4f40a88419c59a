import { describe, expect, it } from 'vitest';
import { buildModelView } from './model-view';

const formatTime = (ms: number) => `t${ms}`;
const info = { learnerId: 'a', source: 'personal' as const, trainedAt: 5, baseVersion: '1.0.0' };

describe('buildModelView', () => {
  it('says which model predicts, and when it was fine-tuned', () => {
    const v = buildModelView({ attempts: [], info, lastRun: null, status: 'ready', formatTime });
    expect(v.source).toEqual({ key: 'model.source.personal' });
    expect(v.trained).toEqual({ key: 'model.trainedAt', params: { time: 't5' } });
    expect(v.fit).toEqual({ kind: 'none', need: 10, have: 0 });
    const base = buildModelView({
      attempts: [],
      info: { ...info, source: 'base', trainedAt: null },
      lastRun: null,
      status: 'ready',
      formatTime,
    });
    expect(base.source).toEqual({ key: 'model.source.base', params: { version: '1.0.0' } });
    expect(base.trained).toEqual({ key: 'model.notTrained' });
    const setAside = buildModelView({
      attempts: [],
      info: { ...info, source: 'base', trainedAt: null, setAside: true },
      lastRun: null,
      status: 'ready',
      formatTime,
    });
    expect(setAside.source).toEqual({ key: 'model.source.setAside', params: { version: '1.0.0' } });
    expect(
      buildModelView({ attempts: [], info: null, lastRun: null, status: 'unavailable', formatTime }).source,
    ).toEqual({
      key: 'model.source.fallback',
    });
  });

  it('reports the last fine-tuning run and the calibration in percent', () => {
    const attempts = Array.from({ length: 40 }, (_, i) => ({
      correct: i % 4 !== 0,
      predicted: i % 4 !== 0 ? 0.85 : 0.45,
    }));
    const v = buildModelView({
      attempts,
      info,
      lastRun: {
        learnerId: 'a',
        reason: 'session-end',
        accepted: false,
        outcome: 'not-better',
        lossBefore: 0.5,
        lossAfter: 0.51234,
        heldOut: 10,
        trainedOn: 30,
        seconds: 0.42,
        at: 9,
      },
      status: 'ready',
      formatTime,
    });
    expect(v.lastRun).toEqual({
      key: 'model.run.not-better',
      params: { time: 't9', before: '0.500', after: '0.512', n: 10, seconds: '0.4' },
    });
    expect(v.fit).toMatchObject({
      kind: 'fit',
      count: 40,
      predictedPercent: 75,
      observedPercent: 75,
      auc: '1.00',
    });
    if (v.fit.kind !== 'fit') throw new Error('fit expected');
    expect(v.fit.rows).toEqual([
      { range: '40–60%', count: 10, predictedPercent: 45, observedPercent: 0 },
      { range: '80–100%', count: 30, predictedPercent: 85, observedPercent: 100 },
    ]);
  });
});
