/**
 * `mcp-tasks/2026-07-28`: the 2026-07-28 Tasks extension (SEP-2663) on the official SDK v2
 * (`@modelcontextprotocol/server`, an optional peer pinned exactly), on the same `TaskEngine` and
 * store as the 2025-11-25 integration (docs/guide/server.md, "Two generations"; docs/2026-leg.md).
 */
export { createServer2026, createTasksHandler2026, type TasksLeg2026Options } from './leg.js';
export { NO_INPUT, type InputChannel } from './input-channel.js';
export { registerTaskMethods2026, type TaskMethods2026Options } from './task-methods.js';
export { registerTools2026, type MrtrRound, type Tool2026, type ToolCall2026, type Tools2026Options } from './tools.js';
export { declaresTasks, TASKS_EXTENSION_ID, TASKS_REQUIRED_CAPABILITIES, toCreateTaskResult, toDetailedTask } from './wire.js';
export { storeInputChannel } from './store-input-channel.js';
export { toTool2026 } from './defined-tools.js';
export { withTaskListen } from './listen-route.js';
export type { TaskListenOptions } from './task-listen.js';
