/**
 * Graceful shutdown of the reference server (issue "Bounded resources"): on SIGTERM running tasks
 * get the grace period, then end failed with the shutdown message, every pending tasks/result is
 * answered with that JSON-RPC error before the process exits, and the exit code is 0.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { SHUTDOWN_MESSAGE } from '../../src/server/core/execution.js';
import { connect, rpcError, startServer, within, type ServerProcess } from './helpers.js';

describe('reference server: graceful shutdown', () => {
  const started: ServerProcess[] = [];
  after(() => started.forEach((s) => s.kill()));

  it(
    'SIGTERM: a task still running after the grace period fails, its waiting tasks/result gets the error, exit 0',
    { timeout: 30_000 },
    async () => {
      const server = await startServer(['--shutdown-grace-ms', '200']);
      started.push(server);
      const a = await connect(server.url);
      const created = await a.request('tools/call', { name: 'delay', arguments: { ms: 60_000 }, task: { ttl: 120_000 } });
      const quick = await a.request('tools/call', { name: 'delay', arguments: { ms: 50, text: 'in time' }, task: { ttl: 120_000 } });
      const pending = a.request('tasks/result', { taskId: created.task.taskId });
      const quickResult = a.request('tasks/result', { taskId: quick.task.taskId });
      await new Promise((resolve) => setTimeout(resolve, 100));
      server.child.kill('SIGTERM');
      const error = await within(rpcError(pending), 15_000, 'the pending tasks/result to be answered');
      assert.equal(error.code, -32603);
      assert.match(error.message, new RegExp(SHUTDOWN_MESSAGE));
      assert.equal(((await quickResult).content as { text: string }[])[0]!.text, 'in time');
      assert.equal(await within(server.exited, 15_000, 'the server to exit'), 0);
    },
  );
});
