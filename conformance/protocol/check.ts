/**
 * What a protocol check is and what it reports: every check names the spec rule it tests (the
 * R-numbers of the requirements digest), its level (MUST / SHOULD / MAY), its area, and returns
 * one outcome: pass, fail (observed vs expected), warn (a SHOULD not met, or an allowed
 * alternative the spec does not recommend) or skip (with the reason).
 */
import type { CheckContext } from './context.js';

export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY';

/** The areas, in report order. */
export const AREAS = [
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

/** `inconclusive`: the check ran out of time (a slow server), which is never a failure. */
export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip' | 'inconclusive';

export type Outcome =
  | { status: 'pass'; note?: string }
  | { status: 'fail'; observed: string; expected: string }
  | { status: 'warn'; observed: string; expected: string }
  | { status: 'skip'; reason: string }
  | { status: 'inconclusive'; reason: string };

export interface Check {
  /** Stable id, e.g. `tool.required-without-task`. */
  readonly id: string;
  /** The rule of the digest, e.g. `R13`. */
  readonly rule: string;
  readonly level: CheckLevel;
  readonly area: CheckArea;
  readonly title: string;
  run(ctx: CheckContext): Promise<Outcome>;
}

/** The metadata of a check, without its body (what reports and listings carry). */
export type CheckInfo = Pick<Check, 'id' | 'rule' | 'level' | 'area' | 'title'>;

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
  durationMs: number;
}

export const pass = (note?: string): Outcome => (note === undefined ? { status: 'pass' } : { status: 'pass', note });
export const fail = (observed: string, expected: string): Outcome => ({ status: 'fail', observed, expected });
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

/** Thrown by helpers to end a check early with `inconclusive(reason)`: it ran out of time. */
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

/** Define a check (keeps the declarations short). */
export function check(info: CheckInfo, run: Check['run']): Check {
  return Object.freeze({ ...info, run });
}

/** The `_meta` key that ties a message to a task. */
export const RELATED_TASK = 'io.modelcontextprotocol/related-task';
export const MODEL_IMMEDIATE_RESPONSE = 'io.modelcontextprotocol/model-immediate-response';

export const TASK_STATUSES = ['working', 'input_required', 'completed', 'failed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TERMINAL: ReadonlySet<string> = new Set(['completed', 'failed', 'cancelled']);
export const isTerminalStatus = (status: unknown): boolean => typeof status === 'string' && TERMINAL.has(status);

/** JSON, shortened for a report line. */
export function brief(value: unknown, max = 300): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
