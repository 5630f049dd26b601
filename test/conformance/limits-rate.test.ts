/**
 * limit.rate's flood and verdict (conformance/protocol/checks/limits/), on senders that stand in
 * for servers: a token bucket at the declared rate passes, a server that never refuses warns
 * (R81 is a SHOULD), one that refuses only past the allowance warns too, and a kit too slow for
 * the allowance, or answers that never come, are inconclusive with the numbers, within the budget.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allowance,
  flood,
  sortResponse,
  type FloodAnswer,
  type FloodOptions,
  type FloodSender,
} from '../../conformance/protocol/checks/limits/flood.js';
import { rateVerdict } from '../../conformance/protocol/checks/limits/rate.js';

const RATE = 100;
const HOW = 'test budget';
const options = (over: Partial<FloodOptions> = {}): FloodOptions => ({
  rate: RATE,
  budgetMs: 1_000,
  inFlight: 8,
  graceMs: 300,
  signal: new AbortController().signal,
  ...over,
});
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A server limiting at `perSecond` with a burst of `burst`, answering at once. */
function bucket(perSecond: number, burst: number): FloodSender {
  let tokens = burst;
  let at = Date.now();
  return async () => {
    await tick();
    const now = Date.now();
    tokens = Math.min(burst, tokens + ((now - at) * perSecond) / 1000);
    at = now;
    if (tokens < 1) return { kind: 'refused', detail: 'error -32000 "Too many task requests"' };
    tokens -= 1;
    return { kind: 'served' };
  };
}

describe('limit.rate: the flood and its verdict', () => {
  it('passes on a server limiting at the declared rate, within the allowance', async () => {
    const tally = await flood(bucket(RATE, 2 * RATE), options());
    assert.equal(tally.stopped, 'a refusal');
    assert.ok(tally.served <= allowance(RATE, tally.ms), `${tally.served} served in ${tally.ms} ms`);
    const outcome = rateVerdict(tally, RATE, HOW);
    assert.equal(outcome.status, 'pass', JSON.stringify(outcome));
    assert.match(JSON.stringify(outcome), /Too many task requests.*test budget/);
  });

  it('warns on a server that never refuses, and stops well before its budget', async () => {
    const started = Date.now();
    const tally = await flood(async () => (await tick(), { kind: 'served' }), options({ budgetMs: 5_000 }));
    assert.equal(tally.stopped, 'the allowance far exceeded');
    assert.ok(Date.now() - started < 5_000);
    const outcome = rateVerdict(tally, RATE, HOW);
    assert.equal(outcome.status, 'warn', JSON.stringify(outcome));
    assert.match(JSON.stringify(outcome), /none refused/);
  });

  it('warns on a server that refuses only far past the allowance (a limit looser than declared)', () => {
    const tally = { sent: 420, served: 400, refused: 20, other: 0, ms: 500, firstRefusal: 'HTTP 429', stopped: 'a refusal' } as const;
    const outcome = rateVerdict(tally, RATE, HOW);
    assert.equal(outcome.status, 'warn', JSON.stringify(outcome));
    assert.match(
      JSON.stringify(outcome),
      /more than 100 per second with a burst of 200 allows in 500 ms \(250\); refused only after that: HTTP 429/,
    );
  });

  it('is inconclusive when the kit cannot send faster than the allowance within its budget', async () => {
    // 4 in flight, 50 ms each: 80 per second, under the 100 per second allowed.
    const slow: FloodSender = () => new Promise<FloodAnswer>((resolve) => setTimeout(() => resolve({ kind: 'served' }), 50));
    const started = Date.now();
    const tally = await flood(slow, options({ inFlight: 4, budgetMs: 600 }));
    assert.ok(Date.now() - started < 600 + 300 + 200, 'bounded by the budget and its grace');
    assert.equal(tally.stopped, 'the budget');
    const outcome = rateVerdict(tally, RATE, HOW);
    assert.equal(outcome.status, 'inconclusive', JSON.stringify(outcome));
    assert.match(
      JSON.stringify(outcome),
      new RegExp(`${tally.sent} tasks/get sent in \\d+ ms: ${tally.served} served.*could not send faster.*test budget`),
    );
  });

  it('answers that never come are no verdict: inconclusive once the budget and its grace are over', async () => {
    const silent: FloodSender = (deadline) =>
      new Promise<FloodAnswer>((resolve) =>
        deadline.addEventListener('abort', () => resolve({ kind: 'other', detail: 'no answer before the deadline' }), { once: true }),
      );
    const started = Date.now();
    const tally = await flood(silent, options({ budgetMs: 300, graceMs: 200 }));
    assert.ok(Date.now() - started < 300 + 200 + 200);
    assert.equal(tally.served, 0);
    const outcome = rateVerdict(tally, RATE, HOW);
    assert.equal(outcome.status, 'inconclusive', JSON.stringify(outcome));
    assert.match(JSON.stringify(outcome), /no answer before the deadline/);
  });

  it('a refusal is a server-defined JSON-RPC error; the reserved codes (task not found, ...) are not', () => {
    assert.equal(sortResponse({ jsonrpc: '2.0', id: 1, result: { taskId: 't1', status: 'working' } }, 't1').kind, 'served');
    assert.equal(sortResponse({ jsonrpc: '2.0', id: 1, result: { taskId: 't2' } }, 't1').kind, 'other');
    assert.equal(
      sortResponse({ jsonrpc: '2.0', id: 1, error: { code: -32000, message: 'Too many', data: { code: 'RATE_LIMITED' } } }, 't1').kind,
      'refused',
    );
    for (const code of [-32602, -32603, -32601])
      assert.equal(sortResponse({ jsonrpc: '2.0', id: 1, error: { code, message: 'x' } }, 't1').kind, 'other');
  });
});
