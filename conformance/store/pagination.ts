/**
 * `list` (R60-R64): page size default and cap, creation order, every task exactly once across
 * pages (also when tasks are added meanwhile), and opaque, owner-bound, expiring cursors.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import type { SecurityConfig } from '../../src/security.js';
import { ALICE, createInput, expectCode, ids, listAll, pagesOf, taskIn, type Env, type Harness, illTyped } from './common.js';

const SECURITY: Partial<SecurityConfig> = { defaultPageSize: 3, maxPageSize: 5, maxActiveTasksPerOwner: 100, cursorTtlMs: 60_000 };

async function withTasks({ open, clock }: Env, n: number, security = SECURITY): Promise<{ store: TaskStore; created: string[] }> {
  const store = await open(security);
  const created: string[] = [];
  for (let i = 0; i < n; i++) {
    created.push((await store.create(ALICE, createInput())).taskId);
    if (i % 2) clock.advance(1); // some tasks share a createdAt: order must not depend on the timestamp alone
  }
  return { store, created };
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export function paginationTests({ describe, it }: Harness): void {
  describe('pagination', () => {
    it('R60 R61 without a limit a page holds security.defaultPageSize tasks and a nextCursor', async (env) => {
      const { store, created } = await withTasks(env, 8);
      const page = await store.list(ALICE);
      assert.deepEqual(ids(page.tasks), created.slice(0, 3));
      assert.equal(typeof page.nextCursor, 'string');
    });

    it('R60 a larger limit is capped at security.maxPageSize', async (env) => {
      const { store, created } = await withTasks(env, 8);
      const page = await store.list(ALICE, { limit: 1000 });
      assert.deepEqual(ids(page.tasks), created.slice(0, 5));
      assert.ok(page.nextCursor);
    });

    it('R61 a smaller limit is honoured', async (env) => {
      const { store, created } = await withTasks(env, 4);
      assert.deepEqual(ids((await store.list(ALICE, { limit: 1 })).tasks), created.slice(0, 1));
    });

    for (const limit of [0, -1, 1.5, Number.NaN, '2']) {
      it(`list with limit ${JSON.stringify(limit)} fails INVALID_ARGUMENT`, async (env) => {
        const { store } = await withTasks(env, 1);
        await expectCode(() => store.list(ALICE, { limit: limit as number }), 'INVALID_ARGUMENT');
      });
    }

    it('R60 an owner without tasks gets an empty page', async (env) => {
      const store = await env.open(SECURITY);
      assert.deepEqual(await listAll(store, ALICE), []);
    });

    for (const [n, limit] of [
      [7, 2],
      [6, 3],
      [5, 5],
      [11, 1],
      [3, undefined],
    ] as const) {
      it(`R61 R63 ${n} tasks in pages of ${limit ?? 'default'}: each exactly once, oldest first`, async (env) => {
        const { store, created } = await withTasks(env, n);
        assert.deepEqual(ids(await listAll(store, ALICE, limit)), created);
      });
    }

    it('R63 terminal tasks are listed (while unexpired) with their current status', async (env) => {
      const store = await env.open(SECURITY);
      const tasks = [
        await taskIn(store, ALICE, 'completed'),
        await taskIn(store, ALICE, 'working'),
        await taskIn(store, ALICE, 'cancelled'),
      ];
      const listed = await listAll(store, ALICE, 2);
      assert.deepEqual(
        listed.map((t) => [t.taskId, t.status]),
        tasks.map((t) => [t.taskId, t.status]),
      );
    });

    it('R63 tasks created between pages: every earlier task exactly once, new ones at most once', async (env) => {
      const { store, created } = await withTasks(env, 6);
      const seen: string[] = [];
      const added: string[] = [];
      for await (const page of pagesOf(store, ALICE, { limit: 2 })) {
        seen.push(...ids(page.tasks));
        if (added.length < 3) added.push((await store.create(ALICE, createInput())).taskId);
      }
      assert.deepEqual(
        seen.filter((id) => created.includes(id)),
        created,
      );
      assert.equal(new Set(seen).size, seen.length, 'a task was listed twice');
      assert.ok(seen.every((id) => created.includes(id) || added.includes(id)));
    });

    it('R63 tasks updated between pages are neither skipped nor repeated', async (env) => {
      const { store, created } = await withTasks(env, 6);
      const first = await store.list(ALICE, { limit: 3 });
      for (const id of created) await store.setVariables(ALICE, id, { touched: true });
      await store.complete(ALICE, created[4]!, { status: 'completed', outcome: { type: 'result', result: {} } });
      assert.deepEqual(ids(await listAll(store, ALICE, 3, first)), created);
    });

    it('R62 R64 a cursor with any single character changed fails INVALID_CURSOR', async (env) => {
      const { store } = await withTasks(env, 4);
      const cursor = (await store.list(ALICE, { limit: 1 })).nextCursor!;
      for (let i = 0; i < cursor.length; i++) {
        const at = BASE64URL.indexOf(cursor[i]!);
        const replacement = at === -1 ? 'A' : BASE64URL[(at + 1) % BASE64URL.length]!;
        const tampered = cursor.slice(0, i) + replacement + cursor.slice(i + 1);
        await expectCode(store.list(ALICE, { cursor: tampered }), 'INVALID_CURSOR');
      }
    });

    it('R64 a cursor with characters added or removed fails INVALID_CURSOR', async (env) => {
      const { store } = await withTasks(env, 4);
      const cursor = (await store.list(ALICE, { limit: 1 })).nextCursor!;
      for (const tampered of [
        cursor.slice(1),
        cursor.slice(0, -1),
        `${cursor}A`,
        `A${cursor}`,
        `${cursor}=`,
        `${cursor} `,
        `${cursor}${cursor}`,
      ]) {
        await expectCode(store.list(ALICE, { cursor: tampered }), 'INVALID_CURSOR');
      }
    });

    it('R64 garbage cursors fail INVALID_CURSOR', async (env) => {
      const { store } = await withTasks(env, 2);
      const garbage = [
        '',
        'garbage',
        '.',
        'a.b',
        '0',
        '1',
        '{}',
        'null',
        'x'.repeat(5000),
        '\u0000',
        '..',
        Buffer.from('["1",0]').toString('base64url'),
      ];
      for (const cursor of garbage) await expectCode(store.list(ALICE, { cursor }), 'INVALID_CURSOR');
    });

    it('R64 a non-string cursor fails INVALID_CURSOR or INVALID_ARGUMENT', async (env) => {
      const { store } = await withTasks(env, 2);
      for (const cursor of [42, {}, [], true, null]) {
        await expectCode(() => store.list(ALICE, { cursor: illTyped(cursor) }), 'INVALID_CURSOR', 'INVALID_ARGUMENT');
      }
    });

    it('R64 a cursor older than security.cursorTtlMs fails INVALID_CURSOR; one just younger still works', async (env) => {
      const { store, created } = await withTasks(env, 4);
      const cursor = (await store.list(ALICE, { limit: 2 })).nextCursor!;
      env.clock.advance(60_000);
      assert.deepEqual(ids((await store.list(ALICE, { limit: 2, cursor })).tasks), created.slice(2, 4));
      env.clock.advance(1);
      await expectCode(store.list(ALICE, { limit: 2, cursor }), 'INVALID_CURSOR');
    });
  });
}
