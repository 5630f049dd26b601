/** The 2026-07-28 leg (Tasks extension on SDK v2). Not yet a public entry point. */
export { createServer2026, createTasksHandler2026, type TasksLeg2026Options } from './leg.js';
export { NO_INPUT, type InputChannel } from './input-channel.js';
export { registerTaskMethods2026, type TaskMethods2026Options } from './task-methods.js';
export { registerTools2026, type MrtrRound, type Tool2026, type ToolCall2026, type Tools2026Options } from './tools.js';
export { declaresTasks, TASKS_EXTENSION_ID, TASKS_REQUIRED_CAPABILITIES, toCreateTaskResult, toDetailedTask } from './wire.js';
export { storeInputChannel, type SideChannelStore } from './store-input-channel.js';
