/**
 * The protocol kit's report: the shared report (core/report.ts: verdict, result lines, summary)
 * with what was learnt of the server (name, capabilities, fixture tools, identities, limits, the
 * generations it speaks) and the header that says so.
 */
import { AREA_TITLES, AREAS, type CheckResult } from '../core/check.js';
import { formatByArea, summaryLine, verdict, type RunReport } from '../core/report.js';
import { GENERATION_2025, GENERATION_2026 } from '../core/wire.js';
import { FIXTURE_NAMES, type ServerFacts } from './run-state.js';

export interface Report extends RunReport {
  suite: 'mcp-tasks protocol conformance';
  /** The generations the target speaks (`2025-11-25`, `2026-07-28`); the 2026 checks are area `tasks-2026`. */
  generations?: string[];
  server?: { name?: unknown; version?: unknown };
  /** The documented fixture tools the server offers. */
  fixtures: string[];
  identities: number;
  limits: { maxTasksPerOwner?: number; maxTtlMs?: number };
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

export function buildReport(run: ReportSource): Report {
  const names = new Set(run.facts.tools.map((t) => t.name));
  return {
    suite: 'mcp-tasks protocol conformance',
    specRevision: GENERATION_2025,
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
    ...verdict(run.results, AREAS),
  };
}

/** The whole report as text: a header, the results grouped by area, the summary line last. */
export function formatReport(report: Report): string {
  return [formatHeader(report), ...formatByArea(report.results), '', summaryLine(report.summary)].join('\n');
}

/** The two header lines: server and target; fixtures, identities and limits. */
export function formatHeader(report: Report): string {
  const server = report.server ? `${String(report.server.name ?? '?')} ${String(report.server.version ?? '')}`.trim() : 'unknown server';
  return [
    `MCP Tasks (${report.specRevision}) protocol conformance: ${server} via ${report.target}`,
    `fixtures: ${report.fixtures.length ? report.fixtures.join(', ') : 'none'}; identities: ${report.identities}; limits: ${JSON.stringify(report.limits)}`,
    // Said only when the 2026 wire was found, so a 2025-only report reads as it always did.
    ...(report.generations?.includes(GENERATION_2026)
      ? [`generations: ${report.generations.join(', ')} (${GENERATION_2026} checks under [${AREA_TITLES['tasks-2026']}])`]
      : []),
  ].join('\n');
}
