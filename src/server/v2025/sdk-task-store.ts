/**
 * `toSdkTaskStore(store)`: any mcp-tasks store as the SDK's own experimental `TaskStore`
 * interface, so SDK users can pass it as `taskStore` unchanged. Owners come from the session id
 * the SDK passes (the SDK knows nothing else); errors carry integer JSON-RPC codes so the SDK
 * puts the right code on the wire instead of -32603.
 */
import type { TaskStore as SdkTaskStore, CreateTaskOptions } from '@modelcontextprotocol/sdk/experimental/tasks';
import type { Request, RequestId, Result, Task } from '@modelcontextprotocol/sdk/types.js';
import type { TaskStore } from '../../contract.js';
import { isTasksError, TaskCancelledError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import { ANONYMOUS_OWNER, type Owner } from '../../owner.js';
import { toWireTask } from '../../record.js';
import { toWireError, WireError } from './wire-errors.js';

export interface SdkTaskStoreOptions {
  /** Owner of the SDK's session id. Default: `session:<id>`, or `anonymous` without a session. */
  ownerOf?: (sessionId: string | undefined) => Owner;
}

export function toSdkTaskStore(store: TaskStore, options: SdkTaskStoreOptions = {}): SdkTaskStore {
  const ownerOf = options.ownerOf ?? ((sessionId) => (sessionId ? `session:${sessionId}` : ANONYMOUS_OWNER));
  const wire = (record: Parameters<typeof toWireTask>[0]) => toWireTask(record) as Task;
  const guard = async <T>(op: () => Promise<T>): Promise<T> => {
    try {
      return await op();
    } catch (error) {
      throw toWireError(error);
    }
  };

  return {
    createTask: (params: CreateTaskOptions, _requestId: RequestId, request: Request, sessionId?: string) =>
      guard(async () => {
        const input = { request: { method: request.method, params: (request.params ?? {}) as JsonObject } };
        // The SDK passes ttl null for "none requested"; our stores then apply the default.
        const record = await store.create(ownerOf(sessionId), typeof params.ttl === 'number' ? { ...input, ttl: params.ttl } : input);
        return wire(record);
      }),
    getTask: async (taskId: string, sessionId?: string) => {
      try {
        return wire(await store.get(ownerOf(sessionId), taskId));
      } catch (error) {
        if (isTasksError(error, 'TASK_NOT_FOUND')) return null;
        throw toWireError(error);
      }
    },
    storeTaskResult: (taskId: string, status: 'completed' | 'failed', result: Result, sessionId?: string) =>
      guard(async () => {
        const outcome = { type: 'result' as const, result: result as JsonObject };
        await store.complete(ownerOf(sessionId), taskId, status === 'completed' ? { status, outcome } : { status, outcome });
      }),
    getTaskResult: (taskId: string, sessionId?: string) =>
      guard(async () => {
        const { outcome } = await store.getResult(ownerOf(sessionId), taskId);
        if (!outcome) throw new TaskCancelledError(taskId);
        if (outcome.type === 'error') throw WireError.from(outcome.error);
        return outcome.result as Result;
      }),
    updateTaskStatus: (taskId: string, status: Task['status'], statusMessage?: string, sessionId?: string) =>
      guard(async () => {
        const owner = ownerOf(sessionId);
        if (status === 'cancelled') await store.cancel(owner, taskId, statusMessage);
        else if (status === 'working' || status === 'input_required') {
          await store.updateStatus(owner, taskId, {
            from: ['working', 'input_required'],
            to: status,
            ...(statusMessage !== undefined && { statusMessage }),
          });
        } else if (status === 'failed') {
          const error = { code: -32603, message: statusMessage ?? 'Task failed' };
          await store.complete(owner, taskId, { status, outcome: { type: 'error', error }, statusMessage: error.message });
        } else {
          await store.complete(owner, taskId, {
            status,
            outcome: { type: 'result', result: { content: [] } },
            ...(statusMessage !== undefined && { statusMessage }),
          });
        }
      }),
    listTasks: (cursor?: string, sessionId?: string) =>
      guard(async () => {
        const page = await store.list(ownerOf(sessionId), cursor === undefined ? {} : { cursor });
        return page.nextCursor === undefined
          ? { tasks: page.tasks.map(wire) }
          : { tasks: page.tasks.map(wire), nextCursor: page.nextCursor };
      }),
  };
}
