/**
 * The subjects of the observe bench (bench/observe.ts): one server with Tasks and a `square` tool,
 * with or without metrics (TextMetrics, measureStore) and tracing (OpenTelemetry), reached by an
 * SDK `Client` either in process (an in-memory pair; a request span is made around each request
 * as the HTTP handler would) or over HTTP on loopback: the library's handler
 * (`createTasksHttpHandler`, one 2025-11-25 session) with its `observe` option, as a deployment
 * runs it (request spans, durations and refusals counted, /metrics mounted).
 */
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, CreateTaskResultSchema, GetTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { InMemoryTaskStore, measureStore, TaskEngine, TextMetrics, withTasks, type TasksTracing } from '../src/index.js';
import { createTasksHttpHandler, defineTool } from '../src/http/index.js';
import { openTelemetryTracing } from '../src/observe/opentelemetry.js';

/** Short-lived tasks, swept every second: every variant's store stays small, so none pays more GC. */
const TTL_MS = 2_000;

export interface Subject {
  /** One lifecycle: tools/call as a task, tasks/get, tasks/result. */
  lifecycle(): Promise<void>;
  close(): Promise<void>;
}

export interface SubjectOptions {
  metrics: boolean;
  tracing: boolean;
  http: boolean;
  provider: BasicTracerProvider;
}

export async function subject(options: SubjectOptions): Promise<Subject> {
  const metrics = options.metrics ? new TextMetrics() : undefined;
  const tracing: TasksTracing | undefined = options.tracing
    ? openTelemetryTracing({ tracer: options.provider.getTracer('bench') })
    : undefined;
  const inner = new InMemoryTaskStore({
    security: { allowAnonymous: true, maxActiveTasksPerOwner: 1_000_000, maxStoredBytesPerOwner: null },
    maxTotalBytes: null,
    cleanupIntervalMs: 1_000,
  });
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  let closeServer = async () => {};
  let traced = <T>(_method: string, _params: { [key: string]: unknown }, send: () => Promise<T>): Promise<T> => send();
  if (options.http) {
    const square = defineTool({
      name: 'square',
      inputSchema: z.object({ n: z.number() }),
      taskSupport: 'optional',
      run: ({ n }) => ({ content: [{ type: 'text', text: String(n * n) }] }),
    });
    // The handler makes the engine: metrics and tracing reach it (and time the store) through `observe`.
    const observe = { ...(metrics && { metrics }), ...(tracing && { tracing }) };
    const handler = createTasksHttpHandler({
      tools: [square],
      store: inner,
      requestsPerSecond: 0,
      ...((metrics || tracing) && { observe }),
    });
    const listener = await handler.listen({ port: 0 });
    await client.connect(new StreamableHTTPClientTransport(new URL(listener.url)));
    closeServer = async () => {
      await listener.close();
      await inner.close();
    };
  } else {
    const store = metrics ? measureStore(inner, metrics) : inner;
    const engine = new TaskEngine({ store, ...(metrics && { metrics }), ...(tracing && { tracing }) });
    const mcp = new McpServer({ name: 'bench-observe', version: '1.0.0' });
    const tasks = withTasks(mcp, { engine });
    tasks.registerTool('square', { inputSchema: { n: z.number() }, execution: { taskSupport: 'optional' } }, ({ n }) => ({
      content: [{ type: 'text', text: String(n * n) }],
    }));
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverTransport);
    await client.connect(clientTransport);
    closeServer = async () => {
      await mcp.close();
      engine.close();
      await store.close();
    };
    // As the HTTP handler does: one request span around each request's dispatch.
    let id = 0;
    if (tracing) {
      traced = (method, params, send) => {
        const span = tracing.request({ method, id: ++id, params, transport: 'tcp' });
        return span.run(send).finally(() => span.end());
      };
    }
  }
  let n = 0;
  return {
    async lifecycle() {
      const call = { name: 'square', arguments: { n: ++n % 1000 }, task: { ttl: TTL_MS } };
      const { task } = await traced('tools/call', call, () =>
        client.request({ method: 'tools/call', params: call }, CreateTaskResultSchema),
      );
      const ref = { taskId: task.taskId };
      await traced('tasks/get', ref, () => client.request({ method: 'tasks/get', params: ref }, GetTaskResultSchema));
      const result = await traced('tasks/result', ref, () => client.request({ method: 'tasks/result', params: ref }, CallToolResultSchema));
      if (result.content[0]?.type !== 'text') throw new Error('bench: wrong result');
    },
    async close() {
      await client.close();
      await closeServer();
    },
  };
}
