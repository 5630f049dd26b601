/**
 * Takeover of resumable work (issue 13), THE way a task's work continues after its worker stopped:
 * the instance claims the lease with one conditional write (`takeOverLease`: of racing instances
 * exactly one wins), withdraws the questions the stopped worker left outstanding (nobody waits
 * for their answers; the work asks again, and its questions work as in any run) and runs the work
 * again from the stored request as one of its executions, under a fresh lease of its own. Work
 * that keeps its progress in the task (a `SequentialWorkflow`: step outputs are variables)
 * continues where it stopped; the step that was in flight runs again (at least once per step).
 *
 * Two ways in, one path:
 * - `notice`: a read found an active, resumable task whose lease ran out by the store's clock (its
 *   worker's process died, or lost the store for longer than the lease). A task no resumer here
 *   can continue is failed as a plain lease expiry would fail it.
 * - `resume`: the caller knows the worker stopped (e.g. `SequentialWorkflow.resume` after a crash)
 *   and names the lease holder it declares dead (`from`), so the lease is taken before it runs
 *   out; a task without a lease (a store not shared) is simply adopted.
 */
import { clockOf } from '../../clock.js';
import { LEASE_EXPIRED_MESSAGE, type TaskStore } from '../../contract.js';
import { ResumeRefusedError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { TaskPeer } from './context.js';
import type { TaskWork } from './execution.js';
import type { TasksLogger } from './logger.js';
import type { SideChannel } from './side-channel.js';

/** How a task continues here: its work, and where its messages go (no requestor connection: status notifications nowhere, questions through the store). */
export interface Resumption {
  work: TaskWork;
  /** The requestor as the resumed run sees it; its `clientCapabilities` decide whether the work may ask. Default: nothing. */
  peer?: TaskPeer;
}

/** Builds how a resumable task continues from its stored record, or undefined when it cannot. */
export type Resumer = (owner: Owner, task: TaskRecord) => Resumption | undefined;

export interface TakeoverHost {
  store: TaskStore;
  side: SideChannel;
  /** This engine's lease holder name, and its lease length. */
  holder: string;
  leaseMs: number;
  logger: TasksLogger;
  resumers(): Iterable<Resumer>;
  running(taskId: string): boolean;
  /** Run `resumption` for the taken-over task `task` as an execution; resolves when its work ended (the record of its terminal write, if any). */
  adopt(owner: Owner, task: TaskRecord, resumption: Resumption, leaseMs: number | undefined): Promise<TaskRecord | undefined>;
}

export interface TakeOverOptions {
  /** The lease holder the caller declares stopped: its lease is taken even before it runs out. */
  from?: string | undefined;
  /** Lease length of the resumed run (ms). Default: the engine's. */
  leaseMs?: number | undefined;
}

export class Takeover {
  /** Tasks this instance is trying to take over right now (one attempt at a time per task). */
  readonly #attempts = new Set<string>();

  constructor(private readonly host: TakeoverHost) {}

  /** A record was read: if its lease ran out (the store's clock) and it is resumable, try to take it over (in the background). */
  notice(owner: Owner, task: TaskRecord): void {
    const { lease } = task;
    if (!task.resumable || !lease || isTerminal(task.status) || clockOf(this.host.store).now() < lease.expiresAt) return;
    if (this.#attempts.has(task.taskId) || this.host.running(task.taskId) || !this.host.store.takeOverLease) return;
    this.#attempts.add(task.taskId);
    // Chosen now: a stateless server (and its resumer) may close before the takeover write returns.
    const resumption = this.#resumptionFor(owner, task);
    void this.#attempt(owner, task, resumption).finally(() => this.#attempts.delete(task.taskId));
  }

  /**
   * Take the task over now and run `resumption` here; resolves with the record of the run's
   * terminal write (undefined when none was written: cancelled, expired, the engine closed).
   * RESUME_REFUSED when the task runs here already, or its lease is held by another worker than
   * `from` (or the store cannot take leases over); a task that ended meanwhile resolves with its record.
   */
  async resume(owner: Owner, task: TaskRecord, resumption: Resumption, options: TakeOverOptions = {}): Promise<TaskRecord | undefined> {
    const { store } = this.host;
    if (this.#attempts.has(task.taskId) || this.host.running(task.taskId))
      throw new ResumeRefusedError(task.taskId, 'it is running in this engine already');
    this.#attempts.add(task.taskId);
    let current: TaskRecord | undefined;
    try {
      const leaseMs = options.leaseMs ?? this.host.leaseMs;
      current = task.lease === undefined ? task : await this.#claim(owner, task, leaseMs, options.from ?? task.lease.holder);
      if (!current) {
        const now = await store.get(owner, task.taskId);
        if (isTerminal(now.status)) return now;
        throw new ResumeRefusedError(
          task.taskId,
          store.takeOverLease ? 'its lease is held by another worker' : 'the store cannot take leases over',
        );
      }
      current = await this.#withdrawStale(owner, current, task);
    } finally {
      this.#attempts.delete(task.taskId);
    }
    return this.host.adopt(owner, current, resumption, current.lease === undefined ? undefined : (options.leaseMs ?? this.host.leaseMs));
  }

  async #attempt(owner: Owner, task: TaskRecord, resumption: Resumption | undefined): Promise<void> {
    const { store, logger } = this.host;
    try {
      const taken = await this.#claim(owner, task, this.host.leaseMs, undefined);
      if (!taken) return; // another instance won, or the old holder renewed after all
      if (!resumption) {
        const error = { code: -32603, message: LEASE_EXPIRED_MESSAGE };
        await store.complete(owner, taken.taskId, {
          status: 'failed',
          outcome: { type: 'error', error },
          statusMessage: LEASE_EXPIRED_MESSAGE,
        });
        return;
      }
      void this.host.adopt(owner, await this.#withdrawStale(owner, taken, task), resumption, this.host.leaseMs);
    } catch (error) {
      logger({
        event: 'task.worker_error',
        owner,
        taskId: task.taskId,
        detail: `takeover failed: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
  }

  /** The one write that makes this engine the holder: the new lease's record, or undefined when it may not. */
  async #claim(owner: Owner, task: TaskRecord, leaseMs: number, from: string | undefined): Promise<TaskRecord | undefined> {
    const takeOverLease = this.host.store.takeOverLease?.bind(this.host.store);
    if (!takeOverLease) return undefined;
    return from === undefined
      ? takeOverLease(owner, task.taskId, this.host.holder, leaseMs)
      : takeOverLease(owner, task.taskId, this.host.holder, leaseMs, from);
  }

  /** Nobody waits for the stopped worker's questions: withdrawn (the task is `working` again); the takeover is logged. */
  async #withdrawStale(owner: Owner, taken: TaskRecord, read: TaskRecord): Promise<TaskRecord> {
    const stale = Object.keys(taken.input?.requests ?? {});
    const current = stale.length > 0 ? await this.host.side.withdraw(owner, taken.taskId, stale) : taken;
    const from = read.lease ? `from ${read.lease.holder}` : 'without a lease';
    this.host.logger({ event: 'task.taken_over', owner, taskId: taken.taskId, status: current.status, detail: from });
    return current;
  }

  #resumptionFor(owner: Owner, task: TaskRecord): Resumption | undefined {
    for (const resumer of this.host.resumers()) {
      const resumption = resumer(owner, task);
      if (resumption) return resumption;
    }
    return undefined;
  }
}
