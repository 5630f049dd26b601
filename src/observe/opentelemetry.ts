/**
 * `mcp-tasks/opentelemetry`: `TasksTracing` on `@opentelemetry/api` only (an optional peer; no
 * SDK: your process registers its tracer provider, exporter and context manager, and this entry
 * point uses whatever is registered, or the tracer you pass).
 *
 * Spans, with the MCP semantic conventions of OpenTelemetry (still "development"):
 * - `{mcp.method.name} {target}` (SERVER) per MCP request: `mcp.method.name`, `jsonrpc.request.id`,
 *   `mcp.session.id`, `mcp.protocol.version`, `gen_ai.tool.name` (and `gen_ai.operation.name`
 *   `execute_tool`) for `tools/call`, `network.transport`, `error.type` on an error; its parent is
 *   the trace context in `params._meta` (`traceparent`, `tracestate`), else the active context.
 *   `mcp.task.id` (a task method's `taskId`) is ours: the conventions have no task attribute yet.
 * - `task {tool}` (INTERNAL) per task run: a trace of its own (a task may outlive its request by
 *   hours), linked to the request span that created it; `mcp.task.id`, `gen_ai.tool.name`,
 *   `mcp.task.status` (the last), `mcp_tasks.resumed`; an event per status change
 *   (`mcp_tasks.status`) and per question asked and answered; ERROR status when it failed. Its
 *   context goes into the `_meta` of the questions it asks.
 * No owner, token or argument value is ever put on a span.
 */
import {
  context,
  createTraceState,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import type { JsonObject } from '../json.js';
import type { TaskRecord } from '../record.js';
import { traceMeta, traceParentOf } from './trace-context.js';
import type { McpRequestInfo, RequestOutcome, RequestSpan, TaskEnd, TaskSpan, TaskSpanInfo, TasksTracing } from './tracing.js';

export interface OpenTelemetryTracingOptions {
  /** The tracer to use; default `trace.getTracer('mcp-tasks')` of the registered provider. */
  tracer?: Tracer;
}

/** The instrumentation scope name of the spans. */
export const TRACER_NAME = 'mcp-tasks';

/** `TasksTracing` through `@opentelemetry/api`. */
export function openTelemetryTracing(options: OpenTelemetryTracingOptions = {}): TasksTracing {
  const tracer = options.tracer ?? trace.getTracer(TRACER_NAME);
  return {
    request: (info) => requestSpan(tracer, info),
    task: (task, info) => taskSpan(tracer, task, info),
  };
}

function requestSpan(tracer: Tracer, info: McpRequestInfo): RequestSpan {
  const params = (typeof info.params === 'object' && info.params !== null ? info.params : {}) as { [key: string]: unknown };
  const tool = info.method === 'tools/call' && typeof params.name === 'string' ? params.name : undefined;
  const attributes: Attributes = { 'mcp.method.name': info.method };
  if (info.id !== undefined) attributes['jsonrpc.request.id'] = String(info.id);
  if (info.sessionId !== undefined) attributes['mcp.session.id'] = info.sessionId;
  if (info.protocolVersion !== undefined) attributes['mcp.protocol.version'] = info.protocolVersion;
  if (info.transport !== undefined) attributes['network.transport'] = info.transport;
  if (tool !== undefined) Object.assign(attributes, { 'gen_ai.tool.name': tool, 'gen_ai.operation.name': 'execute_tool' });
  if (typeof params.taskId === 'string') attributes['mcp.task.id'] = params.taskId;
  const parent = remoteParent(params._meta) ?? context.active();
  const span = tracer.startSpan(tool === undefined ? info.method : `${info.method} ${tool}`, { kind: SpanKind.SERVER, attributes }, parent);
  const active = trace.setSpan(parent, span);
  let ended = false;
  return {
    run: (fn) => context.with(active, fn),
    end(outcome: RequestOutcome = {}) {
      if (ended) return;
      ended = true;
      if (outcome.httpStatus !== undefined) span.setAttribute('http.response.status_code', outcome.httpStatus);
      if (outcome.errorType !== undefined) {
        span.setAttribute('error.type', outcome.errorType);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
  };
}

/** The context of `_meta`'s `traceparent`, as a remote parent; undefined without a valid one. */
function remoteParent(meta: unknown): Context | undefined {
  const parent = traceParentOf(meta);
  if (!parent) return undefined;
  return trace.setSpanContext(ROOT_CONTEXT, {
    traceId: parent.traceId,
    spanId: parent.spanId,
    traceFlags: parent.flags & TraceFlags.SAMPLED,
    isRemote: true,
    ...(parent.tracestate !== undefined && { traceState: createTraceState(parent.tracestate) }),
  });
}

function taskSpan(tracer: Tracer, task: TaskRecord, info: TaskSpanInfo): TaskSpan {
  const creator = trace.getSpan(context.active())?.spanContext();
  const links: Link[] =
    creator && trace.isSpanContextValid(creator)
      ? [{ context: creator, attributes: { 'mcp_tasks.link': info.resumed ? 'resumed-by' : 'created-by' } }]
      : [];
  const tool = info.tool ?? task.request.method;
  const span: Span = tracer.startSpan(
    `task ${tool}`,
    {
      kind: SpanKind.INTERNAL,
      root: true,
      links,
      attributes: {
        'mcp.task.id': task.taskId,
        'mcp.method.name': task.request.method,
        'gen_ai.tool.name': tool,
        'mcp.task.status': task.status,
        'mcp_tasks.resumed': info.resumed === true,
      },
    },
    ROOT_CONTEXT,
  );
  let ended = false;
  return {
    status(record: TaskRecord) {
      if (ended) return;
      span.setAttribute('mcp.task.status', record.status);
      span.addEvent('mcp_tasks.status', {
        'mcp.task.status': record.status,
        ...(record.statusMessage !== undefined && { 'mcp.task.status_message': record.statusMessage }),
      });
    },
    event(name, attributes) {
      if (!ended) span.addEvent(name, attributes);
    },
    end(end: TaskEnd) {
      if (ended) return;
      ended = true;
      span.setAttribute('mcp.task.status', end.status);
      if (end.status === 'failed' || end.status === 'expired' || end.status === 'unwritten') {
        const outcome = end.task?.outcome;
        if (outcome?.type === 'error') span.setAttribute('error.type', String(outcome.error.code));
        span.setStatus({ code: SpanStatusCode.ERROR, message: end.task?.statusMessage ?? end.status });
      }
      span.end();
    },
    meta(): JsonObject | undefined {
      const own = span.spanContext();
      if (!trace.isSpanContextValid(own)) return undefined;
      return traceMeta({
        traceId: own.traceId,
        spanId: own.spanId,
        flags: own.traceFlags,
        tracestate: own.traceState?.serialize() || undefined,
      });
    },
  };
}
