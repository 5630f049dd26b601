/** Bad input never crashes or hangs: -32602 naming the field (R71, R73), -32601 for unknown tools with task. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { memoryHarness, rejectsRpc, type MemoryHarness } from './harness.js';

describe('bad input', () => {
  let h: MemoryHarness;
  before(async () => {
    h = await memoryHarness({ store: { security: { maxRequestBytes: 4096 } } });
  });
  after(() => h.close());
  const req = (method: string, params?: unknown) => h.end.request(method, params);

  for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
    it(`R71 ${method} without taskId -> -32602 "params.taskId is required"`, async () => {
      await rejectsRpc(req(method, {}), -32602, `${method}: params.taskId is required`);
    });

    it(`R71 ${method} with a non-string taskId -> -32602 naming the type`, async () => {
      await rejectsRpc(req(method, { taskId: 5 }), -32602, `${method}: params.taskId must be a string, got number`);
      await rejectsRpc(req(method, { taskId: null }), -32602, 'params.taskId must be a string, got null');
      await rejectsRpc(req(method, { taskId: { id: 'x' } }), -32602, 'got object');
    });

    it(`R71 ${method} without params -> -32602 naming params (not -32603 with a zod dump)`, async () => {
      await rejectsRpc(req(method), -32602, `${method}: params must be an object`);
    });

    it(`R71 R74 ${method} with an unknown or oversized taskId -> -32602`, async () => {
      await rejectsRpc(req(method, { taskId: 'nope' }), -32602, 'Task not found');
      await rejectsRpc(req(method, { taskId: 'x'.repeat(100_000) }), -32602);
      await rejectsRpc(req(method, { taskId: '' }), -32602);
    });
  }

  it('R64 tasks/list with a non-string cursor or non-object params -> -32602 naming it', async () => {
    await rejectsRpc(req('tasks/list', { cursor: 5 }), -32602, 'tasks/list: params.cursor must be a string');
    await rejectsRpc(req('tasks/list', { cursor: '' }), -32602, 'cursor');
    await rejectsRpc(req('tasks/list', { cursor: '\u0000\uffff' }), -32602, 'Invalid cursor');
  });

  it('R5 R60 tasks/list without params (they are optional in ListTasksRequest) lists the tasks', async () => {
    const result = await req('tasks/list');
    assert.ok(Array.isArray(result.tasks));
  });

  it('params that are not an object (string, array, number) are dropped by the SDK before any handler: no reply, no crash', async () => {
    // Not a valid JSON-RPC request for the SDK (isJSONRPCRequest fails): it calls onerror and never answers.
    for (const params of ['abc', ['abc']]) {
      await rejectsRpc(h.end.request('tasks/get', params, { timeout: 100 }), -32001, 'Request timed out');
    }
    assert.deepEqual(await req('ping', {}), {});
  });

  for (const [label, task] of [
    ['a string', 'yes'],
    ['null', null],
    ['an array', []],
    ['a number', 1],
    ['true', true],
  ] as const) {
    it(`tools/call with task ${label} -> -32602 naming task; the tool did not run`, async () => {
      const before = h.control.count('echo');
      await rejectsRpc(req('tools/call', { name: 'echo', arguments: {}, task }), -32602, 'task');
      assert.equal(h.control.count('echo'), before);
    });
  }

  it('tools/call without a string name -> -32602 naming name', async () => {
    await rejectsRpc(req('tools/call', { arguments: {}, task: {} }), -32602, 'name');
    await rejectsRpc(req('tools/call', { name: 7, task: {} }), -32602, 'name');
  });

  it('R11 an unknown tool with task -> -32601 naming the tool', async () => {
    await rejectsRpc(req('tools/call', { name: 'no_such_tool', arguments: {}, task: {} }), -32601, "Tool 'no_such_tool'");
  });

  it('R38 arguments larger than maxRequestBytes -> -32602 saying what is too large; nothing created, the tool did not run', async () => {
    const before = h.control.count('echo');
    const listed = ((await req('tasks/list', {})).tasks as unknown[]).length;
    await rejectsRpc(req('tools/call', { name: 'echo', arguments: { text: 'x'.repeat(10_000) }, task: {} }), -32602, 'Request params is too large', 'limit is 4096 bytes');
    assert.equal(h.control.count('echo'), before);
    assert.equal(((await req('tasks/list', {})).tasks as unknown[]).length, listed);
  });

  it('an unknown task method -> -32601', async () => {
    await rejectsRpc(req('tasks/delete', { taskId: 'x' }), -32601, 'Method not found');
  });

  it('the server is still healthy after all of the above', async () => {
    const task = await h.end.createTask('echo', { text: 'still here' });
    assert.deepEqual((await req('tasks/result', { taskId: task.taskId })).content, [{ type: 'text', text: 'still here' }]);
  });
});
