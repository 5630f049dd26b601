/**
 * The reference server without sessions (`--stateless`, reference-server/stateless.ts): every
 * POST stands alone (no initialize before it, no mcp-session-id), owners come from bearer tokens
 * only, GET and DELETE answer 405, and the HTTP bounds still apply.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ResultSchema } from '@modelcontextprotocol/sdk/types.js';
import { InMemoryTaskStore, withTasks } from '../../src/index.js';
import { CliError, parseCli } from '../../reference-server/args.js';
import { startHttpServer, type HttpServerHandle } from '../../reference-server/http.js';
import { tokenTable } from '../../reference-server/tokens.js';
import { connect, run, TIMEOUT_MS, TOKENS, within, type Wire } from './helpers.js';

const TOKEN_A = 'token-a';
const TOKEN_B = 'token-b';

/** One JSON-RPC request as its own POST; the answer read from JSON or from the SSE stream. */
async function post(
  url: string,
  token: string | undefined,
  method: string,
  params: Wire = {},
): Promise<{ status: number; headers: Headers; reply: Wire | undefined }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'application/json, text/event-stream',
      'Mcp-Protocol-Version': '2025-11-25',
      ...(token !== undefined && { Authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await response.text();
  const data = response.headers.get('content-type')?.includes('text/event-stream')
    ? text
        .split('\n')
        .filter((line) => line.startsWith('data: '))
        .map((line) => JSON.parse(line.slice(6)) as Wire)
        .find((m) => m.id === 1)
    : text === ''
      ? undefined
      : (JSON.parse(text) as Wire);
  return { status: response.status, headers: response.headers, reply: data };
}

async function call(url: string, token: string, method: string, params: Wire = {}): Promise<Wire> {
  const { status, headers, reply } = await post(url, token, method, params);
  assert.equal(status, 200);
  assert.equal(headers.get('mcp-session-id'), null, 'a stateless server opens no session');
  assert.ok(reply, `${method}: no JSON-RPC answer`);
  return reply;
}

describe('--stateless refuses what it cannot serve', () => {
  for (const [args, flag] of [
    [['--stateless'], '--tokens'],
    [['--stateless', '--tokens', 't.json', '--allow-anonymous'], '--allow-anonymous'],
    [['--stateless', '--tokens', 't.json', '--max-sessions', '5'], '--max-sessions'],
    [['--stateless', '--stdio'], '--stateless'],
  ] as const) {
    it(`refuses ${args.join(' ')} with a CliError naming ${flag}`, () => {
      assert.throws(
        () => parseCli(args),
        (e: unknown) => e instanceof CliError && e.exitCode === 2 && e.message.includes(flag),
      );
    });
  }

  it('accepts --stateless with --tokens', () => {
    const cli = parseCli(['--stateless', '--tokens', 't.json']);
    assert.equal(cli.help === false && cli.options.stateless, true);
  });

  it('the command exits with code 2 and a usage error without --tokens', async () => {
    const proc = run(['--stateless', '--port', '0']);
    assert.equal(await within(proc.exited, TIMEOUT_MS, 'exit'), 2);
    assert.match(proc.stderr(), /--tokens/);
  });

  it('the library refuses to start stateless without tokens', async () => {
    await assert.rejects(startHttpServer({ port: 0, stateless: true }), (e: unknown) => e instanceof CliError);
  });
});

describe('a stateless reference server', () => {
  let server: HttpServerHandle;

  before(async () => {
    server = await startHttpServer({ port: 0, stateless: true, tokens: tokenTable(TOKENS), requestsPerSecond: 0, logger: () => undefined });
  });
  after(() => server?.close());

  it('serves a request without initialize or session, and needs a token (401)', async () => {
    const tools = await call(server.url, TOKEN_A, 'tools/list');
    assert.ok(Array.isArray(tools.result?.tools));
    assert.equal((await post(server.url, undefined, 'tools/list')).status, 401);
    assert.equal((await post(server.url, 'not-a-token', 'tools/list')).status, 401);
    assert.equal(server.sessions, 0);
  });

  it('answers GET and DELETE with 405 (no standalone stream, no session)', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(server.url, { method, headers: { Accept: 'text/event-stream', Authorization: `Bearer ${TOKEN_A}` } });
      await response.arrayBuffer();
      assert.equal(response.status, 405, method);
      assert.equal(response.headers.get('allow'), 'POST');
    }
  });

  it('a task created by one POST is read, listed and cancelled by later independent POSTs', async () => {
    const created = await call(server.url, TOKEN_A, 'tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    const taskId = created.result?.task?.taskId as string;
    assert.equal(typeof taskId, 'string');
    assert.equal((await call(server.url, TOKEN_A, 'tasks/get', { taskId })).result?.status, 'working');
    const listed = await call(server.url, TOKEN_A, 'tasks/list');
    assert.ok((listed.result?.tasks as Wire[]).some((t) => t.taskId === taskId));
    assert.equal((await call(server.url, TOKEN_A, 'tasks/cancel', { taskId })).result?.status, 'cancelled');
    assert.equal((await call(server.url, TOKEN_A, 'tasks/get', { taskId })).result?.status, 'cancelled');
    const result = await call(server.url, TOKEN_A, 'tasks/result', { taskId });
    assert.ok(result.error, 'tasks/result of a cancelled task is an error');
  });

  it("keeps two tokens' owners apart (R77): the other owner sees no such task", async () => {
    const created = await call(server.url, TOKEN_A, 'tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    const taskId = created.result?.task?.taskId as string;
    for (const method of ['tasks/get', 'tasks/result', 'tasks/cancel']) {
      const reply = await call(server.url, TOKEN_B, method, { taskId });
      assert.equal(reply.error?.code, -32602, `${method} by another owner`);
    }
    const listed = await call(server.url, TOKEN_B, 'tasks/list');
    assert.ok(!(listed.result?.tasks as Wire[]).some((t) => t.taskId === taskId));
    assert.equal((await call(server.url, TOKEN_A, 'tasks/get', { taskId })).result?.status, 'working');
    await call(server.url, TOKEN_A, 'tasks/cancel', { taskId });
  });

  it('carries a question on tasks/result and takes its answer from a later POST (SDK client)', async () => {
    const conn = await connect(server.url, {
      token: TOKEN_A,
      elicitAnswer: () => ({ action: 'accept', content: { answer: 'forty-two' } }),
    });
    try {
      const created = await conn.request('tools/call', { name: 'ask_input', arguments: {}, task: { ttl: 60_000 } });
      const result = await conn.request('tasks/result', { taskId: created.task.taskId });
      assert.deepEqual(result.content, [{ type: 'text', text: 'forty-two' }]);
      assert.equal(result.isError, undefined);
    } finally {
      await conn.close();
    }
  });
});

describe('a stateless server keeps its bounds', () => {
  let server: HttpServerHandle;

  before(async () => {
    server = await startHttpServer({ port: 0, stateless: true, tokens: tokenTable(TOKENS), requestsPerSecond: 1, logger: () => undefined });
  });
  after(() => server?.close());

  it('refuses a body over 4 MiB with 413', async () => {
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream', Authorization: `Bearer ${TOKEN_B}` },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list', params: { pad: 'x'.repeat(5 * 1024 * 1024) } }),
    });
    await response.arrayBuffer();
    assert.equal(response.status, 413);
  });

  it('answers POSTs past the per-client rate with 429 RATE_LIMITED', async () => {
    const statuses: number[] = [];
    const replies: (Wire | undefined)[] = [];
    for (let i = 0; i < 4; i++) {
      const { status, reply } = await post(server.url, TOKEN_A, 'tools/list');
      statuses.push(status);
      replies.push(reply);
    }
    assert.ok(statuses.includes(429), `statuses ${statuses.join(',')}`);
    assert.equal(replies[statuses.indexOf(429)]?.error?.data?.code, 'RATE_LIMITED');
  });
});

