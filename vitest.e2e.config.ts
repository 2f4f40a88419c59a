import { defineConfig } from 'vitest/config';

// End-to-end tests: the built app (dist/) served by `vite preview`, driven in Debian's
// Chromium through playwright-core. One server, files run one after another.
export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    environment: 'node',
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 180_000,
    hookTimeout: 120_000,
  },
});
