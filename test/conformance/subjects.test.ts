/**
 * The kit against its subjects: servers built ONLY on the SDK 1.32 experimental task support,
 * whose tools are unlike the fixtures (test/conformance/subjects/). With nothing but the URL, the
 * kit must discover what to call and run at least 85% of the checks that apply, never run out of
 * time, fail only where the SDK really deviates from the spec, and never call a tool that may
 * have side effects (a destructive tool, not read-only, not task-capable).
 *
 * Real time is spent only where the verdict depends on it. build_report's four stages take
 * STAGE_MS each here (1.2 s in all: still the `long` tool, over the kit's LONG_MIN_MS of 1 s, still
 * reporting progress per stage), and a second of archive_batch takes SECOND_MS (a quick run of
 * 0.6 s, a long one of 1.2 s): every check ends as it does with the default durations. The slow
 * server keeps its ~8 s tool: it has to outlast the kit's fixed waits (8 s) and limits, which only
 * the waits and limits that grow with the observed durations survive. The three subjects run at
 * once (each kit run mostly waits on its server), so the file takes as long as the slow one:
 * ~90 s, where it took ~176 s one after the other with the default durations.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { formatReport, runProtocolConformance, type ProtocolReport } from '../../conformance/index.js';
import { CLI, runNode } from './helpers.js';
import { KNOWN_SDK_DEVIATIONS } from './sdk-deviations.js';
import { approvalDesk } from './subjects/approval-desk.js';
import { reportBuilder } from './subjects/report-builder.js';
import { serveSubject, type Subject } from './subjects/sdk-http.js';

const STAGE_MS = 300;
const SECOND_MS = 600;
/** The slow server's stages: ~8 s in all, as long as the kit's fixed wait for a task (8 s). */
const SLOW_STAGE_MS = 2_000;

/** Checks that cannot apply to these servers, whatever the kit knows. */
const NEVER_APPLY = [
  'cap.undeclared-task-ignored', // they declare tasks.requests.tools.call
  'create.model-immediate-response', // not offered
  'limit.max-active', // the SDK sets no limit of active tasks
  'limit.max-ttl', // nor a maximum ttl
  'iso.same-owner-sessions', // no tokens: the owner is the session
  'iso.foreign-session', // no tokens: no second identity to serve on a session
  'iso.outlives-session', // likewise: it needs an owner beyond the session
  'limit.expired-free-slots', // no quota to free
  'limit.rate', // no rate limit told to the kit
  'limit.request-size', // no request size limit told to the kit
  'expiry.from-creation', // only with the fixture delay (a discovered tool runs as long as it runs)
];
const NO_FAILING_TOOL = ['result.is-error-result', 'result.is-error-failed', 'result.failed-status-message'];
const NO_ERRORING_TOOL = ['result.jsonrpc-error', 'result.error-failed'];
const NO_ELICITING_TOOL = [
  'input.status',
  'input.request-related-task',
  'input.delivered-once',
  'input.same-task-id',
  'input.leaves-input-required',
  'input.result-after-answer',
  'input.asked-again-after-get',
  'input.asked-again-after-close',
  'input.late-answer-taken',
  'input.error-answer-once',
  'input.new-question-new-id',
  'input.error-answer-propagated',
];

function assertTrustworthy(report: ProtocolReport, notApplicable: readonly string[]): void {
  const text = formatReport(report);
  const applicable = report.results.filter((r) => !notApplicable.includes(r.id));
  const ran = applicable.filter((r) => r.status !== 'skip');
  assert.ok(ran.length >= 0.85 * applicable.length, `only ${ran.length} of ${applicable.length} applicable checks ran\n${text}`);
  assert.deepEqual(
    report.results.filter((r) => r.status === 'inconclusive').map((r) => r.id),
    [],
    text,
  );
  for (const r of report.results.filter((x) => x.status === 'fail'))
    assert.equal(KNOWN_SDK_DEVIATIONS[r.id], r.rule, `unexpected failure ${r.id}\n${text}`);
}

describe('kit subjects built only on the SDK experimental tasks, with nothing but --url', { concurrency: true }, () => {
  const subjects: Subject[] = [];
  let dir: string;

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-subjects-'));
  });

  after(async () => {
    for (const s of subjects) await s.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('report-builder (a multi-stage tool with a required string) through the CLI', { timeout: 180_000 }, async () => {
    const subject = await serveSubject('report-builder', reportBuilder(STAGE_MS));
    subjects.push(subject);
    const out = join(dir, 'report-builder.json');
    const { code, stdout, stderr } = await runNode([CLI, '--url', subject.url, '--json', out], 170_000);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ProtocolReport;
    assert.equal(code, 1, `exit ${String(code)} (the SDK fails MUST rules)\n${stdout}\n${stderr}`);
    assertTrustworthy(report, [...NEVER_APPLY, ...NO_FAILING_TOOL, ...NO_ERRORING_TOOL, ...NO_ELICITING_TOOL]);
    // Found from behaviour: the multi-stage tool reports progress, so R24 runs.
    assert.notEqual(report.results.find((r) => r.id === 'create.progress-token')?.status, 'skip', stdout);
    assert.equal(subject.calls.get('drop_tables'), undefined, 'the destructive tool was called');
    assert.ok((subject.calls.get('build_report') ?? 0) > 0);
  });

  it(
    'a slow but correct server (a ~8 s tool): adaptive time limits, nothing inconclusive, no new failure',
    { timeout: 240_000 },
    async () => {
      const subject = await serveSubject('report-builder-slow', reportBuilder(SLOW_STAGE_MS));
      subjects.push(subject);
      const report = await runProtocolConformance({ target: { url: subject.url } });
      assertTrustworthy(report, [...NEVER_APPLY, ...NO_FAILING_TOOL, ...NO_ERRORING_TOOL, ...NO_ELICITING_TOOL]);
      assert.equal(report.results.find((r) => r.id === 'create.unique-ids')?.status, 'pass', formatReport(report));
    },
  );

  it('approval-desk (an eliciting tool, a failing tool, a timed tool) through the API', { timeout: 180_000 }, async () => {
    const subject = await serveSubject('approval-desk', approvalDesk(SECOND_MS));
    subjects.push(subject);
    const report = await runProtocolConformance({ target: { url: subject.url } });
    const noProgress = ['create.progress-token']; // no tool of this server reports progress
    assertTrustworthy(report, [...NEVER_APPLY, ...NO_ERRORING_TOOL, ...noProgress]);
    for (const id of ['input.status', 'input.request-related-task', 'result.is-error-result', 'iso.get', 'cancel.stays-cancelled']) {
      assert.notEqual(report.results.find((r) => r.id === id)?.status, 'skip', `${id}\n${formatReport(report)}`);
    }
    assert.equal(subject.calls.get('wipe_archive'), undefined, 'the destructive tool was called');
  });
});
