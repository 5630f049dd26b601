/**
 * The CLI's output against a server that fails some checks (the SDK-only server of
 * non-conforming.test.ts): each failure printed once and pointed at its RULES.md entry, no
 * escaped payload dumps, nothing on stderr, and a JUnit file whose counts match the JSON report.
 * Also: a check that polls many times leaves no listeners behind (the MaxListenersExceededWarning
 * that once reached stderr). And --strict: a warning fails the run.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ProtocolReport } from '../../conformance/index.js';
import { CheckContext, type RunState } from '../../conformance/protocol/context.js';
import { CLI, runNode, SDK_SERVER, spawnReferenceHttp, tempDirWithTokens, TOKEN_A, type SpawnedServer } from './helpers.js';
import { parseXml } from './report-helpers.js';

describe('mcp-tasks-conformance output', () => {
  let dir: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let report: ProtocolReport;
  let xml: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'report-cli-'));
    const json = join(dir, 'report.json');
    const junit = join(dir, 'report.xml');
    run = await runNode([CLI, '--stdio', `"${process.execPath}" "${SDK_SERVER}" --stdio`, '--json', json, '--junit', junit], 90_000);
    report = JSON.parse(readFileSync(json, 'utf8')) as ProtocolReport;
    xml = readFileSync(junit, 'utf8');
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1 with failures, and writes nothing on stderr', () => {
    assert.equal(run.code, 1, run.stdout);
    assert.ok(report.summary.failed > 0);
    assert.equal(run.stderr, '');
  });

  it('prints each failure once, followed by its rule entry, with compact payloads', () => {
    const lines = run.stdout.split('\n');
    for (const r of report.results.filter((x) => x.status === 'fail')) {
      const heads = lines.flatMap((l, i) => (l.includes(` ${r.id}: `) ? [i] : []));
      assert.equal(heads.length, 1, `${r.id} printed ${heads.length} times`);
      const entry = lines.slice(heads[0]! + 1).find((l) => /^\s+see /.test(l));
      assert.match(entry ?? '', new RegExp(`see \\S*RULES\\.md#${r.rule.toLowerCase()}$`), r.id);
    }
    assert.ok(!run.stdout.includes('\\n'), 'an escaped line break reached the report');
    assert.equal(
      run.stdout.trimEnd().split('\n').at(-1),
      `${report.summary.passed} passed, ${report.summary.failed} failed, ${report.summary.warned} warned, ${report.summary.skipped} skipped`,
    );
  });

  it('writes JUnit XML whose counts are the report counts', () => {
    const doc = parseXml(xml);
    assert.equal(doc.attrs.tests, String(report.results.length));
    assert.equal(doc.attrs.failures, String(report.summary.failed));
    assert.equal(doc.attrs.skipped, String(report.summary.skipped + (report.summary.inconclusive ?? 0)));
    const cases = doc.children.flatMap((s) => s.children.filter((c) => c.name === 'testcase'));
    assert.equal(cases.length, report.results.length);
    assert.equal(new Set(doc.children.map((s) => s.attrs.id)).size, new Set(report.results.map((r) => r.area)).size);
    const failed = cases.filter((c) => c.children.some((e) => e.name === 'failure')).map((c) => c.attrs.name!.split(':')[0]);
    assert.deepEqual(
      failed.sort(),
      report.results
        .filter((r) => r.status === 'fail')
        .map((r) => r.id)
        .sort(),
    );
  });
});

describe('CheckContext.sleep', () => {
  it('leaves no abort listener behind, so many polls in one check raise no warning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const ctx = new CheckContext({} as RunState, controller.signal);
      for (let i = 0; i < 15; i++) await ctx.sleep(1);
      await new Promise((resolve) => setImmediate(resolve));
      assert.deepEqual(warnings, []);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('mcp-tasks-conformance --strict', () => {
  let dir: string;
  let server: SpawnedServer;
  before(async () => {
    const made = tempDirWithTokens();
    dir = made.dir;
    server = await spawnReferenceHttp(made.tokens);
  });
  after(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  // The reference server answers tasks/get on SSE (R29, a SHOULD it does not meet: a warning).
  const args = () => [CLI, '--url', server.url, '--auth-a', TOKEN_A, '--only', 'poll.no-sse-for-get', '--quiet'];

  it('a warning alone: exit 0 by default, exit 1 with --strict', { timeout: 60_000 }, async () => {
    const plain = await runNode(args());
    assert.match(plain.stdout, /WARN\s+SHOULD\s+R29\s+poll\.no-sse-for-get/);
    assert.equal(plain.code, 0, plain.stdout);
    const strict = await runNode([...args(), '--strict']);
    assert.match(strict.stdout, /WARN\s+SHOULD\s+R29\s+poll\.no-sse-for-get/);
    assert.equal(strict.code, 1, strict.stdout);
  });

  it('--strict with every check passing: exit 0', { timeout: 60_000 }, async () => {
    const passing = await runNode([CLI, '--url', server.url, '--auth-a', TOKEN_A, '--only', 'create.unique-ids', '--strict', '--quiet']);
    assert.equal(passing.code, 0, passing.stdout);
  });
});
