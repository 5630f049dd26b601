/** Capabilities (R1, R5, R7, R80) and tools/list execution.taskSupport (R14), end to end. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { memoryHarness, type MemoryHarness, type MemoryHarnessOptions } from './harness.js';
import { rejectsBySdk } from './rejects.js';

describe('server capabilities', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: MemoryHarnessOptions = {}) => (h = await memoryHarness(options));

  it('R1 R5 initialize declares tasks.{list, cancel, requests.tools.call} as {} (identified requestors)', async () => {
    const { end } = await start();
    const caps = end.client.getServerCapabilities();
    assert.deepEqual(caps?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    assert.equal((caps?.experimental as { tasks?: unknown } | undefined)?.tasks, undefined, 'tasks must not be under experimental');
    assert.ok(caps?.tools, 'tools capability kept');
  });

  it('R1 R5 the low-level Server variant declares the same', async () => {
    const { end } = await start({ lowLevel: true });
    assert.deepEqual(end.client.getServerCapabilities()?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
  });

  it('R80 R9 a store accepting anonymous requestors: no tasks.list, and tasks/list is -32601', async () => {
    const { end } = await start({ token: false, store: { security: { allowAnonymous: true } } });
    assert.deepEqual(end.client.getServerCapabilities()?.tasks, { cancel: {}, requests: { tools: { call: {} } } });
    await rejectsBySdk(end.request('tasks/list', {}), -32601);
  });

  it('R80 list: true declares and serves tasks/list even with anonymous requestors allowed', async () => {
    const { end } = await start({ token: false, store: { security: { allowAnonymous: true } }, tasks: { list: true } });
    assert.deepEqual(end.client.getServerCapabilities()?.tasks?.list, {});
    const task = await end.createTask('echo', { text: 'a' });
    const listed = await end.request('tasks/list', {});
    assert.deepEqual(
      (listed.tasks as { taskId: string }[]).map((t) => t.taskId),
      [task.taskId],
    );
  });

  it('R5 list: false hides tasks/list although requestors are identified', async () => {
    const { end } = await start({ tasks: { list: false } });
    assert.equal(end.client.getServerCapabilities()?.tasks?.list, undefined);
    await rejectsBySdk(end.request('tasks/list', {}), -32601);
  });

  it('R7 toolCalls: false -> no tasks.requests, task ignored: the tool runs normally and returns a CallToolResult', async () => {
    const { end, control } = await start({ tasks: { toolCalls: false } });
    assert.deepEqual(end.client.getServerCapabilities()?.tasks, { list: {}, cancel: {} });
    const result = await end.request('tools/call', { name: 'echo', arguments: { text: 'normal' }, task: { ttl: 1000 } });
    assert.equal(result.task, undefined, 'no CreateTaskResult');
    assert.deepEqual(result.content, [{ type: 'text', text: 'normal' }]);
    assert.equal(control.count('echo'), 1);
    assert.deepEqual((await end.request('tasks/list', {})).tasks, [], 'no task was created');
  });

  it('R7 toolCalls: false -> a required tool called with task also runs normally', async () => {
    const { end, control } = await start({ tasks: { toolCalls: false } });
    control.on('r1', async () => ({ content: [{ type: 'text', text: 'ran' }] }));
    const result = await end.request('tools/call', { name: 'needs_task', arguments: { id: 'r1' }, task: {} });
    assert.deepEqual(result.content, [{ type: 'text', text: 'ran' }]);
    assert.equal(control.count('needs_task'), 1);
  });

  it('R7 toolCalls: false -> a required tool called without task runs normally (no -32601)', async () => {
    const { end, control } = await start({ tasks: { toolCalls: false } });
    control.on('r2', async () => ({ content: [{ type: 'text', text: 'ran' }] }));
    const result = await end.request('tools/call', { name: 'needs_task', arguments: { id: 'r2' } });
    assert.deepEqual(result.content, [{ type: 'text', text: 'ran' }]);
  });

  it('R14 tools/list shows execution.taskSupport of every tool', async () => {
    const { end } = await start();
    const { tools } = (await end.request('tools/list', {})) as { tools: { name: string; execution?: { taskSupport?: string } }[] };
    const support = Object.fromEntries(tools.map((t) => [t.name, t.execution?.taskSupport]));
    assert.deepEqual(support, {
      work: 'optional',
      needs_task: 'required',
      no_task: 'forbidden',
      absent: 'forbidden',
      echo: 'optional',
      plain: 'optional',
      plain_forbidden: 'forbidden',
    });
  });

  it('R14 tools/list without params (params are optional; client.listTools() omits them on the wire)', async () => {
    const { end } = await start();
    const { tools } = (await end.request('tools/list')) as { tools: { name: string; execution?: { taskSupport?: string } }[] };
    assert.equal(tools.find((t) => t.name === 'needs_task')?.execution?.taskSupport, 'required');
  });

  it('R14 setTaskSupport after connect changes tools/list; the low-level taskSupport option is listed', async () => {
    const { end, tasks } = await start();
    tasks.setTaskSupport('plain_forbidden', 'required');
    const { tools } = (await end.request('tools/list', {})) as { tools: { name: string; execution?: { taskSupport?: string } }[] };
    assert.equal(tools.find((t) => t.name === 'plain_forbidden')?.execution?.taskSupport, 'required');
    await h!.close();
    const low = await start({ lowLevel: true });
    const listed = (await low.end.request('tools/list', {})) as { tools: { name: string; execution?: { taskSupport?: string } }[] };
    assert.deepEqual(
      listed.tools.map((t) => [t.name, t.execution?.taskSupport]),
      [['low', 'optional']],
    );
  });

  it('R14 setTaskSupport refuses an unknown level, naming the allowed values', async () => {
    const { tasks } = await start();
    assert.throws(() => tasks.setTaskSupport('plain', 'sometimes' as never), /taskSupport must be one of forbidden, optional, required/);
  });
});
