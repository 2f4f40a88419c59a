/**
 * The storing half of the import fuzzer (issue 12: "no partial write"): mutated GIFT files are
 * planned with the app's reader, turned into a bank (`core/gift-bank.ts`, with a random
 * placement that is sometimes a loop) and installed through the real `ContentPackRepo` on
 * fake-indexeddb; a third of the installs fail inside their transaction. After every case the
 * stored packs must be exactly what they were before (refused or failed) or exactly the new bank
 * in place of the old one (stored). Used by `npm run content:fuzz -- --store` (10,000 cases) and
 * a small smoke in the unit tests.
 */
import { ValidationError } from '../../src/core/errors';
import { bankFromPlan, bankId, bankSkillId } from '../../src/core/gift-bank';
import type { GiftPlan } from '../../src/core/gift';
import { seededRng } from '../../src/core/rng';
import type { Rng } from '../../src/core/types';
import { mathsCourse } from '../../src/content/maths';
import { readGift } from '../../src/app/gift-read';
import type { Sanitise } from '../../src/app/sanitise';
import type { LanternDB } from '../../src/storage/db';
import { ContentPackRepo } from '../../src/storage/content-packs';
import { mutateGift } from './gift-fuzz';

export interface BankStoreFuzzResult {
  readonly cases: number;
  readonly stored: number;
  readonly rolledBack: number;
  readonly refused: number;
  readonly violations: number;
  readonly uncaught: number;
  readonly firstFailures: readonly string[];
  readonly ms: number;
}

const TITLES = ['Geo', 'Geo', 'Fractions quiz', '分数练习', 'Bank 7'];

function pick<T>(rng: Rng, xs: readonly T[]): T {
  return xs[Math.floor(rng() * xs.length)]!;
}

/** A random placement: none, a bundled prerequisite, another skill of the bank, or a loop. */
function placementFor(plan: GiftPlan, title: string, rng: Rng): Record<string, { prerequisites: string[] }> {
  const out: Record<string, { prerequisites: string[] }> = {};
  const ids = plan.skills.map((s) => s.id);
  for (const s of ids) {
    const r = rng();
    if (r < 0.4) continue;
    if (r < 0.7) out[s] = { prerequisites: [pick(rng, mathsCourse.skills).id] };
    else out[s] = { prerequisites: [bankSkillId(title, pick(rng, ids))] };
  }
  return out;
}

export async function runBankStoreFuzz(
  db: LanternDB,
  sanitise: Sanitise,
  cases: number,
  seed: number,
  seeds: readonly string[],
  now: () => number,
): Promise<BankStoreFuzzResult> {
  const rng = seededRng(seed);
  const repo = new ContentPackRepo(db);
  const failures: string[] = [];
  let stored = 0;
  let rolledBack = 0;
  let refused = 0;
  let violations = 0;
  let uncaught = 0;
  const start = now();
  for (let c = 0; c < cases; c++) {
    const { text, label } = mutateGift(pick(rng, seeds), rng, seeds);
    const fail = (what: string) => {
      violations += 1;
      if (failures.length < 10) failures.push(`case ${c} (${label}): ${what}`);
    };
    const before = JSON.stringify(await repo.list());
    try {
      const plan = readGift(text, sanitise);
      const title = pick(rng, TITLES);
      const old = (await repo.list()).find((r) => r.id === bankId(title));
      const pack = bankFromPlan(plan, {
        title,
        lang: rng() < 0.5 ? 'en' : 'zh-CN',
        version: (old?.version ?? 0) + 1,
        placement: placementFor(plan, title, rng),
        bundled: mathsCourse.skills,
      });
      const inject = rng() < 1 / 3;
      try {
        await repo.install(
          { id: pack.id, version: pack.version, pack, recordVersion: 2 },
          {
            now: c,
            beforeCommit: () => {
              if (inject) throw new Error('injected failure');
            },
          },
        );
      } catch (e) {
        if (!inject) throw e;
        rolledBack += 1;
        if (JSON.stringify(await repo.list()) !== before) fail('a failed install changed what was stored');
        continue;
      }
      if (inject) fail('an install that should have failed was stored');
      stored += 1;
      const after = await repo.list();
      const row = after.find((r) => r.id === pack.id);
      if (!row || JSON.stringify(row.pack) !== JSON.stringify(pack)) {
        fail('the stored bank is not the planned one');
      }
      const others = (rows: typeof after) => JSON.stringify(rows.filter((r) => r.id !== pack.id));
      if (others(after) !== others(JSON.parse(before) as typeof after)) fail('another pack changed');
    } catch (e) {
      if (e instanceof ValidationError) {
        refused += 1;
        if (JSON.stringify(await repo.list()) !== before) fail('a refused bank changed what was stored');
      } else {
        uncaught += 1;
        if (failures.length < 10) failures.push(`case ${c} (${label}): uncaught ${String(e)}`);
      }
    }
  }
  return {
    cases,
    stored,
    rolledBack,
    refused,
    violations,
    uncaught,
    firstFailures: failures,
    ms: now() - start,
  };
}
