/**
 * Several PostgresTaskStore instances on ONE database schema, each with its own pool (its own
 * connections, as separate processes would have): quota and storage caps exact under concurrent
 * creates spread over the instances; the change feed delivering one instance's writes to the
 * other as `onChange` events, and listening again after its connection is terminated by the
 * server (`pg_terminate_backend`); an engine waiter, and a 2026 task subscriber, woken by a pushed
 * change without polling.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TaskChange } from '../../src/contract.js';
import { TaskEngine } from '../../src/server/core/engine.js';
import { waitForResult } from '../../src/server/v2025/result-wait.js';
import { createTasksHandler2026 } from '../../src/server/v2026/index.js';
import type { PostgresTaskStore } from '../../src/stores/postgres/store.js';
import { rpcRequest, sseMessages } from '../server/v2026/harness.js';
import { startPostgres, type Postgres } from './harness.js';

const ALICE = 'auth:alice';
const REQUEST = { request: { method: 'tools/call', params: { name: 'echo' } } };
const WAIT_MS = 10_000;

/** Poll `probe` until it returns a value (bounded; the bound is a failure, never an assertion on time). */
async function until<T>(probe: () => T | undefined | Promise<T | undefined>, what: string): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('PostgresTaskStore: instances sharing one database', () => {
  let postgres: Postgres;
  const stores: PostgresTaskStore[] = [];

  /** `n` stores on one fresh schema, each with a pool of its own. */
  async function instances(n: number, security = {}): Promise<PostgresTaskStore[]> {
    const schema = await postgres.freshSchema();
    const opened = await Promise.all(
      Array.from({ length: n }, () => postgres.openStore({ schema, pool: postgres.newPool({ max: 8 }), security })),
    );
    stores.push(...opened);
    return opened;
  }

  before(async () => {
    postgres = await startPostgres();
  });
  after(async () => {
    await Promise.allSettled(stores.map((s) => s.close()));
    await postgres?.stop();
  });

  it('R33 lastUpdatedAt never goes backwards when a write stamped earlier lands later (instances whose clocks disagree)', async () => {
    const schema = await postgres.freshSchema();
    const at = 2_000_000_000_000;
    const ahead = await postgres.openStore({ schema, clock: { now: () => at + 5 } });
    const behind = await postgres.openStore({ schema, clock: { now: () => at } });
    stores.push(ahead, behind);
    const task = await behind.create(ALICE, REQUEST);
    const asked = await ahead.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
    assert.equal(asked.lastUpdatedAt, at + 5);
    const cancelled = await behind.cancel(ALICE, task.taskId);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.lastUpdatedAt, at + 5, 'the later write keeps the later stamp');
    assert.equal((await behind.get(ALICE, task.taskId)).lastUpdatedAt, at + 5);
  });

  it('R38 the quota is exact under concurrent creates spread over two instances', async () => {
    const [a, b] = await instances(2, { maxActiveTasksPerOwner: 3 });
    for (let round = 0; round < 5; round++) {
      const owner = `auth:round-${round}`;
      const settled = await Promise.allSettled(Array.from({ length: 24 }, (_, i) => (i % 2 ? a! : b!).create(owner, REQUEST)));
      const created = settled.filter((s) => s.status === 'fulfilled');
      assert.equal(created.length, 3, `round ${round}: ${created.length} creates succeeded`);
      for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'QUOTA_EXCEEDED');
      assert.equal((await a!.list(owner)).tasks.length, 3);
    }
  });

  it('R38 the storage cap (finished tasks count) is exact across instances too', async () => {
    const [a, b] = await instances(2, { maxActiveTasksPerOwner: 5, maxStoredTasksPerOwner: 5 });
    // Three finished tasks, then 20 racing creates: 2 more fit the cap of 5 stored tasks.
    for (let i = 0; i < 3; i++) await a!.cancel(ALICE, (await b!.create(ALICE, REQUEST)).taskId);
    const settled = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => (i % 2 ? a! : b!).create(ALICE, REQUEST)));
    assert.equal(settled.filter((s) => s.status === 'fulfilled').length, 2);
    for (const s of settled) if (s.status === 'rejected') assert.equal((s.reason as { code?: string }).code, 'STORAGE_EXHAUSTED');
  });

  it("the change feed: B's writes reach A's listeners as remote changes carrying B's records; A's own writes once each", async () => {
    const [a, b] = await instances(2);
    const seen: TaskChange[] = [];
    a!.onChange((change) => seen.push(change));
    await until(() => a!.changeFeedEpoch(), "A's change feed to listen");
    const created = await b!.create(ALICE, REQUEST);
    const asked = await b!.updateStatus(ALICE, created.taskId, { from: 'working', to: 'input_required' });
    const done = await b!.complete(ALICE, created.taskId, { status: 'completed', outcome: { type: 'result', result: { content: [] } } });
    await until(() => seen.find((c) => c.task.version === done.version), 'the completion on A');
    const remote = seen.filter((c) => c.remote === true);
    assert.ok(remote.length >= 1 && remote.length <= 3, `${remote.length} remote changes`);
    for (const change of remote) {
      assert.equal(change.owner, ALICE);
      assert.deepEqual(
        change.task,
        [created, asked, done].find((t) => t.version === change.task.version),
        'a remote change carries the record B wrote',
      );
    }
    assert.deepEqual(
      remote.map((c) => c.task.version),
      [...remote.map((c) => c.task.version)].sort(),
      'never older after newer',
    );
    seen.length = 0;
    const own = await a!.create(ALICE, REQUEST);
    await a!.cancel(ALICE, own.taskId);
    await b!.get(ALICE, own.taskId); // a round trip after A's notifications
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(
      seen.map((c) => [c.remote ?? false, c.task.status]),
      [
        [false, 'working'],
        [false, 'cancelled'],
      ],
    );
  });

  it('the change feed listens again after the server terminates its connection, with a new epoch, and delivers again', async () => {
    const [a, b] = await instances(2);
    const seen: TaskChange[] = [];
    a!.onChange((change) => seen.push(change));
    const first = await until(() => a!.changeFeedEpoch(), "A's change feed to listen");
    const listener = `LISTEN "${a!.schema}_changes"`;
    const { rows } = await postgres.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1', [listener]);
    assert.equal(rows.length, 1, 'one listening connection for the store');
    await postgres.pool.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    await until(() => (a!.changeFeedEpoch() === undefined ? true : undefined), 'the feed to report the loss');
    const second = await until(() => a!.changeFeedEpoch(), 'the feed to listen again');
    assert.notEqual(second, first, 'a reconnection changes the epoch (readers read once more)');
    const again = await postgres.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE query = $1', [listener]);
    assert.equal(again.rows.length, 1);
    assert.notEqual(again.rows[0]!.pid, rows[0]!.pid);
    const task = await b!.create(ALICE, REQUEST);
    const change = await until(() => seen.find((c) => c.task.taskId === task.taskId), "B's create after the reconnection");
    assert.equal(change.remote, true);
  });

  it("an engine's tasks/result waiter on A is woken by B's completion through the feed, with polling off", async () => {
    const [a, b] = await instances(2);
    // A poll interval of an hour: only a pushed change can wake the waiter within the test.
    const engine = new TaskEngine({ store: a!, sharedStorePollMs: 3_600_000 });
    try {
      await until(() => a!.changeFeedEpoch(), "A's change feed to listen");
      const task = await b!.create(ALICE, REQUEST);
      const controller = new AbortController();
      const waiting = waitForResult(engine, ALICE, task.taskId, controller.signal, {
        send: () => Promise.resolve(false),
        cancel: () => undefined,
        notify: () => undefined,
      });
      await new Promise((r) => setTimeout(r, 50)); // let the waiter read the working task and sleep
      const done = await b!.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { content: [] } } });
      assert.deepEqual(await waiting, done);
    } finally {
      engine.close();
    }
  });

  it("a 2026 subscriber on A is pushed B's completion through the feed, with polling off", async () => {
    const [a, b] = await instances(2);
    const engine = new TaskEngine({ store: a!, sharedStorePollMs: 3_600_000 });
    const handler = createTasksHandler2026({ engine, tools: [] });
    try {
      await until(() => a!.changeFeedEpoch(), "A's change feed to listen");
      const task = await b!.create(ALICE, REQUEST);
      const listen = rpcRequest('subscriptions/listen', { notifications: { taskIds: [task.taskId] } });
      const messages = sseMessages(await handler.fetch(listen, { authInfo: { token: 't', clientId: 'alice', scopes: [] } }));
      assert.deepEqual(((await messages.next()).value as { params: { notifications: unknown } }).params.notifications, {
        taskIds: [task.taskId],
      });
      assert.equal(((await messages.next()).value as { params: { status: string } }).params.status, 'working');
      await b!.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { content: [] } } });
      const rest = [];
      for await (const message of messages) rest.push(message);
      assert.deepEqual(
        rest.map((m) => (m.params as { status?: string } | undefined)?.status ?? 'end'),
        ['completed', 'end'],
      );
    } finally {
      await handler.close();
      engine.close();
    }
  });
});
