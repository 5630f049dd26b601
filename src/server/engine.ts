/**
 * `TaskEngine`: the process-wide part of the server integration. Create one per store and pass it
 * to every server using that store (`withTasks(server, { engine })`), so a cancel or a
 * `tasks/result` in one session reaches work started in another. It starts and adopts task
 * executions (`Execution`: abort, lease renewal, side-channel queue), sends status notifications,
 * counts task operations against its rate limiter and wakes `tasks/result` waiters.
 *
 * How `tasks/result` wakes: every write through the store emits a change in-process
 * (`store.onChange`), which resolves the waiters of that task at once, with the changed record.
 * When the store is shared between processes (`capabilities.sharedAcrossProcesses`), a change may
 * happen elsewhere, so waiters also re-read the store every `sharedStorePollMs` (default 500 ms),
 * except while the store pushes other processes' changes (a live change feed: poll-gate.ts).
 */
import { randomBytes } from 'node:crypto';
import type { TaskChange, TaskStore } from '../contract.js';
import { InvalidArgumentError } from '../errors/index.js';
import type { JsonObject } from '../json.js';
import type { Owner } from '../owner.js';
import type { TaskRecord } from '../record.js';
import { isTerminal, type TaskStatus } from '../status.js';
import type { TaskPeer } from './context.js';
import { Execution, type ExecutionHost, type Lease, type TaskWork } from './execution.js';
import { InputCarrier, type Carrier } from './input-carrier.js';
import { Takeover, type Resumer } from './takeover.js';
import { pollGate, type PollGate } from './poll-gate.js';
import { silentLogger, type TasksLogger } from './logger.js';
import { RateLimiter, type OwnerRateLimiter, type RateLimitOptions } from './rate-limit.js';

export type { TaskWork, Lease } from './execution.js';

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
  /** Counts every task operation per owner (R81), e.g. `new RateLimiter({ perSecond: 20 })`. Default: none. */
  rateLimiter?: OwnerRateLimiter;
  /** Shorthand for `rateLimiter: new RateLimiter(rateLimit)`. */
  rateLimit?: RateLimitOptions;
}

export const DEFAULT_LEASE_MS = 30_000;

export interface StartOptions {
  request: { method: string; params: JsonObject };
  /** The work can be taken over by another instance when this one stops (see `addResumer`). */
  resumable?: boolean;
  ttl?: number;
  /** The peer that asked: status notifications, progress and side-channel requests go there. */
  peer: TaskPeer;
  progressToken?: string | number;
}

export interface AdoptOptions {
  /** Where status notifications, progress and requests for input go. Default: nowhere (no requestor connection). */
  peer?: TaskPeer;
  progressToken?: string | number;
  /** The task's status now (default `working`). */
  status?: TaskStatus;
  /** Renew this lease while the work runs. Default: none. */
  lease?: Lease;
  /** The task expires this many ms from now; the work is aborted then. Default: never. */
  expiresInMs?: number | null;
}

export type { Carrier } from './input-carrier.js';
export type { Resumer } from './takeover.js';

/** A waiting `tasks/result`: woken with the changed record when it comes from this store. */
interface Waiter {
  owner: Owner;
  wake(task: TaskRecord | undefined): void;
}

const NO_PEER: TaskPeer = { notify: () => undefined, clientCapabilities: () => undefined };

export class TaskEngine {
  readonly store: TaskStore;
  readonly logger: TasksLogger;
  readonly sharedStorePollMs: number;
  readonly leaseMs: number;
  readonly rateLimiter: OwnerRateLimiter | undefined;
  /** This engine's lease holder name (random per engine). */
  readonly instanceId = randomBytes(12).toString('base64url');
  readonly #executions = new Map<string, Execution>();
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #unsubscribe: () => void;
  readonly #carrier: InputCarrier;
  readonly #resumers = new Set<Resumer>();
  readonly #takeover: Takeover;
  readonly #host: ExecutionHost = {
    endedElsewhere: (execution, task) => this.#onChange({ owner: execution.owner, task }, true),
    retired: (execution) => {
      if (this.#executions.get(execution.taskId) === execution) this.#executions.delete(execution.taskId);
      // Its waiters re-read: an expired task (no write announces expiry) answers "not found" now.
      this.#wake(execution.taskId);
    },
  };

