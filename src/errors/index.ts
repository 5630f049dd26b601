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
  isTasksError,
} from './tasks-error.js';
export type { TasksErrorCode } from './tasks-error.js';
export {
  WorkflowDefinitionError,
  BindingError,
  StepInputError,
  StepOutputError,
  WorkflowStepError,
  ResumeRefusedError,
  ToolUnavailableError,
} from './workflow-errors.js';
export { JSON_RPC, JsonRpcError, jsonRpcCodeOf, toJsonRpcError } from './json-rpc.js';
export type { JsonRpcErrorObject, JsonRpcErrorOptions } from './json-rpc.js';
