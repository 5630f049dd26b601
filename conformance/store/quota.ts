/** The per-owner quota of active tasks (R38): refusals create nothing; finished and expired tasks free slots. */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import type { Owner } from '../../src/owner.js';
import { ALICE, BOB, COMPLETED, createInput, expectCode, FAILED_ERROR, ids, listAll, taskIn, type Harness } from './common.js';

const MAX = 3;
const SECURITY = { maxActiveTasksPerOwner: MAX };

async function fill(store: TaskStore, owner: Owner, n = MAX): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await store.create(owner, createInput())).taskId);
  return out;
}

export function quotaTests({ describe, it }: Harness): void {
  describe('quota of active tasks per owner', () => {
    it(`R38 the ${MAX + 1}th active task fails QUOTA_EXCEEDED and creates nothing`, async ({ open }) => {
      const store = await open(SECURITY);
      const created = await fill(store, ALICE);
      const before = await listAll(store, ALICE);
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
      await expectCode(store.create(ALICE, createInput({ ttl: 1000, variables: { a: 1 } })), 'QUOTA_EXCEEDED');
      const after = await listAll(store, ALICE);
      assert.deepEqual(ids(after), created);
      assert.deepEqual(after, before);
    });

    it('R38 input_required tasks count as active', async ({ open }) => {
      const store = await open(SECURITY);
      const created = await fill(store, ALICE);
      for (const id of created) await store.updateStatus(ALICE, id, { from: 'working', to: 'input_required' });
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
    });

    const finishers = {
      completing: (s: TaskStore, id: string) => s.complete(ALICE, id, COMPLETED),
      failing: (s: TaskStore, id: string) => s.complete(ALICE, id, FAILED_ERROR),
      cancelling: (s: TaskStore, id: string) => s.cancel(ALICE, id),
    };
    for (const [how, finish] of Object.entries(finishers)) {
      it(`R38 ${how} a task frees exactly one slot`, async ({ open }) => {
        const store = await open(SECURITY);
        const created = await fill(store, ALICE);
        await finish(store, created[1]!);
        await store.create(ALICE, createInput());
        await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
        assert.equal((await listAll(store, ALICE)).length, MAX + 1, 'finished tasks stay listed');
      });
    }

    it('R36 R38 expired tasks free their slots before any cleanup runs', async ({ open, clock }) => {
      const store = await open(SECURITY);
      for (let i = 0; i < MAX; i++) await store.create(ALICE, createInput({ ttl: 1000 }));
      clock.advance(999);
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
      clock.advance(1);
      for (let i = 0; i < MAX; i++) await store.create(ALICE, createInput());
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
    });

    it('R38 the quota is per owner: one owner at the limit does not block another', async ({ open }) => {
      const store = await open(SECURITY);
      await fill(store, ALICE);
      await fill(store, BOB);
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
      await expectCode(store.create(BOB, createInput()), 'QUOTA_EXCEEDED');
    });

    it('R38 terminal tasks never count, however many there are', async ({ open }) => {
      const store = await open(SECURITY);
      for (let i = 0; i < MAX * 3; i++) await taskIn(store, ALICE, i % 2 ? 'completed' : 'cancelled');
      await fill(store, ALICE);
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
    });

    it('R38 a refused create emits no change event', async ({ open }) => {
      const store = await open(SECURITY);
      await fill(store, ALICE);
      let events = 0;
      const off = store.onChange(() => events++);
      await expectCode(store.create(ALICE, createInput()), 'QUOTA_EXCEEDED');
      off();
      assert.equal(events, 0);
    });
  });
}
