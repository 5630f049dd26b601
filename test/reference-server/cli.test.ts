/**
 * The `mcp-tasks-server` command line: flags, exit codes, help, clean shutdown.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, it } from 'node:test';
import { CliError, parseCli } from '../../reference-server/args.js';
import { createEngine } from '../../reference-server/server.js';
import { tokenTable } from '../../reference-server/tokens.js';
import { silentLogger } from '../../src/server/core/logger.js';
import { InMemoryTaskStore } from '../../src/stores/memory.js';
import { connect, run, startServer, tokensFile, within, type ServerProcess } from './helpers.js';

const T = { timeout: 30_000 };

/** Run the command to its end (bounded). */
async function runToEnd(args: readonly string[]) {
  const proc = run(args);
  proc.child.stdin!.end();
  const code = await within(proc.exited, 15_000, `mcp-tasks-server ${args.join(' ')}`).finally(() => proc.child.kill('SIGKILL'));
  return { code, stdout: proc.stdout(), stderr: proc.stderr() };
}

describe('mcp-tasks-server command', () => {
  const started: ServerProcess[] = [];
  after(() => started.forEach((s) => s.kill()));

  it('--store dynamodb without --table: a clear error, exit code 2, no stack', T, async () => {
    const { code, stderr } = await runToEnd(['--port', '0', '--store', 'dynamodb']);
    assert.equal(code, 2);
    assert.match(stderr, /--store dynamodb needs --table NAME/);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  describe('bad flags and values', { concurrency: true }, () => {
    for (const [args, flag] of [
      [['--bogus'], '--bogus'],
      [['--port', 'abc'], '--port'],
      [['--table', 'tasks'], '--table'],
      [['--store', 'dynamodb', '--table', 'x'], '--table'],
      [['--store', 'dynamodb', '--table', 'tasks', '--dynamodb-endpoint', 'not a url'], '--dynamodb-endpoint'],
      [['--store', 'dynamodb', '--table', 'tasks', '--lease-ms', '1'], '--lease-ms'],
      [['table', 'create'], '--table'],
      [['--tokens', '/nonexistent/tokens.json'], '--tokens'],
      [['--port', '0', '--tokens', tokensFile('[1,2]')], '--tokens'],
    ] as const) {
      it(`${args.join(' ')} -> exit 2 naming ${flag}`, T, async () => {
        const { code, stderr, stdout } = await runToEnd(args);
        assert.equal(code, 2);
        assert.ok(stderr.includes(flag), stderr);
        assert.equal(stdout, '');
        assert.doesNotMatch(stderr, /\n\s+at /);
      });
    }
  });

  it('table --print-template prints infra/template.json; with --table, the name is fixed', T, async () => {
    const { code, stdout } = await runToEnd(['table', '--print-template']);
    assert.equal(code, 0);
    assert.equal(stdout, readFileSync(new URL('../../../infra/template.json', import.meta.url), 'utf8'));
    const named = await runToEnd(['table', '--print-template', '--table', 'my-tasks']);
    assert.equal(named.code, 0);
    const template = JSON.parse(named.stdout) as {
      Parameters?: unknown;
      Resources: { TasksTable: { Properties: { TableName: unknown } } };
    };
    assert.equal(template.Resources.TasksTable.Properties.TableName, 'my-tasks');
    assert.equal(template.Parameters, undefined);
  });

  it('--help prints the usage on stdout, exit 0', T, async () => {
    const { code, stdout } = await runToEnd(['--help']);
    assert.equal(code, 0);
    assert.match(stdout, /^Usage: mcp-tasks-server/);
    for (const flag of [
      '--port',
      '--host',
      '--stdio',
      '--store',
      '--max-tasks-per-owner',
      '--default-ttl-ms',
      '--max-ttl-ms',
      '--allow-anonymous',
      '--tokens',
    ]) {
      assert.ok(stdout.includes(flag), flag);
    }
  });

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} -> clean shutdown, exit code 0`, T, async () => {
      const server = await startServer(['--shutdown-grace-ms', '100']);
      started.push(server);
      assert.match(server.stderr(), /^mcp-tasks reference server listening on http:\/\/127\.0\.0\.1:\d+\/mcp \(store: memory\)$/m);
      // With a task running and a tasks/result waiting on it.
      const conn = await connect(server.url);
      const { task } = await conn.request('tools/call', { name: 'until_cancelled', arguments: {}, task: {} });
      const pending = conn.request('tasks/result', { taskId: task.taskId }).catch((e: unknown) => e);
      await new Promise((r) => setTimeout(r, 50));
      server.child.kill(signal);
      assert.equal(await within(server.exited, 10_000, 'exit after signal'), 0);
      await conn.close().catch(() => {}); // the SDK client only notices the dropped stream on close
      assert.ok((await within(pending, 10_000, 'pending tasks/result')) instanceof Error);
    });
  }
});

describe('parseCli', () => {
  it('defaults: HTTP on 127.0.0.1:3000, memory store, 100 task operations per second per owner', () => {
    assert.deepEqual(parseCli([]), {
      help: false,
      options: {
        transport: 'http',
        port: 3000,
        host: '127.0.0.1',
        store: 'memory',
        allowAnonymous: false,
        rateLimit: 100,
        sessions: {},
        shutdownGraceMs: 10000,
        metricsPath: '/metrics',
      },
    });
  });

  it('every flag', () => {
    const cli = parseCli([
      '--port=0',
      '--host',
      '::1',
      '--max-tasks-per-owner',
      '5',
      '--default-ttl-ms',
      '1000',
      '--max-ttl-ms',
      '2000',
      '--tokens',
      't.json',
      '--allow-anonymous',
      '--rate-limit',
      '0',
      '--max-sessions',
      '7',
      '--max-sessions-per-client',
      '3',
      '--session-idle-ms',
      '60000',
      '--initialize-rate',
      '2',
    ]);
    assert.deepEqual(cli, {
      help: false,
      options: {
        transport: 'http',
        port: 0,
        host: '::1',
        store: 'memory',
        allowAnonymous: true,
        rateLimit: 0,
        maxTasksPerOwner: 5,
        defaultTtlMs: 1000,
        maxTtlMs: 2000,
        tokensFile: 't.json',
        sessions: { maxSessions: 7, maxSessionsPerOwner: 3, idleMs: 60000, initializePerSecond: 2 },
        shutdownGraceMs: 10000,
        metricsPath: '/metrics',
      },
    });
    assert.equal(parseCli(['--stdio']).help, false);
    assert.deepEqual(parseCli(['-h']), { help: true });
  });

  it('--poll-policy: any subset of floor, max, growth, input-max, handed to the engine (whose sync window follows the floor)', () => {
    const cli = parseCli(['--poll-policy', 'floor=200, growth=0.5,input-max=800']);
    assert.ok(!cli.help);
    assert.deepEqual(cli.options.pollPolicy, { floorMs: 200, growth: 0.5, inputMaxMs: 800 });
    const engine = createEngine(new InMemoryTaskStore(), cli.options, silentLogger);
    assert.deepEqual(engine.polls.policy, { floorMs: 200, maxMs: 2000, growth: 0.5, inputMaxMs: 800 });
    assert.equal(engine.syncWindowMs, 200);
    const defaults = parseCli([]);
    assert.ok(!defaults.help && defaults.options.pollPolicy === undefined);
  });

  for (const [args, flag] of [
    [['--poll-policy', 'floor=0'], 'floor must be an integer >= 1'],
    [['--poll-policy', 'floor=500,max=100'], 'max must be an integer >= floor'],
    [['--poll-policy', 'speed=3'], 'keys floor, max, growth, input-max'],
    [['--poll-policy', 'growth'], '--poll-policy'],
    [['--poll-policy', 'growth=fast'], 'growth must be a number'],
    [['--stdio', '--poll-policy', 'floor=10'], '--poll-policy applies to HTTP only'],
    [['--bogus'], '--bogus'],
    [['--port'], '--port'],
    [['--port', '1.5'], '--port'],
    [['--port', '70000'], '--port'],
    [['--store', 'redis'], '--store'],
    [['--max-tasks-per-owner', '0'], '--max-tasks-per-owner'],
    [['--default-ttl-ms', '-5'], '--default-ttl-ms'],
    [['--default-ttl-ms', '20', '--max-ttl-ms', '10'], '--max-ttl-ms'],
    [['--host', ''], '--host'],
    [['--rate-limit', 'fast'], '--rate-limit'],
    [['--tokens', ''], '--tokens'],
    [['--stdio', '--port', '1'], '--port'],
    [['--stdio', '--tokens', 'x'], '--tokens'],
    [['--allow-anonymous'], '--allow-anonymous'],
    [['--max-sessions', '0'], '--max-sessions'],
    [['--session-idle-ms', 'soon'], '--session-idle-ms'],
    [['--stdio', '--max-sessions-per-client', '2'], '--max-sessions-per-client'],
    [['extra'], 'extra'],
  ] as const) {
    it(`refuses ${args.join(' ') || '(empty)'} with a CliError (exit code 2) naming ${flag}`, () => {
      assert.throws(
        () => parseCli(args),
        (e: unknown) => e instanceof CliError && e.exitCode === 2 && e.message.includes(flag),
      );
    });
  }
});

describe('tokenTable', () => {
  it('maps tokens to owner names', () => {
    const table = tokenTable({ 'token-a': 'alice', 'token-b': 'bob' });
    assert.equal(table.size, 2);
    assert.equal(table.ownerOf('token-a'), 'alice');
    assert.equal(table.ownerOf('token-b'), 'bob');
    assert.equal(table.ownerOf('token-c'), undefined);
    assert.equal(table.ownerOf(''), undefined);
  });

  it('takes operator entries beside plain ones: an operator is an owner too, the plain format unchanged', () => {
    const table = tokenTable({ 'token-a': 'alice', 'token-o': { owner: 'ops', operator: true }, 'token-p': { owner: 'pat' } });
    assert.equal(table.ownerOf('token-o'), 'ops');
    assert.equal(table.isOperator('token-o'), true);
    assert.equal(table.ownerOf('token-p'), 'pat');
    assert.equal(table.isOperator('token-p'), false);
    assert.equal(table.isOperator('token-a'), false);
    assert.equal(table.isOperator('nope'), false);
  });

  it('refuses bad tables', () => {
    for (const bad of [
      null,
      [],
      {},
      'x',
      { 'a b': 'alice' },
      { t: '' },
      { t: 5 },
      { t: { operator: true } },
      { t: { owner: 'o', operator: 'yes' } },
      { t: [] },
    ]) {
      assert.throws(() => tokenTable(bad), CliError, JSON.stringify(bad));
    }
  });
});
