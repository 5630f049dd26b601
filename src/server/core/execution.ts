/**
 * `Execution`: one task's run in this process, from adoption to retirement. It owns the work's
 * abort controller, the lease renewal, the answers its questions wait for (`AnswerWaits`: stored
 * with the task, taken when they arrive, R49-R51) and the last status seen; `retire` is its one
 * exit path.
 * The engine keeps a map of executions and calls only these methods.
 */
import type { TaskStore } from '../../contract.js';
import { isTasksError, TaskNoLongerRunningError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import { toWireTask, type TaskRecord } from '../../record.js';
import { isTerminal, type TaskStatus } from '../../status.js';
import { toFailureError } from '../../task-context.js';
import { AnswerWaits } from './answer-waits.js';
import { ServerTaskContext, type TaskPeer } from './context.js';
import type { TasksLogger } from './logger.js';
import type { ObservedTask, RunEnd } from './observer.js';
import type { SideChannel } from './side-channel.js';

/** What a task's work returns: the request's result, or it throws (a JSON-RPC error outcome). */
export type TaskWork = (context: ServerTaskContext) => Promise<JsonObject>;

/** A lease to renew every `ms / 3` while the work runs, under `holder`. */
export interface Lease {
  holder: string;
  ms: number;
}

/** Why an execution ends. */
export type RetireOutcome =
  /** The task was seen terminal; `endedElsewhere` (found by a lease renewal) also stops the work. */
  | { type: 'terminal'; status: TaskStatus; endedElsewhere?: boolean }
  /** The task expired: nothing may be written any more. */
  | { type: 'expired' }
  /** The work returned, but its terminal write was not seen (e.g. the task expired mid-run). */
  | { type: 'finished' }
  /** The engine is shutting down. */
  | { type: 'closed' }
  /** Another instance took the task over after this one's lease lapsed. */
  | { type: 'taken-over' };

/** The engine's side of an execution. */
export interface ExecutionHost {
  /** A lease renewal found the task terminal (e.g. cancelled on another instance): handle it as a change. */
  endedElsewhere(execution: Execution, task: TaskRecord): void;
  /** The execution retired: forget it. */
  retired(execution: Execution): void;
}

export interface ExecutionOptions {
  store: TaskStore;
  /** The side channel on `store` (the engine's). */
  side: SideChannel;
  owner: Owner;
  taskId: string;
  /** The task's status now; a status notification is due when it changes. */
  status: TaskStatus;
  peer: TaskPeer;
  progressToken?: string | number | undefined;
  lease?: Lease | undefined;
  /** The task expires this many ms from now: the work is aborted then (its result could not be stored). */
  expiresInMs?: number | null | undefined;
  logger: TasksLogger;
  host: ExecutionHost;
  /** Re-read the task this often while waiting for answers (stores shared across processes). */
  pollMs?: number | undefined;
  /** The run as the engine's metrics and tracing see it (observer.ts). */
  observed: ObservedTask;
  /** A call in its sync window: the task is stored by this before the work first touches it (sync-window.ts). */
  ready?: (() => Promise<void>) | undefined;
}

/** Message and error of tasks ended by a server shutdown (graceful stop, grace period over). */
export const SHUTDOWN_MESSAGE = 'The server shut down before the task finished';

/** setTimeout's largest delay; a later expiry is left to the store's read-time rule. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Execution {
  readonly owner: Owner;
  readonly taskId: string;
  readonly context: ServerTaskContext;
  /** Resolves when the work has ended: with the record of its terminal write, or undefined if none was written. */
  readonly finished: Promise<TaskRecord | undefined>;
  readonly #options: ExecutionOptions;
  readonly #controller = new AbortController();
  readonly #answers: AnswerWaits;
  #lastStatus: TaskStatus;
  #renewal: NodeJS.Timeout | undefined;
  #expiry: NodeJS.Timeout | undefined;
  #retired = false;
  #finish!: (record: TaskRecord | undefined) => void;

  constructor(options: ExecutionOptions) {
    this.#options = options;
    this.owner = options.owner;
    this.taskId = options.taskId;
    this.#lastStatus = options.status;
    this.finished = new Promise((resolve) => (this.#finish = resolve));
    this.#answers = new AnswerWaits({
      side: options.side,
      owner: options.owner,
      taskId: options.taskId,
      pollMs: options.pollMs,
      onError: (detail) => this.#log(detail),
    });
    this.context = new ServerTaskContext(options.side, options.owner, options.taskId, {
      signal: this.#controller.signal,
      peer: options.peer,
      progressToken: options.progressToken,
      awaitAnswer: (key, asked) => this.#answers.wait(key, asked),
      observed: options.observed,
      ready: options.ready,
    });
  }

  /** Start renewing the lease (if any) and, on the next turn of the event loop, the work. */
  start(work: TaskWork): void {
    this.arm(this.#options.expiresInMs);
    // Run after the CreateTaskResult is on its way (R16).
    setImmediate(() => void this.#run(work));
  }

  /**
   * The task exists: renew its lease (if any) and stop the work when it expires, `expiresInMs`
   * from now. `start` does this; a call that became a task after its sync window does it then.
   */
  arm(expiresInMs: number | null | undefined): void {
    const lease = this.#options.lease;
    if (lease) {
      this.#renewal = setInterval(() => void this.#renew(lease), Math.max(1, Math.floor(lease.ms / 3)));
      this.#renewal.unref();
    }
    if (typeof expiresInMs === 'number' && expiresInMs <= MAX_TIMER_MS) {
      // An expired task is gone for every reader and nothing may be written to it: stop the work
      // and free what it holds (a 1 ms TTL must not leave a 600 s job running).
      this.#expiry = setTimeout(() => this.retire({ type: 'expired' }), Math.max(0, expiresInMs));
      this.#expiry.unref();
    }
  }

  /** The work is already running (it began in a sync window): end the task with its outcome, as `start`'s run would. */
  settle(outcome: Promise<JsonObject>): void {
    void this.#run(() => outcome);
  }

  /** Abort the work (a call in its sync window cancelled, or refused a task). */
  abort(reason: Error): void {
    if (!this.#controller.signal.aborted) this.#controller.abort(reason);
  }

  /**
   * End the task because the server is stopping: abort the work, then store it as failed with
   * SHUTDOWN_MESSAGE, so pending `tasks/result` calls answer with that error instead of hanging.
   */
  async failForShutdown(): Promise<void> {
    if (this.#retired) return;
    if (!this.#controller.signal.aborted) this.#controller.abort(new TaskNoLongerRunningError('The server is shutting down'));
    const error = { code: -32603, message: SHUTDOWN_MESSAGE };
    try {
      await this.#options.store.complete(this.owner, this.taskId, {
        status: 'failed',
        outcome: { type: 'error', error },
        statusMessage: SHUTDOWN_MESSAGE,
      });
    } catch (failure) {
      if (!isTasksError(failure, 'TASK_TERMINAL') && !isTasksError(failure, 'TASK_NOT_FOUND')) this.#log(`shutdown: ${String(failure)}`);
    }
    this.retire({ type: 'closed' });
  }

  /**
   * A record of this task was seen (a store change or a renewal). On a status change, send the
   * full task to the requestor (R57, R59: no related-task meta) and return true.
   */
  observe(task: TaskRecord): boolean {
    if (this.#retired || task.status === this.#lastStatus) return false;
    this.#lastStatus = task.status;
    this.#options.observed.status(task);
    this.context.peer.notify({ method: 'notifications/tasks/status', params: toWireTask(task) });
    return true;
  }

  /** A record of this task was seen: the answers its questions wait for may be in it. */
  collect(task: TaskRecord): void {
    this.#answers.see(task);
  }

  /**
   * The one exit: stop renewing, leave the engine, stop progress (R24), abort the work when it
   * must stop, and reject the answers its questions still wait for. Idempotent.
   */
  retire(outcome: RetireOutcome): void {
    if (this.#retired) return;
    this.#retired = true;
    if (this.#renewal !== undefined) clearInterval(this.#renewal);
    if (this.#expiry !== undefined) clearTimeout(this.#expiry);
    this.#renewal = undefined;
    this.#options.host.retired(this);
    this.#options.observed.ended(runEnd(outcome));
    this.context.markTerminal();
    const reason = abortReason(outcome);
    if (reason !== undefined && !this.#controller.signal.aborted) this.#controller.abort(new TaskNoLongerRunningError(reason));
    const message = outcome.type === 'terminal' ? `The task is ${outcome.status}` : 'The task is no longer running';
    this.#answers.close(() => new TaskNoLongerRunningError(message));
  }

  /** Renew the lease; a task found ended goes to the engine as a change, an expired one retires. */
  async #renew(lease: Lease): Promise<void> {
    if (this.#retired) return;
    try {
      const task = await this.#options.store.renewLease!(this.owner, this.taskId, lease.holder, lease.ms);
      if (isTerminal(task.status) && !this.#retired) this.#options.host.endedElsewhere(this, task);
      // Our lease lapsed (e.g. a store outage) and another instance took the work over: stop.
      else if (task.lease !== undefined && task.lease.holder !== lease.holder) this.retire({ type: 'taken-over' });
    } catch (error) {
      if (isTasksError(error, 'TASK_NOT_FOUND')) return this.retire({ type: 'expired' });
      this.#log(`lease renewal failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async #run(work: TaskWork): Promise<void> {
    let record: TaskRecord | undefined;
    try {
      record = await this.#runWork(work);
    } finally {
      // Normally the terminal write already retired it; not when the task expired mid-run.
      this.retire({ type: 'finished' });
      this.#finish(record);
    }
  }

  async #runWork(work: TaskWork): Promise<TaskRecord | undefined> {
    const { context } = this;
    try {
      return await context.complete(await work(context));
    } catch (error) {
      if (this.#controller.signal.aborted) return undefined; // cancelled: nothing may overwrite it (R68)
      try {
        return await context.fail(toFailureError(error as Error));
      } catch (failError) {
        // A late completion of a cancelled or expired task is expected; anything else is logged.
        if (!isTasksError(failError, 'TASK_TERMINAL') && !isTasksError(failError, 'TASK_NOT_FOUND')) {
          this.#log(failError instanceof Error ? failError.message : String(failError));
        }
        return undefined;
      }
    }
  }

  #log(detail: string): void {
    this.#options.logger({ event: 'task.worker_error', owner: this.owner, taskId: this.taskId, detail });
  }
}

/** How a run ended, as the metrics count it. */
function runEnd(outcome: RetireOutcome): RunEnd {
  if (outcome.type === 'terminal') return outcome.status === 'completed' || outcome.status === 'cancelled' ? outcome.status : 'failed';
  return ({ expired: 'expired', finished: 'unwritten', closed: 'closed', 'taken-over': 'taken_over' } as const)[outcome.type];
}

function abortReason(outcome: RetireOutcome): string | undefined {
  switch (outcome.type) {
    case 'terminal':
      if (outcome.status === 'cancelled') return 'The task was cancelled';
      return outcome.endedElsewhere ? `The task is ${outcome.status}` : undefined;
    case 'expired':
      return 'The task expired';
    case 'closed':
      return 'The server is shutting down';
    case 'taken-over':
      return 'Another instance took the task over';
    case 'finished':
      return undefined;
  }
}
