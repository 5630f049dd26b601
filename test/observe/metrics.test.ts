/**
 * Metrics (issue 22): the Prometheus text of `TextMetrics`, a measured store, and what the engine
 * reports over a real server in process (tasks created and ended by tool and status, the active
 * gauge, questions and their waits, answers, deliveries, waiting tasks/result, refusals by code).
 * Values are counts and label sets, never timings.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { afterEach, describe, it } from 'node:test';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { ResultSchema, type ElicitResult } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTaskStore, isTasksError, measureStore, METRICS, TaskEngine, TextMetrics, type TaskStore } from '../../src/index.js';
import { buildMcpServer, ClientEnd, Control, newClient, text } from '../server/harness.js';

describe('TextMetrics: the Prometheus text exposition', () => {
  it('writes HELP and TYPE for every metric, counters and gauges by label, histograms cumulative with +Inf, sum and count', () => {
    const metrics = new TextMetrics();
    metrics.counter('mcp_tasks_created_total', { tool: 'echo' }).add();
    metrics.counter('mcp_tasks_created_total', { tool: 'echo' }).add(2);
    metrics.gauge('mcp_tasks_active', { status: 'working' }).add(3);
    metrics.gauge('mcp_tasks_active', { status: 'working' }).add(-1);
    const h = metrics.histogram('mcp_tasks_store_operation_seconds', { store: 'memory', operation: 'get' });
    h.observe(0.0001);
    h.observe(0.003);
    h.observe(99);
    const text = metrics.metrics();
    assert.match(
      text,
      /^# HELP mcp_tasks_created_total .+\n# TYPE mcp_tasks_created_total counter\nmcp_tasks_created_total\{tool="echo"\} 3$/m,
    );
    assert.match(text, /^mcp_tasks_active\{status="working"\} 2$/m);
    assert.match(text, /^mcp_tasks_store_operation_seconds_bucket\{store="memory",operation="get",le="0.0005"\} 1$/m);
    assert.match(text, /^mcp_tasks_store_operation_seconds_bucket\{store="memory",operation="get",le="0.005"\} 2$/m);
    assert.match(text, /^mcp_tasks_store_operation_seconds_bucket\{store="memory",operation="get",le="2.5"\} 2$/m);
    assert.match(text, /^mcp_tasks_store_operation_seconds_bucket\{store="memory",operation="get",le="\+Inf"\} 3$/m);
    assert.match(text, /^mcp_tasks_store_operation_seconds_count\{store="memory",operation="get"\} 3$/m);
    // Metrics without labels show their one series from the start.
    assert.match(text, /^mcp_tasks_result_waiting 0$/m);
    assert.match(text, /^mcp_tasks_sessions 0$/m);
    assert.equal(metrics.contentType, 'text/plain; version=0.0.4; charset=utf-8');
  });

  it('escapes label values (backslash, quote, newline) and refuses a metric used as another type', () => {
    const metrics = new TextMetrics();
    metrics.counter('mcp_tasks_created_total', { tool: 'a"b\\c\nd' }).add();
    assert.match(metrics.metrics(), /^mcp_tasks_created_total\{tool="a\\"b\\\\c\\nd"\} 1$/m);
    assert.throws(() => metrics.gauge('mcp_tasks_created_total'), TypeError);
  });
});

describe('the metrics catalogue', () => {
  it('docs/operations.md lists every metric with its type and labels', () => {
    const doc = readFileSync('docs/operations.md', 'utf8');
    for (const [name, definition] of Object.entries(METRICS)) {
      const row = doc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
      assert.ok(row, `${name} is not in the table of docs/operations.md`);
      assert.ok(row.includes(`| ${definition.type} |`), `${name}: type`);
      for (const label of definition.labels) assert.ok(row.includes(`\`${label}\``), `${name}: label ${label}`);
    }
  });
});

describe('measureStore', () => {
  it('times every operation by store and operation, counts failures by code, and keeps the optional members the store has', async () => {
    const metrics = new TextMetrics();
    const inner = new InMemoryTaskStore();
    const store = measureStore(inner, metrics);
    assert.equal(typeof store.renewLease, typeof inner.renewLease);
    assert.equal((inner as TaskStore).changeFeedEpoch, undefined);
    assert.equal(store.changeFeedEpoch, undefined, 'the memory store has no change feed, so neither has the wrapper');
    assert.equal(store.clock, inner.clock);
    assert.equal(store.capabilities, inner.capabilities);
    const task = await store.create('auth:a', { request: { method: 'tools/call', params: { name: 'x' } } });
    await store.get('auth:a', task.taskId);
    await assert.rejects(store.get('auth:b', task.taskId), (e) => isTasksError(e, 'TASK_NOT_FOUND'));
    assert.equal(metrics.value('mcp_tasks_store_operation_seconds', { store: 'memory', operation: 'create' }), 1);
    assert.equal(metrics.value('mcp_tasks_store_operation_seconds', { store: 'memory', operation: 'get' }), 2);
    assert.equal(metrics.value('mcp_tasks_store_errors_total', { store: 'memory', operation: 'get', code: 'TASK_NOT_FOUND' }), 1);
    const seen: string[] = [];
    const off = store.onChange((change) => seen.push(change.task.status));
    await store.cancel('auth:a', task.taskId);
    off();
    assert.deepEqual(seen, ['cancelled']);
    assert.equal(measureStore(inner, metrics, { name: 'primary' }) !== store, true);
    await store.close();
  });
});

describe('the engine reports its tasks', () => {
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function setup(security = {}) {
    const metrics = new TextMetrics();
    const store = measureStore(new InMemoryTaskStore({ security: { allowAnonymous: true, ...security } }), metrics);
    const engine = new TaskEngine({ store, metrics });
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
    return { metrics, control, end, engine };
  }

  it('counts created and ended tasks by tool and status, moves the active gauge, and records durations', async () => {
    const { metrics, control, end } = await setup();
    const done = await end.createTask('echo', { text: 'hi' });
    const failing = await end.createTask('echo', { isError: true });
    const cancelled = await end.createTask('work', { id: 'c1' });
    await control.started('c1');
    await end.request('tasks/result', { taskId: done.taskId });
    await end.request('tasks/result', { taskId: failing.taskId });
    assert.equal(metrics.value('mcp_tasks_active', { status: 'working' }), 1, 'only c1 runs');
    await end.request('tasks/cancel', { taskId: cancelled.taskId });
    await end.until(() => metrics.value('mcp_tasks_ended_total', { tool: 'work', status: 'cancelled' }) === 1, 'the cancelled run counted');
    assert.equal(metrics.value('mcp_tasks_created_total', { tool: 'echo' }), 2);
    assert.equal(metrics.value('mcp_tasks_created_total', { tool: 'work' }), 1);
    assert.equal(metrics.value('mcp_tasks_ended_total', { tool: 'echo', status: 'completed' }), 1);
    assert.equal(metrics.value('mcp_tasks_ended_total', { tool: 'echo', status: 'failed' }), 1);
    assert.equal(metrics.value('mcp_tasks_duration_seconds', { tool: 'echo', status: 'completed' }), 1);
    assert.equal(metrics.value('mcp_tasks_active', { status: 'working' }), 0);
    assert.equal(metrics.value('mcp_tasks_result_waiting'), 0);
    assert.ok((metrics.value('mcp_tasks_store_operation_seconds', { store: 'memory', operation: 'create' }) ?? 0) >= 3);
  });

  it('counts a question, its delivery on the 2025 wire, its answer and its wait; input_required shows on the gauge meanwhile', async () => {
    const { metrics, control, end } = await setup();
    const schema = { type: 'object', properties: { answer: { type: 'string' } }, required: ['answer'] };
    control.on('q', async (extra) =>
      text(JSON.stringify(((await extra.task!.elicit({ message: 'Which?', requestedSchema: schema })) as ElicitResult).content)),
    );
    let gaugeWhileAsked: number | undefined;
    let waitingWhileAsked: number | undefined;
    end.onElicit = async () => {
      gaugeWhileAsked = metrics.value('mcp_tasks_active', { status: 'input_required' });
      waitingWhileAsked = metrics.value('mcp_tasks_result_waiting');
      return { action: 'accept', content: { answer: 'blue' } };
    };
    const task = await end.createTask('work', { id: 'q' });
    await end.client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, ResultSchema);
    assert.equal(gaugeWhileAsked, 1);
    assert.equal(waitingWhileAsked, 1);
    assert.equal(metrics.value('mcp_tasks_questions_total', { method: 'elicitation/create' }), 1);
    assert.equal(metrics.value('mcp_tasks_question_deliveries_total', { wire: '2025-11-25' }), 1);
    assert.equal(metrics.value('mcp_tasks_answers_total', { result: 'accepted' }), 1);
    assert.equal(metrics.value('mcp_tasks_question_wait_seconds', { method: 'elicitation/create', outcome: 'answered' }), 1);
    assert.equal(metrics.value('mcp_tasks_questions_waiting', { method: 'elicitation/create' }), 0);
    assert.equal(metrics.value('mcp_tasks_active', { status: 'input_required' }), 0);
    assert.equal(metrics.value('mcp_tasks_result_waiting'), 0);
  });

  it('counts refusals by their code, with no owner anywhere in the text', async () => {
    const { metrics, control, end } = await setup({ maxActiveTasksPerOwner: 1 });
    await end.createTask('work', { id: 'hold' });
    await control.started('hold');
    await assert.rejects(end.createTask('work', { id: 'second' }));
    await assert.rejects(end.request('tasks/get', { taskId: 'no-such-task' }));
    assert.equal(metrics.value('mcp_tasks_refusals_total', { code: 'QUOTA_EXCEEDED' }), 1);
    assert.equal(metrics.value('mcp_tasks_refusals_total', { code: 'TASK_NOT_FOUND' }), 1);
    assert.doesNotMatch(metrics.metrics(), /anonymous|auth:|session:/);
    await control.release('hold');
  });
});
