/**
 * Wire examples of TASKS-REQUIREMENTS section 1.5 (from tasks.mdx), with the `...` elisions
 * filled in with plausible full values. Typed with the generated types, so they also act as a
 * compile-time check of those types. Not a test file by itself.
 */
import type {
  CallToolRequest,
  CancelTaskRequest,
  GetTaskPayloadRequest,
  GetTaskRequest,
  JSONRPCErrorResponse,
  JSONRPCResultResponse,
  ListTasksRequest,
  TaskStatusNotification,
} from '../../generated/types.js';
import type { PayloadName } from '../../src/validate/index.js';

export const TASK_ID = '786512e2-9e0d-44bd-8f29-789f320fe840';

/** tools/call with `params.task` (task-augmented request). */
export const toolsCallRequest: CallToolRequest = {
  jsonrpc: '2.0',
  id: 1,
  method: 'tools/call',
  params: { name: 'get_weather', arguments: { city: 'New York' }, task: { ttl: 60000 } },
};

/** CreateTaskResult response (task nested under result.task). */
export const createTaskResponse: JSONRPCResultResponse = {
  jsonrpc: '2.0',
  id: 1,
  result: {
    task: {
      taskId: TASK_ID,
      status: 'working',
      statusMessage: 'The operation is now in progress.',
      createdAt: '2025-11-25T10:30:00Z',
      lastUpdatedAt: '2025-11-25T10:40:00Z',
      ttl: 60000,
      pollInterval: 5000,
    },
  },
};

export const tasksGetRequest: GetTaskRequest = {
  jsonrpc: '2.0',
  id: 3,
  method: 'tasks/get',
  params: { taskId: TASK_ID },
};

/** tasks/get response: flat Task in result. */
export const tasksGetResponse: JSONRPCResultResponse = {
  jsonrpc: '2.0',
  id: 3,
  result: {
    taskId: TASK_ID,
    status: 'working',
    statusMessage: 'The operation is now in progress.',
    createdAt: '2025-11-25T10:30:00Z',
    lastUpdatedAt: '2025-11-25T10:40:00Z',
    ttl: 30000,
    pollInterval: 5000,
  },
};

/** Not shown in section 1.5 (only its response is); needed for a complete exchange. */
export const tasksResultRequest: GetTaskPayloadRequest = {
  jsonrpc: '2.0',
  id: 4,
  method: 'tasks/result',
  params: { taskId: TASK_ID },
};

/** tasks/result response: the original CallToolResult plus related-task _meta (R44). */
export const tasksResultResponse: JSONRPCResultResponse = {
  jsonrpc: '2.0',
  id: 4,
  result: {
    content: [{ type: 'text', text: 'Current weather in New York: 72°F, partly cloudy' }],
    isError: false,
    _meta: { 'io.modelcontextprotocol/related-task': { taskId: TASK_ID } },
  },
};

/** notifications/tasks/status: flat Task in params. */
export const taskStatusNotification: TaskStatusNotification = {
  jsonrpc: '2.0',
  method: 'notifications/tasks/status',
  params: {
    taskId: TASK_ID,
    status: 'completed',
    createdAt: '2025-11-25T10:30:00Z',
    lastUpdatedAt: '2025-11-25T10:50:00Z',
    ttl: 60000,
    pollInterval: 5000,
  },
};

export const tasksListRequest: ListTasksRequest = {
  jsonrpc: '2.0',
  id: 5,
  method: 'tasks/list',
  params: { cursor: 'optional-cursor-value' },
};

export const tasksListResponse: JSONRPCResultResponse = {
  jsonrpc: '2.0',
  id: 5,
  result: {
    tasks: [
      {
        taskId: TASK_ID,
        status: 'working',
        createdAt: '2025-11-25T10:30:00Z',
        lastUpdatedAt: '2025-11-25T10:40:00Z',
        ttl: 30000,
        pollInterval: 5000,
      },
      {
        taskId: 'abc123-def456-ghi789',
        status: 'completed',
        createdAt: '2025-11-25T09:15:00Z',
        lastUpdatedAt: '2025-11-25T10:00:00Z',
        ttl: 60000,
      },
    ],
    nextCursor: 'next-page-cursor',
  },
};

