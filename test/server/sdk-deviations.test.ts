/**
 * The SDK's own experimental task support (1.32) against ours, same scenarios (R11, R13, A9), and
 * `toSdkTaskStore(ourStore)` as the SDK's `taskStore` through a full SDK task lifecycle.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  InMemoryTaskMessageQueue,
  InMemoryTaskStore as SdkInMemoryTaskStore,
} from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import type { TaskStore as SdkTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { toSdkTaskStore } from '../../src/server/v2025/sdk-task-store.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { ClientEnd, deferred, memoryHarness, newClient, RELATED, text, type Deferred, type MemoryHarness } from './harness.js';
import { rejectsBySdk, rejectsCode } from './rejects.js';

interface SdkSide {
  end: ClientEnd;
  ran: { plain: number };
  gates: Deferred<CallToolResult>[];
  close(): Promise<void>;
}

/** An McpServer using the SDK's task support with `taskStore`: `req` (registerToolTask, required) and `plain`. */
async function sdkServer(taskStore: SdkTaskStore): Promise<SdkSide> {
  const mcp = new McpServer(
    { name: 'sdk-tasks', version: '1.0.0' },
    {
      capabilities: { tools: {}, tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } } },
      taskStore,
      taskMessageQueue: new InMemoryTaskMessageQueue(),
      defaultTaskPollInterval: 10,
    },
  );
  const ran = { plain: 0 };
  const gates: Deferred<CallToolResult>[] = [];
  mcp.experimental.tasks.registerToolTask(
    'req',
    { inputSchema: { n: z.number().optional() }, execution: { taskSupport: 'required' } },
    {
      createTask: async (_args, extra) => {
        const task = await extra.taskStore.createTask({ ttl: extra.taskRequestedTtl ?? 60_000, pollInterval: 10 });
        const gate = deferred<CallToolResult>();
        gates.push(gate);
        void gate.promise.then((result) => extra.taskStore.storeTaskResult(task.taskId, 'completed', result)).catch(() => {});
        return { task };
      },
      getTask: async () => {
        throw new Error('unused');
      },
      getTaskResult: async () => {
        throw new Error('unused');
      },
    },
  );
  mcp.registerTool('plain', { inputSchema: { n: z.number().optional() } }, async () => {
    ran.plain++;
    return text('plain ran');
  });
  const [ct, st] = InMemoryTransport.createLinkedPair();
  await mcp.connect(st);
  const client = newClient();
  await client.connect(ct);
  const end = new ClientEnd(client);
  return {
    end,
    ran,
    gates,
    async close() {
      for (const g of gates) g.resolve(text('closing'));
      await client.close();
      await mcp.close();
    },
  };
}

describe('SDK experimental tasks vs mcp-tasks', () => {
  let sdk: SdkSide | undefined;
  let ours: MemoryHarness | undefined;
  let sdkStore: SdkInMemoryTaskStore | undefined;
  afterEach(async () => {
    await sdk?.close();
    await ours?.close();
    sdkStore?.cleanup(); // its ttl timers are not unref()'d
    sdk = ours = sdkStore = undefined;
  });

  it('R13 required tool without task: the SDK answers an isError result, ours a -32601 JSON-RPC error', async () => {
    sdk = await sdkServer((sdkStore = new SdkInMemoryTaskStore()));
    const result = await sdk.end.request('tools/call', { name: 'req', arguments: {} });
    assert.equal(result.isError, true, 'SDK deviation: a successful response with isError');
    assert.match(JSON.stringify(result.content), /-32601/);

    ours = await memoryHarness();
    await rejectsCode(ours.end.request('tools/call', { name: 'needs_task', arguments: { id: 'x' } }), -32601, 'TASK_SUPPORT_MISMATCH');
    assert.equal(ours.control.count('needs_task'), 0);
  });

  it('R11 forbidden tool with task: the SDK runs it (then errors), ours refuses with -32601 without running it', async () => {
    sdk = await sdkServer((sdkStore = new SdkInMemoryTaskStore()));
    await rejectsBySdk(sdk.end.request('tools/call', { name: 'plain', arguments: {}, task: {} }), -32602);
    assert.equal(sdk.ran.plain, 1, 'SDK deviation: the forbidden tool ran');

    ours = await memoryHarness();
    await rejectsCode(
      ours.end.request('tools/call', { name: 'plain_forbidden', arguments: { id: 'x' }, task: {} }),
      -32601,
      'TASK_SUPPORT_MISMATCH',
    );
    assert.equal(ours.control.count('plain_forbidden'), 0);
  });

  it('R71 bad taskId: the SDK answers -32603 with a zod dump, ours -32602 naming the field', async () => {
    sdk = await sdkServer((sdkStore = new SdkInMemoryTaskStore()));
    await rejectsBySdk(sdk.end.request('tasks/get', { taskId: 5 }), -32603);
    ours = await memoryHarness();
    await rejectsCode(ours.end.request('tasks/get', { taskId: 5 }), -32602, 'INVALID_ARGUMENT', 'taskId');
  });

  it('A9 tasks/result of a cancelled task: the SDK store gives -32603, toSdkTaskStore(ours) gives -32602', async () => {
    sdk = await sdkServer((sdkStore = new SdkInMemoryTaskStore()));
    const a = await sdk.end.createTask('req', {});
    await sdk.end.request('tasks/cancel', { taskId: a.taskId });
    await rejectsBySdk(sdk.end.request('tasks/result', { taskId: a.taskId }), -32603);
    await sdk.close();

    const store = new InMemoryTaskStore({ security: { allowAnonymous: true, pollIntervalMs: 10 } });
    sdk = await sdkServer(toSdkTaskStore(store));
    const b = await sdk.end.createTask('req', {});
    await sdk.end.request('tasks/cancel', { taskId: b.taskId });
    await rejectsCode(sdk.end.request('tasks/result', { taskId: b.taskId }), -32602, 'TASK_CANCELLED');
    await store.close();
  });
});

