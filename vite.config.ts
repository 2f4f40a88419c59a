import { svelte } from '@sveltejs/vite-plugin-svelte';
import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};

/**
 * Strict CSP, added to the built page only: Vite's dev server injects <style> tags,
 * which `style-src 'self'` would block. 'wasm-unsafe-eval' lets tfjs compile its
 * own-origin .wasm; nothing may connect anywhere but this origin.
 */
export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
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
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
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
        globIgnores: ['screenshots/**'],
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
