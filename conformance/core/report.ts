/**
 * What every kit's report is made of: the fields of the JSON form (`--json FILE`: the report
 * object itself), the verdict (summary, MUST failures, exit code), the result lines (printed as
 * checks finish and in the text report, grouped by area) and the summary line
 * (`N passed, N failed, N warned, N skipped`). Each kit adds its header (protocol/report.ts,
 * client/report.ts). Everything here is written over the STATUSES table, so a new check status
 * is one row.
 */
import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AREA_TITLES, AREAS, type CheckArea, type CheckResult, type CheckStatus } from './check.js';
import { compactPayloads } from './compact.js';
import type { Json } from './json.js';
import type { GENERATION_2025 } from './wire.js';

export interface Summary {
  passed: number;
  failed: number;
  warned: number;
  skipped: number;
  /** Checks that reached no verdict (out of time, the server stopped answering): counted apart, never failures. */
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
  inconclusive: { label: 'INCONCLUSIVE', counted: 'inconclusive', notable: true, detail: { reason: 'not judged' } },
};

/** The status row of a result (an unknown status reads as a failure, never as a pass). */
export const statusInfo = (status: string): StatusInfo =>
  STATUSES[status as ResultStatus] ?? { ...STATUSES.fail, label: status.toUpperCase() };

/** The fields every kit's report has (the protocol and the requestor report extend it). */
export interface RunReport {
  suite: string;
  specRevision: typeof GENERATION_2025;
  /** What was checked, e.g. "url http://127.0.0.1:3000/mcp", "stdio node server.js", or a client command. */
  target: string;
  capabilities?: Json;
  startedAt: string;
  durationMs: number;
  summary: Summary;
  /** Failed checks of level MUST: the exit code is 0 only when this is 0. */
  mustFailed: number;
  ok: boolean;
  results: CheckResult[];
}

/** The verdict of a run: its results in area order, their summary, the MUST failures and whether it is ok. */
export function verdict(
  results: readonly CheckResult[],
  areas: readonly CheckArea[] = AREAS,
): Pick<RunReport, 'summary' | 'mustFailed' | 'ok' | 'results'> {
  const order = new Map(areas.map((a, i) => [a, i]));
  const sorted = [...results].sort((x, y) => (order.get(x.area) ?? 0) - (order.get(y.area) ?? 0));
  const mustFailed = sorted.filter((r) => r.status === 'fail' && r.level === 'MUST').length;
  return { summary: summarize(sorted), mustFailed, ok: mustFailed === 0, results: sorted };
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
  // The exchanges the outcome rests on, as recorded on the wire (the request and what came back).
  if (r.evidence?.length) lines.push(`        wire: ${r.evidence.map((e) => compactPayloads(e)).join('\n              ')}`);
  if (info.notable) lines.push(`        see ${ruleRef(r.rule)}`);
  return lines.join('\n');
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

/**
 * Exit status for a report: 0 only when no MUST check failed; `strict` (the CLIs' --strict): also
 * 1 when any check failed or warned (a SHOULD not met). No verdict (inconclusive, skipped) never fails a run.
 */
export function exitCodeOf(
  report: Pick<RunReport, 'mustFailed'> & Partial<Pick<RunReport, 'results'>>,
  options: { strict?: boolean } = {},
): 0 | 1 {
  if (report.mustFailed !== 0) return 1;
  return options.strict && report.results?.some((r) => r.status === 'fail' || r.status === 'warn') ? 1 : 0;
}

export function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}
