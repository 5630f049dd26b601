/**
 * The runtime exports of every package entry point, imported through the package's own `exports`
 * map (from dist, as a user gets them). A new export, or an internal that leaks, fails here: add
 * it on purpose, and to the README's "Public API".
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

const ENTRIES: Record<string, string[]> = {
  'mcp-tasks': [
    'ANONYMOUS_OWNER',
    'AnonymousNotAllowedError',
    'BaseTaskStore',
    'BindingError',
    'CapabilityMissingError',
    'ConcurrentModificationError',
    'DEFAULT_SECURITY_CONFIG',
    'INITIAL_STATUS',
    'InMemoryTaskStore',
    'InvalidArgumentError',
    'InvalidCursorError',
    'InvalidOptionsError',
    'InvalidTransitionError',
    'JSON_RPC',
    'LEASE_EXPIRED_MESSAGE',
    'ManualClock',
    'PROGRESS_VARIABLE',
    'PayloadTooLargeError',
    'QuotaExceededError',
    'RELATED_TASK_META_KEY',
    'RateLimitedError',
    'RateLimiter',
    'ResumeRefusedError',
    'SHUTDOWN_MESSAGE',
    'SequentialWorkflow',
    'ServerTaskContext',
    'StepInputError',
    'StepOutputError',
    'SdkUnsupportedError',
    'StorageExhaustedError',
    'StoreUnavailableError',
    'TASKS_ERROR_CODES',
    'TASK_STATUSES',
    'TaskCancelledError',
    'TaskContext',
    'TaskEngine',
    'TaskNoLongerRunningError',
    'TaskNotFoundError',
    'TaskNotTerminalError',
    'TaskSupportMismatchError',
    'TaskTerminalError',
    'TasksError',
    'TasksServer',
    'ToolUnavailableError',
    'VARIABLES_META_KEY',
    'WorkflowDefinitionError',
    'WorkflowStepError',
    'canTransition',
    'effectiveTtl',
    'generateTaskId',
    'isActive',
    'isExpired',
    'isTaskStatus',
    'isTasksError',
    'isTerminal',
    'jsonLinesLogger',
    'jsonRpcCodeOf',
    'resolveOwner',
    'resolveSecurityConfig',
    'silentLogger',
    'stepVariableKey',
    'systemClock',
    'toFailureError',
    'toJsonRpcError',
    'toSdkTaskStore',
    'toWireTask',
    'withTasks',
  ],
  'mcp-tasks/validate': ['PAYLOAD_NAMES', 'PayloadValidationError', 'assertValid', 'formatIssues', 'isPayloadName', 'isValid', 'validate'],
  'mcp-tasks/dynamodb': [
    'ATTR',
    'DynamoDbTaskStore',
    'LIST_INDEX',
    'MAX_ACTIVE_TASKS_LIMIT',
    'MAX_ITEM_BYTES',
    'TABLE_DEFINITION',
    'TTL_ATTRIBUTE',
    'cloudFormationTemplate',
    'createTable',
    'createTableInput',
  ],
  'mcp-tasks/conformance': [
    'FIXTURE_NAMES',
    'ManualClock',
    'PROTOCOL_CHECKS',
    'ProtocolRun',
    'exitCodeOf',
    'formatReport',
    'formatResult',
    'registerProtocolConformance',
    'runProtocolConformance',
    'runStoreConformance',
    'summaryLine',
    'toJUnitXml',
  ],
  // Types only.
  'mcp-tasks/types': [],
};

describe('package exports', () => {
  for (const [entry, expected] of Object.entries(ENTRIES)) {
    it(`${entry} exports exactly its public API`, async () => {
      const specifier: string = entry; // a variable, so tsc does not resolve the package's own d.ts
      const module = (await import(specifier)) as Record<string, unknown>;
      assert.deepEqual(Object.keys(module).sort(), [...expected].sort());
    });
  }
});
