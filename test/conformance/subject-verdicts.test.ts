/**
 * Issue 20: the kit's verdict on servers this project did not write (test/conformance/subjects/),
 * run with zero flags. For each subject the findings the kit must report are listed, each with the
 * claim of the subject it stands for (its KNOWN_DEVIATIONS, or a deviation of the SDK it is built
 * on: sdk-deviations.ts); every failure and warning must be one of them and carry its wire
 * evidence; the checks that judge a behaviour the subject lists as CORRECT or UNSPECIFIED must not
 * fail (no false failure); nothing is inconclusive. The claims themselves are checked against the
 * subjects' lists, so a table here cannot drift from what the subjects say of themselves.
 *
 * naive-tasks: its own task implementation, one task map for every session, -32603 everywhere,
 * a tasks/result that does not block. slow-tools: a correct server (as correct as the SDK) whose
 * plain read-only tool takes 20 s and optional tool 15 s by default, run at those durations: the
 * kit calls them with the smallest arguments their schemas allow and waits as long as discovery
 * says a task may take, so no timeout becomes a verdict.
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { formatReport, runProtocolConformance, type ProtocolReport } from '../../conformance/index.js';
import type { Behaviour, Deviation, Unspecified } from './subjects/claims.js';
import * as naive from './subjects/naive-tasks.js';
import * as slow from './subjects/slow-tools.js';
import { KNOWN_SDK_DEVIATIONS, KNOWN_SDK_WARNINGS } from './sdk-deviations.js';

interface Finding {
  status: 'fail' | 'warn';
  rule: string;
  /** The subject's claim it stands for: a rule of its KNOWN_DEVIATIONS, or 'SDK' (sdk-deviations.ts). */
  claim: string;
}

interface Expectations {
  findings: Record<string, Finding>;
  /** Check id -> the rule of the CORRECT / UNSPECIFIED entry it judges. */
  correct: Record<string, string>;
}

const R71 = (claim: string): Finding => ({ status: 'fail', rule: 'R71', claim });
const SDK = (id: string): [string, Finding] => [
  id,
  { status: KNOWN_SDK_WARNINGS[id] ? 'warn' : 'fail', rule: KNOWN_SDK_DEVIATIONS[id] ?? KNOWN_SDK_WARNINGS[id]!, claim: 'SDK' },
];

const NAIVE: Expectations = {
  findings: {
    'tool.forbidden-with-task': { status: 'fail', rule: 'R11', claim: 'R11' },
    'tool.required-without-task': { status: 'fail', rule: 'R13', claim: 'R13' },
    'result.blocks': { status: 'fail', rule: 'R40', claim: 'R40' },
    'list.invalid-cursor': { status: 'fail', rule: 'R64', claim: 'R64' },
    'list.paginates': { status: 'warn', rule: 'R60', claim: 'R60' },
    'cancel.terminal-rejected': { status: 'fail', rule: 'R66', claim: 'R66' },
    'ttl.expired-task': R71('R71'),
    'err.not-found.get': R71('R71'),
    'err.not-found.result': R71('R71'),
    'err.not-found.cancel': R71('R71'),
    'err.invalid-id.get': R71('R71'),
    'err.invalid-id.result': R71('R71'),
    'err.invalid-id.cancel': R71('R71'),
    // One task map for every session: any client lists, reads and cancels every task.
    'iso.unbound-list': { status: 'fail', rule: 'R80', claim: 'R80' },
    'iso.unbound-tasks': { status: 'warn', rule: 'R78', claim: 'R77' },
  },
  correct: {
    'cap.tasks-declared': 'R1',
    'cap.declared-methods-served': 'R5',
    'tool.task-support-values': 'R14',
    'tool.optional-without-task': 'R12',
    'create.create-task-result': 'R16',
    'create.no-result': 'R17',
    'create.unique-ids': 'R20',
    'create.unguessable-ids': 'R79',
    'ts.created-at': 'R32',
    'ts.last-updated-at': 'R33',
    'ttl.in-get': 'R35',
    'ttl.in-every-task': 'R35',
    'ttl.long-kept': 'R35',
    'poll.poll-interval': 'R31',
    'result.exact-result': 'R41',
    'result.related-task-meta': 'R44',
    'result.jsonrpc-error': 'R42',
    'result.is-error-result': 'R75',
    'result.is-error-failed': 'R75',
    'result.failed-status-message': 'R75',
    'poll.no-related-meta': 'R55',
    'poll.no-sse-for-get': 'R29',
    'ttl.expired-cleanup': 'R36',
    'poll.valid-transitions': 'R22',
    'result.terminal-no-block': 'A9',
  },
};

const SLOW: Expectations = {
  findings: {
    'tool.forbidden-with-task': { status: 'fail', rule: 'R11', claim: 'R11' },
    ...Object.fromEntries(
      [
        'poll.related-meta-ignored',
        'cancel.related-meta-ignored',
        'err.invalid-id.get',
        'err.invalid-id.result',
        'err.invalid-id.cancel',
        'ttl.long-kept',
        'poll.no-sse-for-get',
      ].map(SDK),
    ),
  },
  correct: {
    // The measured false failure: read_catalog (forbidden, read-only, `seconds` default 20) called plainly.
    'tool.plain-call-behaviour': 'R11',
    'tool.optional-without-task': 'R12',
    'tool.task-support-values': 'R14',
    'create.create-task-result': 'R16',
    'create.returns-promptly': 'R16',
    'create.initial-working': 'R21',
    'result.blocks': 'R40',
    'result.exact-result': 'R41',
    'result.related-task-meta': 'R44',
    'cancel.working': 'R67',
    'cancel.stays-cancelled': 'R68',
    'err.not-found.get': 'R71',
    'err.not-found.result': 'R71',
    'err.not-found.cancel': 'R71',
    'cancel.terminal-rejected': 'R66',
    'list.invalid-cursor': 'R64',
    'iso.get': 'R77',
    'iso.result': 'R77',
    'iso.cancel': 'R77',
    'iso.list': 'R65',
    'iso.unbound-list': 'R77',
    'iso.unbound-tasks': 'R77',
    'result.terminal-no-block': 'A9',
  },
};

