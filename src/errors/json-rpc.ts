/**
 * The ONE place where mcp-tasks errors become JSON-RPC errors (R71, R73, R74).
 *
 * | code                    | JSON-RPC | why                                                             |
 * |-------------------------|----------|-----------------------------------------------------------------|
 * | TASK_NOT_FOUND          | -32602   | R71: invalid or nonexistent taskId; expired and foreign alike   |
 * | TASK_TERMINAL           | -32602   | R66: cancelling (or changing) a terminal task                   |
 * | INVALID_TRANSITION      | -32602   | the request asks for a move the state machine does not allow    |
 * | TASK_NOT_TERMINAL       | -32602   | a result asked for before the task ended                        |
 * | TASK_CANCELLED          | -32602   | A9: tasks/result of a cancelled task, which has no result       |
 * | INVALID_CURSOR          | -32602   | R64                                                             |
 * | INVALID_ARGUMENT        | -32602   | wrong type or value in params                                   |
 * | PAYLOAD_TOO_LARGE       | -32602   | params (or a value derived from them) exceed a documented limit |
 * | TASK_SUPPORT_MISMATCH   | -32601   | R11, R13: `task` where the tool forbids it, or none where required |
 * | SDK_UNSUPPORTED         | -32603   | internal: the installed SDK lacks an internal we rely on        |
 * | ANONYMOUS_NOT_ALLOWED   | -32600   | the request is not acceptable without an identity               |
 * | QUOTA_EXCEEDED          | -32000   | implementation-defined server error: a resource limit (R38)     |
 * | STORAGE_EXHAUSTED       | -32000   | stored tasks (finished included) reached a storage cap (R38)    |
 * | RATE_LIMITED            | -32000   | implementation-defined server error: too many requests (R81)    |
 * | CONCURRENT_MODIFICATION | -32603   | internal: lost an optimistic race more often than retried       |
 * | STORE_UNAVAILABLE       | -32603   | internal: the backing store failed                              |
 * | PAYLOAD_INVALID         | -32602   | a payload does not match its schema (`mcp-tasks/validate`)      |
 * | INVALID_OPTIONS         | -32603   | the server was set up wrongly (a constructor or setup option)   |
 * | WORKFLOW_INVALID        | -32603   | a workflow definition is broken (found at registration)         |
 * | BINDING_FAILED          | -32603   | a workflow step's argument could not be resolved                |
 * | WORKFLOW_STEP_FAILED    | -32603   | a workflow step failed (the tool's own failure, as before)      |
 * | STEP_INPUT_UNAVAILABLE  | -32603   | a workflow step could not get the requestor's input             |
 * | STEP_OUTPUT_INVALID     | -32603   | a workflow step returned no usable output                       |
 * | CAPABILITY_MISSING      | -32603   | the requestor cannot be sent this request (capability, channel)  |
 * | TASK_NO_LONGER_RUNNING  | -32603   | the task's run ended while its work still waited                |
 * | RESUME_REFUSED          | -32603   | a workflow `resume()` was asked for a task it cannot continue   |
 * | TOOL_UNAVAILABLE        | -32603   | a workflow step's tool is not registered or is disabled         |
 * | anything else           | -32603   | internal error; the message is generic, the cause is not leaked |
 *
 * `data.code` always carries our stable string code, so clients can tell errors apart.
 */
import type { Error as SchemaError } from '../../generated/types.js';
import { isTasksError, type TasksErrorCode } from './tasks-error.js';

export const JSON_RPC = {
  PARSE_ERROR: -32700,
  INVALID_REQUEST: -32600,
  METHOD_NOT_FOUND: -32601,
  INVALID_PARAMS: -32602,
  INTERNAL_ERROR: -32603,
  /** Start of the implementation-defined server error range (-32000..-32099). */
  SERVER_ERROR: -32000,
} as const;

/**
 * The schema's JSON-RPC `Error` object (generated/types.ts). Only `data` is wider: JSON-RPC 2.0
 * allows any value there, the generated type narrows it to an object, and a failed request's
 * error is returned exactly as it came (R42). test/core/wire-types.test.ts pins the relation.
 */
export type JsonRpcErrorObject = Omit<SchemaError, 'data'> & { data?: unknown };

