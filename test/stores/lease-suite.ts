/**
 * Lease rules of the TaskStore contract (src/contract.ts, "Leases"), run against every store by
 * test/stores/lease.test.ts (memory) and test/dynamodb/lease.test.ts (DynamoDB on dynalite).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { LEASE_EXPIRED_MESSAGE, type TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';

export type LeaseStoreFactory = (clock: ManualClock) => Promise<TaskStore>;

const OWNER = 'auth:lease-owner' as Owner;
const REQUEST = { method: 'tools/call', params: { name: 'x' } };

export function runLeaseSuite(name: string, factory: LeaseStoreFactory): void {
  describe(`${name}: leases`, () => {
    async function setup() {
      const clock = new ManualClock();
      const store = await factory(clock);
      return { clock, store, close: () => store.close() };
    }

    it('create with a lease records holder and expiry; without one, no lease', async () => {
      const { clock, store, close } = await setup();
      try {
        const leased = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        assert.deepEqual(leased.lease, { holder: 'a', expiresAt: clock.now() + 1000 });
        assert.deepEqual((await store.get(OWNER, leased.taskId)).lease, leased.lease);
        const plain = await store.create(OWNER, { request: REQUEST });
        assert.equal(plain.lease, undefined);
        clock.advance(10 * 60_000);
        assert.equal((await store.get(OWNER, plain.taskId)).status, 'working', 'a task without a lease never fails by lease');
      } finally {
        await close();
      }
    });

    it('renewLease extends the lease without touching lastUpdatedAt; the task stays working past the old expiry', async () => {
      const { clock, store, close } = await setup();
      try {
        const task = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        clock.advance(800);
        const renewed = await store.renewLease!(OWNER, task.taskId, 'a', 1000);
        assert.equal(renewed.lease?.expiresAt, clock.now() + 1000);
        assert.equal(renewed.lastUpdatedAt, task.lastUpdatedAt);
        clock.advance(800);
        assert.equal((await store.get(OWNER, task.taskId)).status, 'working');
      } finally {
        await close();
      }
    });

    it('an expired lease: get, getResult and list see the task failed with the lease message, once', async () => {
      const { clock, store, close } = await setup();
      try {
        const a = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        const b = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        const c = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 5000 } });
        clock.advance(1000);
        const got = await store.get(OWNER, a.taskId);
        assert.equal(got.status, 'failed');
        assert.equal(got.statusMessage, LEASE_EXPIRED_MESSAGE);
        assert.deepEqual(got.outcome, { type: 'error', error: { code: -32603, message: LEASE_EXPIRED_MESSAGE } });
        const result = await store.getResult(OWNER, a.taskId);
        assert.equal(result.task.version, got.version, 'no second write');
        const page = await store.list(OWNER);
        const byId = new Map(page.tasks.map((t) => [t.taskId, t]));
        assert.equal(byId.get(b.taskId)?.status, 'failed');
        assert.equal(byId.get(c.taskId)?.status, 'working');
        assert.equal((await store.getResult(OWNER, b.taskId)).outcome?.type, 'error');
      } finally {
        await close();
      }
    });

    it('renewLease on a cancelled task returns it cancelled (how the holder learns of a cancel elsewhere)', async () => {
      const { store, close } = await setup();
      try {
        const task = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        await store.cancel(OWNER, task.taskId);
        const answer = await store.renewLease!(OWNER, task.taskId, 'a', 1000);
        assert.equal(answer.status, 'cancelled');
        assert.equal(answer.lease?.expiresAt, task.lease?.expiresAt, 'not renewed');
      } finally {
        await close();
      }
    });

    it('renewLease by another holder does not renew; a missing task is TASK_NOT_FOUND', async () => {
      const { clock, store, close } = await setup();
      try {
        const task = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        const answer = await store.renewLease!(OWNER, task.taskId, 'b', 5000);
        assert.deepEqual(answer.lease, task.lease);
        await assert.rejects(store.renewLease!(OWNER, 'no-such-task', 'a', 1000), (e: { code?: string }) => e.code === 'TASK_NOT_FOUND');
        await assert.rejects(store.renewLease!('auth:someone-else' as Owner, task.taskId, 'a', 1000), (e: { code?: string }) => e.code === 'TASK_NOT_FOUND');
        clock.advance(1000);
        assert.equal((await store.get(OWNER, task.taskId)).status, 'failed');
      } finally {
        await close();
      }
    });

    it('a renewal after expiry but before any read wins: the task stays working', async () => {
      const { clock, store, close } = await setup();
      try {
        const task = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        clock.advance(1500);
        await store.renewLease!(OWNER, task.taskId, 'a', 1000);
        assert.equal((await store.get(OWNER, task.taskId)).status, 'working');
      } finally {
        await close();
      }
    });

    it('a completed leased task is never failed by its old lease', async () => {
      const { clock, store, close } = await setup();
      try {
        const task = await store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 1000 } });
        await store.complete(OWNER, task.taskId, { status: 'completed', outcome: { type: 'result', result: { content: [] } } });
        clock.advance(5000);
        assert.equal((await store.get(OWNER, task.taskId)).status, 'completed');
      } finally {
        await close();
      }
    });

    it('bad lease arguments are INVALID_ARGUMENT', async () => {
      const { store, close } = await setup();
      try {
        await assert.rejects(store.create(OWNER, { request: REQUEST, lease: { holder: '', ms: 1000 } }), (e: { code?: string }) => e.code === 'INVALID_ARGUMENT');
        await assert.rejects(store.create(OWNER, { request: REQUEST, lease: { holder: 'a', ms: 0 } }), (e: { code?: string }) => e.code === 'INVALID_ARGUMENT');
      } finally {
        await close();
      }
    });
  });
}
