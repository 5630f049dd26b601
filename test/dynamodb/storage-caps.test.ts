/**
 * Storage caps on DynamoDB beyond the store suite (which runs them on one instance): two
 * instances on one table, concurrent creates, expired and interrupted creates, retried writes.
 * After each scenario the owner's usage totals must equal its per-task entries.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput } from '../../src/contract.js';
import type { SecurityConfig } from '../../src/security.js';
import type { TaskRecord } from '../../src/record.js';
import { partitionKey, QUOTA_SORT_KEY } from '../../src/stores/dynamodb/keys.js';
import { entryName, STORAGE_OVERHEAD_BYTES } from '../../src/stores/dynamodb/storage-caps.js';
import type { DynamoDbTaskStore } from '../../src/stores/dynamodb/store.js';
import { countRequests, startDynamo, type Dynamo } from './harness.js';

const ALICE = 'auth:alice';
const BOB = 'auth:bob';
const INPUT = { request: { method: 'tools/call', params: { name: 'echo' } } };
const DONE: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [] } } };
const TEXT = 'x'.repeat(10 * 1024);
const BIG = { request: { method: 'tools/call', params: { name: 'echo', arguments: { text: TEXT } } } };
const BIG_DONE: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [{ type: 'text', text: TEXT }] } } };

let dynamo: Dynamo;
before(async () => {
  dynamo = await startDynamo();
});
after(() => dynamo.stop());

async function twoInstances(security: Partial<SecurityConfig>, clock = new ManualClock()): Promise<[DynamoDbTaskStore, DynamoDbTaskStore]> {
  const a = await dynamo.openStore({ clock, security });
  const b = await dynamo.openStore({ client: dynamo.newClient(), tableName: a.tableName, clock, security });
  return [a, b];
}

async function quotaItem(store: DynamoDbTaskStore, owner = ALICE) {
  const key = { pk: { S: partitionKey(owner) }, sk: { S: QUOTA_SORT_KEY } };
  return (await dynamo.client.send(new GetItemCommand({ TableName: store.tableName, Key: key, ConsistentRead: true }))).Item ?? {};
}

/** The usage totals equal the per-task entries, and the entries are exactly `tasks`, each at its bytes. */
async function assertUsage(store: DynamoDbTaskStore, tasks: readonly TaskRecord[], owner = ALICE): Promise<void> {
  const item = await quotaItem(store, owner);
  const entries = Object.entries(item).filter(([name]) => name.startsWith('u.'));
  const sum = entries.reduce((n, [, v]) => n + Number(v.N), 0);
  assert.equal(Number(item.usageTasks?.N ?? 0), entries.length, 'usageTasks = number of entries');
  assert.equal(Number(item.usageBytes?.N ?? 0), sum, 'usageBytes = sum of entries');
  const expected = Object.fromEntries(tasks.map((t) => [entryName(t), String((t.storedBytes ?? 0) + STORAGE_OVERHEAD_BYTES)]));
  assert.deepEqual(Object.fromEntries(entries.map(([name, v]) => [name, v.N])), expected);
}

async function settle(creates: Promise<TaskRecord>[]): Promise<{ ok: TaskRecord[]; codes: string[] }> {
  const settled = await Promise.allSettled(creates);
  const ok = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const codes = settled.flatMap((s) => (s.status === 'rejected' ? [String((s.reason as { code?: string }).code)] : []));
  return { ok, codes };
}

