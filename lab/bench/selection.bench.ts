// Selection-policy benchmark: `npx tsx lab/bench/selection.bench.ts`.
// Builds a 40-skill synthetic graph, feeds 100,000 synthetic attempts through EloModel.update and
// the practice summary (timed separately), then times 1,000 selectNextItem calls on the result.
// Prints one JSON line per measurement; makes no assertions about time.
import { performance } from 'node:perf_hooks';
import { EloModel } from '../../src/core/elo';
import { buildGraph } from '../../src/core/graph';
import { emptySummary, recordInSummary, SummaryBuilder } from '../../src/core/practice';
import { seededRng } from '../../src/core/rng';
import { selectNextItem } from '../../src/core/selection';
import type { Attempt, Difficulty, PracticeSummary, Skill, SkillId } from '../../src/core/types';

const SKILLS = 40;
const ATTEMPTS = 100_000;
const SELECTIONS = 1_000;

const rng = seededRng(20240601);
const skills: Skill[] = Array.from({ length: SKILLS }, (_, i) => {
  const prerequisites = new Set<SkillId>();
  if (i > 0) prerequisites.add(`s${Math.floor(rng() * i)}`);
  if (i > 4 && rng() < 0.5) prerequisites.add(`s${Math.floor(rng() * i)}`);
  return {
    id: `s${i}`,
    nameKey: `skill.s${i}.name`,
    prerequisites: [...prerequisites],
    strand: ['number', 'fractions', 'algebra'][i % 3]!,
    band: 1 + Math.floor(i / 8),
  };
});
const graph = buildGraph(skills);
const ability = new Map(graph.order.map((id) => [id, rng() * 3 - 1]));
const b: Record<Difficulty, number> = { 1: -1, 2: 0, 3: 1 };

let t = Date.UTC(2024, 0, 1);
const attempts: Attempt[] = [];
for (let i = 0; i < ATTEMPTS; i++) {
  const skillId = graph.order[Math.floor(rng() * SKILLS)]!;
  const difficulty = (1 + Math.floor(rng() * 3)) as Difficulty;
  const p = 1 / (1 + Math.exp(-(ability.get(skillId)! - b[difficulty])));
  t += 5_000 + Math.floor(rng() * 30_000);
  attempts.push({
    id: `a${i}`,
    learnerId: 'bench',
    itemId: `${skillId}~${difficulty}~${i}`,
    skillId,
    difficulty,
    seed: i,
    params: {},
    answer: '1',
    correct: rng() < p,
    responseMs: 3_000 + Math.floor(rng() * 20_000),
    hintsUsed: rng() < 0.1 ? 1 : 0,
    solutionShown: rng() < 0.02,
    timestamp: t,
    appVersion: 'bench',
  });
}

const line = (o: Record<string, unknown>) => console.log(JSON.stringify(o));
const round = (x: number, d = 4) => Number(x.toFixed(d));

const model = new EloModel(graph);
let t0 = performance.now();
for (const a of attempts) model.update(a);
const updateMs = performance.now() - t0;
line({
  bench: 'elo-update',
  attempts: ATTEMPTS,
  totalMs: round(updateMs, 2),
  usPerAttempt: round((updateMs * 1000) / ATTEMPTS),
});

let practice: PracticeSummary = emptySummary();
t0 = performance.now();
for (const a of attempts) practice = recordInSummary(practice, a);
const summaryMs = performance.now() - t0;
line({
  bench: 'summary-immutable',
  attempts: ATTEMPTS,
  totalMs: round(summaryMs, 2),
  usPerAttempt: round((summaryMs * 1000) / ATTEMPTS),
});

const builder = new SummaryBuilder();
t0 = performance.now();
for (const a of attempts) builder.record(a);
const built = builder.build();
const builderMs = performance.now() - t0;
line({
  bench: 'summary-builder',
  attempts: ATTEMPTS,
  totalMs: round(builderMs, 2),
  usPerAttempt: round((builderMs * 1000) / ATTEMPTS),
});
if (built.size !== practice.size) throw new Error('summaries disagree');

const times: number[] = [];
const recent: SkillId[] = [];
const reasons: Record<string, number> = {};
const selRng = seededRng(7);
let now = t + 60_000;
for (let i = 0; i < SELECTIONS; i++) {
  now += 20_000;
  const s0 = performance.now();
  const s = selectNextItem(model, graph, practice, now, selRng, { recent });
  times.push(performance.now() - s0);
  reasons[s.reason] = (reasons[s.reason] ?? 0) + 1;
  recent.push(s.skillId);
  if (recent.length > 4) recent.shift();
}
times.sort((x, y) => x - y);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
line({
  bench: 'select',
  skills: SKILLS,
  attempts: ATTEMPTS,
  calls: SELECTIONS,
  medianMs: round(q(0.5)),
  p95Ms: round(q(0.95)),
  maxMs: round(times.at(-1)!),
  reasons,
});
