/**
 * Payload names of the 2026-07-28 Tasks extension (`io.modelcontextprotocol/tasks`) accepted by
 * `validate2026`, and the generated type (`mcp-tasks/types/2026-07-28`) each one validates to.
 *
 * As for 2025-11-25: `"<method> request"` / `"notifications/tasks"` validate a whole JSON-RPC
 * message, `"<method> result"` the `result` member only; def names are exactly the core schema's
 * `$defs` names and the extension's (transcribed from tasks.md).
 */
import type * as T from '../../generated/tasks-2026-07-28/types.js';
import {
  CORE_ROOT_DEF_NAMES_2026,
  EXTENSION_DEF_NAMES_2026,
  type Tasks2026SchemaDefName,
} from '../../generated/tasks-2026-07-28/schemas.js';

/** Name -> generated TypeScript type of a 2026-07-28 payload that passed validation. */
export interface PayloadTypeMap2026 {
  // ---- method-oriented names ----
  'tools/call request': T.CallToolRequest;
  /** CallToolResult | InputRequiredResult | CreateTaskResult, chosen by `resultType`. */
  'tools/call result': T.TasksCallToolResult;
  'tasks/get request': T.GetTaskRequest;
  'tasks/get result': T.GetTaskResult;
  'tasks/update request': T.UpdateTaskRequest;
  'tasks/update result': T.UpdateTaskResult;
  'tasks/cancel request': T.CancelTaskRequest;
  'tasks/cancel result': T.CancelTaskResult;
  'notifications/tasks': T.TaskStatusNotification;
  'server/discover result': T.DiscoverResult;
  // ---- core $defs ----
  Result: T.Result;
  ResultType: T.ResultType;
  Error: T.Error;
  JSONObject: T.JSONObject;
  RequestMetaObject: T.RequestMetaObject;
  NotificationMetaObject: T.NotificationMetaObject;
  InputRequest: T.InputRequest;
  InputRequests: T.InputRequests;
  InputResponse: T.InputResponse;
  InputResponses: T.InputResponses;
  InputRequiredResult: T.InputRequiredResult;
  InputResponseRequestParams: T.InputResponseRequestParams;
  CallToolRequest: T.CallToolRequest;
  CallToolRequestParams: T.CallToolRequestParams;
  CallToolResult: T.CallToolResult;
  Tool: T.Tool;
  ListToolsResult: T.ListToolsResult;
  ElicitRequest: T.ElicitRequest;
  ElicitResult: T.ElicitResult;
  CreateMessageRequest: T.CreateMessageRequest;
  CreateMessageResult: T.CreateMessageResult;
  ClientCapabilities: T.ClientCapabilities;
  ServerCapabilities: T.ServerCapabilities;
  DiscoverResult: T.DiscoverResult;
  MissingRequiredClientCapabilityError: T.MissingRequiredClientCapabilityError;
  HeaderMismatchError: T.HeaderMismatchError;
  MethodNotFoundError: T.MethodNotFoundError;
  InvalidParamsError: T.InvalidParamsError;
  JSONRPCRequest: T.JSONRPCRequest;
  JSONRPCNotification: T.JSONRPCNotification;
  JSONRPCResultResponse: T.JSONRPCResultResponse;
  JSONRPCErrorResponse: T.JSONRPCErrorResponse;
  JSONRPCResponse: T.JSONRPCResponse;
  JSONRPCMessage: T.JSONRPCMessage;
  // ---- the extension's $defs ----
  TaskStatus: T.TaskStatus;
  Task: T.Task;
  WorkingTask: T.WorkingTask;
  InputRequiredTask: T.InputRequiredTask;
  CompletedTask: T.CompletedTask;
  FailedTask: T.FailedTask;
  CancelledTask: T.CancelledTask;
  DetailedTask: T.DetailedTask;
  CreateTaskResult: T.CreateTaskResult;
  GetTaskRequest: T.GetTaskRequest;
  GetTaskResult: T.GetTaskResult;
  UpdateTaskRequest: T.UpdateTaskRequest;
  UpdateTaskResult: T.UpdateTaskResult;
  CancelTaskRequest: T.CancelTaskRequest;
  CancelTaskResult: T.CancelTaskResult;
  TaskStatusNotificationParams: T.TaskStatusNotificationParams;
  TaskStatusNotification: T.TaskStatusNotification;
  TasksCallToolResult: T.TasksCallToolResult;
}

/** Every name accepted by `validate2026`, `assertValid2026` and `isValid2026`. */
export type PayloadName2026 = keyof PayloadTypeMap2026;

/** The generated type a payload has once it validated as `N`. */
export type PayloadType2026<N extends PayloadName2026> = PayloadTypeMap2026[N];

const METHOD_NAMES = {
  'tools/call request': 'CallToolRequest',
  'tools/call result': 'TasksCallToolResult',
  'tasks/get request': 'GetTaskRequest',
  'tasks/get result': 'GetTaskResult',
  'tasks/update request': 'UpdateTaskRequest',
  'tasks/update result': 'UpdateTaskResult',
  'tasks/cancel request': 'CancelTaskRequest',
  'tasks/cancel result': 'CancelTaskResult',
  'notifications/tasks': 'TaskStatusNotification',
  'server/discover result': 'DiscoverResult',
} as const;

const DEF_NAMES = [...CORE_ROOT_DEF_NAMES_2026, ...EXTENSION_DEF_NAMES_2026] as const satisfies readonly Tasks2026SchemaDefName[];

/** Payload name -> `$defs` entry of `generated/tasks-2026-07-28/schemas.ts` that validates it. */
export const PAYLOAD_DEFS_2026: { readonly [N in PayloadName2026]: Tasks2026SchemaDefName } = {
  ...METHOD_NAMES,
  ...(Object.fromEntries(DEF_NAMES.map((n) => [n, n])) as { readonly [N in (typeof DEF_NAMES)[number]]: N }),
};

/** All accepted 2026-07-28 payload names, method-oriented names first. */
export const PAYLOAD_NAMES_2026: readonly PayloadName2026[] = Object.freeze(Object.keys(PAYLOAD_DEFS_2026) as PayloadName2026[]);

/** Type guard for a string naming a supported 2026-07-28 payload. */
export function isPayloadName2026(name: string): name is PayloadName2026 {
  return Object.hasOwn(PAYLOAD_DEFS_2026, name);
}
