/**
 * A tool of `defineTool` on the 2026-07-28 wire: as a `Tool2026` whose `parse` is the tool's own
 * argument check (-32602 naming the field, the same words as on the 2025-11-25 wire) and whose
 * `run` calls its one handler with the `ToolContext` of this wire, then its output check.
 */
import { InvalidArgumentError } from '../../errors/index.js';
import type { JsonObject } from '../../json.js';
import type { DefinedTool, ToolContext } from '../core/tool-definition.js';
import type { Tool2026, ToolCall2026 } from './tools.js';

/** Whether `tool` was made by `defineTool` (rather than written as a `Tool2026`). */
export function isDefinedTool(tool: Tool2026 | DefinedTool): tool is DefinedTool {
  return 'generations' in tool && typeof (tool as DefinedTool).call === 'function';
}

/** The context of one 2026-07-28 call: no progress channel outside a task (no notifications on this wire yet). */
function toolContext2026(call: ToolCall2026): ToolContext {
  const { task } = call;
  return {
    generation: '2026-07-28',
    signal: call.signal,
    task,
    authInfo: call.authInfo,
    inputResponses: call.inputResponses,
    progress: async (progress, total, message) => task?.progress(progress, total, message),
  };
}

/**
 * `tool` as the 2026 leg serves it (`createTasksHandler2026` does this itself for defined tools
 * in its `tools`; use it to mix one into code that takes `Tool2026`s).
 *
 * @example
 * ```ts
 * const ping = defineTool({ name: 'ping', run: () => ({ content: [{ type: 'text', text: 'pong' }] }) });
 * registerTools2026(server, { engine, tools: [toTool2026(ping)] });
 * ```
 */
export function toTool2026(tool: DefinedTool): Tool2026 {
  const { gather } = tool;
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: tool.inputSchema,
    outputSchema: tool.outputSchema,
    annotations: tool.annotations as JsonObject | undefined,
    _meta: tool._meta,
    taskSupport: tool.taskSupport,
    resumable: tool.resumable,
    syncWindowMs: tool.syncWindowMs,
    async parse(args) {
      const parsed = await tool.parseArguments(args);
      if (!parsed.ok) throw new InvalidArgumentError(parsed.message);
      return parsed.args as JsonObject;
    },
    ...(gather && { gather: (args: JsonObject, round: Parameters<NonNullable<Tool2026['gather']>>[1]) => gather(args, round) }),
    async run(args, call) {
      const result: unknown = await tool.call(args, toolContext2026(call)); // a CallToolResult: a JSON object
      return result as JsonObject;
    },
  };
}

/** The tools the 2026 leg serves: each `Tool2026` as it is, each defined tool that names 2026-07-28 among its generations. */
export function tools2026(tools: readonly (Tool2026 | DefinedTool)[]): Tool2026[] {
  return tools.flatMap((tool) => (!isDefinedTool(tool) ? [tool] : tool.serves('2026-07-28') ? [toTool2026(tool)] : []));
}
