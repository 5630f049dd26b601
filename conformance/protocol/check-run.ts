/**
 * One check of a run, from start to result: under its time limit and the liveness watch, with
 * its leftovers cancelled, and the outcome held to the kit's principles before it is recorded:
 * - a timeout is not a verdict: out of time, or a failure that rests only on requests the server
 *   did not answer in time, is INCONCLUSIVE (unless the check says why the silence is evidence);
 * - a server that stopped answering is not judged: the check running then, and every later one,
 *   is INCONCLUSIVE, and server.alive (checks/availability.ts) reports the one finding;
 * - evidence is what was observed: a fail, warn or inconclusive result carries the exchanges it
 *   rests on, from the run's wire recording (wire-log.ts).
 */
import { setMaxListeners } from 'node:events';
import { CheckFailure, InconclusiveCheck, SkipCheck, inconclusive, type CheckResult, type Outcome } from '../core/check.js';
import { isObject } from '../core/json.js';
import type { Check } from './check.js';
import type { CheckContext } from './context.js';
import type { Liveness, Outage } from './liveness.js';
import { describe } from './replies.js';
import { cleanupStep, type CallRecord, type WireLog } from './wire-log.js';

/** The check that reports a server that stopped answering: it runs when nothing else can. */
export const SERVER_ALIVE = 'server.alive';
/** At most this many exchanges are quoted as the evidence of one result. */
const MAX_EVIDENCE = 4;

/** What the runner gives: the run's recording and liveness watch, a context maker, the time limit. */
export interface CheckHost {
  readonly log: WireLog;
  readonly liveness: Liveness;
  readonly checkTimeoutMs: number;
  /** Why this check cannot run (e.g. no connection), if so. */
  blocked(check: Check): string | undefined;
  context(signal: AbortSignal): CheckContext;
  /** The signal that aborts the calls of the running check (undefined between checks). */
  setSignal(signal: AbortSignal | undefined): void;
}

export async function runCheck(check: Check, host: CheckHost): Promise<CheckResult> {
  const started = Date.now();
  const { outcome, evidence } = await judged(check, host, started);
  const filed = outcome.status === 'fail' ? outcome.filedUnder : undefined;
  return {
    id: check.id,
    rule: filed?.rule ?? check.rule,
    level: filed?.level ?? check.level,
    area: check.area,
    title: check.title,
    status: outcome.status,
    ...(outcome.status === 'fail' || outcome.status === 'warn' ? { observed: outcome.observed, expected: outcome.expected } : {}),
    ...((outcome.status === 'skip' || outcome.status === 'inconclusive') && { reason: outcome.reason }),
    ...(outcome.status === 'pass' && outcome.note !== undefined && { note: outcome.note }),
    ...(evidence?.length && { evidence }),
    durationMs: Date.now() - started,
  };
}

async function judged(check: Check, host: CheckHost, started: number): Promise<{ outcome: Outcome; evidence?: string[] }> {
  const dead = host.liveness.dead;
  if (dead && check.id !== SERVER_ALIVE)
    return { outcome: inconclusive(`not run: the server had stopped answering at ${host.log.offset(dead.at)} (see ${SERVER_ALIVE})`) };
  const blocked = host.blocked(check);
  if (blocked !== undefined) return { outcome: { status: 'skip', reason: blocked } };
  host.log.enter(check.id, check);
  const raw = await bounded(check, host);
  // A trouble noticed during the check is confirmed (or not) before the check is judged; a failure
  // is a moment to look whether the server is still there at all.
  if (raw.status === 'fail') await host.liveness.verify(check.id);
  else await host.liveness.settled();
  const outages = check.id === SERVER_ALIVE ? [] : host.liveness.since(started);
  const own = host.log.calls.filter((c) => c.step === check.id);
  if (outages.length) return { outcome: inconclusive(duringOutage(host.log, outages)), evidence: lastCalls(host.log, own) };
  if (raw.status === 'fail' && raw.evidence) return { outcome: raw, evidence: raw.evidence };
  const observed = raw.status === 'fail' || raw.status === 'warn' ? raw.observed : undefined;
  const records = observed === undefined ? [] : described(host.log, own, observed);
  if (raw.status === 'fail' && !raw.silenceDecisive && records.length && records.every(timedOut)) {
    return {
      outcome: inconclusive(
        `no verdict on a timeout: the check would have failed with "${raw.observed}", and that rests only on requests the server did not answer within the time the kit gave them`,
      ),
      evidence: format(host.log, records),
    };
  }
  if (observed !== undefined)
    return { outcome: raw, evidence: format(host.log, records.length ? records : mentioned(host.log, own, observed)) };
  if (raw.status === 'inconclusive') return { outcome: raw, evidence: lastCalls(host.log, own) };
  return { outcome: raw };
}

