/**
 * `mcp-tasks-conformance client`: usage errors exit 2 naming the flag, --help lists the
 * scenarios, a run with a MUST failure exits 1 and writes the same verdicts as text, JSON and
 * JUnit; the default server mode is unchanged (still needs a target).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseClientArgs } from '../../../conformance/client/args.js';
import type { ClientReport } from '../../../conformance/client/report.js';
import { SCENARIO_NAMES } from '../../../conformance/client/scenarios.js';
import { UsageError } from '../../../conformance/core/cli.js';
import { CLI, runNode } from '../helpers.js';
import { parseXml, type XmlElement } from '../report-helpers.js';
import { rawClient } from './kit.js';

const all = (e: XmlElement, name: string): XmlElement[] => [...(e.name === name ? [e] : []), ...e.children.flatMap((c) => all(c, name))];

describe('mcp-tasks-conformance client: flags', () => {
  for (const argv of [
    [],
    ['--command', ' '],
    ['--command', 'x', '--scenarios', 'nope'],
    ['--command', 'x', '--poll-interval-ms', '0'],
    ['--command', 'x', '--timeout-ms', 'soon'],
    ['--command', 'x', '--url', 'http://h'],
  ]) {
    it(`refuses ${JSON.stringify(argv)} with a UsageError`, () => {
      assert.throws(() => parseClientArgs(argv), UsageError);
    });
  }

  it('takes scenarios, poll interval, time limit and outputs', () => {
    const parsed = parseClientArgs([
      '--command',
      'node c.js',
      '--scenarios',
      'cancel,list',
      '--poll-interval-ms',
      '100',
      '--timeout-ms',
      '5000',
      '--json',
      'r.json',
      '--junit',
      'r.xml',
      '--quiet',
      '--strict',
    ]);
    assert.deepEqual(parsed, {
      options: { command: 'node c.js', scenarios: ['cancel', 'list'], pollIntervalMs: 100, timeoutMs: 5000 },
      json: 'r.json',
      junit: 'r.xml',
      quiet: true,
      strict: true,
    });
    const plain = parseClientArgs(['--command', 'node c.js']);
    assert.ok(plain !== 'help' && plain.strict === false);
  });

  it('exits 2 on a usage error, 0 on --help listing every scenario', { timeout: 30_000 }, async () => {
    const usage = await runNode([CLI, 'client']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--command/);
    const help = await runNode([CLI, 'client', '--help']);
    assert.equal(help.code, 0);
    for (const name of SCENARIO_NAMES) assert.match(help.stdout, new RegExp(`\\n  ${name} `));
    const server = await runNode([CLI]);
    assert.equal(server.code, 2, 'the server mode still needs --url or --stdio');
  });
});

describe('mcp-tasks-conformance client: a run with a MUST failure', () => {
  let dir: string;
  let run: { code: number | null; stdout: string; stderr: string };
  let report: ClientReport;
  let xml: XmlElement;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'client-cli-'));
    const json = join(dir, 'report.json');
    const junit = join(dir, 'report.xml');
    run = await runNode(
      [CLI, 'client', '--command', rawClient('edit-cursor'), '--scenarios', 'list', '--json', json, '--junit', junit],
      60_000,
    );
    report = JSON.parse(readFileSync(json, 'utf8')) as ClientReport;
    xml = parseXml(readFileSync(junit, 'utf8'));
  });

  after(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('exits 1, prints the failure with its rule entry, nothing on stderr', () => {
    assert.equal(run.code, 1, run.stdout);
    assert.match(run.stdout, /FAIL {2}MUST {3}R62 {2}client\.cursors-untouched/);
    assert.match(run.stdout, /see \S*RULES\.md#r62/);
    assert.equal(run.stderr, '');
  });

  it('JSON: the suite, the scenario run, the verdict by rule', () => {
    assert.equal(report.suite, 'mcp-tasks requestor conformance');
    assert.deepEqual(
      report.scenarios.map((s) => s.name),
      ['list'],
    );
    assert.equal(report.results.find((r) => r.rule === 'R62')?.status, 'fail');
    assert.equal(report.mustFailed, 1);
    assert.equal(report.ok, false);
  });

  it('JUnit: one failure element, counts as in the JSON report', () => {
    const suites = all(xml, 'testsuites')[0]!;
    assert.equal(suites.attrs.name, 'mcp-tasks requestor conformance');
    assert.equal(all(xml, 'failure').length, report.summary.failed);
    assert.equal(Number(suites.attrs.tests), report.results.length);
  });
});
