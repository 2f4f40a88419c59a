/**
 * The WebGPU, WebGL, WASM and CPU code paths give the same predictions for the shipped base
 * model (issue 3). In this machine's headless Chromium WebGPU is SwiftShader, a software
 * adapter: good for checking correctness, never for judging speed.
 */
import { build } from 'esbuild';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, type Browser } from './browser';
import { serveFolder } from './static-server';

const require = createRequire(import.meta.url);
let b: Browser;
let server: { origin: string; close(): Promise<void> };
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lantern-backends-'));
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
  for (const f of [
    'tfjs-backend-wasm.wasm',
    'tfjs-backend-wasm-simd.wasm',
    'tfjs-backend-wasm-threaded-simd.wasm',
  ]) {
    copyFileSync(join(wasmDir, f), join(dir, f));
  }
  copyFileSync('models/base/weights.bin', join(dir, 'weights.bin'));
  const bundle = await build({
    entryPoints: ['tests/e2e/backends.browser.ts'],
    bundle: true,
    write: false,
    format: 'iife',
    target: 'es2022',
    platform: 'browser',
  });
  writeFileSync(join(dir, 'agree.js'), bundle.outputFiles[0]!.text);
  writeFileSync(
    join(dir, 'index.html'),
    '<!doctype html><title>backends</title><link rel="icon" href="data:,"><script src="/agree.js"></script>',
  );
  server = await serveFolder(dir, Number(process.env.LANTERN_E2E_PORT ?? 4173) + 7);
  b = await launch();
}, 120_000);

afterAll(async () => {
  await b?.close();
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tfjs backends', () => {
  it('WebGPU, WebGL and WASM predict what the CPU backend predicts', async () => {
    await b.page.goto(server.origin + '/');
    const descriptor = JSON.parse(readFileSync('models/base/model.json', 'utf8')) as unknown;
    const result = await b.page.evaluate(async (d) => {
      const w = await (await fetch('/weights.bin')).arrayBuffer();
      const api = (
        globalThis as unknown as { __agree: { run(d: unknown, w: ArrayBuffer): Promise<unknown> } }
      ).__agree;
      return api.run(d, w);
    }, descriptor);
    const { adapter, mask, out } = result as {
      adapter: string | null;
      mask: number[];
      out: Record<string, { full?: number[]; next?: number[]; loss?: number; error?: string }>;
    };
    expect(adapter).toBe('swiftshader');
    for (const backend of ['cpu', 'wasm', 'webgl', 'webgpu']) {
      expect(out[backend]?.error, `${backend} failed: ${out[backend]?.error}`).toBeUndefined();
    }
    const cpu = out.cpu!;
    const report: string[] = [];
    for (const backend of ['wasm', 'webgl', 'webgpu']) {
      const o = out[backend]!;
      let fullDiff = 0;
      o.full!.forEach((p, i) => {
        if (mask[i]) fullDiff = Math.max(fullDiff, Math.abs(p - cpu.full![i]!));
      });
      const nextDiff = Math.max(...o.next!.map((p, i) => Math.abs(p - cpu.next![i]!)));
      report.push(
        `${backend}: max |Δp| ${fullDiff.toExponential(2)} (batch), ${nextDiff.toExponential(2)} (next item); loss Δ ${Math.abs(o.loss! - cpu.loss!).toExponential(2)}`,
      );
      expect(fullDiff).toBeLessThan(2e-3);
      expect(nextDiff).toBeLessThan(2e-3);
      expect(Math.abs(o.loss! - cpu.loss!)).toBeLessThan(1e-3);
    }
    console.log(report.join('\n'));
    // The check can fail: the predictions are not all alike, so a broken backend would show.
    expect(new Set(cpu.next!.map((p) => p.toFixed(4))).size).toBeGreaterThan(10);
    expect(b.problems.filter((p) => !/webgpu|WebGPU/.test(p))).toEqual([]);
  });
});
