/**
 * The four task methods (tasks/get, tasks/result, tasks/list, tasks/cancel) as thin handlers:
 * parse params (with our own error messages, not the SDK's zod dumps), call the store, convert
 * with `toWireTask`, map errors with the one mapping.
 */
import { TaskCancelledError } from '../../errors/index.js';
import { isPlainObject, type JsonObject } from '../../json.js';
import type { Owner } from '../../owner.js';
import { RELATED_TASK_META_KEY, toWireTask } from '../../record.js';
import type { TaskEngine } from '../core/engine.js';
import type { RequestGuard } from '../core/request-guard.js';
import type { Carrier } from './input-carrier.js';
import { carryProgress } from './progress-carrier.js';
import { offerQuestion, waitForResult } from './result-wait.js';
import { invalidParams, WireError } from './wire-errors.js';

/** What a handler needs from the SDK's `RequestHandlerExtra`. */
export interface MethodExtra {
  /** Aborts when the request is cancelled (or its stream closed, where the server tells). */
  signal: AbortSignal;
  /** The request's JSON-RPC id: its response stream carries the side-channel requests. */
  requestId: string | number;
}

export function taskIdOf(method: string, params: unknown): string {
  if (!isPlainObject(params)) throw invalidParams(`${method}: params must be an object with a string "taskId"`);
  if (!('taskId' in params)) throw invalidParams(`${method}: params.taskId is required`);
  const { taskId } = params;
  if (typeof taskId !== 'string')
    throw invalidParams(`${method}: params.taskId must be a string, got ${taskId === null ? 'null' : typeof taskId}`);
  return taskId;
}

export class TaskMethods {
  constructor(
    private readonly engine: TaskEngine,
    /** Refusals reach the wire through the one mapping; failed lookups are logged. */
    private readonly guard: RequestGuard,
    /** The side-channel carrier of a request's response stream (with-tasks.ts). */
    private readonly carrierOf: (extra: MethodExtra) => Carrier,
  ) {}

  /**
   * tasks/get; for a task in `input_required` whose question no stream is carrying, the question
   * goes out first on this response's stream (R51: "side-channel task-related messages alongside
   * other responses"), so requestors that only poll are asked too. The response ends that stream:
   * then the question is given back at once (A10), so the next `tasks/result` (or poll) asks
   * again; an answer to this delivery is still taken, on any POST, while the question is open.
   */
  async get(owner: Owner, params: unknown, extra?: MethodExtra): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/get', params);
    const task = await this.guard.task(owner, taskId, () => this.engine.read(owner, taskId), 'Failed to retrieve task');
    this.engine.logger({ event: 'task.retrieved', owner, taskId, status: task.status });
    if (extra && task.input?.progress) await carryProgress(this.engine, owner, task, this.carrierOf(extra));
    if (extra && task.input && Object.keys(task.input.requests).length > 0) {
      const answered = new AbortController();
      await offerQuestion(this.engine, owner, task, AbortSignal.any([extra.signal, answered.signal]), this.carrierOf(extra));
      // The SDK writes the response (and ends the stream) after this handler returns.
      setImmediate(() => answered.abort());
    }
    return toWireTask(task);
  }

  async list(owner: Owner, params: unknown): Promise<JsonObject> {
    if (params !== undefined && !isPlainObject(params)) throw invalidParams('tasks/list: params must be an object');
    const cursor = params?.cursor;
    if (cursor !== undefined && typeof cursor !== 'string') throw invalidParams('tasks/list: params.cursor must be a string');
    const page = await this.guard.task(
      owner,
      undefined,
      () => this.engine.store.list(owner, cursor === undefined ? {} : { cursor }),
      'Failed to list tasks',
    );
    this.engine.logger({ event: 'task.listed', owner, detail: `${page.tasks.length} tasks` });
    for (const task of page.tasks) this.engine.noticeLease(owner, task);
    const result: JsonObject = { tasks: page.tasks.map((t) => toWireTask(t)) };
    if (page.nextCursor !== undefined) result.nextCursor = page.nextCursor;
    return result;
  }

  async cancel(owner: Owner, params: unknown): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/cancel', params);
    // R67: the task is `cancelled` in the store before we answer; the engine aborts the work.
    const task = await this.guard.task(owner, taskId, () => this.engine.store.cancel(owner, taskId));
    this.engine.logger({ event: 'task.cancelled', owner, taskId, status: task.status });
    return toWireTask(task);
  }

  /**
   * R39-R44: block until terminal, then return exactly the stored result (with related-task meta)
   * or the stored JSON-RPC error. Meanwhile carry the task's requests to the requestor (R49, R51).
   */
  async result(owner: Owner, params: unknown, extra: MethodExtra): Promise<JsonObject> {
    const taskId = taskIdOf('tasks/result', params);
    const carrier = this.carrierOf(extra);
    const task = await this.guard.task(
      owner,
      taskId,
      () => waitForResult(this.engine, owner, taskId, extra.signal, carrier),
      'Failed to retrieve task',
    );
    this.engine.logger({ event: 'task.result', owner, taskId, status: task.status });
    const outcome = task.outcome;
    if (!outcome) throw this.guard.wire(new TaskCancelledError(taskId), { context: `Task ${JSON.stringify(taskId)} has no result` });
    if (outcome.type === 'error') throw WireError.from(outcome.error); // R42: that same error
    const meta = isPlainObject(outcome.result._meta) ? outcome.result._meta : {};
    return { ...outcome.result, _meta: { ...meta, [RELATED_TASK_META_KEY]: { taskId } } };
  }
}
