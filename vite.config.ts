import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * A school's Learning Record Store (issue 14): the origins named at build time, comma-separated, in
 * `LANTERN_LRS_ORIGINS` (e.g. `https://lrs.school.example`). Each is added to connect-src, exactly
 * as given, and the settings refuse an endpoint anywhere else. Unset (the default build): nothing
 * but the app's own origin, so the page cannot send anything anywhere.
 */
export function lrsOrigins(raw: string | undefined): string[] {
  const out: string[] = [];
  for (const part of (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    let origin: string;
    try {
      origin = new URL(part).origin;
    } catch {
      throw new Error(`LANTERN_LRS_ORIGINS: "${part}" is not an origin like https://lrs.school.example`);
    }
    if (origin !== part.replace(/\/$/, '') || !/^https?:$/.test(new URL(part).protocol)) {
      throw new Error(
        `LANTERN_LRS_ORIGINS: "${part}" must be an http(s) origin only (no path), like ${origin}`,
      );
    }
    if (!out.includes(origin)) out.push(origin);
  }
  return out;
}

const LRS_ORIGINS = lrsOrigins(process.env.LANTERN_LRS_ORIGINS);

/**
 * Strict CSP, added to the built page only: Vite's dev server injects <style> tags,
 * which `style-src 'self'` would block. 'wasm-unsafe-eval' lets tfjs compile its
 * own-origin .wasm; nothing may connect anywhere but this origin (and the school's LRS origins
 * named at build time, if any).
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  ['connect-src', "'self'", ...LRS_ORIGINS].join(' '),
  "img-src 'self' data: blob:",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "manifest-src 'self'",
].join('; ');

const cspPlugin: Plugin = {
  name: 'lantern-csp',
  apply: 'build',
  transformIndexHtml: () => [
    {
      tag: 'meta',
      attrs: { 'http-equiv': 'Content-Security-Policy', content: CSP },
      injectTo: 'head-prepend',
    },
  ],
};

export default defineConfig({
  define: { __APP_VERSION__: JSON.stringify(pkg.version), __LRS_ORIGINS__: JSON.stringify(LRS_ORIGINS) },
  plugins: [
    svelte(),
    cspPlugin,
    VitePWA({
      strategies: 'generateSW',
      // The learner is told an update is ready; code is never swapped mid-exercise.
      registerType: 'prompt',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'icons/*.png'],
      manifest: {
        id: '/',
        name: 'Lantern — learn offline',
        short_name: 'Lantern',
        description: 'Offline-first maths practice that adapts to each learner. Nothing leaves the device.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#fffaf0',
        theme_color: '#b45309',
        lang: 'en',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
        // Shown by browsers' richer install dialogs (fetched online at install, not precached).
        screenshots: [
          {
            src: '/screenshots/practice-wide.png',
            sizes: '1280x800',
            type: 'image/png',
            form_factor: 'wide',
            label: 'Practising a maths question on a laptop',
          },
          {
            src: '/screenshots/practice-narrow.png',
            sizes: '390x844',
            type: 'image/png',
            form_factor: 'narrow',
            label: 'Practising on a phone',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,wasm,svg,png,ico,json,bin}'],
        maximumFileSizeToCacheInBytes: 10 * 1024 * 1024,
        navigateFallback: '/index.html',
        // Only app navigations fall back to the app; /robots.txt and other files are the server's.
        navigateFallbackDenylist: [/^\/robots\.txt$/, /^\/screenshots\//],
        // The tutor's runtime (wllama.wasm, 10 MB) is not precached for every child: it is cached
        // only when an adult installs a model (app/tutor/tutor-files.ts, issue 13).
        globIgnores: ['screenshots/**', 'assets/wllama-*.wasm'],
        // The first visit's service worker takes control at once, so every lazy screen (teacher,
        // data, backups) is served from the precache if the connection drops before a reload.
        // Updates still wait for the learner (no skipWaiting): see src/ui/state/pwa.svelte.ts.
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  build: { target: 'es2022', sourcemap: false },
  // The knowledge-tracing worker is an ES module worker (it code-splits tfjs's backends).
  worker: { format: 'es' },
  // Routes are in the hash (#/data, …): there is no HTML fallback to serve, so a missing file
  // (/robots.txt aside, which exists) is a real 404 under `vite preview`.
  appType: 'mpa',
  preview: { port: 4173, strictPort: true },
});
