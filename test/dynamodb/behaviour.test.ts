/**
 * What only the DynamoDB store has to get right: the 400 KB item limit, native TTL lag, the
 * quota under concurrent creates from several instances, races between instances, retried
 * writes, unreachable endpoints, long owners, and shared cursors.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { GetItemCommand, UpdateItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput, TaskStore } from '../../src/contract.js';
import type { TaskRecord } from '../../src/record.js';
import { partitionKey, QUOTA_SORT_KEY, taskSortKey } from '../../src/stores/dynamodb/keys.js';
import { MAX_ITEM_BYTES } from '../../src/stores/dynamodb/marshal.js';
import { DynamoDbTaskStore } from '../../src/stores/dynamodb/store.js';
import { closedPort, countRequests, EXTERNAL_ENDPOINT, startDynamo, type Dynamo } from './harness.js';

const ALICE = 'auth:alice';
const BOB = 'auth:bob';
const INPUT = { request: { method: 'tools/call', params: { name: 'echo' } } };
const DONE: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [{ type: 'text', text: 'done' }] } } };
const SECRET = 'shared-cursor-secret';

let dynamo: Dynamo;
before(async () => {
  dynamo = await startDynamo();
});
after(() => dynamo.stop());

async function expectCode(action: Promise<unknown>, code: string): Promise<Error & { code: string }> {
  try {
    await action;
  } catch (err) {
    assert.equal((err as { code?: string }).code, code, String(err));
    return err as Error & { code: string };
  }
  assert.fail(`expected ${code}, but the call succeeded`);
}

async function rawItem(client: DynamoDBClient, tableName: string, owner: string, sk: string) {
  return (
    await client.send(
      new GetItemCommand({ TableName: tableName, Key: { pk: { S: partitionKey(owner) }, sk: { S: sk } }, ConsistentRead: true }),
    )
  ).Item;
}

/** Two store instances on one table, each with its own client: two processes, as far as DynamoDB can tell. */
async function twoInstances(security: object, clock = new ManualClock()): Promise<[DynamoDbTaskStore, DynamoDbTaskStore]> {
  const a = await dynamo.openStore({ clock, security, cursorSecret: SECRET });
  const b = await dynamo.openStore({ client: dynamo.newClient(), tableName: a.tableName, clock, security, cursorSecret: SECRET });
  return [a, b];
}

