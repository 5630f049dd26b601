/**
 * `TaskEngine`: the process-wide core under both wire generations. Create one per store and pass
 * it to every server using that store (`withTasks(server, { engine })`, the 2026 leg's
 * `{ engine }`), so a cancel or a `tasks/result` in one session reaches work started in another.
 * It starts and adopts task executions (`Execution`), owns the store's side channel (`side`),
 * takes over resumable tasks whose worker stopped, sends status notifications, counts task
 * operations against its rate limiter, and offers the task as it changes (`changes`; how a waiter
 * wakes: waiters.ts).
 */
import { randomBytes } from 'node:crypto';
import { clockOf } from '../../clock.js';
import type { TaskStore } from '../../contract.js';
import { InvalidArgumentError, TaskNoLongerRunningError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import {
  checkWindowMs,
  createInput,
  DEFAULT_LEASE_MS,
  type AdoptOptions,
  type CallOptions,
  type StartOptions,
  type TaskEngineOptions,
} from './engine-options.js';
import type { Lease, TaskWork } from './execution.js';
import { Executions } from './executions.js';
import { SideChannel } from './side-channel.js';
import { taskChanges, type TaskChanges } from './task-changes.js';
import { TaskWaiters } from './waiters.js';
import type { Takeover, Resumer, Resumption, TakeOverOptions } from './takeover.js';
import { engineTakeover } from './engine-takeover.js';
import { callInWindow, type CallParts } from './sync-call.js';
import { silentLogger, type TasksLogger } from './logger.js';
import { RateLimiter, type OwnerRateLimiter } from './rate-limit.js';
import { PollAdvisor } from './poll-advisor.js';
import { SyncWindows, type CallOutcome } from './sync-window.js';
import { EngineObserver, type ProgressReport } from './observer.js';

export type { TaskWork, Lease } from './execution.js';
export type { CallOutcome } from './sync-window.js';
export { DEFAULT_LEASE_MS, DEFAULT_SYNC_WINDOW_MS, MAX_SYNC_WINDOW_MS } from './engine-options.js';
export type { AdoptOptions, CallOptions, StartOptions, TaskEngineOptions } from './engine-options.js';
export type { Resumer, Resumption, TakeOverOptions } from './takeover.js';

export class TaskEngine {
  readonly store: TaskStore;
  readonly logger: TasksLogger;
  readonly sharedStorePollMs: number;
  readonly leaseMs: number;
  readonly rateLimiter: OwnerRateLimiter | undefined;
  readonly syncWindowMs: number;
  /** What the engine reports to its metrics and tracing (observer.ts); the legs report through it too. */
  readonly observer: EngineObserver;
  /** The store's side channel: every question and answer of this engine's servers goes through it. */
  readonly side: SideChannel;
  /** The poll interval to tell a requestor about a task now (within the owner's rate share). */
  readonly polls: PollAdvisor;
  /** This engine's lease holder name (random per engine). */
  readonly instanceId = randomBytes(12).toString('base64url');
  readonly #executions: Executions;
  readonly #waiters: TaskWaiters;
  readonly #unsubscribe: () => void;
  readonly #resumers = new Set<Resumer>();
  readonly #takeover: Takeover;
  readonly #windows = new SyncWindows(() => this.store.security.maxActiveTasksPerOwner);
  readonly #callParts: CallParts;

  constructor(options: TaskEngineOptions) {
    this.store = options.store;
    this.logger = options.logger ?? silentLogger;
    this.sharedStorePollMs = options.sharedStorePollMs ?? 500;
    this.leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isSafeInteger(this.leaseMs) || this.leaseMs < 3)
      throw new InvalidArgumentError('TaskEngine: leaseMs must be an integer >= 3');
    if (options.rateLimiter && options.rateLimit) throw new InvalidArgumentError('TaskEngine: pass rateLimiter or rateLimit, not both');
    // The shorthand's buckets refill by the store's clock, like every other decision by time here.
    this.rateLimiter =
      options.rateLimiter ?? (options.rateLimit ? new RateLimiter(options.rateLimit, () => clockOf(this.store).now()) : undefined);
    this.observer = new EngineObserver({ metrics: options.metrics, tracing: options.tracing, clock: clockOf(this.store) });
    this.side = new SideChannel(this.store, this.logger, this.observer);
    this.polls = new PollAdvisor(this.store, { policy: options.pollPolicy, perSecond: this.rateLimiter?.perSecond });
    // The first poll interval: a window ending there answers inline every call polling would have seen at its first poll.
    this.syncWindowMs = checkWindowMs(options.syncWindowMs ?? this.polls.policy.floorMs, 'TaskEngine: syncWindowMs');
    this.#waiters = new TaskWaiters(this.store, this.store.capabilities.sharedAcrossProcesses ? this.sharedStorePollMs : undefined);
    this.#executions = new Executions(this, this.#waiters);
    this.#takeover = engineTakeover(this, { resumers: this.#resumers, executions: this.#executions });
    this.#callParts = {
      windows: this.#windows,
      executions: this.#executions,
      lease: () => this.#lease(),
      logCreated: (o, r) => this.#logCreated(o, r),
    };
    // Another instance's write matters here only for what this engine runs or waits for.
    const uninterest = this.store.interestIn?.((taskId) => this.#executions.has(taskId) || this.#waiters.has(taskId));
    const unsubscribe = this.store.onChange((change) => this.#executions.changed(change, change.remote === true));
    this.#unsubscribe = () => (unsubscribe(), uninterest?.());
  }

  /** Count one task operation of `owner` against the rate limit; throws RATE_LIMITED (R81). */
  admit(owner: Owner): void {
    this.rateLimiter?.take(owner);
  }

  /** Number of tasks executing in this engine (started or adopted). */
  get running(): number {
    return this.#executions.size;
  }

  /** Calls in their sync window now (`call`), not yet tasks. */
  get inWindow(): number {
    return this.#windows.size;
  }

  /** Create the task and start `work` in the background; resolves as soon as the task exists (R16). */
  async start(owner: Owner, options: StartOptions, work: TaskWork): Promise<TaskRecord> {
    const lease = this.#lease();
    const record = await this.store.create(owner, createInput(options, lease));
    this.observer.created(record);
    const { peer, progressToken } = options;
    void this.#executions.adopt(
      owner,
      record.taskId,
      work,
      {
        peer,
        status: record.status,
        expiresInMs: record.ttl,
        ...(progressToken !== undefined && { progressToken }),
        ...(lease && { lease }),
      },
      record,
    );
    this.#logCreated(owner, record);
    return record;
  }

  /**
   * Run `work` for a call the server may answer with its result or with a task (sync-window.ts):
   * inline for up to `windowMs`; a call ending in it is answered with its result (no task
   * exists); otherwise, or once the work touches its task (a question, variables), the task is
   * stored and the same run goes on as it. Rejects only when that task is refused (quota, caps).
   * A window of 0, or an owner with its quota of calls in their window here, makes a task at once.
   */
  call(owner: Owner, options: CallOptions, work: TaskWork): Promise<CallOutcome> {
    return callInWindow(this, this.#callParts, owner, options, work);
  }

  #lease(): Lease | undefined {
    return this.#usesLeases() ? { holder: this.instanceId, ms: this.leaseMs } : undefined;
  }

  #logCreated(owner: Owner, record: TaskRecord): void {
    this.logger({ event: 'task.created', owner, taskId: record.taskId, status: record.status, detail: record.request.method });
  }

  /**
   * Run `work` for an existing active task as one of this engine's executions: counted by
   * `running`, aborted on cancel and by `close()`, completed or failed with its outcome.
   * Resolves when the work has ended, with the record of its terminal write, or undefined when
   * none was written (cancelled, expired, refused, or the engine closed).
   */
  adopt(owner: Owner, taskId: string, work: TaskWork, options: AdoptOptions = {}): Promise<TaskRecord | undefined> {
    return this.#executions.adopt(owner, taskId, work, options);
  }

  /** Listen to the progress the tasks of this engine report (not stored; the live monitor shows it). */
  onProgress(listener: (report: ProgressReport) => void): () => void {
    return this.observer.onProgress(listener);
  }

  /**
   * Add a way to continue resumable tasks (`withTasks` adds one per server: its resumable tools).
   * Returns the removal function.
   */
  addResumer(resumer: Resumer): () => void {
    this.#resumers.add(resumer);
    return () => this.#resumers.delete(resumer);
  }

  /**
   * Continue `task` here now, for a caller that knows its worker stopped (e.g.
   * `SequentialWorkflow.resume` after a crash): the takeover path (takeover.ts), as when a read
   * finds the lease run out, but at once: `from` (default: the task's lease holder) is declared
   * stopped, so its lease is taken before it runs out. A new lease under this engine's name, the
   * stopped worker's questions withdrawn, an ordinary execution (counted, cancellable, closed by
   * `close()`) whose questions work as in any run. Resolves with the task's final record (as
   * stored when the run wrote nothing, e.g. the engine closed). RESUME_REFUSED when it runs here
   * already or another worker holds its lease.
   */
  async takeOver(owner: Owner, task: TaskRecord, resumption: Resumption, options: TakeOverOptions = {}): Promise<TaskRecord> {
    const final = await this.#takeover.resume(owner, task, resumption, options);
    return final ?? this.store.get(owner, task.taskId);
  }

  /** A record was read: a resumable task whose lease expired is taken over here (takeover.ts). */
  noticeLease(owner: Owner, task: TaskRecord): void {
    if (task.resumable) this.#takeover.notice(owner, task);
  }

  #usesLeases(): boolean {
    return this.store.capabilities.sharedAcrossProcesses && typeof this.store.renewLease === 'function';
  }

  /** The task as `owner` may see it now (TASK_NOT_FOUND otherwise); a resumable task whose worker stopped is taken over here. */
  async read(owner: Owner, taskId: string): Promise<TaskRecord> {
    const task = await this.store.get(owner, taskId);
    this.noticeLease(owner, task);
    return task;
  }

  /** The task as it changes (task-changes.ts): each leg builds its waiting on this. */
  changes(owner: Owner, taskId: string, signal: AbortSignal): TaskChanges {
    return taskChanges({ store: this.store, waiters: this.#waiters, noticeLease: (o, t) => this.noticeLease(o, t) }, owner, taskId, signal);
  }

  /**
   * Graceful stop: give running tasks up to `graceMs` to finish, then end the rest as failed with
   * SHUTDOWN_MESSAGE (one store write each), which answers their pending `tasks/result` calls.
   * Call `close()` afterwards. New tasks are the caller's to refuse meanwhile.
   */
  async shutdown(graceMs: number): Promise<void> {
    const running = this.#executions.all();
    if (running.length === 0 && this.#windows.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)));
    await Promise.race([Promise.allSettled([...running.map((execution) => execution.finished), this.#windows.decided()]), grace]);
    clearTimeout(timer);
    this.#windows.cancelAll(new TaskNoLongerRunningError('The server is shutting down'));
    await Promise.allSettled(this.#executions.all().map((execution) => execution.failForShutdown()));
  }

  /** Stop listening to the store (does not close it). Running work is aborted. */
  close(): void {
    this.#unsubscribe();
    this.polls.close();
    this.#windows.cancelAll(new TaskNoLongerRunningError('The server is shutting down'));
    for (const execution of this.#executions.all()) execution.retire({ type: 'closed' });
    this.#waiters.wakeAll();
  }
}
