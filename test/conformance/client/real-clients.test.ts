/**
 * The requestor kit on the two real clients (test/interop/clients): the SDK 1.32 client's
 * experimental tasks API and @modelcontextprotocol/ext-tasks 0.2.2. Each status is the client's
 * real behaviour, named here (README "Requestor conformance" shows the reports):
 * - both end a failed task without tasks/result (R17 warning): the isError result or the JSON-RPC
 *   error is never fetched (the SDK reports a generic -32603, ext-tasks a TaskFailedError);
 * - the SDK sends `task: {}` on tasks/get and tasks/result, which the server never declared (R2);
 * - ext-tasks calls tasks/result only after the task is over, not on input_required (R49); it
 *   still gets its elicitation, on the tasks/get stream.
 * The SDK Client also serves as receiver when an application gives it a taskStore
 * (sdk-receiver-client.ts): it passes every receiver check.
 * Neither interop client declares a task-augmentable request, so the receiver scenario is not played and every
 * receiver check (R16, R20, R21, R35, R40, R41, R44, R66, R67) skips.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extTasksClient, runKit, sdkClient, sdkReceiverClient, statuses } from './kit.js';

const T = { timeout: 180_000 };

describe('requestor kit: real clients', () => {
  it('SDK 1.32 client.experimental.tasks', T, async () => {
    const report = await runKit(sdkClient);
    assert.ok(
      report.scenarios.every((s) => s.exitCode === 0),
      JSON.stringify(report.scenarios),
    );
    assert.deepEqual(statuses(report), {
      R2: 'warn',
      R16: 'skip',
      R26: 'pass',
      R27: 'pass',
      R54: 'pass',
      R17: 'warn',
      R62: 'pass',
      R58: 'pass',
      R49: 'pass',
      R21: 'skip',
      R20: 'skip',
      R40: 'skip',
      R41: 'skip',
      R44: 'skip',
      R67: 'skip',
      R66: 'skip',
      R35: 'skip',
    });
  });

  it('@modelcontextprotocol/ext-tasks 0.2.2', T, async () => {
    const report = await runKit(extTasksClient);
    assert.ok(
      report.scenarios.every((s) => s.exitCode === 0),
      JSON.stringify(report.scenarios),
    );
    assert.deepEqual(statuses(report), {
      R2: 'pass',
      R16: 'skip',
      R26: 'pass',
      R27: 'pass',
      R54: 'pass',
      R17: 'warn',
      R62: 'pass',
      R58: 'pass',
      R49: 'warn',
      R21: 'skip',
      R20: 'skip',
      R40: 'skip',
      R41: 'skip',
      R44: 'skip',
      R67: 'skip',
      R66: 'skip',
      R35: 'skip',
    });
  });

  it('the SDK 1.32 Client as receiver (its taskStore, InMemoryTaskStore): every receiver check passes', T, async () => {
    const report = await runKit(sdkReceiverClient, ['receiver']);
    assert.deepEqual(
      report.scenarios.map((s) => [s.name, s.exitCode]),
      [['receiver', 0]],
    );
    const got = statuses(report);
    const rules = ['R16', 'R21', 'R20', 'R35', 'R40', 'R41', 'R44', 'R67', 'R66'];
    assert.deepEqual(
      rules.map((rule) => [rule, got[rule]]),
      rules.map((rule) => [rule, 'pass']),
    );
    assert.equal(report.ok, true);
  });
});