  constructor(options: TaskEngineOptions) {
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    this.sharedStorePollMs = options.sharedStorePollMs ?? 500;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isSafeInteger(this.leaseMs) || this.leaseMs < 3) throw new InvalidArgumentError('TaskEngine: leaseMs must be an integer >= 3');
    if (options.rateLimiter && options.rateLimit) throw new InvalidArgumentError('TaskEngine: pass rateLimiter or rateLimit, not both');
    this.rateLimiter = options.rateLimiter ?? (options.rateLimit ? new RateLimiter(options.rateLimit) : undefined);
    this.#carrier = new InputCarrier(this.store, this.instanceId, this.logger);
    this.#takeover = new Takeover({
      store: this.store,
      lease: { holder: this.instanceId, ms: this.leaseMs },
      logger: this.logger,
      resumers: () => this.#resumers,
      running: (taskId) => this.#executions.has(taskId),
      adopt: (owner, task, work) => {
        const lease = { holder: this.instanceId, ms: this.leaseMs };
        const expiresInMs = task.expiresAt === null ? null : task.expiresAt - Date.now();
        void this.adopt(owner, task.taskId, work, { status: task.status, lease, expiresInMs });
      },
    });
    this.#unsubscribe = this.store.onChange((change) => this.#onChange(change, change.remote === true));
  }

  /** Count one task operation of `owner` against the rate limit; throws RATE_LIMITED (R81). */
  admit(owner: Owner): void {
    this.rateLimiter?.take(owner);
  }

  /** Number of tasks executing in this engine (started or adopted). */
  get running(): number {
    return this.#executions.size;
  }

  /** Create the task and start `work` in the background; resolves as soon as the task exists (R16). */
  async start(owner: Owner, options: StartOptions, work: TaskWork): Promise<TaskRecord> {
    const lease = this.#usesLeases() ? { holder: this.instanceId, ms: this.leaseMs } : undefined;
    const record = await this.store.create(owner, {
      request: options.request,
      ...(options.ttl !== undefined && { ttl: options.ttl }),
      ...(lease && { lease }),
      ...(lease && options.resumable === true && { resumable: true }),
    });
    void this.adopt(owner, record.taskId, work, {
      peer: options.peer,
      status: record.status,
      expiresInMs: record.ttl,
      ...(options.progressToken !== undefined && { progressToken: options.progressToken }),
      ...(lease && { lease }),
    });
    this.logger({ event: 'task.created', owner, taskId: record.taskId, status: record.status, detail: options.request.method });
    return record;
  }

  /**
   * Run `work` for an existing active task as one of this engine's executions: counted by
   * `running`, aborted on cancel and by `close()`, completed or failed with its outcome.
   * Resolves when the work has ended, with the record of its terminal write, or undefined when
   * none was written (cancelled, expired, refused, or the engine closed).
   */
  adopt(owner: Owner, taskId: string, work: TaskWork, options: AdoptOptions = {}): Promise<TaskRecord | undefined> {
    if (this.#executions.has(taskId)) throw new InvalidArgumentError(`TaskEngine: task ${taskId} is already running in this engine`);
    const execution = new Execution({
      store: this.store,
      owner,
      taskId,
      status: options.status ?? 'working',
      peer: options.peer ?? NO_PEER,
      progressToken: options.progressToken,
      lease: options.lease,
      expiresInMs: options.expiresInMs,
      logger: this.logger,
      host: this.#host,
      pollMs: this.store.capabilities.sharedAcrossProcesses ? this.sharedStorePollMs : undefined,
    });
    this.#executions.set(taskId, execution);
    execution.start(work);
    return execution.finished;
  }

  /**
   * Add a way to continue resumable tasks (`withTasks` adds one per server: its resumable tools).
   * Returns the removal function.
   */
  addResumer(resumer: Resumer): () => void {
    this.#resumers.add(resumer);
    return () => this.#resumers.delete(resumer);
  }

  /** A record was read: a resumable task whose lease expired is taken over here (takeover.ts). */
  noticeLease(owner: Owner, task: TaskRecord): void {
    if (task.resumable) this.#takeover.notice(owner, task);
  }

  #usesLeases(): boolean {
    return this.store.capabilities.sharedAcrossProcesses && typeof this.store.renewLease === 'function';
  }

  /**
   * Resolve when the task is terminal and return it. While waiting, carry the task's stored
   * questions to the requestor with `carry` (R49, R51). Throws TASK_NOT_FOUND if it disappears.
   */
  async waitForTerminal(owner: Owner, taskId: string, signal: AbortSignal, carry: Carrier): Promise<TaskRecord> {
    for (;;) {
      signal.throwIfAborted();
      // Register before reading, so a change between the read and the wait cannot be missed.
      const wake = this.#nextWake(owner, taskId, signal);
      try {
        const task = await this.store.get(owner, taskId);
        if (isTerminal(task.status)) return task;
        wake.watch(task);
        this.noticeLease(owner, task);
        // A question on its way: wait for its answer, or for a change (it may be answered on
        // another instance, or the task may end meanwhile); the delivery goes on by itself.
        const carrying = await this.#carrier.begin(owner, task, signal, carry);
        // A change from this store carries its record: a terminal one is the answer, unread.
        const changed = await (carrying ? Promise.race([carrying.delivery.then(() => undefined), wake.promise]) : wake.promise);
        if (changed && isTerminal(changed.status)) return changed;
      } finally {
        wake.dispose();
      }
    }
  }

  /**
   * Carry one of the task's free questions (if any) with `carry`, without waiting for the answer:
   * a poll (`tasks/get`) carries it alongside its response for requestors that never call
   * `tasks/result` while the task waits for input (R51). `stream` is that response's signal.
   * Resolves once the question is on its way, before the poll's response.
   */
  async offer(owner: Owner, task: TaskRecord, stream: AbortSignal, carry: Carrier): Promise<void> {
    // The delivery settles by itself: the answer comes back on another POST.
    await this.#carrier.begin(owner, task, stream, carry);
  }

  #nextWake(owner: Owner, taskId: string, signal: AbortSignal): { promise: Promise<TaskRecord | undefined>; dispose: () => void; watch: PollGate['watch'] } {
    let resolve!: (task: TaskRecord | undefined) => void;
    const promise = new Promise<TaskRecord | undefined>((r) => (resolve = r));
    const waiter: Waiter = { owner, wake: resolve };
    let waiters = this.#waiters.get(taskId);
    if (!waiters) this.#waiters.set(taskId, (waiters = new Set()));
    waiters.add(waiter);
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    // The shared-store poll: a change made by another process is found only by reading, unless pushed (poll-gate.ts).
    const mustRead = pollGate(this.store);
    const timer = this.store.capabilities.sharedAcrossProcesses ? setInterval(() => mustRead() && onAbort(), this.sharedStorePollMs) : undefined;
    return {
      promise,
      watch: mustRead.watch,
      dispose: () => {
        if (timer) clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        waiters.delete(waiter);
        if (waiters.size === 0) this.#waiters.delete(taskId);
      },
    };
  }

  /** Wake the task's waiters; those of the change's owner get its record. */
  #wake(taskId: string, change?: TaskChange): void {
    for (const waiter of this.#waiters.get(taskId) ?? []) waiter.wake(change && change.owner === waiter.owner ? change.task : undefined);
  }

  #onChange(change: TaskChange, endedElsewhere = false): void {
    const { owner, task } = change;
    this.#wake(task.taskId, change);
    const execution = this.#executions.get(task.taskId);
    if (!execution || execution.owner !== owner) return;
    execution.collect(task);
    // Cancellation is logged where it is requested (TaskMethods.cancel), with its requestor.
    if (execution.observe(task) && task.status !== 'cancelled') {
      this.logger({ event: isTerminal(task.status) ? (`task.${task.status}` as 'task.completed') : 'task.status', owner, taskId: task.taskId, status: task.status });
    }
    if (isTerminal(task.status)) execution.retire({ type: 'terminal', status: task.status, endedElsewhere });
  }

  /**
   * Graceful stop: give running tasks up to `graceMs` to finish, then end the rest as failed with
   * SHUTDOWN_MESSAGE (one store write each), which answers their pending `tasks/result` calls.
   * Call `close()` afterwards. New tasks are the caller's to refuse meanwhile.
   */
  async shutdown(graceMs: number): Promise<void> {
    const running = [...this.#executions.values()];
    if (running.length === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled(running.map((execution) => execution.finished)), grace]);
    clearTimeout(timer);
    await Promise.allSettled([...this.#executions.values()].map((execution) => execution.failForShutdown()));
  }

  /** Stop listening to the store (does not close it). Running work is aborted. */
  close(): void {
    this.#unsubscribe();
    for (const execution of [...this.#executions.values()]) execution.retire({ type: 'closed' });
    for (const id of [...this.#waiters.keys()]) this.#wake(id);
  }
}
