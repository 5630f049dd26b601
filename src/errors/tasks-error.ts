/**
 * One typed error hierarchy for everything mcp-tasks can refuse. Every error has a stable string
 * `code`; code -> JSON-RPC mapping lives in one place (`./json-rpc.ts`). Check `err.code` (or the
 * guards), never the message.
 */
import type { TaskStatus } from '../status.js';

export const TASKS_ERROR_CODES = [
  'TASK_NOT_FOUND',
  'TASK_TERMINAL',
  'INVALID_TRANSITION',
  'TASK_NOT_TERMINAL',
  'TASK_CANCELLED',
  'QUOTA_EXCEEDED',
  'STORAGE_EXHAUSTED',
  'RATE_LIMITED',
  'INVALID_CURSOR',
  'ANONYMOUS_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'INVALID_ARGUMENT',
  'TASK_SUPPORT_MISMATCH',
  'SDK_UNSUPPORTED',
  'CONCURRENT_MODIFICATION',
  'STORE_UNAVAILABLE',
  'INVALID_OPTIONS',
  'PAYLOAD_INVALID',
  'WORKFLOW_INVALID',
  'BINDING_FAILED',
  'WORKFLOW_STEP_FAILED',
  'STEP_INPUT_UNAVAILABLE',
  'STEP_OUTPUT_INVALID',
  'CAPABILITY_MISSING',
  'TASK_NO_LONGER_RUNNING',
  'RESUME_REFUSED',
  'TOOL_UNAVAILABLE',
] as const;

export type TasksErrorCode = (typeof TASKS_ERROR_CODES)[number];

