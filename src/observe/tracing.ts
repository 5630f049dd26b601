/**
 * `TasksTracing`: the spans the library makes, through an interface with no dependency. The
 * OpenTelemetry implementation is `openTelemetryTracing` (`mcp-tasks/opentelemetry`, on
 * `@opentelemetry/api` only); the default, `noopTracing`, makes none.
 *
 * - A span per MCP request (`request`): the HTTP handler (or any transport) starts it around each
 *   JSON-RPC request it dispatches and ends it with the response; the work the request causes
 *   runs inside it (`run`), so a task created by a `tools/call` finds its request there. Trace
 *   context comes from the request's `params._meta` (`traceparent`, `tracestate`), as the MCP
 *   semantic conventions of OpenTelemetry say.
 * - A span per task's life (`task`): started when the engine runs the task, linked to the request
 *   that created it (the active one), ended when the run ends; status changes, questions and
 *   answers are its events. Its trace context goes into the `_meta` of the questions the task asks,
 *   so the requestor's answer can join the task's trace.
 */
import type { JsonObject } from '../json.js';
import type { TaskRecord } from '../record.js';

/** The `_meta` keys trace context travels in (W3C Trace Context, as in the MCP conventions). */
export const TRACE_META_KEYS = ['traceparent', 'tracestate'] as const;

/** What the handler knows of one JSON-RPC request. */
export interface McpRequestInfo {
  /** `mcp.method.name`. */
  method: string;
  /** The JSON-RPC id (`jsonrpc.request.id`). */
  id?: string | number | undefined;
  /** The request's params: `_meta` (trace context), `name` (`gen_ai.tool.name`), `taskId`. */
  params?: unknown;
  /** `mcp.session.id`. */
  sessionId?: string | undefined;
  /** `mcp.protocol.version`. */
  protocolVersion?: string | undefined;
  /** `network.transport`: 'tcp' for HTTP, 'pipe' for stdio. */
  transport?: 'tcp' | 'pipe';
}

/** How a request ended. */
export interface RequestOutcome {
  /** `error.type`: the JSON-RPC error code, or the HTTP status of a refused request. */
  errorType?: string | undefined;
  /** The HTTP status of the response, when it went over HTTP. */
  httpStatus?: number | undefined;
}

export interface RequestSpan {
  /** Run `fn` with this request's span as the active context (the work it starts inherits it). */
  run<T>(fn: () => T): T;
  /** End the span (once; later calls do nothing). */
  end(outcome?: RequestOutcome): void;
}

/** How a task's run ended (see `mcp_tasks_ended_total`'s statuses). */
export interface TaskEnd {
  /** completed, failed, cancelled, expired, unwritten, taken_over, closed. */
  status: string;
  /** The task's last record seen. */
  task?: TaskRecord | undefined;
}

export interface TaskSpan {
  /** The task's status changed. */
  status(task: TaskRecord): void;
  /** Something happened to the task (a question asked or answered, ...). */
  event(name: string, attributes?: { [key: string]: string | number | boolean }): void;
  /** The run ended; the span ends (once). */
  end(end: TaskEnd): void;
  /** This span's trace context as `_meta` entries (`traceparent`, `tracestate`), for the task's questions. */
  meta(): JsonObject | undefined;
}

export interface TaskSpanInfo {
  /** `gen_ai.tool.name` (the tool of a `tools/call`). */
  tool?: string | undefined;
  /** The run continues a task whose worker stopped (a takeover or an explicit resume). */
  resumed?: boolean;
}

export interface TasksTracing {
  /** Start the span of one MCP request (ended by its `end`). */
  request(info: McpRequestInfo): RequestSpan;
  /** Start the span of a task's run, linked to the active request span when there is one. */
  task(task: TaskRecord, info: TaskSpanInfo): TaskSpan;
}

const NOOP_REQUEST: RequestSpan = { run: (fn) => fn(), end: () => {} };
/** A task span that records nothing. */
export const NOOP_TASK_SPAN: TaskSpan = { status: () => {}, event: () => {}, end: () => {}, meta: () => undefined };

/** Makes no span: the default. */
export const noopTracing: TasksTracing = {
  request: () => NOOP_REQUEST,
  task: () => NOOP_TASK_SPAN,
};
