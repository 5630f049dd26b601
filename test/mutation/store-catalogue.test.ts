/**
 * The store defect catalogue's machinery works: a small sample of defective stores (the whole
 * catalogue runs with `node dist/test/mutation/store.js`), each run through the store suite in a
 * child process after both baselines passed, is caught by the tests it names.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStoreReport, runStoreMutants } from './store.js';
import { STORE_MUTANTS } from './store-mutants.js';

/** One per kind of seam: a foreign read, a compare-and-set, a race, an endless cursor, a lease race. */
const SAMPLE = ['iso-get-foreign', 'life-from-ignored', 'quota-racy', 'page-repeats-last', 'lease-fail-unconditional'];

describe('store defect catalogue', () => {
  it('the catalogue has at least 25 mutants with unique IDs, each naming the tests that must catch it', () => {
    assert.ok(STORE_MUTANTS.length >= 25, `only ${STORE_MUTANTS.length} store mutants`);
    assert.equal(new Set(STORE_MUTANTS.map((m) => m.id)).size, STORE_MUTANTS.length, 'duplicate mutant IDs');
    for (const m of STORE_MUTANTS) assert.ok(m.expected.length > 0 && m.area && m.description, `${m.id} is incomplete`);
    for (const id of SAMPLE)
      assert.ok(
        STORE_MUTANTS.some((m) => m.id === id),
        `sample mutant ${id} is not in the catalogue`,
      );
  });

  it(`a sample of ${SAMPLE.length} defective stores is each caught by a test it names`, async () => {
    const { suite, results } = await runStoreMutants({ ids: SAMPLE });
    assert.equal(suite, 'store');
    assert.deepEqual(results.map((r) => r.id).sort(), [...SAMPLE].sort());
    for (const r of results) {
      assert.ok(r.killed, `${r.id} survived: failed ${JSON.stringify(r.caughtBy)}, expected one of ${JSON.stringify(r.expected)}`);
      assert.ok(
        r.caughtBy.every((name) => !name.startsWith('(')),
        `${r.id}: the run had to be stopped`,
      );
    }
  });

  it('the report names every survivor and the ratio', () => {
    const base = { area: 'a', description: 'd', expected: ['x'] };
    const report = formatStoreReport([
      { ...base, id: 'caught', caughtBy: ['x1'], killed: true },
      { ...base, id: 'missed', caughtBy: [], killed: false },
    ]);
    assert.match(report, /1 of 2 .*\(50\.0%\)/);
    assert.match(report, /SURVIVED missed/);
    assert.doesNotMatch(report, /SURVIVED caught/);
  });
});