export class TasksError extends Error {
  override name = 'TasksError';
  readonly code: TasksErrorCode;
  constructor(code: TasksErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * The task does not exist for this owner. Deliberately the same for a missing task, an expired
 * task and another owner's task (R37, R77): the message never says which.
 */
export class TaskNotFoundError extends TasksError {
  override name = 'TaskNotFoundError';
  constructor(readonly taskId: string) {
    super('TASK_NOT_FOUND', `Task not found: ${JSON.stringify(taskId)}`);
  }
}

/** The task is already completed, failed or cancelled, and terminal tasks never change (R22, R66, R68). */
export class TaskTerminalError extends TasksError {
  override name = 'TaskTerminalError';
  constructor(
    readonly taskId: string,
    readonly status: TaskStatus,
    action = 'update task',
  ) {
    super('TASK_TERMINAL', `Cannot ${action}: already in terminal status '${status}'`);
  }
}

/** A non-terminal task was asked to move along a path the state machine does not have (R22). */
export class InvalidTransitionError extends TasksError {
  override name = 'InvalidTransitionError';
  constructor(
    readonly taskId: string,
    readonly from: TaskStatus,
    readonly to: TaskStatus,
    detail?: string,
  ) {
    super('INVALID_TRANSITION', `Invalid task transition '${from}' -> '${to}'${detail ? `: ${detail}` : ''}`);
  }
}

/** The result was asked for before the task ended. */
export class TaskNotTerminalError extends TasksError {
  override name = 'TaskNotTerminalError';
  constructor(
    readonly taskId: string,
    readonly status: TaskStatus,
  ) {
    super('TASK_NOT_TERMINAL', `Task has no result yet: status is '${status}'`);
  }
}

/**
 * The task was cancelled, so the underlying request produced no result (A9): `tasks/result` on a
 * cancelled task answers with this error.
 */
export class TaskCancelledError extends TasksError {
  override name = 'TaskCancelledError';
  constructor(readonly taskId: string) {
    super('TASK_CANCELLED', 'Task was cancelled before it produced a result');
  }
}

/** The owner already has the maximum number of active (non-terminal) tasks (R38). */
export class QuotaExceededError extends TasksError {
  override name = 'QuotaExceededError';
  constructor(readonly limit: number) {
    super('QUOTA_EXCEEDED', `Too many active tasks: the limit is ${limit} per requestor; wait for one to finish or cancel one`);
  }
}

/**
 * Creation refused because stored tasks (finished ones included, until their TTL) reached a
 * storage cap: per requestor, or the server's whole budget (-32000, as the active quota).
 */
export class StorageExhaustedError extends TasksError {
  override name = 'StorageExhaustedError';
  constructor(readonly limit: string) {
    super(
      'STORAGE_EXHAUSTED',
      `Too many stored tasks: the limit is ${limit}; finished tasks count until their TTL ends (create tasks with a shorter ttl, or wait)`,
    );
  }
}

/** The requestor sent task operations faster than the server's rate limit (R81). */
export class RateLimitedError extends TasksError {
  override name = 'RateLimitedError';
  constructor(readonly retryAfterMs: number) {
    super('RATE_LIMITED', `Too many task requests: retry in ${retryAfterMs} ms`);
  }
}

/** Garbage, tampered, expired, or another owner's cursor (R64). */
export class InvalidCursorError extends TasksError {
  override name = 'InvalidCursorError';
  constructor(reason = 'not a cursor issued to this requestor') {
    super('INVALID_CURSOR', `Invalid cursor: ${reason}`);
  }
}

/** The store's security config does not allow requestors without an identity. */
export class AnonymousNotAllowedError extends TasksError {
  override name = 'AnonymousNotAllowedError';
  constructor() {
    super('ANONYMOUS_NOT_ALLOWED', 'Anonymous requestors may not use tasks on this server; authenticate first');
  }
}

/** A stored value (request, result, variables) is larger than the configured limit. */
export class PayloadTooLargeError extends TasksError {
  override name = 'PayloadTooLargeError';
  constructor(
    readonly what: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super('PAYLOAD_TOO_LARGE', `${what} is too large: ${size} bytes, the limit is ${limit} bytes`);
  }
}

/** An argument has the wrong type or value; the message names it. */
export class InvalidArgumentError extends TasksError {
  override name = 'InvalidArgumentError';
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/**
 * A tools/call whose use of `task` does not fit the tool's `taskSupport`: `task` for a tool that
 * forbids it or does not exist (R11), no `task` for a tool that requires it (R13). The tool never runs.
 */
export class TaskSupportMismatchError extends TasksError {
  override name = 'TaskSupportMismatchError';
  constructor(
    readonly tool: string,
    message: string,
  ) {
    super('TASK_SUPPORT_MISMATCH', message);
  }
}

/** The installed @modelcontextprotocol/sdk lacks an internal that mcp-tasks relies on (see src/server/v2025/sdk-internals.ts). */
export class SdkUnsupportedError extends TasksError {
  override name = 'SdkUnsupportedError';
  constructor(readonly missing: string) {
    super('SDK_UNSUPPORTED', `mcp-tasks: unsupported @modelcontextprotocol/sdk version (${missing} not found); use the peer range ~1.32`);
  }
}

/** Another writer changed the task between our read and our conditional write, more often than we retry. */
export class ConcurrentModificationError extends TasksError {
  override name = 'ConcurrentModificationError';
  constructor(readonly taskId: string) {
    super('CONCURRENT_MODIFICATION', `Task ${JSON.stringify(taskId)} was modified concurrently; try again`);
  }
}

/** The backing store could not be reached or answered with an unexpected failure. */
export class StoreUnavailableError extends TasksError {
  override name = 'StoreUnavailableError';
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', `Task store unavailable: ${message}`, options);
  }
}

/** A constructor or setup option has the wrong type or value (a programming error, found at startup). */
export class InvalidOptionsError extends TasksError {
  override name = 'InvalidOptionsError';
  constructor(message: string) {
    super('INVALID_OPTIONS', message);
  }
}

/**
 * The requestor cannot be sent this request: the client did not declare the capability
 * (`elicitation`, `sampling`), or the run has no channel for it (a task's side channel carries
 * only those two; a resumed workflow has no requestor connection at all).
 */
export class CapabilityMissingError extends TasksError {
  override name = 'CapabilityMissingError';
  constructor(
    readonly capability: string,
    message = `The client does not support ${capability}`,
  ) {
    super('CAPABILITY_MISSING', message);
  }
}

/**
 * The task's run ended (cancelled, expired, terminal elsewhere, server shutting down) while the
 * work still waited on something: the work's abort reason, and the rejection of requests for
 * input that no `tasks/result` will carry any more.
 */
export class TaskNoLongerRunningError extends TasksError {
  override name = 'TaskNoLongerRunningError';
  constructor(message = 'The task is no longer running') {
    super('TASK_NO_LONGER_RUNNING', message);
  }
}

/**
 * True for any mcp-tasks error, also across realms or duplicated copies of this package
 * (checks the shape, not `instanceof`).
 */
export function isTasksError(value: unknown, code?: TasksErrorCode): value is TasksError {
  if (typeof value !== 'object' || value === null) return false;
  const c = (value as { code?: unknown }).code;
  if (typeof c !== 'string' || !(TASKS_ERROR_CODES as readonly string[]).includes(c)) return false;
  if (!(value instanceof Error) && typeof (value as { message?: unknown }).message !== 'string') return false;
  return code === undefined || c === code;
}
