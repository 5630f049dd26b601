/**
 * tasks/result waiting on a store shared between processes: a write made elsewhere emits nothing
 * in this process, so the waiter must find it by re-reading (engine.sharedStorePollMs). Simulated
 * with an InMemoryTaskStore subclass that claims `sharedAcrossProcesses` and writes through the
 * storage primitive `_update` directly, which is exactly what another process's write looks like
 * from here (the record changes, no change event).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { StoreCapabilities } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { bounded, isPending, memoryHarness, RELATED, text, type MemoryHarness } from './harness.js';

class ElsewhereStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities;

  constructor(shared: boolean) {
    super();
    this.capabilities = { sharedAcrossProcesses: shared };
  }

  /** Cancel a task the way another instance would: the record changes, no event here. */
  async cancelElsewhere(owner: Owner, taskId: string): Promise<void> {
    const now = this.clock.now();
    const write = await this._update(
      owner,
      taskId,
      { statusIn: ['working', 'input_required'], now },
      { status: 'cancelled', statusMessage: 'cancelled elsewhere', lastUpdatedAt: now },
    );
    assert.ok(write.ok, 'the hidden write applied');
  }

  /** Complete a task the way another process would: the record changes, no event here. */
  async completeElsewhere(owner: Owner, taskId: string, result: { [key: string]: unknown }): Promise<void> {
    const now = this.clock.now();
    const write = await this._update(
      owner,
      taskId,
      { statusIn: ['working', 'input_required'], now },
      {
        status: 'completed',
        outcome: { type: 'result', result: result as never },
        lastUpdatedAt: now,
      },
    );
    assert.ok(write.ok, 'the hidden write applied');
  }
}

describe('tasks/result on a store shared across processes', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = async (shared: boolean) => {
    const store = new ElsewhereStore(shared);
    const engine = new TaskEngine({ store, sharedStorePollMs: 20 });
    h = await memoryHarness({ storeInstance: store, tasks: { engine } });
    return { ...h, store };
  };

  it('R40 sharedAcrossProcesses: true -> a completion written elsewhere wakes the waiting tasks/result (bounded re-read)', async () => {
    const { end, control, store, owner } = await start(true);
    const task = await end.createTask('work', { id: 's1' });
    await control.started('s1');
    const result = end.request('tasks/result', { taskId: task.taskId });
    assert.ok(await isPending(result, () => end.getTask(task.taskId)));
    await store.completeElsewhere(owner, task.taskId, text('from another process'));
    assert.deepEqual(await bounded(result, 'tasks/result to notice the external write', 2000), {
      ...text('from another process'),
      _meta: { [RELATED]: { taskId: task.taskId } },
    });
  });

  it('contrast: sharedAcrossProcesses: false -> the waiter relies on in-process events only (still waiting 150 ms later)', async () => {
    const { end, control, store, owner } = await start(false);
    const task = await end.createTask('work', { id: 's2' });
    await control.started('s2');
    const result = end.request('tasks/result', { taskId: task.taskId });
    result.catch(() => {}); // rejected when the client closes
    assert.ok(await isPending(result, () => end.getTask(task.taskId)), 'waiting before the hidden write');
    await store.completeElsewhere(owner, task.taskId, text('unseen'));
    await new Promise((r) => setTimeout(r, 150));
    assert.ok(await isPending(result), 'no polling for a process-local store');
    assert.equal((await end.getTask(task.taskId)).status, 'completed', 'the record did change');
  });
});

describe('a cancel made through another instance (issue "Bounded resources")', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R57 R67 reaches the creating session: a status notification, and the work is aborted (found by the lease renewal)', async () => {
    const store = new ElsewhereStore(true);
    const engine = new TaskEngine({ store, sharedStorePollMs: 20, leaseMs: 60 });
    h = await memoryHarness({ storeInstance: store, tasks: { engine } });
    const { end, control, owner } = h;
    const task = await end.createTask('work', { id: 'x-cancel' });
    const extra = await control.started('x-cancel');
    const aborted = new Promise<void>((resolve) => extra.signal.addEventListener('abort', () => resolve(), { once: true }));
    await store.cancelElsewhere(owner, task.taskId);
    await end.until(() => end.statuses(task.taskId).some((n) => n.status === 'cancelled'), 'the cancelled status notification');
    await bounded(aborted, 'the work to be aborted');
    assert.equal(engine.running, 0);
  });
});
