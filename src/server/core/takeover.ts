/**
 * Takeover of resumable work (issue 13): when an instance reads an active, resumable task whose
 * lease has expired (its worker's process died, or lost the store for longer than the lease), it
 * claims the lease with one conditional write (`takeOverLease`: of racing instances exactly one
 * wins) and runs the work again from the stored request, with a fresh lease. Work that keeps its
 * progress in the task (a `SequentialWorkflow`: step outputs are variables) continues where it
 * stopped; the step that was in flight runs again (at least once per step). Questions the dead
 * worker left outstanding are withdrawn: nobody waits for their answers; the work asks again.
 * A task no resumer here can continue is failed as a plain lease expiry would fail it.
 */
import { clockOf } from '../../clock.js';
import { LEASE_EXPIRED_MESSAGE, type TaskStore } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { Lease, TaskWork } from './execution.js';
import type { TasksLogger } from './logger.js';
import type { SideChannel } from './side-channel.js';

/** Builds the work that continues a resumable task from its stored record, or undefined when it cannot. */
export type Resumer = (owner: Owner, task: TaskRecord) => TaskWork | undefined;

export interface TakeoverHost {
  store: TaskStore;
  side: SideChannel;
  lease: Lease;
  logger: TasksLogger;
  resumers(): Iterable<Resumer>;
  running(taskId: string): boolean;
  adopt(owner: Owner, task: TaskRecord, work: TaskWork): void;
}

export class Takeover {
  /** Tasks this instance is trying to take over right now (one attempt at a time per task). */
  readonly #attempts = new Set<string>();

  constructor(private readonly host: TakeoverHost) {}

  /** A record was read: if its lease expired and it is resumable, try to take it over (in the background). */
  notice(owner: Owner, task: TaskRecord): void {
    const { lease } = task;
    // The store's clock: the lease ran out by the time the store decides by (a ManualClock in tests).
    if (!task.resumable || !lease || isTerminal(task.status) || clockOf(this.host.store).now() < lease.expiresAt) return;
    if (this.#attempts.has(task.taskId) || this.host.running(task.taskId) || !this.host.store.takeOverLease) return;
    this.#attempts.add(task.taskId);
    // Chosen now: a stateless server (and its resumer) may close before the takeover write returns.
    const work = this.#workFor(owner, task);
    void this.#attempt(owner, task, work).finally(() => this.#attempts.delete(task.taskId));
  }

  async #attempt(owner: Owner, task: TaskRecord, work: TaskWork | undefined): Promise<void> {
    const { store, side, lease, logger } = this.host;
    try {
      const taken = await store.takeOverLease!(owner, task.taskId, lease.holder, lease.ms);
      if (!taken) return; // another instance won, or the old holder renewed after all
      if (!work) {
        const error = { code: -32603, message: LEASE_EXPIRED_MESSAGE };
        await store.complete(owner, taken.taskId, { status: 'failed', outcome: { type: 'error', error }, statusMessage: LEASE_EXPIRED_MESSAGE });
        return;
      }
      const stale = Object.keys(taken.input?.requests ?? {});
      const current = stale.length > 0 ? await side.withdraw(owner, taken.taskId, stale) : taken;
      logger({ event: 'task.taken_over', owner, taskId: taken.taskId, status: current.status, detail: `from ${task.lease!.holder}` });
      this.host.adopt(owner, current, work);
    } catch (error) {
      logger({ event: 'task.worker_error', owner, taskId: task.taskId, detail: `takeover failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  #workFor(owner: Owner, task: TaskRecord): TaskWork | undefined {
    for (const resumer of this.host.resumers()) {
      const work = resumer(owner, task);
      if (work) return work;
    }
    return undefined;
  }
}
