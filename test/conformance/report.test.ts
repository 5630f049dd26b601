/**
 * The text report and the CLI's live output: every status maps through one table (a status
 * added later, like inconclusive, is counted apart and never a failure), each notable result
 * points at its rule's entry in RULES.md, server payloads are compacted to one line, results are
 * printed once, and the progress line is drawn only on a TTY.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compactMessage, compactPayloads } from '../../conformance/core/compact.js';
import { exitCodeOf, formatResult, ruleRef, STATUSES, summarize, summaryLine } from '../../conformance/core/report.js';
import { ConsoleReporter, type OutputStream } from '../../conformance/protocol/console.js';
import { reportOf, result } from './report-helpers.js';

/** The SDK's answer to a tasks/get with a numeric taskId, as a check quotes it. */
const ZOD_DUMP = JSON.stringify(
  [{ expected: 'string', code: 'invalid_type', path: ['params', 'taskId'], message: 'Invalid input: expected string, received number' }],
  null,
  2,
);

class Capture implements OutputStream {
  text = '';
  constructor(
    readonly isTTY: boolean,
    readonly columns = 60,
  ) {}
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

describe('report statuses', () => {
  it('counts each status in its own summary field, inconclusive apart', () => {
    const results = ['pass', 'pass', 'fail', 'warn', 'skip', 'inconclusive'].map((s) => result(s));
    assert.deepEqual(summarize(results), { passed: 2, failed: 1, warned: 1, skipped: 1, inconclusive: 1 });
    assert.equal(summaryLine(summarize(results)), '2 passed, 1 failed, 1 warned, 1 skipped, 1 inconclusive');
    assert.equal(summaryLine(summarize(results.slice(0, 5))), '2 passed, 1 failed, 1 warned, 1 skipped');
  });

  it('has one row per status, and only fail counts as failed', () => {
    assert.deepEqual(Object.keys(STATUSES).sort(), ['fail', 'inconclusive', 'pass', 'skip', 'warn']);
    for (const [status, info] of Object.entries(STATUSES)) assert.equal(info.counted === 'failed', status === 'fail', status);
  });

  it('points fail, warn and inconclusive at the rule entry; pass and skip not', () => {
    assert.match(ruleRef('R20'), /RULES\.md#r20$/);
    assert.match(ruleRef('A9'), /RULES\.md#a9$/);
    for (const status of ['fail', 'warn', 'inconclusive'])
      assert.ok(formatResult(result(status)).endsWith(`see ${ruleRef('R20')}`), status);
    for (const status of ['pass', 'skip']) assert.ok(!formatResult(result(status)).includes('RULES.md'), status);
    assert.match(formatResult(result('inconclusive')), /^INCONCLUSIVE .*\n\s+not judged: why inconclusive\n/);
    assert.match(formatResult(result('skip')), /\n\s+skipped: why skip$/);
  });
});

describe('exit codes', () => {
  const warned = [result('pass'), result('warn', { level: 'SHOULD' })];
  it('0 unless a MUST check failed; --strict (strict): 1 also for a warning or a SHOULD failure', () => {
    assert.equal(exitCodeOf({ mustFailed: 0, results: warned }), 0);
    assert.equal(exitCodeOf({ mustFailed: 0, results: warned }, { strict: true }), 1);
    assert.equal(exitCodeOf({ mustFailed: 0, results: [result('fail', { level: 'SHOULD' })] }, { strict: true }), 1);
    assert.equal(exitCodeOf({ mustFailed: 1, results: [result('fail')] }), 1);
  });
  it('no verdict never fails a run, strict or not', () => {
    const noVerdict = [result('pass'), result('inconclusive'), result('skip')];
    assert.equal(exitCodeOf({ mustFailed: 0, results: noVerdict }, { strict: true }), 0);
  });
});

describe('payload compaction', () => {
  it('turns a quoted validation-issue dump into path: message', () => {
    const observed = `taskId 42 (a number): error -32603 ${JSON.stringify(ZOD_DUMP)}`;
    assert.equal(
      compactPayloads(observed),
      'taskId 42 (a number): error -32603 "params.taskId: Invalid input: expected string, received number"',
    );
    const prefixed = JSON.stringify(`MCP error -32602: Invalid task creation result: ${ZOD_DUMP}`);
    assert.equal(
      compactPayloads(`error -32602 ${prefixed}`),
      'error -32602 "MCP error -32602: Invalid task creation result: params.taskId: Invalid input: expected string, received number"',
    );
  });

  it('keeps the first line of any other multi-line message, and leaves one-line text alone', () => {
    assert.equal(compactMessage('Error: boom\n    at f (x.js:1:1)\n    at g (x.js:2:2)'), 'Error: boom …');
    const plain = 'error -32602 "Task not found: \\"abc\\"" data {"code":"TASK_NOT_FOUND"}';
    assert.equal(compactPayloads(plain), plain);
  });

  it('shows no escaped line breaks in a formatted failure', () => {
    const text = formatResult(result('fail', { observed: `error -32603 ${JSON.stringify(ZOD_DUMP)}` }));
    assert.ok(!text.includes('\\n'), text);
    assert.match(text, /params\.taskId: Invalid input/);
  });
});

describe('ConsoleReporter', () => {
  const results = [result('pass'), result('fail'), result('skip'), result('warn', { area: 'listing', id: 'y.warn' })];

  it('prints each result once, grouped by area, and the summary last', () => {
    const out = new Capture(false);
    const reporter = new ConsoleReporter(out);
    results.forEach((r, i) => {
      reporter.starting(r, i, results.length);
      reporter.result(r);
    });
    reporter.finish(reportOf(results));
    assert.equal(out.text.split('x.fail:').length - 1, 1, out.text);
    assert.equal(out.text.split('y.warn:').length - 1, 1, out.text);
    assert.equal(out.text.match(/^\[Task creation\]$/gm)?.length, 1);
    assert.ok(out.text.endsWith('\n1 passed, 1 failed, 1 warned, 1 skipped\n'), out.text);
    assert.ok(!out.text.includes('\r') && !out.text.includes('\x1b'), 'no progress line when not a TTY');
  });

  it('with quiet, prints only notable results', () => {
    const out = new Capture(false);
    const reporter = new ConsoleReporter(out, { quiet: true });
    for (const r of results) reporter.result(r);
    assert.ok(!out.text.includes('x.pass') && !out.text.includes('x.skip'));
    assert.ok(out.text.includes('x.fail') && out.text.includes('y.warn'));
  });

  it('on a TTY draws a progress line, cut to the width, and erases it before printing', () => {
    const out = new Capture(true, 30);
    const reporter = new ConsoleReporter(out);
    reporter.starting({ ...results[1]!, id: 'a.very.long.check.identifier.that.overflows' }, 1, 4);
    // eslint-disable-next-line no-control-regex -- the terminal's erase-line sequence is what is checked
    assert.match(out.text, /^\r\x1b\[2K\[2\/4\] creation: a\.very/);
    assert.ok(out.text.length - '\r\x1b[2K'.length <= 29, JSON.stringify(out.text));
    const drawn = out.text.length;
    reporter.result(results[1]!);
    assert.ok(out.text.slice(drawn).startsWith('\r\x1b[2K\n[Task creation]'), JSON.stringify(out.text.slice(drawn, drawn + 30)));
  });
});
