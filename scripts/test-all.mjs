// Runs every test tier (unit + storage + state in Vitest, then e2e in real Chromium
// against the built app) and ends with one line: "N passed, N failed".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const out = 'test-results';
mkdirSync(out, { recursive: true });
const bin = (name) => `node_modules/.bin/${name}`;
let stepFailed = false;

const failedSteps = new Set();

function run(label, cmd, args) {
  console.log(`\n=== ${label}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  if (r.status !== 0) {
    console.log(`=== ${label} exited with ${r.status ?? r.signal}`);
    stepFailed = true;
    failedSteps.add(label);
  }
  return r.status === 0;
}

function count(file) {
  try {
    const j = JSON.parse(readFileSync(file, 'utf8'));
    // A test file that failed before running any test (e.g. an import error) counts as one failure.
    const brokenFiles = (j.testResults ?? []).filter(
      (f) => f.status === 'failed' && (f.assertionResults ?? []).length === 0,
    ).length;
    return { passed: j.numPassedTests ?? 0, failed: (j.numFailedTests ?? 0) + brokenFiles };
  } catch {
    return { passed: 0, failed: 1 }; // the tier did not even report: count it as a failure
  }
}

for (const f of ['unit.json', 'e2e.json']) rmSync(`${out}/${f}`, { force: true });

run('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${out}/unit.json`]);
const chromium = run('chromium', 'node', ['scripts/ensure-chromium.mjs']);
const built = run('build', bin('vite'), ['build']);
if (chromium && built) {
  run('e2e', bin('vitest'), [
    'run',
    '--config',
    'vitest.e2e.config.ts',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${out}/e2e.json`,
  ]);
}

// A tier whose runner failed (setup error, crash) but reported no failing test still counts
// as one failure, so the totals line can never read "0 failed" for a broken run.
function tier(label, file) {
  const c = count(file);
  return failedSteps.has(label) && c.failed === 0 ? { ...c, failed: 1 } : c;
}
const unit = tier('unit', `${out}/unit.json`);
const e2e = chromium && built ? tier('e2e', `${out}/e2e.json`) : { passed: 0, failed: 1 };
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
console.log(
  `\nunit: ${unit.passed} passed, ${unit.failed} failed; e2e: ${e2e.passed} passed, ${e2e.failed} failed`,
);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || stepFailed ? 1 : 0);
