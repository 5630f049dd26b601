/**
 * Payload names accepted by `mcp-tasks/validate`, and the generated type each one validates to.
 *
 * Two kinds of names:
 * - Method-oriented names, e.g. `"tasks/get request"`, `"tools/call result"`.
 *   `"<method> request"` and `"notifications/tasks/status"` validate a whole JSON-RPC message
 *   (as upstream defines requests/notifications). `"<method> result"` validates the `result`
 *   member of a success response only; validate the envelope with `"JSONRPCResultResponse"`.
 * - Upstream `$defs` names (exactly as in schema.json), e.g. `"Task"`, `"TaskMetadata"`, plus the
 *   mcp-tasks additions `ToolsCallResult`, `SamplingCreateMessageResult`, `ElicitationCreateResult`.
 */
import type * as T from '../../generated/types.js';
import { ADDED_DEF_NAMES, ROOT_DEF_NAMES, type TasksSchemaDefName } from '../../generated/schemas.js';

/** Name -> generated TypeScript type of a payload that passed validation. */
export interface PayloadTypeMap {
  // ---- method-oriented names ----
  'tools/call request': T.CallToolRequest;
  /** CallToolResult | CreateTaskResult (A3; a top-level `task` key selects CreateTaskResult). */
  'tools/call result': T.ToolsCallResult;
  'tools/list result': T.ListToolsResult;
  'sampling/createMessage request': T.CreateMessageRequest;
  /** CreateMessageResult | CreateTaskResult (A3). */
  'sampling/createMessage result': T.SamplingCreateMessageResult;
  'elicitation/create request': T.ElicitRequest;
  /** ElicitResult | CreateTaskResult (A3). */
  'elicitation/create result': T.ElicitationCreateResult;
  'tasks/get request': T.GetTaskRequest;
  'tasks/get result': T.GetTaskResult;
  'tasks/result request': T.GetTaskPayloadRequest;
  /** Open object: the original request's result type (validate that separately, e.g. "CallToolResult"). */
  'tasks/result result': T.GetTaskPayloadResult;
  'tasks/list request': T.ListTasksRequest;
  'tasks/list result': T.ListTasksResult;
  'tasks/cancel request': T.CancelTaskRequest;
  'tasks/cancel result': T.CancelTaskResult;
  'notifications/tasks/status': T.TaskStatusNotification;
  'initialize result': T.InitializeResult;
  // ---- upstream $defs ----
  Task: T.Task;
  TaskStatus: T.TaskStatus;
  /** Requested task metadata (`params.task`): `ttl` is integer, never null (A4). */
  TaskMetadata: T.TaskMetadata;
  RelatedTaskMetadata: T.RelatedTaskMetadata;
  TaskAugmentedRequestParams: T.TaskAugmentedRequestParams;
  CreateTaskResult: T.CreateTaskResult;
  GetTaskRequest: T.GetTaskRequest;
  GetTaskResult: T.GetTaskResult;
  GetTaskPayloadRequest: T.GetTaskPayloadRequest;
  GetTaskPayloadResult: T.GetTaskPayloadResult;
  ListTasksRequest: T.ListTasksRequest;
  ListTasksResult: T.ListTasksResult;
  CancelTaskRequest: T.CancelTaskRequest;
  CancelTaskResult: T.CancelTaskResult;
  TaskStatusNotification: T.TaskStatusNotification;
  TaskStatusNotificationParams: T.TaskStatusNotificationParams;
  ToolExecution: T.ToolExecution;
  Tool: T.Tool;
  ListToolsResult: T.ListToolsResult;
  CallToolRequest: T.CallToolRequest;
  CallToolRequestParams: T.CallToolRequestParams;
  CallToolResult: T.CallToolResult;
  CreateMessageRequest: T.CreateMessageRequest;
  CreateMessageRequestParams: T.CreateMessageRequestParams;
  CreateMessageResult: T.CreateMessageResult;
  ElicitRequest: T.ElicitRequest;
  ElicitRequestParams: T.ElicitRequestParams;
  ElicitResult: T.ElicitResult;
  ClientCapabilities: T.ClientCapabilities;
  ServerCapabilities: T.ServerCapabilities;
  InitializeResult: T.InitializeResult;
  JSONRPCRequest: T.JSONRPCRequest;
  JSONRPCNotification: T.JSONRPCNotification;
  JSONRPCResultResponse: T.JSONRPCResultResponse;
  JSONRPCErrorResponse: T.JSONRPCErrorResponse;
  JSONRPCResponse: T.JSONRPCResponse;
  JSONRPCMessage: T.JSONRPCMessage;
  Error: T.Error;
  // ---- mcp-tasks additions (not upstream; A3) ----
  ToolsCallResult: T.ToolsCallResult;
  SamplingCreateMessageResult: T.SamplingCreateMessageResult;
  ElicitationCreateResult: T.ElicitationCreateResult;
}

/** Every name accepted by `validate`, `assertValid` and `isValid`. */
export type PayloadName = keyof PayloadTypeMap;

/** The generated type a payload has once it validated as `N`. */
export type PayloadType<N extends PayloadName> = PayloadTypeMap[N];

const METHOD_NAMES = {
  'tools/call request': 'CallToolRequest',
  'tools/call result': 'ToolsCallResult',
  'tools/list result': 'ListToolsResult',
  'sampling/createMessage request': 'CreateMessageRequest',
  'sampling/createMessage result': 'SamplingCreateMessageResult',
  'elicitation/create request': 'ElicitRequest',
  'elicitation/create result': 'ElicitationCreateResult',
  'tasks/get request': 'GetTaskRequest',
  'tasks/get result': 'GetTaskResult',
  'tasks/result request': 'GetTaskPayloadRequest',
  'tasks/result result': 'GetTaskPayloadResult',
  'tasks/list request': 'ListTasksRequest',
  'tasks/list result': 'ListTasksResult',
  'tasks/cancel request': 'CancelTaskRequest',
  'tasks/cancel result': 'CancelTaskResult',
  'notifications/tasks/status': 'TaskStatusNotification',
  'initialize result': 'InitializeResult',
} as const;

/** Every def exposed by name: the selection's roots and our additions (one list, in generated/). */
const DEF_NAMES = [...ROOT_DEF_NAMES, ...ADDED_DEF_NAMES] as const satisfies readonly TasksSchemaDefName[];

/** Payload name -> `$defs` entry of `generated/schemas.ts` that validates it. */
export const PAYLOAD_DEFS: { readonly [N in PayloadName]: TasksSchemaDefName } = {
  ...METHOD_NAMES,
  ...(Object.fromEntries(DEF_NAMES.map((n) => [n, n])) as { readonly [N in (typeof DEF_NAMES)[number]]: N }),
};

/** All accepted payload names, method-oriented names first. */
export const PAYLOAD_NAMES: readonly PayloadName[] = Object.freeze(Object.keys(PAYLOAD_DEFS) as PayloadName[]);

/** Type guard for a string naming a supported payload. */
export function isPayloadName(name: string): name is PayloadName {
  return Object.hasOwn(PAYLOAD_DEFS, name);
}
