/**
 * `--otel otlp|console`: the OpenTelemetry SDK for the reference server, loaded only with the flag
 * (optional peers: `@opentelemetry/api`, `@opentelemetry/sdk-trace-base`, `@opentelemetry/resources`,
 * `@opentelemetry/context-async-hooks`, and `@opentelemetry/exporter-trace-otlp-http` for `otlp`);
 * a missing one is one line naming it (optional-peer.ts). `otlp` exports over HTTP to the
 * standard OTEL_EXPORTER_OTLP_* endpoint (default http://localhost:4318/v1/traces) in batches;
 * `console` writes each span as a JSON line on stderr (stdout may be the stdio transport, and
 * the SDK's ConsoleSpanExporter writes there). The AsyncLocalStorage context manager is registered so the span of
 * a request is still active when the tool call it carries creates its task (the task span's link).
 */
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { TasksTracing } from '../src/index.js';
import { loadOptionalPeer } from './optional-peer.js';

export type OtelMode = 'otlp' | 'console';
export const OTEL_MODES: readonly OtelMode[] = ['otlp', 'console'];

export interface Otel {
  tracing: TasksTracing;
  /** Export what is pending and stop (on server close). */
  shutdown(): Promise<void>;
}

export async function startOtel(mode: OtelMode, serviceVersion: string): Promise<Otel> {
  const feature = `--otel ${mode}`;
  const api = await loadOptionalPeer(() => import('@opentelemetry/api'), '@opentelemetry/api', feature);
  const base = await loadOptionalPeer(() => import('@opentelemetry/sdk-trace-base'), '@opentelemetry/sdk-trace-base', feature);
  const hooks = await loadOptionalPeer(() => import('@opentelemetry/context-async-hooks'), '@opentelemetry/context-async-hooks', feature);
  const resources = await loadOptionalPeer(() => import('@opentelemetry/resources'), '@opentelemetry/resources', feature);
  // service.name from OTEL_SERVICE_NAME, else this server's name (the SDK alone reads no environment).
  const resource = resources.defaultResource().merge(
    resources.resourceFromAttributes({
      'service.name': process.env.OTEL_SERVICE_NAME || 'mcp-tasks-reference',
      'service.version': serviceVersion,
    }),
  );
  const exporter =
    mode === 'otlp'
      ? new (
          await loadOptionalPeer(
            () => import('@opentelemetry/exporter-trace-otlp-http'),
            '@opentelemetry/exporter-trace-otlp-http',
            feature,
          )
        ).OTLPTraceExporter()
      : stderrExporter();
  const processor = mode === 'otlp' ? new base.BatchSpanProcessor(exporter) : new base.SimpleSpanProcessor(exporter);
  const provider = new base.BasicTracerProvider({ resource, spanProcessors: [processor] });
  api.trace.setGlobalTracerProvider(provider);
  const manager = new hooks.AsyncLocalStorageContextManager().enable();
  api.context.setGlobalContextManager(manager);
  const { openTelemetryTracing } = await import('../src/observe/opentelemetry.js');
  return {
    tracing: openTelemetryTracing({ tracer: provider.getTracer('mcp-tasks-reference', serviceVersion) }),
    async shutdown() {
      await provider.shutdown().catch(() => undefined);
      manager.disable();
    },
  };
}

/** Each span as one JSON line on stderr, beside the server's log lines. */
function stderrExporter(): SpanExporter {
  return {
    export(spans: ReadableSpan[], done: (result: { code: 0 }) => void) {
      for (const span of spans) {
        const { traceId, spanId } = span.spanContext();
        const line = {
          span: span.name,
          traceId,
          spanId,
          ...(span.parentSpanContext && { parentSpanId: span.parentSpanContext.spanId }),
          kind: span.kind,
          durationMs: span.duration[0] * 1000 + span.duration[1] / 1e6,
          status: span.status,
          attributes: span.attributes,
          ...(span.events.length > 0 && {
            events: span.events.map((e) => ({ name: e.name, ...(e.attributes && { attributes: e.attributes }) })),
          }),
          ...(span.links.length > 0 && { links: span.links.map((l) => ({ traceId: l.context.traceId, spanId: l.context.spanId })) }),
        };
        process.stderr.write(`${JSON.stringify(line)}\n`);
      }
      done({ code: 0 });
    },
    shutdown: () => Promise.resolve(),
  };
}
