/** Store defects in leases (on a memory store declaring itself shared) and in change events. */
import { LEASE_EXPIRED_MESSAGE, type CreateTaskInput, type StoreCapabilities, type TaskChange } from '../../src/contract.js';
import { TaskTerminalError } from '../../src/errors/index.js';
import type { Owner } from '../../src/owner.js';
import type { RecordPatch, WriteCondition, WriteResult } from '../../src/stores/base.js';
import { InMemoryTaskStore, type InMemoryTaskStoreOptions } from '../../src/stores/memory.js';
import { OwnerTrackingStore, SharedMemoryStore, type StoreMutant } from './store-seams.js';

type Flaw = (
  store: FlawedLeaseStore,
  owner: Owner,
  taskId: string,
  c: WriteCondition,
  p: RecordPatch,
) => WriteResult | [WriteCondition, RecordPatch];

/** A shared memory store whose `_update` is changed for lease writes. */
class FlawedLeaseStore extends SharedMemoryStore {
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly flaw: Flaw,
  ) {
    super(options);
  }
  protected override _update(owner: Owner, taskId: string, condition: WriteCondition, patch: RecordPatch): WriteResult {
    const changed = this.flaw(this, owner, taskId, condition, patch);
    return Array.isArray(changed) ? super._update(owner, taskId, ...changed) : changed;
  }
  read(owner: Owner, taskId: string) {
    return this._read(owner, taskId);
  }
}
/** `true` for the write that fails a task whose lease expired. */
const isExpiryWrite = (c: WriteCondition) => c.leaseExpiresAt !== undefined;
/** `true` for a lease renewal. */
const isRenewal = (c: WriteCondition, p: RecordPatch) => p.lease !== undefined && c.leaseHolder !== undefined;

class AnyHolderStore extends SharedMemoryStore {
  override renewLease(owner: Owner, taskId: string, holder: string, ms: number) {
    return super.renewLease(owner, taskId, this._read(owner, taskId)?.lease?.holder ?? holder, ms);
  }
}
class ForeignRenewStore extends OwnerTrackingStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
  override renewLease(owner: Owner, taskId: string, holder: string, ms: number) {
    return this.orRealOwner(owner, taskId, (o) => super.renewLease(o, taskId, holder, ms));
  }
}
class TerminalRenewThrowsStore extends SharedMemoryStore {
  override async renewLease(owner: Owner, taskId: string, holder: string, ms: number) {
    const answer = await super.renewLease(owner, taskId, holder, ms);
    if (answer.status !== 'working' && answer.status !== 'input_required') throw new TaskTerminalError(taskId, answer.status);
    return answer;
  }
}
class LeaseDroppedStore extends SharedMemoryStore {
  override create(owner: Owner, input: CreateTaskInput) {
    const { lease: _dropped, ...rest } = input;
    return super.create(owner, rest);
  }
}

