/**
 * Out of time is INCONCLUSIVE, never a failure: a check that outlives its time limit, or that
 * gives up waiting for a task, is counted apart, shown in the summary line, and leaves the exit
 * code alone.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InconclusiveCheck, pass } from '../../conformance/core/check.js';
import { exitCodeOf, summaryLine } from '../../conformance/core/report.js';
import { check } from '../../conformance/protocol/check.js';
import { ProtocolRun } from '../../conformance/protocol/runner.js';
import { SDK_SERVER } from './helpers.js';

describe('INCONCLUSIVE', () => {
  let run: ProtocolRun;

  before(async () => {
    run = await ProtocolRun.open({
      target: { stdio: { command: process.execPath, args: [SDK_SERVER, '--stdio'] } },
      checkTimeoutMs: 1_000,
      only: ['R1'],
    });
  });

  after(async () => {
    await run?.close();
  });

  it('a check past its time limit is inconclusive, not failed', { timeout: 60_000 }, async () => {
    const slow = check(
      { id: 'test.slow', rule: 'R40', level: 'MUST', area: 'result', title: 'waits longer than its limit' },
      async (ctx) => {
        await ctx.sleep(run.checkTimeoutMs + 2_000);
        return pass();
      },
    );
    const result = await run.run(slow);
    assert.equal(result.status, 'inconclusive');
    assert.ok(result.reason);
  });

  it('a check that gives up waiting is inconclusive; the summary counts it apart', { timeout: 60_000 }, async () => {
    const gaveUp = check({ id: 'test.gave-up', rule: 'R22', level: 'MUST', area: 'polling', title: 'gives up' }, async () => {
      throw new InconclusiveCheck('the task did not end in time');
    });
    assert.equal((await run.run(gaveUp)).status, 'inconclusive');
    const report = run.report();
    assert.equal(report.summary.inconclusive, 2);
    assert.equal(report.summary.failed, 0);
    assert.match(summaryLine(report.summary), /, 2 inconclusive$/);
    assert.equal(exitCodeOf(report), 0);
  });
});
