/**
 * `TaskContext`: one task, one owner, and the store, with the operations a task's worker needs.
 * Every method is one correct transition (or variables write) against the store.
 */
import type { TaskStore } from './contract.js';
import { InvalidArgumentError, toJsonRpcError, type JsonRpcErrorObject } from './errors/index.js';
import { isPlainObject, type JsonObject, type JsonValue } from './json.js';
import type { Owner } from './owner.js';
import type { TaskRecord } from './record.js';

export type FailReason = string | Error | JsonRpcErrorObject;

export class TaskContext {
  constructor(
    readonly store: TaskStore,
    readonly owner: Owner,
    readonly taskId: string,
  ) {}

  /**
   * Resolves once the task is in the store. Always at once here; a server's call in its sync
   * window (src/server/core/sync-window.ts) stores the task first, which makes the call a task.
   */
  protected ready(): Promise<void> | undefined {
    return undefined;
  }

  /** The task as stored now. */
  async task(): Promise<TaskRecord> {
    await this.ready();
    return this.store.get(this.owner, this.taskId);
  }

  async variables(): Promise<JsonObject> {
    return (await this.task()).variables;
  }

  async getVariable<T extends JsonValue = JsonValue>(key: string): Promise<T | undefined> {
    return (await this.variables())[key] as T | undefined;
  }

  /** Set one variable; `null` deletes it. */
  setVariable(key: string, value: JsonValue | null): Promise<TaskRecord> {
    return this.setVariables({ [key]: value });
  }

  /** Merge several variables at once (atomically); `null` values delete. */
  async setVariables(patch: { [key: string]: JsonValue | null }): Promise<TaskRecord> {
    await this.ready();
    return this.store.setVariables(this.owner, this.taskId, patch);
  }

  deleteVariable(key: string): Promise<TaskRecord> {
    return this.setVariable(key, null);
  }

  /** working -> input_required (R47). */
  async requireInput(message?: string): Promise<TaskRecord> {
    await this.ready();
    return this.store.updateStatus(this.owner, this.taskId, { from: 'working', to: 'input_required', statusMessage: message ?? null });
  }

  /** input_required -> working (R50). */
  async resume(message?: string): Promise<TaskRecord> {
    await this.ready();
    return this.store.updateStatus(this.owner, this.taskId, { from: 'input_required', to: 'working', statusMessage: message ?? null });
  }

  /** Update the status message without changing an active status. */
  async setStatusMessage(message: string): Promise<TaskRecord> {
    const { status } = await this.task();
    if (status !== 'working' && status !== 'input_required') {
      return this.store.updateStatus(this.owner, this.taskId, { from: status, to: 'working', statusMessage: message });
    }
    return this.store.updateStatus(this.owner, this.taskId, { from: status, to: status, statusMessage: message });
  }

  /**
   * End the task with the request's result. A tool result with `isError: true` ends it `failed`
   * with the result kept (R75, A18); any other result ends it `completed`.
   */
  async complete(result: JsonObject, statusMessage?: string): Promise<TaskRecord> {
    if (!isPlainObject(result)) throw new InvalidArgumentError('complete: result must be a plain object');
    await this.ready();
    const outcome = { type: 'result' as const, result };
    return result.isError === true
      ? this.store.complete(this.owner, this.taskId, { status: 'failed', outcome, ...(statusMessage !== undefined && { statusMessage }) })
      : this.store.complete(this.owner, this.taskId, {
          status: 'completed',
          outcome,
          ...(statusMessage !== undefined && { statusMessage }),
        });
  }

  /** End the task `failed` with a JSON-RPC error, which `tasks/result` returns as is (R42). */
  async fail(reason: FailReason, statusMessage?: string): Promise<TaskRecord> {
    const error = toFailureError(reason);
    await this.ready();
    return this.store.complete(this.owner, this.taskId, {
      status: 'failed',
      outcome: { type: 'error', error },
      statusMessage: statusMessage ?? error.message,
    });
  }
}

/**
 * The JSON-RPC error a failure reason stands for: JSON-RPC errors pass as they are; others become
 * -32603 with their message (the one mapping, `toJsonRpcError`, for errors thrown by work).
 */
export function toFailureError(reason: FailReason): JsonRpcErrorObject {
  if (typeof reason === 'string') return { code: -32603, message: reason };
  return toJsonRpcError(reason, { thrownBy: 'work' });
}
