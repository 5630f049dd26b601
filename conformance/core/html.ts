/**
 * The HTML report (`--html FILE`) of either kit: one self-contained file for a person reviewing a
 * run (a failed CI run, say): the summary and verdict, every check by area with its level, rule,
 * observed and expected, the reason of each skip with the flags that would run it, and for each
 * failed or warned check the wire exchanges recorded while it ran. Inline CSS, no script, no
 * external request; everything that came from the server (or the client) is escaped, and each
 * message is cut at MAX_MESSAGE_CHARS.
 */
import { AREA_TITLES, type CheckArea, type CheckResult, type WireExchange } from './check.js';
import { isObject, type Json } from './json.js';
import { ruleRef, STATUSES, statusInfo, summaryLine, type ResultStatus, type RunReport } from './report.js';

/** Wire messages kept per failed check (the first ones: where the check began). */
export const EVIDENCE_LIMIT = 200;
/** A message longer than this (as indented JSON) is cut in the report. */
export const MAX_MESSAGE_CHARS = 16_000;

export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
}

/** The flags a skip reason names (`--tool-role`, `--allow-tool`, ...): what would run the check. */
export function flagsIn(reason: string | undefined): string[] {
  return [...new Set([...(reason ?? '').matchAll(/(?:^|[\s(`'"=,])(--[a-z][a-z0-9-]*)/g)].map((m) => m[1]!))];
}

export function toHtmlReport(report: RunReport): string {
  const title = `${report.suite}: ${report.target}`;
  const areas: CheckArea[] = [];
  for (const r of report.results) if (!areas.includes(r.area)) areas.push(r.area);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.suite)}</h1>
<p class="verdict ${report.ok ? 'ok' : 'bad'}">${report.ok ? 'No MUST failed' : `${report.mustFailed} MUST failed`} · ${escapeHtml(summaryLine(report.summary))}</p>
<dl class="facts">${facts(report)}</dl>
<p class="counts">${(Object.keys(STATUSES) as ResultStatus[]).map((s) => `<span class="badge ${s}">${report.results.filter((r) => r.status === s).length} ${escapeHtml(STATUSES[s].label.toLowerCase())}</span>`).join(' ')}</p>
<nav>${areas.map((a) => `<a href="#area-${a}">${escapeHtml(AREA_TITLES[a] ?? a)}</a>`).join(' · ')}</nav>
</header>
<main>
${areas
  .map((a) =>
    area(
      a,
      report.results.filter((r) => r.area === a),
    ),
  )
  .join('\n')}
</main>
<footer>Rules: ${escapeHtml(ruleRef('').replace(/#$/, ''))}. Written by mcp-tasks-conformance.</footer>
</body>
</html>
`;
}

function facts(report: RunReport): string {
  const extra = report as RunReport & { [key: string]: unknown };
  const rows: [string, string][] = [
    ['target', report.target],
    ['started', report.startedAt],
    ['duration', `${(report.durationMs / 1000).toFixed(1)} s`],
    ['spec revision', report.specRevision],
  ];
  for (const key of ['server', 'client'] as const) {
    const peer = extra[key];
    if (isObject(peer)) rows.push([key, `${String(peer.name ?? '?')} ${String(peer.version ?? '')}`.trim()]);
  }
  if (Array.isArray(extra.generations)) rows.push(['generations', extra.generations.join(', ')]);
  if (Array.isArray(extra.fixtures) && extra.fixtures.length > 0) rows.push(['fixtures', extra.fixtures.join(', ')]);
  if (typeof extra.identities === 'number') rows.push(['identities', String(extra.identities)]);
  if (typeof extra.pollIntervalMs === 'number') rows.push(['poll interval', `${extra.pollIntervalMs} ms`]);
  if (Array.isArray(extra.scenarios))
    rows.push(['scenarios', extra.scenarios.map((s) => (isObject(s) ? String(s.name) : String(s))).join(', ')]);
  return rows.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
}

function area(name: CheckArea, results: readonly CheckResult[]): string {
  return `<section id="area-${name}">
<h2>${escapeHtml(AREA_TITLES[name] ?? name)}</h2>
<table>
<thead><tr><th>Result</th><th>Level</th><th>Rule</th><th>Check</th><th>Time</th></tr></thead>
<tbody>
${results.map(row).join('\n')}
</tbody>
</table>
</section>`;
}

function row(r: CheckResult): string {
  const info = statusInfo(r.status);
  return `<tr class="${escapeHtml(r.status)}" id="check-${escapeHtml(r.id)}">
<td><span class="badge ${escapeHtml(r.status)}">${escapeHtml(info.label)}</span></td>
<td>${escapeHtml(r.level)}</td>
<td>${escapeHtml(r.rule)}</td>
<td><b>${escapeHtml(r.id)}</b> ${escapeHtml(r.title)}${details(r)}</td>
<td class="ms">${r.durationMs} ms</td>
</tr>`;
}

function details(r: CheckResult): string {
  const info = statusInfo(r.status);
  if (info.detail === 'none') return r.note ? `<p class="note">${escapeHtml(r.note)}</p>` : '';
  if (info.detail === 'observed') {
    return `<dl class="detail"><dt>observed</dt><dd><pre>${escapeHtml(String(r.observed))}</pre></dd><dt>expected</dt><dd><pre>${escapeHtml(String(r.expected))}</pre></dd><dt>rule</dt><dd>${escapeHtml(ruleRef(r.rule))}</dd></dl>${evidence(r.evidence)}${wire(r.wire)}`;
  }
  const flags = flagsIn(r.reason);
  const run = flags.length > 0 ? `<p class="run">To run it: ${flags.map((f) => `<code>${escapeHtml(f)}</code>`).join(' ')}</p>` : '';
  return `<p class="reason">${escapeHtml(info.detail.reason)}: ${escapeHtml(String(r.reason))}</p>${run}${evidence(r.evidence)}`;
}

/** The exchanges the outcome rests on, one line each, as the text report prints them. */
function evidence(lines: readonly string[] | undefined): string {
  if (!lines || lines.length === 0) return '';
  return `<div class="evidence"><p>What it rests on:</p><ol>${lines.map((line) => `<li><code>${escapeHtml(line)}</code></li>`).join('')}</ol></div>`;
}

function wire(exchanges: readonly WireExchange[] | undefined): string {
  if (!exchanges || exchanges.length === 0) return '<p class="nowire">No wire exchange was recorded for this check.</p>';
  const more = exchanges.length >= EVIDENCE_LIMIT ? ` (the first ${EVIDENCE_LIMIT})` : '';
  return `<details class="wire" open><summary>Wire exchanges while it ran: ${exchanges.length}${more}</summary><ol>
${exchanges.map(exchange).join('\n')}
</ol></details>`;
}

function exchange(e: WireExchange): string {
  let text = JSON.stringify(e.message, null, 2) ?? 'undefined';
  if (text.length > MAX_MESSAGE_CHARS) text = `${text.slice(0, MAX_MESSAGE_CHARS)}\n… (${text.length - MAX_MESSAGE_CHARS} more characters)`;
  const arrow = e.from === 'client' ? 'kit → server' : 'server → kit';
  return `<li class="from-${e.from}"><span class="t">+${Math.round(e.t)} ms</span> <span class="session">${escapeHtml(e.session)}</span> <span class="dir">${arrow}</span> <span class="what">${escapeHtml(describe(e.message))}</span><pre>${escapeHtml(text)}</pre></li>`;
}

/** A message in a few words: `request 3 tasks/get`, `error 3 -32602`, `notification notifications/tasks/status`. */
function describe(message: Json): string {
  if (!isObject(message)) return 'message';
  const id = typeof message.id === 'string' || typeof message.id === 'number' ? ` ${message.id}` : '';
  if (typeof message.method === 'string') return `${id ? 'request' : 'notification'}${id} ${message.method}`;
  if (isObject(message.error)) return `error${id} ${String(message.error.code)}`;
  return `result${id}`;
}

const CSS = `
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: #1d2330; background: #f7f8fb; }
header, main, footer { padding: 0 1.5rem; } header { background: #fff; border-bottom: 1px solid #dde1ea; padding-bottom: .8rem; }
h1 { font-size: 1.3rem; margin: 0; padding-top: 1rem; } h2 { font-size: 1.05rem; margin: 1.5rem 0 .5rem; }
.verdict { font-weight: 600; } .verdict.ok { color: #1a7f37; } .verdict.bad { color: #cf222e; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: .5rem 0; } .facts dt { color: #5d6678; } .facts dd { margin: 0; }
.badge { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .8rem; color: #fff; background: #6e7781; }
.badge.pass { background: #1a7f37; } .badge.fail { background: #cf222e; } .badge.warn { background: #b35900; } .badge.inconclusive { background: #8250df; }
nav a { color: #1f6feb; } table { width: 100%; border-collapse: collapse; background: #fff; border: 1px solid #dde1ea; }
th, td { text-align: left; vertical-align: top; padding: .4rem .6rem; border-bottom: 1px solid #dde1ea; } th { font-size: .8rem; color: #5d6678; }
tr.fail { background: #fff5f5; } tr.warn { background: #fffaf0; } td.ms { color: #5d6678; white-space: nowrap; }
pre { white-space: pre-wrap; word-break: break-word; margin: .2rem 0; font: 12px/1.35 ui-monospace, Menlo, monospace; background: #f3f4f7; padding: .35rem .5rem; border-radius: 4px; }
.detail { display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; } .detail dt { color: #5d6678; } .detail dd { margin: 0; }
.reason, .note, .run, .nowire, .evidence p { margin: .25rem 0; color: #5d6678; } .evidence ol { margin: .2rem 0 .4rem 1.2rem; padding: 0; } .evidence code { white-space: pre-wrap; word-break: break-all; } code { background: #eef1f6; padding: 0 .25rem; border-radius: 3px; }
.wire ol { list-style: none; padding: 0; margin: .3rem 0; } .wire li { border-left: 3px solid #1f6feb; padding-left: .5rem; margin: .35rem 0; }
.wire li.from-server { border-left-color: #b35900; } .wire .t, .wire .session, .wire .dir { color: #5d6678; font-size: .8rem; } .wire .what { font-weight: 600; }
footer { color: #5d6678; padding: 1.5rem; }
`;
