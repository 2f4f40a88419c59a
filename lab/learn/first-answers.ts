/**
 * `npm run learn:first -- [--family irt|memory] [--seed 1] [--learners 100] [--answers 1000]`
 *
 * How well the Elo model predicts a learner's first answers on a skill, under the app's policy
 * (forecast-eval.ts `PolicyRun`: `nextSelection` over `EloModel`, the same learners and seeds as
 * the learning bench's lantern-elo runs): every served item is
 * put in a group by what the model knew of its skill when it was asked, and the group's mean
 * prediction is set against the share answered right and the simulator's true P(correct).
 *
 * - `placement`: the placement check's level-3 probes;
 * - `first, cold`: never answered, not credited (the model's cold start from prerequisites);
 * - `first, credited`: never answered, credited from a harder skill (the placement's rule);
 * - `answered 1–2`, `answered 3+`: the skill's own evidence.
 *
 * It found that a never-answered skill's cold start predicted about 0.61 where 0.28–0.32 was
 * answered right, on both families, mostly at level 3 (docs/learning.md, "New skills start at
 * the easiest level").
 */
import { parseArgs } from 'node:util';
import { mathsGraph } from '../../src/content/maths/index';
import type { FamilyName } from './families';
import { PolicyRun } from './forecast-eval';
import { itemTime } from './run';

export interface FirstAnswerRow {
  readonly group: string;
  readonly level: number | 'all';
  readonly answers: number;
  readonly predicted: number;
  readonly observed: number;
  readonly truth: number;
}

const GROUPS = ['placement', 'first, cold', 'first, credited', 'answered 1–2', 'answered 3+'] as const;

export function firstAnswerTable(
  family: FamilyName,
  seed: number,
  learners: number,
  answers: number,
): FirstAnswerRow[] {
  const sums = new Map<string, { n: number; pred: number; obs: number; truth: number }>();
  const add = (key: string, pred: number, obs: number, truth: number): void => {
    const g = sums.get(key) ?? { n: 0, pred: 0, obs: 0, truth: 0 };
    g.n += 1;
    g.pred += pred;
    g.obs += obs;
    g.truth += truth;
    sums.set(key, g);
  };
  for (let li = 0; li < learners; li++) {
    const run = new PolicyRun(family, mathsGraph, seed, li);
    for (let i = 0; i < answers; i++) {
      let group = '';
      let level = 0;
      let predicted = 0;
      let truth = 0;
      const attempt = run.step(i, undefined, (sel, p) => {
        const ev = run.model.evidence(sel.skillId, itemTime(i));
        group =
          sel.reason === 'placement'
            ? 'placement'
            : ev.attempts >= 3
              ? 'answered 3+'
              : ev.attempts > 0
                ? 'answered 1–2'
                : ev.credited
                  ? 'first, credited'
                  : 'first, cold';
        level = sel.difficulty;
        predicted = sel.predicted;
        truth = p;
      });
      const right = attempt.correct ? 1 : 0;
      add(`${group}|${level}`, predicted, right, truth);
      add(`${group}|all`, predicted, right, truth);
    }
  }
  const rows: FirstAnswerRow[] = [];
  for (const group of GROUPS) {
    for (const level of ['all', 1, 2, 3] as const) {
      const g = sums.get(`${group}|${level}`);
      if (!g) continue;
      rows.push({
        group,
        level,
        answers: g.n,
        predicted: g.pred / g.n,
        observed: g.obs / g.n,
        truth: g.truth / g.n,
      });
    }
  }
  return rows;
}

if (process.argv[1]?.endsWith('first-answers.ts')) {
  const { values: args } = parseArgs({
    options: {
      family: { type: 'string', default: 'irt' },
      seed: { type: 'string', default: '1' },
      learners: { type: 'string', default: '100' },
      answers: { type: 'string', default: '1000' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const family = args.family;
  if (family !== 'irt' && family !== 'memory') throw new Error(`unknown family ${family} (irt or memory)`);
  const [seed, learners, answers] = [args.seed, args.learners, args.answers].map(Number) as [
    number,
    number,
    number,
  ];
  if (!Number.isInteger(seed)) throw new Error('--seed must be an integer');
  if (!Number.isInteger(learners) || learners < 1) throw new Error('--learners must be a positive integer');
  if (!Number.isInteger(answers) || answers < 1) throw new Error('--answers must be a positive integer');
  for (const r of firstAnswerTable(family, seed, learners, answers)) {
    if (args.json) console.log(JSON.stringify({ family, seed, learners, ...r }));
    else {
      console.log(
        `${family} s${seed} ${r.group.padEnd(16)} level ${String(r.level).padEnd(3)} ${String(r.answers).padStart(6)} answers · ` +
          `predicted ${r.predicted.toFixed(3)} · right ${r.observed.toFixed(3)} · true ${r.truth.toFixed(3)}`,
      );
    }
  }
}
