/**
 * The knowledge-tracing worker: tfjs, the model and its training run here, never on the page's
 * thread, so answering stays responsive while the model learns. This file is only the shell:
 * backend registration and choice, loading the shipped base model, and messages to KtEngine.
 */
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import baseDescriptor from '../../models/base/model.json';
import weightsUrl from '../../models/base/weights.bin?url';
import { selectBackend } from '../model/backend';
import { isKtNetDescriptor, type KtNetDescriptor } from '../model/kt-net';
import { tf } from '../model/tf';
import { LanternDB } from '../storage/db';
import { installEncryption, loadCipher } from '../storage/encryption';
import { KtEngine } from './kt-engine';
import type { FromWorker, ToWorker } from './kt-protocol';
import { KT_PROTOCOL } from './kt-protocol';

// Served from this origin (precached by the service worker): nothing is fetched from a CDN.
setWasmPaths({
  'tfjs-backend-wasm.wasm': wasmPlain,
  'tfjs-backend-wasm-simd.wasm': wasmSimd,
  'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
});
// Threaded wasm crashed in a minified build when cross-origin isolated (seen with tfjs 4.22).
tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);

const post = (m: FromWorker): void => self.postMessage(m);

/** The descriptor (a few kB) is bundled; the weights are a same-origin, precached file. */
async function loadBase(): Promise<{ descriptor: KtNetDescriptor; data: ArrayBuffer }> {
  const w = await fetch(weightsUrl);
  if (!w.ok) throw new Error(`base model weights not available (HTTP ${w.status})`);
  if (!isKtNetDescriptor(baseDescriptor)) throw new Error('the shipped model descriptor is not readable');
  return { descriptor: baseDescriptor, data: await w.arrayBuffer() };
}

let engine: KtEngine | undefined;
let db: LanternDB | undefined;
/** The device's data key (encryption at rest), posted by the page before 'init'; null = not encrypted. */
let deviceKey: Uint8Array | null = null;

async function handle(m: ToWorker): Promise<void> {
  switch (m.type) {
    case 'init': {
      if (m.protocol !== KT_PROTOCOL) throw new Error(`protocol ${m.protocol} ≠ ${KT_PROTOCOL}`);
      const { choice, timingsMs } = m.backend
        ? { choice: { backend: m.backend, reason: { key: 'backend.why.forced' } }, timingsMs: {} }
        : await selectBackend();
      if (m.backend && !(await tf.setBackend(m.backend))) throw new Error(`backend ${m.backend} failed`);
      await tf.ready();
      // The cipher is a lazy chunk: loaded before the keyring gets the key (it throws otherwise).
      if (deviceKey) await loadCipher();
      db = new LanternDB(m.dbName);
      installEncryption(db, deviceKey);
      engine = new KtEngine({ db, loadBase, post, now: () => Date.now(), backend: choice.backend });
      post({ type: 'ready', protocol: KT_PROTOCOL, choice, timingsMs });
      return;
    }
    case 'open':
      return engine?.open(m.learnerId, m.skills);
    case 'attempt':
      return engine?.attempt(m.attempt);
    case 'history-changed':
      return engine?.historyChanged(m.learnerId);
    case 'train':
      // Not awaited: predictions for new attempts keep flowing while it trains.
      void engine?.train(m.learnerId, m.reason);
      return;
  }
}

// One message at a time, in order (an attempt must not overtake the learner's 'open').
let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<ToWorker | { type: 'device-key'; key: Uint8Array | null }>) => {
  const m = e.data;
  if (m.type === 'device-key') {
    deviceKey = m.key;
    // Start loading the cipher now, alongside tfjs; 'init' awaits it (and retries a failure).
    if (deviceKey) loadCipher().catch(() => undefined);
    return;
  }
  queue = queue
    .then(() => handle(m))
    .catch((err: unknown) =>
      post({ type: 'error', where: m.type, message: err instanceof Error ? err.message : String(err) }),
    );
};
