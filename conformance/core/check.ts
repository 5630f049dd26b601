/**
 * The check model every kit shares: a check names the spec rule it tests (the R-numbers of the
 * requirements digest, T-numbers of the 2026-07-28 extension), its level (MUST / SHOULD / MAY)
 * and its area, and ends in one outcome: pass, fail (observed vs expected), warn (a SHOULD not
 * met, or an allowed alternative the spec does not recommend), skip (with the reason) or
 * inconclusive. How a check runs is the kit's own: the protocol kit's `Check` talks to a server
 * (protocol/check.ts), the requestor kit's `ClientCheck` judges recordings (client/check.ts).
 */

export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY';

/** The areas, in report order. */
import type { Json } from './json.js';

export const AREAS = [
  'availability',
  'capabilities',
  'tool-support',
  'creation',
  'polling',
  'result',
  'listing',
  'cancellation',
  'notifications',
  'input-required',
  'ttl-timestamps',
  'errors',
  'isolation',
  'limits',
  'tasks-2026',
] as const;
export type CheckArea = (typeof AREAS)[number];

export const AREA_TITLES: Readonly<Record<CheckArea, string>> = {
  availability: 'Server availability',
  capabilities: 'Capability negotiation',
  'tool-support': 'Tool-level taskSupport',
  creation: 'Task creation',
  polling: 'Polling (tasks/get)',
  result: 'Result retrieval (tasks/result)',
  listing: 'Listing and pagination (tasks/list)',
  cancellation: 'Cancellation (tasks/cancel)',
  notifications: 'Status notifications',
  'input-required': 'input_required and side-channel requests',
  'ttl-timestamps': 'TTL and timestamps',
  errors: 'Error codes and messages for bad input',
  isolation: 'Owner isolation',
  limits: 'Security limits',
  'tasks-2026': 'Tasks extension, 2026-07-28 wire (T rules)',
};

/**
 * `inconclusive`: the check could not reach a verdict: it ran out of time (a slow server is not a
 * wrong one) or the server stopped answering; never a failure.
 */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'inconclusive';

export type Outcome =
  | { status: 'pass'; note?: string }
  /**
   * `silenceDecisive`: the check rests its verdict on a request left unanswered and says why that
   * silence is evidence (e.g. the same request without the misleading field was answered at once).
   * Without it, a failure whose only evidence is a request that timed out is INCONCLUSIVE: a
   * timeout is not a verdict (protocol/check-run.ts). `filedUnder`: the rule and level of this
   * failure when they depend on what was observed (see CheckInfo.rules). `evidence`: the
   * exchanges it rests on, when the check names them itself (else the runner finds them).
   */
  | {
      status: 'fail';
      observed: string;
      expected: string;
      silenceDecisive?: true;
      filedUnder?: { rule: string; level: CheckLevel };
      evidence?: string[];
    }
  | { status: 'warn'; observed: string; expected: string }
  | { status: 'skip'; reason: string }
  | { status: 'inconclusive'; reason: string };

/** What a check is, without its body (what reports and listings carry). */
export interface CheckInfo {
  /** Stable id, e.g. `tool.required-without-task`: reports, RULES.md and the mutation catalogues name checks by it. */
  readonly id: string;
  /** The rule of the digest, e.g. `R13`. */
  readonly rule: string;
  readonly level: CheckLevel;
  readonly area: CheckArea;
  readonly title: string;
  /**
   * Further rules a result of this check may be filed under, when the rule depends on what was
   * observed (server.alive: the rule of the request that made the server stop). RULES.md lists
   * the check under each.
   */
  readonly rules?: readonly string[];
}

/** One check's result, as reported and written to JSON. */
export interface CheckResult extends CheckInfo {
  status: CheckStatus;
  /** For fail and warn: what the server sent (the wire message). */
  observed?: string;
  /** For fail and warn: what the rule requires. */
  expected?: string;
  /** For skip and inconclusive: why. */
  reason?: string;
  /** For pass: an optional remark (e.g. which of the allowed behaviours was seen). */
  note?: string;
  /**
   * For fail, warn and inconclusive: the exchanges the outcome rests on, from the run's wire
   * recording, one line each (`A: tasks/cancel {...} -> error -32602 "..." (4 ms)`).
   */
  evidence?: string[];
  durationMs: number;
  /** For fail and warn: the wire exchanges recorded while the check ran (the HTML report shows them). */
  wire?: WireExchange[];
}

/** One JSON-RPC message a kit recorded: when (ms from the check's or the recording's start), on which session, from whom. */
export interface WireExchange {
  t: number;
  session: string;
  from: 'client' | 'server';
  message: Json;
}

export const pass = (note?: string): Outcome => (note === undefined ? { status: 'pass' } : { status: 'pass', note });
export const fail = (observed: string, expected: string): Outcome => ({ status: 'fail', observed, expected });
/** A failure that rests on a request left unanswered, where the check has shown why that silence is evidence (see Outcome). */
export const failOnSilence = (observed: string, expected: string): Outcome => ({
  status: 'fail',
  observed,
  expected,
  silenceDecisive: true,
});
export const warn = (observed: string, expected: string): Outcome => ({ status: 'warn', observed, expected });
export const skip = (reason: string): Outcome => ({ status: 'skip', reason });
export const inconclusive = (reason: string): Outcome => ({ status: 'inconclusive', reason });

/** Thrown by helpers to end a check early with `skip(reason)`. */
export class SkipCheck extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'SkipCheck';
  }
}

/** Thrown by helpers to end a check early with `inconclusive(reason)`: no verdict could be reached. */
export class InconclusiveCheck extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InconclusiveCheck';
  }
}

/** Thrown by helpers to end a check early with `fail(observed, expected)`. */
export class CheckFailure extends Error {
  constructor(
    readonly observed: string,
    readonly expected: string,
  ) {
    super(`observed ${observed}; expected ${expected}`);
    this.name = 'CheckFailure';
  }
}
