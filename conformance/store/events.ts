/** Change events: one per successful write, carrying the owner and the new record; none for refusals or reads. */
import assert from 'node:assert/strict';
import type { TaskChange, TaskStore } from '../../src/contract.js';
import { ALICE, BOB, COMPLETED, createInput, expectCode, type Harness } from './common.js';

function record(store: TaskStore): { changes: TaskChange[]; off: () => void } {
  const changes: TaskChange[] = [];
  const off = store.onChange((c) => changes.push(c));
  return { changes, off };
}

export function eventTests({ describe, it }: Harness): void {
  describe('change events', () => {
    it('R57 every successful write emits one change with the owner and the record it returned', async ({ open }) => {
      const store = await open();
      const { changes, off } = record(store);
      const written = [];
      const task = await store.create(ALICE, createInput());
      written.push(task);
      written.push(await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required', statusMessage: 'q' }));
      written.push(await store.setVariables(ALICE, task.taskId, { a: 1 }));
      written.push(await store.updateStatus(ALICE, task.taskId, { from: 'input_required', to: 'working' }));
      written.push(await store.complete(ALICE, task.taskId, COMPLETED));
      const other = await store.create(BOB, createInput());
      written.push(other);
      written.push(await store.cancel(BOB, other.taskId));
      off();
      assert.deepEqual(
        changes.map((c) => c.owner),
        [ALICE, ALICE, ALICE, ALICE, ALICE, BOB, BOB],
      );
      assert.deepEqual(
        changes.map((c) => c.task),
        written,
      );
    });

    it('R57 the change of a write is delivered by the time the write resolves', async ({ open }) => {
      const store = await open();
      const { changes, off } = record(store);
      const task = await store.create(ALICE, createInput());
      assert.equal(changes.length, 1);
      await store.cancel(ALICE, task.taskId);
      assert.equal(changes.length, 2);
      assert.equal(changes[1]!.task.status, 'cancelled');
      off();
    });

    it('refused writes and reads emit nothing', async ({ open, clock }) => {
      const store = await open({ maxActiveTasksPerOwner: 2 });
      const task = await store.create(ALICE, createInput({ ttl: 5000 }));
      await store.create(ALICE, createInput());
      await store.complete(ALICE, task.taskId, COMPLETED);
      const live = (await store.list(ALICE)).tasks[1]!;
      const { changes, off } = record(store);
      await expectCode(store.cancel(ALICE, task.taskId), 'TASK_TERMINAL');
      await expectCode(store.complete(ALICE, task.taskId, COMPLETED), 'TASK_TERMINAL');
      await expectCode(store.setVariables(ALICE, task.taskId, { a: 1 }), 'TASK_TERMINAL');
      await expectCode(store.updateStatus(ALICE, live.taskId, { from: 'input_required', to: 'working' }), 'INVALID_TRANSITION');
      await expectCode(store.cancel(BOB, live.taskId), 'TASK_NOT_FOUND');
      await expectCode(store.setVariables(BOB, live.taskId, { a: 1 }), 'TASK_NOT_FOUND');
      await store.create(ALICE, createInput());
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
      const fulfilledSoFar = changes.length;
      assert.equal(fulfilledSoFar, 1, 'only the one successful create may emit');
      await store.get(ALICE, live.taskId);
      await store.list(ALICE);
      await store.getResult(ALICE, task.taskId);
      clock.advance(5000);
      await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
      await store.cleanup();
      off();
      assert.equal(changes.length, 1);
    });

    it('unsubscribing stops delivery; other listeners keep receiving', async ({ open }) => {
      const store = await open();
      const a = record(store);
      const b = record(store);
      const task = await store.create(ALICE, createInput());
      a.off();
      await store.setVariables(ALICE, task.taskId, { x: 1 });
      b.off();
      await store.cancel(ALICE, task.taskId);
      assert.equal(a.changes.length, 1);
      assert.equal(b.changes.length, 2);
    });

    it('a listener may unsubscribe from inside its own call', async ({ open }) => {
      const store = await open();
      const seen: string[] = [];
      const off = store.onChange((c) => {
        seen.push(c.task.status);
        off();
      });
      const task = await store.create(ALICE, createInput());
      await store.cancel(ALICE, task.taskId);
      assert.deepEqual(seen, ['working']);
    });
  });
}
