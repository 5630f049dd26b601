/**
 * The argument checks and size limits every store applies, through BaseTaskStore: one place for
 * what a store accepts, so that all stores refuse the same input with the same error.
 */
import type { CompleteInput, StatusUpdate } from '../contract.js';
import { AnonymousNotAllowedError, InvalidArgumentError, PayloadTooLargeError } from '../errors/index.js';
import { MAX_TASK_ID_LENGTH } from '../ids.js';
import { adoptJson, detachJson, isPlainObject, setOwn, type JsonObject } from '../json.js';
import { ANONYMOUS_OWNER, type Owner } from '../owner.js';
import type { TaskOutcome, TaskRecord } from '../record.js';
import type { SecurityConfig } from '../security.js';
import { isTaskStatus, TASK_STATUSES, type TaskStatus } from '../status.js';

export const MAX_OWNER_LENGTH = 1024;
export const MAX_STATUS_MESSAGE_LENGTH = 4096;

export function checkOwner(owner: Owner, security: Readonly<SecurityConfig>): void {
  if (typeof owner !== 'string' || owner.length === 0 || owner.length > MAX_OWNER_LENGTH) {
    throw new InvalidArgumentError(`owner must be a non-empty string of at most ${MAX_OWNER_LENGTH} characters`);
  }
  if (owner === ANONYMOUS_OWNER && !security.allowAnonymous) throw new AnonymousNotAllowedError();
}

export function checkTaskId(taskId: unknown): asserts taskId is string {
  if (typeof taskId !== 'string')
    throw new InvalidArgumentError(`taskId must be a string, got ${taskId === null ? 'null' : typeof taskId}`);
  if (taskId.length === 0 || taskId.length > MAX_TASK_ID_LENGTH) {
    throw new InvalidArgumentError(`taskId must be 1 to ${MAX_TASK_ID_LENGTH} characters long`);
  }
}

export function checkStatusMessage(message: unknown): string {
  if (typeof message !== 'string') throw new InvalidArgumentError('statusMessage must be a string');
  if (message.length > MAX_STATUS_MESSAGE_LENGTH) {
    throw new InvalidArgumentError(`statusMessage must be at most ${MAX_STATUS_MESSAGE_LENGTH} characters`);
  }
  return message;
}

export function checkLease(holder: unknown, ms: unknown): { holder: string; ms: number } {
  if (typeof holder !== 'string' || holder.length === 0 || holder.length > 256)
    throw new InvalidArgumentError('lease holder must be a string of 1 to 256 characters');
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 1)
    throw new InvalidArgumentError('lease duration must be a positive integer (ms)');
  return { holder, ms };
}

/** `updateStatus`'s update: returns the statuses it may move from; `to` must not end the task. */
export function checkStatusUpdate(update: StatusUpdate): readonly TaskStatus[] {
  if (!isPlainObject(update)) throw new InvalidArgumentError('updateStatus: update must be an object');
  const from = typeof update.from === 'string' ? [update.from] : update.from;
  if (!Array.isArray(from) || from.length === 0 || !from.every(isTaskStatus)) {
    throw new InvalidArgumentError(`updateStatus: from must be one or more of ${TASK_STATUSES.join(', ')}`);
  }
  if (update.to !== 'working' && update.to !== 'input_required') {
    throw new InvalidArgumentError(`updateStatus: to must be 'working' or 'input_required'; use complete() or cancel() to end a task`);
  }
  return from;
}

/**
 * Adopt a value into a record: plain JSON data is deep-frozen in place and kept (no copy);
 * anything else is copied with JSON semantics. Refused above `limit` bytes.
 */
export function copyLimited<T>(value: T, what: string, limit: number, mode: 'adopt' | 'copy' = 'adopt'): T {
  return sizedCopyLimited(value, what, limit, mode).copy;
}

/** `copyLimited`, also returning the JSON size it measured (for the storage caps). */
export function sizedCopyLimited<T>(value: T, what: string, limit: number, mode: 'adopt' | 'copy' = 'adopt'): { copy: T; size: number } {
  let detached: { copy: T; size: number };
  try {
    detached = mode === 'adopt' ? adoptJson(value) : detachJson(value);
  } catch (error) {
    throw new InvalidArgumentError(`${what} is not JSON: ${(error as Error).message}`);
  }
  if (detached.size > limit) throw new PayloadTooLargeError(what, detached.size, limit);
  return detached;
}

/**
 * Merge a patch (null deletes) into `base`, check the size, return the stored form. Variables
 * are copied, not adopted: they are a worker's running state (arrays it keeps pushing to), and
 * freezing the caller's objects in place would break that code at its next write.
 */
export function checkVariables(security: Readonly<SecurityConfig>, patch: unknown, base: JsonObject): { copy: JsonObject; size: number } {
  if (!isPlainObject(patch)) throw new InvalidArgumentError('variables must be a plain object');
  const merged: JsonObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete merged[key];
    else if (value !== undefined) setOwn(merged, key, value);
  }
  return sizedCopyLimited(merged, 'Task variables', security.maxVariablesBytes, 'copy');
}

/** The outcome `complete` stores: a result (completed or failed), or a JSON-RPC error (failed only). */
export function checkOutcome(input: CompleteInput, security: Readonly<SecurityConfig>): { outcome: TaskOutcome; size: number } {
  if (!isPlainObject(input) || (input.status !== 'completed' && input.status !== 'failed')) {
    throw new InvalidArgumentError("complete: status must be 'completed' or 'failed'");
  }
  const outcome = input.outcome as unknown;
  if (!isPlainObject(outcome)) throw new InvalidArgumentError('complete: outcome must be an object');
  if (outcome.type === 'result' && isPlainObject(outcome.result)) {
    const { copy, size } = sizedCopyLimited(outcome.result as JsonObject, 'Task result', security.maxResultBytes);
    return { outcome: Object.freeze({ type: 'result', result: copy }), size };
  }
  if (outcome.type === 'error' && input.status === 'failed' && isPlainObject(outcome.error)) {
    const { code, message, data } = outcome.error;
    if (!Number.isInteger(code) || typeof message !== 'string') {
      throw new InvalidArgumentError('complete: outcome.error must have an integer code and a string message');
    }
    const error = data === undefined ? { code: code as number, message } : { code: code as number, message, data };
    const { copy, size } = sizedCopyLimited(error, 'Task error', security.maxResultBytes);
    return { outcome: Object.freeze({ type: 'error', error: copy }), size };
  }
  throw new InvalidArgumentError(
    "complete: outcome must be { type: 'result', result: object } or, for status 'failed', { type: 'error', error: { code, message } }",
  );
}

/**
 * A record's stored bytes after a variables write (the outcome's bytes are added by the backend
 * from `RecordPatch.outcomeBytes`, since `complete` does not read the record first).
 */
export function storedBytesWith(current: TaskRecord, variablesBytes: number): number {
  const previousVariables = current.storedBytes === undefined ? 0 : variablesSizeOf(current);
  return Math.max(0, (current.storedBytes ?? 0) - previousVariables + variablesBytes);
}

/** Size of the stored variables (measured again only on the variables path, which already copies). */
function variablesSizeOf(record: TaskRecord): number {
  return Buffer.byteLength(JSON.stringify(record.variables));
}
