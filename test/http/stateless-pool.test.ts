/**
 * Stateless serving of the 2025-11-25 leg through the handler's web face, in process (no
 * network): the McpServers are built once and reused per owner (server-pool.ts), never across
 * owners, never after a request that leaves state on the connection; and a task's progress after
 * the CreateTaskResult (R24) reaches a requestor that has no stream of its own: stored with the
 * task, carried by the `tasks/get` and `tasks/result` streams opened for it, each value once,
 * increasing, none once the task has ended. No timing is asserted.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import * as z from 'zod';
import { createTasksHttpHandler, tokenTable, type TasksHttpHandler } from '../../src/http/index.js';
import { defineTool, type JsonObject } from '../../src/index.js';
import { PROGRESS_WRITE_MS } from '../../src/server/core/progress-recorder.js';
import { bounded, deferred, type Deferred } from '../server/waits.js';

const TOKENS = tokenTable({ 'token-a': 'alice', 'token-b': 'bob' });
const ALICE = 'auth:alice';

let gates: Deferred<void>[] = [];
/** Reports progress 1, waits for gate 0, reports 2, waits for gate 1, then returns. */
const steps = defineTool({
  name: 'steps',
  taskSupport: 'optional',
  inputSchema: z.object({}),
  async run(_args, { progress }) {
    await progress(1, 2, 'one');
    await gates[0]!.promise;
    await progress(2, 2, 'two');
    await gates[1]!.promise;
    return { content: [{ type: 'text', text: 'done' }] };
  },
});
/** Reports progress 1..50 in one go, then waits for gate 0. */
const chatty = defineTool({
  name: 'chatty',
  taskSupport: 'optional',
  inputSchema: z.object({}),
  async run(_args, { progress }) {
    for (let i = 1; i <= 50; i++) void progress(i, 50);
    await gates[0]!.promise;
    return { content: [] };
  },
});
const ping = defineTool({ name: 'ping', run: () => ({ content: [{ type: 'text', text: 'pong' }] }) });

let handler: TasksHttpHandler | undefined;
afterEach(async () => {
  for (const gate of gates) gate.resolve();
  await handler?.close();
  handler = undefined;
});

/** A stateless handler whose hook records which server each POST connected. */
function start(): { handler: TasksHttpHandler; served: object[] } {
  const served: object[] = [];
  gates = [deferred<void>(), deferred<void>()];
  handler = createTasksHttpHandler({
    tools: [steps, chatty, ping],
    tokens: TOKENS,
    stateless: true,
    hooks: { server2025: (server, transport) => (served.push(server), transport) },
  });
  return { handler, served };
}

let nextId = 1;
/** One POST; every JSON-RPC message of its answer (JSON or SSE), in order. */
async function post(method: string, params: JsonObject, token = 'token-a'): Promise<JsonObject[]> {
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2025-11-25',
    authorization: `Bearer ${token}`,
  };
  const response = await handler!.fetch(
    new Request('http://in-process/mcp', {
      method: 'POST',
      headers,
      body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params }),
    }),
  );
  const text = await response.text();
  if (text.startsWith('{')) return [JSON.parse(text) as JsonObject];
  return text
    .split('\n')
    .filter((l) => l.startsWith('data:'))
    .map((l) => JSON.parse(l.slice(5)) as JsonObject);
}

const progressOf = (messages: JsonObject[]): JsonObject[] =>
  messages.filter((m) => m.method === 'notifications/progress').map((m) => m.params as JsonObject);

function until(predicate: () => Promise<boolean>, what: string): Promise<void> {
  return bounded(
    (async () => {
      while (!(await predicate())) await new Promise((resolve) => setTimeout(resolve, 2));
    })(),
    what,
  );
}

const storedProgress = async (taskId: string) => (await handler!.store.get(ALICE, taskId)).input?.progress;