describe('toSdkTaskStore(ourStore) as the SDK taskStore', () => {
  let sdk: SdkSide | undefined;
  let store: InMemoryTaskStore | undefined;
  afterEach(async () => {
    await sdk?.close();
    await store?.close();
    sdk = store = undefined;
  });
  const start = async () => {
    store = new InMemoryTaskStore({ security: { allowAnonymous: true, pollIntervalMs: 10, maxTtlMs: 120_000, defaultTtlMs: 60_000 } });
    sdk = await sdkServer(toSdkTaskStore(store));
    return { sdk, store };
  };

  it('an SDK task lifecycle runs end to end on our store (create, get, list, result, cancel refused after)', async () => {
    const { sdk, store } = await start();
    const task = await sdk.end.createTask('req', {}, { ttl: 10 ** 9 });
    assert.equal(task.status, 'working');
    assert.equal(task.ttl, 120_000, 'our clamp applies through the SDK');
    const record = await store.get('anonymous', task.taskId);
    assert.equal(record.request.method, 'tools/call');
    assert.equal((await sdk.end.getTask(task.taskId)).status, 'working');
    assert.deepEqual(
      ((await sdk.end.request('tasks/list', {})).tasks as { taskId: string }[]).map((t) => t.taskId),
      [task.taskId],
    );
    const result = sdk.end.request('tasks/result', { taskId: task.taskId });
    sdk.gates[0]!.resolve(text('sdk on our store'));
    assert.deepEqual(await result, { ...text('sdk on our store'), _meta: { [RELATED]: { taskId: task.taskId } } });
    const got = await sdk.end.getTask(task.taskId);
    assert.equal(got.status, 'completed');
    assert.deepEqual((await store.getResult('anonymous', task.taskId)).outcome, { type: 'result', result: text('sdk on our store') });
    // The SDK's own handlers re-wrap our errors (keeping the code, dropping data): -32602, no data.code.
    await rejectsBySdk(sdk.end.request('tasks/cancel', { taskId: task.taskId }), -32602);
  });

  it('R71 an unknown task id gives -32602 (not -32603) on tasks/get, tasks/result and tasks/cancel', async () => {
    const { sdk } = await start();
    // The SDK's handlers re-wrap these (code kept, data dropped); the adapter's own codes: last test.
    await rejectsBySdk(sdk.end.getTask('no-such-task'), -32602);
    await rejectsBySdk(sdk.end.request('tasks/result', { taskId: 'no-such-task' }), -32602);
    await rejectsBySdk(sdk.end.request('tasks/cancel', { taskId: 'no-such-task' }), -32602);
  });

  it('R64 a garbage cursor through the SDK tasks/list -> -32602', async () => {
    const { sdk } = await start();
    await rejectsBySdk(sdk.end.request('tasks/list', { cursor: 'garbage' }), -32602);
  });

  it('the adapter itself rejects with integer JSON-RPC codes and our string data.code, never a bare Error', async () => {
    const { store } = await start();
    const adapter = toSdkTaskStore(store);
    assert.equal(await adapter.getTask('nope'), null);
    for (const [op, code] of [
      [() => adapter.getTaskResult('nope'), 'TASK_NOT_FOUND'],
      [() => adapter.updateTaskStatus('nope', 'working'), 'TASK_NOT_FOUND'],
      [() => adapter.listTasks('garbage'), 'INVALID_CURSOR'],
    ] as const) {
      await assert.rejects(op(), (e: { code?: unknown; data?: { code?: unknown } }) => e.code === -32602 && e.data?.code === code);
    }
  });
});
