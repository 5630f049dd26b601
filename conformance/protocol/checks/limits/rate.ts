/**
 * limit.rate (R81, SHOULD): with the operator's rate (`--rate-limit N`: N task operations per
 * second per requestor, a burst of up to 2N), a bounded flood of tasks/get of one task must see a
 * refusal before the server served more than that allows. It passes on a refusal, warns when far
 * more than the allowance was served, and is inconclusive only when the kit could not send faster
 * than the allowance within its budget (the numbers say how far it got).
 */
import { inconclusive, pass, skip, warn, type Outcome } from '../../../core/check.js';
import { isObject } from '../../../core/json.js';
import { check, type Check } from '../../check.js';
import { identityHeaders } from '../../target.js';
import { allowance, flood, httpSender, sessionSender, type FloodOptions, type FloodSender, type FloodTally } from './flood.js';

/** How long the kit floods, and how long answers in flight may still come after. */
export const FLOOD_MS = 4_000;
const GRACE_MS = 1_000;
/** Requests in flight at once: a slow round trip does not slow the flood. */
const IN_FLIGHT = 32;
/** Served past this many times the allowance is a finding; up to it, the kit's clock may be to blame. */
const MARGIN = 1.1;
/** The longest wait for the bucket to refill after the flood, so the checks after it are not refused. */
const REFILL_MS = 2_500;
const MAX_TESTABLE_RATE = 500;

export const rateCheck: Check = check(
  {
    id: 'limit.rate',
    rule: 'R81',
    level: 'SHOULD',
    area: 'limits',
    title: 'task operations far beyond the declared rate are refused (--rate-limit N per second; a burst of up to 2N)',
  },
  async (ctx) => {
    const rate = ctx.options.rateLimit;
    if (rate === undefined) return skip("the server's rate limit was not given (--rate-limit N, config key limits.rateLimit)");
    if (rate > MAX_TESTABLE_RATE) return skip(`a rate of ${rate} per second is more than this check sends (${MAX_TESTABLE_RATE})`);
    const a = await ctx.a();
    const call = ctx.quickTool();
    const { taskId } = ctx.needTask(await ctx.createTask(a, call), call);
    const options: FloodOptions = { rate, budgetMs: FLOOD_MS, inFlight: IN_FLIGHT, graceMs: GRACE_MS, signal: ctx.signal };
    let send: FloodSender = sessionSender(a, taskId);
    let close = () => {};
    let over = 'over the kit session';
    if (ctx.transport === 'url' && ctx.url) {
      // The requestor's own session, from a lean HTTP client: the same owner, cheaper per request.
      const version = isObject(a.initializeResult) ? a.initializeResult.protocolVersion : undefined;
      const sessionId = a.client.transport?.sessionId;
      const headers = {
        ...identityHeaders(ctx.options.authA),
        ...(sessionId !== undefined && { 'mcp-session-id': sessionId }),
        ...(typeof version === 'string' && { 'mcp-protocol-version': version }),
      };
      ({ send, close } = httpSender({ url: ctx.url, headers, taskId, inFlight: IN_FLIGHT }));
      over = "over plain HTTP on A's session";
    }
    let tally: FloodTally;
    try {
      tally = await flood(send, options);
    } finally {
      close();
    }
    // Let the bucket refill: the checks after this one are not about the rate.
    const owed = Math.min(tally.served - (rate * tally.ms) / 1000, 2 * rate);
    if (owed > 0) await ctx.sleep(Math.min(REFILL_MS, (owed / rate) * 1000 + 250));
    return rateVerdict(tally, rate, `${FLOOD_MS} ms budget, ${IN_FLIGHT} tasks/get in flight ${over}`);
  },
);

/** The verdict on a flood at the declared `rate`; `how` (the budget and how it was sent) ends every text. */
export function rateVerdict(tally: FloodTally, rate: number, how: string): Outcome {
  const allowed = Math.floor(allowance(rate, tally.ms));
  const perSecond = Math.round((tally.served * 1000) / tally.ms);
  const model = `${rate} per second with a burst of ${2 * rate}`;
  const numbers = `${tally.sent} tasks/get sent in ${tally.ms} ms: ${tally.served} served (${perSecond} per second), ${tally.refused} refused, ${tally.other} other`;
  if (tally.served > MARGIN * allowed) {
    const late = tally.firstRefusal ? `; refused only after that: ${tally.firstRefusal}` : '; none refused';
    return warn(
      `${numbers}: more than ${model} allows in ${tally.ms} ms (${allowed})${late} (${how})`,
      `task operations beyond ${model} refused, e.g. with a JSON-RPC error or HTTP 429 (R81)`,
    );
  }
  if (tally.firstRefusal) return pass(`${numbers}; refused within the allowance of ${model} (${allowed}): ${tally.firstRefusal} (${how})`);
  const why =
    tally.stopped === 'the suite' || !tally.firstOther
      ? `the kit could not send faster than the allowance within its budget (stopped by ${tally.stopped})`
      : `the flood stopped at an answer that is neither the task nor a refusal: ${tally.firstOther}`;
  return inconclusive(`${numbers}: not more than ${model} allows in that time (${allowed}), none refused; ${why} (${how})`);
}
