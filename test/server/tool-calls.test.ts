/** tools/call negotiation (R11, R13, R16, R21, R34, R35) and outcomes (R42, R75, A18), end to end. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { rejectsCode } from './rejects.js';
import { ISO, isPending, memoryHarness, RELATED, rejectsRpc, text, type MemoryHarness, type MemoryHarnessOptions } from './harness.js';

describe('tools/call with task', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: MemoryHarnessOptions = {}) => (h = await memoryHarness(options));

  for (const tool of ['work', 'needs_task'] as const) {
    it(`R16 R21 ${tool === 'work' ? 'optional' : 'required'} tool with task -> CreateTaskResult at once (working), the tool runs in the background`, async () => {
      const { end, control } = await start();
      const task = await end.createTask(tool, { id: 'bg' });
      assert.equal(task.status, 'working');
      assert.equal(typeof task.taskId, 'string');
      assert.match(task.createdAt, ISO);
      const extra = await control.started('bg'); // running, and still blocked on the gate
      assert.equal(extra.task?.taskId, task.taskId, 'extra.task is the task context');
      assert.equal((await end.getTask(task.taskId)).status, 'working');
      const result = end.request('tasks/result', { taskId: task.taskId });
      assert.ok(await isPending(result, () => end.getTask(task.taskId)), 'tasks/result waits for the tool');
      await control.release('bg', text('finished'));
      assert.deepEqual(await result, { ...text('finished'), _meta: { [RELATED]: { taskId: task.taskId } } });
    });
  }

  it('R16 the low-level Server variant: a task-capable tool runs in the background through the original handler', async () => {
    const { end, control } = await start({ lowLevel: true });
    const task = await end.createTask('low', { id: 'l1' });
    assert.equal(task.status, 'working');
    const extra = await control.started('l1');
    assert.equal(extra.task?.taskId, task.taskId);
    await control.release('l1', text('low done'));
    assert.deepEqual((await end.request('tasks/result', { taskId: task.taskId })).content, text('low done').content);
    assert.equal((await end.getTask(task.taskId)).status, 'completed');
  });

  it('R34 R35 a requested ttl above maxTtlMs is clamped and the actual value reported; none -> default', async () => {
    const { end } = await start({ store: { security: { defaultTtlMs: 30_000, maxTtlMs: 60_000 } } });
    const big = await end.createTask('echo', {}, { ttl: 10 ** 9 });
    assert.equal(big.ttl, 60_000);
    assert.equal((await end.getTask(big.taskId)).ttl, 60_000);
    const small = await end.createTask('echo', {}, { ttl: 5_000 });
    assert.equal((await end.getTask(small.taskId)).ttl, 5_000);
    const none = await end.createTask('echo', {});
    assert.equal(none.ttl, 30_000);
  });

  for (const [label, ttl] of [
    ['null', null],
    ['0', 0],
    ['-5', -5],
    ['1.5', 1.5],
    ['"x"', 'x'],
  ] as const) {
    it(`R34 A4 ttl ${label} -> -32602 INVALID_ARGUMENT naming ttl, nothing created, the tool did not run`, async () => {
      const { end, control } = await start();
      await rejectsCode(end.request('tools/call', { name: 'echo', arguments: {}, task: { ttl } }), -32602, 'INVALID_ARGUMENT', 'ttl');
      assert.equal(control.count('echo'), 0);
      assert.deepEqual((await end.request('tasks/list', {})).tasks, []);
    });
  }

  it('R13 required tool without task -> -32601 TASK_SUPPORT_MISMATCH and the tool did not run', async () => {
    const { end, control } = await start();
    await rejectsCode(end.request('tools/call', { name: 'needs_task', arguments: { id: 'x' } }), -32601, 'TASK_SUPPORT_MISMATCH');
    assert.equal(control.count('needs_task'), 0);
  });

  for (const tool of ['no_task', 'absent', 'plain_forbidden'] as const) {
    it(`R11 ${tool} (forbidden or absent taskSupport) with task -> -32601 TASK_SUPPORT_MISMATCH and the tool did not run`, async () => {
      const { end, control } = await start();
      await rejectsCode(end.request('tools/call', { name: tool, arguments: { id: 'x' }, task: {} }), -32601, 'TASK_SUPPORT_MISMATCH');
      assert.equal(control.count(tool), 0);
      assert.deepEqual((await end.request('tasks/list', {})).tasks, [], 'no task created');
    });
  }

  it('R11 forbidden tools still run normally without task', async () => {
    const { end, control } = await start();
    control.on('n1', async () => text('plain run'));
    assert.deepEqual((await end.request('tools/call', { name: 'no_task', arguments: { id: 'n1' } })).content, text('plain run').content);
    control.on('n2', async () => text('sdk run'));
    assert.deepEqual(
      (await end.request('tools/call', { name: 'plain_forbidden', arguments: { id: 'n2' } })).content,
      text('sdk run').content,
    );
  });

  it('R12 optional tools without task run normally and return a CallToolResult', async () => {
    const { end } = await start();
    assert.deepEqual(await end.request('tools/call', { name: 'echo', arguments: { text: 'now' } }), text('now'));
  });

  it('invalid arguments on a task-augmented call -> -32602 INVALID_ARGUMENT naming the field, before any task is created', async () => {
    const { end, control } = await start();
    await rejectsCode(end.request('tools/call', { name: 'work', arguments: { id: 42 }, task: {} }), -32602, 'INVALID_ARGUMENT', 'id');
    assert.equal(control.count('work'), 0);
    assert.deepEqual((await end.request('tasks/list', {})).tasks, []);
  });
});

describe('task outcomes', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: MemoryHarnessOptions = {}) => (h = await memoryHarness(options));

  it('R39 R43 a normal result -> completed; tasks/result is that result with related-task meta', async () => {
    const { end } = await start();
    const task = await end.createTask('echo', { text: 'ok' });
    const result = await end.request('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result, { ...text('ok'), _meta: { [RELATED]: { taskId: task.taskId } } });
    const got = await end.getTask(task.taskId);
    assert.equal(got.status, 'completed');
    assert.equal(got.statusMessage, undefined);
  });

  it('R75 A18 isError: true -> failed with a statusMessage; tasks/result returns the kept result with related-task meta', async () => {
    const { end } = await start();
    const task = await end.createTask('echo', { text: 'disk full', isError: true });
    const result = await end.request('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result, { ...text('disk full'), isError: true, _meta: { [RELATED]: { taskId: task.taskId } } });
    const got = await end.getTask(task.taskId);
    assert.equal(got.status, 'failed');
    assert.equal(got.statusMessage, 'The tool reported an error: disk full');
  });

  it('R42 low-level handler throwing an Error with integer code -32050 -> failed; tasks/result returns that error', async () => {
    const { end, control } = await start({ lowLevel: true });
    const task = await end.createTask('low', { id: 'boom' });
    await control.fail('boom', Object.assign(new Error('quota of widgets exhausted'), { code: -32050, data: { widgets: 0 } }));
    const error = await rejectsRpc(end.request('tasks/result', { taskId: task.taskId }), -32050, 'quota of widgets exhausted');
    assert.deepEqual(error.data, { widgets: 0 });
    const got = await end.getTask(task.taskId);
    assert.equal(got.status, 'failed');
    assert.equal(got.statusMessage, 'quota of widgets exhausted');
  });

  it('R42 an McpServer tool registered with registerTool that throws -> JSON-RPC error, as a task and as a plain call', async () => {
    const { end } = await start();
    const task = await end.createTask('echo', { throwCode: -32050 });
    await rejectsRpc(end.request('tasks/result', { taskId: task.taskId }), -32050, 'echo threw -32050');
    await rejectsRpc(end.request('tools/call', { name: 'echo', arguments: { throwCode: -32050 } }), -32050, 'echo threw -32050');
    // No integer code -> -32603, both ways.
    const t2 = await end.createTask('echo', { throwCode: 0 });
    await rejectsRpc(end.request('tasks/result', { taskId: t2.taskId }), -32603);
    await rejectsRpc(end.request('tools/call', { name: 'echo', arguments: { throwCode: 0 } }), -32603);
    assert.equal((await end.getTask(t2.taskId)).status, 'failed');
  });

  it('status, statusMessage and result are consistent in one read (get, list, result agree)', async () => {
    const { end, control } = await start();
    const task = await end.createTask('work', { id: 'c1' });
    const waiting = end.request('tasks/result', { taskId: task.taskId });
    await control.release('c1', { ...text('half'), isError: true });
    const result = await waiting;
    const got = await end.getTask(task.taskId);
    const listed = ((await end.request('tasks/list', {})).tasks as { taskId: string }[]).find((t) => t.taskId === task.taskId);
    assert.equal(result.isError, true);
    assert.equal(got.status, 'failed');
    assert.deepEqual(listed, got);
    assert.equal(got.statusMessage, 'The tool reported an error: half');
  });
});
