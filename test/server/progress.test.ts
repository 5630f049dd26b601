/** R24: the original progressToken keeps working after CreateTaskResult and stops at terminal. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import type { ServerTaskContext } from '../../src/server/core/context.js';
import { deferred, eventually, memoryHarness, RELATED, text, type MemoryHarness } from './harness.js';

interface Progress {
  progress: number;
  total?: number;
  message?: string;
  _meta?: { [key: string]: unknown };
}

describe('progress of a task', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R24 extra.task.progress after CreateTaskResult reaches onprogress of the original request; none after terminal', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    const go = deferred<void>();
    const finish = deferred<void>();
    let context: ServerTaskContext | undefined;
    control.on('p1', async (extra) => {
      context = extra.task;
      await go.promise;
      extra.task!.progress(1, 3, 'one');
      extra.task!.progress(2, 3);
      await finish.promise;
      return text('done');
    });
    const seen: Progress[] = [];
    const created = await end.request(
      'tools/call',
      { name: 'work', arguments: { id: 'p1' }, task: {} },
      { onprogress: (p) => seen.push(p as Progress) },
    );
    const taskId = (created.task as { taskId: string }).taskId;
    assert.equal(seen.length, 0);
    go.resolve();
    await eventually(() => seen.length === 2, 'two progress notifications');
    assert.deepEqual(
      seen.map(({ progress, total, message }) => ({ progress, total, message })),
      [
        { progress: 1, total: 3, message: 'one' },
        { progress: 2, total: 3, message: undefined },
      ],
    );
    assert.deepEqual(seen[0]!._meta?.[RELATED], { taskId }, 'progress carries the related-task meta');
    finish.resolve();
    await end.request('tasks/result', { taskId });
    context!.progress(3, 3, 'after the end');
    await end.request('ping'); // a round trip: anything sent before it has arrived
    assert.equal(seen.length, 2, 'no progress after the task is terminal');
  });

  it('R24 extra.sendNotification(notifications/progress) from a plain task-capable tool keeps the original token', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    control.on('p2', async (extra) => {
      const progressToken = extra._meta?.progressToken;
      assert.notEqual(progressToken, undefined);
      await extra.sendNotification({ method: 'notifications/progress', params: { progressToken: progressToken!, progress: 5, total: 10 } });
      return text('done');
    });
    const seen: Progress[] = [];
    const created = await end.request(
      'tools/call',
      { name: 'plain', arguments: { id: 'p2' }, task: {} },
      { onprogress: (p) => seen.push(p as Progress) },
    );
    const taskId = (created.task as { taskId: string }).taskId;
    await end.request('tasks/result', { taskId });
    await eventually(() => seen.length === 1, 'progress from the plain tool');
    assert.equal(seen[0]!.progress, 5);
    assert.equal(seen[0]!.total, 10);
  });

  it('R24 the low-level Server variant: progress through extra.sendNotification after CreateTaskResult', async () => {
    h = await memoryHarness({ lowLevel: true });
    const { end, control } = h;
    const go = deferred<void>();
    control.on('p3', async (extra) => {
      await go.promise;
      await extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: extra._meta!.progressToken!, progress: 1 },
      });
      return text('done');
    });
    const seen: Progress[] = [];
    const created = await end.request(
      'tools/call',
      { name: 'low', arguments: { id: 'p3' }, task: {} },
      { onprogress: (p) => seen.push(p as Progress) },
    );
    go.resolve();
    await end.request('tasks/result', { taskId: (created.task as { taskId: string }).taskId });
    await eventually(() => seen.length === 1, 'progress');
    assert.equal(seen[0]!.progress, 1);
  });

  it('R24 without a progressToken, task.progress sends nothing', async () => {
    h = await memoryHarness();
    const { end, control } = h;
    control.on('p4', async (extra) => {
      extra.task!.progress(1, 2);
      return text('done');
    });
    const errors: Error[] = [];
    end.client.onerror = (e) => void errors.push(e);
    const task = await end.createTask('work', { id: 'p4' });
    await end.request('tasks/result', { taskId: task.taskId });
    await end.request('ping');
    assert.deepEqual(errors, [], 'no stray progress notification reached the client');
    assert.equal(end.notifications.filter((n) => n.method === 'notifications/progress').length, 0);
  });
});
