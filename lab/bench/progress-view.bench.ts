// The progress screen's forecasts, the work it does on the main thread when it opens:
// `npx tsx lab/bench/progress-view.bench.ts` (or `npm run bench -- --no-build --only=progress-node`).
// Simulated learners of the learning bench (memory family, seed 1, learners 0–9: slower than irt,
// so more skills are open) practise under the app's policy; at answers 200, 600 and 1,000 the
// core calls of ui/screens/progress/progress.ts `buildProgressView` and `goalForecastView` are
// made as they make them (lab code may not import the UI): the learner's own-record widening (a
// replay of the whole history and a forecast per recent skill), every open skill's forecast, and
// a goal five steps away. Each is timed 5 times; one JSON line per checkpoint with the median
// over learners of each learner's median, and the slowest learner's. No assertion about time.
import { performance } from 'node:perf_hooks';
import { mathsGraph } from '../../src/content/maths/index';
import { EloModel } from '../../src/core/elo';
import { forecastGoal, forecastSkill, learnerAccuracy, ownRecordWidening } from '../../src/core/forecast';
import { summaryFromAttempts } from '../../src/core/practice';
import { median as medianOrNull } from '../../src/core/habits';
import { masteryBySkill } from '../../src/core/progress';
import { seededRng, seedFrom } from '../../src/core/rng';
import type { LearnerModel, PracticeSummary } from '../../src/core/types';
import { PolicyRun, pickGoal } from '../learn/forecast-eval';

const CHECKPOINTS = [200, 600, 1000];
const LEARNERS = 10;
const REPEATS = 5;

const median = (xs: readonly number[]): number => medianOrNull(xs) ?? Number.NaN;
const round = (x: number): number => Math.round(x * 10) / 10;
const time = (f: () => unknown): number => {
  const xs: number[] = [];
  for (let r = 0; r < REPEATS; r++) {
    const t0 = performance.now();
    f();
    xs.push(performance.now() - t0);
  }
  return median(xs);
};

const graph = mathsGraph;
const rows = new Map<number, { view: number[]; widening: number[]; goal: number[]; open: number[] }>(
  CHECKPOINTS.map((c) => [c, { view: [], widening: [], goal: [], open: [] }]),
);
for (let learner = 0; learner < LEARNERS; learner++) {
  const run = new PolicyRun('memory', graph, 1, learner);
  let i = 0;
  for (const checkpoint of CHECKPOINTS) {
    for (; i < checkpoint; i++) run.step(i);
    const attempts = [...run.history];
    const now = attempts[attempts.length - 1]!.timestamp + 60 * 60 * 1000;
    const practice = summaryFromAttempts(attempts);
    const cloneModel = () => run.clone();
    const replay = {
      fresh: () => new EloModel(graph),
      copy: (m: LearnerModel) => EloModel.fromState(graph, (m as EloModel).toJSON()),
    };
    const row = rows.get(checkpoint)!;
    const open = openSkills(run.model, practice, now);
    row.open.push(open.length);
    row.widening.push(time(() => ownRecordWidening(attempts, replay.fresh, replay.copy)));
    row.view.push(
      time(() => {
        const accuracy = learnerAccuracy(attempts);
        if (open.length > 0) ownRecordWidening(attempts, replay.fresh, replay.copy);
        for (const id of open) forecastSkill(cloneModel, id, now, seededRng(seedFrom(id)), { accuracy });
      }),
    );
    const steps = pickGoal(graph, run.model, 5);
    if (steps) {
      const goal = steps[steps.length - 1]!;
      row.goal.push(
        time(() =>
          forecastGoal(cloneModel, steps, now, seededRng(seedFrom(goal)), {
            accuracy: learnerAccuracy(attempts),
          }),
        ),
      );
    }
  }
}

/** The skills the progress screen forecasts: those it shows as being learned. */
function openSkills(model: LearnerModel, practice: PracticeSummary, now: number): string[] {
  return masteryBySkill(model, graph, now, { practice })
    .filter((s) => s.state === 'learning')
    .map((s) => s.skillId);
}

for (const [answers, r] of rows) {
  console.log(
    JSON.stringify({
      bench: 'progress-view',
      runtime: `node ${process.version}`,
      family: 'memory',
      learners: LEARNERS,
      answers,
      openSkillsMedian: median(r.open),
      viewMsMedian: round(median(r.view)),
      viewMsMax: round(Math.max(...r.view)),
      wideningMsMedian: round(median(r.widening)),
      goalMsMedian: r.goal.length ? round(median(r.goal)) : null,
      goalMsMax: r.goal.length ? round(Math.max(...r.goal)) : null,
    }),
  );
}
