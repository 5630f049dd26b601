/**
 * `--store pglite --data-dir DIR` survives `kill -9`: the reference server (as a child process,
 * with the resumable workflow of the topology test) runs a finished task, a running task that
 * is not resumable and a resumable workflow held in its step b; it is SIGKILLed, and a new
 * process on the same directory serves the finished result, fails the running task with the
 * lease message at its first read after the lease, and takes the workflow over: b runs again in
 * the new process, then c, and a does not run again.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { LEASE_EXPIRED_MESSAGE } from '../../src/contract.js';
import { stepLog, WORKFLOW_TOOL } from '../topology/workflow.js';
import { connect, rpcError, tokensFile, waitFor, waitForStatus, within, type Connection } from './helpers.js';

const INSTANCE = fileURLToPath(new URL('./resumable-instance.js', import.meta.url));
const LEASE_MS = 1500;

interface Instance {
  url: string;
  pid: number;
  kill(signal: NodeJS.Signals): Promise<void>;
}

async function startInstance(args: readonly string[], log: string): Promise<Instance> {
  const child = spawn(process.execPath, [INSTANCE, '--port', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, STEP_LOG: log },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await waitFor(
    () => /listening on (http:\/\/\S+\/mcp)/.exec(stderr)?.[1],
    30_000,
    () => `the instance's listening line (${stderr})`,
    exited,
  );
  return {
    url,
    pid: child.pid!,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await within(exited, 15_000, 'the instance to exit');
    },
  };
}

describe('reference server on PGlite: kill -9 and restart on the same data directory', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-pglite-'));
  const log = join(dir, 'steps.log');
  const tokens = tokensFile();
  const args = ['--store', 'pglite', '--data-dir', join(dir, 'data'), '--lease-ms', String(LEASE_MS), '--tokens', tokens];
  const instances: Instance[] = [];
  const connections: Connection[] = [];
  after(async () => {
    await Promise.allSettled(connections.map((c) => c.close()));
    await Promise.allSettled(instances.map((i) => i.kill('SIGKILL')));
    rmSync(dir, { recursive: true, force: true });
  });

  it(
    'finished results are served, running work fails with the lease message, resumable work is taken over',
    { timeout: 90_000 },
    async () => {
      const first = await startInstance(args, log);
      instances.push(first);
      const before = await connect(first.url, { token: 'token-a' });
      connections.push(before);
      const call = async (name: string, args: Record<string, unknown>) =>
        (await before.request('tools/call', { name, arguments: args, task: { ttl: 300_000 } })).task as { taskId: string };
      const done = await call('delay', { ms: 10, text: 'finished before the crash' });
      await waitForStatus(before, done.taskId, ['completed']);
      const running = await call('until_cancelled', {});
      const workflow = await call(WORKFLOW_TOOL, { holdAt: 'b' });
      await waitFor(
        () => (stepLog(log).some((s) => s.label === 'b') ? true : undefined),
        15_000,
        () => 'step b to start',
      );

      await first.kill('SIGKILL');
      const second = await startInstance(args, log);
      instances.push(second);
      const after = await connect(second.url, { token: 'token-a' });
      connections.push(after);

      assert.deepEqual((await after.request('tasks/result', { taskId: done.taskId })).content, [
        { type: 'text', text: 'finished before the crash' },
      ]);
      const error = await rpcError(within(after.request('tasks/result', { taskId: running.taskId }), 15_000, 'the running task to fail'));
      assert.equal(error.code, -32603);
      assert.ok(error.message.includes(LEASE_EXPIRED_MESSAGE), error.message);
      assert.equal((await after.request('tasks/get', { taskId: running.taskId })).statusMessage, LEASE_EXPIRED_MESSAGE);

      const finished = await waitForStatus(after, workflow.taskId, ['completed', 'failed'], 20_000);
      assert.equal(finished.status, 'completed', String(finished.statusMessage));
      assert.deepEqual(stepLog(log), [
        { label: 'a', pid: first.pid },
        { label: 'b', pid: first.pid },
        { label: 'b', pid: second.pid },
        { label: 'c', pid: second.pid },
      ]);
    },
  );
});
