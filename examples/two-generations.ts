/**
 * One tool, declared once, served on both generations of Tasks at one URL (2025-11-25 with
 * sessions, 2026-07-28 without), on one engine and store; then a client of each runs a task.
 * `npm run build && node dist/examples/two-generations.js`; in your code, import 'mcp-tasks' and 'mcp-tasks/http'.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { createTasksHttpHandler } from '../src/http/index.js';
import { ANONYMOUS_OWNER, defineTool } from '../src/index.js';

const slowSquare = defineTool({
  name: 'slow_square',
  inputSchema: z.object({ n: z.number() }),
  taskSupport: 'optional', // a task when a 2025 client asks for one, or a 2026 client declares the extension
  async run({ n }, { signal }) {
    await sleep(100, undefined, { signal }); // aborted by tasks/cancel on either wire
    return { content: [{ type: 'text', text: `${n} squared is ${n * n}` }] };
  },
});
// No tokens: a 2025 session is its own owner, a 2026 request is `anonymous` (identify requestors in production).
const http = createTasksHttpHandler({ tools: [slowSquare] });
const { url, close } = await http.listen({ port: 0 });

// A 2025-11-25 client (SDK 1.x): initialize, a task-augmented call, the result.
const client = new Client({ name: 'client-2025', version: '1.0.0' });
await client.connect(new StreamableHTTPClientTransport(new URL(url)));
const stream = client.experimental.tasks.callToolStream({ name: 'slow_square', arguments: { n: 7 } }, CallToolResultSchema, {
  task: { ttl: 60_000 },
});
for await (const message of stream) {
  if (message.type === 'taskCreated') console.log(`2025-11-25: task ${message.task.taskId} created`);
  if (message.type === 'result') console.log(`2025-11-25: result: ${(message.result.content[0] as { text: string }).text}`);
}

// A 2026-07-28 client (raw JSON-RPC): no session; it declares the extension, the server decides on a task.
type Reply = { resultType?: string; taskId: string; status?: string; pollIntervalMs?: number; result?: { content: { text: string }[] } };
async function call2026(method: string, params: { name?: string; taskId?: string; arguments?: object }): Promise<Reply> {
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': '2026-07-28',
    'io.modelcontextprotocol/clientInfo': { name: 'client-2026', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': { extensions: { 'io.modelcontextprotocol/tasks': {} } },
  };
  const headers = {
    'content-type': 'application/json',
    accept: 'application/json, text/event-stream',
    'mcp-protocol-version': '2026-07-28',
    'mcp-method': method,
    'mcp-name': params.name ?? params.taskId ?? '',
  };
  const text = await (
    await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: { ...params, _meta } }) })
  ).text();
  return (
    JSON.parse(
      text.startsWith('{')
        ? text
        : text
            .split('\n')
            .find((l) => l.startsWith('data:'))!
            .slice(5),
    ) as { result: Reply }
  ).result;
}
let task = await call2026('tools/call', { name: 'slow_square', arguments: { n: 9 } });
console.log(`2026-07-28: tools/call answered resultType=${task.resultType}, task ${task.taskId}`);
while (task.status === 'working') {
  await sleep(task.pollIntervalMs ?? 1000);
  task = await call2026('tasks/get', { taskId: task.taskId });
}
console.log(`2026-07-28: ${task.status}, result inlined in tasks/get: ${task.result!.content[0]!.text}`);

// One store: the 2026 task is `anonymous`'s, the 2025 task its session's (owner isolation).
const anonymous = await http.store.list(ANONYMOUS_OWNER);
console.log(`one store: anonymous owns ${anonymous.tasks.length} task(s), ${anonymous.tasks.map((t) => t.taskId).join(', ')}`);
await client.close();
await close();
