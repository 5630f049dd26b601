/**
 * mcp-tasks: the Tasks utility of the Model Context Protocol (2025-11-25), for production.
 *
 * @module mcp-tasks
 * @example
 * ```ts
 * import { InMemoryTaskStore, TaskContext } from 'mcp-tasks';
 * const store = new InMemoryTaskStore({ security: { maxActiveTasksPerOwner: 10 } });
 * const task = await store.create('auth:alice', { request: { method: 'tools/call', params: { name: 'x' } } });
 * await new TaskContext(store, 'auth:alice', task.taskId).complete({ content: [] });
 * ```
 */
export { TASK_STATUSES, INITIAL_STATUS, isTaskStatus, isTerminal, isActive, canTransition } from './status.js';
export type { TaskStatus, TerminalStatus, ActiveStatus } from './status.js';
export {
  TASKS_ERROR_CODES,
  TasksError,
  TaskNotFoundError,
  TaskTerminalError,
  InvalidTransitionError,
  TaskNotTerminalError,
  TaskCancelledError,
  QuotaExceededError,
  StorageExhaustedError,
  SdkUnsupportedError,
  TaskSupportMismatchError,
  RateLimitedError,
  InvalidCursorError,
  AnonymousNotAllowedError,
  PayloadTooLargeError,
  InvalidArgumentError,
  ConcurrentModificationError,
  StoreUnavailableError,
  InvalidOptionsError,
  CapabilityMissingError,
  TaskNoLongerRunningError,
  WorkflowDefinitionError,
  BindingError,
  StepInputError,
  StepOutputError,
  WorkflowStepError,
  ResumeRefusedError,
  ToolUnavailableError,
  isTasksError,
  JSON_RPC,
  jsonRpcCodeOf,
  toJsonRpcError,
} from './errors/index.js';
export type { TasksErrorCode, JsonRpcErrorObject } from './errors/index.js';
export { systemClock, ManualClock } from './clock.js';
export type { Clock } from './clock.js';
export { DEFAULT_SECURITY_CONFIG, resolveSecurityConfig, effectiveTtl } from './security.js';
export type { SecurityConfig } from './security.js';
export { ANONYMOUS_OWNER, resolveOwner } from './owner.js';
export type { Owner, OwnerSource, ResolveOwnerOptions } from './owner.js';
export { toWireTask, isExpired, VARIABLES_META_KEY, RELATED_TASK_META_KEY } from './record.js';
export type { TaskRecord, TaskOutcome, TaskLease, WireTask, WireTaskJson, ToWireTaskOptions } from './record.js';
export { LEASE_EXPIRED_MESSAGE } from './contract.js';
export { SHUTDOWN_MESSAGE } from './server/core/execution.js';
export type {
  TaskStore,
  CreateTaskInput,
  StatusUpdate,
  CompleteInput,
  TaskResult,
  ListOptions,
  TaskPage,
  StoreCapabilities,
  TaskChange,
  InputMethod,
  InputRequest,
  PendingInput,
  InputAnswer,
  TaskInput,
  InputCommand,
  InputCommandResult,
} from './contract.js';
export { BaseTaskStore } from './stores/base.js';
export type { BaseTaskStoreOptions, RecordPatch, WriteCondition, WriteResult, StoredPage } from './stores/base.js';
export { InMemoryTaskStore } from './stores/memory.js';
export type { InMemoryTaskStoreOptions } from './stores/memory.js';
export { TaskContext, toFailureError } from './task-context.js';
export type { FailReason } from './task-context.js';
export { generateTaskId } from './ids.js';
export type { JsonValue, JsonObject } from './json.js';

// The SDK integration.
export { withTasks, TasksServer } from './server/v2025/with-tasks.js';
export type { WithTasksOptions, ResumeTaskOptions } from './server/v2025/with-tasks.js';
export { TaskEngine, DEFAULT_SYNC_WINDOW_MS } from './server/core/engine.js';
export type { TaskEngineOptions, TaskWork, StartOptions, CallOptions, CallOutcome } from './server/core/engine.js';
export type { ProgressReport } from './server/core/observer.js';
export { ServerTaskContext } from './server/core/context.js';
export type { TaskPeer } from './server/core/context.js';
export type { TaskSupport } from './server/core/task-support.js';
export type { TaskToolExtra, TaskToolHandler, TaskToolConfig } from './server/v2025/task-tools.js';
export { defineTool, GENERATIONS } from './server/core/tool-definition.js';
export type {
  DefinedTool,
  ToolDefinition,
  ToolContext,
  Generation,
  ToolAnnotations,
  MrtrRound,
  ParsedToolArguments,
} from './server/core/tool-definition.js';
export type { StandardSchemaV1, ToolSchema } from './server/core/tool-schemas.js';
export { toSdkTaskStore } from './server/v2025/sdk-task-store.js';
export type { SdkTaskStoreOptions } from './server/v2025/sdk-task-store.js';
export { jsonLinesLogger, silentLogger } from './server/core/logger.js';
export type { TasksLogger, TaskLogEntry, TaskEvent } from './server/core/logger.js';
export { RateLimiter } from './server/core/rate-limit.js';
export type { RateLimitOptions } from './server/core/rate-limit.js';
export { DEFAULT_POLL_POLICY, pollIntervalMs } from './server/core/poll-policy.js';
export type { PollPolicy, PollFacts } from './server/core/poll-policy.js';

// Workflows.
export { SequentialWorkflow, stepVariableKey, PROGRESS_VARIABLE } from './workflows/index.js';
export type {
  SequentialWorkflowConfig,
  ResumeOptions,
  Binding,
  Step,
  StepInput,
  StepRunContext,
  WorkflowProgress,
} from './workflows/index.js';

// Observability (docs/operations.md): metrics and tracing through small interfaces, no dependency.
export { METRICS, noopMetrics } from './observe/metrics.js';
export type {
  TasksMetrics,
  MetricName,
  MetricLabels,
  MetricDefinition,
  MetricType,
  CounterChild,
  GaugeChild,
  HistogramChild,
} from './observe/metrics.js';
export { TextMetrics } from './observe/text-metrics.js';
export { measureStore } from './observe/store-metrics.js';
export type { MeasureStoreOptions } from './observe/store-metrics.js';
export { noopTracing, TRACE_META_KEYS } from './observe/tracing.js';
export type { TasksTracing, McpRequestInfo, RequestOutcome, RequestSpan, TaskSpan, TaskSpanInfo, TaskEnd } from './observe/tracing.js';
