/**
 * The 2025-11-25 wire's waiting: a `tasks/result` blocks until the task is terminal (R39-R41) and
 * meanwhile carries the task's questions on its own response stream (R49, R51); a `tasks/get`
 * offers a question on its response for requestors that only poll. Built on the engine's
 * `changes` (the task as it changes) and this wire's input carrier.
 */
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { TaskEngine } from '../core/engine.js';
import { carrierOf, type Carrier } from './input-carrier.js';
import { carryProgress } from './progress-carrier.js';

/**
 * Resolve when the task is terminal and return it. While waiting, carry the task's stored
 * questions to the requestor with `stream` (R49, R51), one at a time, each until it is settled
 * or this stream ends. Throws TASK_NOT_FOUND if the task disappears, `signal`'s reason on abort.
 */
export async function waitForResult(
  engine: TaskEngine,
  owner: Owner,
  taskId: string,
  signal: AbortSignal,
  stream: Carrier,
): Promise<TaskRecord> {
  const changes = engine.changes(owner, taskId, signal);
  engine.observer.resultWaiting.add(1);
  let next: IteratorResult<TaskRecord, TaskRecord> | undefined;
  try {
    next = await changes.next();
    while (next.done !== true) {
      // Stateless serving: progress the worker stored since (progress-carrier.ts).
      await carryProgress(engine, owner, next.value, stream);
      // A question on its way: wait for a change (its answer may come through any stream or
      // instance), or for the end of its delivery; the delivery goes on by itself meanwhile.
      const carrying = await carrierOf(engine).carry(owner, next.value, signal, stream);
      next = await changes.next(carrying?.done);
    }
    return next.value;
  } finally {
    engine.observer.resultWaiting.add(-1);
    // Ends the wait still registered when the carrying threw (the value is unused).
    if (next !== undefined && next.done !== true) await changes.return(undefined as never);
  }
}

/**
 * Carry one of the task's free questions (if any) on a poll's response (`tasks/get`), for
 * requestors that never call `tasks/result` while the task waits for input (R51). `stream`
 * aborts when that response has been sent: the question is then given back at once, so the
 * next carrier asks again (A10); its answer may still come, on any POST. Resolves once the
 * question is on its way, before the poll's response.
 */
export async function offerQuestion(
  engine: TaskEngine,
  owner: Owner,
  task: TaskRecord,
  stream: AbortSignal,
  carrier: Carrier,
): Promise<void> {
  await carrierOf(engine).carry(owner, task, stream, carrier);
}
