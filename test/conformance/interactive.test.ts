/**
 * The kit against the subject `interactive` (subjects/interactive.ts, written without the kit in
 * mind; its claims verified by interactive.probe.test.ts): two task tools that ask, one with a
 * strict form (`{confirm: boolean}`, checked by the SDK against the requestedSchema), one with
 * `sampling/createMessage`. With nothing but the URL, the kit must answer both as a person (and a
 * model) would, so the input checks run and pass; nothing the subject lists as CORRECT may be
 * flagged; its --broken variant (never input_required, R47) must still be caught. A last server
 * refuses every answer but a yes: the kit's answer is named as the cause, not hidden.
 */
import assert from 'node:assert/strict';
import { readFileSync, rmSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import * as z from 'zod';
import { formatReport, runProtocolConformance, type ProtocolReport } from '../../conformance/index.js';
import { CLI, runNode } from './helpers.js';
import { CORRECT, KNOWN_DEVIATIONS, startInteractive } from './subjects/interactive.js';
import { serveSubject, type RegisterTools, type Subject } from './subjects/sdk-http.js';

const INPUT_CHECKS = [
  'input.status',
  'input.request-related-task',
  'input.delivered-once',
  'input.same-task-id',
  'input.leaves-input-required',
  'input.result-after-answer',
];

/**
 * The checks that judge exactly a behaviour of the subject's CORRECT list, by its rule: none may
 * fail or warn (a check skipped for want of a tool judges nothing). R71 here is the CORRECT entry
 * "unknown taskId and terminal cancel -> -32602", not the malformed taskIds of err.invalid-id.*.
 */
const CORRECT_CHECKS: Readonly<Record<string, readonly string[]>> = {
  R1: ['cap.tasks-declared'],
  R14: ['tool.task-support-values'],
  R16: ['create.create-task-result', 'create.initial-working', 'poll.get-flat-task'],
  R47: ['input.status'],
  R48: ['input.request-related-task', 'input.same-task-id', 'input.delivered-once'],
  R50: ['input.leaves-input-required'],
  R41: ['input.result-after-answer', 'result.blocks', 'result.related-task-meta'],
  R68: ['cancel.stays-cancelled', 'cancel.working'],
  R77: ['iso.get', 'iso.result', 'iso.cancel', 'iso.list'],
  R71: ['err.not-found.get', 'err.not-found.result', 'err.not-found.cancel', 'cancel.terminal-rejected'],
};

/**
 * Failures allowed: the subject's KNOWN_DEVIATIONS (R13), and two real deviations of the SDK task
 * support its lists do not name (the same on every SDK subject: subjects.test.ts,
 * non-conforming.test.ts): -32603 for a malformed taskId (R71, err.invalid-id.*), and a question
 * lost with the stream that carried it (A10).
 */
const ALLOWED_FAILURES: Readonly<Record<string, string>> = {
  'tool.required-without-task': 'R13',
  'err.invalid-id.get': 'R71',
  'err.invalid-id.result': 'R71',
  'err.invalid-id.cancel': 'R71',
  // The SDK's message queue hands a question to one tasks/result stream; dropped with that stream,
  // it is never sent again (the same on approval-desk: subjects.test.ts).
  'input.asked-again-after-close': 'A10',
};

const status = (report: ProtocolReport, id: string) => report.results.find((r) => r.id === id);

function assertNothingCorrectFlagged(report: ProtocolReport): void {
  const text = formatReport(report);
  assert.deepEqual(
    Object.keys(CORRECT_CHECKS).filter((rule) => !CORRECT.some((c) => c.rule === rule || c.also?.includes(rule))),
    [],
    'a rule of the table is not in CORRECT',
  );
  for (const [rule, ids] of Object.entries(CORRECT_CHECKS)) {
    for (const id of ids)
      assert.ok(
        !['fail', 'warn'].includes(status(report, id)?.status ?? ''),
        `${id} flags ${rule}, which the subject does correctly\n${text}`,
      );
  }
  for (const r of report.results.filter((x) => x.status === 'fail'))
    assert.equal(ALLOWED_FAILURES[r.id], r.rule, `unexpected failure ${r.id}\n${text}`);
  assert.ok(KNOWN_DEVIATIONS.some((d) => d.rule === 'R13'));
  assert.deepEqual(
    report.results.filter((r) => r.status === 'inconclusive').map((r) => r.id),
    [],
    text,
  );
}

describe('the kit answers the interactive subject as a person would', { concurrency: true }, () => {
  const subjects: Subject[] = [];
  after(async () => {
    for (const s of subjects) await s.close();
  });
  const start = async (broken: boolean) => {
    const subject = await startInteractive({ broken, answerTimeoutMs: 20_000 });
    subjects.push(subject);
    return subject;
  };

  it('zero flags: the input checks run and pass; nothing CORRECT is flagged', { timeout: 120_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: (await start(false)).url } });
    const text = formatReport(report);
    for (const id of INPUT_CHECKS) assert.equal(status(report, id)?.status, 'pass', `${id}\n${text}`);
    assertNothingCorrectFlagged(report);
  });

  for (const [tool, args, answered] of [
    ['confirm_delete', { path: '/tmp/x' }, 'accept {"confirm":false}'],
    ['summarize_with_model', { text: 'A long text.' }, 'a fixed completion (model mcp-tasks-conformance)'],
  ] as const) {
    it(`input=${tool}: every input check passes and says what the kit answered`, { timeout: 60_000 }, async () => {
      const report = await runProtocolConformance({
        target: { url: (await start(false)).url },
        roles: { input: { name: tool, args } },
        only: ['input-required'],
      });
      const text = formatReport(report);
      for (const id of INPUT_CHECKS) assert.equal(status(report, id)?.status, 'pass', `${id}\n${text}`);
      assert.ok(status(report, 'input.result-after-answer')?.note?.includes(answered), text);
    });
  }

  it('--broken (never input_required) is caught by input.status, naming R47; nothing else changes', { timeout: 120_000 }, async () => {
    const report = await runProtocolConformance({ target: { url: (await start(true)).url } });
    const text = formatReport(report);
    assert.deepEqual(
      { status: status(report, 'input.status')?.status, rule: status(report, 'input.status')?.rule },
      { status: 'warn', rule: 'R47' },
      text,
    );
    for (const id of INPUT_CHECKS.filter((i) => i !== 'input.status')) assert.equal(status(report, id)?.status, 'pass', `${id}\n${text}`);
    for (const r of report.results.filter((x) => x.status === 'fail'))
      assert.equal(ALLOWED_FAILURES[r.id], r.rule, `unexpected failure ${r.id}\n${text}`);
  });
});

