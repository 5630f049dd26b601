/** TTLs (R34, R35, A4): default, clamp to the maximum, the actual value on the record, bad requests refused. */
import assert from 'node:assert/strict';
import { ALICE, createInput, expectCode, type Harness } from './common.js';

const SECURITY = { defaultTtlMs: 60_000, maxTtlMs: 120_000 };

export function ttlTests({ describe, it }: Harness): void {
  describe('TTL', () => {
    it('R35 a task created without ttl gets security.defaultTtlMs, reported on the record', async ({ open }) => {
      const store = await open(SECURITY);
      const task = await store.create(ALICE, createInput());
      assert.equal(task.ttl, 60_000);
      assert.equal(task.expiresAt, task.createdAt + 60_000);
      assert.equal((await store.get(ALICE, task.taskId)).ttl, 60_000);
    });

    it('R34 a requested ttl within the maximum is kept', async ({ open }) => {
      const store = await open(SECURITY);
      for (const ttl of [1, 5_000, 119_999, 120_000]) {
        const task = await store.create(ALICE, createInput({ ttl }));
        assert.equal(task.ttl, ttl);
        assert.equal(task.expiresAt, task.createdAt + ttl);
      }
    });

    it('R34 R35 R38 a requested ttl above security.maxTtlMs is clamped, and the record reports the clamped value', async ({ open }) => {
      const store = await open(SECURITY);
      for (const ttl of [120_001, 10 ** 9, Number.MAX_SAFE_INTEGER]) {
        const task = await store.create(ALICE, createInput({ ttl }));
        assert.equal(task.ttl, 120_000);
        assert.equal(task.expiresAt, task.createdAt + 120_000);
        assert.equal((await store.get(ALICE, task.taskId)).ttl, 120_000);
      }
    });

    it('R34 with maxTtlMs null a requested ttl is kept as is', async ({ open }) => {
      const store = await open({ defaultTtlMs: 60_000, maxTtlMs: null });
      const task = await store.create(ALICE, createInput({ ttl: 10 ** 12 }));
      assert.equal(task.ttl, 10 ** 12);
    });

    it('R35 with defaultTtlMs null a task created without ttl has ttl null and never expires', async ({ open }) => {
      const store = await open({ defaultTtlMs: null, maxTtlMs: null });
      const task = await store.create(ALICE, createInput());
      assert.equal(task.ttl, null);
      assert.equal(task.expiresAt, null);
    });

    const invalid: [string, unknown][] = [
      ['null', null],
      ['0', 0],
      ['-1', -1],
      ['-60000', -60_000],
      ['1.5', 1.5],
      ['NaN', Number.NaN],
      ['Infinity', Number.POSITIVE_INFINITY],
      ['"1000"', '1000'],
      ['2^53', 2 ** 53],
      ['true', true],
    ];
    for (const [label, ttl] of invalid) {
      it(`A4 a requested ttl of ${label} fails INVALID_ARGUMENT and creates nothing`, async ({ open }) => {
        const store = await open(SECURITY);
        await expectCode(() => store.create(ALICE, createInput({ ttl: ttl as number })), 'INVALID_ARGUMENT');
        assert.deepEqual((await store.list(ALICE)).tasks, []);
      });
    }

    it('R36 ttl counts from creation: writes do not extend it', async ({ open, clock }) => {
      const store = await open(SECURITY);
      const task = await store.create(ALICE, createInput({ ttl: 1000 }));
      clock.advance(900);
      const next = await store.setVariables(ALICE, task.taskId, { a: 1 });
      assert.equal(next.expiresAt, task.createdAt + 1000);
      clock.advance(100);
      await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
    });
  });
}
