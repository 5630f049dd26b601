/**
 * Workflow test harness: an McpServer with `withTasks` on a given store (memory or DynamoDB), the
 * test's tools and workflows registered by `setup`, and an SDK client over InMemoryTransport
 * (the ClientEnd of test/server/harness.ts: raw requests, notifications, elicitation answers).
 */
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import { isTerminal } from '../../src/status.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import { withTasks, type TasksServer } from '../../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { ClientEnd, newClient, ownerOf, WAIT_MS } from '../server/harness.js';

export interface WorkflowHarness {
  store: TaskStore;
  tasks: TasksServer;
  end: ClientEnd;
  owner: Owner;
  /** Poll the store until the task is terminal (bounded). */
  terminal(taskId: string): Promise<TaskRecord>;
  /** Poll the store until `predicate(record)` holds (bounded). */
  until(taskId: string, predicate: (record: TaskRecord) => boolean, what: string): Promise<TaskRecord>;
  close(): Promise<void>;
}

export interface StoreKind {
  name: 'memory' | 'dynamodb';
  open(): Promise<TaskStore>;
  stop(): Promise<void>;
}

/** The two stores every workflow behaviour is tested on. */
export function storeKinds(): StoreKind[] {
  let dynamo: Promise<Dynamo> | undefined;
  return [
    { name: 'memory', open: async () => new InMemoryTaskStore(), stop: async () => undefined },
    {
      name: 'dynamodb',
      open: async () => (await (dynamo ??= startDynamo())).openStore(),
      stop: async () => {
        if (dynamo) await (await dynamo).stop();
        dynamo = undefined;
      },
    },
  ];
}

export async function serve(store: TaskStore, setup: (tasks: TasksServer, mcp: McpServer) => void): Promise<WorkflowHarness> {
  const mcp = new McpServer({ name: 'workflows', version: '1.0.0' });
  const engine = new TaskEngine({ store, sharedStorePollMs: 20 });
  const tasks = withTasks(mcp, { store, engine });
  setup(tasks, mcp);
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  const send = clientTransport.send.bind(clientTransport);
  clientTransport.send = (message, options) =>
    send(message, { ...options, authInfo: { token: 'alice', clientId: 'client-alice', scopes: [] } });
  await mcp.connect(serverTransport);
  const end = new ClientEnd(newClient());
  await end.client.connect(clientTransport);
  const owner = ownerOf('alice');
  const until = async (taskId: string, predicate: (record: TaskRecord) => boolean, what: string) => {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const record = await store.get(owner, taskId);
      if (predicate(record)) return record;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${record.status} ${record.statusMessage ?? ''}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return {
    store,
    tasks,
    end,
    owner,
    until,
    terminal: (taskId) => until(taskId, (r) => isTerminal(r.status), 'a terminal status'),
    async close() {
      await end.close();
      await mcp.close();
      engine.close();
      await store.close();
    },
  };
}
