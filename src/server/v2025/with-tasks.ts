/**
 * `withTasks(server, { store })`: the one call that adds Tasks (2025-11-25) to an SDK server,
 * high-level `McpServer` or low-level `Server`, following the spec where the SDK's experimental
 * support does not (R7, R11, R13, error codes, owner binding, waking `tasks/result`).
 */
import { McpServer, type RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod/v4';
import { InvalidOptionsError, ResumeRefusedError } from '../../errors/index.js';
import type { TaskRecord } from '../../record.js';
import { isTerminal } from '../../status.js';
import type { JsonObject } from '../../json.js';
import type { Owner, OwnerSource } from '../../owner.js';
import type { TaskEngine } from '../core/engine.js';
import type { Carrier } from './input-carrier.js';
import { RequestGuard } from '../core/request-guard.js';
import { toWireError } from './wire-errors.js';
import {
  afterConnect,
  disableSdkTaskGate,
  installedHandler,
  interceptIncoming,
  setRawRequestHandler,
  watchClosedStreams,
} from './sdk-internals.js';
import { TaskMethods, type MethodExtra } from './task-methods.js';
import { ToolCalls } from './tool-calls.js';
import type { TaskSupport } from '../core/task-support.js';
import type { DefinedTool } from '../core/tool-definition.js';
import { TaskTools, type OwnTool, type TaskToolExtra } from './task-tools.js';
import { answerCarried, answeredQuestion } from './wire-answers.js';
import { engineOf, type ResumeTaskOptions, type WithTasksOptions } from './with-tasks-options.js';

export type { ResumeTaskOptions, WithTasksOptions } from './with-tasks-options.js';

// params stays optional: tasks/list and tools/list may come without it (the SDK drops `params: undefined`).
const loose = (method: string) => z.object({ method: z.literal(method), params: z.unknown().optional() });

export class TasksServer {
  readonly engine: TaskEngine;
  readonly server: Server;
  readonly #tools: TaskTools;
  readonly #calls: ToolCalls;

  /** @internal use `withTasks` */
  constructor(target: McpServer | Server, options: WithTasksOptions) {
    const mcp = target instanceof McpServer ? target : undefined;
    this.server = mcp ? mcp.server : (target as Server);
    this.engine = engineOf(options);
    const list = options.list ?? !this.engine.store.security.allowAnonymous;
    const toolCalls = options.toolCalls ?? true;
    const stateless = options.stateless === true ? {} : options.stateless || undefined;
    // Every task operation resolves its owner here, and counts against the rate limit (R81).
    const guard = new RequestGuard({ engine: this.engine, owner: options.owner, toWire: toWireError });
    const sourceOf = (extra: OwnerSource): OwnerSource => (stateless ? { authInfo: extra.authInfo } : extra);
    const ownerOf = (extra: OwnerSource) => guard.admit(sourceOf(extra));

    // One registerCapabilities call with the whole `tasks` object: the SDK merges one level deep.
    this.server.registerCapabilities({
      tasks: {
        ...(list && { list: {} }),
        cancel: {},
        ...(toolCalls && { requests: { tools: { call: {} } } }),
      },
    });
    disableSdkTaskGate(this.server);
    // Before reading the installed handlers: with an McpServer this installs its tool handlers.
    this.#tools = new TaskTools(mcp, options.taskSupport);

    const s = this.server;
    const methods = new TaskMethods(this.engine, guard, (extra) => this.#carrier(extra));
    s.setRequestHandler(loose('tasks/get'), (r, extra) => methods.get(ownerOf(extra), r.params, extra));
    s.setRequestHandler(loose('tasks/cancel'), (r, extra) => methods.cancel(ownerOf(extra), r.params));
    s.setRequestHandler(loose('tasks/result'), (r, extra) => methods.result(ownerOf(extra), r.params, extra));
    if (list) s.setRequestHandler(loose('tasks/list'), (r, extra) => methods.list(ownerOf(extra), r.params));

    const callTool = installedHandler(s, 'tools/call');
    const listTools = installedHandler(s, 'tools/list');
    if (!callTool || !listTools) {
      throw new InvalidOptionsError(
        'withTasks: install your tools/list and tools/call handlers (or register a tool) before calling withTasks()',
      );
    }
    const calls = new ToolCalls({
      engine: this.engine,
      server: s,
      tools: this.#tools,
      delegate: callTool,
      toolCalls,
      ownerOf,
      guard,
      stateless: stateless !== undefined,
      ...(stateless?.clientCapabilities && { assumedClientCapabilities: stateless.clientCapabilities }),
    });
    setRawRequestHandler(s, 'tools/call', (r, extra) => calls.handle(r.params, extra as TaskToolExtra));
    // This server's resumable tools can continue tasks whose worker stopped (takeover.ts), until it closes.
    this.#calls = calls;
    // While connected (and until the first connect).
    let removeResumer: (() => void) | undefined;
    const addResumer = () => (removeResumer ??= this.engine.addResumer((_owner, task) => calls.resume(task)));
    addResumer();
    const onclose = s.onclose;
    s.onclose = () => {
      removeResumer?.();
      removeResumer = undefined;
      onclose?.();
    };
    afterConnect(s, (transport) => {
      addResumer(); // again after a close: a stateless server is reused (src/http/server-pool.ts)
      this.#attach(transport, (extra) => guard.owner(sourceOf(extra)));
    });
    setRawRequestHandler(s, 'tools/list', async (r, extra) => this.#tools.decorateList((await listTools(r, extra)) as JsonObject));
  }

  /**
   * On each transport the server connects to: answers to carried questions are taken before the
   * SDK sees them, whichever stream carried the question (wire-answers.ts); a response stream the
   * client closed ends its request, as a cancellation would, so a question it carried goes back
   * to the task at once (A10).
   */
  #attach(transport: Transport, ownerOf: (extra: OwnerSource) => Owner): void {
    interceptIncoming(transport, (message, extra) => {
      const question = answeredQuestion(message);
      if (!question) return false;
      const owner = ownerOf({ authInfo: extra?.authInfo, sessionId: transport.sessionId });
      answerCarried(this.engine.side, owner, question, message).catch((error: unknown) => {
        this.engine.logger({
          event: 'task.worker_error',
          owner,
          taskId: question.taskId,
          detail: `storing an input answer failed: ${String(error)}`,
        });
      });
      return true;
    });
    watchClosedStreams(transport, (requestIds) => {
      for (const requestId of requestIds)
        transport.onmessage?.({
          jsonrpc: '2.0',
          method: 'notifications/cancelled',
          params: { requestId, reason: 'The client closed the response stream' },
        });
    });
  }

  /**
   * The side-channel carrier of one request's response stream: questions (under ids naming them)
   * and stored progress go out on it. The transport is the request's own, taken now: a stateless
   * server serves the next request on another one once this request has ended.
   */
  #carrier(extra: MethodExtra): Carrier {
    const transport = this.server.transport;
    const open = () => transport !== undefined && this.server.transport === transport;
    const send = (message: JSONRPCMessage) => (open() ? transport!.send(message, { relatedRequestId: extra.requestId }) : undefined);
    return {
      send: async (request) => (await send({ jsonrpc: '2.0', ...request }), open()),
      cancel: (requestId, reason) =>
        void send({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason } })?.catch(() => undefined),
      notify: (notification) => void send({ jsonrpc: '2.0', ...notification })?.catch(() => undefined),
    };
  }

  /** Register a tool whose handler may run as a task (see `TaskTools.register`). */
  get registerTool(): TaskTools['register'] {
    return this.#tools.register.bind(this.#tools);
  }

  /**
   * Register a tool made by `defineTool` (declared once for both generations; see
   * `createTasksHttpHandler` of `mcp-tasks/http` for serving both at one URL): listed with its
   * JSON Schemas, arguments and result checked by its own schemas, its handler given the
   * `ToolContext` of this wire. INVALID_ARGUMENT for a tool not served on 2025-11-25.
   *
   * @example
   * ```ts
   * const tasks = withTasks(new McpServer({ name: 'demo', version: '1.0.0' }), { store });
   * tasks.register(defineTool({ name: 'ping', run: () => ({ content: [{ type: 'text', text: 'pong' }] }) }));
   * ```
   */
  register(tool: DefinedTool): RegisteredTool {
    return this.#tools.registerDefined(tool);
  }

  /**
   * A tool registered through `registerTool` (its argument parser and handler), or undefined.
   * Used by workflows to validate and call their steps' tools.
   */
  ownTool(name: string): OwnTool | undefined {
    return this.#tools.own(name);
  }

  /**
   * Continue, here and now, a task of one of this server's resumable tools whose worker stopped
   * (the caller knows it did, e.g. its process crashed): the takeover path (ARCHITECTURE.md,
   * "Takeover"), at once instead of after the lease runs out. The task's lease (if any) becomes
   * this engine's, the stopped worker's questions are withdrawn, and the work runs again from the
   * stored request as one of the engine's executions; its questions work (see `ResumeTaskOptions`).
   * Resolves with the task's final record. RESUME_REFUSED for a terminal task, one that is no run
   * of a resumable tool of this server, one running here already, or one another worker holds.
   */
  async resumeTask(owner: Owner, taskId: string, options: ResumeTaskOptions = {}): Promise<TaskRecord> {
    const task = await this.engine.store.get(owner, taskId);
    if (isTerminal(task.status)) throw new ResumeRefusedError(taskId, `it is already ${task.status}`);
    const resumption = this.#calls.resume(task, options.clientCapabilities);
    if (!resumption) throw new ResumeRefusedError(taskId, 'it is not a run of a resumable tool of this server');
    return this.engine.takeOver(owner, task, resumption, { ...(options.leaseMs !== undefined && { leaseMs: options.leaseMs }) });
  }

  /** Declare the taskSupport of a tool registered some other way. */
  setTaskSupport(toolName: string, support: TaskSupport): void {
    this.#tools.setSupport(toolName, support);
  }
}

/**
 * Add Tasks to an SDK server. Call it before `connect()`, after the low-level server's own
 * tools/list and tools/call handlers are installed (McpServer: any time before connect).
 *
 * @example
 * ```ts
 * const mcp = new McpServer({ name: 'demo', version: '1.0.0' });
 * const tasks = withTasks(mcp, { store: new InMemoryTaskStore() }); // or { engine } shared by many servers
 * tasks.registerTool('slow', { inputSchema: { ms: z.number() }, execution: { taskSupport: 'optional' } },
 *   async ({ ms }, { task }) => { task?.progress(0, 1); await sleep(ms); return { content: [] }; });
 * await mcp.connect(transport);
 * ```
 */
export function withTasks(server: McpServer | Server, options: WithTasksOptions): TasksServer {
  return new TasksServer(server, options);
}
