/**
 * `HttpObserver`: what an MCP HTTP handler calls so that its requests are seen. The library's
 * handler (`createTasksHttpHandler`'s `observe` option) calls it on both of its faces; a node:http
 * server of one's own does in two lines (`exchange`, `request`). Per HTTP request:
 * - `answered(status)`: a response with an error status (401, 403, 404, 405, 413, 429, 503, ...)
 *   counts in `mcp_tasks_http_refusals_total{status}`;
 * - `begin(head, body)` for a parsed POST body: a JSON-RPC request gets its span
 *   (`TasksTracing.request`, with its trace context from `params._meta`) and
 *   `mcp_server_operation_duration_seconds`; its dispatch runs inside the span (`run`), so a task
 *   it creates links to it. The span ends with the response (`end`; an SSE stream ends after the
 *   JSON-RPC response on it), with `error.type` the JSON-RPC error code found in what was sent
 *   (`sent`), or the HTTP status when it is an error.
 * Notifications, responses and batches get no span.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChildCache, noopMetrics, type CounterChild, type HistogramChild, type TasksMetrics } from '../observe/metrics.js';
import { secondsSince, startMark } from '../observe/stopwatch.js';
import { noopTracing, type TasksTracing } from '../observe/tracing.js';

export interface HttpObserverOptions {
  metrics?: TasksMetrics | undefined;
  tracing?: TasksTracing | undefined;
}

/** The head of an HTTP request, as far as the observer reads it. */
export interface RequestHead {
  header(name: string): string | undefined;
}

/** One JSON-RPC request being watched (`HttpObserver.begin`). */
export interface ObservedRequest {
  /** Run the request's dispatch inside its span. */
  run<T>(dispatch: () => T): T;
  /** A chunk of the response, as sent (the first 64 KiB are kept to find its error code). */
  sent(chunk: string | Uint8Array): void;
  /** The response ended (sent to its end or not): the span ends, the duration is counted. */
  end(status: number): void;
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
      return metrics.histogram('mcp_server_operation_duration_seconds', {
        mcp_method_name: key.slice(0, at),
        error_type: key.slice(at + 1),
      });
    });
  }

  /** An HTTP response's status: counted when it is an error. */
  answered(status: number): void {
    if (this.#enabled && status >= 400) this.#refusals.of(String(status)).add();
  }

  /** Watch `body` (a parsed POST body) as one MCP request; undefined when it is no JSON-RPC request or nothing is watched. */
  begin(head: RequestHead, body: unknown): ObservedRequest | undefined {
    if (!this.#enabled || !isRequest(body)) return undefined;
    const params = body.params;
    const span = this.#tracing.request({
      method: body.method,
      id: body.id,
      params,
      sessionId: head.header('mcp-session-id'),
      protocolVersion: head.header('mcp-protocol-version') ?? protocolOf(body.method, params),
      transport: 'tcp',
    });
    const mark = startMark();
    const sniffed = new Sniffer();
    let ended = false;
    return {
      run: (dispatch) => span.run(dispatch),
      sent: (chunk) => sniffed.keep(chunk),
      end: (status) => {
        if (ended) return;
        ended = true;
        const code = errorCodeIn(sniffed.text(), body.id);
        const errorType = code ?? (status >= 400 ? String(status) : undefined);
        span.end({ errorType, httpStatus: status });
        this.#durations.of(`${body.method}\0${errorType ?? ''}`).observe(secondsSince(mark));
      },
    };
  }

  /** node:http: count the response when it carries an error status. Call once per HTTP request, first. */
  exchange(_req: IncomingMessage, res: ServerResponse): void {
    if (this.#enabled) res.once('finish', () => this.answered(res.statusCode));
  }

  /** node:http: dispatch `body` (a parsed POST body) as one observed MCP request when it is a JSON-RPC request. */
  request<T>(req: IncomingMessage, res: ServerResponse, body: unknown, dispatch: () => T): T {
    const observed = this.begin({ header: (name) => headerOf(req, name) }, body);
    if (!observed) return dispatch();
    tapWrites(res, observed);
    res.once('close', () => observed.end(res.statusCode));
    return observed.run(dispatch);
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

function headerOf(req: IncomingMessage, name: string): string | undefined {
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

/** The first MAX_SNIFF_BYTES of a response, as written (no copy until asked, and only when one chunk mentions an error). */
class Sniffer {
  readonly #chunks: (string | Uint8Array)[] = [];
  #size = 0;

  keep(chunk: string | Uint8Array): void {
    if (this.#size >= MAX_SNIFF_BYTES) return;
    this.#chunks.push(chunk);
    this.#size += chunk.length;
  }

  /** The kept text, or '' when no chunk mentions an error (most responses: no parse). */
  text(): string {
    const text = this.#chunks
      .map((c) => (typeof c === 'string' ? c : Buffer.from(c.buffer, c.byteOffset, c.byteLength).toString('utf8')))
      .join('');
    return text.includes('"error"') ? text : '';
  }
}

/** Hand what `res` writes to `observed` (a node:http response written by someone else's code). */
function tapWrites(res: ServerResponse, observed: ObservedRequest): void {
  const keep = (chunk: unknown) => {
    if (typeof chunk === 'string' || chunk instanceof Uint8Array) observed.sent(chunk);
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
}

/** The JSON-RPC error code of the response to `id` in a JSON body or an SSE stream, if it is an error. */
export function errorCodeIn(text: string, id: string | number): string | undefined {
  const candidates =
    text.trimStart().startsWith('{') || text.trimStart().startsWith('[')
      ? [text]
      : text
          .split('\n')
          .filter((l) => l.startsWith('data:'))
          .map((l) => l.slice(5));
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
