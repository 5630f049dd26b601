/**
 * The report as JUnit XML (`--junit FILE`), the format CI systems ingest: one `<testsuite>` per
 * area, one `<testcase>` per check. How each status maps is one table (JUNIT_OUTCOMES): a fail is
 * a `<failure>`; skip and inconclusive are `<skipped>` (inconclusive with its message prefixed,
 * never a failure); a warning passes with its details in `<system-out>`.
 */
import { AREA_TITLES, type CheckArea, type CheckResult } from './check.js';
import { compactPayloads } from './compact.js';
import { ruleRef, type ResultStatus, type RunReport } from './report.js';

/** What a status becomes in JUnit. */
interface JUnitOutcome {
  element: 'failure' | 'skipped' | 'system-out' | 'none';
  /** Put before the message, e.g. `inconclusive: `. */
  prefix?: string;
}

export const JUNIT_OUTCOMES: Readonly<Record<ResultStatus, JUnitOutcome>> = {
  pass: { element: 'none' },
  fail: { element: 'failure' },
  warn: { element: 'system-out', prefix: 'warning: ' },
  skip: { element: 'skipped' },
  inconclusive: { element: 'skipped', prefix: 'inconclusive: ' },
};

/** What the XML is written from: any kit's report (the protocol and the requestor report both fit). */
export type JUnitSource = Pick<RunReport, 'suite' | 'results' | 'durationMs' | 'startedAt' | 'target' | 'specRevision'>;

const outcomeOf = (r: CheckResult): JUnitOutcome => JUNIT_OUTCOMES[r.status as ResultStatus] ?? JUNIT_OUTCOMES.fail;

const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- the control characters XML 1.0 forbids are what it matches
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for XML: the five entities escaped, characters XML 1.0 forbids dropped. */
export function xmlEscape(text: string): string {
  return text
    .replace(XML_FORBIDDEN, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** An attribute value: escaped, with line breaks kept as character references. */
const attr = (text: string): string => xmlEscape(text).replaceAll('\r', '&#13;').replaceAll('\n', '&#10;');
const seconds = (ms: number): string => (ms / 1000).toFixed(3);

/** The report as a JUnit XML document. */
export function toJUnitXml(report: JUnitSource): string {
  const areas = new Map<CheckArea, CheckResult[]>();
  for (const r of report.results) areas.set(r.area, [...(areas.get(r.area) ?? []), r]);
  const suites = [...areas].map(([area, results]) => testsuite(area, results, report));
  const counts = countOf(report.results);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${attr(report.suite)}" tests="${counts.tests}" failures="${counts.failures}" errors="0" skipped="${counts.skipped}" time="${seconds(report.durationMs)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function countOf(results: readonly CheckResult[]): { tests: number; failures: number; skipped: number; time: number } {
  const element = (r: CheckResult) => outcomeOf(r).element;
  return {
    tests: results.length,
    failures: results.filter((r) => element(r) === 'failure').length,
    skipped: results.filter((r) => element(r) === 'skipped').length,
    time: results.reduce((sum, r) => sum + r.durationMs, 0),
  };
}

function testsuite(area: CheckArea, results: readonly CheckResult[], report: JUnitSource): string {
  const c = countOf(results);
  const head = `  <testsuite name="${attr(AREA_TITLES[area] ?? area)}" id="${attr(area)}" tests="${c.tests}" failures="${c.failures}" errors="0" skipped="${c.skipped}" time="${seconds(c.time)}" timestamp="${attr(report.startedAt)}">`;
  const properties = [
    '    <properties>',
    `      <property name="target" value="${attr(report.target)}"/>`,
    `      <property name="specRevision" value="${attr(report.specRevision)}"/>`,
    '    </properties>',
  ];
  return [head, ...properties, ...results.map(testcase), '  </testsuite>'].join('\n');
}

function testcase(r: CheckResult): string {
  const open = `    <testcase name="${attr(`${r.id}: ${r.title}`)}" classname="${attr(`mcp-tasks.conformance.${r.area}`)}" time="${seconds(r.durationMs)}"`;
  const body = testcaseBody(r);
  return body === '' ? `${open}/>` : `${open}>\n${body}\n    </testcase>`;
}

/** The element inside a testcase: message attribute (one line) plus the full details. */
function testcaseBody(r: CheckResult): string {
  const outcome = outcomeOf(r);
  const prefix = outcome.prefix ?? '';
  const label = `${r.level} ${r.rule}`;
  const observed = r.observed !== undefined ? compactPayloads(r.observed) : undefined;
  const details = [
    ...(observed !== undefined ? [`observed: ${observed}`, `expected: ${compactPayloads(String(r.expected))}`] : []),
    ...(r.reason !== undefined ? [`reason: ${compactPayloads(r.reason)}`] : []),
    ...(r.evidence?.length ? ['wire:', ...r.evidence.map((e) => `  ${compactPayloads(e)}`)] : []),
    `rule: ${label}, see ${ruleRef(r.rule)}`,
  ].join('\n');
  const message = `${prefix}${label}: ${observed ?? r.reason ?? r.title}`;
  switch (outcome.element) {
    case 'failure':
      return `      <failure message="${attr(message)}" type="${attr(r.level)}">${xmlEscape(details)}</failure>`;
    case 'skipped':
      return `      <skipped message="${attr(`${prefix}${compactPayloads(r.reason ?? '')}`)}"/>`;
    case 'system-out':
      return `      <system-out>${xmlEscape(`${message}\n${details}`)}</system-out>`;
    default:
      return r.note ? `      <system-out>${xmlEscape(r.note)}</system-out>` : '';
  }
}