/** Change delivery altered by wrapping each listener. */
class FlawedEventsStore extends InMemoryTaskStore {
  constructor(
    options: InMemoryTaskStoreOptions,
    readonly wrap: (listener: (c: TaskChange) => void) => (c: TaskChange) => void,
  ) {
    super(options);
  }
  override onChange(listener: (change: TaskChange) => void) {
    return super.onChange(this.wrap(listener));
  }
}
class SharedFlawedEventsStore extends FlawedEventsStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
}
/** A refused cancel is announced as if it had been written. */
class RefusalEmitsStore extends InMemoryTaskStore {
  readonly #listeners = new Set<(c: TaskChange) => void>();
  override onChange(listener: (change: TaskChange) => void) {
    this.#listeners.add(listener);
    const off = super.onChange(listener);
    return () => {
      this.#listeners.delete(listener);
      off();
    };
  }
  override async cancel(owner: Owner, taskId: string, message?: string) {
    try {
      return await super.cancel(owner, taskId, message);
    } catch (err) {
      const current = this._read(owner, taskId);
      if (current) for (const l of this.#listeners) l({ owner, task: current });
      throw err;
    }
  }
}

type Make = StoreMutant['make'];
const leaseMutant = (id: string, description: string, expected: string[], make: Make): StoreMutant => ({
  id,
  area: 'leases',
  description,
  expected,
  make,
  shared: true,
});
const leaseWrite =
  (flaw: Flaw): Make =>
  (o) =>
    new FlawedLeaseStore(o, flaw);

export const LEASE_MUTANTS: StoreMutant[] = [
  leaseMutant(
    'lease-any-holder',
    'renewLease by another holder is accepted',
    ['lease: renewLease by another holder'],
    (o) => new AnyHolderStore(o),
  ),
  leaseMutant(
    'lease-foreign-owner',
    "renewLease renews another owner's task",
    ["lease: renewLease of another owner's task"],
    (o) => new ForeignRenewStore(o),
  ),
  leaseMutant(
    'lease-never-fails',
    'an expired lease never fails the task',
    ['lease: at expiresAt get', 'lease: at expiresAt list'],
    leaseWrite((s, owner, id, c, p) => (isExpiryWrite(c) ? { ok: false, current: s.read(owner, id) } : [c, p])),
  ),
  leaseMutant(
    'lease-fail-unconditional',
    'the expiry write is not conditioned on the lease it saw (a racing renewal loses)',
    ['lease: a renewal racing'],
    leaseWrite((_s, _o, _i, c, p) => [isExpiryWrite(c) ? { ...c, leaseExpiresAt: undefined } : c, p]),
  ),
  leaseMutant(
    'lease-renew-touches',
    'a renewal moves lastUpdatedAt',
    ['lease: renewLease by the holder'],
    leaseWrite((_s, _o, _i, c, p) => [c, isRenewal(c, p) ? { ...p, lastUpdatedAt: c.now } : p]),
  ),
  leaseMutant(
    'lease-renew-from-old',
    'a renewal extends from the old expiry, not from now',
    ['lease: renewLease by the holder'],
    leaseWrite((s, owner, id, c, p) => {
      const old = s.read(owner, id)?.lease;
      return [
        c,
        isRenewal(c, p) && old ? { ...p, lease: { holder: old.holder, expiresAt: old.expiresAt + (p.lease!.expiresAt - c.now) } } : p,
      ];
    }),
  ),
  leaseMutant(
    'lease-wrong-code',
    'the expiry failure is -32000 instead of -32603',
    ['lease: at expiresAt get'],
    leaseWrite((_s, _o, _i, c, p) => [
      c,
      p.statusMessage === LEASE_EXPIRED_MESSAGE
        ? { ...p, outcome: { type: 'error', error: { code: -32000, message: LEASE_EXPIRED_MESSAGE } } }
        : p,
    ]),
  ),
  leaseMutant(
    'lease-waiting-exempt',
    'tasks in input_required never fail by lease',
    ['lease: at expiresAt get'],
    leaseWrite((s, owner, id, c, p) =>
      isExpiryWrite(c) && c.statusIn.includes('input_required') ? { ok: false, current: s.read(owner, id) } : [c, p],
    ),
  ),
  leaseMutant(
    'lease-terminal-renew-throws',
    'renewLease of a finished task throws instead of reporting the record',
    ['lease: renewLease of a cancelled task'],
    (o) => new TerminalRenewThrowsStore(o),
  ),
  leaseMutant('lease-dropped', 'create ignores the lease', ['lease: create with a lease records'], (o) => new LeaseDroppedStore(o)),
  leaseMutant(
    'events-lease-silent',
    'failing a task by lease announces no change',
    ['lease: at expiresAt get'],
    (o) => new SharedFlawedEventsStore(o, (l) => (c) => (c.task.statusMessage === LEASE_EXPIRED_MESSAGE ? undefined : l(c))),
  ),
  {
    id: 'events-cancel-silent',
    area: 'change events',
    description: 'cancel announces no change',
    expected: ['R57 every successful write emits'],
    make: (o) => new FlawedEventsStore(o, (l) => (c) => (c.task.status === 'cancelled' ? undefined : l(c))),
  },
  {
    id: 'events-late',
    area: 'change events',
    description: 'changes are delivered after the write resolves',
    expected: ['R57 the change of a write is delivered by the time'],
    make: (o) => new FlawedEventsStore(o, (l) => (c) => void setImmediate(() => l(c))),
  },
  {
    id: 'events-on-refusal',
    area: 'change events',
    description: 'a refused cancel is announced',
    expected: ['refused writes and reads emit nothing'],
    make: (o) => new RefusalEmitsStore(o),
  },
];
