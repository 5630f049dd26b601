/** R81: per-owner rate limiting of task operations. */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { isTasksError, RateLimiter } from '../../src/index.js';
import { memoryHarness, rejectsRpc, type MemoryHarness } from './harness.js';

describe('RateLimiter (token bucket per owner)', () => {
  it('allows a burst, then refuses with RATE_LIMITED and when to retry, then refills', () => {
    let now = 0;
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 }, () => now);
    for (let i = 0; i < 3; i++) limiter.take('a');
    let error: unknown;
    try {
      limiter.take('a');
    } catch (e) {
      error = e;
    }
    assert.ok(isTasksError(error, 'RATE_LIMITED'));
    assert.equal((error as unknown as { retryAfterMs: number }).retryAfterMs, 500);
    limiter.take('b'); // owners are independent
    now += 500;
    limiter.take('a');
    assert.throws(
      () => limiter.take('a'),
      (e: unknown) => isTasksError(e, 'RATE_LIMITED'),
    );
  });

  it('refuses nonsense settings', () => {
    assert.throws(
      () => new RateLimiter({ perSecond: 0 }),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
    assert.throws(
      () => new RateLimiter({ perSecond: 1, burst: 0 }),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
  });
});

describe('withTasks({ rateLimit })', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R81 task operations beyond the limit get -32000 naming the limit; other methods are not counted', async () => {
    h = await memoryHarness({ tasks: { rateLimit: { perSecond: 0.001, burst: 2 } } });
    const task = await h.end.createTask('echo', { text: 'x' });
    await h.end.getTask(task.taskId);
    await rejectsRpc(h.end.getTask(task.taskId), -32000, /Too many task requests/);
    await h.end.request('tools/list'); // not a task operation
    await rejectsRpc(h.end.request('tasks/list', {}), -32000, /retry in \d+ ms/);
  });
});
