/**
 * Quota slots after a worker dies (issue "Bounded resources"): the slots of tasks whose lease
 * expired are released at the next create that finds the quota full, the tasks themselves
 * failing by the expired-lease rule, without anyone listing or reading them first.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { LEASE_EXPIRED_MESSAGE } from '../../src/contract.js';
import { startDynamo, type Dynamo } from './harness.js';

const ALICE = 'auth:alice';
const INPUT = { request: { method: 'tools/call', params: { name: 'delay' } } };

let dynamo: Dynamo;
before(async () => {
  dynamo = await startDynamo();
});
after(() => dynamo.stop());

describe('DynamoDbTaskStore: quota slots of dead workers', () => {
  it('R38 a create finding the quota full fails the tasks whose lease expired and takes a freed slot', async () => {
    const clock = new ManualClock();
    const store = await dynamo.openStore({ clock, security: { maxActiveTasksPerOwner: 2 } });
    const dead = [
      await store.create(ALICE, { ...INPUT, lease: { holder: 'crashed-worker', ms: 3_000 } }),
      await store.create(ALICE, { ...INPUT, lease: { holder: 'crashed-worker', ms: 3_000 } }),
    ];
    await assert.rejects(store.create(ALICE, INPUT), (e: { code?: string }) => e.code === 'QUOTA_EXCEEDED');
    clock.advance(3_000);
    const fresh = await store.create(ALICE, INPUT);
    assert.equal(fresh.status, 'working');
    for (const task of dead) {
      const now = await store.get(ALICE, task.taskId);
      assert.equal(now.status, 'failed');
      assert.equal(now.statusMessage, LEASE_EXPIRED_MESSAGE);
    }
    await store.create(ALICE, INPUT); // the second slot is free as well
    await assert.rejects(store.create(ALICE, INPUT), (e: { code?: string }) => e.code === 'QUOTA_EXCEEDED');
    await store.close();
  });

  it('R38 a live lease keeps its slot', async () => {
    const clock = new ManualClock();
    const store = await dynamo.openStore({ clock, security: { maxActiveTasksPerOwner: 1 } });
    const task = await store.create(ALICE, { ...INPUT, lease: { holder: 'live-worker', ms: 3_000 } });
    clock.advance(2_000);
    await store.renewLease(ALICE, task.taskId, 'live-worker', 3_000);
    clock.advance(2_000);
    await assert.rejects(store.create(ALICE, INPUT), (e: { code?: string }) => e.code === 'QUOTA_EXCEEDED');
    assert.equal((await store.get(ALICE, task.taskId)).status, 'working');
    await store.close();
  });
});
