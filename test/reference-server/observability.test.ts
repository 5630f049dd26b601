/**
 * The reference server's observability (issue 22): `GET /metrics` on by default (and `--metrics
 * off`), `--dashboard` with `--tokens` (an owner sees its tasks only, on the JSON and the event
 * stream; an operator every owner's), `--otel console` (spans as JSON lines on stderr), the flags'
 * checks, and, in process, the request spans of the HTTP handler: a tools/call's span continues
 * the trace in its params._meta, and the task's span links to it.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { CliError, parseCli } from '../../reference-server/args.js';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';
import { openTelemetryTracing } from '../../src/observe/opentelemetry.js';
import { connect, startServer, tokensFile, waitFor, type ServerProcess } from './helpers.js';

const T = { timeout: 60_000 };
const TOKENS = { 'token-a': 'alice', 'token-b': 'bob', 'token-o': { owner: 'ops', operator: true } };
const PARENT = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7' };

describe('flags', () => {
  it('--metrics PATH|off, --dashboard and --otel: defaults, values and refusals', () => {
    const ok = (argv: string[]) => {
      const cli = parseCli(argv);
      assert.equal(cli.help, false);
      return cli.help ? undefined! : cli.options;
    };
    assert.equal(ok([]).metricsPath, '/metrics');
    assert.equal(ok(['--metrics', 'off']).metricsPath, false);
    assert.equal(ok(['--metrics', '/internal/metrics']).metricsPath, '/internal/metrics');
    assert.equal(ok(['--dashboard']).dashboard, true);
    assert.equal(ok(['--otel', 'otlp']).otel, 'otlp');
    assert.equal(ok(['--stdio', '--otel', 'console']).otel, 'console');
    for (const bad of [
      ['--metrics', 'metrics'],
      ['--metrics', '/mcp'],
      ['--metrics', '/dashboard/x'],
      ['--otel', 'jaeger'],
      ['--stdio', '--dashboard'],
      ['--stdio', '--metrics', '/m'],
    ]) {
      assert.throws(() => parseCli(bad), CliError, bad.join(' '));
    }
  });
});

describe('mcp-tasks-server --dashboard --tokens --otel console', () => {
  let server: ServerProcess;
  let origin: string;
  before(async () => {
    server = await startServer(['--tokens', tokensFile(TOKENS), '--dashboard', '--otel', 'console']);
    origin = server.url.slice(0, -'/mcp'.length);
  }, T);
  after(() => server?.kill());

  const tasksOf = async (token: string) =>
    (
      (await (await fetch(`${origin}/dashboard/api/tasks`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
        tasks: { taskId: string; owner: string }[];
      }
    ).tasks;

  it('metrics count the tasks and the sessions; the dashboard keeps owners apart; spans reach stderr', T, async () => {
    const alice = await connect(server.url, { token: 'token-a' });
    const bob = await connect(server.url, { token: 'token-b' });
    try {
      const a = (await alice.request('tools/call', { name: 'delay', arguments: { ms: 10 }, task: {} })).task as { taskId: string };
      const b = (await bob.request('tools/call', { name: 'delay', arguments: { ms: 10 }, task: {} })).task as { taskId: string };
      await alice.request('tasks/result', { taskId: a.taskId });
      await bob.request('tasks/result', { taskId: b.taskId });

      const metrics = await (await fetch(`${origin}/metrics`)).text();
      assert.match(metrics, /^mcp_tasks_created_total\{tool="delay"\} 2$/m);
      assert.match(metrics, /^mcp_tasks_ended_total\{tool="delay",status="completed"\} 2$/m);
      assert.match(metrics, /^mcp_tasks_sessions 2$/m);
      assert.match(metrics, /^mcp_server_operation_duration_seconds_count\{mcp_method_name="tools\/call",error_type=""\} 2$/m);
      assert.doesNotMatch(metrics, /alice|bob|token-/);

      const ofAlice = await tasksOf('token-a');
      assert.deepEqual(
        ofAlice.map((t) => t.taskId),
        [a.taskId],
      );
      assert.deepEqual(
        (await tasksOf('token-b')).map((t) => t.taskId),
        [b.taskId],
      );
      assert.deepEqual(new Set((await tasksOf('token-o')).map((t) => t.owner)), new Set(['auth:alice', 'auth:bob']));
      assert.equal((await fetch(`${origin}/dashboard/api/tasks`)).status, 401);

      const line = await waitFor(
        () =>
          server
            .stderr()
            .split('\n')
            .find((l) => l.startsWith('{"span":"task delay"')),
        10_000,
        () => 'a task span on stderr',
      );
      const span = JSON.parse(line) as { attributes: Record<string, unknown>; links?: unknown[] };
      assert.equal(span.attributes['gen_ai.tool.name'], 'delay');
      assert.equal(span.links?.length, 1, 'linked to the tools/call span');
    } finally {
      await alice.close();
      await bob.close();
    }
  });

  it("an owner's event stream carries its own task and never another owner's", T, async () => {
    const bob = await connect(server.url, { token: 'token-b' });
    const alice = await connect(server.url, { token: 'token-a' });
    const abort = new AbortController();
    try {
      const res = await fetch(`${origin}/dashboard/api/events`, { headers: { authorization: 'Bearer token-a' }, signal: abort.signal });
      const reader = res.body!.getReader();
      let text = '';
      const read = async (until: () => boolean) => {
        while (!until()) text += new TextDecoder().decode((await reader.read()).value);
      };
      await read(() => text.includes('event: snapshot'));
      const b = (await bob.request('tools/call', { name: 'delay', arguments: { ms: 1 }, task: {} })).task as { taskId: string };
      const a = (await alice.request('tools/call', { name: 'delay', arguments: { ms: 1 }, task: {} })).task as { taskId: string };
      await read(() => text.includes(a.taskId));
      assert.ok(!text.includes(b.taskId));
      assert.ok(!text.includes('auth:bob'));
    } finally {
      abort.abort();
      await alice.close();
      await bob.close();
    }
  });
});

describe('mcp-tasks-server --metrics off', () => {
  let server: ServerProcess;
  before(async () => {
    server = await startServer(['--metrics', 'off']);
  }, T);
  after(() => server?.kill());

  it('serves no metrics and no dashboard', T, async () => {
    const origin = server.url.slice(0, -'/mcp'.length);
    assert.equal((await fetch(`${origin}/metrics`)).status, 404);
    assert.equal((await fetch(`${origin}/dashboard`)).status, 404);
  });
});

describe("the reference server's request spans (in process)", () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const manager = new AsyncLocalStorageContextManager();
  let handle: HttpServerHandle;
  before(async () => {
    context.setGlobalContextManager(manager.enable());
    handle = await startHttpServer({ port: 0, observe: { tracing: openTelemetryTracing({ tracer: provider.getTracer('test') }) } });
  });
  after(async () => {
    await handle?.close();
    manager.disable();
    context.disable();
  });

  it("a tools/call's span continues the trace of its params._meta, and the task's span links to it", T, async () => {
    const conn = await connect(handle.url);
    try {
      const traceparent = `00-${PARENT.traceId}-${PARENT.spanId}-01`;
      const task = (await conn.request('tools/call', { name: 'delay', arguments: { ms: 1 }, task: {}, _meta: { traceparent } })).task as {
        taskId: string;
      };
      await conn.request('tasks/result', { taskId: task.taskId });
      await waitFor(
        () => exporter.getFinishedSpans().find((s) => s.name === 'task delay'),
        10_000,
        () => 'the task span',
      );
      const call = await waitFor(
        () => exporter.getFinishedSpans().find((s) => s.name === 'tools/call delay'),
        10_000,
        () => 'the tools/call span',
      );
      const taskSpan = exporter.getFinishedSpans().find((s) => s.name === 'task delay')!;
      assert.equal(call.spanContext().traceId, PARENT.traceId);
      assert.equal(call.parentSpanContext?.spanId, PARENT.spanId);
      assert.equal(typeof call.attributes['mcp.session.id'], 'string');
      assert.deepEqual(
        taskSpan.links.map((l) => l.context.spanId),
        [call.spanContext().spanId],
      );
      assert.equal(taskSpan.attributes['mcp.task.id'], task.taskId);
    } finally {
      await conn.close();
    }
  });
});
