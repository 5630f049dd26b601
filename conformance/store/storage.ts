/**
 * Storage caps (issue "Bounded resources"): finished tasks stay until their TTL, so the active
 * quota alone does not bound what an owner stores. Stores declaring `capabilities.storageCaps`
 * must refuse creation past `maxStoredTasksPerOwner` / `maxStoredBytesPerOwner` with
 * STORAGE_EXHAUSTED, count finished tasks, free space only by expiry, and never drop a stored task.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import { ALICE, BOB, COMPLETED, createInput, expectCode, ids, listAll, type Env, type Harness } from './common.js';

const NOT_DECLARED = 'the store does not declare capabilities.storageCaps (per-owner storage caps not enforced)';

/** Open a store with `security`, or skip the test naming the capability. */
async function openCapped(env: Env, security: Parameters<Env['open']>[0]): Promise<TaskStore | undefined> {
  const store = await env.open(security);
  if (store.capabilities.storageCaps === true) return store;
  env.t.skip(NOT_DECLARED);
  return undefined;
}

export function storageTests({ describe, it }: Harness): void {
  describe('storage caps per owner (finished tasks count)', () => {
    it('R38 maxStoredTasksPerOwner counts finished tasks; the refusal drops nothing', async (env) => {
      const store = await openCapped(env, { maxActiveTasksPerOwner: 2, maxStoredTasksPerOwner: 3 });
      if (!store) return;
      const created: string[] = [];
      for (let i = 0; i < 3; i++) {
        const task = await store.create(ALICE, createInput());
        await store.complete(ALICE, task.taskId, COMPLETED);
        created.push(task.taskId);
      }
      await expectCode(store.create(ALICE, createInput()), 'STORAGE_EXHAUSTED');
      assert.deepEqual(ids(await listAll(store, ALICE)), created, 'every stored task is still there');
      await store.create(BOB, createInput()); // another owner is not affected
    });

    it('R36 R38 an expired task frees its storage before any cleanup runs', async (env) => {
      const store = await openCapped(env, { maxActiveTasksPerOwner: 1, maxStoredTasksPerOwner: 1 });
      if (!store) return;
      const first = await store.create(ALICE, createInput({ ttl: 1000 }));
      await store.complete(ALICE, first.taskId, COMPLETED);
      await expectCode(store.create(ALICE, createInput()), 'STORAGE_EXHAUSTED');
      env.clock.advance(1000);
      await store.create(ALICE, createInput());
    });

    it('R38 maxStoredBytesPerOwner counts request params and results of finished tasks', async (env) => {
      const store = await openCapped(env, { maxStoredBytesPerOwner: 64 * 1024 });
      if (!store) return;
      const text = 'x'.repeat(10 * 1024);
      let accepted = 0;
      for (let i = 0; i < 20; i++) {
        try {
          const task = await store.create(ALICE, { request: { method: 'tools/call', params: { name: 'echo', arguments: { text } } } });
          await store.complete(ALICE, task.taskId, {
            status: 'completed',
            outcome: { type: 'result', result: { content: [{ type: 'text', text }] } },
          });
          accepted++;
        } catch (error) {
          assert.equal((error as { code?: unknown }).code, 'STORAGE_EXHAUSTED');
          break;
        }
      }
      // 64 KiB hold at most 3 tasks of 20 KiB (params + result), never all 20.
      assert.ok(accepted >= 2 && accepted <= 3, `accepted ${accepted}`);
      assert.equal((await listAll(store, ALICE)).length, accepted);
      await store.create(BOB, createInput());
    });
  });
}
