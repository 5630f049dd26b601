/**
 * The 2026-07-28 wire form of our records (the Tasks extension, `io.modelcontextprotocol/tasks`):
 * flat `CreateTaskResult`, `DetailedTask` for `tasks/get`, `ttlMs` / `pollIntervalMs`, and the
 * extension's own mapping of outcomes. The store keeps one record for both generations; this is
 * the one place the 2026 wire reads it.
 *
 * Outcome mapping (tasks.md "Task Execution Errors"): a stored JSON-RPC error is `failed` with
 * `error`; a stored result is `completed` with `result`, also a tool result with `isError: true`,
 * which the 2025-11-25 wire stores as `failed` (A18).
 */
import type { CreateTaskResult, DetailedTask, InputRequests, JSONObject, Task } from '../../../generated/tasks-2026-07-28/types.js';
import type { JsonObject } from '../../json.js';
import { RELATED_TASK_META_KEY, type TaskRecord } from '../../record.js';

/** The extension's identifier: capability key on both sides, reserved label. */
export const TASKS_EXTENSION_ID = 'io.modelcontextprotocol/tasks';

/** `requiredCapabilities` of the -32021 error a non-declaring client gets. */
export const TASKS_REQUIRED_CAPABILITIES = { extensions: { [TASKS_EXTENSION_ID]: {} } } as const;

/** Whether per-request client capabilities declare the extension (an empty object declares it). */
export function declaresTasks(capabilities: unknown): boolean {
  if (typeof capabilities !== 'object' || capabilities === null) return false;
  const extensions = (capabilities as { extensions?: unknown }).extensions;
  if (typeof extensions !== 'object' || extensions === null) return false;
  const settings = (extensions as Record<string, unknown>)[TASKS_EXTENSION_ID];
  return typeof settings === 'object' && settings !== null;
}

/**
 * The `Task` fields of a record on the 2026 wire (status as the extension sees it). `pollIntervalMs`
 * is the interval to tell now (the engine's `polls`, which changes with the task's age); without
 * it, the one stored with the task.
 */
function baseTask(record: TaskRecord, status: Task['status'], pollIntervalMs = record.pollInterval): Task {
  const task: Task = {
    taskId: record.taskId,
    status,
    createdAt: new Date(record.createdAt).toISOString(),
    lastUpdatedAt: new Date(record.lastUpdatedAt).toISOString(),
    ttlMs: record.ttl,
  };
  if (record.statusMessage !== undefined) task.statusMessage = record.statusMessage;
  if (pollIntervalMs !== undefined) task.pollIntervalMs = pollIntervalMs;
  return task;
}

/** The flat `CreateTaskResult` answering the `tools/call` that created the task. */
export function toCreateTaskResult(record: TaskRecord, pollIntervalMs?: number): CreateTaskResult & JsonObject {
  const status = record.status === 'failed' && record.outcome?.type === 'result' ? 'completed' : record.status;
  return { resultType: 'task', ...baseTask(record, status, pollIntervalMs) } as CreateTaskResult & JsonObject;
}

/**
 * The inlined result: the stored one as a 2026 `CallToolResult` (`resultType: "complete"`, which
 * ext-tasks 0.2.2 requires there), without the 2025 related-task `_meta` (the id is at the root).
 */
function inlinedResult(result: JsonObject): JSONObject {
  const copy: JsonObject = { ...result, resultType: 'complete' };
  const meta = result._meta;
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta) || !(RELATED_TASK_META_KEY in meta)) return copy as JSONObject;
  const { [RELATED_TASK_META_KEY]: _related, ...rest } = meta;
  if (Object.keys(rest).length > 0) copy._meta = rest;
  else delete copy._meta;
  return copy as JSONObject;
}

/**
 * The `DetailedTask` of a record (the body of a `tasks/get` result and of `notifications/tasks`).
 * `inputRequests` are the task's outstanding questions, keyed, when it is `input_required`.
 */
export function toDetailedTask(record: TaskRecord, inputRequests: InputRequests = {}, pollIntervalMs?: number): DetailedTask & JsonObject {
  const outcome = record.outcome;
  switch (record.status) {
    case 'working':
    case 'cancelled':
      return baseTask(record, record.status, pollIntervalMs) as DetailedTask & JsonObject;
    case 'input_required':
      return { ...baseTask(record, 'input_required', pollIntervalMs), inputRequests } as DetailedTask & JsonObject;
    case 'completed':
    case 'failed':
      if (outcome?.type === 'result')
        return { ...baseTask(record, 'completed', pollIntervalMs), result: inlinedResult(outcome.result) } as DetailedTask & JsonObject;
      return {
        ...baseTask(record, 'failed', pollIntervalMs),
        // A failed record without an outcome does not occur; the message keeps the wire valid if it did.
        error: outcome?.type === 'error' ? outcome.error : { code: -32603, message: record.statusMessage ?? 'Task failed' },
      } as DetailedTask & JsonObject;
  }
}
