/**
 * TaskEngine leases on a store shared across processes: the lease is taken at start and renewed
 * while the work runs, a cancel made elsewhere (no in-process event) aborts the work through the
 * renewal, and work abandoned without a final write ends `failed` once the lease expired.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import { LEASE_EXPIRED_MESSAGE, type StoreCapabilities, type TaskChange } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import type { ServerTaskContext } from '../../src/server/core/context.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';

/** An in-memory store that claims to be shared; `muted` writes are "made by another process". */
class SharedMemoryStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
  muted = false;
  override onChange(listener: (change: TaskChange) => void): () => void {
    return super.onChange((change) => {
      if (!this.muted) listener(change);
    });
  }
  async elsewhere<T>(write: () => Promise<T>): Promise<T> {
    this.muted = true;
    try {
      return await write();
    } finally {
      this.muted = false;
    }
  }
}

const OWNER = 'auth:lease' as Owner;
const LEASE_MS = 150;
const peer = { notify: () => undefined, clientCapabilities: () => undefined };
const start = (engine: TaskEngine, work: (context: ServerTaskContext) => Promise<{ [key: string]: never }>) =>
  engine.start(OWNER, { request: { method: 'tools/call', params: { name: 't' } }, peer }, work);
const untilAborted = (context: ServerTaskContext) =>
  new Promise<never>((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));

describe('TaskEngine leases', () => {
  it("a shared store: the task gets this engine's lease, renewed while the work runs", async () => {
    const store = new SharedMemoryStore();
    const engine = new TaskEngine({ store, leaseMs: LEASE_MS });
    try {
      const task = await start(engine, untilAborted);
      assert.equal(task.lease?.holder, engine.instanceId);
      await sleep(LEASE_MS * 2);
      const now = await store.get(OWNER, task.taskId);
      assert.equal(now.status, 'working', 'renewed, so not failed');
      assert.ok(now.lease!.expiresAt > task.lease!.expiresAt + LEASE_MS, 'the lease moved on');
      await store.cancel(OWNER, task.taskId);
    } finally {
      engine.close();
      await store.close();
    }
  });

  it('a cancel made elsewhere aborts the work at the next renewal; the task stays cancelled', async () => {
    const store = new SharedMemoryStore();
    const engine = new TaskEngine({ store, leaseMs: LEASE_MS });
    try {
      let aborted: number | undefined;
      const task = await start(engine, (context) => untilAborted(context).finally(() => (aborted = Date.now())));
      await sleep(10);
      await store.elsewhere(() => store.cancel(OWNER, task.taskId));
      const cancelledAt = Date.now();
      for (let i = 0; i < 100 && aborted === undefined; i++) await sleep(10);
      assert.ok(
        aborted !== undefined && aborted - cancelledAt <= LEASE_MS / 3 + 100,
        `aborted ${aborted === undefined ? 'never' : `after ${aborted - cancelledAt} ms`}`,
      );
      assert.equal(engine.running, 0);
      await sleep(LEASE_MS * 2);
      assert.equal((await store.get(OWNER, task.taskId)).status, 'cancelled');
    } finally {
      engine.close();
      await store.close();
    }
  });

  it('completed work stops renewing', async () => {
    const store = new SharedMemoryStore();
    const engine = new TaskEngine({ store, leaseMs: LEASE_MS });
    try {
      const task = await start(engine, async () => ({}));
      await sleep(20);
      const done = await store.get(OWNER, task.taskId);
      assert.equal(done.status, 'completed');
      await sleep(LEASE_MS);
      assert.equal((await store.get(OWNER, task.taskId)).version, done.version, 'no write after completion');
    } finally {
      engine.close();
      await store.close();
    }
  });

  it('work abandoned without a final write (the process died) ends failed after the lease', async () => {
    const store = new SharedMemoryStore();
    const engine = new TaskEngine({ store, leaseMs: LEASE_MS });
    try {
      const task = await start(engine, untilAborted);
      await sleep(10);
      engine.close(); // aborts the work and stops renewing; nothing is written
      assert.equal((await store.get(OWNER, task.taskId)).status, 'working');
      await sleep(LEASE_MS + 20);
      const failed = await store.get(OWNER, task.taskId);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.statusMessage, LEASE_EXPIRED_MESSAGE);
    } finally {
      await store.close();
    }
  });

  it('a store that is not shared: no lease (the task dies with its process)', async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store, leaseMs: LEASE_MS });
    try {
      const task = await start(engine, async () => ({}));
      assert.equal(task.lease, undefined);
    } finally {
      engine.close();
      await store.close();
    }
  });
});
