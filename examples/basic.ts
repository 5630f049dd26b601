/**
 * The whole Tasks round trip in one process: a server with one task-capable tool, a client that
 * calls it as a task, polls `tasks/get` until the task ends, then fetches `tasks/result`.
 *
 *   npm run build && node dist/examples/basic.js
 *
 * In your own code, import from 'mcp-tasks' instead of '../src/index.js'.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { CallToolResultSchema, CreateTaskResultSchema, GetTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { InMemoryTaskStore, isTerminal, withTasks } from '../src/index.js';

// --- Server --------------------------------------------------------------------------------

const store = new InMemoryTaskStore({
  security: {
    // The in-memory transport has no session and no auth, so every request is anonymous;
    // in production, identify requestors instead (see README, "Owner").
    allowAnonymous: true,
    // The pollInterval suggested to clients; small so that the demo is quick.
    pollIntervalMs: 50,
  },
});
const mcp = new McpServer({ name: 'basic-example', version: '1.0.0' });
const tasks = withTasks(mcp, { store });

tasks.registerTool(
  'slow_square',
  {
    description: 'Squares a number, slowly',
    inputSchema: { n: z.number() },
    // 'optional': callable as a task (with params.task) or as a plain call.
    execution: { taskSupport: 'optional' },
  },
  async ({ n }, { task, signal }) => {
    for (let step = 1; step <= 3; step++) {
      await sleep(40, undefined, { signal }); // the signal aborts on tasks/cancel
      task?.progress(step, 3, `step ${step} of 3`); // `task` is set only when run as a task
    }
    return { content: [{ type: 'text', text: `${n} squared is ${n * n}` }] };
  },
);

// --- Client --------------------------------------------------------------------------------

const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await mcp.connect(serverTransport);
const client = new Client({ name: 'basic-example-client', version: '1.0.0' });
await client.connect(clientTransport);

// 1. tools/call with `task`: the server answers at once with a task handle (CreateTaskResult).
const { task } = await client.request(
  { method: 'tools/call', params: { name: 'slow_square', arguments: { n: 7 }, task: { ttl: 60_000 } } },
  CreateTaskResultSchema,
  // The request's progressToken stays valid for the whole task.
  { onprogress: (p) => console.log(`progress: ${p.progress}/${p.total} ${p.message ?? ''}`) },
);
console.log(`created: task ${task.taskId} status=${task.status} pollInterval=${task.pollInterval} ms`);

// 2. Poll tasks/get, waiting the pollInterval the server suggested, until the task is terminal.
let current = task;
while (!isTerminal(current.status)) {
  await sleep(current.pollInterval ?? 1000);
  current = await client.request({ method: 'tasks/get', params: { taskId: task.taskId } }, GetTaskResultSchema);
  console.log(`status: ${current.status}`);
}

// 3. tasks/result: the tool's own result (it would also block until terminal, had we not polled).
const result = await client.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
const text = result.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n');
console.log(`result: ${text}`);

// Close everything; nothing is left to keep the process alive.
await client.close();
await mcp.close();
await store.close();
