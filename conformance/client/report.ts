/**
 * The requestor report: the shared report (core/report.ts: verdict, result lines, summary, exit
 * rule) with a header naming the client and one line per scenario run. Text, JSON and JUnit
 * (core/junit.ts) come from this one object.
 */
import type { CheckResult } from '../core/check.js';
import { isObject } from '../core/json.js';
import { formatByArea, formatResult, indent, STATUSES, statusInfo, summaryLine, verdict, type RunReport } from '../core/report.js';
import { GENERATION_2025 } from '../core/wire.js';
import { count, type Evidence, type ScenarioRun } from './check.js';

export interface ScenarioLine {
  name: string;
  /** Client exit code; null when killed after the time limit. */
  exitCode: number | null;
  timedOut: boolean;
  durationMs: number;
  messages: number;
  /** Status notifications the server withheld (quiet scenario). */
  withheld: number;
  /** The tail of the client's output when it did not exit 0. */
  output?: string;
}

/** The shared report's fields, with the client and its scenario runs (`target` is the client command). */
export interface ClientReport extends RunReport {
  suite: 'mcp-tasks requestor conformance';
  client?: { name?: unknown; version?: unknown };
  pollIntervalMs: number;
  scenarios: ScenarioLine[];
}

export function buildClientReport(source: { command: string; startedAt: Date; evidence: Evidence; results: CheckResult[] }): ClientReport {
  const init = source.evidence.runs.map((r) => r.wire.initialize).find((p) => p !== undefined);
  return {
    suite: 'mcp-tasks requestor conformance',
    specRevision: GENERATION_2025,
    target: source.command,
    ...(init && isObject(init.clientInfo) && { client: { name: init.clientInfo.name, version: init.clientInfo.version } }),
    ...(init && isObject(init.capabilities) && { capabilities: init.capabilities }),
    pollIntervalMs: source.evidence.pollIntervalMs,
    scenarios: source.evidence.runs.map(scenarioLine),
    startedAt: source.startedAt.toISOString(),
    durationMs: Date.now() - source.startedAt.getTime(),
    ...verdict(source.results),
  };
}

export function scenarioLine(run: ScenarioRun): ScenarioLine {
  const { exit } = run;
  return {
    name: run.scenario.name,
    exitCode: exit.code,
    timedOut: exit.timedOut,
    durationMs: exit.durationMs,
    messages: run.wire.entries.length,
    withheld: run.dropped,
    ...(exit.code !== 0 && exit.output && { output: outputTail(exit.output) }),
  };
}

/** The first line (usually the error) and the last three of a client's output. */
function outputTail(output: string): string {
  const lines = output.split('\n');
  return lines.length <= 4 ? output : [lines[0], '…', ...lines.slice(-3)].join('\n');
}

export function formatScenarioLine(s: ScenarioLine): string {
  const end = s.timedOut ? 'killed after the time limit' : `exit ${String(s.exitCode)}`;
  const withheld = s.withheld ? `, ${count(s.withheld, 'status notification')} withheld` : '';
  const head = `${s.name.padEnd(10)} ${end} in ${(s.durationMs / 1000).toFixed(1)} s, ${count(s.messages, 'message')}${withheld}`;
  return s.output ? `${head}\n  | ${s.output.replaceAll('\n', '\n  | ')}` : head;
}

export function formatClientHeader(report: ClientReport): string {
  const client = report.client ? `${String(report.client.name ?? '?')} ${String(report.client.version ?? '')}`.trim() : 'unknown client';
  return [
    `MCP Tasks (${report.specRevision}) requestor conformance: ${client} via ${report.target}`,
    `pollInterval: ${report.pollIntervalMs} ms; scenarios:`,
    ...report.scenarios.map((s) => indent(formatScenarioLine(s))),
  ].join('\n');
}

/** The whole report as text; `quiet` keeps only failures, warnings and inconclusive results. */
export function formatClientReport(report: ClientReport, options: { quiet?: boolean } = {}): string {
  const shown = options.quiet ? report.results.filter((r) => statusInfo(r.status).notable) : report.results;
  return [formatClientHeader(report), ...formatByArea(shown, formatClientResult), '', summaryLine(report.summary)].join('\n');
}

/**
 * One result as report lines (core/report.ts formatResult). A requestor check is inconclusive
 * when the client never reached the point its rule is about, not because time ran out.
 */
export function formatClientResult(r: CheckResult): string {
  const detail = STATUSES.inconclusive.detail;
  const text = formatResult(r);
  return r.status === 'inconclusive' && typeof detail === 'object' ? text.replace(`${detail.reason}: `, 'not observed: ') : text;
}
