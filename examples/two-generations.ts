/**
 * Both generations of Tasks at one URL, on one engine and one store: the 2025-11-25 Tasks utility
 * (SDK 1.x, sessions) and the 2026-07-28 Tasks extension (SDK v2, no session), routed by the SDK
 * v2's own `isLegacyRequest`. Then one client of each generation runs a task to completion.
 *
 *   npm run build && node dist/examples/two-generations.js
 *
 * In your own code, import from 'mcp-tasks' instead of '../src/index.js'. The 2026 leg
 * is the `mcp-tasks/2026-07-28` entry point (here imported from the source tree). README, "Two generations".
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLegacyRequest } from '@modelcontextprotocol/server';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { CallToolResultSchema, isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { ANONYMOUS_OWNER, InMemoryTaskStore, TaskEngine, withTasks } from '../src/index.js';
import { createTasksHandler2026, type Tool2026 } from '../src/server/v2026/index.js';

// --- The work, written once ------------------------------------------------------------------

async function slowSquare(n: number, signal: AbortSignal) {
  await sleep(100, undefined, { signal }); // the signal aborts on tasks/cancel (either wire)
  return { content: [{ type: 'text' as const, text: `${n} squared is ${n * n}` }] };
}

// --- One store, one engine, both legs --------------------------------------------------------

// Without tokens every 2026 request is `anonymous` (README, "Owner"); identify requestors in production.
const store = new InMemoryTaskStore({ security: { allowAnonymous: true, pollIntervalMs: 50 } });
const engine = new TaskEngine({ store });

// 2026-07-28: the tools as `Tool2026`, served by an SDK v2 handler (one `Server` per request).
const square2026: Tool2026 = {
  name: 'slow_square',
  inputSchema: { type: 'object', properties: { n: { type: 'number' } }, required: ['n'] },
  taskSupport: 'optional', // a task for a client declaring the extension, a plain call otherwise
  run: (args, call) => slowSquare(Number(args.n), call.signal),
};
// Questions and answers of both wires go through the engine's side channel (the default `input`).
const modern = createTasksHandler2026({ engine, tools: [square2026] });

// 2025-11-25: one SDK 1.x McpServer per session, all on the same engine.
const sessions = new Map<string, StreamableHTTPServerTransport>();
async function openSession(): Promise<StreamableHTTPServerTransport> {
  const transport: StreamableHTTPServerTransport = new StreamableHTTPServerTransport({
    sessionIdGenerator: randomUUID,
    onsessioninitialized: (id): void => void sessions.set(id, transport),
  });
  transport.onclose = () => transport.sessionId && sessions.delete(transport.sessionId);
  const mcp = new McpServer({ name: 'two-generations', version: '1.0.0' });
  withTasks(mcp, { engine }).registerTool(
    'slow_square',
    { inputSchema: { n: z.number() }, execution: { taskSupport: 'optional' } },
    ({ n }, { signal }) => slowSquare(n, signal),
  );
  await mcp.connect(transport);
  return transport;
}

/** The request without its body (already parsed), as the web `Request` the SDK v2 reads. */
function headersOf(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) for (const one of [value ?? []].flat()) headers.append(name, one);
  return new Request(new URL(req.url ?? '/', 'http://localhost'), { method: req.method ?? 'GET', headers });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body: unknown = chunks.length > 0 ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : undefined;
  if (req.method === 'POST' && !(await isLegacyRequest(headersOf(req), body))) {
    // The 2026 leg answers with a web Response: copy it back, streaming an SSE body as it comes.
    const response = await modern.fetch(headersOf(req), { parsedBody: body });
    res.writeHead(response.status, Object.fromEntries(response.headers));
    if (response.body === null) return void res.end();
    return void Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>).pipe(res);
  }
  const id = req.headers['mcp-session-id'];
  const transport = typeof id === 'string' ? sessions.get(id) : isInitializeRequest(body) ? await openSession() : undefined;
  if (transport === undefined) return void res.writeHead(404).end();
  await transport.handleRequest(req, res, body);
}

const http = createServer((req, res) => void handle(req, res).catch(() => res.writeHead(500).end()));
await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}/mcp`;

// --- A 2025-11-25 client: initialize, a task-augmented call, the result ---------------------

const client = new Client({ name: 'client-2025', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const stream = client.experimental.tasks.callToolStream({ name: 'slow_square', arguments: { n: 7 } }, CallToolResultSchema, { task: { ttl: 60_000 } });
for await (const message of stream) {
  if (message.type === 'taskCreated') console.log(`2025-11-25: task ${message.task.taskId} created`);
  if (message.type === 'result') console.log(`2025-11-25: result: ${(message.result.content[0] as { text: string }).text}`);
}

// --- A 2026-07-28 client (raw JSON-RPC): no session, the server decides on a task ------------

const TASKS = 'io.modelcontextprotocol/tasks';
async function call2026(method: string, params: Record<string, unknown>): Promise<Record<string, unknown>> {
  const meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'client-2026', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': { extensions: { [TASKS]: {} } }, // declares the extension
  };
  const name = (params.name ?? params.taskId) as string;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2026-07-28', 'mcp-method': method, 'mcp-name': name },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { ...params, _meta: meta } }),
  });
  const text = await response.text();
  const json = (response.headers.get('content-type') ?? '').includes('event-stream') ? text.split('\n').find((l) => l.startsWith('data:'))!.slice(5) : text;
  return (JSON.parse(json) as { result: Record<string, unknown> }).result;
}

const created = await call2026('tools/call', { name: 'slow_square', arguments: { n: 9 } });
console.log(`2026-07-28: tools/call answered resultType=${String(created.resultType)}, task ${String(created.taskId)}`);
let task = created;
while (task.status === 'working') {
  await sleep(Number(task.pollIntervalMs ?? 1000));
  task = await call2026('tasks/get', { taskId: created.taskId });
}
const result = task.result as { content: { text: string }[] };
console.log(`2026-07-28: ${String(task.status)}, result inlined in tasks/get: ${result.content[0]!.text}`);

// --- One store: the 2026 task is `anonymous`'s, the 2025 task its session's (owner isolation) ---

const anonymous = await store.list(ANONYMOUS_OWNER);
console.log(`one store: anonymous owns ${anonymous.tasks.length} task(s), ${anonymous.tasks.map((t) => t.taskId).join(', ')}`);

await client.close();
await modern.close();
for (const transport of sessions.values()) await transport.close();
await new Promise((resolve) => http.close(resolve));
engine.close();
await store.close();
