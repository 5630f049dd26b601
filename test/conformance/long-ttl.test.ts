/**
 * ttl.long-kept on both sides: the reference server, allowed a 40-day maximum (past the 2^31 ms a
 * timer can wait), keeps a task created with that ttl (its engine caps its expiry timer at
 * MAX_TIMER_MS and its store expires on read), while the SDK's InMemoryTaskStore, which deletes
 * each task with setTimeout(ttl), loses it at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatReport, runProtocolConformance } from '../../conformance/index.js';
import { REFERENCE_MAIN, SDK_SERVER } from './helpers.js';

const FORTY_DAYS_MS = 40 * 24 * 3_600_000;
const ONLY = ['ttl.long-kept', 'create.ttl-matches-get'];

describe('a task created with a ttl past 2^31 ms', { concurrency: true }, () => {
  it('is kept by the reference server (--max-ttl-ms 40 days)', { timeout: 60_000 }, async () => {
    const report = await runProtocolConformance({
      target: { stdio: { command: process.execPath, args: [REFERENCE_MAIN, '--stdio', '--max-ttl-ms', String(FORTY_DAYS_MS)] } },
      maxTtlMs: FORTY_DAYS_MS,
      only: ONLY,
    });
    const kept = report.results.find((r) => r.id === 'ttl.long-kept');
    assert.equal(kept?.status, 'pass', formatReport(report));
    assert.match(kept!.note!, new RegExp(`requested ${FORTY_DAYS_MS} ms, ttl ${FORTY_DAYS_MS}: still there \\d+ ms later`));
    assert.equal(report.results.find((r) => r.id === 'create.ttl-matches-get')?.status, 'pass', formatReport(report));
  });

  it("is lost by the SDK's InMemoryTaskStore (30 days, no maximum)", { timeout: 60_000 }, async () => {
    const report = await runProtocolConformance({
      target: { stdio: { command: process.execPath, args: [SDK_SERVER, '--stdio'] } },
      only: ONLY,
    });
    const lost = report.results.find((r) => r.id === 'ttl.long-kept');
    assert.equal(lost?.status, 'fail', formatReport(report));
    assert.match(lost!.observed!, /with ttl 2592000000 ms answered ttl 2592000000; \d+ ms later tasks\/get: error -32602/);
    assert.match(lost!.evidence![0]!, /tasks\/get \{"taskId":"\w+"\} -> error -32602/);
  });
});
