/**
 * The two servers of the server bench (bench/server.ts), each behind an McpServer with its SDK
 * `Client` over a linked in-memory pair: ours (`withTasks` + `registerTool` on our
 * `InMemoryTaskStore`) and the SDK's experimental task stack (`registerToolTask` + its
 * `InMemoryTaskStore` and `InMemoryTaskMessageQueue`). Tools: `square` returns at once; `gated`
 * waits for the current gate (`releaseGate`).
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTaskMessageQueue, InMemoryTaskStore as SdkInMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { withTasks } from '../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore } from '../src/stores/memory.js';

export const TTL_MS = 60_000;

interface Gate {
  promise: Promise<void>;
  release(): void;
}
function newGate(): Gate {
  let release!: () => void;
  const promise = new Promise<void>((r) => (release = r));
  return { promise, release };
}
/** The gate the next `gated` call waits on (latency samples run one at a time). */
let gate = newGate();

/** A new gate for the next `gated` call. */
export function resetGate(): void {
  gate = newGate();
}

/** Let the current `gated` call return. */
export function releaseGate(): void {
  gate.release();
}

export const square = (n: number): CallToolResult => ({ content: [{ type: 'text', text: String(n * n) }] });
const SHAPE = { n: z.number() };

export interface Rig {
  client: Client;
  close(): Promise<void>;
}

async function connect(mcp: McpServer, closeStore: () => Promise<void> | void): Promise<Rig> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  await mcp.connect(serverTransport);
  const client = new Client({ name: 'bench-client', version: '1.0.0' });
  await client.connect(clientTransport);
  return {
    client,
    async close() {
      await client.close();
      await mcp.close();
      await closeStore();
    },
  };
}

export async function oursRig(): Promise<Rig> {
  // No session or auth on the in-memory transport: anonymous requestors, allowed here.
  const store = new InMemoryTaskStore({
    security: { allowAnonymous: true, maxActiveTasksPerOwner: 1_000_000, maxStoredBytesPerOwner: null },
    maxTotalBytes: null,
  });
  const mcp = new McpServer({ name: 'bench-ours', version: '1.0.0' });
  const tasks = withTasks(mcp, { store });
  const execution = { taskSupport: 'optional' } as const;
  tasks.registerTool('square', { inputSchema: SHAPE, execution }, ({ n }) => square(n));
  tasks.registerTool('gated', { inputSchema: SHAPE, execution }, async ({ n }) => {
    await gate.promise;
    return square(n);
  });
  return connect(mcp, async () => {
    tasks.engine.close();
    await store.close();
  });
}

export async function sdkRig(pollMs: number): Promise<Rig> {
  const taskStore = new SdkInMemoryTaskStore();
  const mcp = new McpServer(
    { name: 'bench-sdk', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      taskMessageQueue: new InMemoryTaskMessageQueue(),
      defaultTaskPollInterval: pollMs,
    },
  );
  const execution = { taskSupport: 'optional' } as const;
  // getTask/getTaskResult are required by the type but never called (the SDK's tasks/* read the store).
  const unused = { getTask: async () => ({}) as never, getTaskResult: async () => ({}) as never };
  mcp.experimental.tasks.registerToolTask(
    'square',
    { inputSchema: SHAPE, execution },
    {
      ...unused,
      async createTask({ n }, extra) {
        const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? TTL_MS, pollInterval: pollMs });
        // The work starts one event-loop turn later, as in our engine.
        setImmediate(() => void extra.taskStore.storeTaskResult(task.taskId, 'completed', square(n)).catch(() => {}));
        return { task };
      },
    },
  );
  mcp.experimental.tasks.registerToolTask(
    'gated',
    { inputSchema: SHAPE, execution },
    {
      ...unused,
      async createTask({ n }, extra) {
        const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? TTL_MS, pollInterval: pollMs });
        void gate.promise.then(() => extra.taskStore.storeTaskResult(task.taskId, 'completed', square(n))).catch(() => {});
        return { task };
      },
    },
  );
  // cleanup() clears the SDK store's TTL timers, which would otherwise keep the process alive.
  return connect(mcp, () => taskStore.cleanup());
}
