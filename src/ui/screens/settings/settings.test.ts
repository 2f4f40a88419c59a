import { format } from '../../../core/i18n';
import { uiMessagesZh } from '../../messages.zh-CN';
import { describe, expect, it } from 'vitest';
import { describeBackendChoice, formatBytes, formatTimings } from './settings';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [999, '999 B'],
    [1000, '1.0 kB'],
    [15_300, '15 kB'],
    [2_500_000, '2.5 MB'],
    [120e9, '120 GB'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d → %s', (n, s) => expect(formatBytes(n)).toBe(s));
});

describe('describing the model backend', () => {
  const t = (key: string, params?: Readonly<Record<string, string | number>>) =>
    `${key}${JSON.stringify(params ?? {})}`;
  it('names the other backend and explains a software WebGPU adapter', () => {
    expect(
      describeBackendChoice(
        {
          key: 'backend.why.faster',
          params: { ms: '8.5', other: 'webgl', otherMs: '27.1', gpu: 'software' },
        },
        t,
      ),
    ).toBe('backend.why.faster{"ms":"8.5","other":"WebGL","otherMs":"27.1","gpu":"backend.gpu.software{}"}');
    expect(describeBackendChoice({ key: 'backend.why.only', params: { gpu: 'none' } }, t)).toBe(
      'backend.why.only{"gpu":"","other":""}',
    );
  });

  it('lists the probe timings fastest first', () => {
    expect(formatTimings({ webgl: 27.14, wasm: 8.5, cpu: Number.NaN })).toBe(
      'WebAssembly 8.5 ms · WebGL 27.1 ms',
    );
    expect(formatTimings({})).toBe('');
    // The unit in the interface language (issue 11, defect 11: no bare "ms" in Chinese).
    const zh = (key: string, p?: Readonly<Record<string, string | number>>): string =>
      format(uiMessagesZh, { key, params: p }, 'zh-CN');
    expect(formatTimings({ webgl: 27.14, wasm: 8.5 }, zh)).toBe('WebAssembly 8.5 毫秒 · WebGL 27.1 毫秒');
  });
});
