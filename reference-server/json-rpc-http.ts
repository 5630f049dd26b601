/**
 * JSON-RPC over HTTP answers the reference server gives itself (before the SDK's transport sees a
 * request): error bodies, and the envelope check that valid JSON is a JSON-RPC message.
 */
import type { ServerResponse } from 'node:http';

export function rpcError(code: number, message: string, id: string | number | null = null) {
  return { jsonrpc: '2.0', error: { code, message }, id };
}

/**
 * Valid JSON that is not a valid JSON-RPC message is -32600 Invalid Request, not the SDK's
 * -32700 Parse error: e.g. `params` given as an array (MCP's params are always an object).
 */
export function invalidEnvelope(body: unknown): { problem: string; id: string | number | null } | undefined {
  const messages = Array.isArray(body) ? body : [body];
  if (messages.length === 0) return { problem: 'an empty batch', id: null };
  for (const message of messages) {
    if (typeof message !== 'object' || message === null || Array.isArray(message)) return { problem: 'a message must be a JSON object', id: null };
    const { jsonrpc, method, params, id } = message as Record<string, unknown>;
    const knownId = typeof id === 'string' || typeof id === 'number' ? id : null;
    if (jsonrpc !== '2.0') return { problem: '"jsonrpc" must be "2.0"', id: knownId };
    if (id !== undefined && knownId === null) return { problem: '"id" must be a string or a number', id: null };
    if (method !== undefined && typeof method !== 'string') return { problem: '"method" must be a string', id: knownId };
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      return { problem: '"params" must be an object', id: knownId };
    }
  }
  return undefined;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...headers, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) }).end(text);
}
