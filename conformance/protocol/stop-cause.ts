/**
 * Which request of the kit made the server stop answering, read from the wire recording, and
 * the rule the finding is filed under. In order of evidence:
 * 1. the server's own stderr (stdio) names a task of the run on an error line (`Error: Cannot store
 *    result for task <id> ...`): the last tasks/cancel of it, else the request that created it;
 * 2. a task the kit cancelled (tasks/cancel answered "cancelled") or whose tasks/result wait it
 *    abandoned (notifications/cancelled), when the server stopped about when that task's work
 *    would have ended: a server that dies storing the late result of a cancelled task;
 * 3. the request in flight when it stopped (sent, never answered; the first sent after its last
 *    answer that does not wait on work): a server that dies on a request.
 * The rule is that of the request: every request of the kit is one the spec allows (cancelling a
 * task, abandoning a wait, a malformed id the spec says how to refuse...), so the finding is a
 * MUST failure, except where the check deliberately breaks a requestor rule whose server side is
 * a SHOULD (R11). When no request can be named, the finding stays a SHOULD: the kit cannot say
 * its own request caused it.
 */
import type { CheckLevel } from '../core/check.js';
import { isObject } from '../core/json.js';
import type { Outage } from './liveness.js';
import type { Exchange, WireLog } from './wire-log.js';

export interface StopCause {
  exchange: Exchange;
  /** Why this request is named, one sentence. */
  why: string;
  rule: string;
  level: CheckLevel;
  expected: string;
}

/** How long a tool ran when discovery probed it (by name and arguments), if known. */
export type DurationOf = (tool: string, args: unknown) => number | undefined;

/** Node's largest timer: a ttl beyond it overflows a store's expiry timer. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Checks that send a request a requestor rule forbids, to see the server's reaction: the finding is filed under the check's own rule. */
const DELIBERATE = new Set([
  'cap.undeclared-task-ignored',
  'tool.forbidden-with-task',
  'tool.required-without-task',
  'poll.related-meta-ignored',
  'cancel.related-meta-ignored',
  'list.invalid-cursor',
  'iso.cursor',
  'err.invalid-id.get',
  'err.invalid-id.result',
  'err.invalid-id.cancel',
]);
const BY_METHOD: Readonly<Record<string, string>> = {
  'tasks/get': 'R35',
  'tasks/result': 'R40',
  'tasks/cancel': 'R67',
  'tasks/list': 'R61',
};
const KEEP_ANSWERING = 'the server keeps answering';

export function stopCause(log: WireLog, outage: Outage, durationOf: DurationOf, waitBudgetMs: number): StopCause | undefined {
  const before = log.exchanges.filter((e) => e.sentAt <= outage.at);
  const created = new Map<string, Exchange>();
  for (const e of before) {
    const task = e.method === 'tools/call' && isObject(e.response?.message.result) ? e.response.message.result.task : undefined;
    if (isObject(task) && typeof task.taskId === 'string') created.set(task.taskId, e);
  }
  return (
    namedInStderr(before, created, outage) ??
    cancelledWork(log, before, created, lastAnswer(before, outage), durationOf, waitBudgetMs) ??
    inFlight(log, before, outage)
  );
}

/**
 * When the server last answered before the outage was noticed: it stopped after that. (Noticed
 * may be much later, when nothing was asked for a while; the cause is judged from the last answer.)
 */
export function lastAnswer(before: Exchange[], outage: Outage): { at: number; step: string } | undefined {
  let last: { at: number; step: string } | undefined;
  for (const e of before)
    if (e.response && e.response.at <= outage.at && (!last || e.response.at > last.at)) last = { at: e.response.at, step: e.step };
  return last;
}

/** A line of a crash: an error, an exception, a refusal (a task named on a plain log line proves nothing). */
const ERROR_LINE = /error|exception|cannot|failed|fatal|panic|throw/i;

function namedInStderr(before: Exchange[], created: Map<string, Exchange>, outage: Outage): StopCause | undefined {
  const lines = (outage.stderrTail ?? '').split('\n').filter((l) => ERROR_LINE.test(l));
  const named = [...created.keys()]
    .map((id) => ({ id, line: lines.findLastIndex((l) => l.includes(id)) }))
    .filter((n) => n.line >= 0)
    .sort((x, y) => y.line - x.line)[0];
  if (!named) return undefined;
  const cancel = before.filter((e) => e.method === 'tasks/cancel' && e.params.taskId === named.id).at(-1);
  if (cancel) return cancelCause(cancel, `the server's stderr names task ${named.id} in an error, and this request cancelled it`);
  const creation = created.get(named.id)!;
  const ttl = isObject(creation.params.task) ? creation.params.task.ttl : undefined;
  const long = typeof ttl === 'number' && ttl > MAX_TIMER_MS;
  return {
    exchange: creation,
    why: `the server's stderr names task ${named.id} in an error, and this request created it${long ? ` with a ttl of ${ttl} ms (beyond 2^31 ms, where timers overflow)` : ''}`,
    rule: long ? 'R35' : 'R16',
    level: 'MUST',
    expected: `${KEEP_ANSWERING}: a task created by a request the spec allows lives its ttl${long ? ' (a long one too)' : ''} and ends without taking the server down`,
  };
}

