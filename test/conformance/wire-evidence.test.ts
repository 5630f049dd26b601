/**
 * The protocol kit's recording and the rules it judges by, without a server: the wire log pairs
 * each request with its response (also one that came after the kit stopped waiting) and prints
 * the exchange; a failure resting only on requests that timed out is INCONCLUSIVE unless the check
 * says why the silence is evidence; every failure carries the exchange it quotes; the liveness
 * watch tells a short outage from a dead server by its attempts; and the request named as the
 * cause of a stop, with its rule, comes from the recording.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import { fail, failOnSilence, type Outcome } from '../../conformance/core/check.js';
import { check } from '../../conformance/protocol/check.js';
import { runCheck, type CheckHost } from '../../conformance/protocol/check-run.js';
import type { CheckContext } from '../../conformance/protocol/context.js';
import { Liveness, type Outage } from '../../conformance/protocol/liveness.js';
import { describe as describeReply } from '../../conformance/protocol/replies.js';
import type { WireReply } from '../../conformance/protocol/session.js';
import { stopCause } from '../../conformance/protocol/stop-cause.js';
import { RecordingTransport, WireLog } from '../../conformance/protocol/wire-log.js';

/** Record one exchange as a session would: the request, maybe its response, and the call's reply. */
function exchange(
  log: WireLog,
  id: number,
  method: string,
  params: Record<string, unknown>,
  answer: { result?: unknown; error?: unknown } | undefined,
  reply: WireReply,
): WireReply {
  log.sent('A', { jsonrpc: '2.0', id, method, params } as JSONRPCMessage);
  if (answer) log.received('A', { jsonrpc: '2.0', id, ...answer } as JSONRPCMessage);
  log.call('A', method, reply);
  return reply;
}

const timedOut = (id: number): WireReply => ({ kind: 'local', message: 'no response within 3000 ms', ms: 3000, requestId: id });

function host(log: WireLog, liveness = new Liveness()): CheckHost {
  return {
    log,
    liveness,
    checkTimeoutMs: 5_000,
    blocked: () => undefined,
    context: () => ({ cleanup: async () => {} }) as unknown as CheckContext,
    setSignal: () => {},
  };
}

const quick = (run: (log: WireLog) => Outcome, log: WireLog) =>
  runCheck(
    check({ id: 'test.check', rule: 'R54', level: 'MUST', area: 'polling', title: 'test' }, async () => run(log)),
    host(log),
  );

describe('the wire recording', () => {
  it('pairs a request with its response through the transport, and prints the exchange', async () => {
    const log = new WireLog();
    const sent: JSONRPCMessage[] = [];
    const inner: Transport = { start: async () => {}, close: async () => {}, send: async (m) => void sent.push(m) };
    const recording = new RecordingTransport(inner, log, 'A');
    await recording.send({ jsonrpc: '2.0', id: 7, method: 'tasks/get', params: { taskId: 't1' } });
    inner.onmessage!({ jsonrpc: '2.0', id: 7, error: { code: -32602, message: 'Task not found' } });
    assert.equal(sent.length, 1);
    const [recorded] = log.exchanges;
    assert.equal(recorded?.method, 'tasks/get');
    assert.match(log.format(recorded!), /A: tasks\/get \{"taskId":"t1"\} -> error -32602 "Task not found" \(\d+ ms\)$/);
  });

  it('says when an answer came after the kit stopped waiting, and when none came at all', () => {
    const log = new WireLog();
    exchange(log, 1, 'tasks/result', { taskId: 't1' }, { result: { content: [] } }, timedOut(1));
    exchange(log, 2, 'tasks/cancel', { taskId: 't2' }, undefined, timedOut(2));
    assert.match(
      log.formatCall(log.calls[0]!),
      /no answer while the kit waited \(no response within 3000 ms\); an answer came \d+ ms after the request: result \{"content":\[\]\}/,
    );
    assert.match(
      log.formatCall(log.calls[1]!),
      /tasks\/cancel \{"taskId":"t2"\} -> no answer while the kit waited \(no response within 3000 ms\); no answer came later either/,
    );
  });
});

