export { withTasks, TasksServer } from './v2025/with-tasks.js';
export type { WithTasksOptions, ResumeTaskOptions } from './v2025/with-tasks.js';
export { TaskEngine, DEFAULT_SYNC_WINDOW_MS } from './core/engine.js';
export type { TaskEngineOptions, TaskWork, StartOptions, AdoptOptions, CallOptions, CallOutcome, Lease } from './core/engine.js';
export { ServerTaskContext } from './core/context.js';
export type { TaskPeer } from './core/context.js';
export type { TaskSupport } from './core/task-support.js';
export { defineTool, GENERATIONS } from './core/tool-definition.js';
export type {
  DefinedTool,
  ToolDefinition,
  ToolContext,
  Generation,
  ToolAnnotations,
  MrtrRound,
  ParsedToolArguments,
} from './core/tool-definition.js';
export type { StandardSchemaV1, ToolSchema } from './core/tool-schemas.js';
export type { TaskToolExtra, TaskToolHandler, TaskToolConfig } from './v2025/task-tools.js';
export { toSdkTaskStore } from './v2025/sdk-task-store.js';
export type { SdkTaskStoreOptions } from './v2025/sdk-task-store.js';
export { jsonLinesLogger, silentLogger } from './core/logger.js';
export type { TasksLogger, TaskLogEntry, TaskEvent } from './core/logger.js';
export { WireError, toWireError } from './v2025/wire-errors.js';
export { RateLimiter } from './core/rate-limit.js';
export type { RateLimitOptions, OwnerRateLimiter } from './core/rate-limit.js';
