/**
 * The store half of the defect catalogue: deliberately defective stores, each a subclass of
 * InMemoryTaskStore that overrides ONE behaviour (a test-only seam; no source text is edited).
 * `expected` names the store-suite tests (name prefixes) that must catch the defect.
 * Never use these stores for anything but the catalogue.
 */
import type { TaskStore } from '../../src/contract.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import { ACCESS_MUTANTS } from './store-mutants-access.js';
import { LEASE_MUTANTS } from './store-mutants-lease.js';
import { STATE_MUTANTS } from './store-mutants-state.js';
import { SharedMemoryStore, type StoreMutant } from './store-seams.js';

export type { StoreMutant } from './store-seams.js';

export const STORE_MUTANTS: readonly StoreMutant[] = [...ACCESS_MUTANTS, ...STATE_MUTANTS, ...LEASE_MUTANTS];

/** The reference stores every mutant is compared with: all their tests must pass. */
export const BASELINES: Record<'baseline' | 'baseline-shared', (options: InMemoryTaskStoreOptions) => TaskStore> = {
  baseline: (options) => new InMemoryTaskStore(options),
  'baseline-shared': (options) => new SharedMemoryStore(options),
};
