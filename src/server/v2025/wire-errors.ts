/**
 * What the SDK needs to put a JSON-RPC error on the wire exactly as we word it: an Error with an
 * integer `code` (an McpError would prefix "MCP error -32602: " to our message).
 *
 * Not a `TasksError` on purpose: the SDK sends a thrown error's `code` as the JSON-RPC code when
 * it is an integer (anything else becomes -32603), while a `TasksError`'s `code` is its string
 * code. A WireError is the wire FORM of a TasksError: made by the one mapping (`toJsonRpcError`),
 * it carries the string code in `data.code`. The only other sources are a stored failure returned
 * as it came (R42) and -32601 for a tool's task support (R11, R13). Internal: not exported.
 */
import { InvalidArgumentError, toJsonRpcError, type JsonRpcErrorObject } from '../../errors/index.js';

export class WireError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly data?: unknown,
  ) {
    super(message);
    this.name = 'WireError';
  }

  static from(object: JsonRpcErrorObject): WireError {
    return new WireError(object.code, object.message, object.data);
  }
}

/** Any thrown value -> a WireError through the one mapping (`toJsonRpcError`). */
export function toWireError(error: unknown, context?: string): WireError {
  if (error instanceof WireError) return error;
  return WireError.from(toJsonRpcError(error, context));
}

/** -32602 with `data.code` INVALID_ARGUMENT: the message names the bad field. */
export const invalidParams = (message: string) => toWireError(new InvalidArgumentError(message));
