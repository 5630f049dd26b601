/**
 * JSON-RPC over HTTP answers the handler gives itself, before either leg sees a request: error
 * bodies, and the envelope check that valid JSON is a JSON-RPC message.
 */

/** A JSON-RPC error message (no SDK: the handler answers before any server exists). */
export function rpcError(code: number, message: string, id: string | number | null = null, data?: unknown) {
  return { jsonrpc: '2.0', error: { code, message, ...(data !== undefined && { data }) }, id };
}

/**
 * Valid JSON that is not a valid JSON-RPC message is -32600 Invalid Request, not the SDK's
 * -32700 Parse error: e.g. `params` given as an array (MCP's params are always an object).
 */
export function invalidEnvelope(body: unknown): { problem: string; id: string | number | null } | undefined {
  const messages = Array.isArray(body) ? body : [body];
  if (messages.length === 0) return { problem: 'an empty batch', id: null };
  for (const message of messages) {
    if (typeof message !== 'object' || message === null || Array.isArray(message))
      return { problem: 'a message must be a JSON object', id: null };
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

/** A JSON body as a web Response. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { ...headers, 'Content-Type': 'application/json' } });
}