describe('withTasks({ stateless })', () => {
  /** tasks/list over a transport whose session id is set, as a session-owning requestor sends it. */
  async function listWithSession(stateless: boolean): Promise<{ ok: true } | { ok: false; code: unknown; data: unknown }> {
    const store = new InMemoryTaskStore();
    const mcp = new McpServer({ name: 'stateless-option', version: '1' });
    mcp.registerTool('noop', {}, () => ({ content: [] }));
    const tasks = withTasks(mcp, { store, list: true, ...(stateless && { stateless: true }) });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    serverSide.sessionId = 'session-1';
    await mcp.connect(serverSide);
    const client = new Client({ name: 'c', version: '1' });
    await client.connect(clientSide);
    try {
      await client.request({ method: 'tasks/list', params: {} } as never, ResultSchema);
      return { ok: true };
    } catch (error) {
      const e = error as { code?: unknown; data?: unknown };
      return { ok: false, code: e.code, data: e.data };
    } finally {
      await client.close();
      tasks.engine.close();
      await store.close();
    }
  }

  it('owns tasks by session without the option, and never by session with it (ANONYMOUS_NOT_ALLOWED, R76)', async () => {
    assert.deepEqual(await listWithSession(false), { ok: true });
    const refused = await listWithSession(true);
    assert.equal(refused.ok, false);
    assert.equal((refused as { data: { code?: unknown } }).data?.code, 'ANONYMOUS_NOT_ALLOWED');
  });
});
