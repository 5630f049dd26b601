/**
 * tools/call with tool-level task negotiation (R7, R11-R13, R16):
 * - `required` without `task` -> -32601, the tool does not run (R13);
 * - `forbidden` (or unknown) with `task` -> -32601, the tool does not run (R11);
 * - `optional`/`required` with `task` -> the task is created, `CreateTaskResult` is returned at
 *   once and the tool runs in the background (R16, R21);
 * - with `toolCalls: false` (capability not declared) `task` is ignored (R7).
 */
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { CapabilityMissingError, TaskSupportMismatchError } from '../../errors/index.js';
import { cloneJson, isPlainObject, type JsonObject } from '../../json.js';
import type { Owner, OwnerSource } from '../../owner.js';
import { toWireTask, type TaskRecord } from '../../record.js';
import type { ServerTaskContext, TaskPeer } from '../core/context.js';
import type { Resumption, TaskEngine, TaskWork } from '../core/engine.js';
import type { RequestGuard } from '../core/request-guard.js';
import type { OwnTool, TaskToolExtra, TaskTools } from './task-tools.js';
import { invalidParams, toWireError, WireError } from './wire-errors.js';

/** tools/call params once known to be an object. */
type Params = { [key: string]: unknown };
type Handler = (request: { method: string; params?: Record<string, unknown> }, extra: unknown) => Promise<unknown>;

export interface ToolCallsOptions {
  engine: TaskEngine;
  server: Server;
  tools: TaskTools;
  /** The tools/call handler that was installed before us (McpServer's, or the user's). */
  delegate: Handler;
  toolCalls: boolean;
  ownerOf(extra: OwnerSource): Owner;
  /** Refusals reach the wire through the one mapping. */
  guard: RequestGuard;
  /** The requestor's capabilities when the server saw no `initialize` (stateless serving). */
  assumedClientCapabilities?: { [key: string]: unknown };
  /**
   * Stateless serving: the requestor has no stream after the CreateTaskResult, so a task's
   * progress is stored with it (carried by later `tasks/get` / `tasks/result` streams, R24) and
   * its status notifications go nowhere (clients poll, R58); the server is reused for other
   * requestors' requests, so nothing of a task may be sent through it later.
   */
  stateless?: boolean;
}

export class ToolCalls {
  readonly #peer: TaskPeer;

  constructor(private readonly options: ToolCallsOptions) {
    const { server } = options;
    const clientCapabilities = () =>
      (server.getClientCapabilities() as { [key: string]: unknown } | undefined) ?? options.assumedClientCapabilities;
    this.#peer = options.stateless
      ? { notify: () => undefined, clientCapabilities, storesProgress: true }
      : { notify: (notification) => void server.notification(notification as never).catch(() => {}), clientCapabilities };
  }

  async handle(params: unknown, extra: TaskToolExtra): Promise<JsonObject> {
    if (!isPlainObject(params)) throw invalidParams('tools/call: params must be an object');
    const name = params.name;
    if (typeof name !== 'string') throw invalidParams('tools/call: params.name must be a string');
    const { task, ...plain } = params;
    const own = this.options.tools.own(name);
    // McpServer answers a disabled tool with an error result; a JSON-RPC error says it better.
    if (own && !own.registered.enabled) throw invalidParams(`Tool ${name} disabled`);
    if (task === undefined || !this.options.toolCalls) return this.#plain(name, plain, own, extra);
    return this.#asTask(name, { params, task, plain }, own, extra);
  }

