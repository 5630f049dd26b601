/**
 * The reference server over Streamable HTTP without tokens (each session is its own owner):
 * capabilities, the fixture tools' taskSupport and behaviour, session isolation, HTTP edges.
 */
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { FIXTURE_TOOLS } from '../../reference-server/fixtures.js';
import { RELATED_TASK_META_KEY } from '../../src/index.js';
import {
  connect,
  rpcError,
  startServer,
  waitFor,
  waitForStatus,
  within,
  type Connection,
  type ServerProcess,
  type Wire,
} from './helpers.js';

const T = { timeout: 30_000 };
const textOf = (result: { content?: { type: string; text?: string }[] }) => result.content?.[0]?.text;

describe('reference server over HTTP, no tokens', () => {
  let server: ServerProcess;
  let a: Connection;

  before(async () => {
    server = await startServer();
    a = await connect(server.url);
  });

  after(async () => {
    await a?.close().catch(() => {});
    server?.kill();
  });

  const callAsTask = (conn: Connection, name: string, args: Record<string, unknown> = {}, onprogress?: (p: { progress: number }) => void) =>
    conn.request('tools/call', { name, arguments: args, task: { ttl: 60_000 } }, onprogress);

  it('declares tasks.list (every session is an identified owner), tasks.cancel and tasks.requests.tools.call', T, () => {
    const caps = a.client.getServerCapabilities();
    assert.deepEqual(caps?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
    assert.equal(a.client.getServerVersion()?.name, 'mcp-tasks-reference');
  });

  it('lists every fixture tool with its execution.taskSupport', T, async () => {
    const { tools } = await a.request('tools/list', {});
    const listed = Object.fromEntries(
      (tools as { name: string; execution?: { taskSupport?: string } }[]).map((t) => [t.name, t.execution?.taskSupport]),
    );
    assert.deepEqual(listed, { ...FIXTURE_TOOLS });
  });

  // src bug (src/server/v2025/with-tasks.ts `loose()`: `params: z.unknown()` is not optional): a request
  // without a "params" member, as SDK clients send `client.listTools()` over HTTP/stdio, gets -32603.
  it('tools/list and tasks/list without params (as client.listTools() sends them)', T, async () => {
    assert.ok((await a.client.listTools()).tools.length > 0);
    assert.ok(Array.isArray((await a.request('tasks/list')).tasks));
  });

  it('delay: tools/call with task -> CreateTaskResult, tasks/get, tasks/result, status notification', T, async () => {
    const created = await callAsTask(a, 'delay', { ms: 300, text: 'hello' });
    const task = created.task;
    assert.equal(typeof task.taskId, 'string');
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, 60_000);
    assert.equal(typeof task.pollInterval, 'number');
    const got = await a.request('tasks/get', { taskId: task.taskId });
    assert.equal(got.taskId, task.taskId);
    assert.ok(['working', 'completed'].includes(got.status));
    const result = await a.request('tasks/result', { taskId: task.taskId });
    assert.equal(textOf(result), 'hello');
    assert.deepEqual(result._meta?.[RELATED_TASK_META_KEY], { taskId: task.taskId });
    assert.equal((await a.request('tasks/get', { taskId: task.taskId })).status, 'completed');
    await waitFor(
      () =>
        a.notifications.find(
          (n) => n.method === 'notifications/tasks/status' && n.params?.taskId === task.taskId && n.params?.status === 'completed',
        ),
      5_000,
      () => 'notifications/tasks/status completed',
    );
  });

  it('delay without task runs as a plain call', T, async () => {
    const result = await a.request('tools/call', { name: 'delay', arguments: { ms: 0 } });
    assert.equal(textOf(result), 'waited 0 ms');
  });

  it('delay refuses arguments outside its schema with -32602', T, async () => {
    const error = await rpcError(callAsTask(a, 'delay', { ms: -1 }));
    assert.equal(error.code, -32602);
  });

  it('fail_result: the task fails and tasks/result returns the isError result', T, async () => {
    const { task } = await callAsTask(a, 'fail_result', { text: 'nope' });
    const result = await a.request('tasks/result', { taskId: task.taskId });
    assert.equal(result.isError, true);
    assert.equal(textOf(result), 'nope');
    const got = await a.request('tasks/get', { taskId: task.taskId });
    assert.equal(got.status, 'failed');
    assert.match(got.statusMessage, /nope/);
  });

  it('throw_error: tasks/result returns the same JSON-RPC error', T, async () => {
    const { task } = await callAsTask(a, 'throw_error', { message: 'boom' });
    const error = await rpcError(a.request('tasks/result', { taskId: task.taskId }));
    assert.equal(error.code, -32050);
    assert.match(error.message, /boom/);
    assert.equal((await a.request('tasks/get', { taskId: task.taskId })).status, 'failed');
    const custom = await callAsTask(a, 'throw_error', { code: -32099 });
    assert.equal((await rpcError(a.request('tasks/result', { taskId: custom.task.taskId }))).code, -32099);
  });

  it('until_cancelled: runs until tasks/cancel; then cancelled for good', T, async () => {
    const { task } = await callAsTask(a, 'until_cancelled');
    assert.equal((await a.request('tasks/get', { taskId: task.taskId })).status, 'working');
    const cancelled = await a.request('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await a.request('tasks/get', { taskId: task.taskId })).status, 'cancelled');
    assert.equal((await rpcError(a.request('tasks/result', { taskId: task.taskId }))).code, -32602);
    assert.equal((await rpcError(a.request('tasks/cancel', { taskId: task.taskId }))).code, -32602);
  });

  it('taskSupport is enforced: forbidden with task and required without task -> -32601', T, async () => {
    assert.equal((await rpcError(callAsTask(a, 'support_forbidden'))).code, -32601);
    assert.equal((await rpcError(callAsTask(a, 'echo', { text: 'x' }))).code, -32601);
    assert.equal((await rpcError(a.request('tools/call', { name: 'support_required', arguments: {} }))).code, -32601);
    assert.equal((await rpcError(a.request('tools/call', { name: 'until_cancelled', arguments: {} }))).code, -32601);
    assert.equal(textOf(await a.request('tools/call', { name: 'support_forbidden', arguments: {} })), 'support_forbidden: ok');
    assert.equal(textOf(await a.request('tools/call', { name: 'support_optional', arguments: {} })), 'support_optional: ok');
    assert.equal(textOf(await a.request('tools/call', { name: 'echo', arguments: { text: 'hi' } })), 'hi');
    for (const name of ['support_optional', 'support_required']) {
      const { task } = await callAsTask(a, name);
      assert.equal(textOf(await a.request('tasks/result', { taskId: task.taskId })), `${name}: ok`);
    }
  });

  it('count_steps: variables and progress on the original progressToken', T, async () => {
    const progress: number[] = [];
    const { task } = await callAsTask(a, 'count_steps', { steps: 3 }, (p) => progress.push(p.progress));
    const result = await a.request('tasks/result', { taskId: task.taskId });
    assert.match(textOf(result) ?? '', /counted 3 steps; variables: .*"step":3/);
    assert.match(textOf(result) ?? '', /"step_2":"done"/);
    await waitFor(
      () => (progress.includes(3) ? true : undefined),
      5_000,
      () => `progress 3 (got ${JSON.stringify(progress)})`,
    );
  });

  it('ask_input: elicitation travels on tasks/result and the answer is the result', T, async () => {
    const seen: Record<string, unknown>[] = [];
    const b = await connect(server.url, { elicitAnswer: (params) => (seen.push(params), { action: 'accept', content: { answer: '42' } }) });
    try {
      const { task } = await callAsTask(b, 'ask_input', { message: 'Meaning of life?' });
      const result = await b.request('tasks/result', { taskId: task.taskId });
      assert.equal(textOf(result), '42');
      assert.equal(seen[0]?.message, 'Meaning of life?');
      assert.deepEqual((seen[0]?._meta as Record<string, unknown>)?.[RELATED_TASK_META_KEY], { taskId: task.taskId });
      assert.equal((await b.request('tasks/get', { taskId: task.taskId })).status, 'completed');
    } finally {
      await b.close();
    }
  });

  it('ask_input without the elicitation capability fails clearly', T, async () => {
    const { task } = await callAsTask(a, 'ask_input');
    const error = await rpcError(a.request('tasks/result', { taskId: task.taskId }));
    assert.match(error.message, /elicitation capability/);
    assert.equal((await a.request('tasks/get', { taskId: task.taskId })).status, 'failed');
  });

  it('another session is another owner: -32602 for the task, absent from tasks/list', T, async () => {
    const { task } = await callAsTask(a, 'delay', { ms: 0 });
    const listedA = (await a.request('tasks/list', {})).tasks as { taskId: string }[];
    assert.ok(listedA.some((t) => t.taskId === task.taskId));
    const b = await connect(server.url);
    try {
      for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
        assert.equal((await rpcError(b.request(method, { taskId: task.taskId }))).code, -32602, method);
      }
      const listedB = (await b.request('tasks/list', {})).tasks as { taskId: string }[];
      assert.ok(!listedB.some((t) => t.taskId === task.taskId));
    } finally {
      await b.close();
    }
    assert.equal((await waitForStatus(a, task.taskId, ['completed'])).status, 'completed');
  });

  it('HTTP edges: 404 off /mcp, 400 without a session, 404 for an unknown session, 400 bad JSON, 413 over 4 MiB', T, async () => {
    const base = new URL(server.url);
    const post = (body: string, headers: Record<string, string> = {}) =>
      within(
        fetch(base, {
          method: 'POST',
          body,
          headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
        }),
        10_000,
        'fetch',
      );
    const notFound = await within(fetch(new URL('/other', base)), 10_000, 'fetch');
    assert.equal(notFound.status, 404);
    assert.equal(((await notFound.json()) as Wire).error, 'not_found');
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' });
    assert.equal((await post(ping)).status, 400);
    const unknown = await post(ping, { 'mcp-session-id': 'no-such-session' });
    assert.equal(unknown.status, 404);
    assert.equal(((await unknown.json()) as Wire).error.code, -32001);
    const bad = await post('{not json');
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as Wire).error.code, -32700);
    const big = await post(JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping', params: { pad: 'x'.repeat(4 * 1024 * 1024) } }));
    assert.equal(big.status, 413);
    assert.equal(((await big.json()) as Wire).error, 'payload_too_large');
  });

  it('413 also for a chunked body (no Content-Length) that grows past 4 MiB', T, async () => {
    const status = await within(
      new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          server.url,
          { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } },
          (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        const chunk = Buffer.alloc(256 * 1024, 0x20);
        for (let i = 0; i < 20; i++) req.write(chunk); // 5 MiB of spaces
        req.end();
      }),
      10_000,
      'chunked POST',
    );
    assert.equal(status, 413);
  });
});
