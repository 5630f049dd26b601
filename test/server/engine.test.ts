/**
 * The engine as a component: created once and passed in (`withTasks(server, { engine })`), given
 * its rate limiter, running adopted work as ordinary executions, and waking `tasks/result` with
 * the changed record instead of reading the store again.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { isTasksError } from '../../src/errors/index.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import type { TaskPeer } from '../../src/server/core/context.js';
import { RateLimiter } from '../../src/server/core/rate-limit.js';
import { withTasks } from '../../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { bounded, deferred, eventually, isPending, memoryHarness, rejectsRpc, type MemoryHarness } from './harness.js';

/** Counts `get`, the read a waiting `tasks/result` makes. */
class CountingStore extends InMemoryTaskStore {
  gets = 0;
  override get(owner: Owner, taskId: string): Promise<TaskRecord> {
    this.gets++;
    return super.get(owner, taskId);
  }
}

const OWNER: Owner = 'auth:engine-test';
const peer: TaskPeer = { notify: () => undefined, clientCapabilities: () => undefined };
const request = { method: 'tools/call', params: { name: 't' } };
const invalid = (e: unknown) => isTasksError(e, 'INVALID_ARGUMENT');

function mcpWithTool(): McpServer {
  const mcp = new McpServer({ name: 'engine-test', version: '1.0.0' });
  mcp.registerTool('noop', {}, () => ({ content: [] }));
  return mcp;
}

describe('tasks/result wakes with the changed record', () => {
  let h: MemoryHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('R39 a tasks/result woken once by the completing write reads the store once, not again after the wake', async () => {
    const store = new CountingStore();
    h = await memoryHarness({ storeInstance: store });
    const task = await h.end.createTask('work', { id: 'w' });
    await h.control.started('w');
    store.gets = 0;
    const result = h.end.request('tasks/result', { taskId: task.taskId });
    await eventually(() => store.gets >= 1, 'tasks/result to read the task');
    assert.equal(await isPending(result), true, 'tasks/result waits for the terminal status');
    const readsBeforeWake = store.gets;
    await h.control.release('w');
    const answer = await bounded(result, 'tasks/result');
    assert.deepEqual(answer.content, [{ type: 'text', text: 'done w' }]);
    assert.equal(store.gets, readsBeforeWake, 'the wake carried the terminal record: no read after it');
    assert.ok(store.gets <= 2, `at most 2 reads for one wait, got ${store.gets}`);
  });
});

describe('one engine passed to many servers', () => {
  it('R81 the rate limiter given to the engine counts one owner across every server using it', async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store, rateLimiter: new RateLimiter({ perSecond: 0.001, burst: 2 }) });
    const one = await memoryHarness({ storeInstance: store, tasks: { engine } });
    const two = await memoryHarness({ storeInstance: store, tasks: { engine } });
    try {
      assert.equal(one.tasks.engine, two.tasks.engine);
      const task = await one.end.createTask('echo', { text: 'x' });
      await two.end.getTask(task.taskId);
      const refused = await rejectsRpc(one.end.getTask(task.taskId), -32000);
      assert.equal((refused.data as { code?: string } | undefined)?.code, 'RATE_LIMITED');
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('a task started through one server is cancelled through another; the work is aborted', async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store });
    const one = await memoryHarness({ storeInstance: store, tasks: { engine } });
    const two = await memoryHarness({ storeInstance: store, tasks: { engine } });
    try {
      const task = await one.end.createTask('work', { id: 'c' });
      const extra = await one.control.started('c');
      assert.equal(engine.running, 1);
      await two.end.request('tasks/cancel', { taskId: task.taskId });
      assert.equal(extra.signal.aborted, true);
      assert.equal(engine.running, 0);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('withTasks refuses an engine of another store, engine options beside an engine, and neither store nor engine', () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store });
    try {
      assert.throws(() => withTasks(mcpWithTool(), { engine, store: new InMemoryTaskStore() }), invalid);
      assert.throws(() => withTasks(mcpWithTool(), { engine, leaseMs: 1000 }), invalid);
      assert.throws(() => withTasks(mcpWithTool(), { engine, rateLimit: { perSecond: 1 } }), invalid);
      assert.throws(() => withTasks(mcpWithTool(), {}), invalid);
      assert.equal(withTasks(mcpWithTool(), { engine, store }).engine, engine);
      const own = withTasks(mcpWithTool(), { store });
      assert.notEqual(own.engine, engine, 'the one-line form makes its own engine');
      own.engine.close();
    } finally {
      engine.close();
    }
  });

  it('withTasks on a low-level Server without tools handlers is INVALID_OPTIONS', () => {
    const store = new InMemoryTaskStore();
    const bare = new Server({ name: 'bare', version: '1' }, { capabilities: { tools: {} } });
    assert.throws(
      () => withTasks(bare, { store }),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
  });

  it('TaskEngine refuses both rateLimiter and rateLimit, and a lease under 3 ms', () => {
    const store = new InMemoryTaskStore();
    assert.throws(() => new TaskEngine({ store, rateLimiter: new RateLimiter({ perSecond: 1 }), rateLimit: { perSecond: 1 } }), invalid);
    assert.throws(() => new TaskEngine({ store, leaseMs: 2 }), invalid);
  });
});

describe('engine.adopt', () => {
  it('runs work for an existing task as an execution: counted, completed with its result', async () => {
    const store = new InMemoryTaskStore({ security: { allowAnonymous: true } });
    const engine = new TaskEngine({ store });
    try {
      const record = await store.create(OWNER, { request });
      const gate = deferred<void>();
      const done = engine.adopt(OWNER, record.taskId, async () => {
        await gate.promise;
        return { content: [] };
      });
      assert.equal(engine.running, 1);
      assert.throws(() => engine.adopt(OWNER, record.taskId, async () => ({})), invalid, 'a task runs once per engine');
      gate.resolve();
      const final = await bounded(done, 'the adopted work');
      assert.equal(final?.status, 'completed');
      assert.equal(engine.running, 0);
    } finally {
      engine.close();
    }
  });

  it('close() aborts adopted work, which then writes nothing', async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store });
    const record = await store.create(OWNER, { request });
    const started = deferred<AbortSignal>();
    const done = engine.adopt(
      OWNER,
      record.taskId,
      (context) => {
        started.resolve(context.signal);
        return new Promise((_, reject) => context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }));
      },
      { peer },
    );
    const signal = await bounded(started.promise, 'the adopted work to start');
    engine.close();
    assert.equal(signal.aborted, true);
    assert.equal(await bounded(done, 'the adopted work'), undefined);
    assert.equal(engine.running, 0);
    assert.equal((await store.get(OWNER, record.taskId)).status, 'working');
  });
});
