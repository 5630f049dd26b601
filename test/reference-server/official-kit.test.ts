/**
 * The official conformance kit (`@modelcontextprotocol/conformance`, its `tasks-*` server
 * scenarios) against the reference server's 2026-07-28 leg, on both stores: every scenario
 * passes. Runs scripts/official-conformance.mjs, which runs the kit on a pinned Node 22 (fetched
 * and integrity-checked on first use, cached afterwards; README, "Two generations").
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startDynamo, type Dynamo } from '../dynamodb/harness.js';
import { startServer, type ServerProcess } from './helpers.js';

// dist/test/reference-server/ -> the repository root.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const RUNNER = path.join(ROOT, 'scripts', 'official-conformance.mjs');

/** Every tasks-* server scenario of the pinned kit (0.2.0-alpha.12), in its order. */
const SCENARIOS = [
  'tasks-lifecycle',
  'tasks-capability-negotiation',
  'tasks-wire-fields',
  'tasks-request-state-removal',
  'tasks-mrtr-input',
  'tasks-request-headers',
  'tasks-dispatch-and-envelope',
  'tasks-status-notifications',
  'tasks-required-task-error',
  'tasks-mrtr-composition',
];
/** The kit skips this one itself (it awaits `subscriptions/listen`): one SKIPPED check, no SUCCESS. */
const KIT_SKIPPED = 'tasks-status-notifications';

interface ScenarioResult {
  scenario: string;
  ok: boolean;
  counts: Record<'SUCCESS' | 'FAILURE' | 'WARNING' | 'INFO' | 'SKIPPED', number>;
  failures: { id: string; errorMessage?: string }[];
}

/** Run the kit's tasks-* scenarios against `url`; the per-scenario results of the runner's --json. */
async function runOfficialKit(url: string): Promise<ScenarioResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mcp-tasks-official-test-'));
  try {
    const out = path.join(dir, 'results.json');
    await new Promise<void>((resolve) => {
      // Exit code 1 means a scenario failed: the assertions below say which, from the JSON.
      execFile(process.execPath, [RUNNER, '--url', url, '--json', out], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 }, () => resolve());
    });
    const text = await readFile(out, 'utf8').catch(() => undefined);
    assert.ok(text !== undefined, 'the runner wrote no results (did fetching Node 22 fail?)');
    return (JSON.parse(text) as { results: ScenarioResult[] }).results;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function assertAllPass(results: ScenarioResult[]): void {
  assert.deepEqual(
    results.map((r) => r.scenario),
    SCENARIOS,
    'the kit ran exactly the pinned tasks-* scenarios',
  );
  for (const r of results) {
    assert.ok(r.ok, `${r.scenario} fails: ${JSON.stringify(r.failures)}`);
    assert.equal(r.counts.FAILURE, 0, r.scenario);
    if (r.scenario === KIT_SKIPPED) assert.equal(r.counts.SKIPPED, 1, r.scenario);
    else assert.ok(r.counts.SUCCESS > 0, `${r.scenario}: no check passed`);
  }
}

const KIT_TIMEOUT = { timeout: 180_000 };

describe('official kit: every tasks-* scenario passes against the reference server', { timeout: 400_000 }, () => {
  const processes: ServerProcess[] = [];
  let dynamo: Dynamo | undefined;
  before(async () => {
    dynamo = await startDynamo();
  });
  after(async () => {
    for (const p of processes) p.kill();
    await dynamo?.stop();
  });

  it('in-memory store: 10/10 scenarios', KIT_TIMEOUT, async () => {
    const server = await startServer();
    processes.push(server);
    assertAllPass(await runOfficialKit(server.url));
  });

  it('DynamoDB store (dynalite): 10/10 scenarios', KIT_TIMEOUT, async () => {
    const table = `mcp-tasks-official-${process.pid}`;
    const server = await startServer([
      '--store',
      'dynamodb',
      '--table',
      table,
      '--dynamodb-endpoint',
      dynamo!.endpoint,
      '--create-table',
      '--cursor-secret',
      'official-kit-secret',
    ]);
    processes.push(server);
    assertAllPass(await runOfficialKit(server.url));
  });
});
