/**
 * The reference server with --tokens: bearer tokens are required (401 otherwise), tasks belong
 * to the token's owner across sessions (R76) and are invisible to other owners (R77).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, rpcError, startServer, tokensFile, waitFor, within, type Connection, type ServerProcess, type Wire } from './helpers.js';

const T = { timeout: 30_000 };

describe('reference server over HTTP with --tokens', () => {
  let server: ServerProcess;
  const open: Connection[] = [];
  const session = async (token: string) => {
    const conn = await connect(server.url, { token });
    open.push(conn);
    return conn;
  };
  const initialize = JSON.stringify({
    jsonrpc: '2.0',
    id: 1,
    method: 'initialize',
    params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'raw', version: '1' } },
  });
  const post = (body: string, headers: Record<string, string>) =>
    within(
      fetch(server.url, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', ...headers },
      }),
      10_000,
      'fetch',
    );

  before(async () => {
    server = await startServer(['--tokens', tokensFile()]);
  });

  after(async () => {
    await Promise.allSettled(open.map((c) => c.close()));
    server?.kill();
  });

  it('declares tasks.list, tasks.cancel and tasks.requests.tools.call', T, async () => {
    const alice = await session('token-a');
    assert.deepEqual(alice.client.getServerCapabilities()?.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
  });

  it('a missing or invalid token gets HTTP 401 with a JSON body', T, async () => {
    for (const headers of [{}, { Authorization: 'Bearer wrong-token' }, { Authorization: 'Basic dG9rZW4tYQ==' }] as Record<
      string,
      string
    >[]) {
      const res = await post(initialize, headers);
      assert.equal(res.status, 401, JSON.stringify(headers));
      assert.match(res.headers.get('www-authenticate') ?? '', /^Bearer /);
      assert.match(res.headers.get('content-type') ?? '', /application\/json/);
      const body = (await res.json()) as Wire;
      assert.equal(body.error, 'invalid_token');
      assert.equal(typeof body.error_description, 'string');
    }
    await assert.rejects(
      within(connect(server.url, { token: 'wrong-token' }), 10_000, 'connect'),
      (e: { code?: unknown }) => e.code === 401,
    );
    assert.match(server.stderr(), /"event":"auth.rejected"/);
  });

  it("owner B gets -32602 for A's task and does not see it in tasks/list; A sees it from another session", T, async () => {
    const alice = await session('token-a');
    const bob = await session('token-b');
    const { task } = await alice.request('tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      const error = await rpcError(bob.request(method, { taskId: task.taskId }));
      assert.equal(error.code, -32602, method);
    }
    const bobs = (await bob.request('tasks/list', {})).tasks as { taskId: string }[];
    assert.ok(!bobs.some((t) => t.taskId === task.taskId));

    // R76: bound to alice, not to her session.
    const alice2 = await session('token-a');
    assert.notEqual(alice2.transport.sessionId, alice.transport.sessionId);
    const alices = (await alice2.request('tasks/list', {})).tasks as { taskId: string }[];
    assert.ok(alices.some((t) => t.taskId === task.taskId));
    assert.equal((await alice2.request('tasks/get', { taskId: task.taskId })).status, 'working');
    assert.equal((await alice2.request('tasks/cancel', { taskId: task.taskId })).status, 'cancelled');
    assert.equal((await alice.request('tasks/get', { taskId: task.taskId })).status, 'cancelled');
  });

  it('a session opened by one token cannot be used with another (403)', T, async () => {
    const alice = await session('token-a');
    const ping = JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'ping' });
    const res = await post(ping, {
      Authorization: 'Bearer token-b',
      'mcp-session-id': alice.transport.sessionId!,
      'mcp-protocol-version': '2025-11-25',
    });
    assert.equal(res.status, 403);
    assert.equal(((await res.json()) as Wire).error, 'forbidden');
  });

  it('logs task events with the owner and task ID (R82)', T, async () => {
    const alice = await session('token-a');
    const { task } = await alice.request('tools/call', { name: 'delay', arguments: { ms: 0 }, task: {} });
    await alice.request('tasks/result', { taskId: task.taskId });
    const wanted = ['task.created', 'task.completed', 'task.result'];
    const logged = () =>
      server
        .stderr()
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as Wire)
        .filter((e) => e.taskId === task.taskId);
    // The child's stderr arrives on its own schedule: wait (bounded) until the three lines are in.
    const lines = await waitFor(
      () => (wanted.every((event) => logged().some((e) => e.event === event)) ? logged() : undefined),
      10_000,
      () =>
        `${wanted.join(', ')} in ${logged()
          .map((e) => e.event)
          .join(',')}`,
    );
    assert.ok(lines.every((e) => e.owner === 'auth:alice'));
  });
});

describe('reference server with --tokens --allow-anonymous', () => {
  let server: ServerProcess;
  const open: Connection[] = [];

  before(async () => {
    server = await startServer(['--tokens', tokensFile(), '--allow-anonymous']);
  });

  after(async () => {
    await Promise.allSettled(open.map((c) => c.close()));
    server?.kill();
  });

  it('accepts requests without a token (owned by their session) but still refuses bad tokens', T, async () => {
    const anon = await connect(server.url);
    open.push(anon);
    const alice = await connect(server.url, { token: 'token-a' });
    open.push(alice);
    const { task } = await anon.request('tools/call', { name: 'delay', arguments: { ms: 0 }, task: {} });
    assert.equal((await anon.request('tasks/result', { taskId: task.taskId })).content[0].text, 'waited 0 ms');
    assert.equal((await rpcError(alice.request('tasks/get', { taskId: task.taskId }))).code, -32602);
    await assert.rejects(
      within(connect(server.url, { token: 'wrong-token' }), 10_000, 'connect'),
      (e: { code?: unknown }) => e.code === 401,
    );
  });
});
