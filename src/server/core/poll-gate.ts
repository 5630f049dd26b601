/**
 * When a waiter on a shared store must re-read it: a change made by another process reaches this
 * one only by reading, unless the store pushes such changes (contract: `pushesRemoteChanges`,
 * `changeFeedEpoch`). Then: no reads while the change feed stays live; a read at every tick
 * while it is down; one read after it came back, since writes made meanwhile were not pushed;
 * and one read once a deadline of the task seen last has passed (its lease, a claim on one of
 * its questions, its expiry), because what happens then (a dead worker's task failed or taken
 * over, a question carried again, the task gone) is found by a read, never pushed by a write.
 */
import { clockOf } from '../../clock.js';
import type { TaskStore } from '../../contract.js';
import { isTerminal } from '../../status.js';
import type { TaskRecord } from '../../record.js';

/** A check for each poll tick of one waiter: true when this tick must read the store. */
export interface PollGate {
  (): boolean;
  /** The waiter read `task`: read again once the task's next deadline has passed. */
  watch(task: TaskRecord): void;
}

export function pollGate(store: TaskStore): PollGate {
  const pushes = store.capabilities.pushesRemoteChanges === true && typeof store.changeFeedEpoch === 'function';
  let seen = pushes ? store.changeFeedEpoch!() : undefined;
  let deadline = Infinity;
  const clock = clockOf(store);
  const gate = (() => {
    if (!pushes) return true;
    const now = store.changeFeedEpoch!();
    // Deadlines are the store's instants (lease, claim, expiry): compared on its clock.
    const mustRead = now === undefined || now !== seen || clock.now() >= deadline;
    seen = now;
    return mustRead;
  }) as PollGate;
  gate.watch = (task) => void (deadline = nextDeadline(task));
  return gate;
}

/** The first instant at which the task changes without a write: lease or question claim lapsing, expiry. */
export function nextDeadline(task: TaskRecord): number {
  let at = task.expiresAt ?? Infinity;
  if (isTerminal(task.status)) return at;
  if (task.lease !== undefined) at = Math.min(at, task.lease.expiresAt);
  for (const request of Object.values(task.input?.requests ?? {})) {
    if (request.claim !== undefined) at = Math.min(at, request.claim.until);
  }
  return at;
}
