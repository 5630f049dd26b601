/**
 * `subscriptions/listen` for task IDs (tasks.md "Task Status Notifications"): push instead of
 * polling. One subscription is one SSE response to the listen request:
 *
 * 1. `notifications/subscriptions/acknowledged` first, `params.notifications.taskIds` = the IDs
 *    agreed to: the requestor's own tasks only; unknown, expired and other owners' IDs are left
 *    out silently, exactly as an unknown ID (T20: nothing says another owner's task exists);
 * 2. `notifications/tasks` for each agreed task, the `DetailedTask` as `tasks/get` would show it
 *    at that moment (task-view.ts: result, error or `inputRequests` inlined): its state now, then
 *    at every change of its status or of its open questions, the last one at its terminal status;
 * 3. when every agreed task has reached a terminal status (at once when none was agreed), the
 *    graceful end the schema defines: the listen request's result `{ resultType: "complete",
 *    _meta: { subscriptionId } }`, then the stream closes. Every message carries
 *    `_meta["io.modelcontextprotocol/subscriptionId"]` = the listen request's id.
 *
 * The changes come from `engine.changes` (the core's "task as it changes"), so push follows the
 * store: woken in-process by the write itself, from other instances by the store's change feed
 * where it has one (PostgreSQL's LISTEN/NOTIFY, core/poll-gate.ts), else by the shared-store poll.
 * The listen counts as one task operation against the owner's rate limit; a client gone (its
 * request aborted) ends the subscription without a result; a store failure ends it with the
 * mapped JSON-RPC error as the listen request's response.
 */
import { SERVER_INFO_META_KEY, SUBSCRIPTION_ID_META_KEY, type AuthInfo } from '@modelcontextprotocol/server';
import { InvalidArgumentError, isTasksError, JsonRpcError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { Owner, ResolveOwnerOptions } from '../../owner.js';
import type { TaskRecord } from '../../record.js';
import type { TaskEngine } from '../core/engine.js';
import type { RequestGuard } from '../core/request-guard.js';
import type { InputChannel } from './input-channel.js';
import { requestGuard2026, tasksCapabilityMissing, toProtocolError } from './protocol.js';
import { taskView } from './task-view.js';
import { declaresTasks } from './wire.js';

export interface TaskListenOptions {
  engine: TaskEngine;
  input: InputChannel;
  owner?: ResolveOwnerOptions | undefined;
  serverInfo?: { name: string; version: string } | undefined;
  /** Subscriptions open at once, all owners (the SDK's listen router has the same default). Default 1024. */
  maxSubscriptions?: number;
  /** Subscriptions one owner may hold open at once. Default 16. */
  maxSubscriptionsPerOwner?: number;
  /** Task IDs one listen is agreed to at most (the active-task quota's default); the rest are left out. Default 100. */
  maxTaskIds?: number;
  /** An SSE comment this often keeps idle proxies from closing the stream (ms). Default 15 000 (the SDK's). */
  keepAliveMs?: number;
}

/** A `subscriptions/listen` request as classified by the SDK: its id and params. */
export interface ListenRequest {
  readonly id: string | number;
  readonly params: JsonObject;
  /** The client capabilities this request declared (never remembered across requests). */
  readonly capabilities: unknown;
}

type Message = { readonly [key: string]: unknown };

/** The open subscriptions of one handler: each ends (gracefully) on `closeAll`. */
/** The listen stream's headers: an event stream no proxy buffers or transforms. */
const SSE_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
};

export class TaskSubscriptions {
  readonly #options: TaskListenOptions;
  readonly #guard: RequestGuard;
  readonly #open = new Set<() => void>();
  readonly #perOwner = new Map<Owner, number>();

  constructor(options: TaskListenOptions) {
    this.#options = options;
    this.#guard = requestGuard2026(options.engine, options.owner);
  }

  get openCount(): number {
    return this.#open.size;
  }

