/**
 * The HTML report (`--html FILE`, issue 22): one self-contained page (inline CSS, no script, no
 * external request) with the verdict and summary, every check with level, rule, observed and
 * expected, skip reasons with the flags that would run them, the exchanges a failed or
 * inconclusive outcome rests on (`evidence`) and the wire exchanges of a failed check; everything
 * the server sent is escaped.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckResult } from '../../conformance/core/check.js';
import { flagsIn, MAX_MESSAGE_CHARS, toHtmlReport } from '../../conformance/core/html.js';
import { verdict, type RunReport } from '../../conformance/core/report.js';

const HOSTILE = '<script>alert("x")</script><img src=http://evil.example/a.png>';

function sample(): RunReport {
  const results: CheckResult[] = [
    { id: 'cap.tasks-declared', rule: 'R1', level: 'MUST', area: 'capabilities', title: 'declares tasks', status: 'pass', durationMs: 3 },
    {
      id: 'create.result-shape',
      rule: 'R16',
      level: 'MUST',
      area: 'creation',
      title: 'returns a CreateTaskResult',
      status: 'fail',
      observed: `{"error":"${HOSTILE}"}`,
      expected: 'a CreateTaskResult',
      evidence: [`[+0.1 s] A: tools/call {"name":"delay"} -> error -32602 "${HOSTILE}" (12 ms)`],
      durationMs: 40,
      wire: [
        { t: 0, session: 'A', from: 'client', message: { jsonrpc: '2.0', id: 3, method: 'tools/call', params: { name: 'delay' } } },
        { t: 12, session: 'A', from: 'server', message: { jsonrpc: '2.0', id: 3, error: { code: -32602, message: HOSTILE } } },
        {
          t: 13,
          session: 'A',
          from: 'server',
          message: { jsonrpc: '2.0', method: 'notifications/message', params: { big: 'y'.repeat(MAX_MESSAGE_CHARS + 100) } },
        },
      ],
    },
    {
      id: 'limits.quota',
      rule: 'R38',
      level: 'SHOULD',
      area: 'limits',
      title: 'quota',
      status: 'skip',
      reason: 'needs the server limits: pass --max-tasks-per-owner N',
      durationMs: 0,
    },
    {
      id: 'poll.interval',
      rule: 'R29',
      level: 'SHOULD',
      area: 'polling',
      title: 'interval',
      status: 'warn',
      observed: 'SSE',
      expected: 'JSON',
      durationMs: 5,
    },
    {
      id: 'result.slow',
      rule: 'R39',
      level: 'MUST',
      area: 'result',
      title: 'slow',
      status: 'inconclusive',
      reason: 'no outcome within 15000 ms',
      evidence: ['[+2.0 s] A: tasks/result {"taskId":"t-1"} -> no answer'],
      durationMs: 15000,
    },
  ];
  return {
    suite: 'mcp-tasks protocol conformance',
    specRevision: '2025-11-25',
    target: `url http://127.0.0.1:1/mcp?${HOSTILE}`,
    startedAt: '2026-12-06T00:00:00.000Z',
    durationMs: 1234,
    ...verdict(results),
  };
}

describe('the HTML report', () => {
  const html = toHtmlReport(sample());

  it('is self-contained: inline style, no script, no external resource', () => {
    assert.match(html, /^<!doctype html>/);
    assert.match(html, /<style>[\s\S]+<\/style>/);
    assert.doesNotMatch(html, /<script/i);
    assert.doesNotMatch(html, /<(img|link|iframe)\b/i);
    assert.doesNotMatch(html, /\b(src|href)="(https?:)?\/\//i);
  });

  it('escapes everything the server sent, in the target, observed values and wire messages', () => {
    assert.ok(!html.includes(HOSTILE));
    assert.ok(html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
  });

  it('shows the verdict, the summary, each check with level and rule, observed and expected', () => {
    assert.match(html, /1 MUST failed · 1 passed, 1 failed, 1 warned, 1 skipped, 1 inconclusive/);
    assert.match(html, /<tr class="fail" id="check-create\.result-shape">[\s\S]*?<td>MUST<\/td>\s*<td>R16<\/td>/);
    assert.match(html, /<dt>observed<\/dt><dd><pre>\{&quot;error&quot;/);
    assert.match(html, /<dt>expected<\/dt><dd><pre>a CreateTaskResult<\/pre>/);
  });

  it("lists the failed check's wire exchanges in order, each message cut at its limit", () => {
    assert.match(html, /Wire exchanges while it ran: 3/);
    assert.match(
      html,
      /\+0 ms<\/span> <span class="session">A<\/span> <span class="dir">kit → server<\/span> <span class="what">request 3 tools\/call/,
    );
    assert.match(html, /<span class="what">error 3 -32602<\/span>/);
    assert.match(html, /… \(\d+ more characters\)/);
  });

  it('shows what a failed or inconclusive outcome rests on, one line per exchange', () => {
    assert.match(
      html,
      /id="check-create\.result-shape">[\s\S]*?What it rests on:[\s\S]*?<code>\[\+0\.1 s\] A: tools\/call \{&quot;name&quot;:&quot;delay&quot;\} -&gt; error -32602/,
    );
    assert.match(html, /id="check-result\.slow">[\s\S]*?What it rests on:<\/p><ol><li><code>\[\+2\.0 s\] A: tasks\/result/);
  });

  it('names the flag that would run a skipped check', () => {
    assert.match(html, /To run it: <code>--max-tasks-per-owner<\/code>/);
    assert.deepEqual(flagsIn('pass --tool-role input=ask or --allow-tool NAME; not a--flag'), ['--tool-role', '--allow-tool']);
    assert.deepEqual(flagsIn(undefined), []);
  });
});
