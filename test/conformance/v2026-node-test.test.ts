/**
 * The node:test adapter runs the 2026-07-28 checks (T1-T23) too when its URL target speaks that
 * wire: the reference server serves both generations at one URL.
 */
import assert from 'node:assert/strict';
import { after } from 'node:test';
import { formatReport, registerProtocolConformance, V2026_CHECKS } from '../../conformance/index.js';
import { startHttpServer } from '../../reference-server/http.js';
import { tokenTable } from '../../reference-server/tokens.js';

const server = await startHttpServer({ port: 0, tokens: tokenTable({ 'token-a': 'alice', 'token-b': 'bob' }), logger: () => {} });
after(() => server.close());

registerProtocolConformance({
  name: 'reference server, 2026-07-28 checks through registerProtocolConformance',
  target: { url: server.url },
  authA: 'token-a',
  authB: 'token-b',
  only: ['tasks-2026'],
  strict: true,
  onReport: (report) => {
    assert.equal(report.results.length, V2026_CHECKS.length);
    assert.equal(report.summary.passed, V2026_CHECKS.length, formatReport(report));
  },
});
