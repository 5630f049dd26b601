/**
 * Leases (src/contract.ts, "Leases"): for stores shared across processes, a task created with a
 * lease fails, on the next read after the lease expired, ONCE and with LEASE_EXPIRED_MESSAGE
 * (-32603), unless its holder renewed it first; a resumable task past its lease is instead taken
 * over by exactly one new holder. Run only when the store declares
 * `capabilities.sharedAcrossProcesses` and implements `renewLease` (and, for takeover,
 * `takeOverLease`); otherwise each test is skipped naming what is missing.
 */
import assert from 'node:assert/strict';
import { LEASE_EXPIRED_MESSAGE, type TaskChange, type TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import { ALICE, BOB, createInput, expectCode, missingIdLike, taskIn, TERMINAL, type Env, type Harness } from './common.js';

const LEASE_MS = 1000;
const HOLDER = 'instance-a';
const EXPIRED_OUTCOME = { type: 'error', error: { code: -32603, message: LEASE_EXPIRED_MESSAGE } };

type LeasedStore = TaskStore & Required<Pick<TaskStore, 'renewLease'>>;

/** The store, or undefined after marking the test skipped with the capability it lacks. */
async function leasedStore(env: Env): Promise<LeasedStore | undefined> {
  const store = await env.open({ maxActiveTasksPerOwner: 20 });
  if (!store.capabilities.sharedAcrossProcesses) {
    env.t.skip('leases apply to stores shared across processes; this store does not declare capabilities.sharedAcrossProcesses');
    return undefined;
  }
  if (typeof store.renewLease !== 'function') {
    env.t.skip('the store declares capabilities.sharedAcrossProcesses but implements no renewLease: leased tasks cannot run on it');
    return undefined;
  }
  return store as LeasedStore;
}

type TakeoverStore = LeasedStore & Required<Pick<TaskStore, 'takeOverLease'>>;

/**
 * The store, or undefined after marking the test skipped: `takeOverLease` is optional even on a
 * leased store (without it resumable tasks are failed like any other), and a store without it
 * must read as "not run", never as a pass.
 */
async function takeoverStore(env: Env): Promise<TakeoverStore | undefined> {
  const store = await leasedStore(env);
  if (!store) return undefined;
  if (typeof store.takeOverLease !== 'function') {
    env.t.skip('the store implements no takeOverLease: resumable tasks cannot be taken over after their lease expired');
    return undefined;
  }
  return store as TakeoverStore;
}

const leased = (store: TaskStore, owner: Owner = ALICE, ms = LEASE_MS): Promise<TaskRecord> =>
  store.create(owner, createInput({ lease: { holder: HOLDER, ms } }));

/** The three reads that must fail a task whose lease expired; each returns what it saw of `taskId`. */
const READS: Record<string, (store: TaskStore, taskId: string) => Promise<TaskRecord | undefined>> = {
  get: (s, id) => s.get(ALICE, id),
  getResult: async (s, id) => (await s.getResult(ALICE, id)).task,
  list: async (s, id) => (await s.list(ALICE, { limit: 20 })).tasks.find((t) => t.taskId === id),
};

function assertLeaseFailed(task: TaskRecord | undefined, version: number, what: string): void {
  assert.ok(task, `${what}: the task is missing`);
  assert.equal(task.status, 'failed', `${what}: an active task whose lease expired must read as failed`);
  assert.equal(task.statusMessage, LEASE_EXPIRED_MESSAGE, `${what}: statusMessage`);
  assert.deepEqual(task.outcome, EXPIRED_OUTCOME, `${what}: the outcome is a -32603 error with LEASE_EXPIRED_MESSAGE`);
  assert.equal(task.version, version + 1, `${what}: failing the task is exactly one write`);
}

export function leaseTests({ describe, it }: Harness): void {
  describe('leases (stores shared across processes)', () => {
    it('lease: create with a lease records holder and expiresAt = now + ms; without one there is none', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      env.clock.advance(123);
      const task = await leased(store);
      assert.deepEqual(task.lease, { holder: HOLDER, expiresAt: env.clock.now() + LEASE_MS });
      assert.deepEqual((await store.get(ALICE, task.taskId)).lease, task.lease);
      const plain = await store.create(ALICE, createInput());
      assert.equal(plain.lease, undefined);
      env.clock.advance(10 * 60_000);
      assert.equal((await store.get(ALICE, plain.taskId)).status, 'working', 'a task without a lease never fails by lease');
    });

    it('lease: renewLease by the holder extends the lease from now, keeps status, lastUpdatedAt and the task working', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const task = await leased(store);
      env.clock.advance(800);
      const renewed = await store.renewLease(ALICE, task.taskId, HOLDER, LEASE_MS);
      assert.deepEqual(renewed.lease, { holder: HOLDER, expiresAt: env.clock.now() + LEASE_MS });
      assert.equal(renewed.status, 'working');
      assert.equal(renewed.lastUpdatedAt, task.lastUpdatedAt, 'a renewal is not an update of the task (A7)');
      env.clock.advance(800);
      const read = await store.get(ALICE, task.taskId);
      assert.equal(read.status, 'working', 'read after the first lease would have expired');
      assert.equal(read.lastUpdatedAt, task.lastUpdatedAt);
    });

    it('lease: renewLease by another holder renews nothing; the lease still expires', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const task = await leased(store);
      env.clock.advance(500);
      const answer = await store.renewLease(ALICE, task.taskId, 'instance-b', 5 * LEASE_MS);
      assert.deepEqual(answer.lease, task.lease, 'the other holder moved the lease');
      assert.deepEqual((await store.get(ALICE, task.taskId)).lease, task.lease);
      env.clock.advance(500);
      assertLeaseFailed(await store.get(ALICE, task.taskId), task.version, 'get');
    });

    it("lease: renewLease of another owner's task, a missing ID or a task past its TTL fails TASK_NOT_FOUND", async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const task = await leased(store);
      await expectCode(store.renewLease(BOB, task.taskId, HOLDER, LEASE_MS), 'TASK_NOT_FOUND');
      await expectCode(store.renewLease(ALICE, missingIdLike(task.taskId), HOLDER, LEASE_MS), 'TASK_NOT_FOUND');
      assert.deepEqual((await store.get(ALICE, task.taskId)).lease, task.lease, 'the foreign renewal moved the lease');
      const short = await store.create(ALICE, createInput({ ttl: 200, lease: { holder: HOLDER, ms: LEASE_MS } }));
      env.clock.advance(200);
      await expectCode(store.renewLease(ALICE, short.taskId, HOLDER, LEASE_MS), 'TASK_NOT_FOUND');
    });

    for (const [name, read] of Object.entries(READS)) {
      it(`lease: at expiresAt ${name} fails the active task once (failed, -32603, LEASE_EXPIRED_MESSAGE); a ms before it is untouched`, async (env) => {
        const store = await leasedStore(env);
        if (!store) return;
        const working = await leased(store);
        const waiting = await store.updateStatus(ALICE, (await leased(store)).taskId, { from: 'working', to: 'input_required' });
        env.clock.advance(LEASE_MS - 1);
        if (name !== 'getResult') assert.equal((await read(store, working.taskId))?.status, 'working', `${name} a ms before expiry`);
        env.clock.advance(1);
        const changes: TaskChange[] = [];
        const off = store.onChange((c) => changes.push(c));
        for (const task of [working, waiting]) {
          assertLeaseFailed(await read(store, task.taskId), task.version, `${name} of a ${task.status} task`);
          assertLeaseFailed(await read(store, task.taskId), task.version, `${name} again (no second write)`);
        }
        off();
        assert.deepEqual(
          changes.map((c) => [c.task.taskId, c.task.status]),
          [
            [working.taskId, 'failed'],
            [waiting.taskId, 'failed'],
          ],
          'one change per failed task',
        );
        assert.deepEqual((await store.getResult(ALICE, working.taskId)).outcome, EXPIRED_OUTCOME);
      });
    }

    it('lease: a renewal after expiry but before any read wins: the task stays working', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const task = await leased(store);
      env.clock.advance(3 * LEASE_MS);
      const renewed = await store.renewLease(ALICE, task.taskId, HOLDER, LEASE_MS);
      assert.equal(renewed.status, 'working');
      assert.equal(renewed.lease?.expiresAt, env.clock.now() + LEASE_MS);
      assert.equal((await store.get(ALICE, task.taskId)).status, 'working');
    });

    it('lease: a renewal racing a read that found the lease expired wins: a renewed task is never failed afterwards', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const tasks = [await leased(store), await leased(store), await leased(store)];
      env.clock.advance(LEASE_MS);
      // The list reads the page before the renewal lands, then tries to fail each expired task.
      const [page, ...renewals] = await Promise.all([
        store.list(ALICE, { limit: 20 }),
        ...tasks.map((t) => store.renewLease(ALICE, t.taskId, HOLDER, LEASE_MS)),
      ]);
      for (const [i, renewed] of renewals.entries()) {
        const final = await store.get(ALICE, tasks[i]!.taskId);
        const listed = page.tasks.find((t) => t.taskId === renewed.taskId);
        if (renewed.status === 'working') {
          assert.equal(renewed.lease?.expiresAt, env.clock.now() + LEASE_MS, 'a working answer must carry the renewed lease');
          assert.equal(final.status, 'working', 'the expiry write overwrote a renewal that had succeeded');
          assert.equal(listed?.status, 'working', 'list reported failed although the renewal won');
        } else {
          assertLeaseFailed(final, tasks[i]!.version, 'expiry won the race');
          assert.deepEqual(renewed, final, 'a refused renewal reports the current record');
        }
      }
    });

    for (const status of TERMINAL) {
      it(`lease: renewLease of a ${status} task renews nothing and reports the ${status} record`, async (env) => {
        const store = await leasedStore(env);
        if (!store) return;
        const task = await taskIn(store, ALICE, status, { lease: { holder: HOLDER, ms: LEASE_MS } });
        env.clock.advance(100);
        const answer = await store.renewLease(ALICE, task.taskId, HOLDER, LEASE_MS);
        assert.deepEqual(answer, task, 'the answer must be the stored record, unchanged');
        env.clock.advance(5 * LEASE_MS);
        assert.deepEqual(await store.get(ALICE, task.taskId), task, `a ${status} task is never failed by its old lease`);
      });
    }

    it('lease: writes by the holder (status, variables) keep the lease', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      const task = await leased(store);
      const next = await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
      const after = await store.setVariables(ALICE, task.taskId, { step: 2 });
      assert.deepEqual([next.lease, after.lease], [task.lease, task.lease]);
    });

    it('lease: bad lease arguments fail INVALID_ARGUMENT (create and renewLease) and write nothing', async (env) => {
      const store = await leasedStore(env);
      if (!store) return;
      for (const lease of [
        { holder: '', ms: LEASE_MS },
        { holder: HOLDER, ms: 0 },
        { holder: HOLDER, ms: -5 },
        { holder: HOLDER, ms: 1.5 },
      ]) {
        await expectCode(() => store.create(ALICE, createInput({ lease })), 'INVALID_ARGUMENT');
      }
      assert.deepEqual((await store.list(ALICE)).tasks, []);
      const task = await leased(store);
      await expectCode(() => store.renewLease(ALICE, task.taskId, HOLDER, 0), 'INVALID_ARGUMENT');
      await expectCode(() => store.renewLease(ALICE, task.taskId, '', LEASE_MS), 'INVALID_ARGUMENT');
      assert.deepEqual(await store.get(ALICE, task.taskId), task);
    });

    const resumable = (store: TaskStore) => store.create(ALICE, createInput({ lease: { holder: HOLDER, ms: LEASE_MS }, resumable: true }));

    it('takeover: a resumable task past its lease is not failed by reads; it stays active for a new holder', async (env) => {
      const store = await takeoverStore(env);
      if (!store) return;
      const task = await resumable(store);
      assert.equal(task.resumable, true);
      env.clock.advance(LEASE_MS);
      for (const read of Object.values(READS)) await read(store, task.taskId).catch(() => undefined);
      assert.equal((await store.get(ALICE, task.taskId)).status, 'working');
    });

    it('takeover: of racing takeOverLease calls exactly one wins; the old holder renews nothing and sees the new lease', async (env) => {
      const store = await takeoverStore(env);
      if (!store) return;
      const task = await resumable(store);
      assert.equal(await store.takeOverLease(ALICE, task.taskId, 'instance-b', LEASE_MS), undefined, 'not before the lease expires');
      env.clock.advance(LEASE_MS);
      const won = await Promise.all(
        ['instance-b', 'instance-c', 'instance-d'].map((holder) => store.takeOverLease(ALICE, task.taskId, holder, LEASE_MS)),
      );
      const winners = won.filter((r) => r !== undefined);
      assert.equal(winners.length, 1);
      assert.equal(winners[0]!.lease!.expiresAt, env.clock.now() + LEASE_MS);
      const old = await store.renewLease(ALICE, task.taskId, HOLDER, LEASE_MS);
      assert.equal(old.lease!.holder, winners[0]!.lease!.holder);
      assert.equal(old.status, 'working');
    });

    it('takeover: a task created without resumable, or of another owner, cannot be taken over', async (env) => {
      const store = await takeoverStore(env);
      if (!store) return;
      const plain = await leased(store);
      const task = await resumable(store);
      env.clock.advance(LEASE_MS);
      assert.equal(await store.takeOverLease(ALICE, plain.taskId, 'instance-b', LEASE_MS), undefined);
      await expectCode(() => store.takeOverLease(BOB, task.taskId, 'instance-b', LEASE_MS), 'TASK_NOT_FOUND');
      assert.equal((await store.get(ALICE, plain.taskId)).status, 'failed');
    });
  });
}
