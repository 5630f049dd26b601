/**
 * A tool of `defineTool` on the 2025-11-25 wire: its one handler called with the `ToolContext`
 * made from the SDK's handler extra (plain calls) or the task's extra (task runs, tool-calls.ts),
 * so the handler sees the same context as on the 2026-07-28 wire.
 */
import type { ToolContext, DefinedTool } from '../core/tool-definition.js';
import type { TaskToolExtra, TaskToolHandler } from './task-tools.js';

/** The context of one 2025-11-25 call. */
export function toolContext2025(extra: TaskToolExtra): ToolContext {
  const { task } = extra;
  return {
    generation: '2025-11-25',
    signal: extra.signal,
    task,
    authInfo: extra.authInfo,
    inputResponses: {},
    progress: async (progress, total, message) => {
      if (task) return task.progress(progress, total, message);
      const progressToken = extra._meta?.progressToken;
      if (progressToken === undefined) return;
      const params = { progressToken, progress, ...(total !== undefined && { total }), ...(message !== undefined && { message }) };
      await extra.sendNotification({ method: 'notifications/progress', params }).catch(() => undefined);
    },
  };
}

/** The handler a defined tool is registered with: its checked call, with the 2025 context. */
export function definedHandler(tool: DefinedTool): TaskToolHandler<unknown> {
  // The generated CallToolResult and the SDK's differ only in the SDK's open index signature.
  return (args, extra) => tool.call(args, toolContext2025(extra)) as ReturnType<TaskToolHandler<unknown>>;
}
