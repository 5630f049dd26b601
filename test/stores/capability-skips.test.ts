/**
 * The store suite never passes what it did not run: against a store that lacks an optional
 * capability, every test of the area needing it calls `t.skip` with the capability's name (the
 * abstract-level rule). A bare `return` would be reported as a pass, which is what the takeover
 * tests once did for stores without `takeOverLease`.
 *
 * The suite is registered on a recording stand-in for `node:test`, so its tests are collected
 * here and run one by one with a context that records `skip`.
 */
import assert from 'node:assert/strict';
import { describe, it, type TestContext } from 'node:test';
import { runStoreConformance, type NodeTestModule } from '../../conformance/index.js';
import type { StoreCapabilities, TaskStore } from '../../src/contract.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';

interface Collected {
  /** The describe titles and the test name, joined by " > ". */
  path: string;
  run(t: TestContext): Promise<unknown>;
}

/** Every test the suite registers for `make`, not run. */
function collect(make: (options: InMemoryTaskStoreOptions) => TaskStore): Collected[] {
  const found: Collected[] = [];
  const titles: string[] = [];
  const recorder = {
    describe(name: string, fn: () => void) {
      titles.push(name);
      fn();
      titles.pop();
    },
    it(name: string, _options: unknown, fn: (t: TestContext) => Promise<unknown>) {
      found.push({ path: [...titles, name].join(' > '), run: fn });
    },
  } as unknown as NodeTestModule;
  runStoreConformance({
    name: 'capability-skips',
    test: recorder,
    factory: ({ clock, security }) => make({ clock, ...(security && { security }) }),
  });
  return found;
}

/** Run one collected test; the reason it skipped with, or undefined when it ran to the end. */
async function skipReason(test: Collected): Promise<string | undefined> {
  let reason: string | undefined;
  const t = { skip: (message?: string) => void (reason = message ?? '(no reason)') } as unknown as TestContext;
  await test.run(t);
  return reason;
}

/** Shared across processes (so lease tests run) but without the optional `takeOverLease`. */
class SharedWithoutTakeover extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
  constructor(options: InMemoryTaskStoreOptions) {
    super(options);
    Object.defineProperty(this, 'takeOverLease', { value: undefined });
  }
}

class WithoutStorageCaps extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: false };
}

/** The test skipped, naming `capability`: a pass would hide that it never ran. */
function assertSkipsNaming(reason: string | undefined, capability: string, path: string): void {
  const what = reason === undefined ? 'passed although the store lacks it' : `skipped without naming it: ${reason}`;
  assert.ok(reason?.includes(capability), `${path}: ${what} (${capability})`);
}

const area = (tests: Collected[], title: string) => {
  const found = tests.filter((x) => x.path.includes(title));
  assert.ok(found.length > 0, `no test under "${title}"`);
  return found;
};

describe('store suite: areas a store lacks are skipped with the capability, never passed', () => {
  it('a shared store without takeOverLease: each takeover test skips naming takeOverLease; the other lease tests run', async () => {
    const tests = area(
      collect((o) => new SharedWithoutTakeover(o)),
      'leases',
    );
    for (const test of tests) {
      const reason = await skipReason(test);
      if (test.path.includes('takeover:')) assertSkipsNaming(reason, 'takeOverLease', test.path);
      else assert.equal(reason, undefined, `${test.path} skipped: ${String(reason)}`);
    }
  });

  it('a store not shared across processes: every lease and takeover test skips naming sharedAcrossProcesses', async () => {
    for (const test of area(
      collect((o) => new InMemoryTaskStore(o)),
      'leases',
    )) {
      assertSkipsNaming(await skipReason(test), 'sharedAcrossProcesses', test.path);
    }
  });

  it('a store without storage caps: every storage test skips naming storageCaps', async () => {
    for (const test of area(
      collect((o) => new WithoutStorageCaps(o)),
      'storage caps',
    )) {
      assertSkipsNaming(await skipReason(test), 'storageCaps', test.path);
    }
  });
});
