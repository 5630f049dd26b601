/**
 * The four task methods (tasks/get, tasks/result, tasks/list, tasks/cancel) as thin handlers:
 * parse params (with our own error messages, not the SDK's zod dumps), call the store, convert
 * with `toWireTask`, map errors with the one mapping.
 */
import { InvalidArgumentError, TaskCancelledError } from '../errors/index.js';
import { isPlainObject, type JsonObject } from '../json.js';
import type { Owner } from '../owner.js';
import { RELATED_TASK_META_KEY, toWireTask } from '../record.js';
import type { InputMethod, InputRequest } from '../contract.js';
import type { TaskEngine } from './engine.js';
import { invalidParams, toWireError, WireError } from './wire-errors.js';

/** What a handler needs from the SDK's `RequestHandlerExtra`. */
export interface MethodExtra {
  signal: AbortSignal;
  sendRequest(request: { method: string; params?: JsonObject }, resultSchema: unknown, options?: { signal?: AbortSignal; timeout?: number }): Promise<unknown>;
}

export function taskIdOf(method: string, params: unknown): string {
  if (!isPlainObject(params)) throw invalidParams(`${method}: params must be an object with a string "taskId"`);
  if (!('taskId' in params)) throw invalidParams(`${method}: params.taskId is required`);
  const { taskId } = params;
  if (typeof taskId !== 'string') throw invalidParams(`${method}: params.taskId must be a string, got ${taskId === null ? 'null' : typeof taskId}`);
  return taskId;
}

/** Longest wait for an answer to a task's request for input (24 h, the default maximum TTL). */
export const INPUT_REQUEST_TIMEOUT_MS = 24 * 60 * 60 * 1000;

export class TaskMethods {
  constructor(
    private readonly engine: TaskEngine,
    private readonly resultSchemas: { [method in InputMethod]: unknown },
  ) {}

  /**
   * tasks/get; for a task in `input_required` whose question no `tasks/result` is carrying, the
   * question goes out first on this response's stream (R51: "side-channel task-related messages
   * alongside other responses"), so requestors that only poll are asked too. Exactly once: the
   * question leaves the task's queue; the answer may come back on any POST.
   */
  async get(owner: Owner, params: unknown, extra?: MethodExtra): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/get', params);
    const task = await this.#guard(owner, taskId, 'Failed to retrieve task', () => this.engine.store.get(owner, taskId));
    this.engine.logger({ event: 'task.retrieved', owner, taskId, status: task.status });
    this.engine.noticeLease(owner, task);
    if (extra && task.input && Object.keys(task.input.requests).length > 0) await this.engine.offer(owner, task, extra.signal, (request, signal) => this.#send(request, signal, extra));
    return toWireTask(task);
  }

  async list(owner: Owner, params: unknown): Promise<JsonObject> {
    if (params !== undefined && !isPlainObject(params)) throw invalidParams('tasks/list: params must be an object');
    const cursor = params?.cursor;
    if (cursor !== undefined && typeof cursor !== 'string') throw invalidParams('tasks/list: params.cursor must be a string');
    try {
      const page = await this.engine.store.list(owner, cursor === undefined ? {} : { cursor });
      this.engine.logger({ event: 'task.listed', owner, detail: `${page.tasks.length} tasks` });
      for (const task of page.tasks) this.engine.noticeLease(owner, task);
      const result: JsonObject = { tasks: page.tasks.map((t) => toWireTask(t)) };
      if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
      return result;
    } catch (error) {
      throw toWireError(error, 'Failed to list tasks');
    }
  }

  async cancel(owner: Owner, params: unknown): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/cancel', params);
    // R67: the task is `cancelled` in the store before we answer; the engine aborts the work.
    const task = await this.#guard(owner, taskId, undefined, () => this.engine.store.cancel(owner, taskId));
    this.engine.logger({ event: 'task.cancelled', owner, taskId, status: task.status });
    return toWireTask(task);
  }

  /**
   * R39-R44: block until terminal, then return exactly the stored result (with related-task meta)
   * or the stored JSON-RPC error. Meanwhile carry the task's requests to the requestor (R49, R51).
   */
  async result(owner: Owner, params: unknown, extra: MethodExtra): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/result', params);
    const carry = (request: InputRequest, signal: AbortSignal) => this.#send(request, signal, extra);
    const task = await this.#guard(owner, taskId, 'Failed to retrieve task', () => this.engine.waitForTerminal(owner, taskId, extra.signal, carry));
    this.engine.logger({ event: 'task.result', owner, taskId, status: task.status });
    const outcome = task.outcome;
    if (!outcome) throw toWireError(new TaskCancelledError(taskId), `Task ${JSON.stringify(taskId)} has no result`);
    if (outcome.type === 'error') throw WireError.from(outcome.error); // R42: that same error
    const meta = isPlainObject(outcome.result._meta) ? outcome.result._meta : {};
    return { ...outcome.result, _meta: { ...meta, [RELATED_TASK_META_KEY]: { taskId } } };
  }

  /**
   * A task's question to the requestor, on this response's stream. `signal` aborts when the stream
   * goes away or the question is settled elsewhere (the task ended, was answered or withdrawn).
   * A person may take long to answer: bounded by INPUT_REQUEST_TIMEOUT_MS, not the SDK's 60 s.
   */
  async #send(request: InputRequest, signal: AbortSignal, extra: MethodExtra): Promise<JsonObject> {
    const schema = this.resultSchemas[request.method];
    try {
      return (await extra.sendRequest({ method: request.method, params: request.params }, schema, { signal, timeout: INPUT_REQUEST_TIMEOUT_MS })) as JsonObject;
    } catch (error) {
      throw malformedAnswer(request.method, error) ?? error;
    }
  }

  async #guard<T>(owner: Owner, taskId: string, context: string | undefined, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (error) {
      const wire = toWireError(error, context);
      if (wire.code === -32602) this.engine.logger({ event: 'task.lookup_failed', owner, taskId, detail: wire.message });
      throw wire;
    }
  }
}

/**
 * An answer that fails the result schema comes back from the SDK as a raw validation error (a
 * JSON dump of every issue); the task's status message gets one plain line instead.
 */
function malformedAnswer(method: string, error: unknown): InvalidArgumentError | undefined {
  const issues = (error as { issues?: unknown })?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return undefined;
  const first = issues[0] as { path?: unknown[]; message?: unknown };
  const where = Array.isArray(first.path) && first.path.length > 0 ? first.path.join('.') : 'the result';
  return new InvalidArgumentError(`The requestor's answer to ${method} is malformed: ${where}: ${String(first.message ?? 'invalid')}`);
}
