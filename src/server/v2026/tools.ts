/**
 * `tools/list` and `tools/call` of the 2026-07-28 leg, on the low-level SDK v2 `Server`: McpServer's
 * own `tools/call` turns every throw into an `isError` result, and the extension needs a real
 * JSON-RPC error (-32021) for a required-task tool called without the extension
 * (docs/2026-leg.md section 4). Task creation is server-directed: a tool that supports tasks,
 * called by a client that declared the extension, runs inline for its sync window and is
 * answered with its result when it ends within it, else as a task (docs/2026-leg.md section 10).
 */
import type { Server, ServerContext } from '@modelcontextprotocol/server';
import { InvalidArgumentError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import { isPlainObject } from '../../json.js';
import type { ResolveOwnerOptions } from '../../owner.js';
import type { ServerTaskContext, TaskPeer } from '../core/context.js';
import type { TaskEngine } from '../core/engine.js';
import { firstIntervalAfter } from '../core/poll-policy.js';
import type { TaskSupport } from '../core/task-support.js';
import type { MrtrRound } from '../core/tool-definition.js';
import { clientCapabilitiesOf, ownerSourceOf, requestGuard2026, tasksCapabilityMissing } from './protocol.js';
import { declaresTasks, toCreateTaskResult } from './wire.js';

/** How one call of a tool runs. */
export interface ToolCall2026 {
  /** Aborted when the task is cancelled, or when the request is (a call run without a task). */
  readonly signal: AbortSignal;
  /** Set when the call runs as a task: status, variables, progress, input. */
  readonly task?: ServerTaskContext;
  /** The answers gathered by MRTR before the call ran (`gather`), keyed as asked; `{}` when none. */
  readonly inputResponses: Readonly<Record<string, unknown>>;
  /** The request's verified authentication, if any (none for a run taken over after its worker stopped). */
  readonly authInfo?: { token: string; clientId?: string; scopes?: string[]; extra?: Record<string, unknown> } | undefined;
}

export type { MrtrRound };

/** A tool of the 2026 leg. */
export interface Tool2026 {
  readonly name: string;
  readonly title?: string | undefined;
  readonly description?: string | undefined;
  /** JSON Schema of the arguments, listed as it is. Default: any object. */
  readonly inputSchema?: JsonObject;
  /** JSON Schema of `structuredContent`, listed as it is (the tool checks its results itself). */
  readonly outputSchema?: JsonObject | undefined;
  readonly annotations?: JsonObject | undefined;
  readonly _meta?: JsonObject | undefined;
  /** `forbidden`: never a task; `optional`: a task for declaring clients; `required`: -32021 for the others. */
  readonly taskSupport: TaskSupport;
  /** Its tasks can be taken over when their worker stopped (`resumer2026`). Default false. */
  readonly resumable?: boolean | undefined;
  /**
   * How long a call from a declaring client runs inline before it becomes a task (ms; 0: a task
   * at once): ending within it, the call is answered with its result. Default: the leg's
   * `syncWindowMs`, else the engine's (DEFAULT_SYNC_WINDOW_MS).
   */
  readonly syncWindowMs?: number | undefined;
  /**
   * Check the arguments before anything runs (after the -32021 check): what it returns is what
   * `gather` and `run` get; a throw is the request's error (INVALID_ARGUMENT: -32602). Default: none.
   */
  parse?(args: JsonObject): Promise<JsonObject>;
  /**
   * Input needed before the call runs (MRTR, before any task exists): return an
   * `InputRequiredResult` (`resultType: "input_required"`) to ask, or undefined to run. Runs
   * again on every retry with that round's answers. Default: never asks.
   */
  gather?(args: JsonObject, round: MrtrRound): Promise<JsonObject | undefined>;
  /** The CallToolResult (`isError: true` for a tool error); a throw is the request's JSON-RPC error. */
  run(args: JsonObject, call: ToolCall2026): Promise<JsonObject>;
}

export interface Tools2026Options {
  engine: TaskEngine;
  tools: readonly Tool2026[];
  owner?: ResolveOwnerOptions;
  /** The sync window of tools that set none (ms). Default: the engine's `syncWindowMs`. */
  syncWindowMs?: number | undefined;
}

/** No notification channel on the 2026 leg yet (subscriptions/listen); capabilities are the request's. */
function peerOf(ctx: ServerContext): TaskPeer {
  const capabilities = clientCapabilitiesOf(ctx);
  return { notify: () => undefined, clientCapabilities: () => capabilities };
}

/** Register `tools/list` and `tools/call` on `server` (declare the `tools` capability on it). */
export function registerTools2026(server: Server, options: Tools2026Options): void {
  const { engine } = options;
  const guard = requestGuard2026(engine, options.owner);
  // A tool's throw is the request's JSON-RPC error: JSON-RPC errors as they are, others -32603 with their message.
  const toolFailed = (error: unknown): never => {
    throw guard.wire(error, { thrownBy: 'work' });
  };
  const byName = new Map(options.tools.map((tool) => [tool.name, tool]));
  const windowOf = (tool: Tool2026): number | undefined => tool.syncWindowMs ?? options.syncWindowMs;

  server.setRequestHandler('tools/list', () => ({
    tools: options.tools.map(listing) as never,
  }));

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name } = request.params;
    const given: JsonObject = isPlainObject(request.params.arguments) ? (request.params.arguments as JsonObject) : {};
    const tool = byName.get(name);
    if (!tool) throw guard.wire(new InvalidArgumentError(`Tool ${name} not found`));
    const declared = declaresTasks(clientCapabilitiesOf(ctx));
    if (tool.taskSupport === 'required' && !declared) throw tasksCapabilityMissing();
    const args = tool.parse
      ? await tool.parse(given).catch((error: unknown) => {
          throw guard.wire(error);
        })
      : given;
    const authInfo = ctx.http?.authInfo;
    const inputResponses = ctx.mcpReq.inputResponses ?? {};
    const requestState = ctx.mcpReq.requestState();
    const ask = await tool
      .gather?.(args, { inputResponses, requestState: typeof requestState === 'string' ? requestState : undefined })
      .catch(toolFailed);
    if (ask !== undefined) return ask as never;
    if (tool.taskSupport !== 'forbidden' && declared) {
      const owner = guard.admit(ownerSourceOf(ctx));
      // The gathered answers are stored with the request, so any instance can run the task.
      const params: JsonObject = {
        name,
        arguments: given,
        ...(Object.keys(inputResponses).length > 0 && { inputResponses: inputResponses as JsonObject }),
      };
      const call = {
        request: { method: 'tools/call', params },
        peer: peerOf(ctx),
        windowMs: windowOf(tool),
        signal: ctx.mcpReq.signal,
        ...(tool.resumable === true && { resumable: true }),
      };
      // Inline within the sync window (the server decides, tasks.md): its result, or a task.
      const outcome = await engine
        .call(owner, call, (task) => tool.run(args, { signal: task.signal, task, inputResponses, authInfo }))
        .catch((error: unknown) => {
          throw guard.wire(error);
        });
      if (outcome.type === 'complete') return outcome.result as never;
      if (outcome.type === 'error') return toolFailed(outcome.error);
      // The SDK adds `content: []` to this result (docs/2026-leg.md section 2).
      return toCreateTaskResult(outcome.record, firstIntervalAfter(engine.polls.advise(owner, outcome.record), outcome.ranMs)) as never;
    }
    return (await tool.run(args, { signal: ctx.mcpReq.signal, inputResponses, authInfo }).catch(toolFailed)) as never;
  });
}

/** A tool as `tools/list` shows it. */
function listing(tool: Tool2026): JsonObject {
  return {
    name: tool.name,
    ...(tool.title !== undefined && { title: tool.title }),
    ...(tool.description !== undefined && { description: tool.description }),
    inputSchema: tool.inputSchema ?? { type: 'object' },
    ...(tool.outputSchema !== undefined && { outputSchema: tool.outputSchema }),
    ...(tool.annotations !== undefined && { annotations: tool.annotations }),
    execution: { taskSupport: tool.taskSupport },
    ...(tool._meta !== undefined && { _meta: tool._meta }),
  };
}