describe('DynamoDbTaskStore: the 400 KB item limit', () => {
  it('a ~500 KB result fails PAYLOAD_TOO_LARGE with a clear message, nothing is sent, and the task is unchanged', async () => {
    const client = dynamo.newClient();
    const counter = countRequests(client);
    const store = await dynamo.openStore({ client, clock: new ManualClock() });
    const task = await store.create(ALICE, INPUT);
    counter.reset();
    const err = await expectCode(
      store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { text: 'x'.repeat(500_000) } } }),
      'PAYLOAD_TOO_LARGE',
    );
    assert.match(err.message, /one DynamoDB item/);
    assert.match(err.message, new RegExp(`limit is ${MAX_ITEM_BYTES} bytes`));
    assert.deepEqual(counter.counts, {}, 'refused before any request');
    assert.deepEqual(await store.get(ALICE, task.taskId), task);
    await store.close();
  });

  it('a result that fits alone but not with the stored request fails PAYLOAD_TOO_LARGE (DynamoDB refuses the item); nothing is written', async () => {
    const store = await dynamo.openStore({ clock: new ManualClock() });
    const task = await store.create(ALICE, { request: { method: 'tools/call', params: { blob: 'r'.repeat(250_000) } } });
    const err = await expectCode(
      store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { blob: 'x'.repeat(200_000) } } }),
      'PAYLOAD_TOO_LARGE',
    );
    const size = (err as unknown as { size: number }).size;
    assert.ok(size > MAX_ITEM_BYTES && size < 460_000, `reported size ${size}`);
    assert.deepEqual(await store.get(ALICE, task.taskId), task);
    // A result that fits is stored; the task was not harmed.
    assert.equal(
      (
        await store.complete(ALICE, task.taskId, {
          status: 'completed',
          outcome: { type: 'result', result: { blob: 'x'.repeat(100_000) } },
        })
      ).status,
      'completed',
    );
    await store.close();
  });

  it('an oversize create fails PAYLOAD_TOO_LARGE before any request: no task, no quota slot used', async () => {
    const client = dynamo.newClient();
    const counter = countRequests(client);
    const store = await dynamo.openStore({
      client,
      clock: new ManualClock(),
      security: { maxRequestBytes: 1024 * 1024, maxActiveTasksPerOwner: 1 },
    });
    counter.reset();
    await expectCode(
      store.create(ALICE, { request: { method: 'tools/call', params: { blob: 'r'.repeat(450_000) } } }),
      'PAYLOAD_TOO_LARGE',
    );
    assert.deepEqual(counter.counts, {});
    assert.equal(await rawItem(client, store.tableName, ALICE, QUOTA_SORT_KEY), undefined);
    await store.create(ALICE, INPUT); // the only slot is still free
    await store.close();
  });

  it('setVariables whose merged item would not fit fails PAYLOAD_TOO_LARGE and keeps the variables', async () => {
    const store = await dynamo.openStore({
      clock: new ManualClock(),
      security: { maxVariablesBytes: 1024 * 1024, maxRequestBytes: 1024 * 1024 },
    });
    const task = await store.create(ALICE, {
      request: { method: 'tools/call', params: { blob: 'r'.repeat(300_000) } },
      variables: { a: 1 },
    });
    await expectCode(store.setVariables(ALICE, task.taskId, { b: 'v'.repeat(150_000) }), 'PAYLOAD_TOO_LARGE');
    assert.deepEqual((await store.get(ALICE, task.taskId)).variables, { a: 1 });
    await store.close();
  });

  it('multi-byte text is measured in UTF-8 bytes, as DynamoDB does', async () => {
    const store = await dynamo.openStore({ clock: new ManualClock() });
    const task = await store.create(ALICE, INPUT);
    // 150k three-byte characters: 450 KB in UTF-8, though only 150k UTF-16 units.
    await expectCode(
      store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { text: '€'.repeat(150_000) } } }),
      'PAYLOAD_TOO_LARGE',
    );
    const done = await store.complete(ALICE, task.taskId, {
      status: 'completed',
      outcome: { type: 'result', result: { text: '€'.repeat(100_000) } },
    });
    assert.equal((await store.getResult(ALICE, task.taskId)).outcome?.type, 'result');
    assert.equal(done.status, 'completed');
    await store.close();
  });
});

describe('DynamoDbTaskStore: native TTL lag', () => {
  it('an item past its expiry that TTL has not deleted yet is invisible to every read and write; cleanup deletes it', async () => {
    const clock = new ManualClock(Date.UTC(2025, 10, 25, 10, 30, 0, 250));
    const store = await dynamo.openStore({ clock });
    const task = await store.create(ALICE, { ...INPUT, ttl: 1000 });
    const keep = await store.create(ALICE, { ...INPUT, ttl: 5000 });
    const stored = await rawItem(dynamo.client, store.tableName, ALICE, taskSortKey(task.taskId));
    assert.equal(stored?.expiresAt?.N, String(task.expiresAt));
    // Native TTL gets whole seconds, rounded UP: it can never delete before the exact expiry.
    assert.equal(stored?.expiresAtSec?.N, String(Math.ceil(task.expiresAt! / 1000)));
    clock.advance(1000);
    assert.ok(await rawItem(dynamo.client, store.tableName, ALICE, taskSortKey(task.taskId)), 'still stored: TTL deletes late');
    await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
    await expectCode(store.cancel(ALICE, task.taskId), 'TASK_NOT_FOUND');
    await expectCode(store.complete(ALICE, task.taskId, DONE), 'TASK_NOT_FOUND');
    await expectCode(store.setVariables(ALICE, task.taskId, { a: 1 }), 'TASK_NOT_FOUND');
    assert.deepEqual(
      (await store.list(ALICE)).tasks.map((t) => t.taskId),
      [keep.taskId],
    );
    assert.deepEqual(
      await rawItem(dynamo.client, store.tableName, ALICE, taskSortKey(task.taskId)),
      stored,
      'refused writes changed nothing',
    );
    assert.equal(await store.cleanup(), 1);
    assert.equal(await rawItem(dynamo.client, store.tableName, ALICE, taskSortKey(task.taskId)), undefined);
    await store.close();
  });

  it('a page full of expired items is short (never an error), and its cursor moves past them', async () => {
    const clock = new ManualClock();
    const store = await dynamo.openStore({ clock });
    for (let i = 0; i < 3; i++) await store.create(ALICE, { ...INPUT, ttl: 1000 });
    const live = await store.create(ALICE, INPUT);
    clock.advance(1000);
    const first = await store.list(ALICE, { limit: 2 });
    assert.deepEqual(first.tasks, []);
    assert.ok(first.nextCursor);
    const rest = await store.list(ALICE, { limit: 2, cursor: first.nextCursor });
    assert.deepEqual(
      rest.tasks.map((t) => t.taskId),
      [live.taskId],
    );
    await store.close();
  });
});

