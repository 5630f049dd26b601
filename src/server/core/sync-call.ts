/**
 * `TaskEngine.call`, the 2026 wire's sync window path: one `SyncWindow` (sync-window.ts) opened on
 * the engine's windows for a call the server may answer with its result or with a task, its
 * execution built at once under a task ID reserved for it, and made the engine's once the task is
 * stored under that ID.
 */
import { clockOf } from '../../clock.js';
import { InvalidOptionsError } from '../../errors/index.js';
import { generateTaskId } from '../../ids.js';
import type { Owner } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { TaskEngine } from './engine.js';
import { createInput, type CallOptions } from './engine-options.js';
import type { Lease, TaskWork } from './execution.js';
import type { Executions } from './executions.js';
import { ObservedOnceCreated } from './observer.js';
import type { CallOutcome, SyncWindows } from './sync-window.js';

/** The engine's own parts a call uses beside its public ones. */
export interface CallParts {
  /** The engine's calls in their window. */
  windows: SyncWindows;
  executions: Executions;
  /** The lease a new task is stored with (undefined when the store takes none). */
  lease(): Lease | undefined;
  logCreated(owner: Owner, record: TaskRecord): void;
}

/** `TaskEngine.call` (see there): a task at once, or the work run inline in its window. */
export async function callInWindow(
  engine: TaskEngine,
  parts: CallParts,
  owner: Owner,
  options: CallOptions,
  work: TaskWork,
): Promise<CallOutcome> {
  const { store, observer } = engine;
  const windowMs = options.windowMs ?? engine.syncWindowMs;
  if (windowMs <= 0 || !parts.windows.admits(owner)) return { type: 'task', record: await engine.start(owner, options, work), ranMs: 0 };
  const taskId = generateTaskId();
  const lease = parts.lease();
  const window = parts.windows.open(owner, {
    windowMs,
    signal: options.signal,
    now: () => clockOf(store).now(),
    create: async () => {
      const record = await store.create(owner, { ...createInput(options, lease), taskId });
      if (record.taskId !== taskId)
        throw new InvalidOptionsError('the task store ignored CreateTaskInput.taskId (see the contract); set syncWindowMs: 0 for it');
      parts.windows.assertOpen();
      parts.executions.track(execution);
      parts.logCreated(owner, record);
      observer.created(record);
      observed.created(observer.begin(owner, taskId, record.status, record, false));
      return record;
    },
  });
  // Observed once it is a task: a call answered inline is a plain call to the metrics and traces.
  const observed = new ObservedOnceCreated();
  const execution = parts.executions.build(
    owner,
    taskId,
    { peer: options.peer, progressToken: options.progressToken, lease, ready: window.ready },
    observed,
  );
  window.run(execution, work);
  return window.outcome;
}
