/**
 * A minimal 2026-07-28 client over fetch: every request is its own POST carrying the per-request
 * `_meta` envelope (protocol version, client info, client capabilities) and the routing headers
 * (`MCP-Protocol-Version`, `Mcp-Method`, `Mcp-Name`); the answer is read as JSON or as an SSE
 * stream (the message whose id is the request's). No session, no initialize.
 */
import { isObject, type Json } from '../../core/json.js';
import { GENERATION_2026, TASKS_EXTENSION } from '../../core/wire.js';
import { identityHeaders, type Identity } from '../target.js';
import type { Recording2026 } from './recording.js';

const META = 'io.modelcontextprotocol/';

export type Reply2026 =
  | { kind: 'result'; result: Json }
  | { kind: 'error'; error: { code: number; message: string; data?: unknown } }
  | { kind: 'local'; message: string };

export interface Send2026 {
  identity?: Identity | undefined;
  /** Declare the Tasks extension in this request's client capabilities (default true). */
  declare?: boolean;
  signal?: AbortSignal | undefined;
  /** Whose request this is in the recording (`A`, `B`); default `A`. */
  label?: string;
}

/** Methods whose `Mcp-Name` header is a param (the transport binding). */
function mcpName(method: string, params: Json): string | undefined {
  if (method === 'tools/call' && typeof params.name === 'string') return params.name;
  if (method.startsWith('tasks/') && typeof params.taskId === 'string') return params.taskId;
  return undefined;
}

export class Client2026 {
  #nextId = 1;
  constructor(
    readonly url: string,
    readonly timeoutMs: number,
    /** Where every request and response goes (the run's wire log: evidence of findings). */
    readonly recording?: Recording2026,
  ) {}

  async call(method: string, params: Json, options: Send2026 = {}): Promise<Reply2026> {
    // One controller per request, tied to the check's signal only while the request runs.
    const controller = new AbortController();
    const abort = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', abort, { once: true });
    // Worded as the 2025 sessions word it: a failure resting only on such silences is no verdict (check-run.ts).
    const timeout = new Error(`no response within ${this.timeoutMs} ms`);
    const timer = setTimeout(() => controller.abort(timeout), this.timeoutMs);
    const started = Date.now();
    const { id, init, message: request } = this.#request(method, params, options);
    const label = `${options.label ?? 'A'} (2026)`;
    this.recording?.sent(label, request);
    let reply: Reply2026;
    try {
      const response = await fetch(this.url, { ...init, signal: controller.signal });
      const text = await response.text();
      const message = (response.headers.get('content-type') ?? '').includes('text/event-stream') ? fromSse(text, id) : parseJson(text);
      this.recording?.received(label, message);
      reply = toReply(message, response.status);
    } catch (error) {
      reply = { kind: 'local', message: controller.signal.reason === timeout ? timeout.message : `${method}: ${(error as Error).message}` };
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', abort);
    }
    this.recording?.replied(label, method, { ...reply, ms: Date.now() - started, requestId: id });
    return reply;
  }

  /**
   * Send one request and hand back its response unread (a `subscriptions/listen` stream, read as
   * it arrives: listen.ts), with the request's id. Aborted by `signal` (the caller's deadline).
   */
  async open(
    method: string,
    params: Json,
    options: Send2026 & { signal: AbortSignal },
  ): Promise<{ id: number; response: Response } | { kind: 'local'; message: string }> {
    const { id, init, message } = this.#request(method, params, options);
    this.recording?.sent(`${options.label ?? 'A'} (2026)`, message);
    try {
      return { id, response: await fetch(this.url, { ...init, signal: options.signal }) };
    } catch (error) {
      return { kind: 'local', message: `${method}: ${(error as Error).message}` };
    }
  }

  /** The POST of one request: envelope in `_meta`, the routing headers, the identity's headers. */
  #request(method: string, params: Json, options: Send2026): { id: number; init: RequestInit; message: Json } {
    const capabilities = options.declare === false ? {} : { extensions: { [TASKS_EXTENSION]: {} }, elicitation: {} };
    const _meta = {
      [`${META}protocolVersion`]: GENERATION_2026,
      [`${META}clientInfo`]: { name: 'mcp-tasks-conformance', version: '1' },
      [`${META}clientCapabilities`]: capabilities,
    };
    const id = this.#nextId++;
    const name = mcpName(method, params);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': GENERATION_2026,
      'mcp-method': method,
      ...(name !== undefined && { 'mcp-name': name }),
      ...identityHeaders(options.identity),
    };
    const message = { jsonrpc: '2.0', id, method, params: { ...params, _meta } };
    return { id, init: { method: 'POST', headers, body: JSON.stringify(message) }, message };
  }
}

export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The response with `id` among the SSE events of `text`. */
export function fromSse(text: string, id: number): unknown {
  for (const event of text.split(/\r?\n\r?\n/)) {
    const data = event
      .split(/\r?\n/)
      .filter((l) => l.startsWith('data:'))
      .map((l) => l.slice(5).trimStart())
      .join('\n');
    const message = parseJson(data);
    if (isObject(message) && message.id === id) return message;
  }
  return undefined;
}

export function toReply(message: unknown, status: number): Reply2026 {
  if (isObject(message) && isObject(message.result)) return { kind: 'result', result: message.result };
  if (isObject(message) && isObject(message.error) && typeof message.error.code === 'number') {
    const e = message.error;
    return {
      kind: 'error',
      error: { code: e.code as number, message: String(e.message ?? ''), ...(e.data !== undefined && { data: e.data }) },
    };
  }
  return { kind: 'local', message: `HTTP ${status} without a JSON-RPC response` };
}