describe('DynamoDbTaskStore: concurrency across instances', () => {
  it('R38 20 concurrent creates from two instances with a quota of 5: exactly 5 succeed', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 5 });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(ALICE, INPUT)));
    const ok = settled.filter((s): s is PromiseFulfilledResult<TaskRecord> => s.status === 'fulfilled');
    assert.equal(ok.length, 5);
    for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'QUOTA_EXCEEDED');
    const listed = (await a.list(ALICE)).tasks.map((t) => t.taskId).sort();
    assert.deepEqual(listed, ok.map((s) => s.value.taskId).sort());
    const quota = await rawItem(dynamo.client, a.tableName, ALICE, QUOTA_SORT_KEY);
    assert.equal(quota?.active?.SS?.length, 5);
    await Promise.all([a.close(), b.close()]);
  });

  it('R38 20 concurrent creates against a full quota with 3 finished tasks: exactly 3 succeed', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 5 });
    const first = [];
    for (let i = 0; i < 5; i++) first.push(await a.create(ALICE, INPUT));
    await a.complete(ALICE, first[0]!.taskId, DONE);
    await b.cancel(ALICE, first[1]!.taskId);
    await a.complete(ALICE, first[2]!.taskId, { status: 'failed', outcome: { type: 'error', error: { code: -1, message: 'x' } } });
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(ALICE, INPUT)));
    assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 3);
    const active = (await a.list(ALICE, { limit: 100 })).tasks.filter((t) => t.status === 'working');
    assert.equal(active.length, 5);
    await Promise.all([a.close(), b.close()]);
  });

  it('R68 complete vs cancel from two instances: exactly one wins and its record stays', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 100 });
    for (let round = 0; round < 8; round++) {
      const task = await a.create(ALICE, INPUT);
      const racers: (() => Promise<TaskRecord>)[] = [
        () => a.complete(ALICE, task.taskId, DONE),
        () => b.cancel(ALICE, task.taskId, 'raced'),
      ];
      if (round % 2) racers.reverse();
      const settled = await Promise.allSettled(racers.map((r) => r()));
      const winners = settled.filter((s): s is PromiseFulfilledResult<TaskRecord> => s.status === 'fulfilled');
      assert.equal(winners.length, 1, `round ${round}`);
      const loser = settled.find((s) => s.status === 'rejected') as PromiseRejectedResult;
      assert.equal((loser.reason as { code?: string }).code, 'TASK_TERMINAL');
      assert.deepEqual(await b.get(ALICE, task.taskId), winners[0]!.value);
    }
    await Promise.all([a.close(), b.close()]);
  });

  it('R33 lastUpdatedAt never goes backwards when a write stamped earlier lands later (instances whose clocks disagree)', async () => {
    const at = Date.UTC(2026, 11, 6);
    const ahead = await dynamo.openStore({ clock: new ManualClock(at + 5), cursorSecret: SECRET });
    const client = dynamo.newClient();
    const counter = countRequests(client);
    const behind = await dynamo.openStore({ client, tableName: ahead.tableName, clock: new ManualClock(at), cursorSecret: SECRET });
    const task = await behind.create(ALICE, INPUT);
    const asked = await ahead.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
    assert.equal(asked.lastUpdatedAt, at + 5);
    const before = counter.total();
    const cancelled = await behind.cancel(ALICE, task.taskId);
    assert.deepEqual([cancelled.status, cancelled.lastUpdatedAt], ['cancelled', at + 5], 'the later write keeps the later stamp');
    assert.equal((await ahead.get(ALICE, task.taskId)).lastUpdatedAt, at + 5);
    assert.ok(counter.total() - before <= 3, 'the write, the refusal explained, the write again with the stored stamp');
    // A write whose own stamp is later moves it on as always.
    const later = await behind.create(ALICE, INPUT);
    assert.equal((await ahead.complete(ALICE, later.taskId, DONE)).lastUpdatedAt, at + 5);
    await Promise.all([ahead.close(), behind.close()]);
  });

  it('a cursor issued by one instance continues on another that shares the cursorSecret', async () => {
    const [a, b] = await twoInstances({ maxActiveTasksPerOwner: 100 });
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await a.create(ALICE, INPUT)).taskId);
    const first = await a.list(ALICE, { limit: 3 });
    const second = await b.list(ALICE, { limit: 3, cursor: first.nextCursor! });
    assert.deepEqual(
      [...first.tasks, ...second.tasks].map((t) => t.taskId),
      ids,
    );
    assert.equal(second.nextCursor, undefined);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('DynamoDbTaskStore: interrupted creates and retried writes', () => {
  it('a reservation whose task was never written counts until the grace period ends', async () => {
    const clock = new ManualClock();
    const store = await dynamo.openStore({ clock, security: { maxActiveTasksPerOwner: 1 }, reservationGraceMs: 60_000 });
    // A create that died between its two writes: the slot is reserved, the task does not exist.
    await dynamo.client.send(
      new UpdateItemCommand({
        TableName: store.tableName,
        Key: { pk: { S: partitionKey(ALICE) }, sk: { S: QUOTA_SORT_KEY } },
        UpdateExpression: 'ADD active :e',
        ExpressionAttributeValues: { ':e': { SS: [`AAAAAAAAAAAAAAAAAAAAAA.${clock.now()}.`] } },
      }),
    );
    await expectCode(store.create(ALICE, INPUT), 'QUOTA_EXCEEDED');
    clock.advance(59_999);
    await expectCode(store.create(ALICE, INPUT), 'QUOTA_EXCEEDED');
    clock.advance(1);
    await store.create(ALICE, INPUT);
    await store.close();
  });

  it('a write the SDK sent twice (its first answer lost) is reported as the success it was', async () => {
    const client = dynamo.newClient();
    // Every write reaches DynamoDB twice; the caller sees the second answer, as after a lost response.
    client.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'UpdateItemCommand' || context.commandName === 'PutItemCommand') await next(args);
        return next(args);
      },
      { step: 'initialize', name: 'duplicateWrites' },
    );
    const store = await dynamo.openStore({ client, clock: new ManualClock(), security: { maxActiveTasksPerOwner: 1 } });
    const task = await store.create(ALICE, INPUT);
    const moved = await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
    assert.equal(moved.version, 2);
    const done = await store.complete(ALICE, task.taskId, DONE);
    assert.equal(done.status, 'completed');
    assert.equal(done.version, 3);
    assert.deepEqual(await store.get(ALICE, task.taskId), done);
    await expectCode(store.cancel(ALICE, task.taskId), 'TASK_TERMINAL');
    await store.close();
  });
});

