/**
 * Runs the store conformance suite against the store named by $STORE_MUTANT (a mutant ID of the
 * catalogue, or a baseline). Not a test file on its own (without the variable it registers
 * nothing); test/mutation/store.ts runs it in a child process and reads the results.
 */
import { runStoreConformance } from '../../conformance/index.js';
import { BASELINES, STORE_MUTANTS } from './store-mutants.js';

const id = process.env['STORE_MUTANT'];
const make = id === undefined ? undefined : (BASELINES[id as keyof typeof BASELINES] ?? STORE_MUTANTS.find((m) => m.id === id)?.make);
if (make) {
  runStoreConformance({
    name: `store ${id}`,
    factory: ({ clock, security }) => make({ clock, ...(security && { security }) }),
    propertyRuns: 5, // the catalogue names no property test; fewer runs keep it fast
    // A defect that hangs a test fails it quickly instead of stalling the catalogue.
    testTimeoutMs: 5000,
  });
}
