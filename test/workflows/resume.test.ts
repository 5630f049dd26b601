/**
 * Resume: a workflow whose worker stopped mid-run is continued by another worker on the same
 * store, after the last finished step instead of repeating it.
 * - DynamoDB: the worker is a real CHILD PROCESS, SIGKILLed while step c runs (a and b done);
 *   this process opens the same table and calls `workflow.resume`.
 * - memory: an abandoned in-process worker (its step c never finishes), resumed by another
 *   server instance on the same store.
 * Step invocations are counted in a log file, which survives the kill.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import type { Owner } from '../../src/owner.js';
import type { TaskRecord } from '../../src/record.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { PROGRESS_VARIABLE, stepVariableKey } from '../../src/workflows/index.js';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { registerResumable } from './fixtures/resumable.js';
import { serve } from './harness.js';

const worker = fileURLToPath(new URL('./fixtures/worker.js', import.meta.url));
const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
const expectedSteps = {
  a: { label: 'a', got: 'seed-1' },
  b: { label: 'b', got: 'seed-1' },
  c: { label: 'c', got: { label: 'b', got: 'seed-1' } },
};

async function waitFor(predicate: () => boolean | Promise<boolean>, what: string, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function assertResumed(final: TaskRecord, log: string[]): void {
  assert.equal(final.status, 'completed', final.statusMessage);
  // a and b ran once (before the worker stopped); c, which was running, ran again.
  assert.deepEqual(log, ['a', 'b', 'c', 'c']);
  assert.deepEqual(final.outcome, {
    type: 'result',
    result: { content: [{ type: 'text', text: JSON.stringify({ steps: expectedSteps }) }], structuredContent: { steps: expectedSteps } },
  });
  assert.deepEqual(final.variables[stepVariableKey('c')], expectedSteps.c);
  assert.deepEqual(final.variables[PROGRESS_VARIABLE], { done: 3, total: 3, current: null, last: 'c' });
  assert.equal(final.statusMessage, 'step 3/3 done: c');
}

describe('resuming a workflow after its worker stopped', { timeout: 60_000 }, () => {
  let dir: string;
  let dynamo: Dynamo | undefined;
  before(() => void (dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-wf-'))));
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await dynamo?.stop();
  });

  it(
    'DynamoDB: the worker process is SIGKILLed during step c; another process resumes at c, a and b do not run again',
    { timeout: 40_000 },
    async () => {
      dynamo = await startDynamo();
      const table = await dynamo.freshTable();
      const log = join(dir, 'dynamo.log');
      const child = spawn(process.execPath, [worker], {
        env: { ...process.env, ENDPOINT: dynamo.endpoint, TABLE: table, LOG: log, LEASE_MS: '20000' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
      try {
        await waitFor(() => stdout.includes('\n'), `the worker's task id (stderr: ${stderr})`);
        const { taskId } = JSON.parse(stdout.split('\n')[0]!) as { taskId: string };
        await waitFor(() => {
          try {
            return lines(log).includes('c');
          } catch {
            return false;
          }
        }, 'step c to start in the worker');
        child.kill('SIGKILL');
        assert.equal(await exited, 'SIGKILL');

        const store = await dynamo.openStore({ tableName: table, security: { allowAnonymous: true } });
        const owner: Owner = 'anonymous';
        const before = await store.get(owner, taskId);
        assert.equal(before.status, 'working');
        assert.deepEqual(before.variables[PROGRESS_VARIABLE], { done: 2, total: 3, current: 'c', last: 'b' });
        assert.equal(before.statusMessage, 'step 2/3 done: b');
        assert.ok(before.lease, "the task has the dead worker's lease");

        let workflow!: ReturnType<typeof registerResumable>;
        const h = await serve(store, (tasks) => void (workflow = registerResumable(tasks, log)));
        try {
          const final = await workflow.resume(h.tasks, owner, taskId);
          assertResumed(final, lines(log));
          assert.deepEqual(await store.get(owner, taskId), final);
        } finally {
          await h.close();
        }
      } finally {
        child.kill('SIGKILL');
      }
    },
  );

  it('memory: an abandoned in-process worker (step c never finishes) is resumed by another server on the same store', async () => {
    const store = new InMemoryTaskStore();
    const log = join(dir, 'memory.log');
    const first = await serve(store, (tasks) => void registerResumable(tasks, log, 'c'));
    const task = await first.end.createTask('resumable', { seed: 'seed-1' });
    await waitFor(() => {
      try {
        return lines(log).includes('c');
      } catch {
        return false;
      }
    }, 'step c to start');
    let workflow!: ReturnType<typeof registerResumable>;
    const second = await serve(store, (tasks) => void (workflow = registerResumable(tasks, log)));
    try {
      const final = await workflow.resume(second.tasks, first.owner, task.taskId);
      assertResumed(final, lines(log));
      // The requestor sees the result through the first server too.
      const result = await first.end.request('tasks/result', { taskId: task.taskId });
      assert.deepEqual(result.structuredContent, { steps: expectedSteps });
      await assert.rejects(workflow.resume(second.tasks, first.owner, task.taskId), /already completed/);
    } finally {
      await first.end.close();
      first.tasks.engine.close();
      await second.close();
    }
  });

  it("a resumed run is one of the engine's executions: counted by engine.running, stopped by tasks/cancel and by engine.close()", async () => {
    const store = new InMemoryTaskStore();
    const log = join(dir, 'engine.log');
    const runsOfC = () => {
      try {
        return lines(log).filter((line) => line === 'c').length;
      } catch {
        return 0;
      }
    };
    const first = await serve(store, (tasks) => void registerResumable(tasks, log, 'c'));
    const cancelled = await first.end.createTask('resumable', { seed: 'seed-1' });
    const closed = await first.end.createTask('resumable', { seed: 'seed-2' });
    await waitFor(() => runsOfC() === 2, 'step c to start in both tasks');
    first.tasks.engine.close(); // the first worker stops; its tasks stay working
    let workflow!: ReturnType<typeof registerResumable>;
    const second = await serve(store, (tasks) => void (workflow = registerResumable(tasks, log, 'c')));
    try {
      const resumed = workflow.resume(second.tasks, first.owner, cancelled.taskId);
      await waitFor(() => runsOfC() === 3, 'step c to start again');
      assert.equal(second.tasks.engine.running, 1);
      await second.end.request('tasks/cancel', { taskId: cancelled.taskId });
      assert.equal((await resumed).status, 'cancelled');
      assert.equal(second.tasks.engine.running, 0);

      const resumedAgain = workflow.resume(second.tasks, first.owner, closed.taskId);
      await waitFor(() => runsOfC() === 4, 'step c to start in the second resumed task');
      assert.equal(second.tasks.engine.running, 1);
      second.tasks.engine.close(); // aborts the run; nothing is written
      assert.equal((await resumedAgain).status, 'working');
      assert.equal(second.tasks.engine.running, 0);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('resume refuses a task of another tool, and a workflow not registered on that server', async () => {
    const store = new InMemoryTaskStore();
    const log = join(dir, 'other.log');
    let workflow!: ReturnType<typeof registerResumable>;
    const h = await serve(store, (tasks) => {
      workflow = registerResumable(tasks, log);
      tasks.registerTool('other', { execution: { taskSupport: 'optional' } }, () => new Promise(() => undefined));
    });
    const other = await serve(new InMemoryTaskStore(), () => undefined).catch((e: Error) => e);
    try {
      const task = await h.end.createTask('other', {});
      await assert.rejects(workflow.resume(h.tasks, h.owner, task.taskId), { code: 'RESUME_REFUSED' });
      if (!(other instanceof Error)) await assert.rejects(workflow.resume(other.tasks, h.owner, task.taskId), { code: 'INVALID_OPTIONS' });
    } finally {
      if (!(other instanceof Error)) await other.close();
      await h.close();
    }
  });
});
