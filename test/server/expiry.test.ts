/** R36: a task may expire while its tool still runs; nothing of it may linger in the engine. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { SHUTDOWN_MESSAGE } from '../../src/server/core/execution.js';
import { bounded, deferred, eventually, memoryHarness, rejectsRpc, text, type MemoryHarness } from './harness.js';

describe('a task that expires while its tool runs', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R36 R37 reads as not found, and the late completion leaves no execution behind', async () => {
    h = await memoryHarness({ manualClock: true });
    const { end, control, clock, tasks } = h;
    const task = await end.createTask('work', { id: 'x1' }, { ttl: 1000 });
    await control.started('x1');
    assert.equal(tasks.engine.running, 1);
    clock!.advance(1000);
    await rejectsRpc(end.getTask(task.taskId), -32602, /not found/i);
    await control.release('x1', text('too late'));
    await eventually(() => tasks.engine.running === 0, 'the engine to drop the expired execution');
    await rejectsRpc(end.request('tasks/result', { taskId: task.taskId }), -32602, /not found/i);
  });
});

describe('expiry and shutdown stop the work (bounded resources)', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R36 when the task expires, its work is aborted and the execution dropped', async () => {
    h = await memoryHarness();
    const { end, control, tasks } = h;
    const aborted = deferred<unknown>();
    control.on(
      'slow',
      (extra) =>
        new Promise((_, reject) =>
          extra.signal.addEventListener('abort', () => (aborted.resolve(extra.signal.reason), reject(extra.signal.reason))),
        ),
    );
    await end.createTask('work', { id: 'slow' }, { ttl: 50 });
    await control.started('slow');
    const reason = await bounded(aborted.promise, 'the expired task to be aborted');
    assert.match(String((reason as Error).message), /expired/);
    await eventually(() => tasks.engine.running === 0, 'the engine to drop the expired execution');
  });

  it('shutdown: after the grace period, running tasks fail with the shutdown message and pending tasks/result answer it', async () => {
    h = await memoryHarness();
    const { end, control, tasks } = h;
    const task = await end.createTask('work', { id: 'forever' }, { ttl: 60_000 });
    await control.started('forever');
    const pending = end.request('tasks/result', { taskId: task.taskId });
    await tasks.engine.shutdown(20);
    const error = await rejectsRpc(pending, -32603);
    assert.equal(error.message.replace(/^MCP error -32603: /, ''), SHUTDOWN_MESSAGE);
    const after = await end.getTask(task.taskId);
    assert.equal(after.status, 'failed');
    assert.equal(after.statusMessage, SHUTDOWN_MESSAGE);
    assert.equal(tasks.engine.running, 0);
  });

  it('shutdown: tasks that finish within the grace period keep their own result', async () => {
    h = await memoryHarness();
    const { end, control, tasks } = h;
    const task = await end.createTask('work', { id: 'quick' }, { ttl: 60_000 });
    await control.started('quick');
    const stopping = tasks.engine.shutdown(5_000);
    await control.release('quick', text('finished in time'));
    await stopping;
    const after = await end.getTask(task.taskId);
    assert.equal(after.status, 'completed');
  });
});

describe('a waiting tasks/result when its task expires', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R36 R37 is answered "not found" at the expiry, not left waiting', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    const task = await end.createTask('work', { id: 'expiring' }, { ttl: 100 });
    await control.started('expiring');
    await rejectsRpc(bounded(end.request('tasks/result', { taskId: task.taskId }), 'tasks/result at expiry'), -32602);
  });
});
