/**
 * The tutor worker: hosts wllama (llama.cpp compiled to WebAssembly) off the page's thread. wllama
 * always starts its own worker from a `blob:` URL; the page's CSP (`worker-src 'self'`) would
 * refuse it, and `loadModel` would then never settle. A worker takes its CSP from its own
 * response, not from the page, so wllama's worker is started here (SECURITY.md, "The tutor").
 * Single-threaded: Lantern is not cross-origin isolated (tfjs's wasm backend, the knowledge
 * tracing worker, is not either), so `n_threads: 1`.
 */
import { Wllama } from '@wllama/wllama';
import wasmUrl from '@wllama/wllama/esm/wasm/wllama.wasm?url';
import {
  TUTOR_OPFS_DIR,
  TUTOR_RUNTIME_CACHE,
  type FromTutorWorker,
  type ToTutorWorker,
} from './tutor-protocol';

const post = (m: FromTutorWorker): void => self.postMessage(m);

let wllama: Wllama | undefined;
const running = new Map<number, AbortController>();
/** Stopped before their turn came: skipped. */
const cancelled = new Set<number>();

/**
 * The runtime's wasm: from the Cache Storage copy made when the model was installed (so the tutor
 * works offline), else from the app's origin. Never from anywhere else: compat mode (a CDN build
 * for browsers without JSPI) is turned off below.
 */
async function runtimeUrl(): Promise<string> {
  const cached = await caches
    .open(TUTOR_RUNTIME_CACHE)
    .then((c) => c.match(wasmUrl))
    .catch(() => undefined);
  if (!cached) return wasmUrl;
  return URL.createObjectURL(new Blob([await cached.arrayBuffer()], { type: 'application/wasm' }));
}

async function modelFile(name: string): Promise<File> {
  const dir = await (await navigator.storage.getDirectory()).getDirectoryHandle(TUTOR_OPFS_DIR);
  return (await dir.getFileHandle(name)).getFile();
}

async function load(m: Extract<ToTutorWorker, { type: 'load' }>): Promise<void> {
  const started = performance.now();
  let file: File;
  try {
    file = await modelFile(m.file);
  } catch (e) {
    post({ type: 'load-failed', reason: 'model', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  try {
    const url = await runtimeUrl();
    const quiet = { debug: () => {}, log: () => {}, info: () => {}, warn: () => {}, error: console.error };
    wllama = new Wllama({ default: url }, { suppressNativeLog: true, logger: quiet });
    wllama.setCompat(null);
    await wllama.loadModel([file], { n_ctx: m.nCtx, n_threads: 1, n_gpu_layers: 0 });
    post({ type: 'loaded', ms: Math.round(performance.now() - started) });
  } catch (e) {
    post({ type: 'load-failed', reason: 'runtime', message: e instanceof Error ? e.message : String(e) });
  }
}

async function generate(m: Extract<ToTutorWorker, { type: 'generate' }>): Promise<void> {
  const w = wllama;
  if (!w) {
    post({ type: 'failed', id: m.id, message: 'the model is not loaded' });
    return;
  }
  if (cancelled.delete(m.id)) {
    post({ type: 'end', id: m.id, aborted: true });
    return;
  }
  const abort = new AbortController();
  running.set(m.id, abort);
  try {
    const chunks = await w.createChatCompletion({
      messages: [
        { role: 'system', content: m.system },
        { role: 'user', content: m.user },
      ],
      stream: true,
      max_tokens: m.maxTokens,
      temperature: 0.7,
      abortSignal: abort.signal,
    });
    for await (const chunk of chunks) {
      if (abort.signal.aborted) break;
      const text = chunk.choices[0]?.delta.content;
      if (text) post({ type: 'piece', id: m.id, text });
    }
    post({ type: 'end', id: m.id, aborted: abort.signal.aborted });
  } catch (e) {
    if (abort.signal.aborted) post({ type: 'end', id: m.id, aborted: true });
    else post({ type: 'failed', id: m.id, message: e instanceof Error ? e.message : String(e) });
  } finally {
    running.delete(m.id);
  }
}

// Generations run one at a time (one model, one context); an abort overtakes the queue.
let queue = Promise.resolve();
self.onmessage = (e: MessageEvent<ToTutorWorker>) => {
  const m = e.data;
  if (m.type === 'abort') {
    const r = running.get(m.id);
    if (r) r.abort();
    else cancelled.add(m.id);
    return;
  }
  queue = queue.then(() => (m.type === 'load' ? load(m) : generate(m))).catch(() => undefined);
};
