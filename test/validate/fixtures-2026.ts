/**
 * Wire examples of the 2026-07-28 Tasks extension, copied from tasks.md (the `//` comments of its
 * jsonc examples dropped). Typed with the generated 2026 types, so they also check those types at
 * compile time. Not a test file by itself.
 */
import type {
  CallToolRequest,
  CancelTaskRequest,
  CreateTaskResult,
  ElicitRequest,
  GetTaskRequest,
  GetTaskResult,
  MissingRequiredClientCapabilityError,
  TaskStatusNotification,
  UpdateTaskRequest,
  UpdateTaskResult,
} from '../../generated/tasks-2026-07-28/types.js';

export const TASK_ID = '786512e2-9e0d-44bd-8f29-789f320fe840';
const times = { createdAt: '2025-11-25T10:30:00Z', lastUpdatedAt: '2025-11-25T10:50:00Z' } as const;
export const nameElicitation: ElicitRequest = {
  method: 'elicitation/create',
  params: {
    mode: 'form',
    message: 'Please enter your name.',
    requestedSchema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
  },
};

/** "Example Message Flow": tools/call declaring the extension in per-request capabilities. */
export const toolsCallRequest: CallToolRequest = {
  jsonrpc: '2.0',
  id: 2,
  method: 'tools/call',
  params: {
    name: 'hello_world',
    arguments: {},
    // "Other metadata..." filled in with the protocol version the core schema requires.
    _meta: {
      'io.modelcontextprotocol/protocolVersion': '2026-07-28',
      'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
    },
  },
};

/** "Task Creation": the CreateTaskResult example. */
export const createTaskResult: CreateTaskResult = {
  resultType: 'task',
  taskId: TASK_ID,
  status: 'working',
  statusMessage: 'The operation is now in progress.',
  createdAt: '2025-11-25T10:30:00Z',
  lastUpdatedAt: '2025-11-25T10:40:00Z',
  ttlMs: 60000,
  pollIntervalMs: 5000,
};

export const getTaskRequest: GetTaskRequest = { jsonrpc: '2.0', id: 3, method: 'tasks/get', params: { taskId: TASK_ID } };

/** tasks/get results of the message flow: working, input_required, completed. */
export const getWorking: GetTaskResult = {
  resultType: 'complete',
  taskId: TASK_ID,
  status: 'working',
  ...times,
  ttlMs: 3600000,
  pollIntervalMs: 5000,
};
export const getInputRequired: GetTaskResult = {
  resultType: 'complete',
  taskId: TASK_ID,
  status: 'input_required',
  ...times,
  ttlMs: 3600000,
  pollIntervalMs: 5000,
  inputRequests: { name: nameElicitation },
};
export const getCompleted: GetTaskResult = {
  resultType: 'complete',
  taskId: TASK_ID,
  status: 'completed',
  ...times,
  ttlMs: 3600000,
  pollIntervalMs: 5000,
  result: { content: [{ type: 'text', text: 'Hello, Luca!' }], isError: false },
};

export const updateTaskRequest: UpdateTaskRequest = {
  jsonrpc: '2.0',
  id: 6,
  method: 'tasks/update',
  params: { taskId: TASK_ID, inputResponses: { name: { action: 'accept', content: { input: 'Luca' } } } },
};
export const ackResult: UpdateTaskResult = { resultType: 'complete' };
export const cancelTaskRequest: CancelTaskRequest = { jsonrpc: '2.0', id: 9, method: 'tasks/cancel', params: { taskId: TASK_ID } };

/**
 * "Task Execution Errors": both examples carry `resultType: "task"`, so they are CreateTaskResults
 * (a seed state that is already terminal), not tasks/get results (those say "complete").
 */
export const failedSeed = {
  resultType: 'task',
  taskId: '786512e2-9e0d-44bd-8f29-789f820fe840',
  status: 'failed',
  createdAt: '2025-11-25T10:30:00Z',
  lastUpdatedAt: '2025-11-25T10:40:00Z',
  ttlMs: 3600000,
  statusMessage: 'Tool execution failed: API rate limit exceeded',
  error: { code: -32603, message: 'API rate limit exceeded' },
} as const satisfies CreateTaskResult;
export const toolErrorSeed = {
  resultType: 'task',
  taskId: '786512e2-9e0d-44bd-8f29-789f820fe840',
  status: 'completed',
  createdAt: '2025-11-25T10:30:00Z',
  lastUpdatedAt: '2025-11-25T10:40:00Z',
  ttlMs: 3600000,
  result: { content: [{ type: 'text', text: 'Failed to process request: invalid input' }], isError: true },
} as const satisfies CreateTaskResult;

/** "Task Status Notifications": the completed notification. */
export const statusNotification: TaskStatusNotification = {
  jsonrpc: '2.0',
  method: 'notifications/tasks',
  params: {
    taskId: TASK_ID,
    status: 'completed',
    createdAt: '2025-11-25T10:30:00Z',
    lastUpdatedAt: '2025-11-25T10:50:00Z',
    ttlMs: 60000,
    pollIntervalMs: 5000,
    result: { content: [{ type: 'text', text: 'Operation completed successfully.' }], isError: false },
  },
};

/** "Capability Negotiation": -32021 with the required extension. */
export const missingCapability: MissingRequiredClientCapabilityError = {
  jsonrpc: '2.0',
  id: 1,
  error: {
    code: -32021,
    message: 'Missing required client capability',
    data: { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } },
  },
};

/** "Protocol Errors": task not found. */
export const taskNotFound = {
  jsonrpc: '2.0',
  id: 70,
  error: { code: -32602, message: 'Failed to retrieve task: Task not found' },
} as const;
