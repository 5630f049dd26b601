/**
 * A deliberately thin MCP-over-HTTP client for the abuse suite: raw `fetch`, no SDK, so an attack
 * can send what no well-behaved client would (and thousands of sessions cost the attacker little).
 */
export interface RawSession {
  readonly url: string;
  readonly id: string;
  readonly token: string | undefined;
  /** One JSON-RPC request; resolves with the HTTP status and the JSON-RPC answer (if any). */
  call(method: string, params?: unknown): Promise<RawAnswer>;
  close(): Promise<void>;
}

export interface RawAnswer {
  status: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string; data?: unknown };
}

let nextId = 1;

export function headers(token: string | undefined, sessionId?: string): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    Accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-11-25',
    ...(token !== undefined && { Authorization: `Bearer ${token}` }),
    ...(sessionId !== undefined && { 'mcp-session-id': sessionId }),
  };
}

/** Open a session; resolves with it, or with the refusal's HTTP status. */
export async function openSession(
  url: string,
  token?: string,
  capabilities: Record<string, unknown> = {},
): Promise<RawSession | { refused: number }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: headers(token),
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: nextId++,
      method: 'initialize',
      params: { protocolVersion: '2025-11-25', capabilities, clientInfo: { name: 'abuse', version: '1' } },
    }),
  });
  const id = res.headers.get('mcp-session-id');
  await res.arrayBuffer();
  if (res.status !== 200 || id === null) return { refused: res.status };
  await post(url, token, id, { jsonrpc: '2.0', method: 'notifications/initialized' });
  return {
    url,
    id,
    token,
    call: (method, params) => post(url, token, id, { jsonrpc: '2.0', id: nextId++, method, ...(params !== undefined && { params }) }),
    close: async () => {
      await fetch(url, { method: 'DELETE', headers: headers(token, id) })
        .then((r) => r.arrayBuffer())
        .catch(() => {});
    },
  };
}

/** POST one message; reads a JSON or an SSE answer (the first JSON-RPC response in the stream). */
export async function post(url: string, token: string | undefined, sessionId: string | undefined, message: unknown): Promise<RawAnswer> {
  return postText(url, token, sessionId, JSON.stringify(message));
}

/** POST a body given as text (for bodies JSON.stringify cannot build, e.g. 100 000 levels deep). */
export async function postText(url: string, token: string | undefined, sessionId: string | undefined, body: string): Promise<RawAnswer> {
  const res = await fetch(url, { method: 'POST', headers: headers(token, sessionId), body });
  const text = await res.text();
  const type = res.headers.get('content-type') ?? '';
  const payloads = type.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice(5).trim())
    : [text];
  for (const payload of payloads) {
    if (payload === '') continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      continue;
    }
    const answer = parsed as { result?: Record<string, unknown>; error?: RawAnswer['error'] };
    if (answer.result !== undefined || answer.error !== undefined) return { status: res.status, ...answer };
  }
  return { status: res.status };
}

export function isSession(value: RawSession | { refused: number }): value is RawSession {
  return 'call' in value;
}
