/**
 * `npm run learn:policy-search -- [--iters 80] [--learners 40] [--validate 100] [--top 3]
 *   [--rng 7] [--quick] [--json]`
 *
 * Is the shipped policy short of the issue's targets because of its parameters? A random search
 * over the Elo model's and the selection's main parameters (the grid below), each configuration
 * run on `--learners` learners of the tuning family (irt, seed 1), then the `--top` best and the
 * shipped configuration re-run on `--validate` learners of both families, seeds 2 and 3 (never
 * used to choose). Same learners, outcome streams and protocol as the bench (run.ts); the empty
 * configuration is the shipped policy, byte for byte.
 */
import { mathsGraph } from '../../src/content/maths/index';
import { seededRng } from '../../src/core/rng';
import type { Rng, SkillGraph } from '../../src/core/types';
import type { FamilyName } from './families';
import type { LanternConfig } from './policies';
import { runLanternVariants, summarise, type PolicyMetrics } from './run';

/** The values each parameter may take (the shipped value is among them). */
export const GRID = Object.freeze({
  s0: [0.5, 1, 2],
  gainSame: [0.02, 0.08, 0.2],
  gainSpaced: [3, 6, 10],
  masteryOn: [0.7, 0.75, 0.8, 0.85],
  learnRight: [0.1, 0.15, 0.2, 0.25],
  kMin: [0.35, 0.5],
  lapse: [0.5, 0.7],
  retention: [0.8, 0.85, 0.9, 0.93],
  maxRepeat: [0, 3],
  target: [
    [0.5, 0.75],
    [0.55, 0.75],
    [0.6, 0.75],
  ] as (readonly [number, number])[],
});

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;

/** One random configuration from the grid. */
export function sampleConfig(rng: Rng): LanternConfig {
  return {
    elo: {
      s0: pick(rng, GRID.s0),
      gainSame: pick(rng, GRID.gainSame),
      gainSpaced: pick(rng, GRID.gainSpaced),
      masteryOn: pick(rng, GRID.masteryOn),
      learnRight: pick(rng, GRID.learnRight),
      kMin: pick(rng, GRID.kMin),
      lapse: pick(rng, GRID.lapse),
    },
    selection: {
      retention: pick(rng, GRID.retention),
      maxRepeat: pick(rng, GRID.maxRepeat),
      target: pick(rng, GRID.target),
    },
  };
}

/** A configuration's figures on `learners` learners of one family and seed. */
export function evaluate(
  family: FamilyName,
  seed: number,
  learners: number,
  config: LanternConfig,
  graph: SkillGraph = mathsGraph,
): PolicyMetrics {
  return summarise(family, seed, 'lantern-elo', runLanternVariants(family, graph, seed, learners, config));
}

export interface SearchResult {
  readonly tuning: { readonly config: LanternConfig; readonly metrics: PolicyMetrics }[];
  readonly validation: {
    readonly label: string;
    readonly config: LanternConfig;
    readonly metrics: PolicyMetrics[];
  }[];
}

export function search(opts: {
  iters: number;
  learners: number;
  validate: number;
  top: number;
  rng: number;
  log?: (line: string) => void;
}): SearchResult {
  const rng = seededRng(opts.rng);
  const tuning: SearchResult['tuning'] = [{ config: {}, metrics: evaluate('irt', 1, opts.learners, {}) }];
  opts.log?.(line('shipped', tuning[0]!.metrics));
  for (let k = 0; k < opts.iters; k++) {
    const config = sampleConfig(rng);
    const metrics = evaluate('irt', 1, opts.learners, config);
    tuning.push({ config, metrics });
    opts.log?.(`${line(`#${k + 1}`, metrics)}  ${JSON.stringify(config)}`);
  }
  const ranked = tuning
    .slice(1)
    .sort((a, b) => (a.metrics.medianToMastery ?? Infinity) - (b.metrics.medianToMastery ?? Infinity));
  const chosen = [
    { label: 'shipped', config: {} },
    ...ranked.slice(0, opts.top).map((r, i) => ({ label: `top ${i + 1}`, config: r.config })),
  ];
  const validation: SearchResult['validation'] = [];
  for (const c of chosen) {
    const metrics: PolicyMetrics[] = [];
    for (const family of ['irt', 'memory'] as const) {
      for (const seed of [2, 3]) {
        const m = evaluate(family, seed, opts.validate, c.config);
        metrics.push(m);
        opts.log?.(line(`${c.label} ${family} seed ${seed}`, m));
      }
    }
    validation.push({ ...c, metrics });
  }
  return { tuning, validation };
}

function line(label: string, m: PolicyMetrics): string {
  const pct = (x: number): string => `${(100 * x).toFixed(1)} %`;
  return `${label.padEnd(22)} median ${String(m.medianToMastery ?? 'never').padStart(5)}  never ${m.never}/${m.learners}  post ${pct(m.post600)}  +30 d ${pct(m.post30)}  ECE ${m.ece?.toFixed(3) ?? '–'}`;
}

function parse(argv: readonly string[]): {
  iters: number;
  learners: number;
  validate: number;
  top: number;
  rng: number;
  json: boolean;
} {
  const o = { iters: 80, learners: 40, validate: 100, top: 3, rng: 7, json: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const num = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isFinite(v) || v < 0) throw new Error(`${a} needs a non-negative number`);
      return v;
    };
    if (a === '--iters') o.iters = num();
    else if (a === '--learners') o.learners = num();
    else if (a === '--validate') o.validate = num();
    else if (a === '--top') o.top = num();
    else if (a === '--rng') o.rng = num();
    else if (a === '--json') o.json = true;
    else if (a === '--quick') Object.assign(o, { iters: 2, learners: 3, validate: 3, top: 1 });
    else throw new Error(`unknown argument ${String(a)}`);
  }
  return o;
}

if (process.argv[1]?.endsWith('policy-search.ts')) {
  const o = parse(process.argv.slice(2));
  const started = Date.now();
  const result = search({ ...o, log: o.json ? undefined : (l) => console.log(l) });
  if (o.json) console.log(JSON.stringify(result));
  else console.log(`\nwall time ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
