/** Creation, reading and results: the shape of a new task, `get` and `getResult`. */
import assert from 'node:assert/strict';
import { generateTaskId } from '../../src/ids.js';
import {
  ALICE,
  attemptMutation,
  BOB,
  CAROL,
  COMPLETED,
  createInput,
  expectCode,
  FAILED_ERROR,
  REQUEST,
  taskIn,
  type Harness,
  illTyped,
} from './common.js';

const ID_SAMPLES = 128;
/**
 * A true 128-bit base64url ID estimates at about 128 bits (the last of its 22 characters holds
 * 2 bits); a 96-bit, time-based or counter ID lands far below. The margin covers sampling noise.
 */
const MIN_ESTIMATED_BITS = 124;

/**
 * Randomness the IDs show: per character position, log2 of the alphabet size that explains the
 * number of distinct characters seen there among the samples (fixed parts such as prefixes,
 * counters' high digits, a UUID's dashes and version add nothing).
 */
function estimatedBits(taskIds: readonly string[]): number {
  const width = Math.max(...taskIds.map((id) => id.length));
  let bits = 0;
  for (let i = 0; i < width; i++) bits += Math.log2(alphabetSize(new Set(taskIds.map((id) => id[i] ?? '')).size, taskIds.length));
  return bits;
}

/** The K for which n uniform draws from K values show `distinct` values on average (capped at 2^16). */
function alphabetSize(distinct: number, n: number): number {
  if (distinct <= 1) return 1;
  if (distinct >= n) return 2 ** 16;
  const expected = (k: number) => k * (1 - (1 - 1 / k) ** n);
  let [lo, hi] = [distinct, 2 ** 16];
  for (let step = 0; step < 60; step++) {
    const mid = (lo + hi) / 2;
    if (expected(mid) < distinct) lo = mid;
    else hi = mid;
  }
  return lo;
}

