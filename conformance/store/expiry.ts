/**
 * Expiry (R36, R37): from `expiresAt` on a task is gone for every read and write, before any
 * cleanup, with the not-found message of a missing task; `cleanup` removes and counts; ttl null never expires.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import {
  ALICE,
  BOB,
  COMPLETED,
  createInput,
  expectCode,
  ids,
  listAll,
  notFoundText,
  missingIdLike,
  STATUSES,
  taskIn,
  type Harness,
} from './common.js';

const TTL = 10_000;
const SECURITY = { defaultTtlMs: TTL, maxTtlMs: 10 * TTL, maxActiveTasksPerOwner: 50 };

const OPERATIONS: Record<string, (store: TaskStore, owner: Owner, taskId: string) => Promise<unknown>> = {
  get: (s, o, id) => s.get(o, id),
  getResult: (s, o, id) => s.getResult(o, id),
  updateStatus: (s, o, id) => s.updateStatus(o, id, { from: ['working', 'input_required'], to: 'input_required' }),
  setVariables: (s, o, id) => s.setVariables(o, id, { a: 1 }),
  complete: (s, o, id) => s.complete(o, id, COMPLETED),
  cancel: (s, o, id) => s.cancel(o, id),
};

export function expiryTests({ describe, it }: Harness): void {
  describe('expiry and cleanup', () => {
    it('R36 a task is visible until just before expiresAt', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const task = await store.create(ALICE, createInput());
      clock.advance(TTL - 1);
      assert.equal((await store.get(ALICE, task.taskId)).taskId, task.taskId);
      assert.deepEqual(ids(await listAll(store, ALICE)), [task.taskId]);
    });

    for (const [name, call] of Object.entries(OPERATIONS)) {
      it(`R36 R37 ${name} at exactly expiresAt fails TASK_NOT_FOUND like a missing ID, in every status, before cleanup`, async ({
        open,
        clock,
      }) => {
        const store = await open(SECURITY);
        const tasks = [];
        for (const status of STATUSES) tasks.push(await taskIn(store, ALICE, status));
        clock.advance(TTL);
        for (const task of tasks) {
          const expired = await expectCode(call(store, ALICE, task.taskId), 'TASK_NOT_FOUND');
          const missingId = missingIdLike(task.taskId);
          const missing = await expectCode(call(store, ALICE, missingId), 'TASK_NOT_FOUND');
          assert.equal(notFoundText(expired, task.taskId), notFoundText(missing, missingId), `${task.status}: message differs`);
        }
      });
    }

    it('R37 after cleanup the same ID fails with the very same error message as while expired', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const task = await store.create(ALICE, createInput());
      clock.advance(TTL);
      const before = await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
      await store.cleanup();
      const after = await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
      assert.equal(after.message, before.message);
      const foreign = await expectCode(store.get(BOB, task.taskId), 'TASK_NOT_FOUND');
      assert.equal(foreign.message, before.message);
    });

    it('R36 R63 an expired task disappears from list before cleanup; the others stay', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const short = await store.create(ALICE, createInput({ ttl: 1000 }));
      const long = await store.create(ALICE, createInput({ ttl: 5000 }));
      const done = await taskIn(store, ALICE, 'completed', { ttl: 1000 });
      assert.deepEqual(ids(await listAll(store, ALICE, 1)), [short.taskId, long.taskId, done.taskId]);
      clock.advance(1000);
      assert.deepEqual(ids(await listAll(store, ALICE, 1)), [long.taskId]);
    });

    it('R36 a task that expires between two pages is skipped without error', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const a = await store.create(ALICE, createInput());
      await store.create(ALICE, createInput({ ttl: 1000 }));
      const c = await store.create(ALICE, createInput());
      const first = await store.list(ALICE, { limit: 1 });
      clock.advance(1000);
      assert.deepEqual(ids(await listAll(store, ALICE, 1, first)), [a.taskId, c.taskId]);
    });

    it('cleanup removes expired tasks of every owner and returns how many', async ({ open, clock }) => {
      const store = await open(SECURITY);
      await store.create(ALICE, createInput({ ttl: 1000 }));
      await taskIn(store, ALICE, 'completed', { ttl: 1000 });
      await taskIn(store, BOB, 'cancelled', { ttl: 2000 });
      const keep = await store.create(BOB, createInput({ ttl: 5000 }));
      assert.equal(await store.cleanup(), 0);
      clock.advance(2000);
      assert.equal(await store.cleanup(), 3);
      assert.equal(await store.cleanup(), 0);
      assert.deepEqual(ids(await listAll(store, BOB)), [keep.taskId]);
      assert.deepEqual(await listAll(store, ALICE), []);
    });

    it('cleanup keeps unexpired tasks intact, terminal or not', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const tasks = [];
      for (const status of STATUSES) tasks.push(await taskIn(store, ALICE, status));
      clock.advance(TTL - 1);
      assert.equal(await store.cleanup(), 0);
      for (const task of tasks) assert.deepEqual(await store.get(ALICE, task.taskId), task);
    });

    it('R35 a task with ttl null never expires and cleanup leaves it alone', async ({ open, clock }) => {
      const store = await open({ defaultTtlMs: null, maxTtlMs: null });
      const task = await store.create(ALICE, createInput());
      clock.advance(10 * 365 * 24 * 3600 * 1000);
      assert.equal(await store.cleanup(), 0);
      assert.equal((await store.get(ALICE, task.taskId)).ttl, null);
      assert.equal((await store.cancel(ALICE, task.taskId)).status, 'cancelled');
    });

    // Node's timers wait at most 2^31 - 1 ms (24.8 days); a store that schedules each deletion with
    // setTimeout(ttl) deletes a 30-day task after 1 ms of real time (the SDK's InMemoryTaskStore does).
    it('R35 R36 a ttl past 2^31 ms (30 days) is kept for its whole length: no overflowing timer deletes it early', async ({
      open,
      clock,
    }) => {
      const store = await open({ defaultTtlMs: TTL, maxTtlMs: null });
      const ttl = 30 * 24 * 3600 * 1000;
      const task = await store.create(ALICE, createInput({ ttl }));
      await new Promise((resolve) => setTimeout(resolve, 20)); // real time for an overflowing timer to fire
      clock.advance(ttl - 1);
      assert.equal(await store.cleanup(), 0);
      assert.equal((await store.get(ALICE, task.taskId)).ttl, ttl);
      clock.advance(1);
      await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
    });

    it('R36 a working task expires too: TTL applies regardless of status', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const task = await taskIn(store, ALICE, 'input_required', { ttl: 500 });
      clock.advance(500);
      await expectCode(store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working' }), 'TASK_NOT_FOUND');
      assert.equal(await store.cleanup(), 1);
    });

    it('writes refused for expiry emit no change event', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const task = await store.create(ALICE, createInput());
      clock.advance(TTL);
      let events = 0;
      const off = store.onChange(() => events++);
      for (const call of Object.values(OPERATIONS)) await call(store, ALICE, task.taskId).catch(() => undefined);
      off();
      assert.equal(events, 0);
    });
  });
}