  /** Answer one listen request for task IDs: a JSON-RPC error, or the subscription's SSE stream. */
  async serve(request: ListenRequest, signal: AbortSignal, authInfo: AuthInfo | undefined): Promise<Response> {
    const { id } = request;
    // tasks.md "Protocol Errors": -32021 for a non-declaring client asking for task notifications.
    if (!declaresTasks(request.capabilities)) return errorResponse(id, tasksCapabilityMissing());
    let owner: Owner;
    try {
      owner = this.#guard.admit({ authInfo });
    } catch (error) {
      return errorResponse(id, error);
    }
    const requested = requestedTaskIds(request.params);
    if (requested === undefined)
      return errorResponse(id, new InvalidArgumentError('params.notifications.taskIds must be an array of strings'));
    if (
      this.#open.size >= (this.#options.maxSubscriptions ?? 1024) ||
      (this.#perOwner.get(owner) ?? 0) >= (this.#options.maxSubscriptionsPerOwner ?? 16)
    ) {
      return errorResponse(id, new JsonRpcError(-32603, 'Subscription limit reached'));
    }
    const agreed: string[] = [];
    try {
      for (const taskId of [...new Set(requested)].slice(0, this.#options.maxTaskIds ?? 100))
        if (await this.#owns(owner, taskId)) agreed.push(taskId);
    } catch (error) {
      return errorResponse(id, error);
    }
    return this.#stream(id, owner, agreed, signal);
  }

  /** End every open subscription gracefully (the handler closes). */
  closeAll(): void {
    for (const end of [...this.#open]) end();
  }

  /** Whether `owner` may subscribe to `taskId`: its own live task. A failed lookup is logged (R82), never told. */
  async #owns(owner: Owner, taskId: string): Promise<boolean> {
    const { engine } = this.#options;
    try {
      await engine.read(owner, taskId);
      engine.logger({ event: 'task.subscribed', owner, taskId });
      return true;
    } catch (error) {
      if (!isTasksError(error, 'TASK_NOT_FOUND') && !isTasksError(error, 'INVALID_ARGUMENT')) throw error;
      engine.logger({ event: 'task.lookup_failed', owner, taskId, detail: 'subscriptions/listen' });
      return false;
    }
  }

  #stream(id: string | number, owner: Owner, agreed: readonly string[], signal: AbortSignal): Response {
    const meta = { [SUBSCRIPTION_ID_META_KEY]: id };
    const encoder = new TextEncoder();
    const stop = new AbortController();
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    let closed = false;
    const frame = (text: string) => {
      if (closed) return;
      try {
        controller.enqueue(encoder.encode(text));
      } catch {
        // The reader is gone: the cancel below ends the subscription.
      }
    };
    const send = (message: Message) => frame(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
    const keepAlive = setInterval(() => frame(': keepalive\n\n'), this.#options.keepAliveMs ?? 15_000);
    keepAlive.unref();
    const onAbort = () => end(undefined);
    // `final`: the listen request's response (graceful end or error); undefined: the client left.
    const end = (final: Message | undefined) => {
      if (closed) return;
      if (final) send(final);
      closed = true;
      stop.abort();
      clearInterval(keepAlive);
      signal.removeEventListener('abort', onAbort);
      this.#open.delete(graceful);
      const left = (this.#perOwner.get(owner) ?? 1) - 1;
      if (left > 0) this.#perOwner.set(owner, left);
      else this.#perOwner.delete(owner);
      try {
        controller.close();
      } catch {
        // Already closed by the reader.
      }
    };
    const serverInfo = this.#options.serverInfo ?? { name: 'mcp-tasks', version: '0.1.0' };
    const graceful = () =>
      end({ jsonrpc: '2.0', id, result: { resultType: 'complete', _meta: { ...meta, [SERVER_INFO_META_KEY]: serverInfo } } });
    const body = new ReadableStream<Uint8Array>({
      start: (c) => {
        controller = c;
      },
      cancel: () => end(undefined),
    });
    this.#open.add(graceful);
    this.#perOwner.set(owner, (this.#perOwner.get(owner) ?? 0) + 1);
    signal.addEventListener('abort', onAbort, { once: true });
    // The ack is the first message carrying the subscription's id (schema: SubscriptionsAcknowledgedNotification).
    send({
      jsonrpc: '2.0',
      method: 'notifications/subscriptions/acknowledged',
      params: { notifications: { taskIds: [...agreed] }, _meta: meta },
    });
    if (signal.aborted) end(undefined);
    else {
      const notify = (record: TaskRecord) =>
        send({
          jsonrpc: '2.0',
          method: 'notifications/tasks',
          params: { ...taskView(this.#options.engine, this.#options.input, owner, record, false), _meta: meta },
        });
      void Promise.all(agreed.map((taskId) => this.#watch(owner, taskId, stop.signal, notify))).then(graceful, (error: unknown) => {
        const rpc = toProtocolError(error);
        end({ jsonrpc: '2.0', id, error: { code: rpc.code, message: rpc.message, ...(rpc.data !== undefined && { data: rpc.data }) } });
      });
    }
    return new Response(body, { status: 200, headers: SSE_HEADERS });
  }

  /**
   * Notify each change of one task that its owner can see (its status, the keys of its open
   * questions) until it is terminal, the terminal state included. Ends quietly when the
   * subscription stops or the task is gone (expired); a store failure rejects.
   */
  async #watch(owner: Owner, taskId: string, signal: AbortSignal, notify: (record: TaskRecord) => void): Promise<void> {
    let shown: string | undefined;
    const show = (record: TaskRecord) => {
      const seen = `${record.status} ${Object.keys(record.input?.requests ?? {})
        .sort()
        .join(' ')}`;
      if (seen !== shown) notify(record);
      shown = seen;
    };
    const changes = this.#options.engine.changes(owner, taskId, signal);
    try {
      let step = await changes.next();
      while (step.done !== true) {
        show(step.value);
        step = await changes.next();
      }
      show(step.value);
    } catch (error) {
      if (signal.aborted || isTasksError(error, 'TASK_NOT_FOUND')) return;
      throw error;
    }
  }
}

/** `params.notifications.taskIds` as strings; undefined when it is not an array of strings. */
function requestedTaskIds(params: JsonObject): string[] | undefined {
  const filter = params.notifications;
  const ids = typeof filter === 'object' && filter !== null && !Array.isArray(filter) ? (filter as JsonObject).taskIds : undefined;
  return Array.isArray(ids) && ids.every((one) => typeof one === 'string') ? (ids as string[]) : undefined;
}

/** The listen request answered with an error, as the SDK answers one (HTTP 400 for -32021, else 200). */
function errorResponse(id: string | number, error: unknown): Response {
  const rpc = toProtocolError(error);
  const body = { jsonrpc: '2.0', id, error: { code: rpc.code, message: rpc.message, ...(rpc.data !== undefined && { data: rpc.data }) } };
  return Response.json(body, { status: rpc.code === -32021 ? 400 : 200 });
}
