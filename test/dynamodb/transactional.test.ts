/**
 * The transactional create (`transactions: true`) end to end on dynalite, whose missing
 * TransactWriteItems the test client emulates with dynalite's own conditional writes
 * (transact-emulation.ts says what that shows and what not): the whole store suite (quota,
 * storage caps and concurrency areas included), and the requests of a create.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runStoreConformance } from '../../conformance/index.js';
import { ManualClock } from '../../src/clock.js';
import type { CompleteInput } from '../../src/contract.js';
import { countRequests, startDynamo } from './harness.js';
import { emulateTransactions } from './transact-emulation.js';

const ALICE = 'auth:alice';
const INPUT = { request: { method: 'tools/call', params: { name: 'echo' } } };
const DONE: CompleteInput = { status: 'completed', outcome: { type: 'result', result: { content: [] } } };

const dynamo = await startDynamo();
after(() => dynamo.stop());
const plain = dynamo.newClient();

function transacting() {
  const client = dynamo.newClient();
  emulateTransactions(client, plain);
  return client;
}

runStoreConformance({
  name: 'DynamoDbTaskStore, one-transaction create (TransactWriteItems emulated on dynalite)',
  factory: ({ clock, security }) => dynamo.openStore({ clock, client: transacting(), transactions: true, ...(security && { security }) }),
});

describe('DynamoDbTaskStore: requests of a transactional create', () => {
  it('create = 1 TransactWriteItems; at a full quota holding finished tasks: the refused transaction, 1 GetItem explaining it, 1 BatchGetItem, 1 UpdateItem releasing, the transaction again', async () => {
    const client = transacting();
    const counter = countRequests(client);
    const store = await dynamo.openStore({ client, clock: new ManualClock(), transactions: true, security: { maxActiveTasksPerOwner: 3 } });
    const tasks = [];
    for (let i = 0; i < 3; i++) {
      counter.reset();
      tasks.push(await store.create(ALICE, INPUT));
      assert.deepEqual(counter.counts, { TransactWriteItemsCommand: 1 });
    }
    await store.complete(ALICE, tasks[0]!.taskId, DONE);
    await store.cancel(ALICE, tasks[1]!.taskId);
    counter.reset();
    await store.create(ALICE, INPUT);
    assert.deepEqual(counter.counts, { TransactWriteItemsCommand: 2, GetItemCommand: 1, BatchGetItemCommand: 1, UpdateItemCommand: 1 });
    counter.reset();
    await store.create(ALICE, INPUT);
    assert.deepEqual(counter.counts, { TransactWriteItemsCommand: 1 }, 'both finished tasks were released in that one round');
    await assert.rejects(store.create(ALICE, INPUT), { code: 'QUOTA_EXCEEDED' });
    assert.equal((await store.list(ALICE)).tasks.length, 5, 'a refused transaction wrote nothing');
    assert.equal(store.transactionalCreate, true);
    await store.close();
  });

  it('R38 storage caps stay exact: 20 concurrent creates from two instances beside 3 finished tasks, 8 stored tasks allowed: exactly 5 succeed', async () => {
    const clock = new ManualClock();
    const security = { maxActiveTasksPerOwner: 8, maxStoredTasksPerOwner: 8 };
    const a = await dynamo.openStore({ client: transacting(), clock, transactions: true, security });
    const b = await dynamo.openStore({ client: transacting(), tableName: a.tableName, clock, transactions: true, security });
    for (let i = 0; i < 3; i++) await a.complete(ALICE, (await b.create(ALICE, INPUT)).taskId, DONE);
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).create(ALICE, INPUT)));
    assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 5);
    for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'STORAGE_EXHAUSTED');
    assert.equal((await a.list(ALICE)).tasks.length, 8);
    await Promise.all([a.close(), b.close()]);
  });
});
