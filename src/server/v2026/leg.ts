/**
 * The 2026-07-28 leg: an SDK v2 `Server` per request (what `createMcpHandler` expects), serving the
 * Tasks extension on top of the same `TaskEngine` and store as the 2025-11-25 leg. Everything a
 * request needs afterwards (the task, its outcome, its questions) lives in the store, so any
 * instance can serve any request of a task.
 *
 * Mount it strict (`legacy: 'reject'`) behind `isLegacyRequest`, with the 2025 leg on the legacy
 * side (docs/2026-leg.md section 1).
 */
import { createMcpHandler, Server, type CreateMcpHandlerOptions, type McpHttpHandler } from '@modelcontextprotocol/server';
import type { ResolveOwnerOptions } from '../../owner.js';
import { checkWindowMs } from '../core/engine-options.js';
import type { TaskEngine } from '../core/engine.js';
import type { DefinedTool } from '../core/tool-definition.js';
import { tools2026 } from './defined-tools.js';
import type { InputChannel } from './input-channel.js';
import { withTaskListen } from './listen-route.js';
import { resumer2026 } from './resumer.js';
import { storeInputChannel } from './store-input-channel.js';
import { registerTaskMethods2026 } from './task-methods.js';
import { registerTools2026, type Tool2026 } from './tools.js';
import { TASKS_EXTENSION_ID } from './wire.js';

export interface TasksLeg2026Options {
  engine: TaskEngine;
  /** The tools: `Tool2026`s, and tools of `defineTool` (those whose generations include 2026-07-28). */
  tools: readonly (Tool2026 | DefinedTool)[];
  /** Questions and answers of running tasks. Default: the engine's store side channel (`storeInputChannel(engine.side)`). */
  input?: InputChannel;
  owner?: ResolveOwnerOptions;
  serverInfo?: { name: string; version: string };
  /** The sync window of this leg's tools that set none (ms; 0: a task at once). Default: the engine's `syncWindowMs`. */
  syncWindowMs?: number;
}

/** A fresh `Server` for one 2026 request: `tools`, the extension, and `tasks/get|update|cancel`. */
export function createServer2026(options: TasksLeg2026Options): Server {
  const server = new Server(options.serverInfo ?? { name: 'mcp-tasks', version: '0.1.0' }, {
    capabilities: { tools: {}, extensions: { [TASKS_EXTENSION_ID]: {} } },
  });
  registerTools2026(server, {
    engine: options.engine,
    tools: tools2026(options.tools),
    syncWindowMs: options.syncWindowMs,
    ...(options.owner && { owner: options.owner }),
  });
  registerTaskMethods2026(server, {
    engine: options.engine,
    input: options.input ?? storeInputChannel(options.engine.side),
    ...(options.owner && { owner: options.owner }),
  });
  return server;
}

/**
 * The fetch-shaped 2026 endpoint; 2025-era requests are refused (route them to the 2025 leg
 * first). While it is open, its resumable tools continue tasks whose worker stopped (takeover). A
 * `subscriptions/listen` for task IDs is served in front of the SDK (listen-route.ts).
 */
export function createTasksHandler2026(
  options: TasksLeg2026Options,
  handlerOptions: Omit<CreateMcpHandlerOptions, 'legacy'> = {},
): McpHttpHandler {
  const tools = tools2026(options.tools); // once, not per request
  if (options.syncWindowMs !== undefined) checkWindowMs(options.syncWindowMs, 'createTasksHandler2026: syncWindowMs');
  for (const tool of tools) if (tool.syncWindowMs !== undefined) checkWindowMs(tool.syncWindowMs, `tool ${tool.name}: syncWindowMs`);
  const resolved = { ...options, tools };
  const sdkHandler = createMcpHandler(() => createServer2026(resolved), { ...handlerOptions, legacy: 'reject' });
  const input = options.input ?? storeInputChannel(options.engine.side);
  const handler = withTaskListen(sdkHandler, { engine: options.engine, input, owner: options.owner, serverInfo: options.serverInfo });
  const removeResumer = options.engine.addResumer(resumer2026(tools));
  const close = handler.close.bind(handler);
  return Object.assign(handler, {
    close: async () => {
      removeResumer();
      await close();
    },
  });
}
