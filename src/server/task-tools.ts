/**
 * The tools a `TasksServer` knows: each tool's `taskSupport` (R14), and the handlers of tools
 * registered through `registerTool`, which we run ourselves, as a task or not.
 */
import type { McpServer, RegisteredTool } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  getParseErrorMessage,
  normalizeObjectSchema,
  safeParseAsync,
  type ShapeOutput,
  type ZodRawShapeCompat,
} from '@modelcontextprotocol/sdk/server/zod-compat.js';
import type { CallToolResult, ServerNotification, ServerRequest, ToolAnnotations } from '@modelcontextprotocol/sdk/types.js';
import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import { isPlainObject, type JsonObject } from '../json.js';
import type { ServerTaskContext } from './context.js';

export type TaskSupport = 'forbidden' | 'optional' | 'required';
const SUPPORT_VALUES: readonly TaskSupport[] = ['forbidden', 'optional', 'required'];

/** The SDK's handler extra, plus `task` when the call runs as a task. */
export interface TaskToolExtra extends RequestHandlerExtra<ServerRequest, ServerNotification> {
  /** Set when the tool runs as a task: variables, progress, elicitation, status. */
  task?: ServerTaskContext;
}

export type TaskToolHandler<Args> = (args: Args, extra: TaskToolExtra) => CallToolResult | Promise<CallToolResult>;

export interface TaskToolConfig<Shape extends ZodRawShapeCompat> {
  title?: string;
  description?: string;
  inputSchema?: Shape;
  annotations?: ToolAnnotations;
  _meta?: { [key: string]: unknown };
  /** Default `{ taskSupport: 'forbidden' }` (R14). */
  execution?: { taskSupport?: TaskSupport };
}

export interface OwnTool {
  readonly registered: RegisteredTool;
  parse(args: unknown): Promise<{ ok: true; args: unknown } | { ok: false; message: string }>;
  run(args: unknown, extra: TaskToolExtra): Promise<CallToolResult>;
}

export class TaskTools {
  readonly #support = new Map<string, TaskSupport>();
  readonly #own = new Map<string, OwnTool>();

  constructor(
    private readonly mcp: McpServer | undefined,
    initial: { [toolName: string]: TaskSupport } = {},
  ) {
    for (const [name, support] of Object.entries(initial)) this.setSupport(name, support);
  }

  /**
   * Register a tool with the McpServer (so it is listed, with `execution.taskSupport`) and run
   * it ourselves: called with `task` it becomes a task (R16); without, it runs normally. A thrown
   * error is the request's JSON-RPC error in both cases (R42); return `isError: true` for
   * tool-level failures.
   */
  register<Shape extends ZodRawShapeCompat = Record<string, never>>(
    name: string,
    config: TaskToolConfig<Shape>,
    handler: TaskToolHandler<ShapeOutput<Shape>>,
  ): RegisteredTool {
    if (!this.mcp) throw new Error('registerTool needs an McpServer; with a low-level Server, handle tools/call yourself and use setTaskSupport()');
    const { execution, ...sdkConfig } = config;
    const support = execution?.taskSupport ?? 'forbidden';
    const run = (args: unknown, extra: TaskToolExtra) => Promise.resolve(handler(args as ShapeOutput<Shape>, extra));
    const registered = this.mcp.registerTool(name, sdkConfig, run as never);
    const schema = normalizeObjectSchema(config.inputSchema);
    this.setSupport(name, support);
    // A tool removed from the McpServer is gone for us too.
    const remove = registered.remove.bind(registered);
    registered.remove = () => {
      this.#own.delete(name);
      this.#support.delete(name);
      remove();
    };
    this.#own.set(name, {
      registered,
      run,
      async parse(args) {
        if (!schema) return { ok: true, args: args ?? {} };
        const parsed = await safeParseAsync(schema, args ?? {});
        return parsed.success ? { ok: true, args: parsed.data } : { ok: false, message: getParseErrorMessage(parsed.error) };
      },
    });
    return registered;
  }

  setSupport(name: string, support: TaskSupport): void {
    if (!SUPPORT_VALUES.includes(support)) throw new Error(`taskSupport must be one of ${SUPPORT_VALUES.join(', ')}, got ${String(support)}`);
    this.#support.set(name, support);
  }

  supportOf(name: string): TaskSupport {
    return this.#support.get(name) ?? 'forbidden';
  }

  own(name: string): OwnTool | undefined {
    return this.#own.get(name);
  }

  /** Put each known tool's `execution.taskSupport` into a tools/list result (R14). */
  decorateList(result: JsonObject): JsonObject {
    if (!Array.isArray(result.tools)) return result;
    const tools = result.tools.map((tool) => {
      if (!isPlainObject(tool) || typeof tool.name !== 'string' || !this.#support.has(tool.name)) return tool;
      const execution = isPlainObject(tool.execution) ? tool.execution : {};
      return { ...tool, execution: { ...execution, taskSupport: this.supportOf(tool.name) } };
    });
    return { ...result, tools };
  }
}
