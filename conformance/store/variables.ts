/** `setVariables`: merge, `null` deletes, concurrent patches are never lost, terminal tasks refuse. */
import assert from 'node:assert/strict';
import type { JsonValue } from '../../src/json.js';
import { ALICE, attemptMutation, createInput, expectCode, observe, taskIn, type Harness, illTyped } from './common.js';

export function variableTests({ describe, it }: Harness): void {
  describe('variables', () => {
    it('setVariables merges a patch into the variables', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { a: 1, b: 'x' } }));
      const next = await store.setVariables(ALICE, task.taskId, { b: 'y', c: { deep: [1, 2] } });
      assert.deepEqual(next.variables, { a: 1, b: 'y', c: { deep: [1, 2] } });
      assert.deepEqual((await store.get(ALICE, task.taskId)).variables, { a: 1, b: 'y', c: { deep: [1, 2] } });
    });

    it('patch values are copied: the caller keeps mutating its own objects, the record does not change', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput());
      const results: number[] = [1];
      await store.setVariables(ALICE, task.taskId, { results });
      results.push(2); // a worker's running state; must not be frozen or shared
      assert.deepEqual(results, [1, 2]);
      assert.deepEqual((await store.get(ALICE, task.taskId)).variables, { results: [1] });
    });

    it('a null value deletes its key; deleting a missing key is fine', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { a: 1, b: 2 } }));
      const next = await store.setVariables(ALICE, task.taskId, { a: null, zz: null });
      assert.deepEqual(next.variables, { b: 2 });
      assert.ok(!Object.prototype.hasOwnProperty.call(next.variables, 'a'));
    });

    it('a nested value replaces the old value (the merge is one level deep)', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { o: { x: 1, y: 2 } } }));
      const next = await store.setVariables(ALICE, task.taskId, { o: { x: 3 } });
      assert.deepEqual(next.variables, { o: { x: 3 } });
    });

    it('A7 setVariables keeps the status and message, bumps version and lastUpdatedAt', async ({ open, clock }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'input_required');
      clock.advance(3);
      const next = await store.setVariables(ALICE, task.taskId, { k: true });
      assert.equal(next.status, 'input_required');
      assert.equal(next.statusMessage, task.statusMessage);
      assert.equal(next.version, task.version + 1);
      assert.equal(next.lastUpdatedAt, clock.now());
    });

    it('status writes keep the variables', async ({ open }) => {
      const store = await open();
      const task = await store.create(ALICE, createInput({ variables: { a: 1 } }));
      await store.setVariables(ALICE, task.taskId, { b: 2 });
      const next = await store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' });
      assert.deepEqual(next.variables, { a: 1, b: 2 });
    });

    it('concurrent patches of different keys are all applied', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const n = 8;
      const results = await Promise.allSettled(
        Array.from({ length: n }, (_, i) => store.setVariables(ALICE, task.taskId, { [`k${i}`]: i })),
      );
      const rejected = results.filter((r) => r.status === 'rejected');
      assert.deepEqual(rejected, [], 'every one of 8 concurrent patches must succeed');
      const read = await store.get(ALICE, task.taskId);
      assert.deepEqual(read.variables, Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i])));
      assert.equal(read.version, task.version + n);
    });

    it('under heavy contention no fulfilled patch is lost (a refused one reports CONCURRENT_MODIFICATION)', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const n = 40;
      const results = await Promise.allSettled(
        Array.from({ length: n }, (_, i) => store.setVariables(ALICE, task.taskId, { [`k${i}`]: i })),
      );
      const applied: Record<string, JsonValue> = {};
      results.forEach((r, i) => {
        if (r.status === 'fulfilled') applied[`k${i}`] = i;
        else assert.equal((r.reason as { code?: string }).code, 'CONCURRENT_MODIFICATION');
      });
      assert.ok(Object.keys(applied).length >= 1);
      const read = await store.get(ALICE, task.taskId);
      assert.deepEqual(read.variables, applied);
      assert.equal(read.version, task.version + Object.keys(applied).length);
    });

    it('concurrent patch and status change: both are applied', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      await Promise.all([
        store.setVariables(ALICE, task.taskId, { a: 1 }),
        store.updateStatus(ALICE, task.taskId, { from: 'working', to: 'input_required' }),
      ]);
      const read = await store.get(ALICE, task.taskId);
      assert.equal(read.status, 'input_required');
      assert.deepEqual(read.variables, { a: 1 });
    });

    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      it(`R68 setVariables on a ${status} task fails TASK_TERMINAL and writes nothing`, async ({ open }) => {
        const store = await open();
        const task = await taskIn(store, ALICE, status, { variables: { a: 1 } });
        const before = await observe(store, ALICE, task.taskId);
        await expectCode(store.setVariables(ALICE, task.taskId, { a: 2, b: 3 }), 'TASK_TERMINAL');
        assert.deepEqual(await observe(store, ALICE, task.taskId), before);
      });
    }

    it('a patch that is not a plain object fails INVALID_ARGUMENT', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working', { variables: { a: 1 } });
      for (const patch of [null, [], 'x', 3]) {
        await expectCode(() => store.setVariables(ALICE, task.taskId, illTyped(patch)), 'INVALID_ARGUMENT');
      }
      assert.deepEqual((await store.get(ALICE, task.taskId)).variables, { a: 1 });
    });

    it('values are stored with JSON semantics: toJSON is honoured, undefined members are dropped', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const patch = { when: new Date(0), nested: { keep: 1, drop: undefined }, gone: undefined } as unknown as { [key: string]: JsonValue };
      const next = await store.setVariables(ALICE, task.taskId, patch);
      const expected = { when: '1970-01-01T00:00:00.000Z', nested: { keep: 1 } };
      assert.deepEqual(JSON.parse(JSON.stringify(next.variables)), expected);
      assert.deepEqual(JSON.parse(JSON.stringify((await store.get(ALICE, task.taskId)).variables)), expected);
      assert.equal(typeof (await store.get(ALICE, task.taskId)).variables['when'], 'string');
    });

    it('the patch cannot change the task afterwards (copied, or frozen in place)', async ({ open }) => {
      const store = await open();
      const task = await taskIn(store, ALICE, 'working');
      const patch = { list: [1] };
      await store.setVariables(ALICE, task.taskId, patch);
      attemptMutation(() => patch.list.push(2));
      assert.deepEqual((await store.get(ALICE, task.taskId)).variables, { list: [1] });
    });
  });
}
