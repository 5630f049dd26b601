/** tasks/get, tasks/result, tasks/list, tasks/cancel and status notifications, end to end over InMemoryTransport. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { rejectsCode } from './rejects.js';
import {
  bounded,
  ISO,
  isPending,
  memoryHarness,
  RELATED,
  text,
  type MemoryHarness,
  type MemoryHarnessOptions,
  type WireTask,
} from './harness.js';

describe('task methods', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });
  const start = async (options: MemoryHarnessOptions = {}) => (h = await memoryHarness(options));

  it('R32 R33 R35 R31 tasks/get: flat task with ISO createdAt/lastUpdatedAt, actual ttl, pollInterval; R55 no related-task meta', async () => {
    const { end, control, clock } = await start({ manualClock: true, store: { security: { pollIntervalMs: 250, defaultTtlMs: 90_000 } } });
    const created = clock!.now();
    const task = await end.createTask('work', { id: 'g1' });
    const got = await end.getTask(task.taskId);
    assert.deepEqual(Object.keys(got).sort(), ['createdAt', 'lastUpdatedAt', 'pollInterval', 'status', 'taskId', 'ttl']);
    assert.equal(got.createdAt, new Date(created).toISOString());
    assert.match(got.lastUpdatedAt, ISO);
    assert.equal(got.ttl, 90_000);
    assert.equal(got.pollInterval, 250);
    assert.deepEqual(got, task, 'tasks/get equals the CreateTaskResult task while nothing changed');
    clock!.advance(1_000);
    await control.release('g1');
    await end.request('tasks/result', { taskId: task.taskId });
    const done = await end.getTask(task.taskId);
    assert.equal(done.createdAt, got.createdAt);
    assert.equal(done.lastUpdatedAt, new Date(created + 1_000).toISOString());
  });

  it('R36 R74 an expired task reads like a missing one (-32602 TASK_NOT_FOUND, same message)', async () => {
    const { end, clock } = await start({ manualClock: true, store: { security: { defaultTtlMs: 10_000 } } });
    const task = await end.createTask('echo', {});
    await end.request('tasks/result', { taskId: task.taskId });
    clock!.advance(10_000);
    const expired = await rejectsCode(end.getTask(task.taskId), -32602, 'TASK_NOT_FOUND');
    const missing = await rejectsCode(end.getTask('no-such-task'), -32602, 'TASK_NOT_FOUND');
    assert.equal(expired.message.replace(task.taskId, 'ID'), missing.message.replace('no-such-task', 'ID'));
    await rejectsCode(end.request('tasks/result', { taskId: task.taskId }), -32602, 'TASK_NOT_FOUND');
    await rejectsCode(end.request('tasks/cancel', { taskId: task.taskId }), -32602, 'TASK_NOT_FOUND');
    assert.deepEqual((await end.request('tasks/list', {})).tasks, []);
  });

  it('R40 R41 R44 tasks/result blocks while working, then returns exactly the stored result + related-task meta', async () => {
    const { end, control } = await start();
    const task = await end.createTask('work', { id: 'r1' });
    const pending = end.request('tasks/result', { taskId: task.taskId });
    assert.ok(await isPending(pending, () => end.getTask(task.taskId)));
    const stored = { content: [{ type: 'text' as const, text: 'value' }], structuredContent: { n: 1 }, _meta: { mine: true } };
    await control.release('r1', stored);
    assert.deepEqual(await pending, { ...stored, _meta: { mine: true, [RELATED]: { taskId: task.taskId } } });
    // A second call (task terminal) returns the same at once.
    assert.deepEqual(await end.request('tasks/result', { taskId: task.taskId }), await pending);
  });

  it('R40 several concurrent tasks/result waiters all wake on completion', async () => {
    const { end, control } = await start();
    const task = await end.createTask('work', { id: 'r2' });
    const waiters = [1, 2, 3].map(() => end.request('tasks/result', { taskId: task.taskId }));
    await control.started('r2');
    await control.release('r2', text('all'));
    for (const r of await bounded(Promise.all(waiters), 'all waiters')) assert.deepEqual(r.content, text('all').content);
  });

  it('A9 tasks/result of a cancelled task -> -32602 TASK_CANCELLED (pending waiter and later call)', async () => {
    const { end, control } = await start();
    const task = await end.createTask('work', { id: 'r3' });
    const pending = end.request('tasks/result', { taskId: task.taskId });
    await control.started('r3');
    await end.request('tasks/cancel', { taskId: task.taskId });
    const e1 = await rejectsCode(pending, -32602, 'TASK_CANCELLED');
    assert.deepEqual(e1.data, { code: 'TASK_CANCELLED' });
    await rejectsCode(end.request('tasks/result', { taskId: task.taskId }), -32602, 'TASK_CANCELLED');
  });

  it('R60 R61 R63 tasks/list pages through many tasks: each exactly once, creation order, nextCursor while more', async () => {
    const { end } = await start({ store: { security: { defaultPageSize: 5 } } });
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) ids.push((await end.createTask('echo', { text: String(i) })).taskId);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await end.request('tasks/list', cursor === undefined ? {} : { cursor });
      pages++;
      assert.ok((page.tasks as unknown[]).length <= 5);
      for (const t of page.tasks as WireTask[]) {
        seen.push(t.taskId);
        assert.equal(t._meta?.[RELATED], undefined, 'R55 no related-task meta in list entries');
        assert.match(t.createdAt, ISO);
      }
      assert.equal((page._meta as { [k: string]: unknown } | undefined)?.[RELATED], undefined);
      cursor = page.nextCursor as string | undefined;
      if (cursor !== undefined) assert.equal(typeof cursor, 'string');
    } while (cursor !== undefined && pages < 10);
    assert.deepEqual(seen, ids);
    assert.ok(pages >= 3);
  });

  it('R64 tasks/list with a garbage or edited cursor -> -32602 INVALID_CURSOR', async () => {
    const { end } = await start({ store: { security: { defaultPageSize: 1 } } });
    await end.createTask('echo', {});
    await end.createTask('echo', {});
    const { nextCursor } = (await end.request('tasks/list', {})) as { nextCursor: string };
    await rejectsCode(end.request('tasks/list', { cursor: 'garbage' }), -32602, 'INVALID_CURSOR');
    const edited = nextCursor.slice(0, -1) + (nextCursor.endsWith('A') ? 'B' : 'A');
    await rejectsCode(end.request('tasks/list', { cursor: edited }), -32602, 'INVALID_CURSOR');
  });

  it('R66 cancelling a terminal task -> -32602 TASK_TERMINAL', async () => {
    const { end } = await start();
    const task = await end.createTask('echo', {});
    await end.request('tasks/result', { taskId: task.taskId });
    await rejectsCode(end.request('tasks/cancel', { taskId: task.taskId }), -32602, 'TASK_TERMINAL');
    const failed = await end.createTask('echo', { isError: true });
    await end.request('tasks/result', { taskId: failed.taskId });
    await rejectsCode(end.request('tasks/cancel', { taskId: failed.taskId }), -32602, 'TASK_TERMINAL');
  });

  it('R67 R68 tasks/cancel: response is cancelled, extra.signal aborted, a late completion does not overwrite it', async () => {
    const { end, control } = await start();
    const task = await end.createTask('work', { id: 'k1' });
    const extra = await control.started('k1');
    assert.equal(extra.signal.aborted, false);
    const cancelled = (await end.request('tasks/cancel', { taskId: task.taskId })) as unknown as WireTask;
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.taskId, task.taskId);
    assert.equal(cancelled._meta?.[RELATED], undefined, 'R55 no related-task meta in the cancel result');
    assert.equal(extra.signal.aborted, true, 'the tool signal is aborted');
    await control.release('k1', text('too late'));
    await end.getTask(task.taskId); // round trip after the late completion
    assert.equal((await end.getTask(task.taskId)).status, 'cancelled');
    await rejectsCode(end.request('tasks/cancel', { taskId: task.taskId }), -32602, 'TASK_TERMINAL');
  });

  it('R68 a tool that throws after cancel (abort) leaves the task cancelled', async () => {
    const { end, control } = await start();
    control.on('k2', (extra) => new Promise((_, reject) => extra.signal.addEventListener('abort', () => reject(new Error('aborted')))));
    const task = await end.createTask('work', { id: 'k2' });
    await control.started('k2');
    await end.request('tasks/cancel', { taskId: task.taskId });
    await end.getTask(task.taskId);
    assert.equal((await end.getTask(task.taskId)).status, 'cancelled');
  });

  it('R57 R59 notifications/tasks/status on each status change (completed, failed, cancelled): full task, no related-task meta', async () => {
    const { end, control } = await start();
    const a = await end.createTask('echo', { text: 'a' });
    const b = await end.createTask('echo', { isError: true });
    const c = await end.createTask('work', { id: 'n3' });
    await control.started('n3');
    await end.request('tasks/cancel', { taskId: c.taskId });
    await end.until(
      () => end.statuses(a.taskId).length > 0 && end.statuses(b.taskId).length > 0 && end.statuses(c.taskId).length > 0,
      'status notifications',
    );
    for (const [task, status] of [
      [a, 'completed'],
      [b, 'failed'],
      [c, 'cancelled'],
    ] as const) {
      const notes = end.statuses(task.taskId);
      assert.deepEqual(
        notes.map((n) => n.status),
        [status],
      );
      const n = notes[0]!;
      assert.deepEqual(n, await end.getTask(task.taskId), 'the full task, as tasks/get shows it');
      assert.equal(n._meta?.[RELATED], undefined);
    }
  });
});
