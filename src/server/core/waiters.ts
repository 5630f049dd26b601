/**
 * `TaskWaiters`: the waiting `tasks/result` calls of one engine, by task. Every write through the
 * store emits a change in-process, which wakes the task's waiters at once with the changed record
 * (for the change's owner), so a waiter needs no read to see what changed. On a store shared
 * across processes a change may happen elsewhere, so waiters also wake every `pollMs` to read (except while the store pushes such changes).
 */
import type { TaskChange, TaskStore } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import { pollGate, type PollGate } from './poll-gate.js';

interface Waiter {
  owner: Owner;
  wake(task: TaskRecord | undefined): void;
}

/** One wait: resolves at the first wake; `latest()` is what it saw, `dispose()` ends it. */
export interface Wake {
  promise: Promise<TaskRecord | undefined>;
  /** The newest record of the task seen while registered; undefined when it must be read (a wake without a record came, and it was not terminal). */
  latest(): TaskRecord | undefined;
  /** The waiter read `task`: on a pushing store, read again once its next deadline has passed (poll-gate.ts). */
  watch: PollGate['watch'];
  dispose(): void;
}

export class TaskWaiters {
  readonly #waiters = new Map<string, Set<Waiter>>();

  constructor(
    private readonly store: TaskStore,
    private readonly pollMs: number | undefined,
  ) {}

  /** Register a wait for a change of `taskId` seen by `owner` (register before reading: no change is missed). */
  next(owner: Owner, taskId: string, signal: AbortSignal): Wake {
    let resolve!: (task: TaskRecord | undefined) => void;
    const promise = new Promise<TaskRecord | undefined>((r) => (resolve = r));
    let latest: TaskRecord | undefined;
    let reread = false;
    const waiter: Waiter = {
      owner,
      wake: (task) => {
        // Without a record (abort, retirement, the shared-store poll, another owner's change): read again.
        if (task === undefined) reread = true;
        else if (!latest || task.version >= latest.version) latest = task;
        resolve(task);
      },
    };
    let waiters = this.#waiters.get(taskId);
    if (!waiters) this.#waiters.set(taskId, (waiters = new Set()));
    waiters.add(waiter);
    const onAbort = () => waiter.wake(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    // The shared-store poll: another process's change is found only by reading, unless pushed (poll-gate.ts).
    const mustRead = pollGate(this.store);
    const timer = this.pollMs === undefined ? undefined : setInterval(() => mustRead() && onAbort(), this.pollMs);
    return {
      promise,
      // A terminal record is final: it stays the answer whatever woke the wait after it.
      latest: () => (latest && (!reread || isTerminal(latest.status)) ? latest : undefined),
      watch: mustRead.watch,
      dispose: () => {
        if (timer) clearInterval(timer);
        signal.removeEventListener('abort', onAbort);
        waiters.delete(waiter);
        if (waiters.size === 0) this.#waiters.delete(taskId);
      },
    };
  }

  /** Whether a wait for `taskId` is registered. */
  has(taskId: string): boolean {
    return this.#waiters.has(taskId);
  }

  /** Wake the task's waiters; those of the change's owner get its record. */
  wake(taskId: string, change?: TaskChange): void {
    for (const waiter of this.#waiters.get(taskId) ?? []) waiter.wake(change && change.owner === waiter.owner ? change.task : undefined);
  }

  /** Wake every waiter without a record (the engine closes). */
  wakeAll(): void {
    for (const id of [...this.#waiters.keys()]) this.wake(id);
  }
}
