/**
 * Loads tfjs for Node scripts: installs the resolve hook that lets Node load tfjs-core's
 * gradient and chained-op modules (see tfjs-resolve-hooks.mjs), then registers and selects a
 * backend. Everything that imports src/model must be imported dynamically *after* this.
 */
import { register } from 'node:module';
import type { tf as Tf } from '../../src/model/tf.ts';

export type NodeBackend = 'wasm' | 'cpu';
let hooked = false;

export async function initTfNode(backend: NodeBackend = 'wasm'): Promise<typeof Tf> {
  if (!hooked) {
    register('./tfjs-resolve-hooks.mjs', import.meta.url);
    hooked = true;
  }
  const { tf } = await import('../../src/model/tf.ts');
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  else await import('@tensorflow/tfjs-backend-cpu');
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to initialise`);
  await tf.ready();
  return tf;
}
