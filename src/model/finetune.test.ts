import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { KtSequence } from '../core/kt-data';
import { seededRng } from '../core/rng';
import type { EncodingSpec } from './features';
import { specFor } from './features';
import { fineTune, heldOutCount, heldOutLoss } from './finetune';
import type { KtNet, KtNetConfig } from './kt-net';
import { tf } from './tf';
import { createNet } from './train';

const SMALL: Partial<KtNetConfig> = { dModel: 16, slots: 4, valueDim: 4, decays: [0.5, 0.9], hidden: 16 };

/** Random skills 1..6; skill 1 is always answered wrong, the others mostly right. */
function oneSkillAlwaysWrong(seed: number, len: number): KtSequence {
  const rng = seededRng(seed);
  const skills: number[] = [];
  const correct: (0 | 1)[] = [];
  for (let t = 0; t < len; t++) {
    const k = 1 + Math.floor(rng() * 6);
    skills.push(k);
    correct.push(k === 1 ? 0 : rng() < 0.8 ? 1 : 0);
  }
  return { skills, correct };
}

/** Answers with no pattern at all: nothing to learn that holds on the held-out tail. */
function coinFlips(seed: number, len: number): KtSequence {
  const rng = seededRng(seed);
  return {
    skills: Array.from({ length: len }, () => 1 + Math.floor(rng() * 6)),
    correct: Array.from({ length: len }, () => (rng() < 0.5 ? 1 : 0) as 0 | 1),
  };
}

async function weightsOf(net: KtNet): Promise<Map<string, Float32Array>> {
  const out = new Map<string, Float32Array>();
  for (const [k, v] of net.weights) out.set(k, (await v.data()) as Float32Array);
  return out;
}

function expectIdentical(a: Map<string, Float32Array>, b: Map<string, Float32Array>): void {
  expect([...b.keys()]).toEqual([...a.keys()]);
  for (const [k, v] of a) {
    const w = b.get(k)!;
    // Bit-identical: compare the raw bytes, not approximately.
    expect(
      Buffer.from(w.buffer, w.byteOffset, w.byteLength).equals(
        Buffer.from(v.buffer, v.byteOffset, v.byteLength),
      ),
      k,
    ).toBe(true);
  }
}

function changed(a: Map<string, Float32Array>, b: Map<string, Float32Array>): string[] {
  return [...a].filter(([k, v]) => v.some((x, i) => x !== b.get(k)![i])).map(([k]) => k);
}

const spec: EncodingSpec = specFor([{ skills: [6], correct: [1] }]);
const fresh = (seed = 3): KtNet => createNet(spec, SMALL, seed);

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('fineTune', () => {
  it('accepts a learnable learner: lower held-out loss, new weights, no tensors left behind', async () => {
    const net = fresh();
    const history = oneSkillAlwaysWrong(1, 160);
    const before = await weightsOf(net);
    const tensors = tf.memory().numTensors;
    const r = await fineTune(net, spec, history, { learningRate: 1e-2, maxEpochs: 10, patience: 3 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(r.reason).toBe('improved');
    expect(r.accepted).toBe(true);
    expect(r.lossAfter).toBeLessThan(r.lossBefore);
    expect(r.heldOut).toBe(heldOutCount(160));
    expect(r.trainedOn).toBe(160 - r.heldOut);
    // The new weights really are in the net: its held-out loss is the reported one.
    expect(await heldOutLoss(net, spec, history, r.heldOut)).toBeCloseTo(r.lossAfter, 5);
    expect(changed(before, await weightsOf(net)).length).toBeGreaterThan(0);
    net.dispose();
  });

  it('rejects a run that does not lower the held-out loss and leaves the weights bit-identical', async () => {
    const net = fresh();
    // A huge learning rate on coin flips: every epoch overshoots, nothing beats the start.
    const history = coinFlips(2, 120);
    const before = await weightsOf(net);
    const tensors = tf.memory().numTensors;
    const r = await fineTune(net, spec, history, { learningRate: 5, maxEpochs: 3, patience: 3 });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(r.reason).toBe('not-better');
    expect(r.accepted).toBe(false);
    expect(r.lossAfter).toBe(r.lossBefore);
    expectIdentical(before, await weightsOf(net));
    net.dispose();
  });

  it('trains only the listed weights when given a trainable subset', async () => {
    const net = fresh();
    const before = await weightsOf(net);
    const r = await fineTune(net, spec, oneSkillAlwaysWrong(1, 160), {
      learningRate: 1e-2,
      maxEpochs: 10,
      patience: 3,
      trainable: ['skillBias', 'outB'],
    });
    expect(r.accepted).toBe(true);
    const moved = changed(before, await weightsOf(net));
    expect(moved.length).toBeGreaterThan(0);
    expect(moved.every((k) => k === 'skillBias' || k === 'outB')).toBe(true);
    net.dispose();
  });

  it("returns 'too-few' below minAttempts without touching the weights", async () => {
    const net = fresh();
    const before = await weightsOf(net);
    const tensors = tf.memory().numTensors;
    const r = await fineTune(net, spec, oneSkillAlwaysWrong(3, 29), { minAttempts: 30 });
    expect(r).toMatchObject({ accepted: false, reason: 'too-few', epochs: 0, trainedOn: 0 });
    expect(tf.memory().numTensors).toBe(tensors);
    expectIdentical(before, await weightsOf(net));
    // At the threshold it does train.
    const r30 = await fineTune(net, spec, oneSkillAlwaysWrong(3, 30), { minAttempts: 30, maxEpochs: 1 });
    expect(r30.reason).not.toBe('too-few');
    net.dispose();
  });

  it('leaves the weights exactly as before when training throws midway (or at the end)', async () => {
    // Calls 1–4 come after each epoch, call 5 just before the new weights would go in.
    const options = { learningRate: 1e-2, maxEpochs: 4, patience: 4 };
    const history = oneSkillAlwaysWrong(1, 160);
    const control = fresh();
    // Without the exception this run is accepted, so a restore is really needed.
    expect((await fineTune(control, spec, history, options)).accepted).toBe(true);
    control.dispose();
    for (const throwOnCall of [2, 5]) {
      const net = fresh();
      const before = await weightsOf(net);
      const tensors = tf.memory().numTensors;
      let calls = 0;
      await expect(
        fineTune(net, spec, history, {
          ...options,
          onProgress: () => {
            if (++calls === throwOnCall) throw new Error('boom');
          },
        }),
      ).rejects.toThrow('boom');
      expect(calls).toBe(throwOnCall);
      expectIdentical(before, await weightsOf(net));
      expect(tf.memory().numTensors).toBe(tensors);
      net.dispose();
    }
  });
});
