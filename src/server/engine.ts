/**
 * `TaskEngine`: the process-wide part of the server integration, one per store. It starts task
 * executions, aborts them on cancel, sends status notifications, queues side-channel requests
 * (input_required) and wakes `tasks/result` waiters.
 *
 * How `tasks/result` wakes: every write through the store emits a change in-process
 * (`store.onChange`), which resolves the waiters of that task at once. When the store is shared
 * between processes (`capabilities.sharedAcrossProcesses`), a change may happen elsewhere, so
 * waiters also re-read the store every `sharedStorePollMs` (bounded, default 500 ms).
 */
import { randomBytes } from 'node:crypto';
import type { TaskChange, TaskStore } from '../contract.js';
import { isTasksError } from '../errors/index.js';
import type { JsonObject } from '../json.js';
import type { Owner } from '../owner.js';
import { toWireTask, type TaskRecord } from '../record.js';
import { isTerminal, type TaskStatus } from '../status.js';
import { toFailureError } from '../task-context.js';
import { ServerTaskContext, type PendingRequest, type TaskPeer } from './context.js';
import { silentLogger, type TasksLogger } from './logger.js';
import { RateLimiter, type RateLimitOptions } from './rate-limit.js';

export interface TaskEngineOptions {
  store: TaskStore;
  logger?: TasksLogger;
  /** How often waiters re-read a store shared across processes (ms). Default 500. */
  sharedStorePollMs?: number;
  /**
   * Lease of a task run on a store shared across processes (ms). Default 30 000. The instance
   * renews it every `leaseMs / 3` while the work runs; when the process dies, the task becomes
   * `failed` at the first read after the lease expired. A renewal that finds the task ended
   * elsewhere (e.g. cancelled through another instance) aborts the work.
   */
  leaseMs?: number;
  /** Per-owner rate limit of task operations (R81). Default: none. */
  rateLimit?: RateLimitOptions;
}

export const DEFAULT_LEASE_MS = 30_000;

/** What a task's work returns: the request's result, or it throws (a JSON-RPC error outcome). */
export type TaskWork = (context: ServerTaskContext) => Promise<JsonObject>;

export interface StartOptions {
  request: { method: string; params: JsonObject };
  ttl?: number;
  /** The peer that asked: status notifications, progress and side-channel requests go there. */
  peer: TaskPeer;
  progressToken?: string | number;
}

interface Execution {
  owner: Owner;
  context: ServerTaskContext;
  controller: AbortController;
  lastStatus: TaskStatus;
  pending: PendingRequest[];
  /** Lease renewal timer (shared stores only). */
  renewal: NodeJS.Timeout | undefined;
}

export class TaskEngine {
  readonly store: TaskStore;
  readonly logger: TasksLogger;
  readonly sharedStorePollMs: number;
  readonly leaseMs: number;
  /** This engine's lease holder name (random per engine). */
  readonly instanceId = randomBytes(12).toString('base64url');
  readonly #executions = new Map<string, Execution>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #unsubscribe: () => void;
  readonly rateLimit: RateLimitOptions | undefined;
  readonly #limiter: RateLimiter | undefined;