describe('stateless serving: servers built once, reused per owner', () => {
  it("one owner's POSTs reuse one server; another owner gets its own, never the first one's", async () => {
    const { served } = start();
    for (let i = 0; i < 5; i++) assert.equal((await post('tools/call', { name: 'ping', arguments: {} }))[0]?.result !== undefined, true);
    assert.equal(new Set(served).size, 1, 'one server for five POSTs');
    await post('tools/list', {}, 'token-b');
    assert.equal(new Set(served).size, 2);
    assert.notEqual(served[5], served[0], "bob is not served by alice's server");
    await post('tasks/list', {});
    assert.equal(served[6], served[0], 'alice gets hers back');
  });

  it('a server that answered an initialize (client capabilities on the connection) is not given back', async () => {
    const { served } = start();
    await post('initialize', { protocolVersion: '2025-11-25', capabilities: { elicitation: {} }, clientInfo: { name: 't', version: '1' } });
    await post('tools/list', {});
    await post('tools/list', {});
    assert.equal(new Set(served).size, 2);
    assert.notEqual(served[1], served[0]);
    assert.equal(served[2], served[1]);
  });
});

describe('stateless serving: progress after the CreateTaskResult (R24)', () => {
  it('stored with the task, carried by tasks/get and tasks/result streams, each value once, increasing, none after the end', async () => {
    start();
    const created = await post('tools/call', { name: 'steps', arguments: {}, task: { ttl: 60_000 }, _meta: { progressToken: 'p-1' } });
    const taskId = ((created[0]!.result as JsonObject).task as JsonObject).taskId as string;
    await until(async () => (await storedProgress(taskId))?.progress === 1, 'progress 1 stored');

    const first = progressOf(await post('tasks/get', { taskId }));
    assert.deepEqual(first, [
      { progressToken: 'p-1', progress: 1, total: 2, message: 'one', _meta: { 'io.modelcontextprotocol/related-task': { taskId } } },
    ]);
    assert.deepEqual(progressOf(await post('tasks/get', { taskId })), [], 'a value goes out once');

    gates[0]!.resolve();
    await until(async () => (await storedProgress(taskId))?.progress === 2, 'progress 2 stored');
    const waiting = post('tasks/result', { taskId });
    await until(async () => (await storedProgress(taskId))?.sent === 2, 'tasks/result to claim progress 2');
    gates[1]!.resolve();
    const result = await waiting;
    assert.deepEqual(
      progressOf(result).map((p) => p.progress),
      [2],
    );
    assert.equal(result.at(-1)?.id !== undefined && (result.at(-1)!.result as JsonObject).content !== undefined, true, 'then the result');
    assert.deepEqual(progressOf(await post('tasks/get', { taskId })), [], 'none once the task has ended');
  });

  it('a burst of reports is written as the first and the newest (at most one write per PROGRESS_WRITE_MS)', async () => {
    start();
    const created = await post('tools/call', { name: 'chatty', arguments: {}, task: { ttl: 60_000 }, _meta: { progressToken: 7 } });
    const taskId = ((created[0]!.result as JsonObject).task as JsonObject).taskId as string;
    await until(async () => (await storedProgress(taskId))?.progress === 50, 'the newest progress stored');
    const task = await handler!.store.get(ALICE, taskId);
    assert.ok(
      task.version <= 3,
      `created, then 2 progress writes for 50 reports (version ${task.version}; interval ${PROGRESS_WRITE_MS} ms)`,
    );
    assert.deepEqual(
      progressOf(await post('tasks/get', { taskId })).map((p) => [p.progressToken, p.progress]),
      [[7, 50]],
    );
  });

  it("in sessions nothing is stored: progress goes on the session's streams as before", async () => {
    gates = [deferred<void>(), deferred<void>()];
    handler = createTasksHttpHandler({ tools: [steps], tokens: TOKENS });
    const engine = handler.engine;
    const seen: (number | undefined)[] = [];
    const stop = handler.store.onChange(({ task }) => seen.push(task.input?.progress?.progress));
    const record = await engine.start(
      ALICE,
      {
        request: { method: 'tools/call', params: { name: 'steps' } },
        peer: { notify: () => undefined, clientCapabilities: () => undefined },
        progressToken: 'x',
      },
      async (context) => {
        context.progress(1);
        return { content: [] };
      },
    );
    await until(async () => (await handler!.store.get(ALICE, record.taskId)).status === 'completed', 'the task to end');
    stop();
    assert.deepEqual(
      seen.filter((p) => p !== undefined),
      [],
    );
  });
});
