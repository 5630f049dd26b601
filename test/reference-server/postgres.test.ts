/**
 * The reference server's PostgreSQL and PGlite commands as child processes: `db migrate` (fresh,
 * then again), a server refusing a schema never migrated (one line naming the remedy), two
 * processes on one database sharing tasks, and the optional peers: with `pg` or
 * `@electric-sql/pglite` missing (hidden from module resolution by a loader hook), the command
 * prints ONE line naming the package to install, never a stack trace. Flag parsing is tested
 * in cli.test.ts style at the end.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { CliError, parseCli, parseDbCli } from '../../reference-server/args.js';
import { startPostgres, type Postgres } from '../postgres/harness.js';
import { hidingHook } from './hide-packages.js';
import { connect, MAIN, startServer, tokensFile, waitForStatus, within, type Connection, type ServerProcess } from './helpers.js';

const T = { timeout: 30_000 };

/** Run `mcp-tasks-server args` to its end; `hide`: packages made unresolvable for the child. */
async function runCommand(
  args: readonly string[],
  hide: readonly string[] = [],
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const preload = hide.length === 0 ? [] : ['--import', hidingHook(hide)];
  const child = spawn(process.execPath, [...preload, MAIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  const code = await within(exited, 20_000, `mcp-tasks-server ${args.join(' ')}`).finally(() => child.kill('SIGKILL'));
  return { code, stdout, stderr };
}

describe('reference server on PostgreSQL and PGlite (child processes)', { timeout: 120_000 }, () => {
  let postgres: Postgres;
  const processes: ServerProcess[] = [];
  const connections: Connection[] = [];
  const tokens = tokensFile();

  before(async () => {
    postgres = await startPostgres();
  });
  after(async () => {
    await Promise.allSettled(connections.map((c) => c.close()));
    for (const p of processes) p.kill();
    await postgres?.stop();
  });

  it('db migrate creates the schema, prints what it applied, and applies nothing the second time', T, async () => {
    const args = ['db', 'migrate', '--database-url', postgres.url, '--schema', 'cli_migrate'];
    const first = await runCommand(args);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(JSON.parse(first.stdout), { schema: 'cli_migrate', from: 0, to: 1, applied: [1] });
    const again = await runCommand(args);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(JSON.parse(again.stdout), { schema: 'cli_migrate', from: 1, to: 1, applied: [] });
  });

  it('a schema never migrated: the server exits 1 with one line naming db migrate and --create-table', T, async () => {
    const { code, stderr } = await runCommand([
      '--port',
      '0',
      '--store',
      'postgres',
      '--database-url',
      postgres.url,
      '--schema',
      'never_migrated',
    ]);
    assert.equal(code, 1);
    assert.equal(stderr.trim().split('\n').length, 1, stderr);
    assert.match(
      stderr,
      /at version 0, this release needs 1: run mcp-tasks-server db migrate --database-url URL \(or start with --create-table\)/,
    );
  });

  it('two server processes on one database share tasks: a tasks/result waiting on B returns when the tool on A completes', T, async () => {
    const flags = [
      '--store',
      'postgres',
      '--database-url',
      postgres.url,
      '--schema',
      'shared_two',
      '--cursor-secret',
      's',
      '--lease-ms',
      '1500',
      '--tokens',
      tokens,
    ];
    const a = await startServer([...flags, '--create-table']);
    const b = await startServer(flags);
    processes.push(a, b);
    assert.match(a.stderr(), /\(store: postgres, schema shared_two\)/);
    assert.doesNotMatch(
      a.stderr(),
      new RegExp(String(postgres.url).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')),
      'the database URL is never printed',
    );
    const [onA, onB] = await Promise.all([connect(a.url, { token: 'token-a' }), connect(b.url, { token: 'token-a' })]);
    connections.push(onA, onB);
    const { task } = await onA.request('tools/call', { name: 'delay', arguments: { ms: 300, text: 'done on A' }, task: { ttl: 60_000 } });
    const result = await within(onB.request('tasks/result', { taskId: task.taskId }), 10_000, 'tasks/result on B');
    assert.deepEqual(result.content, [{ type: 'text', text: 'done on A' }]);
    const cancelled = await onA.request('tools/call', { name: 'until_cancelled', arguments: {}, task: { ttl: 60_000 } });
    assert.equal((await onB.request('tasks/cancel', { taskId: cancelled.task.taskId })).status, 'cancelled');
    await waitForStatus(onA, cancelled.task.taskId, ['cancelled']);
  });

  for (const [store, flags, pkg] of [
    ['postgres', ['--database-url', 'postgres://127.0.0.1:1/x'], 'pg'],
    ['pglite', ['--data-dir', join(tmpdir(), 'never-created')], '@electric-sql/pglite'],
  ] as const) {
    it(`--store ${store} without ${pkg} installed: exit 1, one line "npm install ${pkg}", no stack trace`, T, async () => {
      const { code, stderr } = await runCommand(['--port', '0', '--store', store, ...flags], [pkg]);
      assert.equal(code, 1);
      assert.equal(stderr, `mcp-tasks-server: --store ${store} needs the package ${pkg}, which is not installed: npm install ${pkg}\n`);
    });
  }

  it('db migrate without pg installed: the same one line', T, async () => {
    const { code, stderr } = await runCommand(['db', 'migrate', '--database-url', 'postgres://127.0.0.1:1/x'], ['pg']);
    assert.equal(code, 1);
    assert.equal(stderr, 'mcp-tasks-server: db migrate needs the package pg, which is not installed: npm install pg\n');
  });
});

describe('parseCli and parseDbCli: the PostgreSQL and PGlite flags', () => {
  const URL = 'postgres://u:secret@db.example:5432/tasks';

  it('--store postgres takes --database-url, else DATABASE_URL; --schema, --create-table, --cursor-secret, --lease-ms', () => {
    const cli = parseCli(
      ['--store', 'postgres', '--database-url', URL, '--schema', 'tasks', '--create-table', '--cursor-secret', 'c', '--lease-ms', '900'],
      {},
    );
    assert.ok(!cli.help);
    assert.deepEqual(cli.options.postgres, { databaseUrl: URL, schema: 'tasks', createTable: true, cursorSecret: 'c' });
    assert.equal(cli.options.leaseMs, 900);
    const fromEnv = parseCli(['--store', 'postgres'], { DATABASE_URL: URL });
    assert.ok(!fromEnv.help);
    assert.deepEqual(fromEnv.options.postgres, { databaseUrl: URL, createTable: false });
  });

  it('--store pglite takes --data-dir (and --schema, --cursor-secret, --lease-ms)', () => {
    const cli = parseCli(['--store', 'pglite', '--data-dir', './data', '--lease-ms', '5000'], {});
    assert.ok(!cli.help);
    assert.deepEqual(cli.options.pglite, { dataDir: './data' });
    assert.equal(cli.options.leaseMs, 5000);
  });

  for (const [args, flag] of [
    [['--store', 'postgres'], '--database-url'],
    [['--store', 'postgres', '--database-url', 'mysql://x/y'], '--database-url'],
    [['--store', 'postgres', '--database-url', URL, '--data-dir', 'd'], '--data-dir'],
    [['--store', 'postgres', '--database-url', URL, '--table', 'tasks'], '--table'],
    [['--store', 'postgres', '--database-url', URL, '--schema', 'Bad-Name'], '--schema'],
    [['--store', 'pglite'], '--data-dir'],
    [['--store', 'pglite', '--data-dir', 'd', '--create-table'], '--create-table'],
    [['--store', 'pglite', '--data-dir', 'd', '--database-url', URL], '--database-url'],
    [['--database-url', URL], '--database-url'],
    [['--data-dir', 'd'], '--data-dir'],
    [['--store', 'sqlite'], '--store'],
  ] as const) {
    it(`refuses ${args.join(' ')} with a CliError naming ${flag}`, () => {
      assert.throws(
        () => parseCli(args, {}),
        (e: unknown) => e instanceof CliError && e.message.includes(flag) && !e.message.includes('secret'),
      );
    });
  }

  it('db migrate: --database-url or DATABASE_URL, or --data-dir; never both; a command is required', () => {
    assert.deepEqual(parseDbCli(['migrate', '--database-url', URL, '--schema', 's'], {}), {
      command: 'migrate',
      databaseUrl: URL,
      schema: 's',
    });
    assert.deepEqual(parseDbCli(['migrate'], { DATABASE_URL: URL }), { command: 'migrate', databaseUrl: URL });
    assert.deepEqual(parseDbCli(['migrate', '--data-dir', 'd'], {}), { command: 'migrate', dataDir: 'd' });
    assert.deepEqual(parseDbCli(['--help'], {}), { help: true });
    for (const args of [['migrate'], [], ['upgrade', '--database-url', URL], ['migrate', '--database-url', URL, '--data-dir', 'd']]) {
      assert.throws(() => parseDbCli(args, {}), CliError, args.join(' '));
    }
  });
});
