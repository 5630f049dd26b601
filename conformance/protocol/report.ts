/**
 * Reports: the result lines printed as checks finish, the full text report grouped by area, the
 * summary line (`N passed, N failed, N warned, N skipped`), and the JSON form (`--json FILE`).
 */
import { AREA_TITLES, type CheckArea, type CheckResult } from './check.js';
import { FIXTURE_NAMES, type Json, type ServerFacts } from './context.js';

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  /** Checks that ran out of time: counted apart, never failures. */
  inconclusive: number;
}

export interface Report {
  suite: 'mcp-tasks protocol conformance';
  specRevision: '2025-11-25';
  /** e.g. "url http://127.0.0.1:3000/mcp" or "stdio node server.js". */
  target: string;
  server?: { name?: unknown; version?: unknown };
  capabilities?: Json;
  /** The documented fixture tools the server offers. */
  fixtures: string[];
  identities: number;
  limits: { maxTasksPerOwner?: number; maxTtlMs?: number };
  startedAt: string;
  durationMs: number;
  summary: Summary;
  /** Failed checks of level MUST: the exit code is 0 only when this is 0. */
  mustFailed: number;
  ok: boolean;
  results: CheckResult[];
}

/** What `buildReport` reads from a run. */
export interface ReportSource {
  readonly results: readonly CheckResult[];
  readonly facts: ServerFacts;
  readonly startedAt: Date;
  readonly connector: { description: string };
  readonly options: { authA?: unknown; authB?: unknown; maxTasksPerOwner?: number; maxTtlMs?: number };
}

export function summarize(results: readonly CheckResult[]): Summary {
  const count = (status: CheckResult['status']) => results.filter((r) => r.status === status).length;
  return { passed: count('pass'), failed: count('fail'), warned: count('warn'), skipped: count('skip'), inconclusive: count('inconclusive') };
}

/** Exactly `N passed, N failed, N warned, N skipped` (then `, N inconclusive` when there are any). */
export function summaryLine(summary: Summary): string {
  const inconclusive = summary.inconclusive ? `, ${summary.inconclusive} inconclusive` : '';
  return `${summary.passed} passed, ${summary.failed} failed, ${summary.warned} warned, ${summary.skipped} skipped${inconclusive}`;
}

export function buildReport(run: ReportSource, areas: readonly CheckArea[]): Report {
  const order = new Map(areas.map((a, i) => [a, i]));
  const results = [...run.results].sort((x, y) => (order.get(x.area) ?? 0) - (order.get(y.area) ?? 0));
  const summary = summarize(results);
  const mustFailed = results.filter((r) => r.status === 'fail' && r.level === 'MUST').length;
  const names = new Set(run.facts.tools.map((t) => t.name));
  return {
    suite: 'mcp-tasks protocol conformance',
    specRevision: '2025-11-25',
    target: run.connector.description,
    ...(run.facts.serverInfo && { server: { name: run.facts.serverInfo.name, version: run.facts.serverInfo.version } }),
    ...(run.facts.capabilities && { capabilities: run.facts.capabilities }),
    fixtures: FIXTURE_NAMES.filter((n) => names.has(n)),
    identities: run.options.authB === undefined ? 1 : 2,
    limits: {
      ...(run.options.maxTasksPerOwner !== undefined && { maxTasksPerOwner: run.options.maxTasksPerOwner }),
      ...(run.options.maxTtlMs !== undefined && { maxTtlMs: run.options.maxTtlMs }),
    },
    startedAt: run.startedAt.toISOString(),
    durationMs: Date.now() - run.startedAt.getTime(),
    summary,
    mustFailed,
    ok: mustFailed === 0,
    results,
  };
}

const LABEL = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP', inconclusive: 'INCONCLUSIVE' } as const;

/** One check as report lines (two more lines, observed/expected, for fail and warn). */
export function formatResult(r: CheckResult): string {
  const head = `${LABEL[r.status]}  ${r.level.padEnd(6)} ${r.rule.padEnd(4)} ${r.id}: ${r.title}`;
  if (r.status === 'pass') return r.note ? `${head} (${r.note})` : head;
  const more = (text: string | undefined) => String(text).replaceAll('\n', '\n          ');
  if (r.status === 'skip') return `${head}\n        skipped: ${more(r.reason)}`;
  if (r.status === 'inconclusive') return `${head}\n        ran out of time: ${more(r.reason)}`;
  return `${head}\n        observed: ${more(r.observed)}\n        expected: ${more(r.expected)}`;
}

/** The whole report as text: a header, the results grouped by area, the summary line last. */
export function formatReport(report: Report): string {
  const lines: string[] = [formatHeader(report)];
  let area: CheckArea | undefined;
  for (const r of report.results) {
    if (r.area !== area) {
      area = r.area;
      lines.push('', `[${AREA_TITLES[area]}]`);
    }
    lines.push(indent(formatResult(r)));
  }
  lines.push('', summaryLine(report.summary));
  return lines.join('\n');
}

/** The two header lines: server and target; fixtures, identities and limits. */
export function formatHeader(report: Report): string {
  const server = report.server ? `${String(report.server.name ?? '?')} ${String(report.server.version ?? '')}`.trim() : 'unknown server';
  return [
    `MCP Tasks (${report.specRevision}) protocol conformance: ${server} via ${report.target}`,
    `fixtures: ${report.fixtures.length ? report.fixtures.join(', ') : 'none'}; identities: ${report.identities}; limits: ${JSON.stringify(report.limits)}`,
  ].join('\n');
}

/** Exit status for a report: 0 only when no MUST check failed. */
export function exitCodeOf(report: Report): 0 | 1 {
  return report.mustFailed === 0 ? 0 : 1;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
