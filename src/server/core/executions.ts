/**
 * `Executions`: the engine's running task executions by task ID. It builds them (with the engine's
 * store, side channel, logger and shared-store poll), starts them (`adopt`), tells them the task's
 * changes (`changed`: the task's waiters woken, its status logged, a terminal change retires it)
 * and forgets each one when it retires.
 */
import type { TaskChange } from '../../contract.js';
import { InvalidArgumentError } from '../../errors/index.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { TaskPeer } from './context.js';
import type { TaskEngine } from './engine.js';
import type { AdoptOptions } from './engine-options.js';
import { Execution, type ExecutionHost, type TaskWork } from './execution.js';
import type { ObservedTask } from './observer.js';
import type { TaskWaiters } from './waiters.js';

const NO_PEER: TaskPeer = { notify: () => undefined, clientCapabilities: () => undefined };

export class Executions {
  readonly #executions = new Map<string, Execution>();
  readonly #host: ExecutionHost = {
    endedElsewhere: (execution, task) => this.changed({ owner: execution.owner, task }, true),
    retired: (execution) => {
      if (this.#executions.get(execution.taskId) === execution) this.#executions.delete(execution.taskId);
      // Its waiters re-read: an expired task (no write announces expiry) answers "not found" now.
      this.waiters.wake(execution.taskId);
    },
  };

  constructor(
    private readonly engine: TaskEngine,
    private readonly waiters: TaskWaiters,
  ) {}

  /** Number of executions running now. */
  get size(): number {
    return this.#executions.size;
  }

  has(taskId: string): boolean {
    return this.#executions.has(taskId);
  }

  /** The executions running now (a copy: retiring one does not change it). */
  all(): Execution[] {
    return [...this.#executions.values()];
  }

  /** `execution` (built by `build`) is one of the engine's from now on: counted, told its task's changes. */
  track(execution: Execution): void {
    this.#executions.set(execution.taskId, execution);
  }

  /** `TaskEngine.adopt`, with the task's record when the caller has it (`start`: a new run; the takeover: a resumed one). */
  adopt(
    owner: Owner,
    taskId: string,
    work: TaskWork,
    options: AdoptOptions,
    task?: TaskRecord,
    resumed = false,
  ): Promise<TaskRecord | undefined> {
    if (this.#executions.has(taskId)) throw new InvalidArgumentError(`TaskEngine: task ${taskId} is already running in this engine`);
    const execution = this.build(
      owner,
      taskId,
      options,
      this.engine.observer.begin(owner, taskId, options.status ?? 'working', task, resumed),
    );
    this.#executions.set(taskId, execution);
    execution.start(work);
    return execution.finished;
  }

  /** A new execution of the task, not yet tracked (`adopt` tracks it; a call in its sync window once it is a task). */
  build(owner: Owner, taskId: string, options: AdoptOptions & { ready?: () => Promise<void> }, observed: ObservedTask): Execution {
    const { store, side, logger, sharedStorePollMs } = this.engine;
    const { status = 'working', peer = NO_PEER, progressToken, lease, expiresInMs, ready } = options;
    const pollMs = store.capabilities.sharedAcrossProcesses ? sharedStorePollMs : undefined;
    const host = this.#host;
    return new Execution({
      store,
      side,
      owner,
      taskId,
      status,
      peer,
      progressToken,
      lease,
      expiresInMs,
      logger,
      host,
      pollMs,
      ready,
      observed,
    });
  }

  /** A change of a task (the store's, or one a lease renewal found): its waiters woken; its execution here, if any, told. */
  changed(change: TaskChange, endedElsewhere = false): void {
    const { owner, task } = change;
    this.waiters.wake(task.taskId, change);
    const execution = this.#executions.get(task.taskId);
    if (!execution || execution.owner !== owner) return;
    execution.collect(task);
    // Cancellation is logged where it is requested (TaskMethods.cancel), with its requestor.
    if (execution.observe(task) && task.status !== 'cancelled') {
      this.engine.logger({
        event: isTerminal(task.status) ? (`task.${task.status}` as 'task.completed') : 'task.status',
        owner,
        taskId: task.taskId,
        status: task.status,
      });
    }
    if (isTerminal(task.status)) execution.retire({ type: 'terminal', status: task.status, endedElsewhere });
  }
}