  constructor(options: TaskEngineOptions) {
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    this.sharedStorePollMs = options.sharedStorePollMs ?? 500;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isSafeInteger(this.leaseMs) || this.leaseMs < 3) throw new Error('TaskEngine: leaseMs must be an integer >= 3');
    this.rateLimit = options.rateLimit;
    this.#limiter = options.rateLimit ? new RateLimiter(options.rateLimit) : undefined;
    this.#unsubscribe = this.store.onChange((change) => this.#onChange(change));
  }

  /** Count one task operation of `owner` against the rate limit; throws RATE_LIMITED (R81). */
  admit(owner: Owner): void {
    this.#limiter?.take(owner);
  }

  /** Number of tasks executing in this process. */
  get running(): number {
    return this.#executions.size;
  }

  /** Create the task and start `work` in the background; resolves as soon as the task exists (R16). */
  async start(owner: Owner, options: StartOptions, work: TaskWork): Promise<TaskRecord> {
    const leased = this.#usesLeases();
    const record = await this.store.create(owner, {
      request: options.request,
      ...(options.ttl !== undefined && { ttl: options.ttl }),
      ...(leased && { lease: { holder: this.instanceId, ms: this.leaseMs } }),
    });
    const controller = new AbortController();
    const execution: Execution = {
      owner,
      controller,
      lastStatus: record.status,
      pending: [],
      renewal: undefined,
      context: new ServerTaskContext(this.store, owner, record.taskId, {
        signal: controller.signal,
        peer: options.peer,
        progressToken: options.progressToken,
        enqueue: (request) => this.#enqueue(record.taskId, request),
      }),
    };
    this.#executions.set(record.taskId, execution);
    if (leased) {
      execution.renewal = setInterval(() => void this.#renew(execution, record.taskId), Math.floor(this.leaseMs / 3));
      execution.renewal.unref();
    }
    this.logger({ event: 'task.created', owner, taskId: record.taskId, status: record.status, detail: options.request.method });
    // Run after the CreateTaskResult is on its way.
    setImmediate(() => void this.#run(execution, work));
    return record;
  }

  #usesLeases(): boolean {
    return this.store.capabilities.sharedAcrossProcesses && typeof this.store.renewLease === 'function';
  }

  /** Renew the lease; a task found ended (e.g. cancelled on another instance) is handled as a change. */
  async #renew(execution: Execution, taskId: string): Promise<void> {
    if (this.#executions.get(taskId) !== execution) return stopRenewal(execution);
    try {
      const task = await this.store.renewLease!(execution.owner, taskId, this.instanceId, this.leaseMs);
      if (isTerminal(task.status) && this.#executions.get(taskId) === execution) {
        // Ended elsewhere (cancelled through another instance, or failed after a lost lease).
        this.#onChange({ owner: execution.owner, task });
        if (!execution.controller.signal.aborted) execution.controller.abort(new Error(`The task is ${task.status}`));
      }
    } catch (error) {
      if (isTasksError(error, 'TASK_NOT_FOUND')) {
        // Expired: nothing may be written any more.
        stopRenewal(execution);
        if (this.#executions.get(taskId) === execution) {
          this.#executions.delete(taskId);
          execution.context.markTerminal();
          execution.controller.abort(new Error('The task expired'));
        }
        return;
      }
      this.logger({ event: 'task.worker_error', owner: execution.owner, taskId, detail: `lease renewal failed: ${error instanceof Error ? error.message : String(error)}` });
    }
  }

  async #run(execution: Execution, work: TaskWork): Promise<void> {
    try {
      await this.#runWork(execution, work);
    } finally {
      stopRenewal(execution);
      // Normally the terminal write already removed it; not when the task expired mid-run
      // (that final write then finds nothing), and it must not stay behind.
      const taskId = execution.context.taskId;
      if (this.#executions.get(taskId) === execution) {
        this.#executions.delete(taskId);
        execution.context.markTerminal();
        for (const request of execution.pending.splice(0)) request.reject(new Error('The task is no longer running'));
      }
    }
  }

  async #runWork(execution: Execution, work: TaskWork): Promise<void> {
    const { context, owner } = execution;
    try {
      const result = await work(context);
      await context.complete(result);
    } catch (error) {
      if (execution.controller.signal.aborted) return; // cancelled: nothing may overwrite it (R68)
      try {
        await context.fail(toFailureError(error as Error));
      } catch (failError) {
        this.#logWorkerError(owner, context.taskId, failError);
      }
      return;
    }
  }

  #logWorkerError(owner: Owner, taskId: string, error: unknown): void {
    // A late completion of a cancelled or expired task is expected; anything else is logged.
    if (isTasksError(error, 'TASK_TERMINAL') || isTasksError(error, 'TASK_NOT_FOUND')) return;
    this.logger({ event: 'task.worker_error', owner, taskId, detail: error instanceof Error ? error.message : String(error) });
  }

  /**
   * Resolve when the task is terminal and return it. While waiting, hand queued side-channel
   * requests to `deliver` (R49, R51). Throws TASK_NOT_FOUND if it disappears (expires).
   */
  async waitForTerminal(owner: Owner, taskId: string, signal: AbortSignal, deliver: (request: PendingRequest) => Promise<void>): Promise<TaskRecord> {
    // Fast path: a finished task needs no waiter. Otherwise register first, then re-read, so a
    // change between the read and the registration cannot be missed.
    const first = await this.store.get(owner, taskId);
    if (isTerminal(first.status)) return first;
    for (;;) {
      signal.throwIfAborted();
      const wake = this.#nextWake(taskId, signal);
      try {
        const task = await this.store.get(owner, taskId);
        if (isTerminal(task.status)) return task;
        const execution = this.#executions.get(taskId);
        const request = execution?.owner === owner ? execution.pending.shift() : undefined;
        if (request) {
          await deliver(request);
          continue;
        }
        await wake.promise;
      } finally {
        wake.dispose();
      }
    }
  }

  #nextWake(taskId: string, signal: AbortSignal): { promise: Promise<void>; dispose: () => void } {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    let waiters = this.#waiters.get(taskId);
    if (!waiters) this.#waiters.set(taskId, (waiters = new Set()));
    waiters.add(resolve);
    signal.addEventListener('abort', resolve, { once: true });
    const timer = this.store.capabilities.sharedAcrossProcesses ? setTimeout(resolve, this.sharedStorePollMs) : undefined;
    return {
      promise,
      dispose: () => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', resolve);
        waiters.delete(resolve);
        if (waiters.size === 0) this.#waiters.delete(taskId);
      },
    };
  }

  #enqueue(taskId: string, request: PendingRequest): void {
    const execution = this.#executions.get(taskId);
    if (!execution) {
      request.reject(new Error('The task is no longer running'));
      return;
    }
    execution.pending.push(request);
    this.#wake(taskId);
  }

  /**
   * Put a request back at the head of its task's queue: the `tasks/result` carrying it went away
   * before the answer (the requestor may close that stream and poll, A10), so the next
   * `tasks/result` carries it again instead of the task failing.
   */
  requeue(taskId: string, request: PendingRequest): void {
    const execution = this.#executions.get(taskId);
    if (!execution) {
      request.reject(new Error('The task is no longer running'));
      return;
    }
    execution.pending.unshift(request);
  }

  #wake(taskId: string): void {
    for (const resolve of this.#waiters.get(taskId) ?? []) resolve();
  }

  #onChange({ owner, task }: TaskChange): void {
    this.#wake(task.taskId);
    const execution = this.#executions.get(task.taskId);
    if (!execution || execution.owner !== owner) return;
    if (task.status !== execution.lastStatus) {
      execution.lastStatus = task.status;
      // R57/R59: every status change, the full task, no related-task meta.
      execution.context.peer.notify({ method: 'notifications/tasks/status', params: toWireTask(task) as unknown as JsonObject });
      // Cancellation is logged where it is requested (TaskMethods.cancel), with its requestor.
      if (task.status !== 'cancelled') {
        this.logger({ event: isTerminal(task.status) ? (`task.${task.status}` as 'task.completed') : 'task.status', owner, taskId: task.taskId, status: task.status });
      }
    }
    if (isTerminal(task.status)) {
      stopRenewal(execution);
      this.#executions.delete(task.taskId);
      execution.context.markTerminal();
      if (task.status === 'cancelled') execution.controller.abort(new Error('The task was cancelled'));
      for (const request of execution.pending.splice(0)) request.reject(new Error(`The task is ${task.status}`));
    }
  }

  /** Stop listening to the store (does not close it). Running work is aborted. */
  close(): void {
    this.#unsubscribe();
    for (const execution of this.#executions.values()) {
      stopRenewal(execution);
      execution.controller.abort(new Error('The server is shutting down'));
    }
    this.#executions.clear();
    for (const id of [...this.#waiters.keys()]) this.#wake(id);
  }
}

function stopRenewal(execution: Execution): void {
  if (execution.renewal !== undefined) clearInterval(execution.renewal);
  execution.renewal = undefined;
}