describe('DynamoDbTaskStore: failures of the endpoint', () => {
  it('an unreachable endpoint fails every operation with STORE_UNAVAILABLE, a generic message and the cause kept', async () => {
    const port = await closedPort();
    const client = dynamo.newClient({ endpoint: `http://127.0.0.1:${port}`, maxAttempts: 1 });
    const store = new DynamoDbTaskStore({ client, tableName: 'mcp-tasks-unreachable', clock: new ManualClock() });
    const calls: (() => Promise<unknown>)[] = [
      () => store.create(ALICE, INPUT),
      () => store.get(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA'),
      () => store.list(ALICE),
      () => store.complete(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA', DONE),
      () => store.cancel(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA'),
      () => store.setVariables(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA', { a: 1 }),
      () => store.cleanup(),
    ];
    for (const call of calls) {
      const err = await expectCode(call(), 'STORE_UNAVAILABLE');
      assert.equal(err.message, 'Task store unavailable: DynamoDB could not be reached');
      assert.ok((err as { cause?: unknown }).cause, 'cause kept for logs');
    }
    await store.close();
  });

  it('a missing table fails with STORE_UNAVAILABLE without naming the table', async () => {
    const store = new DynamoDbTaskStore({ client: dynamo.client, tableName: 'mcp-tasks-no-such-table', clock: new ManualClock() });
    const err = await expectCode(store.get(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA'), 'STORE_UNAVAILABLE');
    assert.doesNotMatch(err.message, /no-such-table|ResourceNotFound/);
    await expectCode(store.create(ALICE, INPUT), 'STORE_UNAVAILABLE');
    await store.close();
  });
});

describe('DynamoDbTaskStore: keys and options', () => {
  it('owners too long for a partition key are hashed, and stay isolated', async () => {
    const store = await dynamo.openStore({ clock: new ManualClock() });
    const long = `auth:${'€'.repeat(1000)}`; // 3005 UTF-8 bytes: more than a DynamoDB key may hold
    const other = `auth:${'€'.repeat(999)}x`;
    assert.match(partitionKey(long), /^h#/);
    const task = await store.create(long, INPUT);
    assert.equal((await store.get(long, task.taskId)).owner, long);
    await expectCode(store.get(other, task.taskId), 'TASK_NOT_FOUND');
    await expectCode(store.cancel(other, task.taskId), 'TASK_NOT_FOUND');
    assert.deepEqual(
      (await store.list(long)).tasks.map((t) => t.taskId),
      [task.taskId],
    );
    assert.deepEqual((await store.list(other)).tasks, []);
    await store.close();
  });

  it('the constructor refuses a quota the quota item cannot hold, and a missing client or table', () => {
    assert.throws(() => new DynamoDbTaskStore({ client: dynamo.client, tableName: 'tasks', security: { maxActiveTasksPerOwner: 5001 } }), {
      code: 'INVALID_ARGUMENT',
    });
    assert.throws(() => new DynamoDbTaskStore({ client: undefined as never, tableName: 'tasks' }), { code: 'INVALID_ARGUMENT' });
    assert.throws(() => new DynamoDbTaskStore({ client: dynamo.client, tableName: '' }), { code: 'INVALID_ARGUMENT' });
  });

  it('is shared across processes, and records survive a round trip exactly', async () => {
    const [a, b]: TaskStore[] = await twoInstances({ maxActiveTasksPerOwner: 10 });
    assert.equal(a.capabilities.sharedAcrossProcesses, true);
    const created = await a.create(BOB, {
      request: { method: 'tools/call', params: { n: 1.5e300, s: 'ünïcödé', nested: { list: [null, true, -0.25] } } },
      variables: { k: 'v' },
      statusMessage: 'starting',
    });
    assert.deepEqual(await b.get(BOB, created.taskId), created);
    const done = await b.complete(BOB, created.taskId, {
      status: 'failed',
      outcome: { type: 'error', error: { code: -32000, message: 'boom', data: { big: 1e308 } } },
    });
    assert.deepEqual(await a.getResult(BOB, created.taskId), { task: done, outcome: done.outcome });
    assert.ok(Object.isFrozen(done) && Object.isFrozen(done.request.params) && Object.isFrozen(done.variables));
    await Promise.all([a.close(), b.close()]);
  });
});

if (EXTERNAL_ENDPOINT !== undefined) console.log(`# DynamoDB tests against ${EXTERNAL_ENDPOINT}`);
