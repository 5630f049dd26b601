/**
 * The 2026-07-28 leg on the shared engine and store: lifecycle, tool error vs protocol error,
 * cancel, the capability gate and owner isolation, each reply checked against the extension's
 * schema (validate2026). Rule names are tasks.md's section titles.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { formatIssues, validate2026, type PayloadName2026 } from '../../../src/validate/index.js';
import { ScriptedTool, startLeg, until, WITHOUT_TASKS, type Leg, type RpcReply } from './harness.js';

const text = (t: string) => ({ content: [{ type: 'text', text: t }] });

function valid(name: PayloadName2026, value: unknown): void {
  const r = validate2026(name, value);
  assert.ok(r.ok, r.ok ? '' : `not a valid "${name}":\n${formatIssues(r.errors)}`);
}

/** An empty ack (tasks.md: "MUST acknowledge ... with an empty result"); the SDK may add `_meta`. */
function isEmptyAck(result: unknown): void {
  valid('tasks/cancel result', result);
  const { _meta, ...rest } = result as { _meta?: unknown };
  assert.deepEqual(rest, { resultType: 'complete' });
}

function rpcError(reply: RpcReply, code: number): NonNullable<RpcReply['error']> {
  assert.ok(reply.error, `expected error ${code}, got ${JSON.stringify(reply.result)}`);
  assert.equal(reply.error.code, code);
  return reply.error;
}

let leg: Leg | undefined;
afterEach(async () => {
  await leg?.close();
  leg = undefined;
});

function setup(): { job: ScriptedTool; strict: ScriptedTool; sync: ScriptedTool } {
  const job = new ScriptedTool('job', 'optional');
  const strict = new ScriptedTool('strict', 'required');
  const sync = new ScriptedTool('sync', 'forbidden');
  leg = startLeg([job, strict, sync]);
  return { job, strict, sync };
}

async function createTask(tool = 'job'): Promise<string> {
  const reply = await leg!.rpc('tools/call', { name: tool, arguments: {} });
  assert.ok(reply.result, JSON.stringify(reply.error));
  valid('tools/call result', reply.result);
  valid('CreateTaskResult', reply.result);
  return reply.result.taskId as string;
}

describe('2026 leg: task lifecycle (Task Creation, Task Polling)', () => {
  it('a declaring client gets a flat CreateTaskResult; tasks/get inlines the result once completed', async () => {
    const { job } = setup();
    const taskId = await createTask();
    const working = await leg!.rpc('tasks/get', { taskId });
    valid('tasks/get result', working.result);
    assert.equal(working.result?.taskId, taskId);
    assert.equal(working.result?.resultType, 'complete');
    assert.equal('result' in working.result!, false);

    job.call(0).resolve(text('done'));
    const done = await leg!.settled(taskId);
    valid('tasks/get result', done);
    assert.equal(done.status, 'completed');
    assert.deepEqual(done.result, { ...text('done'), resultType: 'complete' }); // a 2026 CallToolResult (ext-tasks requires it)
  });

  it('the task exists when CreateTaskResult arrives, with ttlMs and no 2025 field names', async () => {
    setup();
    const created = await leg!.rpc('tools/call', { name: 'job', arguments: {} });
    for (const legacy of ['ttl', 'pollInterval', 'task', 'requestState']) assert.equal(legacy in created.result!, false, legacy);
    assert.ok(Number.isInteger(created.result?.ttlMs) || created.result?.ttlMs === null);
    const read = await leg!.rpc('tasks/get', { taskId: created.result!.taskId as string });
    assert.equal(read.result?.taskId, created.result?.taskId);
  });

  it('a sync-only tool answers a plain CallToolResult even for a declaring client', async () => {
    const { sync } = setup();
    sync.call(0).resolve(text('now'));
    const reply = await leg!.rpc('tools/call', { name: 'sync', arguments: {} });
    valid('tools/call result', reply.result);
    assert.equal(reply.result?.resultType, 'complete');
    assert.equal('taskId' in reply.result!, false);
  });
});

describe('2026 leg: tool errors vs protocol errors (Task Execution Errors)', () => {
  it('a tool result with isError ends completed with that result (stored as failed for 2025, A18)', async () => {
    const { job } = setup();
    const taskId = await createTask();
    job.call(0).resolve({ ...text('bad input'), isError: true });
    const done = await leg!.settled(taskId);
    valid('tasks/get result', done);
    assert.equal(done.status, 'completed');
    assert.equal((done.result as { isError?: boolean }).isError, true);
    assert.equal((await leg!.store.get('anonymous', taskId)).status, 'failed');
  });

  it('a thrown JSON-RPC error ends failed with that error and no result', async () => {
    const { job } = setup();
    const taskId = await createTask();
    job.call(0).reject({ code: -32603, message: 'API rate limit exceeded' });
    const done = await leg!.settled(taskId);
    valid('tasks/get result', done);
    assert.equal(done.status, 'failed');
    assert.deepEqual(done.error, { code: -32603, message: 'API rate limit exceeded' });
    assert.equal('result' in done, false);
  });
});

