/**
 * The requestor kit on a client that follows the rules (every check passes, none is inconclusive)
 * and on the same client broken in one way at a time: the check of exactly that rule reports it
 * (a MUST as fail, a SHOULD as warn). Statuses by rule ID, never timings.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { rawClient, receiverClient, runKit, statuses } from './kit.js';

const T = { timeout: 120_000 };

describe('requestor kit: a client that follows the rules', () => {
  it('passes every check in every scenario; the receiver check skips (nothing declared)', T, async () => {
    const report = await runKit(rawClient());
    assert.deepEqual(statuses(report), {
      R2: 'pass',
      R16: 'skip',
      R26: 'pass',
      R27: 'pass',
      R54: 'pass',
      R17: 'pass',
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
    assert.equal(report.ok, true);
    assert.ok(report.scenarios.every((s) => s.exitCode === 0));
    assert.ok(
      !report.scenarios.some((s) => s.name === 'receiver'),
      'the receiver scenario is played only by a client that declares a task-augmentable request',
    );
  });
});

describe('requestor kit: each check bites on its rule', () => {
  const cases: { broken: string; scenarios: string[]; rule: string; status: string; timeoutMs?: number }[] = [
    { broken: 'fast-poll', scenarios: ['complete'], rule: 'R26', status: 'warn' },
    { broken: 'poll-after-terminal', scenarios: ['complete'], rule: 'R27', status: 'warn' },
    { broken: 'related-meta', scenarios: ['fail'], rule: 'R54', status: 'warn' },
    { broken: 'edit-cursor', scenarios: ['list'], rule: 'R62', status: 'fail' },
    { broken: 'no-result-on-input', scenarios: ['input'], rule: 'R49', status: 'warn' },
    { broken: 'no-tasks-result', scenarios: ['fail'], rule: 'R17', status: 'warn' },
    { broken: 'augment-forbidden', scenarios: ['forbidden'], rule: 'R2', status: 'warn' },
    { broken: 'needs-notifications', scenarios: ['complete'], rule: 'R58', status: 'fail', timeoutMs: 4_000 },
  ];
  for (const c of cases) {
    it(`${c.broken}: ${c.rule} ${c.status}, and no other check fails`, T, async () => {
      const report = await runKit(rawClient(c.broken), c.scenarios, c.timeoutMs);
      const got = statuses(report);
      assert.equal(got[c.rule], c.status);
      const others = Object.entries(got).filter(([rule, status]) => rule !== c.rule && (status === 'fail' || status === 'warn'));
      assert.deepEqual(others, []);
      assert.equal(report.ok, c.status !== 'fail');
    });
  }
});

/** The receiver checks (scenario receiver), by rule. */
const RECEIVER_RULES = ['R16', 'R21', 'R20', 'R35', 'R40', 'R41', 'R44', 'R67', 'R66'];

describe('requestor kit: a client as receiver of task-augmented elicitation', () => {
  for (const kind of ['elicitation', 'sampling'] as const) {
    it(`a receiver that follows the rules (${kind}) passes every receiver check`, T, async () => {
      const report = await runKit(receiverClient(undefined, kind), ['receiver']);
      const got = statuses(report);
      assert.deepEqual(
        RECEIVER_RULES.map((rule) => [rule, got[rule]]),
        RECEIVER_RULES.map((rule) => [rule, 'pass']),
      );
      assert.equal(report.ok, true);
      assert.deepEqual(
        report.scenarios.map((s) => [s.name, s.exitCode]),
        [['receiver', 0]],
      );
    });
  }

  const cases = [
    { broken: 'receiver-direct', rule: 'R16' },
    { broken: 'receiver-early-result', rule: 'R40' },
    { broken: 'receiver-cancel-ignored', rule: 'R67' },
    { broken: 'receiver-no-meta', rule: 'R44' },
  ];
  for (const c of cases) {
    it(`${c.broken}: ${c.rule} fail, and no other check fails`, T, async () => {
      const report = await runKit(receiverClient(c.broken), ['receiver']);
      const got = statuses(report);
      assert.equal(got[c.rule], 'fail');
      assert.deepEqual(
        Object.entries(got).filter(([rule, status]) => rule !== c.rule && (status === 'fail' || status === 'warn')),
        [],
      );
      assert.equal(report.ok, false);
    });
  }
});

describe('requestor kit: a client that never reaches a rule', () => {
  it('a client that does nothing: every check inconclusive or skipped, none failed', T, async () => {
    const report = await runKit(`${JSON.stringify(process.execPath)} -e ""`, ['complete', 'list']);
    assert.deepEqual(
      report.results.filter((r) => r.status !== 'inconclusive' && r.status !== 'skip').map((r) => r.rule),
      [],
    );
    assert.equal(report.ok, true);
  });
});
