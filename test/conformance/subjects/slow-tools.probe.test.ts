/**
 * Verifies slow-tools' KNOWN_DEVIATIONS, CORRECT and UNSPECIFIED lists with a raw client of its own
 * (probe-client.ts), at timeScale 0.02 (20 s -> 400 ms).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Subject } from './sdk-http.js';
import { startSlowTools } from './slow-tools.js';
import { HttpSession, ISO_UTC, RELATED, sleep, startHttpProgram, type Any } from './probe-client.js';

const SCALE = 0.02;

describe('slow-tools subject (probe)', () => {
  let subject: Subject;
  let s: HttpSession;
  let init: Any;
  before(async () => {
    subject = await startSlowTools({ timeScale: SCALE });
    s = new HttpSession(subject.url);
    init = await s.initialize();
  });
  after(() => subject.close());

  it('R1: capabilities; R14: taskSupport, readOnlyHint and slow defaults in the schemas', async () => {
    assert.deepEqual(init.capabilities.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    const { tools } = await s.result('tools/list');
    const byName = Object.fromEntries(tools.map((t: Any) => [t.name, t]));
    assert.deepEqual(Object.keys(byName), ['quick_lookup', 'read_catalog', 'rebuild_index']);
    assert.equal(byName.quick_lookup.execution.taskSupport, 'optional');
    assert.equal(byName.read_catalog.execution.taskSupport, 'forbidden');
    assert.equal(byName.read_catalog.annotations.readOnlyHint, true);
    assert.equal(byName.rebuild_index.execution.taskSupport, 'optional');
    for (const [name, byDefault] of [
      ['read_catalog', 20],
      ['rebuild_index', 15],
    ] as const) {
      const { type, minimum, maximum, default: d } = byName[name].inputSchema.properties.seconds;
      assert.deepEqual({ type, minimum, maximum, d }, { type: 'number', minimum: 0, maximum: 60, d: byDefault });
      assert.ok(!(byName[name].inputSchema.required ?? []).includes('seconds'));
    }
  });

  it('R12: optional tools and the forbidden tool answer correctly without task (after their duration)', async () => {
    assert.deepEqual(await s.result('tools/call', { name: 'quick_lookup', arguments: { key: 'k' } }), {
      content: [{ type: 'text', text: 'value of k' }],
    });
    assert.deepEqual(await s.result('tools/call', { name: 'read_catalog', arguments: {} }), {
      content: [{ type: 'text', text: 'catalog read in 20 s' }],
    });
    assert.deepEqual(await s.result('tools/call', { name: 'rebuild_index', arguments: { seconds: 10 } }), {
      content: [{ type: 'text', text: 'index rebuilt in 10 s' }],
    });
  });

  it('R16/R21: CreateTaskResult at once for a long task; R40/R41/R44: tasks/result blocks and returns the result', async () => {
    const task = (await s.result('tools/call', { name: 'rebuild_index', arguments: {}, task: { ttl: 60_000 } })).task;
    assert.deepEqual(Object.keys(task).sort(), ['createdAt', 'lastUpdatedAt', 'pollInterval', 'status', 'taskId', 'ttl']);
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, 60_000);
    assert.equal(task.pollInterval, 200);
    assert.match(task.createdAt, ISO_UTC);
    assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'working');
    const result = await s.result('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result, { content: [{ type: 'text', text: 'index rebuilt in 15 s' }], _meta: { [RELATED]: { taskId: task.taskId } } });
    assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'completed');
    assert.equal((await s.error('tasks/cancel', { taskId: task.taskId })).code, -32602);
  });

  it('R11 (deviation): read_catalog with task runs to the end, then -32602 "Invalid task creation result"', async () => {
    const before = subject.calls.get('read_catalog') ?? 0;
    const error = await s.error('tools/call', { name: 'read_catalog', arguments: {}, task: {} });
    assert.equal(error.code, -32602);
    assert.match(error.message, /^MCP error -32602: Invalid task creation result: /);
    assert.equal(subject.calls.get('read_catalog'), before + 1);
  });

  it('tools (deviation): unknown tool -> a successful isError result', async () => {
    assert.deepEqual(await s.result('tools/call', { name: 'nope', arguments: {} }), {
      content: [{ type: 'text', text: 'MCP error -32602: Tool nope not found' }],
      isError: true,
    });
  });

  it('R67/R68: cancel a running task; it stays cancelled; A9: tasks/result of it -> -32603', async () => {
    const task = (await s.result('tools/call', { name: 'rebuild_index', arguments: { seconds: 20 }, task: {} })).task;
    const cancelled = await s.result('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusMessage, 'Client cancelled task execution.');
    await sleep(20 * 1_000 * SCALE + 200); // its work has ended by now
    assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'cancelled');
    assert.deepEqual(await s.error('tasks/result', { taskId: task.taskId }), {
      code: -32603,
      message: `Task ${task.taskId} has no result stored`,
    });
  });

  it('R71/R64: -32602 for unknown ids and cursors; R77/R65: tasks bound to their session', async () => {
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel'])
      assert.equal((await s.error(method, { taskId: 'nope' })).code, -32602);
    assert.equal((await s.error('tasks/list', { cursor: 'x' })).code, -32602);
    const other = new HttpSession(subject.url);
    await other.initialize();
    const task = (await other.result('tools/call', { name: 'quick_lookup', arguments: { key: 'mine' }, task: {} })).task;
    assert.equal((await s.error('tasks/get', { taskId: task.taskId })).code, -32602);
    assert.deepEqual(
      (await other.result('tasks/list')).tasks.map((t: Any) => t.taskId),
      [task.taskId],
    );
  });

  it('UNSPECIFIED: an optional tool called without task still makes a task, listed by tasks/list', async () => {
    const fresh = new HttpSession(subject.url);
    await fresh.initialize();
    const call = fresh.result('tools/call', { name: 'rebuild_index', arguments: { seconds: 30 } });
    let listed: Any[] = [];
    for (let i = 0; i < 100 && listed.length === 0; i++) listed = (await fresh.result('tasks/list')).tasks;
    assert.equal(listed.length, 1);
    assert.deepEqual(await call, { content: [{ type: 'text', text: 'index rebuilt in 30 s' }] });
    assert.equal((await fresh.result('tasks/get', { taskId: listed[0].taskId })).status, 'completed');
  });

  it('runs as a program: --port --time-scale prints the URL', async () => {
    const program = await startHttpProgram(new URL('./slow-tools.js', import.meta.url), ['--port', '0', '--time-scale', '0.001']);
    try {
      const p = new HttpSession(program.url);
      assert.equal((await p.initialize()).serverInfo.name, 'slow-tools');
      assert.deepEqual(await p.result('tools/call', { name: 'read_catalog', arguments: {} }), {
        content: [{ type: 'text', text: 'catalog read in 20 s' }],
      });
    } finally {
      program.child.kill('SIGTERM');
      await program.exited;
    }
  });
});
