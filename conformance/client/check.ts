/**
 * What a requestor check is: the shared check model (core/check.ts: id, rule, level, area,
 * title, outcomes), judged from the recordings of every scenario run instead of by talking to a
 * server. A check that never saw the client reach the point its rule is about is inconclusive,
 * never a failure.
 */
import type { CheckInfo, Outcome } from '../core/check.js';
import type { ClientExit } from './run-client.js';
import type { Scenario } from './scenarios.js';
import type { Wire } from './wire.js';

/** One scenario: the client's run and the recording of the wire. */
export interface ScenarioRun {
  readonly scenario: Scenario;
  readonly exit: ClientExit;
  readonly wire: Wire;
  /** Status notifications the server withheld (quiet scenarios). */
  readonly dropped: number;
}

/** Everything a check judges. */
export interface Evidence {
  readonly runs: readonly ScenarioRun[];
  /** The pollInterval the scripted server gave (ms). */
  readonly pollIntervalMs: number;
}

export interface ClientCheck extends CheckInfo {
  judge(evidence: Evidence): Outcome;
}

export function clientCheck(info: CheckInfo, judge: ClientCheck['judge']): ClientCheck {
  return Object.freeze({ ...info, judge });
}

/** "in scenario cancel" / "in scenarios cancel, list", for report lines. */
export function where(runs: readonly ScenarioRun[]): string {
  const names = [...new Set(runs.map((r) => r.scenario.name))];
  return `in scenario${names.length === 1 ? '' : 's'} ${names.join(', ')}`;
}

/** "1 task", "3 tasks". */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