const rulesOf = (entries: readonly (Deviation | Behaviour)[]) => new Set(entries.flatMap((e) => [e.rule, ...(e.also ?? [])]));

/** The tables say only what the subject says of itself. */
function assertClaims(
  expect: Expectations,
  subject: { KNOWN_DEVIATIONS: Deviation[]; CORRECT: Behaviour[]; UNSPECIFIED: Unspecified[] },
): void {
  const deviations = rulesOf(subject.KNOWN_DEVIATIONS);
  for (const [id, f] of Object.entries(expect.findings))
    assert.ok(
      f.claim === 'SDK' ? (KNOWN_SDK_DEVIATIONS[id] ?? KNOWN_SDK_WARNINGS[id]) : deviations.has(f.claim),
      `${id}: ${f.claim} is not a claimed deviation`,
    );
  const correct = new Set([...rulesOf(subject.CORRECT), ...subject.UNSPECIFIED.map((u) => u.ref)]);
  for (const [id, rule] of Object.entries(expect.correct)) assert.ok(correct.has(rule), `${id}: ${rule} is not in CORRECT or UNSPECIFIED`);
}

function assertVerdicts(report: ProtocolReport, expect: Expectations): void {
  const text = formatReport(report);
  const found = report.results.filter((r) => r.status === 'fail' || r.status === 'warn');
  assert.deepEqual(
    found.map((r) => `${r.id} ${r.status} ${r.rule}`).sort(),
    Object.entries(expect.findings)
      .map(([id, f]) => `${id} ${f.status} ${f.rule}`)
      .sort(),
    text,
  );
  for (const r of found) assert.ok(r.evidence?.length, `${r.id} prints no wire evidence`);
  for (const id of Object.keys(expect.correct))
    assert.ok(
      ['pass', 'skip'].includes(report.results.find((r) => r.id === id)?.status ?? 'missing'),
      `${id} judges CORRECT behaviour and did not pass\n${text}`,
    );
  assert.deepEqual(
    report.results.filter((r) => r.status === 'inconclusive').map((r) => r.id),
    [],
    text,
  );
  assert.equal(report.results.find((r) => r.id === 'server.alive')?.status, 'pass');
}

describe('the kit on servers it was not written for, with zero flags', { concurrency: true }, () => {
  const stops: (() => Promise<void>)[] = [];
  after(async () => {
    for (const stop of stops) await stop();
  });

  it(
    'naive-tasks: every claimed deviation it can see, the shared task map as a finding (R80, R78), no false failure',
    { timeout: 120_000 },
    async () => {
      assertClaims(NAIVE, naive);
      const server = await naive.startNaiveTasks();
      stops.push(server.close);
      const report = await runProtocolConformance({ target: { url: server.url } });
      assertVerdicts(report, NAIVE);
      const shared = report.results.find((r) => r.id === 'iso.unbound-tasks')!;
      assert.match(shared.observed!, /^any client can read and cancel any task: another session \(no credentials\) read A's task/);
      // R40 is result.blocks' finding, not R41's: the result of a finished task is judged once it is finished.
      assert.match(
        report.results.find((r) => r.id === 'result.exact-result')!.note!,
        /the first tasks\/result answered while the task was working/,
      );
    },
  );

  it(
    "slow-tools at its default 15-20 s durations: no failure but its own and the SDK's, the R54 evidence as observed",
    { timeout: 180_000 },
    async () => {
      assertClaims(SLOW, slow);
      const subject = await slow.startSlowTools();
      stops.push(subject.close);
      const report = await runProtocolConformance({ target: { url: subject.url } });
      assertVerdicts(report, SLOW);
      const plain = report.results.find((r) => r.id === 'tool.plain-call-behaviour')!;
      assert.match(plain.note ?? '', /read_catalog \{"seconds":0\} \(forbidden\)/);
      // The cancel's evidence: the request with both tasks, the silence, and the effect it had.
      const cancel = report.results.find((r) => r.id === 'cancel.related-meta-ignored')!;
      assert.match(
        cancel.observed!,
        /^tasks\/cancel \{taskId: (\w+)\} with _meta related-task \{taskId: (\w+)\} \(another running rebuild_index task of this session\): no answer \(no response within 5000 ms\), although it took effect \(tasks\/get \1: status cancelled/,
      );
      assert.match(
        cancel.evidence![0]!,
        /A: tasks\/cancel \{"taskId":"\w+","_meta":\{"io\.modelcontextprotocol\/related-task":\{"taskId":"\w+"\}\}\} -> no answer while the kit waited \(no response within 5000 ms\); no answer came later either$/,
      );
      const get = report.results.find((r) => r.id === 'poll.related-meta-ignored')!;
      assert.match(
        get.evidence![0]!,
        /A: tasks\/get \{"taskId":"\w+","_meta":\{"io\.modelcontextprotocol\/related-task":\{"taskId":"conformance-some-other-task"\}\}\} -> error -32602 "MCP error -32602: Task not found: conformance-some-other-task" \(\d+ ms\)$/,
      );
      assert.match(formatReport(report), /\n\s+wire: \[\+[\d.]+ s\] A: tasks\/cancel /);
    },
  );
});
