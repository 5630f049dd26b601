/**
 * One way to resume (issue 19, part 4): `SequentialWorkflow.resume` continues a stopped worker's
 * run through the takeover path, so a resumed run is like any other: on a store with leases the
 * lease becomes the resuming engine's at once (no waiting for the stopped worker's to run out),
 * and an input step asks the requestor and gets its answer (carried by a `tasks/result` of the
 * resuming server). In process, on the memory store and on an in-memory store that declares
 * itself shared (so the engine leases its tasks).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as z from 'zod';
import type { StoreCapabilities, TaskStore } from '../../src/contract.js';
import type { JsonObject } from '../../src/json.js';
import type { TasksServer } from '../../src/server/v2025/with-tasks.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { SequentialWorkflow, stepVariableKey } from '../../src/workflows/index.js';
import { bounded, RELATED } from '../server/harness.js';
import { serve, type WorkflowHarness } from './harness.js';

/** An in-memory store that declares itself shared: tasks get leases (30 s here, never run out in these tests). */
class SharedMemoryStore extends InMemoryTaskStore {
  override readonly capabilities: StoreCapabilities = { sharedAcrossProcesses: true };
}

const STORES: { name: string; open(): TaskStore }[] = [
  { name: 'memory', open: () => new InMemoryTaskStore() },
  { name: 'shared (leases)', open: () => new SharedMemoryStore() },
];

const ELICITATION = { elicitation: { form: {} } };

/**
 * fetch -> confirm (input) -> use. `fetch` hangs on its first run (until aborted): the first
 * worker stops there, before the question.
 */
function register(tasks: TasksServer, runs: string[]): SequentialWorkflow<{ id: z.ZodString }> {
  tasks.registerTool('fetch', { inputSchema: { id: z.string() } }, async ({ id }, { signal }) => {
    runs.push(`fetch:${id}`);
    if (runs.filter((run) => run.startsWith('fetch:')).length === 1) {
      await new Promise((_, reject) => signal.addEventListener('abort', () => reject(new Error('aborted')), { once: true }));
    }
    return { content: [], structuredContent: { id } };
  });
  tasks.registerTool('use', { inputSchema: { next: z.string() } }, async ({ next }) => {
    runs.push(`use:${next}`);
    return { content: [], structuredContent: { used: next } };
  });
  const workflow = new SequentialWorkflow('asking', { inputSchema: { id: z.string() } })
    .step({ name: 'fetch', tool: 'fetch', args: { id: { from: 'args', path: 'id' } } })
    .step({
      name: 'confirm',
      input: {
        message: 'Which one next?',
        requestedSchema: { type: 'object', properties: { next: { type: 'string' } }, required: ['next'] },
      },
    })
    .step({ name: 'use', tool: 'use', args: { next: { from: 'step', step: 'confirm', path: 'next' } } })
    .withTaskSupport();
  workflow.register(tasks);
  return workflow;
}

/** A first worker that started the run and stopped in `fetch` (its engine closed: nothing more is written), and a second server on the same store. */
async function stoppedRun(
  store: TaskStore,
  runs: string[],
): Promise<{ first: WorkflowHarness; second: WorkflowHarness; workflow: SequentialWorkflow<{ id: z.ZodString }>; taskId: string }> {
  const first = await serve(store, (tasks) => void register(tasks, runs));
  const task = await first.end.createTask('asking', { id: 'one' });
  await first.until(task.taskId, () => runs.length === 1, 'the first run of fetch');
  first.tasks.engine.close();
  let workflow!: SequentialWorkflow<{ id: z.ZodString }>;
  const second = await serve(store, (tasks) => void (workflow = register(tasks, runs)));
  return { first, second, workflow, taskId: task.taskId };
}

describe('resuming a workflow goes through the takeover path', { timeout: 30_000 }, () => {
  for (const kind of STORES) {
    it(`${kind.name}: a resumed step asks the requestor (elicitation) and gets its answer; the run completes with it`, async () => {
      const runs: string[] = [];
      const { first, second, workflow, taskId } = await stoppedRun(kind.open(), runs);
      try {
        const stopped = await second.store.get(second.owner, taskId);
        assert.equal(stopped.status, 'working');
        if (kind.name !== 'memory')
          assert.equal(stopped.lease?.holder, first.tasks.engine.instanceId, "the stopped worker's lease, not run out");

        const resumed = workflow.resume(second.tasks, second.owner, taskId, { clientCapabilities: ELICITATION });
        second.end.onElicit = async () => ({ action: 'accept', content: { next: 'two' } });
        // The requestor waits on the resuming server: its tasks/result carries the question.
        const result = await bounded(second.end.request('tasks/result', { taskId }), 'the resumed result');
        const final = await resumed;

        assert.equal(final.status, 'completed', final.statusMessage);
        assert.deepEqual(runs, ['fetch:one', 'fetch:one', 'use:two']);
        assert.equal(second.end.elicitations.length, 1);
        const asked = second.end.elicitations[0]!.params as unknown as JsonObject;
        assert.equal(asked.message, 'Which one next?');
        assert.deepEqual((asked._meta as JsonObject)[RELATED], { taskId });
        assert.deepEqual(final.variables[stepVariableKey('confirm')], { next: 'two' });
        assert.deepEqual((result.structuredContent as { steps: JsonObject }).steps.use, { used: 'two' });
        if (kind.name !== 'memory')
          assert.equal(final.lease?.holder, second.tasks.engine.instanceId, "the lease became the resuming engine's at once");
        assert.equal(second.tasks.engine.running, 0);
      } finally {
        await first.end.close();
        await second.close();
      }
    });
  }

  it('without a requestor that can answer, a resumed input step fails the task, naming the step', async () => {
    const runs: string[] = [];
    const { first, second, workflow, taskId } = await stoppedRun(new InMemoryTaskStore(), runs);
    try {
      const final = await bounded(workflow.resume(second.tasks, second.owner, taskId), 'the resumed run');
      assert.equal(final.status, 'failed');
      assert.match(final.statusMessage ?? '', /step 'confirm' \(2\/3\)/);
      assert.deepEqual(runs, ['fetch:one', 'fetch:one']);
    } finally {
      await first.end.close();
      await second.close();
    }
  });

  it('a task already running in the resuming engine is refused (RESUME_REFUSED), and so is one that ended', async () => {
    const runs: string[] = [];
    const { first, second, workflow, taskId } = await stoppedRun(new InMemoryTaskStore(), runs);
    try {
      const resumed = workflow.resume(second.tasks, second.owner, taskId, { clientCapabilities: ELICITATION });
      await second.until(taskId, (record) => record.status === 'input_required', 'the resumed run to ask');
      await assert.rejects(workflow.resume(second.tasks, second.owner, taskId), { code: 'RESUME_REFUSED' });
      await second.end.request('tasks/cancel', { taskId });
      assert.equal((await bounded(resumed, 'the cancelled run')).status, 'cancelled');
      await assert.rejects(workflow.resume(second.tasks, second.owner, taskId), { code: 'RESUME_REFUSED' });
    } finally {
      await first.end.close();
      await second.close();
    }
  });
});
