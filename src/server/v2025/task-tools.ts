/**
 * The tools a `TasksServer` knows: each tool's `taskSupport` (R14), and the tools registered through
 * `registerTool`, which we call ourselves, as a task or not, with McpServer's own argument parsing
 * and output check (reached through sdk-internals.ts).
 */
import type { McpServer, RegisteredTool, ToolCallback } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import { InvalidArgumentError } from '../../errors/index.js';
import { isPlainObject, type JsonObject } from '../../json.js';
import type { ServerTaskContext } from '../core/context.js';
import { assertTaskSupport, type TaskSupport } from '../core/task-support.js';
import type { DefinedTool } from '../core/tool-definition.js';
import { definedHandler } from './defined-tools.js';
import {
  mcpToolInternals,
  type AnySchema,
  type McpToolInternals,
  type ParsedArguments,
  type SchemaOutput,
  type ShapeOutput,
  type ZodRawShapeCompat,
} from './sdk-internals.js';

export type { AnySchema, ParsedArguments, SchemaOutput, ShapeOutput, ZodRawShapeCompat };

/** The SDK's tool handler extra (what McpServer passes a tool without an inputSchema). */
type SdkToolExtra = Parameters<ToolCallback>[0];

/** The SDK's handler extra, plus `task` when the call runs as a task. */
export interface TaskToolExtra extends SdkToolExtra {
  /** Set when the tool runs as a task: variables, progress, elicitation, status. */
  task?: ServerTaskContext;
}

/** What a tool's schema (a zod raw shape or a zod schema, as McpServer takes) parses to. */
export type ToolArgs<Schema> = Schema extends ZodRawShapeCompat
  ? ShapeOutput<Schema>
  : Schema extends AnySchema
    ? SchemaOutput<Schema>
    : Record<string, never>;

export type TaskToolHandler<Args> = (args: Args, extra: TaskToolExtra) => CallToolResult | Promise<CallToolResult>;

/** McpServer.registerTool's config, plus `execution.taskSupport`. */
export interface TaskToolConfig<
  Input extends ZodRawShapeCompat | AnySchema,
  Output extends ZodRawShapeCompat | AnySchema = ZodRawShapeCompat,
> {
  title?: string;
  description?: string;
  inputSchema?: Input;
  /** Checked by McpServer's own check on every plain and task run (structuredContent must match). */
  outputSchema?: Output;
  annotations?: ToolAnnotations;
  _meta?: { [key: string]: unknown };
  /** Default `{ taskSupport: 'forbidden' }` (R14). */
  execution?: { taskSupport?: TaskSupport };
  /**
   * The handler can run again for a task whose worker stopped, continuing from what it stored in
   * the task (variables): on a shared store, another instance then takes the task over instead of
   * failing it (ARCHITECTURE.md, "Takeover"). Not sent to clients. Default false.
   */
  resumable?: boolean;
}

export interface OwnTool {
  readonly registered: RegisteredTool;
  /** McpServer's argument parsing for this tool; the message names the bad field. */
  parse(args: unknown): Promise<ParsedArguments>;
  /** Run the handler, then McpServer's outputSchema check (a failed check is McpServer's error result). */
  run(args: unknown, extra: TaskToolExtra): Promise<CallToolResult>;
  /** Declared resumable (`TaskToolConfig.resumable`). */
  readonly resumable: boolean;
}

interface OwnEntry {
  support: TaskSupport;
  resumable: boolean;
  handler: TaskToolHandler<unknown>;
  /** Set for a tool of `defineTool`: its own argument and output checks and listing replace McpServer's. */
  defined?: DefinedTool;
}

export class TaskTools {
  /** taskSupport of tools registered some other way (setSupport), by name. */
  readonly #declared = new Map<string, TaskSupport>();
  /** Tools registered through `register`, keyed by the SDK's own tool object (survives rename). */
  readonly #own = new WeakMap<RegisteredTool, OwnEntry>();
  readonly #sdk: McpToolInternals | undefined;

  constructor(
    private readonly mcp: McpServer | undefined,
    initial: { [toolName: string]: TaskSupport } = {},
  ) {
    this.#sdk = mcp && mcpToolInternals(mcp);
    for (const [name, support] of Object.entries(initial)) this.setSupport(name, support);
  }

  /**
   * Register a tool with the McpServer (so it is listed, with `execution.taskSupport`, and
   * `remove()`, `disable()`, `update()` work as usual) and run it ourselves: called with `task` it
   * becomes a task (R16); without, it runs normally. A thrown error is the request's JSON-RPC
   * error in both cases (R42); return `isError: true` for tool-level failures.
   */
  register<
    Input extends ZodRawShapeCompat | AnySchema = Record<string, never>,
    Output extends ZodRawShapeCompat | AnySchema = ZodRawShapeCompat,
  >(name: string, config: TaskToolConfig<Input, Output>, handler: TaskToolHandler<ToolArgs<Input>>): RegisteredTool {
    if (!this.mcp)
      throw new InvalidArgumentError(
        'registerTool needs an McpServer; with a low-level Server, handle tools/call yourself and use setTaskSupport()',
      );
    const { execution, resumable = false, ...sdkConfig } = config;
    const support = execution?.taskSupport ?? 'forbidden';
    assertTaskSupport(support);
    return this.#register(this.mcp, name, sdkConfig, { support, resumable, handler: handler as TaskToolHandler<unknown> });
  }

