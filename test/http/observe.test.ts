/**
 * The handler's `observe` option (issue 22) through its web face, in process (`handler.fetch`, no
 * listener): what a server author gets with a few lines. GET /metrics (TextMetrics, or a
 * prom-client Registry given as `scrape`) with the engine's tasks, the timed store, the open
 * sessions, request durations and HTTP refusals; a span per JSON-RPC request continuing the trace
 * of its params._meta, the task's span linked to it, the JSON-RPC error code read from the
 * response; the task monitor with tokens (owners apart, an operator sees all) and without
 * (loopback only); paths that cannot work together refused at creation. The Node face is the
 * reference server's (test/reference-server/observability.test.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { Registry } from 'prom-client';
import * as z from 'zod';
import { createTasksHttpHandler, tokenTable, type TasksHttpHandler, type TasksHttpOptions } from '../../src/http/index.js';
import { defineTool, noopMetrics, TextMetrics } from '../../src/index.js';
import { openTelemetryTracing } from '../../src/observe/opentelemetry.js';
import { promClientMetrics } from '../../src/observe/prom-client.js';
import { rpcRequest } from '../server/v2026/harness.js';

const ORIGIN = 'http://in-process';
const TOKENS = { 'token-a': 'alice', 'token-b': 'bob', 'token-o': { owner: 'ops', operator: true } };
const PARENT = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

const square = defineTool({
  name: 'square',
  inputSchema: z.object({ n: z.number() }),
  taskSupport: 'optional',
  run: ({ n }) => ({ content: [{ type: 'text', text: String(n * n) }] }),
});

async function client2025(handler: TasksHttpHandler, token: string): Promise<Client> {
  const client = new Client({ name: 'observe-test', version: '1' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${ORIGIN}/mcp`), {
      fetch: (url, init) => handler.fetch(new Request(url, init)),
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const get = (handler: TasksHttpHandler, path: string, headers: Record<string, string> = {}, remoteAddress?: string) =>
  handler.fetch(new Request(`${ORIGIN}${path}`, { headers }), remoteAddress === undefined ? {} : { remoteAddress });

describe('createTasksHttpHandler({ observe }): metrics, spans and the task monitor', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const manager = new AsyncLocalStorageContextManager();
  const metrics = new TextMetrics();
  let handler: TasksHttpHandler;
  before(() => {
    context.setGlobalContextManager(manager.enable());
    handler = createTasksHttpHandler({
      tools: [square],
      tokens: tokenTable(TOKENS),
      observe: { metrics, tracing: openTelemetryTracing({ tracer: provider.getTracer('test') }), dashboard: true },
    });
  });
  after(async () => {
    await handler.close();
    manager.disable();
    context.disable();
  });

  it("a tools/call's span continues its params._meta trace, the task's span links to it, and /metrics counts it all", async () => {
    const alice = await client2025(handler, 'token-a');
    try {
      const traceparent = `00-${PARENT.traceId}-${PARENT.spanId}-01`;
      const { task } = await alice.request(
        { method: 'tools/call', params: { name: 'square', arguments: { n: 3 }, task: {}, _meta: { traceparent } } },
        CreateTaskResultSchema,
      );
      const result = await alice.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
      assert.deepEqual(result.content, [{ type: 'text', text: '9' }]);

      const call = exporter.getFinishedSpans().find((s) => s.name === 'tools/call square');
      const taskSpan = exporter.getFinishedSpans().find((s) => s.name === 'task square');
      assert.ok(
        call && taskSpan,
        exporter
          .getFinishedSpans()
          .map((s) => s.name)
          .join(', '),
      );
      assert.equal(call.spanContext().traceId, PARENT.traceId);
      assert.equal(call.parentSpanContext?.spanId, PARENT.spanId);
      assert.equal(typeof call.attributes['mcp.session.id'], 'string');
      assert.deepEqual(
        taskSpan.links.map((l) => l.context.spanId),
        [call.spanContext().spanId],
      );

      assert.equal((await get(handler, '/mcp', { authorization: 'Bearer nobody' })).status, 401);
      const scraped = await get(handler, '/metrics');
      assert.equal(scraped.status, 200);
      assert.match(scraped.headers.get('content-type') ?? '', /^text\/plain/);
      const text = await scraped.text();
      assert.match(text, /^mcp_tasks_created_total\{tool="square"\} 1$/m);
      assert.match(text, /^mcp_tasks_ended_total\{tool="square",status="completed"\} 1$/m);
      assert.match(text, /^mcp_tasks_sessions 1$/m);
      assert.match(
        text,
        /^mcp_tasks_store_operation_seconds_count\{store="memory",operation="create"\} 1$/m,
        'the made engine uses a timed store',
      );
      assert.match(text, /^mcp_server_operation_duration_seconds_count\{mcp_method_name="tools\/call",error_type=""\} 1$/m);
      assert.match(text, /^mcp_tasks_http_refusals_total\{status="401"\} 1$/m);
      assert.doesNotMatch(text, /alice|token-/);
    } finally {
      await alice.close();
    }
  });

  it('the error code of a response read through the web face is the span and the duration’s error.type', async () => {
    const response = await handler.fetch(
      rpcRequest('tools/call', { name: 'no_such_tool', arguments: {} }, { headers: { authorization: 'Bearer token-a' } }),
    );
    const body = await response.text();
    const code = /"code":(-?\d+)/.exec(body)?.[1];
    assert.ok(code, body);
    const span = exporter.getFinishedSpans().find((s) => s.name === 'tools/call no_such_tool');
    assert.equal(span?.attributes['error.type'], code);
    assert.equal(span?.attributes['mcp.protocol.version'], '2026-07-28');
    assert.match(
      await (await get(handler, '/metrics')).text(),
      new RegExp(`^mcp_server_operation_duration_seconds_count\\{mcp_method_name="tools/call",error_type="${code}"\\} 1$`, 'm'),
    );
  });

  it("the task monitor: an owner's token sees its tasks only, an operator's every owner's, no token 401", async () => {
    const bob = await client2025(handler, 'token-b');
    try {
      const { task } = await bob.request(
        { method: 'tools/call', params: { name: 'square', arguments: { n: 4 }, task: {} } },
        CreateTaskResultSchema,
      );
      await bob.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
      const tasksOf = async (token: string) =>
        (
          (await (await get(handler, '/dashboard/api/tasks', { authorization: `Bearer ${token}` })).json()) as {
            tasks: { owner: string }[];
          }
        ).tasks;
      assert.deepEqual(new Set((await tasksOf('token-a')).map((t) => t.owner)), new Set(['auth:alice']));
      assert.deepEqual(new Set((await tasksOf('token-b')).map((t) => t.owner)), new Set(['auth:bob']));
      assert.deepEqual(new Set((await tasksOf('token-o')).map((t) => t.owner)), new Set(['auth:alice', 'auth:bob']));
      assert.equal((await get(handler, '/dashboard/api/tasks')).status, 401);
      const page = await get(handler, '/dashboard');
      assert.equal(page.status, 200);
      assert.match(await page.text(), /<html/i);
    } finally {
      await bob.close();
    }
  });
});

describe('createTasksHttpHandler({ observe }) without tokens, with prom-client, and its refusals', () => {
  it('the task monitor answers loopback clients naming a loopback host only', async () => {
    const handler = createTasksHttpHandler({ tools: [square], observe: { dashboard: { path: '/ops' } } });
    try {
      assert.equal((await get(handler, '/ops/api/tasks')).status, 403, 'no remote address');
      assert.equal((await get(handler, '/ops/api/tasks', { host: 'evil.example' }, '127.0.0.1')).status, 403, 'DNS rebinding');
      const local = await get(handler, '/ops/api/tasks', { host: 'localhost:3000' }, '127.0.0.1');
      assert.equal(local.status, 200);
      assert.deepEqual(((await local.json()) as { viewer: unknown }).viewer, { owner: 'operator', operator: true });
      assert.equal((await get(handler, '/metrics')).status, 404, 'no metrics given: none served');
    } finally {
      await handler.close();
    }
  });

  it('serves a prom-client Registry given as scrape, beside promClientMetrics', async () => {
    const registry = new Registry();
    const handler = createTasksHttpHandler({
      tools: [square],
      observe: { metrics: promClientMetrics({ registry }), scrape: registry, metricsPath: '/internal/metrics' },
    });
    try {
      const scraped = await get(handler, '/internal/metrics');
      assert.equal(scraped.status, 200);
      assert.match(await scraped.text(), /^# TYPE mcp_tasks_created_total counter$/m);
      assert.equal((await get(handler, '/metrics')).status, 404);
    } finally {
      await handler.close();
    }
  });

  it('refuses paths that cannot work together, at creation (INVALID_OPTIONS)', () => {
    const bad: TasksHttpOptions['observe'][] = [
      { metrics: new TextMetrics(), metricsPath: '/mcp' },
      { metrics: new TextMetrics(), metricsPath: '/dashboard/metrics', dashboard: true },
      { metrics: noopMetrics, metricsPath: '/metrics' },
      { dashboard: { path: '/mcp' } },
      { metrics: new TextMetrics(), metricsPath: 'metrics' },
    ];
    for (const observe of bad) {
      assert.throws(
        () => createTasksHttpHandler({ tools: [square], ...(observe && { observe }) }),
        (error: { code?: string }) => error.code === 'INVALID_OPTIONS',
        JSON.stringify(observe),
      );
    }
  });
});
