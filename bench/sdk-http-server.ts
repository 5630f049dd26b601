/**
 * The SDK peer of the paths bench: SDK 1.x's own experimental task stack (`registerToolTask`,
 * its `InMemoryTaskStore` and `InMemoryTaskMessageQueue`, shared by every session) over its own
 * Streamable HTTP transport, one McpServer per session, as its documentation sets it up. The tool
 * `delay` (`ms` 0) completes one event-loop turn after its task exists, like ours. Its
 * `tasks/result` waits `pollInterval` between reads of its store: the interval is the first
 * argument (ms; the SDK's default when absent).
 *
 * `node dist/bench/sdk-http-server.js [pollMs]`; prints `listening on URL` on stderr.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryTaskMessageQueue, InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';

const pollMs = process.argv[2] === undefined ? undefined : Number(process.argv[2]);
const taskStore = new InMemoryTaskStore();
const taskMessageQueue = new InMemoryTaskMessageQueue();
const sessions = new Map<string, StreamableHTTPServerTransport>();
const text = (value: string) => ({ content: [{ type: 'text' as const, text: value }] });

function build(): McpServer {
  const mcp = new McpServer(
    { name: 'bench-sdk-peer', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      taskMessageQueue,
      ...(pollMs !== undefined && { defaultTaskPollInterval: pollMs }),
    },
  );
  const unused = { getTask: async () => ({}) as never, getTaskResult: async () => ({}) as never };
  mcp.experimental.tasks.registerToolTask(
    'delay',
    { inputSchema: { ms: z.number() }, execution: { taskSupport: 'optional' } },
    {
      ...unused,
      async createTask({ ms }, extra) {
        const task = await extra.taskStore.createTask({
          ttl: extra.taskRequestedTtl ?? 600_000,
          ...(pollMs !== undefined && { pollInterval: pollMs }),
        });
        setTimeout(() => void extra.taskStore.storeTaskResult(task.taskId, 'completed', text(`waited ${ms} ms`)).catch(() => {}), ms);
        return { task };
      },
    },
  );
  return mcp;
}

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return chunks.length === 0 ? undefined : JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

const server = createServer((req, res) => {
  void (async () => {
    const body = req.method === 'POST' ? await bodyOf(req) : undefined;
    const id = req.headers['mcp-session-id'];
    const known = typeof id === 'string' ? sessions.get(id) : undefined;
    if (known) return known.handleRequest(req, res, body);
    if (!isInitializeRequest(body)) return void res.writeHead(400).end();
    const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
      sessionIdGenerator: randomUUID,
      onsessioninitialized: (sid) => void sessions.set(sid, transport),
    });
    transport.onclose = () => transport.sessionId !== undefined && sessions.delete(transport.sessionId);
    await build().connect(transport);
    await transport.handleRequest(req, res, body);
  })().catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(500).end(String(error));
  });
});

server.listen(0, '127.0.0.1', () => process.stderr.write(`listening on http://127.0.0.1:${(server.address() as AddressInfo).port}/mcp\n`));
const stop = () => {
  taskStore.cleanup();
  server.closeAllConnections();
  server.close(() => process.exit(0));
};
process.once('SIGTERM', stop).once('SIGINT', stop);
