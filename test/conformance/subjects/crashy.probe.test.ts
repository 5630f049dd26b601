/**
 * Verifies crashy's KNOWN_DEVIATIONS, exitOnDeviation and CORRECT lists with a raw client of its own
 * (probe-client.ts), against the program run as a child process over HTTP and over stdio.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EXIT_ON_CODE, startCrashy, startCrashyStdio } from './crashy.js';
import { HttpSession, RELATED, StdioPeer, type Any } from './probe-client.js';

const JOB_MS = 400;
const CRASH = /Cannot store result for task ([0-9a-f]+) in terminal status 'cancelled'/;

describe('crashy subject (probe)', () => {
  it('HTTP without a cancel: R1, R14, R16 (ttl overridden), R40/R41/R44; R13, R11, tools deviations; it stays up', async () => {
    const crashy = await startCrashy({ jobMs: JOB_MS });
    try {
      const s = new HttpSession(crashy.url);
      const init = await s.initialize();
      assert.deepEqual(init.capabilities.tasks, { list: {}, cancel: {}, requests: { tools: { call: {} } } });
      const { tools } = await s.result('tools/list');
      assert.deepEqual(
        tools.map((t: Any) => [t.name, t.execution?.taskSupport]),
        [
          ['long_job', 'required'],
          ['status', 'forbidden'],
        ],
      );
      const task = (await s.result('tools/call', { name: 'long_job', arguments: { label: 'a' }, task: { ttl: 5_000 } })).task;
      assert.equal(task.status, 'working');
      assert.equal(task.ttl, 60_000);
      assert.equal(task.pollInterval, 200);
      const result = await s.result('tasks/result', { taskId: task.taskId });
      assert.deepEqual(result, { content: [{ type: 'text', text: 'long_job a done' }], _meta: { [RELATED]: { taskId: task.taskId } } });
      assert.deepEqual(await s.result('tools/call', { name: 'long_job', arguments: {} }), {
        content: [{ type: 'text', text: "MCP error -32601: Tool long_job requires task augmentation (taskSupport: 'required')" }],
        isError: true,
      });
      const forbidden = await s.error('tools/call', { name: 'status', arguments: {}, task: {} });
      assert.equal(forbidden.code, -32602);
      assert.match(forbidden.message, /^MCP error -32602: Invalid task creation result: /);
      assert.deepEqual(await s.result('tools/call', { name: 'nope', arguments: {} }), {
        content: [{ type: 'text', text: 'MCP error -32602: Tool nope not found' }],
        isError: true,
      });
      assert.equal((await s.error('tasks/get', { taskId: 'nope' })).code, -32602);
      assert.deepEqual(await s.result('tools/call', { name: 'status', arguments: {} }), { content: [{ type: 'text', text: 'up' }] });
      assert.equal(crashy.child.exitCode, null);
    } finally {
      await crashy.close();
    }
  });

  it('HTTP: R68 (deviation): tasks/cancel is answered, then the process dies with the store error (exit 1)', async () => {
    const crashy = await startCrashy({ jobMs: JOB_MS });
    const s = new HttpSession(crashy.url);
    await s.initialize();
    const task = (await s.result('tools/call', { name: 'long_job', arguments: {}, task: {} })).task;
    const cancelled = await s.result('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(cancelled.statusMessage, 'Client cancelled task execution.');
    assert.deepEqual(await crashy.exited, { code: 1, signal: null });
    assert.equal(CRASH.exec(crashy.stderr())?.[1], task.taskId);
    assert.match(crashy.stderr(), /crashy: <- tasks\/cancel \(id \d+\)/);
    await assert.rejects(s.exchange('tasks/get', { taskId: task.taskId }));
  });

  it('stdio: the same crash; without a cancel the result comes back', async () => {
    const ok = new StdioPeer(startCrashyStdio({ jobMs: JOB_MS }));
    await ok.initialize();
    const done = (await ok.request('tools/call', { name: 'long_job', arguments: { label: 'b' }, task: {} })).result.task;
    assert.deepEqual((await ok.request('tasks/result', { taskId: done.taskId })).result.content, [
      { type: 'text', text: 'long_job b done' },
    ]);
    ok.program.child.stdin!.end();
    assert.deepEqual(await ok.program.exited, { code: 0, signal: null });

    const peer = new StdioPeer(startCrashyStdio({ jobMs: JOB_MS }));
    await peer.initialize();
    const task = (await peer.request('tools/call', { name: 'long_job', arguments: {}, task: {} })).result.task;
    assert.equal((await peer.request('tasks/cancel', { taskId: task.taskId })).result.status, 'cancelled');
    assert.deepEqual(await peer.program.exited, { code: 1, signal: null });
    assert.equal(CRASH.exec(peer.program.stderr())?.[1], task.taskId);
  });

  it('--exit-on tasks/cancel over HTTP: earlier requests are answered, the cancel is not; exit code 3', async () => {
    const crashy = await startCrashy({ jobMs: 60_000, exitOn: 'tasks/cancel' });
    const s = new HttpSession(crashy.url);
    await s.initialize();
    const task = (await s.result('tools/call', { name: 'long_job', arguments: {}, task: {} })).task;
    assert.equal((await s.result('tasks/get', { taskId: task.taskId })).status, 'working');
    await assert.rejects(s.exchange('tasks/cancel', { taskId: task.taskId }));
    assert.deepEqual(await crashy.exited, { code: EXIT_ON_CODE, signal: null });
    assert.match(crashy.stderr(), /crashy: --exit-on tasks\/cancel: got tasks\/cancel \(id \d+\); exiting with code 3 without answering/);
  });

  it('--exit-on tasks/list over stdio: exit code 3, no answer', async () => {
    const peer = new StdioPeer(startCrashyStdio({ exitOn: 'tasks/list' }));
    await peer.initialize();
    void peer.request('tasks/list');
    assert.deepEqual(await peer.program.exited, { code: EXIT_ON_CODE, signal: null });
    assert.deepEqual(
      peer.received.filter((m) => m.id !== undefined),
      [],
    );
    assert.match(peer.program.stderr(), /--exit-on tasks\/list: got tasks\/list \(id 2\)/);
  });
});
