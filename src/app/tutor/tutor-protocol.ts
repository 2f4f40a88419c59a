/**
 * Messages between the page (tutor-client.ts) and the tutor worker (tutor-worker.ts), which hosts
 * wllama (llama.cpp in WebAssembly) so that wllama's own `blob:` worker is started by a worker
 * that has no page CSP of its own (SECURITY.md, "The tutor").
 */

/** Cache Storage holding the runtime's wasm once an adult has installed a model. */
export const TUTOR_RUNTIME_CACHE = 'lantern-tutor-runtime';
/** The OPFS folder holding the installed model file. */
export const TUTOR_OPFS_DIR = 'tutor';

export type ToTutorWorker =
  | { readonly type: 'load'; readonly file: string; readonly nCtx: number }
  | {
      readonly type: 'generate';
      readonly id: number;
      readonly system: string;
      readonly user: string;
      readonly maxTokens: number;
    }
  | { readonly type: 'abort'; readonly id: number };

export type FromTutorWorker =
  | { readonly type: 'loaded'; readonly ms: number }
  | { readonly type: 'load-failed'; readonly reason: 'runtime' | 'model'; readonly message: string }
  | { readonly type: 'piece'; readonly id: number; readonly text: string }
  | { readonly type: 'end'; readonly id: number; readonly aborted: boolean }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };
