/**
 * `npm run learn:bench -- [--learners 200] [--seeds 1,2,3] [--family irt|memory|all]
 *   [--policies fixed,bkt95,random,oracle,lantern-elo] [--backend wasm|cpu] [--quick] [--sweep] [--json]`
 *
 * Simulated learners of two families under the teaching policies on the bundled 40-skill maths
 * course (lab/learn/README.md). Prints one table per family × seed, or with `--json` one JSON
 * line per (family, seed, policy). `--quick`: 8 learners, seed 1, the full course.
 * `--policies`: which policies (default the five above; `lantern-kt`, the network's path, only
 * when named). `--sweep`: the families' parameter sweep (sweep.ts), one table per variant;
 * unless given, 100 learners, seed 1, policies fixed, oracle, lantern-elo. `--backend`: the tfjs
 * backend of the network's path (default wasm; kt-policy.ts), named in its output.
 */
import { mathsGraph } from '../../src/content/maths/index';
import { FAMILIES, type FamilyName } from './families';
import { DEFAULT_KT_BACKEND, loadKtRuntime, type KtBackend } from './kt-policy';
import { ALL_POLICIES, POLICIES, type PolicyName } from './policies';
import { ASYNC_POLICIES, runBench, type PolicyMetrics } from './run';
import { SWEEP, SWEEPS } from './sweep';

export interface BenchArgs {
  readonly learners: number;
  readonly seeds: readonly number[];
  readonly families: readonly FamilyName[];
  readonly policies: readonly PolicyName[];
  readonly sweep: boolean;
  readonly json: boolean;
  /** The tfjs backend of the network's path (only used when a network policy is named). */
  readonly backend: KtBackend;
}

export const QUICK = { learners: 8, seeds: [1] } as const;

export function parseArgs(argv: readonly string[]): BenchArgs {
  let learners: number | undefined;
  let seeds: number[] | undefined;
  let families: readonly FamilyName[] = FAMILIES;
  let policies: readonly PolicyName[] | undefined;
  let json = false;
  let quick = false;
  let sweep = false;
  let backend: KtBackend = DEFAULT_KT_BACKEND;
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
    } else if (a === '--policies') {
      const names = value().split(',');
      for (const p of names) {
        if (!(ALL_POLICIES as readonly string[]).includes(p)) {
          throw new Error(`unknown policy ${p} (known: ${ALL_POLICIES.join(', ')})`);
        }
      }
      policies = [...new Set(names)] as PolicyName[];
    } else if (a === '--backend') {
      const b = value();
      if (b !== 'wasm' && b !== 'cpu') throw new Error(`unknown backend ${b} (known: wasm, cpu)`);
      backend = b;
    } else if (a === '--json') json = true;
    else if (a === '--quick') quick = true;
    else if (a === '--sweep') sweep = true;
    else throw new Error(`unknown argument ${String(a)}`);
  }
  if (quick) {
    learners = QUICK.learners;
    seeds = [...QUICK.seeds];
  }
  learners ??= sweep ? SWEEP.learners : 200;
  seeds ??= sweep ? [...SWEEP.seeds] : [1, 2, 3];
  policies ??= sweep ? SWEEP.policies : POLICIES;
  if (!Number.isInteger(learners) || learners < 1) throw new Error('--learners must be a positive integer');
  if (seeds.length === 0 || seeds.some((s) => !Number.isInteger(s))) {
    throw new Error('--seeds must be integers');
  }
  return { learners, seeds, families, policies, sweep, json, backend };
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
    'ECE',
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
    r.ece === null ? '–' : r.ece.toFixed(3),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, ...body.map((b) => b[c]!.length)));
  const line = (cells: readonly string[]): string => cells.map((x, c) => x.padEnd(widths[c]!)).join('  ');
  return [line(head), ...body.map(line)].join('\n');
}

/** The targets for a policy against the fixed sequence (same family, seed and learners). */
export interface TargetCheck {
  readonly policy: string;
  /** Median answers to mastery ÷ the fixed sequence's; null when the fixed sequence's median is "never". */
  readonly answersRatio: number | null;
  readonly postGain: number;
  readonly retentionGain: number;
  readonly neverShare: number;
  readonly met: {
    readonly answers: boolean;
    readonly post: boolean;
    readonly retention: boolean;
    readonly never: boolean;
  };
}

export const TARGETS = Object.freeze({
  answersRatio: 0.7,
  postGain: 0.05,
  retentionGain: 0.08,
  neverShare: 0.01,
});

/**
 * Slack for comparisons on a target's boundary: a millionth of a percentage point. Figures are
 * means of fractions, so a policy exactly on a boundary is compared in floating point, where
 * neither form is exact (0.85 − 0.80 = 0.0499…, and 0.80 + 0.05 = 0.8500…1 > 0.85).
 */
