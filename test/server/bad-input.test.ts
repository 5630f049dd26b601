/** Bad input never crashes or hangs: -32602 with a stable data.code, naming the field (R71, R73), -32601 for unknown tools with task. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { memoryHarness, type MemoryHarness } from './harness.js';
import { rejectsBySdk, rejectsCode } from './rejects.js';

describe('bad input', () => {
  let h: MemoryHarness;
  before(async () => {
    h = await memoryHarness({ store: { security: { maxRequestBytes: 4096 } } });
  });
  after(() => h.close());
  const req = (method: string, params?: unknown) => h.end.request(method, params);

  for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
    it(`R71 ${method} without taskId -> -32602 INVALID_ARGUMENT naming taskId`, async () => {
      await rejectsCode(req(method, {}), -32602, 'INVALID_ARGUMENT', 'taskId');
    });

    it(`R71 ${method} with a non-string taskId -> -32602 INVALID_ARGUMENT naming taskId`, async () => {
      for (const taskId of [5, null, { id: 'x' }]) await rejectsCode(req(method, { taskId }), -32602, 'INVALID_ARGUMENT', 'taskId');
    });

    it(`R71 ${method} without params -> -32602 INVALID_ARGUMENT naming params (not -32603 with a zod dump)`, async () => {
      await rejectsCode(req(method), -32602, 'INVALID_ARGUMENT', 'params');
    });

    it(`R71 R74 ${method} with an unknown or oversized taskId -> -32602`, async () => {
      await rejectsCode(req(method, { taskId: 'nope' }), -32602, 'TASK_NOT_FOUND');
      await rejectsCode(req(method, { taskId: 'x'.repeat(100_000) }), -32602, 'INVALID_ARGUMENT', 'taskId');
      await rejectsCode(req(method, { taskId: '' }), -32602, 'INVALID_ARGUMENT', 'taskId');
    });
  }

  it('R64 tasks/list with a non-string or garbage cursor -> -32602 INVALID_ARGUMENT / INVALID_CURSOR', async () => {
    await rejectsCode(req('tasks/list', { cursor: 5 }), -32602, 'INVALID_ARGUMENT', 'cursor');
    await rejectsCode(req('tasks/list', { cursor: '' }), -32602, 'INVALID_CURSOR');
    await rejectsCode(req('tasks/list', { cursor: '\u0000\uffff' }), -32602, 'INVALID_CURSOR');
  });

  it('R5 R60 tasks/list without params (they are optional in ListTasksRequest) lists the tasks', async () => {
    const result = await req('tasks/list');
    assert.ok(Array.isArray(result.tasks));
  });

  it('params that are not an object (string, array, number) are dropped by the SDK before any handler: no reply, no crash', async () => {
    // Not a valid JSON-RPC request for the SDK (isJSONRPCRequest fails): it calls onerror and never answers.
    for (const params of ['abc', ['abc']]) {
      await rejectsBySdk(h.end.request('tasks/get', params, { timeout: 100 }), -32001); // the client's own timeout
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
    it(`tools/call with task ${label} -> -32602 INVALID_ARGUMENT naming task; the tool did not run`, async () => {
      const before = h.control.count('echo');
      await rejectsCode(req('tools/call', { name: 'echo', arguments: {}, task }), -32602, 'INVALID_ARGUMENT', 'task');
      assert.equal(h.control.count('echo'), before);
    });
  }

  it('tools/call without a string name -> -32602 INVALID_ARGUMENT naming name', async () => {
    await rejectsCode(req('tools/call', { arguments: {}, task: {} }), -32602, 'INVALID_ARGUMENT', 'name');
    await rejectsCode(req('tools/call', { name: 7, task: {} }), -32602, 'INVALID_ARGUMENT', 'name');
  });

  it('R11 an unknown tool with task -> -32601 TASK_SUPPORT_MISMATCH naming the tool', async () => {
    await rejectsCode(req('tools/call', { name: 'no_such_tool', arguments: {}, task: {} }), -32601, 'TASK_SUPPORT_MISMATCH', 'no_such_tool');
  });

  it('R38 arguments larger than maxRequestBytes -> -32602 PAYLOAD_TOO_LARGE; nothing created, the tool did not run', async () => {
    const before = h.control.count('echo');
    const listed = ((await req('tasks/list', {})).tasks as unknown[]).length;
    await rejectsCode(req('tools/call', { name: 'echo', arguments: { text: 'x'.repeat(10_000) }, task: {} }), -32602, 'PAYLOAD_TOO_LARGE');
    assert.equal(h.control.count('echo'), before);
    assert.equal(((await req('tasks/list', {})).tasks as unknown[]).length, listed);
  });

  it('an unknown task method -> -32601 from the SDK', async () => {
    await rejectsBySdk(req('tasks/delete', { taskId: 'x' }), -32601);
  });

  it('the server is still healthy after all of the above', async () => {
    const task = await h.end.createTask('echo', { text: 'still here' });
    assert.deepEqual((await req('tasks/result', { taskId: task.taskId })).content, [{ type: 'text', text: 'still here' }]);
  });
});