/** Not shown in section 1.5 (only its response is). */
export const tasksCancelRequest: CancelTaskRequest = {
  jsonrpc: '2.0',
  id: 6,
  method: 'tasks/cancel',
  params: { taskId: TASK_ID },
};

/** tasks/cancel response: flat Task with status cancelled (R67). */
export const tasksCancelResponse: JSONRPCResultResponse = {
  jsonrpc: '2.0',
  id: 6,
  result: {
    taskId: TASK_ID,
    status: 'cancelled',
    statusMessage: 'The task was cancelled by request.',
    createdAt: '2025-11-25T10:30:00Z',
    lastUpdatedAt: '2025-11-25T10:45:00Z',
    ttl: 60000,
    pollInterval: 5000,
  },
};

export const errorTaskRequired: JSONRPCErrorResponse = {
  jsonrpc: '2.0',
  id: 1,
  error: { code: -32600, message: 'Task augmentation required for tools/call requests' },
};
export const errorTaskNotFound: JSONRPCErrorResponse = {
  jsonrpc: '2.0',
  id: 70,
  error: { code: -32602, message: 'Failed to retrieve task: Task not found' },
};
export const errorTaskExpired: JSONRPCErrorResponse = {
  jsonrpc: '2.0',
  id: 71,
  error: { code: -32602, message: 'Failed to retrieve task: Task has expired' },
};
export const errorCancelTerminal: JSONRPCErrorResponse = {
  jsonrpc: '2.0',
  id: 74,
  error: { code: -32602, message: "Cannot cancel task: already in terminal status 'completed'" },
};

export interface WireCase {
  /** Test title, naming the spec rules it illustrates. */
  readonly title: string;
  readonly message: object;
  /** Name the whole message validates as. */
  readonly envelope: PayloadName;
  /** For success responses: the name(s) `message.result` validates as. */
  readonly result?: readonly PayloadName[];
}

export const WIRE_CASES: readonly WireCase[] = [
  { title: 'tools/call with params.task (R15)', message: toolsCallRequest, envelope: 'tools/call request' },
  {
    title: 'CreateTaskResult response, task nested (R16, R18, R21, A3)',
    message: createTaskResponse,
    envelope: 'JSONRPCResultResponse',
    result: ['tools/call result', 'CreateTaskResult'],
  },
  { title: 'tasks/get request (R18)', message: tasksGetRequest, envelope: 'tasks/get request' },
  {
    title: 'tasks/get response, flat Task with ttl (R31, R32, R33, R35)',
    message: tasksGetResponse,
    envelope: 'JSONRPCResultResponse',
    result: ['tasks/get result', 'Task'],
  },
  { title: 'tasks/result request', message: tasksResultRequest, envelope: 'tasks/result request' },
  {
    title: 'tasks/result response, CallToolResult + related-task _meta (R43, R44)',
    message: tasksResultResponse,
    envelope: 'JSONRPCResultResponse',
    result: ['tasks/result result', 'tools/call result', 'CallToolResult'],
  },
  {
    title: 'notifications/tasks/status, flat Task in params (R57)',
    message: taskStatusNotification,
    envelope: 'notifications/tasks/status',
  },
  { title: 'tasks/list request with cursor (R62)', message: tasksListRequest, envelope: 'tasks/list request' },
  {
    title: 'tasks/list response with nextCursor (R60, R61)',
    message: tasksListResponse,
    envelope: 'JSONRPCResultResponse',
    result: ['tasks/list result'],
  },
  { title: 'tasks/cancel request', message: tasksCancelRequest, envelope: 'tasks/cancel request' },
  {
    title: 'tasks/cancel response, status cancelled (R67)',
    message: tasksCancelResponse,
    envelope: 'JSONRPCResultResponse',
    result: ['tasks/cancel result', 'Task'],
  },
  { title: 'error -32600 task augmentation required (R72, A1)', message: errorTaskRequired, envelope: 'JSONRPCErrorResponse' },
  { title: 'error -32602 task not found (R71, R37)', message: errorTaskNotFound, envelope: 'JSONRPCErrorResponse' },
  { title: 'error -32602 task expired (R71, A5)', message: errorTaskExpired, envelope: 'JSONRPCErrorResponse' },
  { title: 'error -32602 cancel terminal task (R66)', message: errorCancelTerminal, envelope: 'JSONRPCErrorResponse' },
];