function cancelCause(cancel: Exchange, why: string): StopCause {
  const answered = isObject(cancel.response?.message.result) && cancel.response.message.result.status === 'cancelled';
  if (!answered)
    return {
      exchange: cancel,
      why,
      rule: 'R67',
      level: 'MUST',
      expected: `an answer to tasks/cancel: the task cancelled (R67), and ${KEEP_ANSWERING}`,
    };
  return {
    exchange: cancel,
    why,
    rule: 'R68',
    level: 'MUST',
    expected: `${KEEP_ANSWERING} after a legal tasks/cancel: the cancelled task stays cancelled while its work goes on or ends (R68); a late result is dropped, not fatal`,
  };
}

/** A cancelled (or abandoned) task whose work would have ended about when the server stopped (after its last answer). */
function cancelledWork(
  log: WireLog,
  before: Exchange[],
  created: Map<string, Exchange>,
  alive: { at: number } | undefined,
  durationOf: DurationOf,
  waitBudgetMs: number,
): StopCause | undefined {
  if (!alive) return undefined;
  const candidates: { exchange: Exchange; taskId: string; abandoned: boolean }[] = [];
  for (const e of before) {
    if (e.method === 'tasks/cancel' && isObject(e.response?.message.result) && e.response.message.result.status === 'cancelled')
      candidates.push({ exchange: e, taskId: String(e.params.taskId), abandoned: false });
  }
  for (const n of log.notifications.filter((x) => x.method === 'notifications/cancelled' && x.at <= alive.at)) {
    const wait = log.byId(n.session, n.params.requestId as number | string);
    if (wait?.method === 'tasks/result' && typeof wait.params.taskId === 'string')
      candidates.push({ exchange: wait, taskId: wait.params.taskId, abandoned: true });
  }
  let best: { cause: StopCause; distance: number } | undefined;
  for (const c of candidates) {
    const creation = created.get(c.taskId);
    if (!creation) continue;
    const tool = String(creation.params.name);
    const duration = durationOf(tool, creation.params.arguments);
    const workEnd = creation.sentAt + (duration ?? 0);
    const latest = creation.sentAt + 2 * (duration ?? waitBudgetMs) + 2_000;
    if (alive.at < c.exchange.sentAt || alive.at > latest) continue;
    const distance = Math.abs(alive.at - workEnd);
    if (best && best.distance <= distance) continue;
    const work =
      duration === undefined
        ? `while its work (${tool}) was still going on`
        : `when that task's work would have ended (${tool} took ${duration} ms when probed)`;
    const why = `${c.abandoned ? 'the kit stopped waiting for this tasks/result (notifications/cancelled)' : 'this request cancelled'} task ${c.taskId} (${tool}, created at ${log.offset(creation.sentAt)}), and the server answered nothing after ${log.offset(alive.at)}, ${alive.at - c.exchange.sentAt} ms later, ${work}`;
    const cause: StopCause = c.abandoned
      ? {
          exchange: c.exchange,
          why,
          rule: 'R46',
          level: 'MUST',
          expected: `${KEEP_ANSWERING} when a requestor stops waiting for tasks/result: only that wait ends (R46), the task goes on`,
        }
      : cancelCause(c.exchange, why);
    best = { cause, distance };
  }
  return best?.cause;
}

/** A request whose answer waits on work (a tasks/result, a plain tools/call): unanswered, it proves nothing. */
function waitsOnWork(e: Exchange): boolean {
  return e.method === 'tasks/result' || (e.method === 'tools/call' && !isObject(e.params.task));
}

/**
 * The request the server stopped on: the first unanswered one sent after its last answer that
 * does not wait on work (requests sent later may have reached a server already gone, as a
 * tasks/cancel sent while a gateway was still to answer 502 for the fatal tasks/get did); with
 * no such request, the last one waiting.
 */
function inFlight(log: WireLog, before: Exchange[], outage: Outage): StopCause | undefined {
  const waiting = before.filter((e) => !e.response || e.response.at > outage.at);
  const alive = lastAnswer(before, outage);
  const pending = waiting.find((e) => alive !== undefined && e.sentAt >= alive.at && !waitsOnWork(e)) ?? waiting.at(-1);
  if (!pending) return undefined;
  const own = DELIBERATE.has(pending.step) ? log.stepRules.get(pending.step) : undefined;
  const rule =
    own?.rule ??
    BY_METHOD[pending.method] ??
    (pending.method === 'tools/call' ? (isObject(pending.params.task) ? 'R16' : 'R13') : (log.stepRules.get(pending.step)?.rule ?? 'R16'));
  return {
    exchange: pending,
    why: 'the server stopped while this request was waiting for its answer, the last one it was sent',
    rule,
    level: own?.level === 'SHOULD' ? 'SHOULD' : 'MUST',
    expected: `an answer to ${pending.method} (${rule}), and ${KEEP_ANSWERING}: every request of the kit is one the spec allows, or one whose refusal it defines`,
  };
}

/** The arguments discovery probed a tool with, compared as JSON. */
export function sameArgs(x: unknown, y: unknown): boolean {
  return JSON.stringify(x ?? {}) === JSON.stringify(y ?? {});
}
