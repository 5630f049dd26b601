/**
 * Test-only seams of the store defect catalogue: the mutant shape and the base classes the
 * defective stores extend.
 */
import type { StoreCapabilities, TaskStore } from '../../src/contract.js';
import { TaskNotFoundError } from '../../src/errors/index.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';

export interface StoreMutant {
  id: string;
  area: string;
  description: string;
  /** Store-suite test names (or name prefixes) expected to fail against this store. */
  expected: string[];
  /** Build the defective store (the suite's factory arguments). */
  make(options: InMemoryTaskStoreOptions): TaskStore;
  /** Declares itself shared across processes, so the lease tests run against it. */
  shared?: boolean;
}

/** The memory store declaring itself shared across processes (test only), so lease tests run. */
export class SharedMemoryStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
}

/** Remembers each task's owner, for defects that reach another owner's task. */
export class OwnerTrackingStore extends InMemoryTaskStore {
  readonly ownerOf = new Map<string, Owner>();
  protected override _insert(record: TaskRecord, maxActive: number): void {
    super._insert(record, maxActive);
    this.ownerOf.set(record.taskId, record.owner);
  }
  /** The real owner of `taskId` when `call` fails TASK_NOT_FOUND for `owner`. */
  async orRealOwner<T>(owner: Owner, taskId: string, call: (owner: Owner) => Promise<T>): Promise<T> {
    try {
      return await call(owner);
    } catch (err) {
      const real = this.ownerOf.get(taskId);
      if (!(err instanceof TaskNotFoundError) || real === undefined || real === owner) throw err;
      return call(real);
    }
  }
}
