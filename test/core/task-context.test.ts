/** src/task-context.ts: every method is one correct transition or variables write. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../src/clock.js';
import { InvalidArgumentError, TasksError } from '../../src/errors/index.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { TaskContext, toFailureError } from '../../src/task-context.js';

const OWNER = 'auth:alice';

async function withContext(body: (ctx: TaskContext, store: InMemoryTaskStore) => Promise<void>): Promise<void> {
  const store = new InMemoryTaskStore({ clock: new ManualClock() });
  try {
    const task = await store.create(OWNER, { request: { method: 'tools/call', params: { name: 'x' } }, statusMessage: 'started' });
    await body(new TaskContext(store, OWNER, task.taskId), store);
  } finally {
    await store.close();
  }
}

async function rejectsWith(action: () => Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(action, (err: { code?: string }) => err.code === code);
}

describe('TaskContext', () => {
  it('task() and variables() read the stored task', () =>
    withContext(async (ctx) => {
      assert.equal((await ctx.task()).status, 'working');
      assert.deepEqual(await ctx.variables(), {});
    }));

  it('R47 requireInput: working -> input_required, with the message (or none)', () =>
    withContext(async (ctx) => {
      const t = await ctx.requireInput('need a file');
      assert.equal(t.status, 'input_required');
      assert.equal(t.statusMessage, 'need a file');
      await rejectsWith(() => ctx.requireInput(), 'INVALID_TRANSITION');
    }));

  it('R50 resume: input_required -> working; from working it is refused', () =>
    withContext(async (ctx) => {
      await rejectsWith(() => ctx.resume(), 'INVALID_TRANSITION');
      await ctx.requireInput('q');
      const t = await ctx.resume();
      assert.equal(t.status, 'working');
      assert.equal(t.statusMessage, undefined);
    }));

  it('setStatusMessage keeps the active status; on a terminal task it fails TASK_TERMINAL', () =>
    withContext(async (ctx) => {
      assert.equal((await ctx.setStatusMessage('50%')).status, 'working');
      await ctx.requireInput('q');
      const t = await ctx.setStatusMessage('still waiting');
      assert.deepEqual([t.status, t.statusMessage], ['input_required', 'still waiting']);
      await ctx.complete({ content: [] });
      await rejectsWith(() => ctx.setStatusMessage('late'), 'TASK_TERMINAL');
    }));

  it('variables: setVariable, getVariable, setVariables, deleteVariable', () =>
    withContext(async (ctx) => {
      await ctx.setVariable('a', 1);
      await ctx.setVariables({ b: [1, 2], c: 'x' });
      assert.equal(await ctx.getVariable('a'), 1);
      await ctx.deleteVariable('a');
      assert.equal(await ctx.getVariable('a'), undefined);
      assert.deepEqual(await ctx.variables(), { b: [1, 2], c: 'x' });
    }));

  it('R39 complete(result) -> completed with the result', () =>
    withContext(async (ctx, store) => {
      const t = await ctx.complete({ content: [{ type: 'text', text: 'ok' }] }, 'done');
      assert.deepEqual([t.status, t.statusMessage], ['completed', 'done']);
      assert.deepEqual((await store.getResult(OWNER, t.taskId)).outcome, {
        type: 'result',
        result: { content: [{ type: 'text', text: 'ok' }] },
      });
    }));

  it('R75 A18 complete with isError: true -> failed, result kept', () =>
    withContext(async (ctx, store) => {
      const result = { content: [{ type: 'text', text: 'bad input' }], isError: true };
      const t = await ctx.complete(result);
      assert.equal(t.status, 'failed');
      assert.deepEqual((await store.getResult(OWNER, t.taskId)).outcome, { type: 'result', result });
    }));

  it('complete with a non-object is refused with INVALID_ARGUMENT', () =>
    withContext(async (ctx) => {
      await rejectsWith(async () => ctx.complete([] as never), 'INVALID_ARGUMENT');
      assert.equal((await ctx.task()).status, 'working');
    }));

  it('complete with a non-object returns a rejected promise rather than throwing synchronously', () =>
    withContext(async (ctx) => {
      let result: unknown;
      assert.doesNotThrow(() => {
        result = ctx.complete('not an object' as never);
      });
      await rejectsWith(() => result as Promise<unknown>, 'INVALID_ARGUMENT');
    }));

  const failures: [string, Parameters<TaskContext['fail']>[0], { code: number; message: string; data?: unknown }][] = [
    ['a string', 'disk full', { code: -32603, message: 'disk full' }],
    ['an Error', new Error('boom'), { code: -32603, message: 'boom' }],
    [
      'a JSON-RPC error',
      { code: -32001, message: 'upstream timeout', data: { ms: 30 } },
      { code: -32001, message: 'upstream timeout', data: { ms: 30 } },
    ],
    [
      'a TasksError',
      new InvalidArgumentError('path must be absolute'),
      { code: -32602, message: 'path must be absolute', data: { code: 'INVALID_ARGUMENT' } },
    ],
    ['an Error with an empty message', new Error(''), { code: -32603, message: 'Task failed' }],
  ];
  for (const [what, reason, error] of failures) {
    it(`R42 R75 fail(${what}) -> failed with a JSON-RPC error outcome and it as the message`, () =>
      withContext(async (ctx, store) => {
        const t = await ctx.fail(reason);
        assert.equal(t.status, 'failed');
        assert.equal(t.statusMessage, error.message);
        assert.deepEqual((await store.getResult(OWNER, t.taskId)).outcome, { type: 'error', error });
        assert.deepEqual(toFailureError(reason), error);
      }));
  }

  it('fail(reason, statusMessage) uses the given message', () =>
    withContext(async (ctx) => {
      assert.equal((await ctx.fail('x', 'Tool failed')).statusMessage, 'Tool failed');
    }));

  it('R68 after cancel every ending is refused with TASK_TERMINAL and the task stays cancelled', () =>
    withContext(async (ctx, store) => {
      await store.cancel(OWNER, ctx.taskId);
      await rejectsWith(() => ctx.complete({ content: [] }), 'TASK_TERMINAL');
      await rejectsWith(() => ctx.fail('late'), 'TASK_TERMINAL');
      await rejectsWith(() => ctx.setVariable('a', 1), 'TASK_TERMINAL');
      await rejectsWith(() => ctx.requireInput(), 'TASK_TERMINAL');
      assert.equal((await ctx.task()).status, 'cancelled');
    }));

  it('a context for another owner sees nothing', async () => {
    const store = new InMemoryTaskStore({ clock: new ManualClock() });
    try {
      const task = await store.create(OWNER, { request: { method: 'tools/call' } });
      const foreign = new TaskContext(store, 'auth:bob', task.taskId);
      await rejectsWith(() => foreign.task(), 'TASK_NOT_FOUND');
      await rejectsWith(() => foreign.complete({ content: [] }), 'TASK_NOT_FOUND');
      assert.ok(new InvalidArgumentError('x') instanceof TasksError);
    } finally {
      await store.close();
    }
  });
});
