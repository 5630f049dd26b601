/**
 * The package as users get it (issue 18): `npm pack`, then install the tarball into an empty
 * project as npm does for a user (required peers installed, optional peers not), and there run
 * both commands and import every entry point. Inside the repository the dev dependencies hide a
 * missing dependency; here nothing but what the package declares is installed.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = process.cwd();
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  dependencies: Record<string, string>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta: Record<string, { optional?: boolean }>;
};
/** Entry points and the optional peer each one needs (README, "Install"); the rest need none. */
const NEEDS: Record<string, string> = {
  './dynamodb': '@aws-sdk/client-dynamodb',
  './opentelemetry': '@opentelemetry/api',
  './prometheus': 'prom-client',
};
const T = { timeout: 240_000 };

function run(command: string, args: string[], cwd: string, timeout = 180_000): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    timeout,
    env: { ...process.env, npm_config_audit: 'false', npm_config_fund: 'false' },
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

describe('the packed package, installed into an empty project', () => {
  let dir: string;
  let tarball: string;
  let packed: string[];
  const children: ChildProcess[] = [];
  const bin = (name: string) => join(dir, 'node_modules', '.bin', name);
  const node = (code: string) => run(process.execPath, ['--input-type=module', '-e', code], dir, 30_000);

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-pack-'));
    // dist/ is built by `npm test`; --ignore-scripts: packing must not rebuild under a running suite.
    const pack = run(NPM, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
    assert.equal(pack.status, 0, pack.stderr);
    const [info] = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    tarball = join(dir, info.filename);
    packed = info.files.map((f) => f.path);
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'user-project', version: '1.0.0', private: true, type: 'module' }));
    const install = run(NPM, ['install', '--prefer-offline', '--no-package-lock', tarball], dir);
    assert.equal(install.status, 0, `npm install of the tarball failed:\n${install.stderr}`);
  }, T);

  after(() => {
    for (const child of children) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('ships the library, the kit and the reference server, and no tests, benchmarks, examples, source maps or dev tooling', () => {
    const unexpected = packed.filter(
      (path) =>
        !/^dist\/(src|generated|conformance|reference-server)\//.test(path) &&
        !['package.json', 'README.md', 'ARCHITECTURE.md', 'LICENSE', 'conformance/RULES.md', 'conformance/README.md'].includes(path),
    );
    assert.deepEqual(unexpected, []);
    assert.deepEqual(
      packed.filter((path) => path.endsWith('.map') || /^dist\/(test|bench|examples|scripts)\/|defects|mutation|\.test\./.test(path)),
      [],
    );
  });

  it('installs the required peers and leaves the optional ones out, as npm does for a user', () => {
    for (const name of [...Object.keys(PKG.dependencies), ...Object.keys(PKG.peerDependencies)]) {
      const optional = PKG.peerDependenciesMeta[name]?.optional === true;
      assert.equal(existsSync(join(dir, 'node_modules', name, 'package.json')), !optional, `${name} installed: expected ${!optional}`);
    }
  });

  it('imports every entry point with only the declared peers; one that needs an optional peer names it', () => {
    for (const entry of Object.keys(PKG.exports).filter((e) => e !== './package.json')) {
      const specifier = `mcp-tasks${entry.slice(1)}`;
      const result = node(`await import(${JSON.stringify(specifier)});`);
      const needs = NEEDS[entry];
      if (needs === undefined) assert.equal(result.status, 0, `${specifier}: ${result.stderr}`);
      else assert.match(result.stderr, new RegExp(`Cannot find package '${needs.replace('/', '\\/')}'`), specifier);
    }
  });

  it('both commands answer --help; a store whose peer is missing is one line naming the package', () => {
    for (const name of ['mcp-tasks-server', 'mcp-tasks-conformance']) {
      const help = run(bin(name), ['--help'], dir, 30_000);
      assert.equal(help.status, 0, `${name} --help: ${help.stderr}`);
      assert.match(help.stdout, /Usage/);
    }
    const dynamo = run(bin('mcp-tasks-server'), ['--store', 'dynamodb', '--table', 'tasks', '--port', '0'], dir, 30_000);
    assert.equal(dynamo.status, 1);
    const lines = dynamo.stderr.trim().split('\n');
    assert.equal(lines.length, 1, dynamo.stderr);
    assert.match(lines[0]!, /@aws-sdk\/client-dynamodb.*npm install @aws-sdk\/client-dynamodb/);
  });

  it('--otel without the OpenTelemetry packages is one line naming the first one missing', () => {
    const otel = run(bin('mcp-tasks-server'), ['--otel', 'console', '--port', '0'], dir, 30_000);
    assert.equal(otel.status, 1);
    const lines = otel.stderr.trim().split('\n');
    assert.equal(lines.length, 1, otel.stderr);
    assert.match(
      lines[0]!,
      /--otel console needs the package @opentelemetry\/api, which is not installed: npm install @opentelemetry\/api/,
    );
  });

  it(
    'mcp-tasks-server serves both generations, metrics and the task monitor; mcp-tasks-conformance --url --html reports 0 failed against it',
    T,
    async () => {
      const server = spawn(bin('mcp-tasks-server'), ['--port', '0', '--host', '127.0.0.1', '--dashboard'], {
        cwd: dir,
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      children.push(server);
      const url = await new Promise<string>((resolve, reject) => {
        let seen = '';
        server.stderr!.on('data', (chunk: Buffer) => {
          seen += chunk.toString('utf8');
          const match = /listening on (http:\/\/\S+)/.exec(seen);
          if (match) resolve(match[1]!);
        });
        server.once('exit', (code) => reject(new Error(`mcp-tasks-server exited (${code}): ${seen}`)));
      });
      const html = join(dir, 'report.html');
      const kit = spawnSync(bin('mcp-tasks-conformance'), ['--url', url, '--quiet', '--html', html], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 180_000,
      });
      const summary = /(\d+) passed, (\d+) failed/.exec(kit.stdout);
      assert.ok(summary, `no summary in:\n${kit.stdout}\n${kit.stderr}`);
      assert.equal(summary[2], '0', kit.stdout);
      assert.equal(kit.status, 0, kit.stdout);
      assert.match(kit.stdout, /2026-07-28/, 'the 2026-07-28 wire was detected and checked');
      assert.match(readFileSync(html, 'utf8'), /^<!doctype html>[\s\S]*0 failed/);
      // Observability needs no package beyond the required ones: TextMetrics, the dashboard's files.
      const origin = url.slice(0, -'/mcp'.length);
      const metrics = await fetch(`${origin}/metrics`);
      assert.equal(metrics.status, 200);
      assert.match(await metrics.text(), /^mcp_tasks_created_total\{tool="[a-z_]+"\} [1-9]/m);
      const monitor = await fetch(`${origin}/dashboard/api/tasks`);
      assert.equal(monitor.status, 200);
      assert.ok(((await monitor.json()) as { tasks: unknown[] }).tasks.length > 0, 'the kit ran tasks the monitor saw');
      assert.equal((await fetch(`${origin}/dashboard/app.js`)).status, 200);
      server.kill('SIGTERM');
    },
  );
});
