/**
 * Requests per operation, counted in the client's middleware stack: each operation sends the
 * minimum its design needs (see src/stores/dynamodb/store.ts), and refusals decided in code send
 * nothing. Counts are exact on dynalite; on an endpoint that returns the item with a failed
 * condition (real DynamoDB) the refusal paths need one GetItem less. Creates are counted on the
 * two-request path (`transactions: false`; dynalite has no transactions); the transactional
 * create, one TransactWriteItems, has tests of its own at the end.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput } from '../../src/contract.js';
import type { DynamoDbTaskStore } from '../../src/stores/dynamodb/store.js';
import type { TransactionMode } from '../../src/stores/dynamodb/transactions.js';
import { countRequests, EXTERNAL_ENDPOINT, startDynamo, type Dynamo } from './harness.js';

const ALICE = 'auth:alice';
const INPUT = { request: { method: 'tools/call', params: { name: 'echo', arguments: { text: 'hi' } } } };
const DONE: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [] } } };
/** GetItems a refusal costs to be explained (dynalite does not return the item with the failure). */
const EXPLAIN = EXTERNAL_ENDPOINT === undefined ? 1 : undefined;

let dynamo: Dynamo;
before(async () => {
  dynamo = await startDynamo();
});
after(() => dynamo.stop());

async function setup(
  security = {},
  transactions: TransactionMode = false,
): Promise<{ store: DynamoDbTaskStore; counter: ReturnType<typeof countRequests>; clock: ManualClock }> {
  const client = dynamo.newClient();
  const counter = countRequests(client);
  const clock = new ManualClock();
  const store = await dynamo.openStore({ client, clock, transactions, security: { maxActiveTasksPerOwner: 50, ...security } });
  return { store, counter, clock };
}

/** The requests `action` sends. */
async function requestsOf(counter: ReturnType<typeof countRequests>, action: () => Promise<unknown>): Promise<Record<string, number>> {
  counter.reset();
  await action().catch(() => undefined);
  return { ...counter.counts };
}

function assertExplained(counts: Record<string, number>, expected: Record<string, number>): void {
  const { GetItemCommand: gets = 0, ...rest } = counts;
  const { GetItemCommand: expectedGets = 0, ...expectedRest } = expected;
  assert.deepEqual(rest, expectedRest);
  if (EXPLAIN === undefined) assert.ok(gets === expectedGets || gets === expectedGets + 1, `GetItem ${gets}`);
  else assert.equal(gets, expectedGets + EXPLAIN);
}