describe('judging a check by what was observed', () => {
  it('a failure resting only on requests that timed out is inconclusive, with the exchange as evidence', async () => {
    const result = await quick(
      (log) =>
        fail(
          `tasks/get with a misleading _meta: ${describeReply(exchange(log, 1, 'tasks/get', { taskId: 't' }, undefined, timedOut(1)))}`,
          'an answer',
        ),
      new WireLog(),
    );
    assert.equal(result.status, 'inconclusive');
    assert.match(result.reason!, /no verdict on a timeout/);
    assert.match(result.evidence?.[0] ?? '', /tasks\/get \{"taskId":"t"\} -> no answer while the kit waited/);
  });

  it('the same silence fails when the check shows why it is evidence', async () => {
    const result = await quick(
      (log) =>
        failOnSilence(
          `no answer: ${describeReply(exchange(log, 1, 'tasks/get', { taskId: 't' }, undefined, timedOut(1)))}; without the _meta it was answered`,
          'an answer',
        ),
      new WireLog(),
    );
    assert.equal(result.status, 'fail');
    assert.equal(result.evidence?.length, 1);
  });

  it('a failure on an answer prints the request and the response it quotes, not the other calls', async () => {
    const result = await quick((log) => {
      exchange(
        log,
        1,
        'tools/call',
        { name: 'x', task: {} },
        { result: { task: { taskId: 't' } } },
        { kind: 'result', result: { task: { taskId: 't' } }, ms: 1, requestId: 1 },
      );
      const reply = exchange(
        log,
        2,
        'tasks/get',
        { taskId: 't', _meta: { m: 1 } },
        { error: { code: -32602, message: 'Task not found: other' } },
        { kind: 'error', error: { code: -32602, message: 'Task not found: other' }, ms: 1, requestId: 2 },
      );
      return fail(`tasks/get: ${describeReply(reply)}`, 'the task');
    }, new WireLog());
    assert.equal(result.status, 'fail');
    assert.deepEqual(
      result.evidence?.map((e) => e.replace(/\(\d+ ms\)/, '(N ms)').replace(/^\[\+[\d.]+ s\] /, '')),
      ['A: tasks/get {"taskId":"t","_meta":{"m":1}} -> error -32602 "Task not found: other" (N ms)'],
    );
  });

  it('a failure that quotes no reply shows the call about the task it names, not merely the last call', async () => {
    const result = await quick((log) => {
      exchange(
        log,
        1,
        'tasks/get',
        { taskId: 'task-named-1' },
        { result: { taskId: 'task-named-1', status: 'working' } },
        { kind: 'result', result: { taskId: 'task-named-1', status: 'working' }, ms: 1, requestId: 1 },
      );
      exchange(
        log,
        2,
        'tasks/get',
        { taskId: 'task-other-2' },
        { result: { taskId: 'task-other-2', status: 'working' } },
        { kind: 'result', result: { taskId: 'task-other-2', status: 'working' }, ms: 1, requestId: 2 },
      );
      return fail('task-named-1: completed (tasks/get), then working (tasks/list)', 'terminal statuses never change');
    }, new WireLog());
    assert.equal(result.evidence?.length, 1);
    assert.match(result.evidence![0]!, /tasks\/get \{"taskId":"task-named-1"\}/);
  });
});

describe('the liveness watch', () => {
  it('a server that answers again is a short outage, counted by its attempts', async () => {
    let tries = 0;
    const liveness = new Liveness({ reach: async () => ++tries >= 2, retryDelaysMs: [0, 0, 0] });
    liveness.trouble('fetch failed (ECONNRESET)', 'some.check');
    await liveness.settled();
    assert.equal(liveness.dead, undefined);
    assert.deepEqual(
      liveness.outages.map((o) => ({ attempts: o.attempts, recovered: o.recovered })),
      [{ attempts: 2, recovered: true }],
    );
  });

  it('a server that never answers again is dead after every attempt; a process that exited at once', async () => {
    const url = new Liveness({ reach: async () => false, retryDelaysMs: [0, 0, 0] });
    url.trouble('fetch failed (ECONNREFUSED)', 'discovery');
    assert.equal((await url.whenDead).attempts, 3);
    const stdio = new Liveness();
    stdio.trouble('the server process exited with code 1', 'cancel.working', {
      exit: { code: 1, signal: null, requested: false },
      stderrTail: 'Error: boom',
    });
    const dead = await stdio.whenDead;
    assert.deepEqual([dead.attempts, dead.exit?.code, dead.step], [0, 1, 'cancel.working']);
  });
});

