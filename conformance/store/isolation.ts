/**
 * Owner isolation (R63, R65, R76, R77): another owner's task does not exist, in every operation,
 * with the very same TASK_NOT_FOUND message as an ID that was never issued.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import {
  ALICE,
  BOB,
  CAROL,
  COMPLETED,
  createInput,
  expectCode,
  ids,
  listAll,
  missingIdLike,
  notFoundText,
  observe,
  STATUSES,
  taskIn,
  type Harness,
} from './common.js';

/** Every operation that names a task, as the foreign owner would call it. */
const OPERATIONS: Record<string, (store: TaskStore, owner: Owner, taskId: string) => Promise<unknown>> = {
  get: (s, o, id) => s.get(o, id),
  getResult: (s, o, id) => s.getResult(o, id),
  updateStatus: (s, o, id) =>
    s.updateStatus(o, id, { from: ['working', 'input_required'], to: 'input_required', statusMessage: 'hijacked' }),
  'updateStatus(to working)': (s, o, id) =>
    s.updateStatus(o, id, { from: ['working', 'input_required'], to: 'working', statusMessage: 'hijacked' }),
  setVariables: (s, o, id) => s.setVariables(o, id, { hijacked: true }),
  'complete(completed)': (s, o, id) => s.complete(o, id, { status: 'completed', outcome: { type: 'result', result: { hijacked: true } } }),
  'complete(failed)': (s, o, id) =>
    s.complete(o, id, { status: 'failed', outcome: { type: 'error', error: { code: -1, message: 'hijacked' } } }),
  cancel: (s, o, id) => s.cancel(o, id, 'hijacked'),
};

export function isolationTests({ describe, it }: Harness): void {
  describe('owner isolation', () => {
    for (const [name, call] of Object.entries(OPERATIONS)) {
      it(`R77 ${name} of another owner's task fails TASK_NOT_FOUND exactly like a missing ID, in every status`, async ({ open }) => {
        const store = await open();
        for (const status of STATUSES) {
          const task = await taskIn(store, ALICE, status);
          const before = await observe(store, ALICE, task.taskId);
          const foreign = await expectCode(call(store, BOB, task.taskId), 'TASK_NOT_FOUND');
          const missingId = missingIdLike(task.taskId);
          const missing = await expectCode(call(store, ALICE, missingId), 'TASK_NOT_FOUND');
          assert.equal(
            notFoundText(foreign, task.taskId),
            notFoundText(missing, missingId),
            `${status}: message differs from a missing ID's`,
          );
          assert.deepEqual(await observe(store, ALICE, task.taskId), before, `${status}: the foreign ${name} changed the task`);
        }
      });
    }

    it('R77 the not-found error of a foreign task is identical (message and code) whether the owner has tasks or not', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      await taskIn(store, BOB, 'working');
      const a = await expectCode(store.get(BOB, task.taskId), 'TASK_NOT_FOUND');
      const b = await expectCode(store.get(CAROL, task.taskId), 'TASK_NOT_FOUND');
      assert.equal(a.message, b.message);
    });

    it("R65 list shows only the requestor's own tasks", async ({ open }) => {
      const store = await open();
      const mine = [await taskIn(store, ALICE, 'working'), await taskIn(store, ALICE, 'completed')];
      const theirs = [await taskIn(store, BOB, 'working'), await taskIn(store, BOB, 'cancelled')];
      assert.deepEqual(ids(await listAll(store, ALICE)), ids(mine));
      assert.deepEqual(ids(await listAll(store, BOB)), ids(theirs));
      assert.deepEqual(await listAll(store, CAROL), []);
    });

    it("R65 list pages of one owner never contain another owner's tasks, whatever the interleaving", async ({ open }) => {
      const store = await open({ maxActiveTasksPerOwner: 50, defaultPageSize: 2, maxPageSize: 3 });
      const expected: Record<string, string[]> = { [ALICE]: [], [BOB]: [] };
      for (let i = 0; i < 12; i++) {
        const owner = i % 3 === 0 ? BOB : ALICE;
        expected[owner]!.push((await store.create(owner, createInput())).taskId);
      }
      for (const owner of [ALICE, BOB]) {
        const tasks = await listAll(store, owner);
        assert.deepEqual(ids(tasks), expected[owner]);
        assert.ok(tasks.every((t) => t.owner === owner));
      }
    });

    it('R64 a cursor issued to one owner fails INVALID_CURSOR for another', async ({ open }) => {
      const store = await open({ defaultPageSize: 1, maxPageSize: 5 });
      await taskIn(store, ALICE, 'working');
      await taskIn(store, ALICE, 'working');
      await taskIn(store, BOB, 'working');
      await taskIn(store, BOB, 'working');
      const page = await store.list(ALICE);
      assert.ok(page.nextCursor, 'a page of 1 out of 2 tasks must carry nextCursor (R61)');
      await expectCode(store.list(BOB, { cursor: page.nextCursor }), 'INVALID_CURSOR');
      await expectCode(store.list(CAROL, { cursor: page.nextCursor }), 'INVALID_CURSOR');
      assert.equal((await store.list(ALICE, { cursor: page.nextCursor })).tasks.length, 1);
    });

    it('R76 the owner is bound to the task and reported on the record', async ({ open }) => {
      const store = await open();
      const a = await store.create(ALICE, createInput());
      const b = await store.create(BOB, createInput());
      assert.equal((await store.get(ALICE, a.taskId)).owner, ALICE);
      assert.equal((await store.get(BOB, b.taskId)).owner, BOB);
    });

    it('R77 foreign writes to a finished task do not reveal that it is terminal', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      await store.complete(ALICE, task.taskId, COMPLETED);
      await expectCode(store.cancel(BOB, task.taskId), 'TASK_NOT_FOUND');
      await expectCode(store.setVariables(BOB, task.taskId, { a: 1 }), 'TASK_NOT_FOUND');
      await expectCode(store.complete(BOB, task.taskId, COMPLETED), 'TASK_NOT_FOUND');
    });

    it('owners are compared exactly: a prefix, a case variant or a padded owner is another owner', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      for (const other of ['auth:alic', 'auth:ALICE', 'Auth:alice', `${ALICE} `, `${ALICE}\0`]) {
        await expectCode(store.get(other, task.taskId), 'TASK_NOT_FOUND');
        await expectCode(store.cancel(other, task.taskId), 'TASK_NOT_FOUND');
      }
      assert.equal((await store.get(ALICE, task.taskId)).status, 'working');
    });
  });
}