const CODE_MAP: Readonly<Record<TasksErrorCode, number>> = {
  TASK_NOT_FOUND: JSON_RPC.INVALID_PARAMS,
  TASK_TERMINAL: JSON_RPC.INVALID_PARAMS,
  INVALID_TRANSITION: JSON_RPC.INVALID_PARAMS,
  TASK_NOT_TERMINAL: JSON_RPC.INVALID_PARAMS,
  TASK_CANCELLED: JSON_RPC.INVALID_PARAMS,
  INVALID_CURSOR: JSON_RPC.INVALID_PARAMS,
  INVALID_ARGUMENT: JSON_RPC.INVALID_PARAMS,
  TASK_SUPPORT_MISMATCH: JSON_RPC.METHOD_NOT_FOUND,
  SDK_UNSUPPORTED: JSON_RPC.INTERNAL_ERROR,
  PAYLOAD_TOO_LARGE: JSON_RPC.INVALID_PARAMS,
  ANONYMOUS_NOT_ALLOWED: JSON_RPC.INVALID_REQUEST,
  QUOTA_EXCEEDED: JSON_RPC.SERVER_ERROR,
  STORAGE_EXHAUSTED: JSON_RPC.SERVER_ERROR,
  RATE_LIMITED: JSON_RPC.SERVER_ERROR,
  CONCURRENT_MODIFICATION: JSON_RPC.INTERNAL_ERROR,
  STORE_UNAVAILABLE: JSON_RPC.INTERNAL_ERROR,
  PAYLOAD_INVALID: JSON_RPC.INVALID_PARAMS,
  INVALID_OPTIONS: JSON_RPC.INTERNAL_ERROR,
  WORKFLOW_INVALID: JSON_RPC.INTERNAL_ERROR,
  BINDING_FAILED: JSON_RPC.INTERNAL_ERROR,
  WORKFLOW_STEP_FAILED: JSON_RPC.INTERNAL_ERROR,
  STEP_INPUT_UNAVAILABLE: JSON_RPC.INTERNAL_ERROR,
  STEP_OUTPUT_INVALID: JSON_RPC.INTERNAL_ERROR,
  CAPABILITY_MISSING: JSON_RPC.INTERNAL_ERROR,
  TASK_NO_LONGER_RUNNING: JSON_RPC.INTERNAL_ERROR,
  RESUME_REFUSED: JSON_RPC.INTERNAL_ERROR,
  TOOL_UNAVAILABLE: JSON_RPC.INTERNAL_ERROR,
};

/** The JSON-RPC code for one of our error codes. */
export function jsonRpcCodeOf(code: TasksErrorCode): number {
  return CODE_MAP[code];
}

/**
 * A JSON-RPC error object as a thrown value, in no SDK's class: a requestor's error answer to a
 * question, a stored failure returned as it came (R42), a refusal a leg words itself. The
 * mapping below passes it through unchanged; each leg's adapter (v2025/wire-errors.ts,
 * v2026/protocol.ts) puts it in its SDK's form.
 */
export class JsonRpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'JsonRpcError';
  }

  static from(object: JsonRpcErrorObject): JsonRpcError {
    return new JsonRpcError(object.code, object.message, object.data);
  }
}

/** How a thrown value came about, which decides what of it may reach the requestor. */
export interface JsonRpcErrorOptions {
  /** Prefixes our message, e.g. "Failed to retrieve task". */
  context?: string | undefined;
  /**
   * `library` (default): thrown by our code on a request; a foreign error is an internal one, so
   * its message never leaks (stack traces, SQL, AWS messages). `work`: thrown by a tool or task
   * work, whose own words are its answer: an error with an integer code is a JSON-RPC error as it
   * is, any other its message at -32603.
   */
  thrownBy?: 'library' | 'work';
}

/**
 * THE mapping of any thrown value to a JSON-RPC error object, for both wires. Our errors keep
 * their message and code (the table above, `data.code`); a `JsonRpcError` passes as it is;
 * anything else becomes -32603, generic unless thrown by work (`thrownBy: 'work'`).
 * The second argument may be the context string alone.
 */
export function toJsonRpcError(error: unknown, options?: string | JsonRpcErrorOptions): JsonRpcErrorObject {
  const { context, thrownBy = 'library' } = typeof options === 'string' ? { context: options } : (options ?? {});
  if (isTasksError(error)) {
    // Our messages are written for the requestor and never carry a cause's text.
    return {
      code: jsonRpcCodeOf(error.code),
      message: context ? `${context}: ${error.message}` : error.message,
      data: { code: error.code },
    };
  }
  if (thrownBy === 'work' && typeof error === 'object' && error !== null) {
    const { code, message, data } = error as { code?: unknown; message?: unknown; data?: unknown };
    const text = typeof message === 'string' && message.length > 0 ? message : 'Task failed';
    return Number.isInteger(code) ? rpcObject(code as number, text, data) : { code: JSON_RPC.INTERNAL_ERROR, message: text };
  }
  if (error instanceof JsonRpcError) return rpcObject(error.code, error.message, error.data);
  return { code: JSON_RPC.INTERNAL_ERROR, message: context ? `${context}: Internal error` : 'Internal error' };
}

function rpcObject(code: number, message: string, data: unknown): JsonRpcErrorObject {
  return data === undefined ? { code, message } : { code, message, data };
}