describe('the request that stopped the server', () => {
  const created = { result: { task: { taskId: 'task-1', status: 'working' } } };
  const outage = (at: number, extra: Partial<Outage> = {}): Outage => ({
    at,
    step: 'later.check',
    note: 'fetch failed',
    attempts: 5,
    spentMs: 7_750,
    recovered: false,
    ...extra,
  });

  it('a cancelled task whose work was due to end then: R68', () => {
    const log = new WireLog();
    exchange(log, 1, 'tools/call', { name: 'long_job', arguments: {}, task: {} }, created, {
      kind: 'result',
      result: created.result,
      ms: 1,
    });
    exchange(
      log,
      2,
      'tasks/cancel',
      { taskId: 'task-1' },
      { result: { taskId: 'task-1', status: 'cancelled' } },
      { kind: 'result', result: {}, ms: 1 },
    );
    const cause = stopCause(log, outage(Date.now() + 1), () => 3_000, 0);
    assert.deepEqual([cause?.exchange.method, cause?.rule, cause?.level], ['tasks/cancel', 'R68', 'MUST']);
  });

  it('a request left unanswered when it stopped: the rule of that method', () => {
    const log = new WireLog();
    exchange(log, 1, 'tasks/get', { taskId: 'task-1' }, undefined, { kind: 'local', message: 'fetch failed', ms: 1 });
    const cause = stopCause(log, outage(Date.now() + 1), () => undefined, 0);
    assert.deepEqual([cause?.exchange.method, cause?.rule, cause?.level], ['tasks/get', 'R35', 'MUST']);
  });

  it('several unanswered: the first sent after the last answer that does not wait on work, not what came after it', () => {
    // Seen under load behind a gateway: the fatal tasks/get, then a tasks/cancel sent before the
    // gateway's 502 came back; the tasks/result before them was only waiting on the work.
    const log = new WireLog();
    exchange(log, 1, 'tools/call', { name: 'long_job', arguments: {}, task: {} }, created, {
      kind: 'result',
      result: created.result,
      ms: 1,
    });
    exchange(log, 2, 'tasks/result', { taskId: 'task-1' }, undefined, { kind: 'local', message: 'HTTP 502', ms: 1 });
    exchange(log, 3, 'tasks/get', { taskId: 'task-1' }, undefined, { kind: 'local', message: 'HTTP 502', ms: 1 });
    exchange(log, 4, 'tasks/cancel', { taskId: 'task-1' }, undefined, { kind: 'local', message: 'HTTP 502', ms: 1 });
    const cause = stopCause(log, outage(Date.now() + 1), () => undefined, 0);
    assert.deepEqual([cause?.exchange.method, cause?.rule], ['tasks/get', 'R35']);
    // Only a wait unanswered: that wait.
    const waitOnly = new WireLog();
    exchange(waitOnly, 1, 'tasks/result', { taskId: 'task-1' }, undefined, { kind: 'local', message: 'closed', ms: 1 });
    assert.equal(stopCause(waitOnly, outage(Date.now() + 1), () => undefined, 0)?.rule, 'R40');
  });

  it('the stderr of the server naming a task in an error: the cancel of that task', () => {
    const log = new WireLog();
    exchange(log, 1, 'tools/call', { name: 'long_job', arguments: {}, task: {} }, created, {
      kind: 'result',
      result: created.result,
      ms: 1,
    });
    exchange(
      log,
      2,
      'tasks/cancel',
      { taskId: 'task-1' },
      { result: { taskId: 'task-1', status: 'cancelled' } },
      { kind: 'result', result: {}, ms: 1 },
    );
    exchange(log, 3, 'tasks/list', {}, undefined, { kind: 'local', message: 'closed', ms: 1 });
    const stderr = "long_job task task-1 started\nError: Cannot store result for task task-1 in terminal status 'cancelled'";
    // Long after the work was due (no timing would name it): the stderr does.
    const cause = stopCause(
      log,
      outage(Date.now() + 60_000, { exit: { code: 1, signal: null, requested: false }, stderrTail: stderr }),
      () => 10,
      0,
    );
    assert.deepEqual([cause?.exchange.method, cause?.rule], ['tasks/cancel', 'R68']);
    assert.match(cause!.why, /stderr names task task-1 in an error/);
  });
});
