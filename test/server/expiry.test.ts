/** R36: a task may expire while its tool still runs; nothing of it may linger in the engine. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { eventually, memoryHarness, rejectsRpc, text, type MemoryHarness } from './harness.js';

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