describe('2026 leg: cancellation (Task Cancellation)', () => {
  it('tasks/cancel acks with an empty result, the work is aborted and the task reads cancelled', async () => {
    const { job } = setup();
    const taskId = await createTask();
    await until(() => job.runs === 1, 'the work to start');
    const ack = await leg!.rpc('tasks/cancel', { taskId });
    isEmptyAck(ack.result);
    assert.equal((await leg!.settled(taskId)).status, 'cancelled');
    await until(() => job.signals[0]!.aborted, 'the work to be aborted');
  });

  it('tasks/cancel of a task that already ended acks the same way (idempotent)', async () => {
    const { job } = setup();
    const taskId = await createTask();
    job.call(0).resolve(text('done'));
    await leg!.settled(taskId);
    const ack = await leg!.rpc('tasks/cancel', { taskId });
    isEmptyAck(ack.result);
    assert.equal((await leg!.settled(taskId)).status, 'completed');
  });

  it('tasks/update acks, and ignores answers while no question is outstanding', async () => {
    setup();
    const taskId = await createTask();
    const ack = await leg!.rpc('tasks/update', { taskId, inputResponses: { 'unknown-key': { ignored: true } } });
    isEmptyAck(ack.result);
    assert.equal((await leg!.rpc('tasks/get', { taskId })).result?.status, 'working');
  });
});

describe('2026 leg: capability negotiation (-32021) and protocol errors (-32602)', () => {
  it('server/discover advertises the extension under capabilities.extensions', async () => {
    setup();
    const reply = await leg!.rpc('server/discover', {});
    const capabilities = reply.result?.capabilities as { extensions?: object; tasks?: unknown };
    assert.deepEqual(capabilities.extensions, { 'io.modelcontextprotocol/tasks': {} });
    assert.equal(capabilities.tasks, undefined);
  });

  it('tasks/get, tasks/update, tasks/cancel without the extension: -32021 naming it', async () => {
    setup();
    const taskId = await createTask();
    for (const [method, params] of [
      ['tasks/get', { taskId }],
      ['tasks/update', { taskId, inputResponses: {} }],
      ['tasks/cancel', { taskId }],
    ] as const) {
      const reply = await leg!.rpc(method, params, { capabilities: WITHOUT_TASKS });
      const error = rpcError(reply, -32021);
      assert.deepEqual(error.data, { requiredCapabilities: { extensions: { 'io.modelcontextprotocol/tasks': {} } } }, method);
      assert.equal(reply.status, 400, method);
    }
    assert.equal((await leg!.rpc('tasks/get', { taskId })).result?.status, 'working', 'the gated cancel changed nothing');
  });

  it('a required-task tool without the extension: -32021; an optional one runs synchronously', async () => {
    const { job } = setup();
    rpcError(await leg!.rpc('tools/call', { name: 'strict', arguments: {} }, { capabilities: WITHOUT_TASKS }), -32021);
    job.call(0).resolve(text('inline'));
    const reply = await leg!.rpc('tools/call', { name: 'job', arguments: {} }, { capabilities: WITHOUT_TASKS });
    valid('tools/call result', reply.result);
    assert.equal(reply.result?.resultType, 'complete');
    assert.deepEqual(reply.result?.content, text('inline').content);
  });

  it('an unknown task id is -32602 for tasks/get, tasks/update and tasks/cancel', async () => {
    setup();
    for (const method of ['tasks/get', 'tasks/update', 'tasks/cancel']) {
      rpcError(await leg!.rpc(method, { taskId: 'no-such-task', inputResponses: {} }), -32602);
    }
  });

  it("another owner's task does not exist for them (owner isolation, as on the 2025 leg)", async () => {
    setup();
    const alice = { authInfo: { token: 'a', clientId: 'alice', scopes: [] } };
    const bob = { authInfo: { token: 'b', clientId: 'bob', scopes: [] } };
    const created = await leg!.rpc('tools/call', { name: 'job', arguments: {} }, alice);
    const taskId = created.result?.taskId as string;
    assert.equal((await leg!.rpc('tasks/get', { taskId }, alice)).result?.taskId, taskId);
    for (const method of ['tasks/get', 'tasks/cancel']) rpcError(await leg!.rpc(method, { taskId }, bob), -32602);
    assert.equal((await leg!.rpc('tasks/get', { taskId }, alice)).result?.status, 'working');
  });

  it('Mcp-Name disagreeing with params.taskId is -32020 (the SDK checks it before our handler)', async () => {
    setup();
    const taskId = await createTask();
    rpcError(await leg!.rpc('tasks/get', { taskId }, { headers: { 'mcp-name': 'another-task' } }), -32020);
  });

  it('tasks/result and tasks/list do not exist on the 2026 wire (-32601)', async () => {
    setup();
    rpcError(await leg!.rpc('tasks/result', { taskId: 'x' }), -32601);
    rpcError(await leg!.rpc('tasks/list', {}), -32601);
  });
});