  /** A call without `task` (or with `task` ignored, R7). */
  async #plain(name: string, plain: Params, own: OwnTool | undefined, extra: TaskToolExtra): Promise<JsonObject> {
    if (this.options.toolCalls && this.options.tools.supportOf(name) === 'required') {
      throw mismatch(name, `Tool '${name}' requires task augmentation (taskSupport: 'required'): call it with params.task`);
    }
    if (!own) return (await this.options.delegate({ method: 'tools/call', params: plain }, extra)) as JsonObject;
    const args = await parseArguments(own, name, plain.arguments);
    return checkToolResult(name, await own.run(args, extra));
  }

  /** A task-augmented call: create the task, answer CreateTaskResult, run the tool (R16). */
  async #asTask(
    name: string,
    call: { params: Params; task: unknown; plain: Params },
    own: OwnTool | undefined,
    extra: TaskToolExtra,
  ): Promise<JsonObject> {
    const { params, task, plain } = call;
    if (this.options.tools.supportOf(name) === 'forbidden') {
      // An unknown tool is invalid params, as for a plain call (MCP tools: "Unknown tool" -32602).
      if (this.options.tools.exists(name) === false) throw invalidParams(`tools/call: unknown tool ${JSON.stringify(name)}`);
      throw mismatch(name, `Tool '${name}' does not support task augmentation (taskSupport: 'forbidden')`);
    }
    if (!isPlainObject(task)) throw invalidParams('tools/call: params.task must be an object');
    const args = own ? await parseArguments(own, name, params.arguments) : params.arguments;
    const progressToken = extra._meta?.progressToken;
    const work = (context: ServerTaskContext) => {
      const taskExtra = this.#taskExtra(extra, context);
      return own
        ? own.run(args, taskExtra).then((result) => checkToolResult(name, result))
        : (this.options.delegate({ method: 'tools/call', params: plain }, taskExtra) as Promise<JsonObject>);
    };
    const owner = this.options.ownerOf(extra);
    let record;
    try {
      const request = { method: 'tools/call', params: cloneJson(params as JsonObject) };
      const options = {
        request,
        ...(task.ttl !== undefined && { ttl: task.ttl as number }),
        peer: this.#peer,
        ...(progressToken !== undefined && { progressToken }),
        ...(own?.resumable && { resumable: true }),
      };
      record = await this.options.engine.start(owner, options, work);
    } catch (error) {
      throw this.options.guard.wire(error, { context: 'Cannot create task' });
    }
    return { task: toWireTask(record) };
  }

  /**
   * How a resumable task of one of our tools continues on this instance (takeover, the one way to
   * resume): the stored arguments parsed again, the handler run with a stand-in extra. No
   * requestor connection: status notifications go nowhere; questions go through the stored side
   * channel to whoever reads the task next, if the requestor is taken to support them:
   * `clientCapabilities`, else what this server assumes of requestors it did not see initialize
   * (`stateless.clientCapabilities`), else nothing (a question fails with CAPABILITY_MISSING).
   */
  resume(task: TaskRecord, clientCapabilities?: { [key: string]: unknown }): Resumption | undefined {
    const params = task.request.params;
    // A 2025-11-25 task's request carries `task`; one without it is the 2026 leg's (v2026/resumer.ts).
    if (task.request.method !== 'tools/call' || typeof params.name !== 'string' || !isPlainObject(params.task)) return undefined;
    const name = params.name;
    const own = this.options.tools.own(name);
    if (!own?.resumable) return undefined;
    const capabilities = clientCapabilities ?? this.options.assumedClientCapabilities;
    const work: TaskWork = async (context) => {
      const args = await parseArguments(own, name, params.arguments);
      const standIn = {
        signal: context.signal,
        requestId: `takeover:${task.taskId}`,
        sendNotification: async () => undefined,
        sendRequest: async () => undefined,
      };
      return checkToolResult(name, await own.run(args, this.#taskExtra(standIn as unknown as TaskToolExtra, context)));
    };
    return { work, peer: { notify: () => undefined, clientCapabilities: () => capabilities } };
  }

  /**
   * The handler extra while running as a task: the original request has been answered, so
   * messages go through the task's peer; `signal` fires on tasks/cancel; requests for input go
   * through the input_required side channel.
   */
  #taskExtra(extra: TaskToolExtra, context: ServerTaskContext): TaskToolExtra {
    return {
      ...extra,
      signal: context.signal,
      task: context,
      sendNotification: async (notification) => {
        const p = notification.params as JsonObject | undefined;
        if (notification.method === 'notifications/progress' && p && typeof p.progress === 'number') {
          context.progress(p.progress, p.total as number | undefined, p.message as string | undefined);
        } else {
          context.peer.notify({ method: notification.method, ...(p !== undefined && { params: p }) });
        }
      },
      sendRequest: (async (request: { method: string; params?: JsonObject }) => {
        if (request.method === 'elicitation/create') return context.elicit(request.params as never);
        if (request.method === 'sampling/createMessage') return context.createMessage(request.params as never);
        throw new CapabilityMissingError(request.method, `${request.method} cannot be sent while the tool runs as a task`);
      }) as TaskToolExtra['sendRequest'],
    };
  }
}

/** The tool's arguments through McpServer's own parsing; -32602 naming the bad field. */
async function parseArguments(own: OwnTool, name: string, args: unknown): Promise<unknown> {
  const parsed = await own.parse(args);
  if (!parsed.ok) throw invalidParams(parsed.message);
  return parsed.args;
}

const mismatch = (tool: string, message: string) => toWireError(new TaskSupportMismatchError(tool, message));

/** What the Server's tools/call wrapper would check (our handler is installed without it): a CallToolResult. */
function checkToolResult(name: string, result: unknown): JsonObject {
  const parsed = CallToolResultSchema.safeParse(result);
  if (!parsed.success) throw new WireError(-32603, `Tool ${name} returned an invalid result: ${parsed.error.message}`);
  return result as JsonObject;
}
