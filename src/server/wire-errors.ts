/**
 * What the SDK needs to put a JSON-RPC error on the wire exactly as we word it: an Error with an
 * integer `code` (an McpError would prefix "MCP error -32602: " to our message).
 */
import { InvalidArgumentError, toJsonRpcError, type JsonRpcErrorObject } from '../errors/index.js';

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
