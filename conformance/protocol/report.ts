/**
 * Reports: the result lines printed as checks finish, the full text report grouped by area, the
 * summary line (`N passed, N failed, N warned, N skipped`), and the JSON form (`--json FILE`).
 * Everything here is written over the STATUSES table, so a new check status is one row.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA_TITLES, type CheckArea, type CheckResult, type CheckStatus } from './check.js';
import { compactPayloads } from './compact.js';
import { FIXTURE_NAMES, type Json, type ServerFacts } from './context.js';

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  /** Checks that ran out of time: counted apart, never failures. */
  inconclusive: number;
}

/** Every status a check can end in (`inconclusive` is listed even before check.ts has it). */
export type ResultStatus = CheckStatus | 'inconclusive';

export interface StatusInfo {
  /** The word at the start of a report line. */
  label: string;
  /** Where the summary counts it. */
  counted: keyof Summary;
  /** Shown under `--quiet`, and pointed at its rule's entry in RULES.md. */
  notable: boolean;
  /** What the report shows under the head line: observed/expected, or the reason with this label. */
  detail: 'none' | 'observed' | { reason: string };
}

export const STATUSES: Readonly<Record<ResultStatus, StatusInfo>> = {
  pass: { label: 'PASS', counted: 'passed', notable: false, detail: 'none' },
  fail: { label: 'FAIL', counted: 'failed', notable: true, detail: 'observed' },
  warn: { label: 'WARN', counted: 'warned', notable: true, detail: 'observed' },
  skip: { label: 'SKIP', counted: 'skipped', notable: false, detail: { reason: 'skipped' } },
  inconclusive: { label: 'INCONCLUSIVE', counted: 'inconclusive', notable: true, detail: { reason: 'ran out of time' } },
};

/** The status row of a result (an unknown status reads as a failure, never as a pass). */
export const statusInfo = (status: string): StatusInfo => STATUSES[status as ResultStatus] ?? { ...STATUSES.fail, label: status.toUpperCase() };

export interface Report {
  suite: 'mcp-tasks protocol conformance';
  specRevision: '2025-11-25';
  /** The generations the target speaks (`2025-11-25`, `2026-07-28`); the 2026 checks are area `tasks-2026`. */
  generations?: string[];
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
  readonly generations?: readonly string[];
  readonly options: { authA?: unknown; authB?: unknown; maxTasksPerOwner?: number; maxTtlMs?: number };
}

export function summarize(results: readonly CheckResult[]): Summary {
  const summary: Summary = { passed: 0, failed: 0, warned: 0, skipped: 0, inconclusive: 0 };
  for (const r of results) summary[statusInfo(r.status).counted]++;
  return summary;
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
    ...(run.generations && { generations: [...run.generations] }),
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

/**
 * Where RULES.md is, as the reader can open it: relative to the working directory when the file
 * is there (`conformance/RULES.md` in this repository, `node_modules/mcp-tasks/conformance/RULES.md`
 * in a project that installed the package), else its path inside the package.
 */
export const RULES_DOC: string = (() => {
  const file = fileURLToPath(new URL('../../../conformance/RULES.md', import.meta.url));
  if (!existsSync(file)) return 'mcp-tasks/conformance/RULES.md';
  const rel = relative(process.cwd(), file).replaceAll('\\', '/');
  return rel.startsWith('../../') ? file : rel;
})();

/** The entry of a rule in RULES.md, e.g. `conformance/RULES.md#r20`. */
export const ruleRef = (rule: string): string => `${RULES_DOC}#${rule.toLowerCase()}`;

/** One check as report lines: the head, then observed/expected or the reason, then the rule's entry. */
export function formatResult(r: CheckResult): string {
  const info = statusInfo(r.status);
  const head = `${info.label}  ${r.level.padEnd(6)} ${r.rule.padEnd(4)} ${r.id}: ${r.title}`;
  const more = (text: string | undefined) => compactPayloads(String(text)).replaceAll('\n', '\n          ');
  const lines = [info.detail === 'none' && r.note ? `${head} (${compactPayloads(r.note)})` : head];
  if (info.detail === 'observed') lines.push(`        observed: ${more(r.observed)}`, `        expected: ${more(r.expected)}`);
  else if (info.detail !== 'none') lines.push(`        ${info.detail.reason}: ${more(r.reason)}`);
  if (info.notable) lines.push(`        see ${ruleRef(r.rule)}`);
  return lines.join('\n');
}

/** The whole report as text: a header, the results grouped by area, the summary line last. */
export function formatReport(report: Report): string {
  return [formatHeader(report), ...formatByArea(report.results), '', summaryLine(report.summary)].join('\n');
}

/** Results as lines under an `[Area title]` line per area (results already in area order). */
export function formatByArea(results: readonly CheckResult[], format: (r: CheckResult) => string = formatResult): string[] {
  const lines: string[] = [];
  let area: CheckArea | undefined;
  for (const r of results) {
    if (r.area !== area) {
      area = r.area;
      lines.push('', `[${AREA_TITLES[area]}]`);
    }
    lines.push(indent(format(r)));
  }
  return lines;
}

/** The two header lines: server and target; fixtures, identities and limits. */
export function formatHeader(report: Report): string {
  const server = report.server ? `${String(report.server.name ?? '?')} ${String(report.server.version ?? '')}`.trim() : 'unknown server';
  return [
    `MCP Tasks (${report.specRevision}) protocol conformance: ${server} via ${report.target}`,
    `fixtures: ${report.fixtures.length ? report.fixtures.join(', ') : 'none'}; identities: ${report.identities}; limits: ${JSON.stringify(report.limits)}`,
    // Said only when the 2026 wire was found, so a 2025-only report reads as it always did.
    ...(report.generations?.includes('2026-07-28') ? [`generations: ${report.generations.join(', ')} (2026-07-28 checks under [${AREA_TITLES['tasks-2026']}])`] : []),
  ].join('\n');
}

/** Exit status for a report: 0 only when no MUST check failed. */
export function exitCodeOf(report: Pick<Report, 'mustFailed'>): 0 | 1 {
  return report.mustFailed === 0 ? 0 : 1;
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
