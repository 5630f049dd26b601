/** InMemoryTaskStore beyond the shared contract: the cleanup timer, `size`, frozen records. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ManualClock } from '../../src/clock.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { listAll } from '../../conformance/store/common.js';

const OWNER = 'auth:alice';
const request = { method: 'tools/call', params: { name: 'echo' } };

describe('InMemoryTaskStore specifics', () => {
  it('R33 lastUpdatedAt never goes backwards when the clock is set back (an NTP step): the later stamp stays', async () => {
    const clock = new ManualClock(Date.UTC(2026, 11, 6));
    const store = new InMemoryTaskStore({ clock });
    const task = await store.create(OWNER, { request });
    clock.set(task.lastUpdatedAt - 1_000);
    const cancelled = await store.cancel(OWNER, task.taskId);
    assert.deepEqual([cancelled.status, cancelled.lastUpdatedAt], ['cancelled', task.lastUpdatedAt]);
    store.close();
  });

  it('the cleanup timer runs cleanup (size drops once tasks expire)', async () => {
    const clock = new ManualClock();
    const store = new InMemoryTaskStore({ clock, cleanupIntervalMs: 5 });
    try {
      await store.create(OWNER, { request, ttl: 1000 });
      await store.create(OWNER, { request, ttl: 5000 });
      assert.equal(store.size, 2);
      clock.advance(1000);
      for (let i = 0; i < 100 && (store.size as number) !== 1; i++) await sleep(5);
      assert.equal(store.size, 1);
    } finally {
      await store.close();
    }
  });

  it('close stops the cleanup timer', async () => {
    const clock = new ManualClock();
    const store = new InMemoryTaskStore({ clock, cleanupIntervalMs: 5 });
    await store.create(OWNER, { request, ttl: 1000 });
    await store.close();
    clock.advance(1000);
    await sleep(30);
    assert.equal(store.size, 1, 'an expired record was removed after close');
  });

  it('size counts expired records until cleanup, then drops', async () => {
    const clock = new ManualClock();
    const store = new InMemoryTaskStore({ clock });
    try {
      for (let i = 0; i < 5; i++) await store.create(`auth:u${i % 2}`, { request, ttl: 1000 * (i + 1) });
      assert.equal(store.size, 5);
      clock.advance(2500);
      assert.equal(store.size, 5);
      assert.equal(await store.cleanup(), 2);
      assert.equal(store.size, 3);
      clock.advance(10_000);
      assert.equal(await store.cleanup(), 3);
      assert.equal(store.size, 0);
    } finally {
      await store.close();
    }
  });

  it('list still pages correctly after cleanup compacted the creation order', async () => {
    const clock = new ManualClock();
    const store = new InMemoryTaskStore({ clock, security: { defaultPageSize: 2 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 6; i++) ids.push((await store.create(OWNER, { request, ttl: i % 2 ? 1000 : 9000 })).taskId);
      const first = await store.list(OWNER);
      clock.advance(1000);
      await store.cleanup();
      const seen = (await listAll(store, OWNER, undefined, first)).map((t) => t.taskId);
      assert.deepEqual(seen, [ids[0], ids[1], ids[2], ids[4]]);
    } finally {
      await store.close();
    }
  });

  it('records are frozen snapshots: later writes do not change a record already handed out', async () => {
    const store = new InMemoryTaskStore({ clock: new ManualClock() });
    try {
      const task = await store.create(OWNER, { request, variables: { a: 1 } });
      assert.ok(Object.isFrozen(task));
      assert.ok(Object.isFrozen(task.variables));
      await store.setVariables(OWNER, task.taskId, { a: 2 });
      assert.deepEqual(task.variables, { a: 1 });
      assert.equal(task.version, 1);
    } finally {
      await store.close();
    }
  });

  it('a throwing change listener does not turn a stored write into a reported failure', async () => {
    const store = new InMemoryTaskStore({ clock: new ManualClock() });
    try {
      const task = await store.create(OWNER, { request });
      store.onChange(() => {
        throw new Error('listener bug');
      });
      const cancelled = await store.cancel(OWNER, task.taskId);
      assert.equal(cancelled.status, 'cancelled');
    } finally {
      await store.close();
    }
  });

  it('capabilities: not shared across processes', () => {
    assert.equal(new InMemoryTaskStore().capabilities.sharedAcrossProcesses, false);
  });
});