  /**
   * Register with McpServer, which lists the tool; McpServer never calls its callback (our
   * tools/call handler runs the tool): it is there for anyone reading RegisteredTool.handler.
   */
  #register(mcp: McpServer, name: string, sdkConfig: object, entry: OwnEntry): RegisteredTool {
    const registered = mcp.registerTool(name, sdkConfig, entry.handler as unknown as ToolCallback);
    this.#own.set(registered, entry);
    return registered;
  }

  /**
   * Register a tool made by `defineTool` (a tool declared once for both generations): listed
   * with its own JSON Schemas, its arguments and result checked by its own schemas (the same
   * check and words as on the 2026-07-28 wire), run as a task or not as `register` does.
   */
  registerDefined(tool: DefinedTool): RegisteredTool {
    if (!this.mcp)
      throw new InvalidArgumentError(
        'register needs an McpServer; with a low-level Server, handle tools/call yourself and use setTaskSupport()',
      );
    if (!tool.serves('2025-11-25'))
      throw new InvalidArgumentError(`tool ${tool.name} is not served on 2025-11-25 (its generations: ${tool.generations.join(', ')})`);
    const config = {
      ...(tool.title !== undefined && { title: tool.title }),
      ...(tool.description !== undefined && { description: tool.description }),
      ...(tool.annotations !== undefined && { annotations: tool.annotations as ToolAnnotations }),
      ...(tool._meta !== undefined && { _meta: tool._meta }),
    };
    return this.#register(this.mcp, tool.name, config, {
      support: tool.taskSupport,
      resumable: tool.resumable,
      handler: definedHandler(tool),
      defined: tool,
    });
  }

  setSupport(name: string, support: TaskSupport): void {
    assertTaskSupport(support);
    const entry = this.#entry(name);
    if (entry) entry.support = support;
    else this.#declared.set(name, support);
  }

  supportOf(name: string): TaskSupport {
    return this.#entry(name)?.support ?? this.#declared.get(name) ?? 'forbidden';
  }

  /**
   * Whether a tool of this name exists: on McpServer, whether it holds one now; on a low-level
   * Server, true for tools declared with a taskSupport, else undefined (its handler decides).
   */
  exists(name: string): boolean | undefined {
    if (this.#sdk) return this.#sdk.registeredTool(name) !== undefined;
    return this.#declared.has(name) ? true : undefined;
  }

  /** The tool registered through `register` that McpServer calls `name` now, or undefined. */
  own(name: string): OwnTool | undefined {
    const registered = this.#sdk?.registeredTool(name);
    const entry = registered && this.#own.get(registered);
    if (!registered || !entry) return undefined;
    const sdk = this.#sdk!;
    const { defined } = entry;
    if (defined) {
      return {
        registered,
        resumable: entry.resumable,
        parse: async (args) => {
          const parsed = await defined.parseArguments(args);
          return parsed.ok ? parsed : { ok: false, message: parsed.message };
        },
        run: (args, extra) => Promise.resolve(entry.handler(args, extra)) as Promise<CallToolResult>,
      };
    }
    return {
      registered,
      resumable: entry.resumable,
      async parse(args) {
        const parsed = await sdk.parseArguments(registered, name, args);
        // Without an inputSchema McpServer parses nothing; our handlers still get the arguments.
        return parsed.ok && registered.inputSchema === undefined ? { ok: true, args: args ?? {} } : parsed;
      },
      run: async (args, extra) => sdk.checkOutput(registered, name, await entry.handler(args, extra)),
    };
  }

  /** Put each known tool's `execution.taskSupport` into a tools/list result (R14). */
  decorateList(result: JsonObject): JsonObject {
    if (!Array.isArray(result.tools)) return result;
    const tools = result.tools.map((tool) => {
      if (!isPlainObject(tool) || typeof tool.name !== 'string' || !this.#known(tool.name)) return tool;
      const execution = isPlainObject(tool.execution) ? tool.execution : {};
      const defined = this.#entry(tool.name)?.defined;
      const schemas = defined && { inputSchema: defined.inputSchema, ...(defined.outputSchema && { outputSchema: defined.outputSchema }) };
      return { ...tool, ...schemas, execution: { ...execution, taskSupport: this.supportOf(tool.name) } };
    });
    return { ...result, tools };
  }

  #entry(name: string): OwnEntry | undefined {
    const registered = this.#sdk?.registeredTool(name);
    return registered && this.#own.get(registered);
  }

  #known(name: string): boolean {
    return this.#entry(name) !== undefined || this.#declared.has(name);
  }
}
