/**
 * Workflows end to end, on the memory store and on DynamoDB (dynalite): task-backed runs with
 * progress in variables and statusMessage, an input step (elicitation with related-task meta,
 * input_required then working), a failing step, cancel between steps (aborting the running
 * step), and a plain workflow without task support.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import * as z from 'zod';
import type { JsonObject } from '../../src/json.js';
import type { TasksServer } from '../../src/server/v2025/with-tasks.js';
import { PROGRESS_VARIABLE, SequentialWorkflow, stepVariableKey } from '../../src/workflows/index.js';
import { bounded, deferred, RELATED, rejectsRpc, type Deferred } from '../server/harness.js';
import { serve, storeKinds, type WorkflowHarness } from './harness.js';

const T = { timeout: 20_000 };

/** Tools shared by the tests: `lookup` (structured output), `gate` (waits for the test), `count` calls. */
function tools(tasks: TasksServer, calls: string[], gates: Map<string, Deferred<JsonObject>>, signals: AbortSignal[]) {
  tasks.registerTool('lookup', { inputSchema: { id: z.string() }, execution: { taskSupport: 'optional' } }, async ({ id }) => {
    calls.push(`lookup:${id}`);
    return { content: [{ type: 'text', text: id }], structuredContent: { id, items: [{ size: id.length }, { size: 99 }] } };
  });
  tasks.registerTool('gate', { inputSchema: { key: z.string() } }, async ({ key }, { signal }) => {
    calls.push(`gate:${key}`);
    signals.push(signal);
    let gate = gates.get(key);
    if (!gate) gates.set(key, (gate = deferred()));
    const aborted = new Promise<never>((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    return { content: [], structuredContent: await Promise.race([gate.promise, aborted]) };
  });
  tasks.registerTool('broken', { inputSchema: {} }, async () => {
    calls.push('broken');
    return { content: [{ type: 'text', text: 'disk full' }], isError: true };
  });
}

for (const kind of storeKinds()) {
  describe(`workflows on the ${kind.name} store`, { timeout: 60_000 }, () => {
    after(() => kind.stop());
    const open = async (build: (tasks: TasksServer) => void) => {
      const calls: string[] = [];
      const gates = new Map<string, Deferred<JsonObject>>();
      const signals: AbortSignal[] = [];
      const h: WorkflowHarness = await serve(await kind.open(), (tasks) => {
        tools(tasks, calls, gates, signals);
        build(tasks);
      });
      const gate = (key: string) => {
        let g = gates.get(key);
        if (!g) gates.set(key, (g = deferred()));
        return g;
      };
      return { h, calls, gate, signals };
    };

    it(
      'runs the steps as a task: outputs and progress in variables, progress in statusMessage, the result names every output',
      T,
      async () => {
        const { h, calls, gate } = await open((tasks) => {
          new SequentialWorkflow('pipeline', { description: 'three steps', inputSchema: { id: z.string(), factor: z.number() } })
            .step({ name: 'fetch', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
            .step({
              name: 'scale',
              run: async (args) => ({ scaled: (args.size as number) * (args.factor as number) }),
              args: { size: { from: 'step', step: 'fetch', path: 'items.0.size' }, factor: { from: 'args', path: 'factor' } },
            })
            .step({ name: 'hold', tool: 'gate', args: { key: { from: 'const', value: 'hold-1' } } })
            .withTaskSupport()
            .register(tasks);
        });
        try {
          const listed = await h.end.request('tools/list');
          const tool = (listed.tools as { name: string; execution?: { taskSupport?: string } }[]).find((t) => t.name === 'pipeline');
          assert.equal(tool?.execution?.taskSupport, 'optional');
          const task = await h.end.createTask('pipeline', { id: 'abcd', factor: 3 });
          assert.equal(task.status, 'working');
          const waiting = await h.until(
            task.taskId,
            (r) => r.variables[PROGRESS_VARIABLE] !== undefined && (r.variables[PROGRESS_VARIABLE] as JsonObject).done === 2,
            'two steps done',
          );
          assert.deepEqual(waiting.variables[stepVariableKey('fetch')], { id: 'abcd', items: [{ size: 4 }, { size: 99 }] });
          assert.deepEqual(waiting.variables[stepVariableKey('scale')], { scaled: 12 });
          assert.deepEqual(waiting.variables[PROGRESS_VARIABLE], { done: 2, total: 3, current: 'hold', last: 'scale' });
          await h.until(task.taskId, (r) => r.statusMessage === 'step 2/3 done: scale', 'the status message');
          assert.equal((await h.end.getTask(task.taskId)).statusMessage, 'step 2/3 done: scale');
          gate('hold-1').resolve({ held: true });
          const result = await h.end.request('tasks/result', { taskId: task.taskId });
          const steps = { fetch: { id: 'abcd', items: [{ size: 4 }, { size: 99 }] }, scale: { scaled: 12 }, hold: { held: true } };
          assert.deepEqual(result.structuredContent, { steps });
          assert.deepEqual(JSON.parse((result.content as { text: string }[])[0]!.text), { steps });
          const done = await h.end.getTask(task.taskId);
          assert.equal(done.status, 'completed');
          assert.equal(done.statusMessage, 'step 3/3 done: hold');
          const final = await h.store.get(h.owner, task.taskId);
          assert.deepEqual(final.variables[PROGRESS_VARIABLE], { done: 3, total: 3, current: null, last: 'hold' });
          assert.deepEqual(calls, ['lookup:abcd', 'gate:hold-1']);
        } finally {
          await h.close();
        }
      },
    );

    it(
      'an input step: elicitation with related-task meta, input_required, then working; the answer is a variable and feeds the next step',
      T,
      async () => {
        const { h, calls } = await open((tasks) => {
          new SequentialWorkflow('ask', { inputSchema: { id: z.string() } })
            .step({ name: 'first', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
            .step({
              name: 'confirm',
              input: {
                message: 'Which id next?',
                requestedSchema: { type: 'object', properties: { next: { type: 'string' } }, required: ['next'] },
              },
            })
            .step({ name: 'second', tool: 'lookup', args: { id: { from: 'step', step: 'confirm', path: 'next' } } })
            .withTaskSupport()
            .register(tasks);
        });
        try {
          const task = await h.end.createTask('ask', { id: 'one' });
          let statusWhileAsked = '';
          h.end.onElicit = async () => {
            statusWhileAsked = (await h.end.getTask(task.taskId)).status;
            return { action: 'accept', content: { next: 'two' } };
          };
          const result = await bounded(h.end.request('tasks/result', { taskId: task.taskId }), 'the workflow result');
          assert.equal(h.end.elicitations.length, 1);
          const asked = h.end.elicitations[0]!.params as unknown as JsonObject;
          assert.equal(asked.message, 'Which id next?');
          assert.deepEqual((asked._meta as JsonObject)[RELATED], { taskId: task.taskId });
          assert.equal(statusWhileAsked, 'input_required');
          assert.deepEqual((result.structuredContent as { steps: JsonObject }).steps.second, {
            id: 'two',
            items: [{ size: 3 }, { size: 99 }],
          });
          const record = await h.store.get(h.owner, task.taskId);
          assert.deepEqual(record.variables[stepVariableKey('confirm')], { next: 'two' });
          assert.deepEqual(calls, ['lookup:one', 'lookup:two']);
          if (kind.name === 'memory') {
            // Every status change is notified: working -> input_required -> working -> completed.
            await h.end.until(() => h.end.statuses(task.taskId).some((t) => t.status === 'completed'), 'completed notification');
            assert.deepEqual(
              h.end.statuses(task.taskId).map((t) => t.status),
              ['input_required', 'working', 'completed'],
            );
          }
        } finally {
          await h.close();
        }
      },
    );

    it('a failing step fails the task, the status message names the step and the cause, earlier outputs stay readable', T, async () => {
      const { h, calls } = await open((tasks) => {
        new SequentialWorkflow('fragile', { inputSchema: { id: z.string() } })
          .step({ name: 'ok', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
          .step({ name: 'explode', tool: 'broken' })
          .step({ name: 'never', tool: 'lookup', args: { id: { from: 'const', value: 'x' } } })
          .withTaskSupport()
          .register(tasks);
      });
      try {
        const task = await h.end.createTask('fragile', { id: 'abc' });
        const failed = await h.terminal(task.taskId);
        assert.equal(failed.status, 'failed');
        assert.equal(failed.statusMessage, "Workflow step 'explode' (2/3) failed: tool 'broken' reported an error: disk full");
        assert.equal((await h.end.getTask(task.taskId)).statusMessage, failed.statusMessage);
        await rejectsRpc(h.end.request('tasks/result', { taskId: task.taskId }), -32603, "step 'explode'", 'disk full');
        assert.deepEqual(failed.variables[stepVariableKey('ok')], { id: 'abc', items: [{ size: 3 }, { size: 99 }] });
        assert.equal(failed.variables[stepVariableKey('explode')], undefined);
        assert.deepEqual(failed.variables[PROGRESS_VARIABLE], { done: 1, total: 3, current: 'explode', last: 'ok' });
        const wire = await h.end.request('tasks/get', { taskId: task.taskId });
        assert.equal(wire.status, 'failed');
        assert.deepEqual(calls, ['lookup:abc', 'broken']);
      } finally {
        await h.close();
      }
    });

    it('a failing binding (missing field) fails the task naming the step and the path', T, async () => {
      const { h } = await open((tasks) => {
        new SequentialWorkflow('badpath', { inputSchema: { id: z.string() } })
          .step({ name: 'get', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
          .step({ name: 'use', run: async (a) => a, args: { v: { from: 'step', step: 'get', path: 'items.5.size' } } })
          .withTaskSupport()
          .register(tasks);
      });
      try {
        const task = await h.end.createTask('badpath', { id: 'q' });
        const failed = await h.terminal(task.taskId);
        assert.equal(failed.status, 'failed');
        assert.equal(
          failed.statusMessage,
          "Workflow step 'use' (2/2) failed: argument 'v': the output of step 'get' has no field 'items.5'",
        );
      } finally {
        await h.close();
      }
    });

    it('tasks/cancel aborts the running step through its signal and no later step runs', T, async () => {
      const { h, calls, signals } = await open((tasks) => {
        new SequentialWorkflow('cancellable', { inputSchema: { id: z.string() } })
          .step({ name: 'first', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
          .step({ name: 'wait', tool: 'gate', args: { key: { from: 'const', value: 'never-released' } } })
          .step({ name: 'after', tool: 'lookup', args: { id: { from: 'const', value: 'after' } } })
          .withTaskSupport()
          .register(tasks);
      });
      try {
        const task = await h.end.createTask('cancellable', { id: 'c' });
        await h.until(task.taskId, () => signals.length === 1, 'the gated step to start');
        const cancelled = await h.end.request('tasks/cancel', { taskId: task.taskId });
        assert.equal(cancelled.status, 'cancelled');
        const deadline = Date.now() + 5000;
        while (!signals[0]!.aborted && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        assert.ok(signals[0]!.aborted, 'the running step was aborted');
        await new Promise((r) => setTimeout(r, 50));
        const record = await h.store.get(h.owner, task.taskId);
        assert.equal(record.status, 'cancelled');
        assert.deepEqual(calls, ['lookup:c', 'gate:never-released']);
        assert.equal(record.variables[stepVariableKey('wait')], undefined);
        assert.deepEqual(Object.keys(record.variables).sort(), [PROGRESS_VARIABLE, stepVariableKey('first')]);
      } finally {
        await h.close();
      }
    });

    it(
      'tasks/cancel between steps: a local step that ignores its signal finishes, but nothing after it runs or is written',
      T,
      async () => {
        const release = deferred<void>();
        const started = deferred<void>();
        let later = 0;
        const { h } = await open((tasks) => {
          new SequentialWorkflow('between')
            .step({ name: 'slow', run: async () => (started.resolve(), await release.promise, { slow: true }) })
            .step({ name: 'later', run: async () => (later++, { later: true }) })
            .withTaskSupport()
            .register(tasks);
        });
        try {
          const task = await h.end.createTask('between', {});
          await bounded(started.promise, 'the slow step');
          await h.end.request('tasks/cancel', { taskId: task.taskId });
          release.resolve();
          await new Promise((r) => setTimeout(r, 100));
          const record = await h.store.get(h.owner, task.taskId);
          assert.equal(record.status, 'cancelled');
          assert.equal(later, 0);
          assert.equal(record.variables[stepVariableKey('slow')], undefined);
        } finally {
          await h.close();
        }
      },
    );

    it('without withTaskSupport: a plain tool (taskSupport forbidden) that runs every step before answering', T, async () => {
      const { h, calls } = await open((tasks) => {
        new SequentialWorkflow('plain', { inputSchema: { id: z.string() } })
          .step({ name: 'a', tool: 'lookup', args: { id: { from: 'args', path: 'id' } } })
          .step({
            name: 'b',
            run: async (args) => ({ twice: (args.n as number) * 2 }),
            args: { n: { from: 'step', step: 'a', path: 'items.1.size' } },
          })
          .register(tasks);
        new SequentialWorkflow('plain_ask')
          .step({ name: 'q', input: { message: 'Go?', requestedSchema: { type: 'object', properties: { answer: { type: 'string' } } } } })
          .step({ name: 'echo', run: async (args) => args, args: { said: { from: 'step', step: 'q', path: 'answer' } } })
          .register(tasks);
      });
      try {
        // A plain run asks through the request's own elicitation.
        const asked = await h.end.request('tools/call', { name: 'plain_ask', arguments: {} });
        assert.deepEqual(asked.structuredContent, { steps: { q: { answer: 'yes' }, echo: { said: 'yes' } } });
        assert.equal(h.end.elicitations.at(-1)?.params.message, 'Go?');
        const listed = await h.end.request('tools/list');
        const tool = (listed.tools as { name: string; execution?: { taskSupport?: string } }[]).find((t) => t.name === 'plain');
        assert.equal(tool?.execution?.taskSupport, 'forbidden');
        const result = await h.end.request('tools/call', { name: 'plain', arguments: { id: 'zz' } });
        assert.deepEqual(result.structuredContent, { steps: { a: { id: 'zz', items: [{ size: 2 }, { size: 99 }] }, b: { twice: 198 } } });
        await rejectsRpc(h.end.request('tools/call', { name: 'plain', arguments: { id: 'zz' }, task: {} }), -32601, 'forbidden');
        assert.deepEqual(calls, ['lookup:zz']);
        const listedTasks = await h.store.list(h.owner);
        assert.equal(listedTasks.tasks.length, 0, 'a plain run creates no task');
      } finally {
        await h.close();
      }
    });
  });
}
