/**
 * `npm run learn:bench -- [--learners 200] [--seeds 1,2,3] [--family irt|memory|all] [--quick] [--json]`
 *
 * Simulated learners of two families under five policies on the bundled 40-skill maths course
 * (lab/learn/README.md). Prints one table per family × seed, or with `--json` one JSON line per
 * (family, seed, policy). `--quick`: 8 learners, seed 1, the full course.
 */
import { mathsGraph } from '../../src/content/maths/index';
import { FAMILIES, type FamilyName } from './families';
import { POLICIES } from './policies';
import { runBench, type PolicyMetrics } from './run';

export interface BenchArgs {
  readonly learners: number;
  readonly seeds: readonly number[];
  readonly families: readonly FamilyName[];
  readonly json: boolean;
}

export const QUICK = { learners: 8, seeds: [1] } as const;

export function parseArgs(argv: readonly string[]): BenchArgs {
  let learners = 200;
  let seeds: number[] = [1, 2, 3];
  let families: readonly FamilyName[] = FAMILIES;
  let json = false;
  let quick = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--learners') learners = Number(value());
    else if (a === '--seeds') seeds = value().split(',').map(Number);
    else if (a === '--family') {
      const f = value();
      if (f === 'all') families = FAMILIES;
      else if (f === 'irt' || f === 'memory') families = [f];
      else throw new Error(`unknown family ${f}`);
    } else if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else throw new Error(`unknown argument ${String(a)}`);
  }
  if (quick) {
    learners = QUICK.learners;
    seeds = [...QUICK.seeds];
  }
  if (!Number.isInteger(learners) || learners < 1) throw new Error('--learners must be a positive integer');
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s))) {
    throw new Error('--seeds must be integers');
  }
  return { learners, seeds, families, json };
}

const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
const steps = (x: number | null): string => (x === null ? 'never' : String(Math.round(x)));

export function formatTable(rows: readonly PolicyMetrics[]): string {
  const head = [
    'policy',
    'median',
    'IQR',
    'never',
    'post@600',
    'post+30d',
    'mastered@600',
    'in band',
    '> band',
  ];
  const body = rows.map((r) => [
    r.policy,
    steps(r.medianToMastery),
    `${steps(r.q25ToMastery)}–${steps(r.q75ToMastery)}`,
    `${r.never}/${r.learners}`,
    pct(r.post600),
    pct(r.post30),
    pct(r.mastered600),
    pct(r.inBandShare),
    pct(r.aboveBandShare),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((x, c) => x.padEnd(widths[c]!)).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

export function bench(args: BenchArgs, out: (line: string) => void): PolicyMetrics[] {
  const all: PolicyMetrics[] = [];
  for (const family of args.families) {
    for (const seed of args.seeds) {
      const rows = runBench(family, seed, args.learners, mathsGraph, POLICIES);
      all.push(...rows);
      if (args.json) for (const r of rows) out(JSON.stringify(r));
      else out(`\n${family} · seed ${seed} · ${args.learners} learners\n${formatTable(rows)}`);
    }
  }
  return all;
}

if (process.argv[1]?.endsWith('bench.ts')) {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  bench(args, (l) => console.log(l));
  if (!args.json) console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
