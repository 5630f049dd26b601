/** Owner binding over real Streamable HTTP (R65, R76, R77): bearer token = authorization context. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { isPending, RELATED, text, type ClientEnd, type WireTask } from './harness.js';
import { rejectsCode } from './rejects.js';
import { httpHarness, type HttpHarness } from './http-harness.js';

describe('owners over Streamable HTTP', () => {
  let h: HttpHarness;
  let alice: ClientEnd;
  let bob: ClientEnd;
  before(async () => {
    h = await httpHarness({ store: { security: { defaultPageSize: 3 } } });
    alice = await h.connect('alice');
    bob = await h.connect('bob');
  });
  after(() => h.close());

  it('R1 the HTTP server declares tasks.list (requestors are identified by their token)', () => {
    assert.deepEqual(alice.client.getServerCapabilities()?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
  });

  it('R16 R40 over HTTP: CreateTaskResult at once, tasks/result blocks then returns the result with related-task meta', async () => {
    const task = await alice.createTask('work', { id: 'h1' });
    assert.equal(task.status, 'working');
    await h.control.started('h1');
    const result = alice.request('tasks/result', { taskId: task.taskId });
    assert.ok(await isPending(result, () => alice.getTask(task.taskId)));
    await h.control.release('h1', text('over http'));
    assert.deepEqual(await result, { ...text('over http'), _meta: { [RELATED]: { taskId: task.taskId } } });
  });

  it('R77 another owner gets -32602 TASK_NOT_FOUND for get/result/cancel, worded exactly like a missing task', async () => {
    const task = await alice.createTask('work', { id: 'h2' });
    await h.control.started('h2');
    const missing = await rejectsCode(bob.getTask('no-such-task'), -32602, 'TASK_NOT_FOUND');
    const foreign = await rejectsCode(bob.getTask(task.taskId), -32602, 'TASK_NOT_FOUND');
    assert.equal(foreign.message.replace(task.taskId, 'ID'), missing.message.replace('no-such-task', 'ID'));
    await rejectsCode(bob.request('tasks/result', { taskId: task.taskId }), -32602, 'TASK_NOT_FOUND');
    await rejectsCode(bob.request('tasks/cancel', { taskId: task.taskId }), -32602, 'TASK_NOT_FOUND');
    assert.equal((await alice.getTask(task.taskId)).status, 'working', "bob's cancel did not touch alice's task");
    await h.control.release('h2');
    assert.equal((await alice.request('tasks/result', { taskId: task.taskId })).content !== undefined, true);
  });

  it("R65 R76 tasks/list shows only the requestor's own tasks", async () => {
    const mine = await bob.createTask('echo', { text: 'bob' });
    const bobIds = await listAll(bob);
    assert.deepEqual(bobIds, [mine.taskId]);
    const aliceIds = await listAll(alice);
    assert.ok(aliceIds.length >= 2);
    assert.ok(!aliceIds.includes(mine.taskId));
  });

  it('R64 R65 a cursor issued to another owner -> -32602 INVALID_CURSOR', async () => {
    for (let i = 0; i < 4; i++) await alice.createTask('echo', { text: String(i) });
    const page = await alice.request('tasks/list', {});
    assert.equal(typeof page.nextCursor, 'string');
    await rejectsCode(bob.request('tasks/list', { cursor: page.nextCursor }), -32602, 'INVALID_CURSOR');
  });

  it('A21 R76 the same token in a second session sees, reads and cancels its task (bound to the token, not the session)', async () => {
    const task = await alice.createTask('work', { id: 'h3' });
    await h.control.started('h3');
    const alice2 = await h.connect('alice');
    assert.equal((await alice2.getTask(task.taskId)).status, 'working');
    assert.ok((await listAll(alice2)).includes(task.taskId));
    const extra = await h.control.started('h3');
    const cancelled = await alice2.request('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(extra.signal.aborted, true, 'cancel from another session aborts the work started in the first');
    assert.equal((await alice.getTask(task.taskId)).status, 'cancelled');
  });

  it("R5 tasks/list without params over HTTP (what the SDK client's experimental.tasks.listTasks() sends)", async () => {
    const viaSdk = await alice.client.experimental.tasks.listTasks();
    assert.ok(Array.isArray(viaSdk.tasks));
    assert.ok(Array.isArray((await alice.request('tasks/list')).tasks));
  });

  it('R14 client.listTools() over HTTP (sends tools/list without params) lists the tools with taskSupport', async () => {
    const { tools } = await alice.client.listTools();
    assert.equal(tools.find((t) => t.name === 'work')?.execution?.taskSupport, 'optional');
  });

  it('R13 R11 errors keep their codes over HTTP', async () => {
    await rejectsCode(alice.request('tools/call', { name: 'needs_task', arguments: { id: 'h4' } }), -32601, 'TASK_SUPPORT_MISMATCH');
    await rejectsCode(alice.request('tools/call', { name: 'no_task', arguments: { id: 'h5' }, task: {} }), -32601, 'TASK_SUPPORT_MISMATCH');
    assert.equal(h.control.count('needs_task') + h.control.count('no_task'), 0);
  });
});

async function listAll(end: ClientEnd): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 20; i++) {
    const page = await end.request('tasks/list', cursor === undefined ? {} : { cursor });
    ids.push(...(page.tasks as WireTask[]).map((t) => t.taskId));
    cursor = page.nextCursor as string | undefined;
    if (cursor === undefined) break;
  }
  return ids;
}
