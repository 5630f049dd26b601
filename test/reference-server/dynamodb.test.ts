/**
 * `--store dynamodb` with several reference-server PROCESSES on one table (dynalite in this
 * process, or MCP_TASKS_DYNAMODB_ENDPOINT): tasks are shared, `tasks/result` on one instance
 * wakes when the other completes, a cancel on one stops the work on the other (through the
 * lease renewal), and a task whose process was SIGKILLed becomes `failed` after its lease.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LEASE_EXPIRED_MESSAGE } from '../../src/contract.js';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { connect, run, startServer, tokensFile, waitFor, waitForStatus, within, type Connection, type ServerProcess } from './helpers.js';

const LEASE_MS = 1500;
const T = { timeout: 30_000 };

describe('reference server: --store dynamodb, two processes on one table', { timeout: 60_000 }, () => {
  let dynamo: Dynamo;
  let table: string;
  const tokens = tokensFile();
  const processes: ServerProcess[] = [];
  const connections: Connection[] = [];
  let a: ServerProcess;
  let b: ServerProcess;
  let onA: Connection;
  let onB: Connection;

  const start = async (createTable = false) => {
    const proc = await startServer([
      '--store',
      'dynamodb',
      '--table',
      table,
      '--dynamodb-endpoint',
      dynamo.endpoint,
      ...(createTable ? ['--create-table'] : []),
      '--lease-ms',
      String(LEASE_MS),
      '--cursor-secret',
      'shared-test-secret',
      '--tokens',
      tokens,
    ]);
    processes.push(proc);
    return proc;
  };
  const open = async (proc: ServerProcess) => {
    const conn = await connect(proc.url, { token: 'token-a' });
    connections.push(conn);
    return conn;
  };
  const call = (conn: Connection, name: string, args: Record<string, unknown>) =>
    conn.request('tools/call', { name, arguments: args, task: { ttl: 120_000 } }).then((r) => r.task as { taskId: string; status: string });

  before(async () => {
    dynamo = await startDynamo();
    table = `mcp-tasks-ref-${process.pid}`;
    a = await start(true); // creates the table (dynalite: warns that TTL is unsupported, continues)
    b = await start();
    [onA, onB] = await Promise.all([open(a), open(b)]);
  });
  after(async () => {
    await Promise.allSettled(connections.map((c) => c.close()));
    for (const p of processes) p.kill();
    await dynamo?.stop();
  });

  it('`table create` creates a table on the endpoint (warning about TTL on dynalite), and is idempotent', T, async () => {
    const name = `mcp-tasks-cli-${process.pid}`;
    const args = ['table', 'create', '--table', name, '--dynamodb-endpoint', dynamo.endpoint];
    const first = run(args);
    assert.equal(await within(first.exited, 15_000, 'table create'), 0, first.stderr());
    assert.deepEqual(JSON.parse(first.stdout()), {
      table: name,
      created: true,
      ttlEnabled: process.env.MCP_TASKS_DYNAMODB_ENDPOINT !== undefined,
    });
    if (process.env.MCP_TASKS_DYNAMODB_ENDPOINT === undefined) assert.match(first.stderr(), /warning: .*could not enable DynamoDB TTL/);
    const again = run(args);
    assert.equal(await within(again.exited, 15_000, 'table create (again)'), 0, again.stderr());
    assert.equal((JSON.parse(again.stdout()) as { created: boolean }).created, false);
  });

  it('the listening line names the store and table; --create-table warned about TTL on dynalite', T, () => {
    assert.match(a.stderr(), /\(store: dynamodb, table mcp-tasks-ref-/);
    if (process.env.MCP_TASKS_DYNAMODB_ENDPOINT === undefined) assert.match(a.stderr(), /could not enable DynamoDB TTL/);
  });

  it('a task created on A is visible, listable and fetchable on B', T, async () => {
    const task = await call(onA, 'delay', { ms: 10, text: 'from A' });
    const seen = await onB.request('tasks/get', { taskId: task.taskId });
    assert.equal(seen.taskId, task.taskId);
    const listed = await onB.request('tasks/list', {});
    assert.ok(
      (listed.tasks as { taskId: string }[]).some((t) => t.taskId === task.taskId),
      'listed on B',
    );
    await waitForStatus(onB, task.taskId, ['completed']);
    const result = await onB.request('tasks/result', { taskId: task.taskId });
    assert.deepEqual(result.content, [{ type: 'text', text: 'from A' }]);
  });

  it('tasks/result waiting on B returns when the tool on A completes', T, async () => {
    const task = await call(onA, 'delay', { ms: 1000, text: 'done on A' });
    const started = Date.now();
    const result = await within(onB.request('tasks/result', { taskId: task.taskId }), 8000, 'tasks/result on B');
    const waited = Date.now() - started;
    assert.deepEqual(result.content, [{ type: 'text', text: 'done on A' }]);
    assert.ok(waited >= 800, `returned after ${waited} ms, before the tool could finish`);
    assert.ok(waited < 4000, `returned only after ${waited} ms`);
  });

  it('tasks/cancel on B stops the tool running on A within the renewal interval; the task stays cancelled', T, async () => {
    const task = await call(onA, 'until_cancelled', {});
    await new Promise((r) => setTimeout(r, 200));
    const cancelled = await onB.request('tasks/cancel', { taskId: task.taskId });
    assert.equal(cancelled.status, 'cancelled');
    // A's engine learns of it from its next lease renewal (every LEASE_MS / 3) and tells its requestor.
    await waitFor(
      () =>
        onA.notifications.find(
          (n) => n.method === 'notifications/tasks/status' && n.params?.taskId === task.taskId && n.params?.status === 'cancelled',
        ),
      LEASE_MS / 3 + 1000,
      () =>
        `A's status notification of the cancel, within the renewal interval (got ${JSON.stringify(onA.notifications.map((n) => n.method))})`,
    );
    // Past the lease: still cancelled (the lease never fails a terminal task), on both.
    await new Promise((r) => setTimeout(r, LEASE_MS + 200));
    assert.equal((await onA.request('tasks/get', { taskId: task.taskId })).status, 'cancelled');
    assert.equal((await onB.request('tasks/get', { taskId: task.taskId })).status, 'cancelled');
    assert.doesNotMatch(a.stderr(), /worker_error/);
  });

  it('crash: A is SIGKILLed mid-task; completed tasks stay, the running one becomes failed after the lease', T, async () => {
    const done = await call(onA, 'delay', { ms: 10, text: 'survives the crash' });
    await waitForStatus(onA, done.taskId, ['completed']);
    const running = await call(onA, 'until_cancelled', {});
    await new Promise((r) => setTimeout(r, 100));
    a.child.kill('SIGKILL');
    await within(a.exited, 5000, 'A to exit');
    const killedAt = Date.now();

    // Before the lease runs out the task is still working (its lease was renewed moments ago).
    assert.equal((await onB.request('tasks/get', { taskId: running.taskId })).status, 'working');
    const failed = await waitForStatus(onB, running.taskId, ['failed'], LEASE_MS + 3000);
    assert.ok(Date.now() - killedAt <= LEASE_MS + 3000);
    assert.equal(failed.statusMessage, LEASE_EXPIRED_MESSAGE);

    // A restarted on the same table: everything is still there.
    const restarted = await start();
    const onA2 = await open(restarted);
    assert.equal((await onA2.request('tasks/get', { taskId: done.taskId })).status, 'completed');
    assert.deepEqual((await onA2.request('tasks/result', { taskId: done.taskId })).content, [{ type: 'text', text: 'survives the crash' }]);
    const error = await onA2.request('tasks/result', { taskId: running.taskId }).then(
      () => assert.fail('expected the stored error'),
      (e: { code?: number; message?: string }) => e,
    );
    assert.equal(error.code, -32603);
    assert.match(String(error.message), /lease expired/);
    const ids = ((await onA2.request('tasks/list', {})).tasks as { taskId: string; status: string }[]).map(
      (t) => `${t.taskId}:${t.status}`,
    );
    assert.ok(ids.includes(`${done.taskId}:completed`) && ids.includes(`${running.taskId}:failed`), ids.join(', '));
  });
});
