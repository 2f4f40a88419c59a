import 'fake-indexeddb/auto';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeSanitiser } from '../../lab/lib/node-sanitiser';
import { freshDb } from '../../src/storage/test-utils';
import { runBankStoreFuzz } from './bank-store-fuzz';
import { GIFT_SEEDS } from './gift-fuzz';

/**
 * The unit tier of the bank-storing fuzzer: 150 mutated files planned, placed and installed
 * through the real repository, a third failing inside the transaction. `npm run content:fuzz --
 * --store` runs 10,000.
 */
describe('storing imported banks (fuzz, unit tier)', () => {
  const db = freshDb('bank-store-fuzz');
  afterAll(async () => db.delete());

  it('150 cases: a refused or failed import leaves the stored packs exactly as they were', async () => {
    const r = await runBankStoreFuzz(db, nodeSanitiser(), 150, 77, GIFT_SEEDS, () => performance.now());
    expect(r.firstFailures).toEqual([]);
    expect(r.uncaught).toBe(0);
    expect(r.violations).toBe(0);
    expect(r.stored + r.rolledBack + r.refused).toBe(150);
    // Every path must be reached, or the fuzzer proves nothing.
    expect(r.stored).toBeGreaterThan(15);
    expect(r.rolledBack).toBeGreaterThan(10);
    expect(r.refused).toBeGreaterThan(15);
  });
});
