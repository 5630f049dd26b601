/**
 * Tracing (issue 22) through `mcp-tasks/opentelemetry`, checked on an in-memory exporter: a
 * request span with the MCP conventions and its parent from `params._meta`, a task span per run
 * (its own trace, linked to the request that created it, status changes as events, ERROR when it
 * failed), and the task's trace context in the `_meta` of the question it asks.
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { context, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTaskStore, TaskEngine } from '../../src/index.js';
import { openTelemetryTracing } from '../../src/observe/opentelemetry.js';
import { traceParentOf } from '../../src/observe/trace-context.js';
import type { TasksTracing } from '../../src/observe/tracing.js';
import { buildMcpServer, ClientEnd, Control, newClient, text } from '../server/harness.js';

const PARENT_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const PARENT_SPAN = '00f067aa0ba902b7';

describe('OpenTelemetry tracing', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const manager = new AsyncLocalStorageContextManager();
  let tracing: TasksTracing;
  let close: (() => Promise<void>) | undefined;

  before(() => {
    context.setGlobalContextManager(manager.enable());
    tracing = openTelemetryTracing({ tracer: provider.getTracer('test') });
  });
  after(() => {
    manager.disable();
    context.disable();
  });
  afterEach(async () => {
    await close?.();
    close = undefined;
    exporter.reset();
  });

  const spans = (name: string): ReadableSpan[] => exporter.getFinishedSpans().filter((s) => s.name === name);

  it('a request span carries the MCP conventions and continues the trace named in params._meta', () => {
    const span = tracing.request({
      method: 'tools/call',
      id: 7,
      params: {
        name: 'echo',
        arguments: { secret: 'x' },
        _meta: { traceparent: `00-${PARENT_TRACE}-${PARENT_SPAN}-01`, tracestate: 'vendor=v1' },
      },
      sessionId: 'sess-1',
      protocolVersion: '2025-11-25',
      transport: 'tcp',
    });
    span.run(() => undefined);
    span.end({ errorType: '-32602', httpStatus: 200 });
    span.end();
    const [done] = spans('tools/call echo');
    assert.ok(done);
    assert.equal(done.kind, SpanKind.SERVER);
    assert.equal(done.spanContext().traceId, PARENT_TRACE);
    assert.equal(done.parentSpanContext?.spanId, PARENT_SPAN);
    assert.equal(done.parentSpanContext?.traceState?.get('vendor'), 'v1');
    assert.deepEqual(done.attributes, {
      'mcp.method.name': 'tools/call',
      'jsonrpc.request.id': '7',
      'mcp.session.id': 'sess-1',
      'mcp.protocol.version': '2025-11-25',
      'network.transport': 'tcp',
      'gen_ai.tool.name': 'echo',
      'gen_ai.operation.name': 'execute_tool',
      'http.response.status_code': 200,
      'error.type': '-32602',
    });
    assert.equal(done.status.code, SpanStatusCode.ERROR);
  });

  it('a malformed traceparent is ignored: the span starts a trace of its own', () => {
    for (const traceparent of [
      'junk',
      `ff-${PARENT_TRACE}-${PARENT_SPAN}-01`,
      `00-${'0'.repeat(32)}-${PARENT_SPAN}-01`,
      `00-${PARENT_TRACE}-${PARENT_SPAN}-01-extra`,
    ]) {
      assert.equal(traceParentOf({ traceparent }), undefined, traceparent);
    }
    const span = tracing.request({ method: 'tasks/get', id: 'a', params: { taskId: 't1', _meta: { traceparent: 'junk' } } });
    span.end();
    const [done] = spans('tasks/get');
    assert.notEqual(done!.spanContext().traceId, PARENT_TRACE);
    assert.equal(done!.parentSpanContext, undefined);
    assert.equal(done!.attributes['mcp.task.id'], 't1');
  });

  async function setup() {
    const store = new InMemoryTaskStore({ security: { allowAnonymous: true } });
    const engine = new TaskEngine({ store, tracing });
    const control = new Control();
    const { mcp } = buildMcpServer(store, control, { engine });
    const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
    await mcp.connect(serverTransport);
    const end = new ClientEnd(newClient());
    await end.client.connect(clientTransport);
    close = async () => {
      await end.close();
      await mcp.close();
      engine.close();
      await store.close();
    };
    return { control, end };
  }

  it("a task's run is a span of its own trace, linked to the request that created it, its status changes as events", async () => {
    const { end } = await setup();
    const request = tracing.request({ method: 'tools/call', id: 1, params: { name: 'echo' } });
    const task = await request.run(() => end.createTask('echo', { text: 'hi', isError: true }));
    request.end();
    await end.request('tasks/result', { taskId: task.taskId });
    await end.until(() => spans('task echo').length === 1, 'the task span ended');
    const [taskSpan] = spans('task echo');
    const [requestSpan] = spans('tools/call echo');
    assert.ok(taskSpan && requestSpan);
    assert.notEqual(taskSpan.spanContext().traceId, requestSpan.spanContext().traceId, 'a trace of its own');
    assert.deepEqual(
      taskSpan.links.map((l) => [l.context.spanId, l.attributes?.['mcp_tasks.link']]),
      [[requestSpan.spanContext().spanId, 'created-by']],
    );
    assert.equal(taskSpan.attributes['mcp.task.id'], task.taskId);
    assert.equal(taskSpan.attributes['gen_ai.tool.name'], 'echo');
    assert.equal(taskSpan.attributes['mcp.task.status'], 'failed');
    assert.deepEqual(
      taskSpan.events.filter((e) => e.name === 'mcp_tasks.status').map((e) => e.attributes?.['mcp.task.status']),
      ['failed'],
    );
    assert.equal(taskSpan.status.code, SpanStatusCode.ERROR);
  });

  it("the question a task asks carries the task span's trace context in its _meta; asking and the answer are events", async () => {
    const { control, end } = await setup();
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    control.on('q', async (extra) =>
      text(JSON.stringify(((await extra.task!.elicit({ message: 'Which?', requestedSchema: schema })) as ElicitResult).content)),
    );
    end.onElicit = async () => ({ action: 'accept', content: { answer: 'ok' } });
    const task = await end.createTask('work', { id: 'q' });
    await end.client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, ResultSchema);
    await end.until(() => spans('task work').length === 1, 'the task span ended');
    const [taskSpan] = spans('task work');
    const carried = traceParentOf(end.elicitations[0]!.params._meta);
    assert.equal(carried?.traceId, taskSpan!.spanContext().traceId);
    assert.equal(carried?.spanId, taskSpan!.spanContext().spanId);
    const names = taskSpan!.events.map((e) => e.name);
    assert.ok(names.includes('mcp_tasks.question.asked') && names.includes('mcp_tasks.question.answered'), names.join());
    assert.deepEqual(
      taskSpan!.events.filter((e) => e.name === 'mcp_tasks.status').map((e) => e.attributes?.['mcp.task.status']),
      ['input_required', 'working', 'completed'],
    );
    assert.equal(taskSpan!.status.code, SpanStatusCode.UNSET);
  });
});