/** Run the body under the time limit, racing the server's death; then cancel what it left running. */
async function bounded(check: Check, host: CheckHost): Promise<Outcome> {
  const controller = new AbortController();
  // Concurrent calls of one check each listen to its signal: not a leak.
  setMaxListeners(200, controller.signal);
  host.setSignal(controller.signal);
  const ctx = host.context(controller.signal);
  const limit = host.checkTimeoutMs;
  let timer: NodeJS.Timeout | undefined;
  // Out of time is inconclusive, not a failure: a slow server is not a wrong one.
  const timeout = new Promise<Outcome>((resolve) => {
    timer = setTimeout(() => {
      resolve(inconclusive(`no outcome within ${limit} ms (the time limit of a check on this server, from the observed tool durations)`));
      controller.abort(new Error('check timed out'));
    }, limit);
  });
  // server.alive reports the death; every other check stops at it.
  const death =
    check.id === SERVER_ALIVE
      ? new Promise<never>(() => {})
      : host.liveness.whenDead.then((outage) => {
          controller.abort(new Error('the server stopped answering'));
          return inconclusive(stopped(host.log, outage));
        });
  const outcome = await Promise.race([check.run(ctx).catch(toOutcome), timeout, death]).finally(() => clearTimeout(timer));
  host.setSignal(undefined); // the cleanup must not be aborted with a timed-out check
  host.log.enter(cleanupStep(check.id));
  if (!host.liveness.dead) await ctx.cleanup().catch(() => {});
  controller.abort(new Error('check finished'));
  return outcome;
}

export function toOutcome(error: unknown): Outcome {
  if (error instanceof SkipCheck) return { status: 'skip', reason: error.reason };
  if (error instanceof InconclusiveCheck) return { status: 'inconclusive', reason: error.reason };
  if (error instanceof CheckFailure)
    return {
      status: 'fail',
      observed: error.observed,
      expected: error.expected,
      ...(error.filedUnder && { filedUnder: error.filedUnder }),
    };
  return {
    status: 'fail',
    observed: `the check could not complete: ${(error as Error)?.message ?? String(error)}`,
    expected: 'a conforming exchange',
  };
}

/** `the server stopped answering at +7.9 s, during create.unique-ids (fetch failed (ECONNREFUSED))`. */
export function stopped(log: WireLog, outage: Outage): string {
  return `the server stopped answering at ${log.offset(outage.at)}, during ${outage.step} (${outage.note})`;
}

function duringOutage(log: WireLog, outages: Outage[]): string {
  const first = outages[0]!;
  if (!first.recovered) return `${stopped(log, first)}: what this check saw is not a verdict (see ${SERVER_ALIVE})`;
  return `the server stopped answering for a while during this check (${first.note} at ${log.offset(first.at)}; it answered again after ${first.attempts} attempt(s) in ${first.spentMs} ms): what this check saw is not a verdict`;
}

const timedOut = (record: CallRecord): boolean => record.reply.kind === 'local' && record.reply.message.startsWith('no response within');

/**
 * The calls an outcome's text quotes: the check wrote `describe(reply)` into it, so a reply whose
 * description is in the text is one it rests on (first this check's own calls, then those of the
 * shared setups earlier checks ran).
 */
function described(log: WireLog, own: CallRecord[], observed: string): CallRecord[] {
  const quoted = (record: CallRecord) => observed.includes(describe(record.reply));
  const found = own.filter(quoted);
  return firstOfEach(found.length ? found : log.calls.filter(quoted).slice(-MAX_EVIDENCE));
}

/** One call per quoted text: the first (later polls that got the same answer add nothing). */
function firstOfEach(records: CallRecord[]): CallRecord[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const text = `${r.method} ${describe(r.reply)}`;
    return !seen.has(text) && seen.add(text);
  });
}

/**
 * Without a quoted reply: the last call about a task the text names (its taskId), else the last
 * call whose method the text names; this check's first, then those of shared setups earlier checks
 * ran; else the check's last call.
 */
function mentioned(log: WireLog, own: CallRecord[], observed: string): CallRecord[] {
  const aboutTask = (c: CallRecord) => taskIdsOf(log, c).some((id) => observed.includes(id));
  const names = (c: CallRecord) => observed.includes(c.method);
  for (const test of [aboutTask, names]) {
    const found = own.filter(test);
    if (found.length) return found.slice(-1);
    const shared = log.calls.filter(test);
    if (shared.length) return shared.slice(-1);
  }
  return own.slice(-1);
}

/** The task IDs a call was about: in its params, or in the Task its result carries. */
function taskIdsOf(log: WireLog, record: CallRecord): string[] {
  const params = log.exchangeOf(record)?.params ?? {};
  const result = record.reply.kind === 'result' ? record.reply.result : {};
  const task = isObject(result.task) ? result.task : result;
  return [params.taskId, task.taskId].filter((id): id is string => typeof id === 'string' && id.length >= 8);
}

function lastCalls(log: WireLog, own: CallRecord[]): string[] {
  return format(log, own.slice(-2));
}

function format(log: WireLog, records: CallRecord[]): string[] {
  const lines = [...new Set(records.map((r) => log.formatCall(r)))];
  return lines.length > MAX_EVIDENCE
    ? [...lines.slice(0, MAX_EVIDENCE - 1), `… ${lines.length - MAX_EVIDENCE} more like these`, lines.at(-1)!]
    : lines;
}