describe('DynamoDbTaskStore: storage caps across instances', () => {
  it('R38 two instances on one table count the same finished tasks; the refusal drops nothing', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 2, maxStoredTasksPerOwner: 4 });
    const stored: TaskRecord[] = [];
    for (const [i, store] of [a, b, a, b].entries()) {
      const task = await store.create(ALICE, INPUT);
      stored.push(await (i % 2 ? a : b).complete(ALICE, task.taskId, DONE));
    }
    for (const store of [a, b]) await assert.rejects(store.create(ALICE, INPUT), { code: 'STORAGE_EXHAUSTED' });
    assert.deepEqual((await b.list(ALICE)).tasks, stored, 'every stored task is still there, unchanged');
    await assertUsage(a, stored);
    await a.create(BOB, INPUT);
    await Promise.all([a.close(), b.close()]);
  });

  it('R38 bytes: results stored through one instance count against creates on the other', async () => {
    const [a, b] = await twoInstances({ maxStoredBytesPerOwner: 64 * 1024 });
    const stored: TaskRecord[] = [];
    for (;;) {
      const created = await a.create(ALICE, BIG).catch((err: { code?: string }) => assert.equal(err.code, 'STORAGE_EXHAUSTED'));
      if (created === undefined) break;
      stored.push(await b.complete(ALICE, created.taskId, BIG_DONE));
    }
    // Each task holds ~20 KiB (params + result) + the overhead: 3 fit in 64 KiB, never more.
    assert.equal(stored.length, 3);
    await assertUsage(b, stored);
    await Promise.all([a.close(), b.close()]);
  });

  it('R38 20 concurrent creates from two instances beside 3 finished tasks, 8 stored tasks allowed: exactly 5 succeed', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 8, maxStoredTasksPerOwner: 8 });
    const finished: TaskRecord[] = [];
    for (let i = 0; i < 3; i++) finished.push(await a.complete(ALICE, (await b.create(ALICE, INPUT)).taskId, DONE));
    const { ok, codes } = await settle(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(ALICE, INPUT)));
    assert.equal(ok.length, 5);
    assert.deepEqual(new Set(codes), new Set(['STORAGE_EXHAUSTED']));
    assert.equal((await a.list(ALICE)).tasks.length, 8);
    await assertUsage(a, [...finished, ...ok]);
    await Promise.all([a.close(), b.close()]);
  });

  it('R38 20 concurrent creates of 10 KiB under a 64 KiB byte cap: exactly as many as fit', async () => {
    const [a, b] = await twoInstances({ maxStoredBytesPerOwner: 64 * 1024 });
    const { ok, codes } = await settle(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(ALICE, BIG)));
    const each = ok[0]!.storedBytes! + STORAGE_OVERHEAD_BYTES;
    assert.equal(ok.length, Math.floor((64 * 1024) / each));
    assert.deepEqual(new Set(codes), new Set(['STORAGE_EXHAUSTED']));
    await assertUsage(a, ok);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('DynamoDbTaskStore: storage freed without a sweeper', () => {
  it('R36 expired tasks stop counting at the next create that meets the cap, without reading them', async () => {
    const clock = new ManualClock();
    const client = dynamo.newClient();
    const counter = countRequests(client);
    const store = await dynamo.openStore({ client, clock, security: { maxActiveTasksPerOwner: 3, maxStoredTasksPerOwner: 3 } });
    const short = await store.create(ALICE, { ...INPUT, ttl: 1000 });
    await store.complete(ALICE, short.taskId, DONE);
    await store.complete(ALICE, (await store.create(ALICE, { ...INPUT, ttl: 1000 })).taskId, DONE);
    const kept = await store.complete(ALICE, (await store.create(ALICE, INPUT)).taskId, DONE);
    await assert.rejects(store.create(ALICE, INPUT), { code: 'STORAGE_EXHAUSTED' });
    clock.advance(1000);
    counter.reset();
    const fresh = await store.create(ALICE, INPUT);
    // Storage needs no read; the quota reads its one unexpired reservation (the kept task).
    assert.equal(counter.counts.BatchGetItemCommand ?? 0, 1);
    assert.equal(counter.counts.QueryCommand, undefined);
    assert.equal(counter.counts.ScanCommand, undefined);
    await assertUsage(store, [kept, fresh]);
    await store.close();
  });

  it('R38 a create that died between its two writes stops counting after the grace period', async () => {
    const clock = new ManualClock();
    const store = await dynamo.openStore({
      clock,
      security: { maxActiveTasksPerOwner: 2, maxStoredTasksPerOwner: 2 },
      reservationGraceMs: 60_000,
    });
    const kept = await store.complete(ALICE, (await store.create(ALICE, INPUT)).taskId, DONE);
    // The first write of a create (reservation + storage claim) without its task item.
    const phantom = { taskId: 'AAAAAAAAAAAAAAAAAAAAAA', createdAt: clock.now(), expiresAt: clock.now() + 3_600_000 };
    await dynamo.client.send(
      new UpdateItemCommand({
        TableName: store.tableName,
        Key: { pk: { S: partitionKey(ALICE) }, sk: { S: QUOTA_SORT_KEY } },
        UpdateExpression: 'ADD active :e, usageTasks :one, usageBytes :b, #u :b',
        ExpressionAttributeNames: { '#u': entryName(phantom) },
        ExpressionAttributeValues: {
          ':e': { SS: [`${phantom.taskId}.${phantom.createdAt}.${phantom.expiresAt}`] },
          ':one': { N: '1' },
          ':b': { N: '600' },
        },
      }),
    );
    await assert.rejects(store.create(ALICE, INPUT), { code: 'STORAGE_EXHAUSTED' });
    clock.advance(60_000);
    const fresh = await store.create(ALICE, INPUT);
    await assertUsage(store, [kept, fresh]);
    assert.ok(!(await quotaItem(store)).active?.SS?.some((e) => e.startsWith(phantom.taskId)), 'the reservation went with it');
    await store.close();
  });

  it('a create and a complete the SDK sent twice (first answer lost) are counted once', async () => {
    const client = dynamo.newClient();
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand' || context.commandName === 'PutItemCommand') await next(args);
        return next(args);
      },
      { step: 'initialize', name: 'duplicateWrites' },
    );
    const store = await dynamo.openStore({
      client,
      clock: new ManualClock(),
      security: { maxActiveTasksPerOwner: 2, maxStoredTasksPerOwner: 2 },
    });
    const task = await store.create(ALICE, BIG);
    const withVariables = await store.setVariables(ALICE, task.taskId, { note: 'y'.repeat(100) });
    const done = await store.complete(ALICE, withVariables.taskId, BIG_DONE);
    await assertUsage(store, [done]);
    await store.create(ALICE, INPUT); // the second slot is still free
    await store.close();
  });
});

describe('DynamoDbTaskStore: storage cap options', () => {
  it('the constructor refuses caps the quota item cannot count, and accepts the defaults up to 1 000 active tasks', async () => {
    const { DynamoDbTaskStore } = await import('../../src/stores/dynamodb/store.js');
    const open = (security: Partial<SecurityConfig>) => new DynamoDbTaskStore({ client: dynamo.client, tableName: 'tasks', security });
    assert.throws(() => open({ maxStoredTasksPerOwner: null }), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => open({ maxActiveTasksPerOwner: 2000 }), { code: 'INVALID_ARGUMENT' });
    assert.equal(open({ maxActiveTasksPerOwner: 1000 }).capabilities.storageCaps, true);
    open({ maxActiveTasksPerOwner: 5000, maxStoredTasksPerOwner: null, maxStoredBytesPerOwner: null });
  });
});
