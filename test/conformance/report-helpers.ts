/** Made-up check results and reports, and a small XML reader, for the report tests. */
import assert from 'node:assert/strict';
import type { CheckResult } from '../../conformance/core/check.js';
import { summarize } from '../../conformance/core/report.js';
import type { Report } from '../../conformance/protocol/report.js';

/** A result of `status` (any string: statuses added later included) for rule R20. */
export function result(status: string, extra: Partial<CheckResult> = {}): CheckResult {
  const base = { id: `x.${status}`, rule: 'R20', level: 'MUST', area: 'creation', title: `a ${status} check`, durationMs: 5 } as const;
  const details =
    status === 'fail' || status === 'warn'
      ? { observed: 'seen', expected: 'wanted' }
      : status === 'pass'
        ? {}
        : { reason: `why ${status}` };
  return { ...base, status, ...details, ...extra } as CheckResult;
}

export function reportOf(results: CheckResult[]): Report {
  const summary = summarize(results);
  return {
    suite: 'mcp-tasks protocol conformance',
    specRevision: '2025-11-25',
    target: 'url http://127.0.0.1:1/mcp',
    fixtures: [],
    identities: 1,
    limits: {},
    startedAt: '2026-01-01T00:00:00.000Z',
    durationMs: 1234,
    summary,
    mustFailed: results.filter((r) => r.status === 'fail' && r.level === 'MUST').length,
    ok: true,
    results,
  };
}

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const unescape = (s: string) =>
  s.replace(/&(#\d+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCharCode(Number(e.slice(1))) : { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }[e]!,
  );

/** A strict-enough XML reader: every tag must close in order, attributes must be quoted. */
export function parseXml(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack = [root];
  const body = xml.replace(/^<\?xml[^?]*\?>\s*/, '');
  const token = /<(\/?)([\w-]+)((?:\s+[\w-]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let match: RegExpExecArray | null;
  let consumed = 0;
  while ((match = token.exec(body))) {
    consumed = token.lastIndex;
    const [, closing, name, rawAttrs, selfClosing, text] = match;
    const top = stack.at(-1)!;
    if (text !== undefined) {
      top.text += unescape(text);
      continue;
    }
    if (closing) {
      assert.equal(top.name, name, `</${name}> closes <${top.name}>`);
      stack.pop();
      continue;
    }
    const attrs = Object.fromEntries([...(rawAttrs ?? '').matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, unescape(a[2]!)]));
    const element: XmlElement = { name: name!, attrs, children: [], text: '' };
    top.children.push(element);
    if (!selfClosing) stack.push(element);
  }
  assert.equal(consumed, body.length, `unparsed XML at ${body.slice(consumed, consumed + 40)}`);
  assert.equal(stack.length, 1, 'unclosed elements');
  return root.children[0]!;
}
