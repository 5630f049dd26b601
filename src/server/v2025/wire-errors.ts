/**
 * The 2025 leg's adapter from the one mapping (`toJsonRpcError`, src/errors/json-rpc.ts) to what
 * SDK 1.x puts on the wire exactly as we word it: an Error with an integer `code` (an McpError
 * would prefix "MCP error -32602: " to our message).
 *
 * Not a `TasksError` on purpose: the SDK sends a thrown error's `code` as the JSON-RPC code when
 * it is an integer (anything else becomes -32603), while a `TasksError`'s `code` is its string
 * code. A WireError is the SDK 1.x FORM of a JSON-RPC error object (a `JsonRpcError`): made from
 * the one mapping, it carries our string code in `data.code`. The only other sources are a stored
 * failure returned as it came (R42), -32601 for a tool's task support (R11, R13) and a tool's
 * invalid result. Internal: not exported from `mcp-tasks`.
 */
import {
  InvalidArgumentError,
  JsonRpcError,
  toJsonRpcError,
  type JsonRpcErrorObject,
  type JsonRpcErrorOptions,
} from '../../errors/index.js';

export class WireError extends JsonRpcError {
  constructor(code: number, message: string, data?: unknown) {
    super(code, message, data);
    this.name = 'WireError';
  }

  static override from(object: JsonRpcErrorObject): WireError {
    return new WireError(object.code, object.message, object.data);
  }
}

/** Any thrown value -> a WireError through the one mapping (`toJsonRpcError`). */
export function toWireError(error: unknown, options?: string | JsonRpcErrorOptions): WireError {
  if (error instanceof WireError) return error;
  return WireError.from(toJsonRpcError(error, options));
}

/** -32602 with `data.code` INVALID_ARGUMENT: the message names the bad field. */
export const invalidParams = (message: string) => toWireError(new InvalidArgumentError(message));
