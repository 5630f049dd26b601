/**
 * Both generations at one URL on one store (issue 14 item 3/4): a task created on the 2026-07-28
 * leg is read and cancelled from a 2025-11-25 session of the same token, a 2025 task is read on
 * the 2026 leg, and owner isolation on the 2026 leg is as strict as on the 2025 leg (R77: a
 * foreign task reads as missing, -32602; no token with --tokens: 401).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { connect, startServer, tokensFile, waitForStatus, type Connection, type ServerProcess } from './helpers.js';

const WITH_TASKS = { extensions: { 'io.modelcontextprotocol/tasks': {} } };
let nextId = 1;

interface Reply2026 {
  status: number;
  result?: Record<string, unknown>;
  error?: { code: number; message: string };
}

/** One 2026-07-28 request (envelope, headers, no session), optionally with a bearer token. */
async function rpc2026(url: string, method: string, params: Record<string, unknown>, token?: string): Promise<Reply2026> {
  const _meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28', 'io.modelcontextprotocol/clientCapabilities': WITH_TASKS };
  const name = typeof params.taskId === 'string' ? params.taskId : typeof params.name === 'string' ? params.name : undefined;
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2026-07-28',
      'mcp-method': method,
      ...(name !== undefined && { 'mcp-name': name }),
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
    },
    body: JSON.stringify({ jsonrpc: '2.0', id: nextId++, method, params: { ...params, _meta } }),
  });
  const text = await response.text();
  const json = response.headers.get('content-type')?.includes('text/event-stream')
    ? (text
        .split('\n')
        .filter((l) => l.startsWith('data:'))
        .map((l) => l.slice(5).trim())
        .pop() ?? '{}')
    : text;
  const message = (response.status === 401 ? {} : JSON.parse(json)) as Omit<Reply2026, 'status'>;
  return { status: response.status, ...message };
}

describe('reference server: the 2025 and 2026 legs share one URL, store and owners', { timeout: 60_000 }, () => {
  let server: ServerProcess;
  let alice2025: Connection;
  before(async () => {
    server = await startServer(['--tokens', tokensFile()]);
    alice2025 = await connect(server.url, { token: 'token-a' });
  });
  after(async () => {
    await alice2025?.close().catch(() => undefined);
    server?.kill();
  });

  it('a 2026 task is read and cancelled from a 2025 session of the same token, and the 2026 leg sees the cancel', async () => {
    const created = await rpc2026(server.url, 'tools/call', { name: 'slow_compute', arguments: { seconds: 60 } }, 'token-a');
    assert.equal(created.result?.resultType, 'task');
    const taskId = created.result!.taskId as string;
    const seen = await alice2025.request('tasks/get', { taskId });
    assert.equal(seen.taskId, taskId);
    await alice2025.request('tasks/cancel', { taskId });
    await waitForStatus(alice2025, taskId, ['cancelled']);
    const after2026 = await rpc2026(server.url, 'tasks/get', { taskId }, 'token-a');
    assert.equal(after2026.result?.status, 'cancelled');
  });

  it('a 2025 task is read on the 2026 leg with the same token', async () => {
    const created = await alice2025.request('tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    const taskId = (created.task as { taskId: string }).taskId;
    const read = await rpc2026(server.url, 'tasks/get', { taskId }, 'token-a');
    assert.equal(read.result?.taskId, taskId);
    await rpc2026(server.url, 'tasks/cancel', { taskId }, 'token-a');
    await waitForStatus(alice2025, taskId, ['cancelled']);
  });

  it("R77 on the 2026 leg: another token's task reads as missing (-32602), its cancel changes nothing", async () => {
    const created = await rpc2026(server.url, 'tools/call', { name: 'slow_compute', arguments: { seconds: 60 } }, 'token-a');
    const taskId = created.result!.taskId as string;
    const foreign = await rpc2026(server.url, 'tasks/get', { taskId }, 'token-b');
    assert.equal(foreign.error?.code, -32602);
    await rpc2026(server.url, 'tasks/cancel', { taskId }, 'token-b');
    const still = await rpc2026(server.url, 'tasks/get', { taskId }, 'token-a');
    assert.equal(still.result?.status, 'working');
    await rpc2026(server.url, 'tasks/cancel', { taskId }, 'token-a');
  });

  it('with --tokens, a 2026 request without a token gets HTTP 401', async () => {
    const reply = await rpc2026(server.url, 'tools/call', { name: 'greet', arguments: { name: 'x' } });
    assert.equal(reply.status, 401);
  });
});
