/**
 * `createTasksHttpHandler`'s Node face mounted in a server of one's own
 * (`http.createServer(handler.node)`, no `listen()`): both generations at one URL over real HTTP,
 * an SDK 1.x client and a 2026 request each running a defined tool to a completed task; a
 * refused upload is answered and its connection closed without reading the body to its end.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { createTasksHttpHandler, type TasksHttpHandler } from '../../src/http/index.js';
import { defineTool, type JsonObject } from '../../src/index.js';
import { rpcRequest } from '../server/v2026/harness.js';

const double = defineTool({
  name: 'double',
  inputSchema: z.object({ n: z.number() }),
  taskSupport: 'optional',
  syncWindowMs: 0, // a task on the 2026 wire too, though it ends at once (no sync window)
  run: ({ n }, { generation }) => ({ content: [{ type: 'text', text: `${generation}: ${2 * n}` }] }),
});

describe("the Node face mounted in a server of one's own", () => {
  let handler: TasksHttpHandler;
  let server: Server;
  let url: string;
  before(async () => {
    handler = createTasksHttpHandler({ tools: [double] });
    server = createServer(handler.node);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp`;
  });
  after(async () => {
    await handler?.close();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('serves a 2025-11-25 session and a 2026-07-28 request at one URL, each to a completed task', { timeout: 20_000 }, async () => {
    const client = new Client({ name: 'node-face', version: '1' });
    await client.connect(new StreamableHTTPClientTransport(new URL(url)));
    try {
      assert.equal(handler.sessions, 1);
      const results: string[] = [];
      for await (const message of client.experimental.tasks.callToolStream({ name: 'double', arguments: { n: 21 } }, CallToolResultSchema, {
        task: { ttl: 60_000 },
      })) {
        if (message.type === 'result') results.push((message.result.content[0] as { text: string }).text);
      }
      assert.deepEqual(results, ['2025-11-25: 42']);
    } finally {
      await client.close();
    }
    const request = rpcRequest('tools/call', { name: 'double', arguments: { n: 4 } });
    const created = await fetch(url, { method: 'POST', headers: request.headers, body: await request.text() });
    const text = await created.text();
    const reply = JSON.parse(
      text.startsWith('{')
        ? text
        : text
            .split('\n')
            .find((l) => l.startsWith('data:'))!
            .slice(5),
    ) as { result: JsonObject };
    assert.equal(reply.result.resultType, 'task');
    const taskId = reply.result.taskId as string;
    for (let i = 0; i < 200 && (await handler.store.get('anonymous', taskId)).status !== 'completed'; i++)
      await new Promise((r) => setTimeout(r, 10));
    const done = await handler.store.getResult('anonymous', taskId);
    assert.deepEqual(done.outcome, { type: 'result', result: { content: [{ type: 'text', text: '2026-07-28: 8' }] } });
  });

  it('413 for a declared 10 GB upload, then the connection is closed, not drained', { timeout: 20_000 }, async () => {
    const port = Number(new URL(url).port);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let received = '';
      socket.on('data', (chunk) => (received += chunk.toString('latin1')));
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(received));
      socket.on('connect', () => {
        socket.write('POST /mcp HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 10000000000\r\n\r\n');
        const chunk = Buffer.alloc(64 * 1024, 'a');
        const pump = (): void => void (!socket.destroyed && (socket.write(chunk), setTimeout(pump, 5)));
        pump();
      });
      setTimeout(() => reject(new Error('the server kept the connection open')), 15_000).unref();
    });
    assert.match(answer, /^HTTP\/1\.1 413/);
    assert.match(answer, /"error":"payload_too_large"/);
  });
});