const CONFIRM = { type: 'object' as const, properties: { confirm: { type: 'boolean' as const } }, required: ['confirm'] };
const unused = async (): Promise<never> => {
  throw new Error('unused: the SDK serves tasks/get and tasks/result from the store');
};

/** `publish {draft}`: asks to confirm; any answer but `{confirm: true}` fails the task (isError). */
const picky: RegisterTools = (mcp) => {
  mcp.experimental.tasks.registerToolTask(
    'publish',
    {
      description: 'Publishes a draft once the user confirms.',
      inputSchema: { draft: z.string() },
      execution: { taskSupport: 'required' },
    },
    {
      createTask: async ({ draft }, extra) => {
        const store = extra.taskStore;
        const task = { ...(await store.createTask({ ttl: extra.taskRequestedTtl ?? 60_000, pollInterval: 100 })) };
        void (async () => {
          await store.updateTaskStatus(task.taskId, 'input_required');
          const answer = await mcp.server.elicitInput(
            { mode: 'form', message: `Publish ${draft}?`, requestedSchema: CONFIRM },
            { relatedTask: { taskId: task.taskId } },
          );
          await store.updateTaskStatus(task.taskId, 'working');
          const yes = answer.action === 'accept' && answer.content?.confirm === true;
          const result: CallToolResult = {
            content: [{ type: 'text', text: yes ? `published ${draft}` : 'publish: refused: the draft was not confirmed' }],
            ...(!yes && { isError: true }),
          };
          await store.storeTaskResult(task.taskId, yes ? 'completed' : 'failed', result);
        })().catch(() => {});
        return { task };
      },
      getTask: unused,
      getTaskResult: unused,
    },
  );
};

describe("a server that refuses the kit's answer", () => {
  let subject: Subject;
  let dir: string;
  before(async () => {
    subject = await serveSubject('picky', picky);
    dir = mkdtempSync(join(tmpdir(), 'mcp-tasks-picky-'));
  });
  after(async () => {
    await subject.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("the asking tool is still the input tool, and the report names the kit's answer as the cause", { timeout: 90_000 }, async () => {
    const out = join(dir, 'picky.json');
    const { stdout } = await runNode([CLI, '--url', subject.url, '--only', 'input-required', '--json', out], 80_000);
    const report = JSON.parse(readFileSync(out, 'utf8')) as ProtocolReport & {
      discovery: { roles: Record<string, { name: string; failedAfterAnswer?: string }> };
    };
    const cause =
      /failed after the kit's answer \(elicitation\/create: accept \{"confirm":false\}\), so the server may have refused the kit's answer: "publish: refused: the draft was not confirmed"/;
    assert.equal(report.discovery.roles.input?.name, 'publish', stdout);
    assert.equal(report.discovery.roles.fails, undefined, "a failure caused by the kit's answer is not the tool's own");
    assert.match(report.discovery.roles.input?.failedAfterAnswer ?? '', cause);
    assert.match(stdout.split('\n').find((l) => l.startsWith('discovered roles:')) ?? '', cause);
    for (const id of INPUT_CHECKS) assert.equal(status(report, id)?.status, 'pass', `${id}\n${stdout}`);
    assert.match(
      status(report, 'input.result-after-answer')?.note ?? '',
      /isError CallToolResult after the kit's answer .*may have refused the kit's answer: "publish: refused/,
    );
  });
});
