/**
 * `HttpObserver`: what an MCP HTTP handler calls so that its requests are seen, in two lines:
 * - `exchange(req, res)` first, for every HTTP request: a response with an error status (401, 403,
 *   404, 405, 413, 429, 503, ...) counts in `mcp_tasks_http_refusals_total{status}`;
 * - `request(req, res, body, dispatch)` around the dispatch of a parsed POST body: a JSON-RPC
 *   request gets its span (`TasksTracing.request`, with its trace context from `params._meta`) and
 *   `mcp_server_operation_duration_seconds`; `dispatch` runs inside the span, so a task it
 *   creates links to it. The span ends with the HTTP response (an SSE stream ends after the
 *   JSON-RPC response on it), with `error.type` the JSON-RPC error code found in the response, or
 *   the HTTP status when it is an error.
 * Notifications, responses and batches are dispatched as they are, without a span.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChildCache, noopMetrics, type CounterChild, type HistogramChild, type TasksMetrics } from '../observe/metrics.js';
import { secondsSince, startMark } from '../observe/stopwatch.js';
import { noopTracing, type TasksTracing } from '../observe/tracing.js';

export interface HttpObserverOptions {
  metrics?: TasksMetrics | undefined;
  tracing?: TasksTracing | undefined;
}

/** How much of a response is kept to find its JSON-RPC error code (a larger response loses only that). */
const MAX_SNIFF_BYTES = 64 * 1024;
const PROTOCOL_META_KEY = 'io.modelcontextprotocol/protocolVersion';

export class HttpObserver {
  readonly #tracing: TasksTracing;
  readonly #refusals: ChildCache<CounterChild>;
  readonly #durations: ChildCache<HistogramChild>;
  readonly #enabled: boolean;

  constructor(options: HttpObserverOptions = {}) {
    const metrics = options.metrics ?? noopMetrics;
    this.#tracing = options.tracing ?? noopTracing;
    this.#enabled = metrics !== noopMetrics || this.#tracing !== noopTracing;
    this.#refusals = new ChildCache((status) => metrics.counter('mcp_tasks_http_refusals_total', { status }));
    this.#durations = new ChildCache((key) => {
      const at = key.indexOf('\0');
      return metrics.histogram('mcp_server_operation_duration_seconds', { mcp_method_name: key.slice(0, at), error_type: key.slice(at + 1) });
    });
  }

  /** Count the response when it carries an error status. Call once per HTTP request, first. */
  exchange(_req: IncomingMessage, res: ServerResponse): void {
    if (!this.#enabled) return;
    res.once('finish', () => {
      if (res.statusCode >= 400) this.#refusals.of(String(res.statusCode)).add();
    });
  }

  /** Dispatch `body` (a parsed POST body) as one observed MCP request when it is a JSON-RPC request. */
  request<T>(req: IncomingMessage, res: ServerResponse, body: unknown, dispatch: () => T): T {
    if (!this.#enabled || !isRequest(body)) return dispatch();
    const params = body.params;
    const span = this.#tracing.request({
      method: body.method,
      id: body.id,
      params,
      sessionId: header(req, 'mcp-session-id'),
      protocolVersion: header(req, 'mcp-protocol-version') ?? protocolOf(body.method, params),
      transport: 'tcp',
    });
    const mark = startMark();
    const sniffed = sniff(res);
    res.once('close', () => {
      const code = errorCodeIn(sniffed(), body.id);
      const errorType = code ?? (res.statusCode >= 400 ? String(res.statusCode) : undefined);
      span.end({ errorType, httpStatus: res.statusCode });
      this.#durations.of(`${body.method}\0${errorType ?? ''}`).observe(secondsSince(mark));
    });
    return span.run(dispatch);
  }
}

interface JsonRpcRequest {
  method: string;
  id: string | number;
  params?: unknown;
}

function isRequest(body: unknown): body is JsonRpcRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false;
  const { method, id } = body as { method?: unknown; id?: unknown };
  return typeof method === 'string' && (typeof id === 'string' || typeof id === 'number');
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The version an `initialize` asks for, or a 2026 request's envelope names. */
function protocolOf(method: string, params: unknown): string | undefined {
  if (typeof params !== 'object' || params === null) return undefined;
  const { protocolVersion, _meta } = params as { protocolVersion?: unknown; _meta?: { [key: string]: unknown } };
  if (method === 'initialize' && typeof protocolVersion === 'string') return protocolVersion;
  const enveloped = _meta?.[PROTOCOL_META_KEY];
  return typeof enveloped === 'string' ? enveloped : undefined;
}

/**
 * Keep what the response writes (its first MAX_SNIFF_BYTES, as written: no copy); the returned
 * function gives it as text, or '' when no chunk mentions an error (most responses: no parse).
 */
function sniff(res: ServerResponse): () => string {
  const chunks: (string | Uint8Array)[] = [];
  let size = 0;
  const keep = (chunk: unknown) => {
    if (size >= MAX_SNIFF_BYTES || !(typeof chunk === 'string' || chunk instanceof Uint8Array)) return;
    chunks.push(chunk);
    size += chunk.length;
  };
  const write = res.write;
  const end = res.end;
  res.write = function (this: ServerResponse, chunk: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (write as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
  } as ServerResponse['write'];
  res.end = function (this: ServerResponse, chunk?: unknown, ...rest: unknown[]) {
    keep(chunk);
    return (end as (...args: unknown[]) => ServerResponse).call(this, chunk, ...rest);
  } as ServerResponse['end'];
  return () => {
    const text = chunks.map((c) => (typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8'))).join('');
    return text.includes('"error"') ? text : '';
  };
}

/** The JSON-RPC error code of the response to `id` in a JSON body or an SSE stream, if it is an error. */
export function errorCodeIn(text: string, id: string | number): string | undefined {
  const candidates = text.trimStart().startsWith('{') || text.trimStart().startsWith('[') ? [text] : text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5));
  for (const candidate of candidates) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      continue;
    }
    for (const message of Array.isArray(parsed) ? parsed : [parsed]) {
      const { id: of, error } = (message ?? {}) as { id?: unknown; error?: { code?: unknown } };
      if (of === id && typeof error?.code === 'number') return String(error.code);
    }
  }
  return undefined;
}
