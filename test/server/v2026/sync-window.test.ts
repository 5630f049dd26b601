/**
 * The sync window of the 2026 leg (docs/2026-leg.md section 10; tasks.md "the server is the sole
 * decider" of task creation): a call of a task-capable tool runs inline; ending within its window
 * it is answered with its result and nothing is stored; otherwise (window over, a question, a
 * write to its task) it becomes a task and the same run goes on as it. No timing is asserted:
 * windows are either far longer than the work (60 s: inline) or the work waits for the test.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import { isTasksError } from '../../../src/errors/index.js';
import type { JsonObject } from '../../../src/json.js';
import type { CreateTaskInput } from '../../../src/contract.js';
import type { Owner } from '../../../src/owner.js';
import { defineTool } from '../../../src/server/core/tool-definition.js';
import { DEFAULT_SYNC_WINDOW_MS, TaskEngine } from '../../../src/server/core/engine.js';
import { DEFAULT_POLL_POLICY } from '../../../src/server/core/poll-policy.js';
import { createTasksHandler2026, type Tool2026, type ToolCall2026 } from '../../../src/server/v2026/index.js';
import { InMemoryTaskStore } from '../../../src/stores/memory.js';
import { formatIssues, validate2026 } from '../../../src/validate/index.js';
import { bounded, deferred } from '../waits.js';
import { rpcRequest, ScriptedTool, startLeg, until, WITH_TASKS, type Leg } from './harness.js';
import { ManualClock } from '../../../src/clock.js';

const text = (t: string): JsonObject => ({ content: [{ type: 'text', text: t }] });
const LONG = 60_000;
const ELICITING = { capabilities: { ...WITH_TASKS, elicitation: {} } };
const alice = { authInfo: { token: 'a', clientId: 'alice', scopes: [] } };
const bob = { authInfo: { token: 'b', clientId: 'bob', scopes: [] } };

function valid(value: unknown): void {
  const r = validate2026('tools/call result', value);
  assert.ok(r.ok, r.ok ? '' : formatIssues(r.errors));
}

/** A Tool2026 with a window of its own. */
function windowed<T extends Tool2026>(tool: T, syncWindowMs: number): T {
  return Object.assign(tool, { syncWindowMs });
}

/** A tool whose body the test writes; counts its runs. */
function toolRunning(
  name: string,
  body: (call: ToolCall2026) => Promise<JsonObject>,
  syncWindowMs: number | null = LONG,
): Tool2026 & { runs: number } {
  const tool = {
    name,
    taskSupport: 'optional' as const,
    ...(syncWindowMs !== null && { syncWindowMs }), // null: the leg's or the engine's
    runs: 0,
    run: (_args: JsonObject, call: ToolCall2026) => (tool.runs++, body(call)),
  };
  return tool;
}

let leg: Leg | undefined;
afterEach(async () => {
  await leg?.close();
  leg = undefined;
});

