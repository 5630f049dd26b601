/**
 * `runStoreConformance`: the reusable TaskStore conformance suite (the abstract-level pattern).
 * Call it once from a `node:test` file with a factory that returns a fresh, isolated store; it
 * registers one `describe` per area of the contract (src/contract.ts), each test named after the
 * rule IDs of the spec digest it checks. Areas a store may not offer (leases, for stores not
 * shared across processes) skip each test, naming the capability that is missing.
 *
 * @example
 * ```ts
 * import { runStoreConformance } from 'mcp-tasks/conformance';
 * import { InMemoryTaskStore } from 'mcp-tasks';
 * runStoreConformance({ name: 'InMemoryTaskStore', factory: ({ clock, security }) => new InMemoryTaskStore({ clock, security }) });
 * ```
 */
import nodeTest from 'node:test';
import { createHarness, type StoreConformanceOptions } from './common.js';
import { completionTests } from './completion.js';
import { concurrencyTests } from './concurrency.js';
import { eventTests } from './events.js';
import { expiryTests } from './expiry.js';
import { inputTests } from './input.js';
import { isolationTests } from './isolation.js';
import { leaseTests } from './leases.js';
import { lifecycleTests } from './lifecycle.js';
import { limitTests } from './limits.js';
import { paginationTests } from './pagination.js';
import { propertyTests } from './properties.js';
import { quotaTests } from './quota.js';
import { storageTests } from './storage.js';
import { transitionTests } from './transitions.js';
import { ttlTests } from './ttl.js';
import { variableTests } from './variables.js';

export type { StoreConformanceOptions, StoreFactoryContext, NodeTestModule } from './common.js';

/** The areas of the suite, in the order they run. */
const AREAS = [
  lifecycleTests,
  transitionTests,
  completionTests,
  variableTests,
  inputTests,
  isolationTests,
  quotaTests,
  storageTests,
  ttlTests,
  limitTests,
  paginationTests,
  expiryTests,
  concurrencyTests,
  eventTests,
  leaseTests,
  propertyTests,
];

/** Register the whole store conformance suite for one store implementation. */
export function runStoreConformance(options: StoreConformanceOptions): void {
  const test = options.test ?? nodeTest;
  const harness = createHarness(options, test);
  test.describe(`TaskStore conformance: ${options.name}`, () => {
    for (const area of AREAS) area(harness);
  });
}