export function lifecycleTests({ describe, it }: Harness): void {
  describe('lifecycle: create, get, getResult', () => {
    it('R18 R19 R79 create generates string IDs of at least 128 bits: no collisions, every character position random', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: ID_SAMPLES });
      // Eight owners create in parallel (each one at a time), so a networked store is not slowed by quota contention.
      const owners = Array.from({ length: 8 }, (_, i) => `auth:id-sampler-${i}`);
      const perOwner = await Promise.all(
        owners.map(async (owner) => {
          const made: string[] = [];
          for (let i = 0; i < ID_SAMPLES / owners.length; i++) made.push((await store.create(owner, createInput())).taskId);
          return made;
        }),
      );
      const taskIds = perOwner.flat();
      for (const id of taskIds) {
        assert.equal(typeof id, 'string');
        assert.ok(id.length <= 256, 'task ID longer than 256 characters');
        assert.ok(!id.includes('sampler'), 'task ID must not embed the owner');
        assert.ok(new Set(id).size >= 8, `task ID ${JSON.stringify(id)} uses fewer than 8 distinct characters`);
      }
      assert.equal(new Set(taskIds).size, ID_SAMPLES, 'two of the task IDs collide');
      const bits = estimatedBits(taskIds);
      assert.ok(
        bits >= MIN_ESTIMATED_BITS,
        `the IDs carry about ${bits.toFixed(1)} random bits (estimated from ${ID_SAMPLES} IDs); the contract asks for 128`,
      );
    });

    it('R20 task IDs are unique among all tasks of the store, across owners', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 100 });
      const seen = new Set<string>();
      for (const owner of [ALICE, BOB, CAROL]) {
        for (let i = 0; i < 40; i++) seen.add((await store.create(owner, createInput())).taskId);
      }
      assert.equal(seen.size, 120);
    });

    it('R18 a reserved taskId (CreateTaskInput.taskId) is the ID the task gets: get, list and getResult find it by it', async ({
      open,
    }) => {
      const store = await open();
      const reserved = generateTaskId();
      const task = await store.create(ALICE, { ...createInput(), taskId: reserved });
      assert.equal(task.taskId, reserved);
      assert.equal((await store.get(ALICE, reserved)).taskId, reserved);
      assert.deepEqual(
        (await store.list(ALICE)).tasks.map((t) => t.taskId),
        [reserved],
      );
      await store.complete(ALICE, reserved, COMPLETED);
      assert.deepEqual((await store.getResult(ALICE, reserved)).outcome, COMPLETED.outcome);
      await expectCode(store.get(BOB, reserved), 'TASK_NOT_FOUND');
    });

    it('R21 a new task is working with createdAt = lastUpdatedAt = now and version 1', async ({ open, clock }) => {
      const store = await open();
      clock.advance(12_345);
      const task = await store.create(ALICE, createInput());
      assert.equal(task.status, 'working');
      assert.equal(task.createdAt, clock.now());
      assert.equal(task.lastUpdatedAt, clock.now());
      assert.equal(task.version, 1);
      assert.equal(task.owner, ALICE);
      assert.equal(task.outcome, undefined);
    });

    it('R31 R35 a new task reports pollInterval and its actual ttl and expiresAt', async ({ open }) => {
      const store = await open({ pollIntervalMs: 2500, defaultTtlMs: 60_000, maxTtlMs: 120_000 });
      const task = await store.create(ALICE, createInput());
      assert.equal(task.pollInterval, 2500);
      assert.equal(task.ttl, 60_000);
      assert.equal(task.expiresAt, task.createdAt + 60_000);
    });

    it('create stores the request, initial variables and statusMessage', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ statusMessage: 'queued', variables: { step: 1, tags: ['a'] } }));
      assert.deepEqual(task.request, { method: REQUEST.method, params: REQUEST.params });
      assert.deepEqual(task.variables, { step: 1, tags: ['a'] });
      assert.equal(task.statusMessage, 'queued');
      const read = await store.get(ALICE, task.taskId);
      assert.deepEqual(read, task);
    });

    it('create without params stores an empty params object and no variables', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, { request: { method: 'tools/call' } });
      assert.deepEqual(task.request, { method: 'tools/call', params: {} });
      assert.deepEqual(task.variables, {});
    });

    it('R63 get returns what create returned, until the next write', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput());
      assert.deepEqual(await store.get(ALICE, task.taskId), task);
    });

    it('A7 every write bumps version by one and sets lastUpdatedAt to now, createdAt never moves', async ({ open, clock }) => {
      const store = await open();
      const t0 = await store.create(ALICE, createInput());
      clock.advance(10);
      const t1 = await store.updateStatus(ALICE, t0.taskId, { from: 'working', to: 'input_required' });
      clock.advance(10);
      const t2 = await store.setVariables(ALICE, t0.taskId, { a: 1 });
      clock.advance(10);
      const t3 = await store.complete(ALICE, t0.taskId, COMPLETED);
      assert.deepEqual([t1.version, t2.version, t3.version], [2, 3, 4]);
      assert.deepEqual([t1.lastUpdatedAt, t2.lastUpdatedAt, t3.lastUpdatedAt], [t0.createdAt + 10, t0.createdAt + 20, t0.createdAt + 30]);
      assert.deepEqual([t1.createdAt, t2.createdAt, t3.createdAt], [t0.createdAt, t0.createdAt, t0.createdAt]);
    });

    it('R37 get of an ID the store never issued fails TASK_NOT_FOUND', async ({ open }) => {
      const store = await open();
      await store.create(ALICE, createInput());
      await expectCode(store.get(ALICE, 'AAAAAAAAAAAAAAAAAAAAAA'), 'TASK_NOT_FOUND');
    });

    for (const status of ['working', 'input_required'] as const) {
      it(`R40 getResult of a ${status} task fails TASK_NOT_TERMINAL`, async ({ open }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, status);
        await expectCode(store.getResult(ALICE, task.taskId), 'TASK_NOT_TERMINAL');
      });
    }

    it('R39 R41 getResult of a completed task returns the stored result', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'completed');
      const { task: read, outcome } = await store.getResult(ALICE, task.taskId);
      assert.deepEqual(read, task);
      assert.deepEqual(outcome, COMPLETED.outcome);
    });

    it('R42 getResult of a task failed with a JSON-RPC error returns that same error', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'failed');
      assert.deepEqual((await store.getResult(ALICE, task.taskId)).outcome, FAILED_ERROR.outcome);
    });

    it('A9 getResult of a cancelled task has no outcome', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'cancelled');
      const result = await store.getResult(ALICE, task.taskId);
      assert.equal(result.task.status, 'cancelled');
      assert.equal(result.outcome, undefined);
    });

    it('values passed in cannot change the task afterwards (they are copied, or frozen in place)', async ({ open }) => {
      const store = await open();
      const input = createInput({ variables: { list: [1] } });
      const task = await store.create(ALICE, input);
      const result = { content: [{ type: 'text', text: 'a' }] };
      await store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result } });
      // The contract lets a store adopt plain JSON by deep-freezing it: then these mutations throw.
      attemptMutation(() => (input.variables!['list'] as number[]).push(2));
      attemptMutation(() => ((input.request.params as { name: string }).name = 'changed'));
      attemptMutation(() => (result.content[0]!.text = 'changed'));
      const read = await store.getResult(ALICE, task.taskId);
      assert.deepEqual(read.task.variables, { list: [1] });
      assert.equal((read.task.request.params as { name: string }).name, 'echo');
      assert.deepEqual(read.outcome, { type: 'result', result: { content: [{ type: 'text', text: 'a' }] } });
    });

    it('records handed out are snapshots: mutating one (if allowed at all) changes nothing stored', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { a: 1 } }));
      const before = JSON.stringify(await store.get(ALICE, task.taskId));
      const copy = await store.get(ALICE, task.taskId);
      attemptMutation(() => ((copy.variables as Record<string, unknown>)['a'] = 2));
      attemptMutation(() => ((copy as { status: string }).status = 'completed'));
      assert.equal(JSON.stringify(await store.get(ALICE, task.taskId)), before);
    });

    it('invalid arguments fail INVALID_ARGUMENT and create nothing', async ({ open }) => {
      const store = await open();
      const bad: unknown[] = [
        undefined,
        null,
        {},
        { request: null },
        { request: { params: {} } },
        { request: { method: 1 } },
        { request: { method: 'x', params: [] } },
      ];
      for (const input of bad) await expectCode(() => store.create(ALICE, illTyped(input)), 'INVALID_ARGUMENT');
      await expectCode(() => store.create('', createInput()), 'INVALID_ARGUMENT');
      await expectCode(() => store.get(ALICE, ''), 'INVALID_ARGUMENT');
      await expectCode(() => store.get(ALICE, illTyped(42)), 'INVALID_ARGUMENT');
      assert.deepEqual((await store.list(ALICE)).tasks, []);
    });

    it('the store declares its capabilities and its effective security config', async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 7 });
      assert.equal(typeof store.capabilities.sharedAcrossProcesses, 'boolean');
      assert.equal(store.security.maxActiveTasksPerOwner, 7);
    });
  });
}
