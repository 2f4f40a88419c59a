import { describe, expect, it } from 'vitest';
import { chooseBackend } from './backend-choice';

describe('chooseBackend', () => {
  it('takes a hardware WebGPU adapter without measuring the rest', () => {
    expect(
      chooseBackend({
        webgpu: { isFallbackAdapter: false, architecture: 'rdna-3' },
        timingsMs: { webgpu: 50, wasm: 10 },
      }).backend,
    ).toBe('webgpu');
  });

  it('ignores a software (fallback / SwiftShader) WebGPU adapter and picks the faster of webgl and wasm', () => {
    const c = chooseBackend({
      webgpu: { isFallbackAdapter: true, architecture: 'swiftshader' },
      timingsMs: { webgpu: 1, webgl: 97, wasm: 16 },
    });
    expect(c.backend).toBe('wasm');
    expect(c.reason).toEqual({
      key: 'backend.why.faster',
      params: { ms: '16.0', other: 'webgl', otherMs: '97.0', gpu: 'software' },
    });
    expect(
      chooseBackend({
        webgpu: { isFallbackAdapter: false, architecture: 'swiftshader' },
        timingsMs: { webgl: 5, wasm: 16 },
      }).backend,
    ).toBe('webgl');
  });

  it('uses whatever initialised, and cpu only as the last resort', () => {
    expect(chooseBackend({ timingsMs: { webgl: 20 } })).toEqual({
      backend: 'webgl',
      reason: { key: 'backend.why.only', params: { gpu: 'none' } },
    });
    expect(chooseBackend({ timingsMs: { wasm: Number.NaN } }).backend).toBe('cpu');
    expect(chooseBackend({ timingsMs: {} })).toEqual({ backend: 'cpu', reason: { key: 'backend.why.cpu' } });
  });
});