describe('DynamoDbTaskStore: requests per operation', () => {
  it('create without transactions = 2 requests: 1 UpdateItem (quota reservation) + 1 PutItem (the task)', async () => {
    const { store, counter } = await setup();
    assert.deepEqual(await requestsOf(counter, () => store.create(ALICE, INPUT)), { UpdateItemCommand: 1, PutItemCommand: 1 });
  });

  it('get = 1 GetItem; getResult = 1 GetItem', async () => {
    const { store, counter } = await setup();
    const task = await store.create(ALICE, INPUT);
    assert.deepEqual(await requestsOf(counter, () => store.get(ALICE, task.taskId)), { GetItemCommand: 1 });
    await store.complete(ALICE, task.taskId, DONE);
    assert.deepEqual(await requestsOf(counter, () => store.getResult(ALICE, task.taskId)), { GetItemCommand: 1 });
  });

  it('updateStatus, complete, cancel = 1 UpdateItem each (no byte cap)', async () => {
    const { store, counter } = await setup({ maxStoredBytesPerOwner: null });
    const a = await store.create(ALICE, INPUT);
    const b = await store.create(ALICE, INPUT);
    const c = await store.create(ALICE, INPUT);
    const one = { UpdateItemCommand: 1 };
    assert.deepEqual(
      await requestsOf(counter, () => store.updateStatus(ALICE, a.taskId, { from: 'working', to: 'input_required', statusMessage: 'q' })),
      one,
    );
    assert.deepEqual(await requestsOf(counter, () => store.updateStatus(ALICE, a.taskId, { from: 'input_required', to: 'working' })), one);
    assert.deepEqual(await requestsOf(counter, () => store.complete(ALICE, a.taskId, DONE)), one);
    assert.deepEqual(
      await requestsOf(counter, () =>
        store.complete(ALICE, b.taskId, { status: 'failed', outcome: { type: 'error', error: { code: -1, message: 'x' } } }),
      ),
      one,
    );
    assert.deepEqual(await requestsOf(counter, () => store.cancel(ALICE, c.taskId)), one);
    assert.equal((await store.get(ALICE, a.taskId)).status, 'completed');
  });

  it('setVariables = 1 GetItem + 1 UpdateItem (conditional on the version read; no byte cap)', async () => {
    const { store, counter } = await setup({ maxStoredBytesPerOwner: null });
    const task = await store.create(ALICE, INPUT);
    assert.deepEqual(await requestsOf(counter, () => store.setVariables(ALICE, task.taskId, { a: 1 })), {
      GetItemCommand: 1,
      UpdateItemCommand: 1,
    });
  });

  it('with a byte cap, a write that changes stored bytes (complete, setVariables) sends 1 UpdateItem more, moving the owner usage; cancel and status updates do not', async () => {
    const { store, counter } = await setup();
    const a = await store.create(ALICE, INPUT);
    const b = await store.create(ALICE, INPUT);
    assert.deepEqual(await requestsOf(counter, () => store.setVariables(ALICE, a.taskId, { a: 1 })), {
      GetItemCommand: 1,
      UpdateItemCommand: 2,
    });
    assert.deepEqual(await requestsOf(counter, () => store.updateStatus(ALICE, a.taskId, { from: 'working', to: 'input_required' })), {
      UpdateItemCommand: 1,
    });
    assert.deepEqual(await requestsOf(counter, () => store.complete(ALICE, a.taskId, DONE)), { UpdateItemCommand: 2 });
    assert.deepEqual(await requestsOf(counter, () => store.cancel(ALICE, b.taskId)), { UpdateItemCommand: 1 });
    // create stays 2 requests: the storage claim rides on the quota reservation.
    assert.deepEqual(await requestsOf(counter, () => store.create(ALICE, INPUT)), { UpdateItemCommand: 1, PutItemCommand: 1 });
  });

  it('a list page = 1 Query, with or without a cursor, also on the last page', async () => {
    const { store, counter } = await setup();
    for (let i = 0; i < 5; i++) await store.create(ALICE, INPUT);
    let cursor: string | undefined;
    const pages: number[] = [];
    do {
      counter.reset();
      const page = await store.list(ALICE, { limit: 2, ...(cursor !== undefined && { cursor }) });
      assert.deepEqual(counter.counts, { QueryCommand: 1 });
      pages.push(page.tasks.length);
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    assert.deepEqual(pages, [2, 2, 1]);
    assert.deepEqual(await requestsOf(counter, () => store.list('auth:nobody')), { QueryCommand: 1 });
  });

  it('a page that ends exactly at the last task has no nextCursor (no empty follow-up page)', async () => {
    const { store } = await setup();
    for (let i = 0; i < 4; i++) await store.create(ALICE, INPUT);
    const first = await store.list(ALICE, { limit: 2 });
    const second = await store.list(ALICE, { limit: 2, cursor: first.nextCursor! });
    assert.equal(second.tasks.length, 2);
    assert.equal(second.nextCursor, undefined);
  });

  it('a refused transition = 1 UpdateItem (+ 1 GetItem to explain it where the endpoint returns no item)', async () => {
    const { store, counter } = await setup();
    const task = await store.create(ALICE, INPUT);
    await store.cancel(ALICE, task.taskId);
    assertExplained(await requestsOf(counter, () => store.complete(ALICE, task.taskId, DONE)), { UpdateItemCommand: 1 });
    assertExplained(await requestsOf(counter, () => store.cancel('auth:mallory', task.taskId)), { UpdateItemCommand: 1 });
  });

  it('refusals decided in code send nothing: bad arguments, anonymous owner, oversize values, transitions from terminal statuses only', async () => {
    const { store, counter } = await setup();
    const task = await store.create(ALICE, INPUT);
    assert.equal(await requestsOf(counter, () => store.get(ALICE, '')).then((c) => Object.keys(c).length), 0);
    assert.deepEqual(await requestsOf(counter, () => store.create('anonymous', INPUT)), {});
    assert.deepEqual(
      await requestsOf(counter, () =>
        store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { big: 'x'.repeat(500_000) } } }),
      ),
      {},
    );
    assert.deepEqual(await requestsOf(counter, () => store.list(ALICE, { cursor: 'garbage' })), {});
    // `from` holds only terminal statuses: nothing can be written, so only a read explains the refusal.
    assert.deepEqual(await requestsOf(counter, () => store.updateStatus(ALICE, task.taskId, { from: 'completed', to: 'working' })), {
      GetItemCommand: 1,
    });
  });

  it('create at a full quota holding finished tasks: reservation refused, 1 BatchGetItem, 1 UpdateItem releasing them, then the 2 writes of a create', async () => {
    const { store, counter } = await setup({ maxActiveTasksPerOwner: 3 });
    const tasks = [];
    for (let i = 0; i < 3; i++) tasks.push(await store.create(ALICE, INPUT));
    await store.complete(ALICE, tasks[0]!.taskId, DONE);
    await store.cancel(ALICE, tasks[1]!.taskId);
    assertExplained(await requestsOf(counter, () => store.create(ALICE, INPUT)), {
      UpdateItemCommand: 3,
      BatchGetItemCommand: 1,
      PutItemCommand: 1,
    });
    // Both finished tasks were released in that one round: the next create is 2 requests again.
    assert.deepEqual(await requestsOf(counter, () => store.create(ALICE, INPUT)), { UpdateItemCommand: 1, PutItemCommand: 1 });
  });

  it('create refused at a full quota of active tasks: 1 UpdateItem + 1 BatchGetItem, nothing written', async () => {
    const { store, counter } = await setup({ maxActiveTasksPerOwner: 2 });
    await store.create(ALICE, INPUT);
    await store.create(ALICE, INPUT);
    const counts = await requestsOf(counter, () => store.create(ALICE, INPUT));
    assertExplained(counts, { UpdateItemCommand: 1, BatchGetItemCommand: 1 });
  });

  it('expired reservations are released without reading their tasks', async () => {
    const { store, counter, clock } = await setup({ maxActiveTasksPerOwner: 2 });
    await store.create(ALICE, { ...INPUT, ttl: 1000 });
    await store.create(ALICE, { ...INPUT, ttl: 1000 });
    clock.advance(1000);
    assertExplained(await requestsOf(counter, () => store.create(ALICE, INPUT)), { UpdateItemCommand: 3, PutItemCommand: 1 });
  });

  it("transactions 'auto' (the default): the first create learns whether the endpoint has transactions; then ONE TransactWriteItems per create there, else the two requests", async () => {
    const { store, counter } = await setup({}, 'auto');
    assert.equal(store.transactionalCreate, undefined, 'not known before the first create');
    const first = await requestsOf(counter, () => store.create(ALICE, INPUT));
    const second = await requestsOf(counter, () => store.create(ALICE, INPUT));
    if (EXTERNAL_ENDPOINT === undefined) {
      // dynalite answers UnknownOperationException: nothing was written, the create goes on in two requests.
      assert.deepEqual(first, { TransactWriteItemsCommand: 1, UpdateItemCommand: 1, PutItemCommand: 1 });
      assert.deepEqual(second, { UpdateItemCommand: 1, PutItemCommand: 1 });
      assert.equal(store.transactionalCreate, false);
    } else if (store.transactionalCreate === true) {
      assert.deepEqual(first, { TransactWriteItemsCommand: 1 });
      assert.deepEqual(second, { TransactWriteItemsCommand: 1 });
    }
    assert.equal((await store.list(ALICE)).tasks.length, 2);
  });

  it(
    'transactions: true on an endpoint without them: the create fails STORE_UNAVAILABLE and writes nothing',
    { skip: EXTERNAL_ENDPOINT !== undefined && 'the endpoint may have transactions' },
    async () => {
      const { store, counter } = await setup({}, true);
      counter.reset();
      await assert.rejects(store.create(ALICE, INPUT), { code: 'STORE_UNAVAILABLE' });
      assert.deepEqual(counter.counts, { TransactWriteItemsCommand: 1 });
      assert.equal(store.transactionalCreate, true);
      assert.deepEqual((await store.list(ALICE)).tasks, []);
    },
  );

  it("a write answers only what it changed when this instance knows the item; after another instance's write it reads the item once; every record exact", async () => {
    const { store: a, counter, clock } = await setup({ maxStoredBytesPerOwner: null });
    const b = await dynamo.openStore({
      client: dynamo.newClient(),
      tableName: a.tableName,
      clock,
      transactions: false,
      security: { maxActiveTasksPerOwner: 50, maxStoredBytesPerOwner: null },
    });
    const task = await a.create(ALICE, INPUT);
    counter.reset();
    const asked = await a.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required', statusMessage: 'which one?' });
    assert.deepEqual(counter.counts, { UpdateItemCommand: 1 });
    assert.deepEqual(asked, await b.get(ALICE, task.taskId), 'the known item + the changed attributes = the stored task');
    const back = await b.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working', statusMessage: null });
    counter.reset();
    const done = await a.complete(ALICE, task.taskId, DONE);
    assert.deepEqual(counter.counts, { UpdateItemCommand: 1, GetItemCommand: 1 }, 'B wrote since A knew the task: one read');
    assert.equal(done.version, back.version + 1);
    assert.deepEqual(done, await b.get(ALICE, task.taskId));
    assert.equal(done.statusMessage, undefined, 'a removed attribute stays removed');
    await b.close();
  });
});