describe('2026 leg: the sync window', () => {
  it('a call ending within its window is answered with its result in one round trip; no task is stored', async () => {
    const fast = toolRunning('fast', async (call) => (assert.ok(call.task, 'a task context in the window too'), text('quick')));
    leg = startLeg([fast]);
    const reply = await leg.rpc('tools/call', { name: 'fast', arguments: {} });
    valid(reply.result);
    assert.equal(reply.result?.resultType, 'complete');
    assert.deepEqual(reply.result?.content, text('quick').content);
    assert.equal('taskId' in reply.result!, false);
    assert.equal((await leg.store.list('anonymous')).tasks.length, 0, 'nothing listed');
    assert.equal(leg.engine.running, 0);
    assert.equal(leg.engine.inWindow, 0);
    assert.equal(fast.runs, 1);
  });

  it("a tool error within the window is a complete result with isError; a throw is the call's JSON-RPC error; no task either way", async () => {
    const toolError = toolRunning('tool_error', async () => ({ ...text('no luck'), isError: true }));
    const thrower = toolRunning('thrower', async () => {
      throw new Error('broken inside the window');
    });
    leg = startLeg([toolError, thrower]);
    const errorResult = await leg.rpc('tools/call', { name: 'tool_error', arguments: {} });
    valid(errorResult.result);
    assert.equal(errorResult.result?.resultType, 'complete');
    assert.equal(errorResult.result?.isError, true);
    const thrown = await leg.rpc('tools/call', { name: 'thrower', arguments: {} });
    assert.equal(thrown.error?.code, -32603);
    assert.equal(thrown.error?.message, 'broken inside the window');
    assert.equal((await leg.store.list('anonymous')).tasks.length, 0);
  });

  it('a call still running when its window ends becomes a task; the same run ends it (it never runs twice)', async () => {
    const job = windowed(new ScriptedTool('job', 'optional'), 1);
    leg = startLeg([job]);
    const reply = await leg.rpc('tools/call', { name: 'job', arguments: {} });
    valid(reply.result);
    assert.equal(reply.result?.resultType, 'task');
    const taskId = reply.result!.taskId as string;
    assert.equal((await leg.rpc('tasks/get', { taskId })).result?.status, 'working');
    assert.equal(leg.engine.running, 1);
    job.call(0).resolve(text('done late'));
    const done = await leg.settled(taskId);
    assert.equal(done.status, 'completed');
    assert.deepEqual((done.result as JsonObject).content, text('done late').content);
    assert.equal(job.runs, 1, 'one run, continued as the task');
  });

  it('cancellation works on the task a window became: the same run is aborted, the task is cancelled', async () => {
    const job = windowed(new ScriptedTool('job', 'required'), 1);
    leg = startLeg([job]);
    const taskId = (await leg.rpc('tools/call', { name: 'job', arguments: {} })).result!.taskId as string;
    await leg.rpc('tasks/cancel', { taskId });
    await until(() => job.signals[0]?.aborted === true, 'the run to be aborted');
    assert.equal((await leg.settled(taskId)).status, 'cancelled');
    assert.equal(job.runs, 1);
  });

  it('a tool asking a question inside its window becomes a task at that moment; the answer reaches the same run', async () => {
    const asking = toolRunning('asking', async (call) => {
      const answer = await call.task!.elicit({
        message: 'Go on?',
        requestedSchema: { type: 'object', properties: { go: { type: 'boolean' } } },
      });
      return text(`answered ${JSON.stringify((answer as { content?: unknown }).content)}`);
    });
    leg = startLeg([asking]);
    const reply = await leg.rpc('tools/call', { name: 'asking', arguments: {} }, ELICITING);
    assert.equal(reply.result?.resultType, 'task', 'a 60 s window, yet a task at once');
    const taskId = reply.result!.taskId as string;
    let asked: JsonObject | undefined;
    await bounded(
      (async () => {
        while (!asked)
          asked = ((await leg!.rpc('tasks/get', { taskId }, ELICITING)).result?.inputRequests as JsonObject | undefined) ?? undefined;
      })(),
      'the question in tasks/get',
    );
    const [key] = Object.keys(asked!);
    await leg.rpc('tasks/update', { taskId, inputResponses: { [key!]: { action: 'accept', content: { go: true } } } }, ELICITING);
    const done = await leg.settled(taskId, ELICITING);
    assert.equal(done.status, 'completed');
    assert.deepEqual((done.result as JsonObject).content, text('answered {"go":true}').content);
    assert.equal(asking.runs, 1);
  });

  it('writing to its task (variables) inside the window makes the call a task, with the write kept', async () => {
    const gate = deferred<void>();
    const writer = toolRunning('writer', async (call) => {
      await call.task!.setVariables({ step: 1 });
      await gate.promise;
      return text('written');
    });
    leg = startLeg([writer]);
    const reply = await leg.rpc('tools/call', { name: 'writer', arguments: {} });
    assert.equal(reply.result?.resultType, 'task');
    const taskId = reply.result!.taskId as string;
    gate.resolve();
    assert.equal((await leg.settled(taskId)).status, 'completed');
    assert.deepEqual((await leg.store.get('anonymous', taskId)).variables, { step: 1 });
  });

  it("a call that ran inline tells a first poll interval shortened by the time it ran (the store's clock)", async () => {
    const clock = new ManualClock();
    const writer = toolRunning('writer', async (call) => {
      clock.advance(30);
      await call.task!.setVariables({ at: 30 });
      return text('written');
    });
    const store = new InMemoryTaskStore({ clock, security: { allowAnonymous: true } });
    const engine = new TaskEngine({ store });
    const handler = createTasksHandler2026({ engine, tools: [writer] });
    try {
      const response = await handler.fetch(rpcRequest('tools/call', { name: 'writer', arguments: {} }));
      const text2 = await response.text();
      const reply = JSON.parse(
        text2.startsWith('{')
          ? text2
          : text2
              .split('\n')
              .filter((l) => l.startsWith('data:'))
              .pop()!
              .slice(5),
      ) as { result: JsonObject };
      assert.equal(reply.result.resultType, 'task');
      assert.equal(reply.result.pollIntervalMs, DEFAULT_POLL_POLICY.floorMs - 30);
    } finally {
      await handler.close();
      engine.close();
      await store.close();
    }
  });

  it('window 0 (per tool, per leg or per engine) makes a task at once, even for a call that ends at once', async () => {
    for (const options of [{ syncWindowMs: 0 }, { engineWindowMs: 0 }]) {
      leg = startLeg([toolRunning('fast', async () => text('quick'), null)], true, undefined, options);
      assert.equal((await leg.rpc('tools/call', { name: 'fast', arguments: {} })).result?.resultType, 'task', JSON.stringify(options));
      await leg.close();
      leg = undefined;
    }
    leg = startLeg([toolRunning('fast', async () => text('quick'), 0)], true, undefined, { syncWindowMs: LONG });
    assert.equal((await leg.rpc('tools/call', { name: 'fast', arguments: {} })).result?.resultType, 'task', "the tool's 0 wins");
  });

  it('a defined tool carries its window; bad windows are refused where they are set', async () => {
    const ping = defineTool({
      name: 'ping',
      taskSupport: 'optional',
      syncWindowMs: 0,
      run: () => ({ content: [{ type: 'text', text: 'pong' }] }),
    });
    assert.equal(ping.syncWindowMs, 0);
    leg = startLeg([ping], true, undefined, { syncWindowMs: LONG });
    assert.equal((await leg.rpc('tools/call', { name: 'ping', arguments: {} })).result?.resultType, 'task');
    assert.throws(
      () => defineTool({ name: 'bad', syncWindowMs: -1, run: () => ({ content: [] }) }),
      (e: unknown) => isTasksError(e, 'INVALID_ARGUMENT'),
    );
    const store = new InMemoryTaskStore();
    assert.throws(
      () => new TaskEngine({ store, syncWindowMs: 1.5 }),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
    const engine = new TaskEngine({ store });
    assert.throws(
      () => createTasksHandler2026({ engine, tools: [], syncWindowMs: 60_001 }),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
    // The default window ends on the poll grid: the first interval a new task is told.
    assert.equal(engine.syncWindowMs, DEFAULT_SYNC_WINDOW_MS);
    assert.equal(DEFAULT_SYNC_WINDOW_MS, DEFAULT_POLL_POLICY.floorMs);
    const slower = new TaskEngine({ store, pollPolicy: { floorMs: 80 } });
    assert.equal(slower.syncWindowMs, 80);
    slower.close();
    engine.close();
    await store.close();
  });
});

describe('2026 leg: the sync window keeps the quota and owners apart', () => {
  it('an owner gets no more tasks than its quota however many calls are in their window; refused runs are aborted', async () => {
    const job = windowed(new ScriptedTool('job', 'optional'), 1);
    leg = startLeg([job], true, undefined, { security: { maxActiveTasksPerOwner: 2 } });
    const replies = await Promise.all(Array.from({ length: 5 }, () => leg!.rpc('tools/call', { name: 'job', arguments: {} }, alice)));
    const tasks = replies.filter((r) => r.result?.resultType === 'task');
    const refused = replies.filter((r) => r.error);
    assert.equal(tasks.length, 2);
    assert.equal(refused.length, 3);
    for (const r of refused) assert.equal((r.error?.data as { code?: string } | undefined)?.code, 'QUOTA_EXCEEDED');
    assert.equal((await leg.store.list('auth:alice')).tasks.length, 2);
    assert.equal(leg.engine.running, 2);
    await until(() => job.signals.filter((s) => s.aborted).length === job.runs - 2, 'the refused runs to be aborted');
    assert.ok(job.runs <= 4, `at most the quota of runs in their window besides the tasks (${job.runs})`);
  });

  it("one owner's calls in their window neither count against another's nor show it anything", async () => {
    const slow = windowed(new ScriptedTool('slow', 'optional'), LONG);
    const fast = toolRunning('fast', async () => text("bob's"));
    leg = startLeg([slow, fast], true, undefined, { security: { maxActiveTasksPerOwner: 1 } });
    const aliceCall = leg.rpc('tools/call', { name: 'slow', arguments: {} }, alice);
    await until(() => leg!.engine.inWindow === 1, 'alice in her window');
    const bobReply = await leg.rpc('tools/call', { name: 'fast', arguments: {} }, bob);
    assert.equal(bobReply.result?.resultType, 'complete');
    assert.equal((await leg.store.list('auth:bob')).tasks.length, 0);
    slow.call(0).resolve(text('alice done'));
    assert.equal((await aliceCall).result?.resultType, 'complete');
    assert.equal((await leg.store.list('auth:alice')).tasks.length, 0);
  });
});

describe('TaskEngine.call', () => {
  const OWNER: Owner = 'auth:engine';
  const request = { method: 'tools/call', params: { name: 'x' } };
  const peer = { notify: () => undefined, clientCapabilities: () => undefined };

  it("the request's abort inside the window aborts the run and answers an error; no task is created", async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store, syncWindowMs: LONG });
    const controller = new AbortController();
    let signal: AbortSignal | undefined;
    const outcome = engine.call(OWNER, { request, peer, signal: controller.signal }, (task) => {
      signal = task.signal;
      return new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(task.signal.reason)));
    });
    await until(() => signal !== undefined, 'the run to start');
    controller.abort(new Error('client went away'));
    const result = await outcome;
    assert.equal(result.type, 'error');
    assert.equal(signal?.aborted, true);
    assert.equal((await store.list(OWNER)).tasks.length, 0);
    assert.equal(engine.inWindow, 0);
    engine.close();
    await store.close();
  });

  it('closing the engine ends open windows with an error and no task', async () => {
    const store = new InMemoryTaskStore();
    const engine = new TaskEngine({ store, syncWindowMs: LONG });
    const outcome = engine.call(
      OWNER,
      { request, peer },
      (task) => new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(task.signal.reason))),
    );
    engine.close();
    assert.equal((await outcome).type, 'error');
    assert.equal((await store.list(OWNER)).tasks.length, 0);
    await store.close();
  });

  it('a task whose creation completes after the engine closed does not start running: the call gets the shutdown error', async () => {
    const creating = deferred<void>();
    const entered = deferred<void>();
    class Slow extends InMemoryTaskStore {
      override async create(owner: Owner, input: CreateTaskInput) {
        entered.resolve();
        await creating.promise;
        return super.create(owner, input);
      }
    }
    const store = new Slow();
    const engine = new TaskEngine({ store, syncWindowMs: 1 });
    let signal: AbortSignal | undefined;
    const outcome = engine.call(OWNER, { request, peer }, (task) => {
      signal = task.signal;
      return new Promise((_, reject) => task.signal.addEventListener('abort', () => reject(task.signal.reason)));
    });
    await entered.promise;
    engine.close();
    creating.resolve();
    await assert.rejects(outcome, (e: unknown) => isTasksError(e, 'TASK_NO_LONGER_RUNNING'));
    assert.equal(engine.running, 0);
    assert.equal(signal?.aborted, true);
    await store.close();
  });

  it('a store that ignores the reserved taskId is refused with INVALID_OPTIONS (its task would never be found)', async () => {
    class Forgetful extends InMemoryTaskStore {
      override create(owner: Owner, input: CreateTaskInput) {
        const { taskId: _ignored, ...rest } = input;
        return super.create(owner, rest);
      }
    }
    const store = new Forgetful();
    const engine = new TaskEngine({ store, syncWindowMs: 1 });
    const gate = deferred<JsonObject>();
    await assert.rejects(
      engine.call(OWNER, { request, peer }, () => gate.promise),
      (e: unknown) => isTasksError(e, 'INVALID_OPTIONS'),
    );
    gate.resolve(text('late'));
    engine.close();
    await store.close();
  });
});
