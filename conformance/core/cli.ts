/**
 * What the two commands (`mcp-tasks-conformance`, `mcp-tasks-conformance client`) share: a usage
 * error (exit code 2), and the end of a run: `--json FILE`, `--junit FILE`, `--html FILE` and the
 * exit code.
 */
import { writeFileSync } from 'node:fs';
import type { Json } from './json.js';
import { toHtmlReport } from './html.js';
import { toJUnitXml } from './junit.js';
import { exitCodeOf, type RunReport } from './report.js';

/** A flag or its value is wrong: the command prints the message and exits 2. */
export class UsageError extends Error {}

export interface ReportFiles {
  /** Write the report as JSON here. */
  json?: string | undefined;
  /** Write the report as JUnit XML here. */
  junit?: string | undefined;
  /** Write the report as one self-contained HTML page here. */
  html?: string | undefined;
}

/** Write the report files asked for (the JSON with `extra` beside the report's fields); returns the exit code (`strict`: exitCodeOf). */
export function writeReportFiles(report: RunReport, files: ReportFiles, extra: Json = {}, exit: { strict?: boolean } = {}): 0 | 1 {
  if (files.json !== undefined) writeFileSync(files.json, `${JSON.stringify({ ...report, ...extra }, null, 2)}\n`);
  if (files.junit !== undefined) writeFileSync(files.junit, toJUnitXml(report));
  if (files.html !== undefined) writeFileSync(files.html, toHtmlReport(report));
  return exitCodeOf(report, exit);
}
