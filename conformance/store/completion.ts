/** `complete`: status, outcome and message in one atomic write; which outcomes go with which status. */
import assert from 'node:assert/strict';
import type { TaskChange } from '../../src/contract.js';
import { ALICE, COMPLETED, createInput, expectCode, FAILED_ERROR, observe, taskIn, type Harness, illTyped } from './common.js';

export function completionTests({ describe, it }: Harness): void {
  describe('atomic completion', () => {
    for (const from of ['working', 'input_required'] as const) {
      it(`R39 complete from ${from}: status, outcome and statusMessage are visible together`, async ({ open, clock }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, from);
        clock.advance(7);
        const done = await store.complete(ALICE, task.taskId, { ...COMPLETED, statusMessage: 'all done' });
        const expected = {
          status: 'completed',
          outcome: COMPLETED.outcome,
          statusMessage: 'all done',
          version: task.version + 1,
          lastUpdatedAt: clock.now(),
        };
        for (const record of [done, await store.get(ALICE, task.taskId)]) {
          assert.deepEqual(
            {
              status: record.status,
              outcome: record.outcome,
              statusMessage: record.statusMessage,
              version: record.version,
              lastUpdatedAt: record.lastUpdatedAt,
            },
            expected,
          );
        }
        assert.deepEqual((await store.getResult(ALICE, task.taskId)).outcome, COMPLETED.outcome);
      });
    }

    it('R39 complete is one write: one change event, already carrying status and outcome', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const seen: TaskChange[] = [];
      const off = store.onChange((c) => seen.push(c));
      await store.complete(ALICE, task.taskId, FAILED_ERROR);
      off();
      assert.equal(seen.length, 1);
      assert.equal(seen[0]!.task.status, 'failed');
      assert.deepEqual(seen[0]!.task.outcome, FAILED_ERROR.outcome);
    });

    it('R42 failed with a JSON-RPC error keeps code, message and data', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const done = await store.complete(ALICE, task.taskId, FAILED_ERROR);
      assert.equal(done.status, 'failed');
      assert.deepEqual((await store.getResult(ALICE, task.taskId)).outcome, {
        type: 'error',
        error: { code: -32000, message: 'tool crashed', data: { retry: false } },
      });
    });

    it('R75 A18 a tool result with isError: true is kept as a result under failed', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const result = { content: [{ type: 'text', text: 'boom' }], isError: true };
      const done = await store.complete(ALICE, task.taskId, {
        status: 'failed',
        outcome: { type: 'result', result },
        statusMessage: 'boom',
      });
      assert.equal(done.status, 'failed');
      assert.equal(done.statusMessage, 'boom');
      assert.deepEqual((await store.getResult(ALICE, task.taskId)).outcome, { type: 'result', result });
    });

    it('R42 an error outcome is refused with completed (INVALID_ARGUMENT) and nothing changes', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const before = await observe(store, ALICE, task.taskId);
      await expectCode(
        () => store.complete(ALICE, task.taskId, illTyped({ status: 'completed', outcome: FAILED_ERROR.outcome })),
        'INVALID_ARGUMENT',
      );
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    it('malformed outcomes and statuses fail INVALID_ARGUMENT and change nothing', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const before = await observe(store, ALICE, task.taskId);
      const bad: unknown[] = [
        undefined,
        { status: 'completed' },
        { status: 'completed', outcome: { type: 'result' } },
        { status: 'completed', outcome: { type: 'result', result: [] } },
        { status: 'completed', outcome: { type: 'other', result: {} } },
        { status: 'failed', outcome: { type: 'error', error: { code: 1.5, message: 'x' } } },
        { status: 'failed', outcome: { type: 'error', error: { code: -1, message: 7 } } },
        { status: 'cancelled', outcome: { type: 'result', result: {} } },
        { status: 'working', outcome: { type: 'result', result: {} } },
      ];
      for (const input of bad) await expectCode(() => store.complete(ALICE, task.taskId, illTyped(input)), 'INVALID_ARGUMENT');
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    it('R68 a second complete fails TASK_TERMINAL and the first outcome is kept', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      await store.complete(ALICE, task.taskId, COMPLETED);
      const before = await observe(store, ALICE, task.taskId);
      await expectCode(
        store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: { other: true } } }),
        'TASK_TERMINAL',
      );
      await expectCode(store.complete(ALICE, task.taskId, FAILED_ERROR), 'TASK_TERMINAL');
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    it('complete keeps variables and the request untouched', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { step: 3 } }));
      const done = await store.complete(ALICE, task.taskId, COMPLETED);
      assert.deepEqual(done.variables, { step: 3 });
      assert.deepEqual(done.request, task.request);
      assert.equal(done.createdAt, task.createdAt);
      assert.equal(done.ttl, task.ttl);
    });

    it('R67 cancel writes cancelled with no outcome, and getResult says so', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'input_required');
      const cancelled = await store.cancel(ALICE, task.taskId);
      assert.equal(cancelled.status, 'cancelled');
      assert.equal(cancelled.outcome, undefined);
      assert.equal(typeof (cancelled.statusMessage ?? ''), 'string');
      const result = await store.getResult(ALICE, task.taskId);
      assert.equal(result.outcome, undefined);
      assert.deepEqual(result.task, cancelled);
    });
  });
}
