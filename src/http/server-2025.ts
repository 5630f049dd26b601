/**
 * The 2025-11-25 servers of the handler: one SDK 1.x `McpServer` with `withTasks` and the defined
 * tools that name 2025-11-25, per session (sessionful.ts) or pooled for stateless POSTs
 * (stateless.ts, server-pool.ts), all on the handler's one engine, so a task started in one is
 * read, awaited and cancelled from another.
 */
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { ResolveOwnerOptions } from '../owner.js';
import type { TaskEngine } from '../server/core/engine.js';
import type { DefinedTool } from '../server/core/tool-definition.js';
import { withTasks, type TasksServer, type WithTasksOptions } from '../server/v2025/with-tasks.js';
import { sharedSchemaValidator } from './schema-validator.js';

/** One 2025-11-25 server of the handler: the SDK server and its Tasks. */
export interface Server2025 {
  readonly mcp: McpServer;
  readonly tasks: TasksServer;
}

export interface Servers2025Options {
  engine: TaskEngine;
  /** Every tool of the handler; those whose generations include 2025-11-25 are registered. */
  tools: readonly DefinedTool[];
  serverInfo: { name: string; version: string };
  instructions?: string | undefined;
  owner?: ResolveOwnerOptions | undefined;
  /** The hook: may register more on `server`, returns the transport it connects to. */
  connect?: ((server: Server2025, transport: Transport) => Transport) | undefined;
}

export class Servers2025 {
  readonly #tools: readonly DefinedTool[];

  constructor(private readonly options: Servers2025Options) {
    this.#tools = options.tools.filter((tool) => tool.serves('2025-11-25'));
  }

  /** A new server (`stateless`: what withTasks gets for a server that never sees its requestor's `initialize`). */
  create(stateless?: WithTasksOptions['stateless']): Server2025 {
    const { engine, serverInfo, instructions, owner } = this.options;
    const mcp = new McpServer(serverInfo, {
      capabilities: { tools: {} },
      // One validator for every server of the process (a fresh server per stateless request).
      jsonSchemaValidator: sharedSchemaValidator,
      ...(instructions !== undefined && { instructions }),
    });
    // Every requestor the handler serves is identified (a token or a session), so tasks/list is declared (R80).
    const tasks = withTasks(mcp, { engine, list: true, ...(owner && { owner }), ...(stateless !== undefined && { stateless }) });
    for (const tool of this.#tools) tasks.register(tool);
    return { mcp, tasks };
  }

  /** Connect `server` to `transport` (through the hook, which may wrap it). */
  connect(server: Server2025, transport: Transport): Promise<void> {
    return server.mcp.connect(this.options.connect ? this.options.connect(server, transport) : transport);
  }
}
