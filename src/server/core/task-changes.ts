/**
 * The task as it changes, the waiting both legs build on (`TaskEngine.changes`). A wake comes from
 * the engine's waiters (waiters.ts): every write through the store emits a change in-process,
 * which wakes the task's waiters at once with the changed record; on a store shared across
 * processes they also re-read every `sharedStorePollMs`, except while the store pushes other
 * processes' changes (a live change feed: poll-gate.ts).
 */
import type { TaskStore } from '../../contract.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { TaskWaiters } from './waiters.js';

/** Yields the task's records while it is active; returns its terminal one; `next(until)` may end a wait early. */
export type TaskChanges = AsyncGenerator<TaskRecord, TaskRecord, Promise<unknown> | undefined>;

/** What the changes are read from: the engine's store and waiters, and its takeover notice. */
export interface ChangeSource {
  store: TaskStore;
  waiters: TaskWaiters;
  noticeLease(owner: Owner, task: TaskRecord): void;
}

/**
 * The task as it changes ("the next change of this task"): yields its record while it is active,
 * now and then at each change seen by `owner`, and returns its terminal record; throws
 * `signal`'s reason once it aborts, TASK_NOT_FOUND when the task is gone. A record a change
 * handed over is not read again; a wake without one (the shared-store poll, a retirement,
 * another owner's change) reads. The wait for the next change is registered before each record
 * is read, so no change is missed while the caller works on a value. `next(until)` also ends
 * that wait when `until` settles (e.g. a question's delivery ended). Each leg builds its waiting
 * on this (the 2025 `tasks/result`: v2025/result-wait.ts).
 */
export async function* taskChanges(from: ChangeSource, owner: Owner, taskId: string, signal: AbortSignal): TaskChanges {
  let known: TaskRecord | undefined;
  for (;;) {
    signal.throwIfAborted();
    const wake = from.waiters.next(owner, taskId, signal);
    try {
      const task = known ?? (await from.store.get(owner, taskId));
      if (isTerminal(task.status)) return task;
      wake.watch(task);
      from.noticeLease(owner, task);
      const until = yield task;
      await (until ? Promise.race([until, wake.promise]) : wake.promise);
      known = wake.latest();
    } finally {
      wake.dispose();
    }
  }
}
