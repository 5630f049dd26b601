/**
 * The suite bites: run it against a server built only on the SDK's own experimental task support
 * (test/conformance/fixtures/sdk-experimental-server.ts) and check that exactly the expected rules
 * fail, each with the observed wire message in the report.
 *
 * Expected failures (SDK 1.32.2; /tmp/research/sdk-integration.md sections 2, 3 and 6):
 * - R13 tool.required-without-task, tool.plain-call-behaviour: McpServer turns its own -32601
 *   into an isError tool result.
 * - R11 tool.forbidden-with-task: the plain tool runs, then the Server wrapper answers -32602
 *   "Invalid task creation result" (neither -32601 nor a normal result, A2).
 * - R71 err.invalid-id.{get,result,cancel}: the SDK's tasks/* handlers parse params with zod and
 *   the ZodError (no integer code) goes out as -32603 with a zod dump.
 * - R54 poll.related-meta-ignored: a request carrying related-task _meta has its RESPONSE queued
 *   in that task's message queue (shared/protocol.js, "Queue or send the response"), so tasks/get
 *   with a misleading related-task _meta never gets an answer while the same tasks/get without it
 *   is answered at once (the control that makes the silence a verdict): the metadata is not ignored.
 * - R35 ttl.long-kept: InMemoryTaskStore deletes each task with setTimeout(ttl); a 30-day ttl
 *   overflows Node's timer, and the task reported with ttl 2592000000 is gone a second later.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactPayloads } from '../../conformance/core/compact.js';
import { exitCodeOf, formatReport, runProtocolConformance } from '../../conformance/index.js';
import { SDK_SERVER } from './helpers.js';

const EXPECTED_FAILING_CHECKS = [
  'err.invalid-id.cancel',
  'err.invalid-id.get',
  'err.invalid-id.result',
  'poll.related-meta-ignored',
  'tool.forbidden-with-task',
  'tool.plain-call-behaviour',
  'tool.required-without-task',
  'ttl.long-kept',
];
const EXPECTED_FAILING_RULES = ['R11', 'R13', 'R35', 'R54', 'R71'];

describe("the SDK's experimental task support (non-conforming)", () => {
  it('fails exactly R11, R13, R35, R54 and R71, with the observed wire messages', { timeout: 60_000 }, async () => {
    const report = await runProtocolConformance({ target: { stdio: { command: process.execPath, args: [SDK_SERVER, '--stdio'] } } });
    const text = formatReport(report);
    const failed = report.results.filter((r) => r.status === 'fail');
    assert.deepEqual(failed.map((r) => r.id).sort(), EXPECTED_FAILING_CHECKS, text);
    assert.deepEqual([...new Set(failed.map((r) => r.rule))].sort(), EXPECTED_FAILING_RULES, text);
    assert.deepEqual(
      report.results.filter((r) => r.status === 'warn').map((r) => r.id),
      [],
      text,
    );
    assert.equal(report.server?.name, 'sdk-experimental-tasks');

    // The observed wire messages are in the report, next to what was expected.
    const byId = new Map(failed.map((r) => [r.id, r]));
    assert.match(byId.get('tool.required-without-task')!.observed!, /result .*requires task augmentation.*"isError":true/);
    assert.match(byId.get('tool.required-without-task')!.expected!, /-32601/);
    assert.match(byId.get('tool.forbidden-with-task')!.observed!, /error -32602 "MCP error -32602: Invalid task creation result/);
    assert.match(byId.get('err.invalid-id.get')!.observed!, /taskId 42 \(a number\): error -32603 .*invalid_type/s);
    assert.match(byId.get('poll.related-meta-ignored')!.observed!, /no answer .*; the same request without the _meta: result /);
    assert.match(
      byId.get('ttl.long-kept')!.observed!,
      /with ttl 2592000000 ms answered ttl 2592000000; \d+ ms later tasks\/get: error -32602/,
    );
    // Every failure prints the exchange it rests on, from the wire recording.
    for (const r of failed) assert.ok(r.evidence?.length, `${r.id} has no wire evidence`);
    // (the text report shows server payloads compacted: one line, no escaped dumps)
    for (const r of failed) assert.ok(text.includes(`observed: ${compactPayloads(r.observed!)}`), r.id);

    // The same checks pass where the SDK conforms.
    for (const id of [
      'cap.tasks-declared',
      'create.create-task-result',
      'result.related-task-meta',
      'list.next-cursor',
      'list.invalid-cursor',
      'cancel.terminal-rejected',
      'err.not-found.get',
    ]) {
      assert.equal(report.results.find((r) => r.id === id)?.status, 'pass', `${id}\n${text}`);
    }
    assert.equal(report.mustFailed, failed.filter((r) => r.level === 'MUST').length);
    assert.equal(exitCodeOf(report), 1);
  });
});
