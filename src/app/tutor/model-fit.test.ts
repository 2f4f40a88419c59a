import { describe, expect, it } from 'vitest';
import { MAX_MODEL_BYTES, SPACE_MARGIN_BYTES, modelFitRefusal } from './model-fit';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

describe('modelFitRefusal', () => {
  it('accepts a 0.4 GB model on a 4 GB device with room to spare', () => {
    expect(
      modelFitRefusal(400 * MB, { deviceMemoryGb: 4, storage: { usage: 0, quota: 10 * GB } }),
    ).toBeNull();
  });

  it('refuses a model whose peak (about twice the file, measured) and the browser pass ¾ of the memory', () => {
    // 2 GB device: (0.75 × 2048 − 512) / 2 = 512 MB.
    const e = modelFitRefusal(1.2 * GB, { deviceMemoryGb: 2 });
    expect(e?.messageKey).toBe('tutorApp.tooLarge');
    expect(e?.params).toEqual({ size: '1228.8', max: '512.0' });
    // A 0.5B Q4 model (≈ 400 MB) fits a 2 GB device, not a 1 GB one.
    expect(modelFitRefusal(400 * MB, { deviceMemoryGb: 2 })).toBeNull();
    expect(modelFitRefusal(400 * MB, { deviceMemoryGb: 1 })?.messageKey).toBe('tutorApp.tooLarge');
    // A 2 GB file on a 4 GB device (the old rule let it in): refused, at most 1280 MB.
    expect(modelFitRefusal(2 * GB, { deviceMemoryGb: 4 })?.params).toEqual({ size: '2048.0', max: '1280.0' });
  });

  it('without deviceMemory, refuses only beyond the runtime limit', () => {
    expect(modelFitRefusal(3 * GB, {})).toBeNull();
    expect(modelFitRefusal(MAX_MODEL_BYTES + 1, {})?.messageKey).toBe('tutorApp.tooLarge');
  });

  it('refuses when the free quota cannot hold the file and the runtime', () => {
    const storage = { usage: 900 * MB, quota: 1000 * MB };
    const e = modelFitRefusal(50 * MB, { deviceMemoryGb: 8, storage });
    expect(e?.messageKey).toBe('tutorApp.noSpace');
    expect(e?.params).toEqual({ size: '50.0', free: '100.0' });
    expect(modelFitRefusal(100 * MB - SPACE_MARGIN_BYTES, { storage })).toBeNull();
  });

  it('memory is checked before space (space can be freed, memory cannot)', () => {
    const e = modelFitRefusal(2 * GB, { deviceMemoryGb: 1, storage: { usage: 0, quota: 1 * GB } });
    expect(e?.messageKey).toBe('tutorApp.tooLarge');
  });
});