const ON_BOUNDARY = 1e-9;

/**
 * Which of the targets `p` meets against the fixed sequence `fixed` (same family, seed
 * and learners); a policy exactly on a boundary meets it. A fixed median of "never" is beaten by
 * any finite median, never by "never".
 */
export function meetsTargets(p: PolicyMetrics, fixed: PolicyMetrics): TargetCheck['met'] {
  return {
    answers:
      p.medianToMastery !== null &&
      (fixed.medianToMastery === null ||
        p.medianToMastery <= TARGETS.answersRatio * fixed.medianToMastery + ON_BOUNDARY),
    post: p.post600 - fixed.post600 >= TARGETS.postGain - ON_BOUNDARY,
    retention: p.post30 - fixed.post30 >= TARGETS.retentionGain - ON_BOUNDARY,
    never: p.never <= TARGETS.neverShare * p.learners + ON_BOUNDARY,
  };
}

export function checkTargets(rows: readonly PolicyMetrics[], policy = 'lantern-elo'): TargetCheck | null {
  const fixed = rows.find((r) => r.policy === 'fixed');
  const p = rows.find((r) => r.policy === policy);
  if (!fixed || !p) return null;
  const f = fixed.medianToMastery ?? Infinity;
  const m = p.medianToMastery ?? Infinity;
  const answersRatio = Number.isFinite(f) ? m / f : null;
  return {
    policy,
    answersRatio: answersRatio !== null && Number.isFinite(answersRatio) ? answersRatio : null,
    postGain: p.post600 - fixed.post600,
    retentionGain: p.post30 - fixed.post30,
    neverShare: p.never / p.learners,
    met: meetsTargets(p, fixed),
  };
}

function formatTargets(c: TargetCheck): string {
  const mark = (ok: boolean): string => (ok ? 'met' : 'NOT met');
  const ratio = c.answersRatio === null ? 'fixed: median never' : `${c.answersRatio.toFixed(2)}× fixed`;
  const pts = (x: number): string => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)} points`;
  return (
    `targets (${c.policy} vs fixed): answers ${ratio} (≤ 0.7: ${mark(c.met.answers)}); ` +
    `post-test ${pts(c.postGain)} (≥ +5: ${mark(c.met.post)}); ` +
    `30 days ${pts(c.retentionGain)} (≥ +8: ${mark(c.met.retention)}); ` +
    `never ${(100 * c.neverShare).toFixed(1)} % (≤ 1 %: ${mark(c.met.never)})`
  );
}

/** Target lines: every lantern policy in the table against fixed. */
function targetLines(rows: readonly PolicyMetrics[]): string[] {
  return rows
    .filter((r) => r.policy.startsWith('lantern-'))
    .map((r) => checkTargets(rows, r.policy))
    .filter((c): c is TargetCheck => c !== null)
    .map(formatTargets);
}

export async function bench(args: BenchArgs, out: (line: string) => void): Promise<PolicyMetrics[]> {
  const all: PolicyMetrics[] = [];
  const network = args.policies.some((p) => ASYNC_POLICIES.includes(p));
  // The network's path: tfjs on the chosen backend before any learner runs, named with its figures.
  if (network) await loadKtRuntime(args.backend);
  const onBackend = (r: PolicyMetrics): PolicyMetrics | (PolicyMetrics & { backend: KtBackend }) =>
    ASYNC_POLICIES.includes(r.policy) ? { ...r, backend: args.backend } : r;
  for (const family of args.families) {
    const variants = args.sweep ? SWEEPS[family] : [{ label: '', params: undefined }];
    for (const variant of variants) {
      for (const seed of args.seeds) {
        const rows = await runBench(family, seed, args.learners, mathsGraph, args.policies, variant.params);
        all.push(...rows);
        if (args.json) {
          for (const r of rows) {
            out(JSON.stringify(args.sweep ? { variant: variant.label, ...onBackend(r) } : onBackend(r)));
          }
        } else {
          const name = args.sweep ? `${family} · ${variant.label}` : family;
          const tf = network ? ` · network on tfjs ${args.backend}` : '';
          out(`\n${name} · seed ${seed} · ${args.learners} learners${tf}\n${formatTable(rows)}`);
          for (const line of targetLines(rows)) out(line);
        }
      }
    }
  }
  return all;
}

if (process.argv[1]?.endsWith('bench.ts')) {
  const started = performance.now();
  const args = parseArgs(process.argv.slice(2));
  await bench(args, (l) => console.log(l));
  if (!args.json) console.log(`\nwall time ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
