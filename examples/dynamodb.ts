/**
 * Tasks on DynamoDB: the same server as basic.ts, but its tasks live in a DynamoDB table, so any
 * number of server processes can share them (tasks/get, tasks/result, tasks/cancel from any).
 *
 *   npm run build && node dist/examples/dynamodb.js                 # starts dynalite in-process
 *   node dist/examples/dynamodb.js --endpoint http://localhost:8000  # DynamoDB Local, LocalStack, ...
 *   AWS_REGION=eu-west-1 node dist/examples/dynamodb.js --aws        # real AWS (your credentials)
 *
 * It provisions the table (createTable: the same definition as infra/template.json), then runs
 * a task to completion and cancels another. In your own code, import from 'mcp-tasks' and
 * 'mcp-tasks/dynamodb' instead of '../src/...'.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import {
  CallToolResultSchema,
  CancelTaskResultSchema,
  CreateTaskResultSchema,
  ListTasksResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { withTasks } from '../src/index.js';
import { createTable, DynamoDbTaskStore } from '../src/stores/dynamodb/index.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { values } = parseArgs({ options: { endpoint: { type: 'string' }, aws: { type: 'boolean' }, table: { type: 'string' } } });

// --- DynamoDB: an endpoint, a client, the table ---------------------------------------------

let local: Server | undefined;
let endpoint = values.endpoint;
if (endpoint === undefined && !values.aws) {
  // No endpoint given: dynalite (a DynamoDB implementation on LevelDB/memory, a dev dependency).
  const { default: dynalite } = await import('dynalite');
  local = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve) => local!.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(local.address() as AddressInfo).port}`;
  console.log('dynamodb: started dynalite in-process');
}
const client = new DynamoDBClient({
  ...(endpoint !== undefined && { endpoint, region: process.env.AWS_REGION ?? 'us-east-1' }),
  // Local endpoints accept any credentials.
  ...(endpoint !== undefined &&
    process.env.AWS_ACCESS_KEY_ID === undefined && { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
});
const tableName = values.table ?? 'mcp-tasks-example';
// Creates the table if missing and waits until it is ACTIVE. dynalite has no native TTL: the
// warning says so, and expired tasks stay invisible anyway (call store.cleanup() to delete them).
const table = await createTable(client, tableName, { logger: { warn: (message) => console.error(message) } });
console.log(`table: ${tableName} ${table.created ? 'created' : 'exists'} (native TTL ${table.ttlEnabled ? 'on' : 'off'})`);

// --- Server ----------------------------------------------------------------------------------

const store = new DynamoDbTaskStore({
  client,
  tableName,
  // Every instance on the table must sign list cursors with the same secret.
  cursorSecret: process.env.MCP_TASKS_CURSOR_SECRET ?? 'example-only-secret',
  security: { allowAnonymous: true, pollIntervalMs: 100 },
});
const mcp = new McpServer({ name: 'dynamodb-example', version: '1.0.0' });
// Tasks on a shared store get a lease, renewed while they run: if this process died, the task
// would become `failed` once the lease expired (default 30 s) instead of staying `working`.
// `list: true`: the one (anonymous) client of this demo may list; with real requestors, identify
// them instead (README, "Owner") and tasks/list is declared by default.
const tasks = withTasks(mcp, { store, leaseMs: 3000, list: true });
tasks.registerTool(
  'slow_square',
  {
    description: 'Squares a number, slowly',
    inputSchema: { n: z.number(), ms: z.number().optional() },
    execution: { taskSupport: 'optional' },
  },
  async ({ n, ms }, { signal }) => {
    await sleep(ms ?? 200, undefined, { signal }); // aborted by tasks/cancel, from any instance
    return { content: [{ type: 'text', text: `${n} squared is ${n * n}` }] };
  },
);

// --- Client ----------------------------------------------------------------------------------

const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
await mcp.connect(serverTransport);
const mcpClient = new Client({ name: 'dynamodb-example-client', version: '1.0.0' });
await mcpClient.connect(clientTransport);
const callAsTask = (args: { n: number; ms?: number }) =>
  mcpClient.request(
    { method: 'tools/call', params: { name: 'slow_square', arguments: args, task: { ttl: 600_000 } } },
    CreateTaskResultSchema,
  );

// 1. A task that completes: create, then block on tasks/result (it returns when the tool ends).
const { task } = await callAsTask({ n: 12 });
console.log(`created: status=${task.status}`);
const result = await mcpClient.request({ method: 'tasks/result', params: { taskId: task.taskId } }, CallToolResultSchema);
console.log(`result: ${result.content.map((c) => (c.type === 'text' ? c.text : `[${c.type}]`)).join('\n')}`);

// 2. A task that is cancelled while it runs.
const { task: long } = await callAsTask({ n: 3, ms: 60_000 });
const cancelled = await mcpClient.request({ method: 'tasks/cancel', params: { taskId: long.taskId } }, CancelTaskResultSchema);
console.log(`cancelled: status=${cancelled.status}`);

// 3. Both are in the table, for every instance that shares it.
const listed = await mcpClient.request({ method: 'tasks/list', params: {} }, ListTasksResultSchema);
const ours = listed.tasks.filter((t) => t.taskId === task.taskId || t.taskId === long.taskId);
console.log(`listed: ${ours.map((t) => t.status).join(', ')}`);

await mcpClient.close();
await mcp.close();
await store.close();
client.destroy();
if (local) await new Promise<void>((resolve) => local!.close(() => resolve()));
console.log('done');
