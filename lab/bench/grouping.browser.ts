// Bundled by scripts/bench.mjs and run inside Chromium: the target for grouping
// (1,000 learners × 100 skills under 200 ms) is a browser figure.
import { benchGrouping } from './grouping-cases';

(globalThis as unknown as { __bench: unknown }).__bench = { run: () => benchGrouping() };
