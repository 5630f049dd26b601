/**
 * The anonymous-owner policy and the size caps of stored values (request params, results and
 * errors, variables): measured as UTF-8 JSON, refused with PAYLOAD_TOO_LARGE, writing nothing.
 */
import assert from 'node:assert/strict';
import type { TaskStore } from '../../src/contract.js';
import { ANONYMOUS_OWNER } from '../../src/owner.js';
import { ALICE, COMPLETED, createInput, expectCode, observe, taskIn, type Harness } from './common.js';

const LIMIT = 100;
/** `{"s":"…"}` is 8 bytes plus the string's UTF-8 length. */
const sized = (bytes: number, char = 'x'): { s: string } => ({ s: char.repeat((bytes - 8) / Buffer.byteLength(char)) });

const ANON_OPERATIONS: Record<string, (s: TaskStore) => Promise<unknown>> = {
  create: (s) => s.create(ANONYMOUS_OWNER, createInput()),
  get: (s) => s.get(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA'),
  getResult: (s) => s.getResult(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA'),
  list: (s) => s.list(ANONYMOUS_OWNER),
  updateStatus: (s) => s.updateStatus(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA', { from: 'working', to: 'input_required' }),
  setVariables: (s) => s.setVariables(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA', { a: 1 }),
  complete: (s) => s.complete(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA', COMPLETED),
  cancel: (s) => s.cancel(ANONYMOUS_OWNER, 'AAAAAAAAAAAAAAAAAAAAAA'),
};

export function limitTests({ describe, it }: Harness): void {
  describe('anonymous owner policy', () => {
    for (const [name, call] of Object.entries(ANON_OPERATIONS)) {
      it(`R79 R80 ${name} by the anonymous owner fails ANONYMOUS_NOT_ALLOWED unless allowAnonymous`, async ({ open }) => {
        const store = await open({ allowAnonymous: false });
        await expectCode(() => call(store), 'ANONYMOUS_NOT_ALLOWED');
      });
    }

    it('R79 with allowAnonymous the anonymous owner works like any other owner, and is isolated', async ({ open }) => {
      const store = await open({ allowAnonymous: true });
      const task = await store.create(ANONYMOUS_OWNER, createInput());
      assert.equal((await store.get(ANONYMOUS_OWNER, task.taskId)).owner, ANONYMOUS_OWNER);
      assert.equal((await store.list(ANONYMOUS_OWNER)).tasks.length, 1);
      await expectCode(store.get(ALICE, task.taskId), 'TASK_NOT_FOUND');
      await store.cancel(ANONYMOUS_OWNER, task.taskId);
    });
  });

  describe('size caps', () => {
    it('request params up to security.maxRequestBytes are stored, one byte more fails PAYLOAD_TOO_LARGE and creates nothing', async ({
      open,
    }) => {
      const store = await open({ maxRequestBytes: LIMIT });
      const ok = await store.create(ALICE, { request: { method: 'tools/call', params: sized(LIMIT) } });
      assert.deepEqual(ok.request.params, sized(LIMIT));
      await expectCode(() => store.create(ALICE, { request: { method: 'tools/call', params: sized(LIMIT + 1) } }), 'PAYLOAD_TOO_LARGE');
      assert.equal((await store.list(ALICE)).tasks.length, 1);
    });

    it('sizes are UTF-8 bytes of the JSON, not characters', async ({ open }) => {
      const store = await open({ maxRequestBytes: LIMIT });
      // 46 two-byte characters: 54 characters of JSON but 100 bytes; 47 are 102 bytes.
      await store.create(ALICE, { request: { method: 'tools/call', params: sized(LIMIT, 'é') } });
      await expectCode(
        () => store.create(ALICE, { request: { method: 'tools/call', params: sized(LIMIT + 2, 'é') } }),
        'PAYLOAD_TOO_LARGE',
      );
      assert.equal((await store.list(ALICE)).tasks.length, 1);
    });

    it('a result above security.maxResultBytes fails PAYLOAD_TOO_LARGE and the task stays unfinished', async ({ open }) => {
      const store = await open({ maxResultBytes: LIMIT });
      const task = await taskIn(store, ALICE, 'working');
      const before = await observe(store, ALICE, task.taskId);
      await expectCode(
        () => store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: sized(LIMIT + 1) } }),
        'PAYLOAD_TOO_LARGE',
      );
      await expectCode(
        () =>
          store.complete(ALICE, task.taskId, {
            status: 'failed',
            outcome: { type: 'result', result: { ...sized(LIMIT + 20), isError: true } },
          }),
        'PAYLOAD_TOO_LARGE',
      );
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
      const done = await store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: sized(LIMIT) } });
      assert.equal(done.status, 'completed');
    });

    it('an error outcome above security.maxResultBytes fails PAYLOAD_TOO_LARGE and the task stays unfinished', async ({ open }) => {
      const store = await open({ maxResultBytes: LIMIT });
      const task = await taskIn(store, ALICE, 'working');
      const before = await observe(store, ALICE, task.taskId);
      const error = { code: -32000, message: 'failed', data: 'x'.repeat(LIMIT) };
      await expectCode(
        () => store.complete(ALICE, task.taskId, { status: 'failed', outcome: { type: 'error', error } }),
        'PAYLOAD_TOO_LARGE',
      );
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
    });

    it('initial variables above security.maxVariablesBytes fail PAYLOAD_TOO_LARGE and create nothing', async ({ open }) => {
      const store = await open({ maxVariablesBytes: LIMIT });
      await store.create(ALICE, createInput({ variables: sized(LIMIT) }));
      await expectCode(() => store.create(ALICE, createInput({ variables: sized(LIMIT + 1) })), 'PAYLOAD_TOO_LARGE');
      assert.equal((await store.list(ALICE)).tasks.length, 1);
    });

    it('setVariables whose merged result exceeds security.maxVariablesBytes fails PAYLOAD_TOO_LARGE and writes nothing', async ({
      open,
    }) => {
      const store = await open({ maxVariablesBytes: LIMIT });
      const task = await taskIn(store, ALICE, 'working');
      await store.setVariables(ALICE, task.taskId, { a: 'x'.repeat(40) });
      const before = await observe(store, ALICE, task.taskId);
      // Each patch alone is small; merged they are over the limit.
      await expectCode(() => store.setVariables(ALICE, task.taskId, { b: 'y'.repeat(60) }), 'PAYLOAD_TOO_LARGE');
      assert.deepEqual(await observe(store, ALICE, task.taskId), before);
      // Deleting a key makes room again.
      const next = await store.setVariables(ALICE, task.taskId, { a: null, b: 'y'.repeat(60) });
      assert.deepEqual(Object.keys(next.variables), ['b']);
    });

    it('a refused oversize write emits no change event', async ({ open }) => {
      const store = await open({ maxVariablesBytes: LIMIT, maxResultBytes: LIMIT });
      const task = await taskIn(store, ALICE, 'working');
      let events = 0;
      const off = store.onChange(() => events++);
      await expectCode(() => store.setVariables(ALICE, task.taskId, sized(LIMIT + 1)), 'PAYLOAD_TOO_LARGE');
      await expectCode(
        () => store.complete(ALICE, task.taskId, { status: 'completed', outcome: { type: 'result', result: sized(LIMIT + 1) } }),
        'PAYLOAD_TOO_LARGE',
      );
      off();
      assert.equal(events, 0);
    });
  });
}
